package kinesisfake

import (
	"bytes"
	"encoding/base64"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
)

// The handler's own cost, without the SDK's or a network's: a PutRecord
// request in JSON served by Handler straight into a ResponseWriter that
// keeps only the status. The request and writer are reused, so what is
// counted is what the handler allocates.
func BenchmarkHandler(b *testing.B) {
	c, _ := newFake(b)
	benchmarkHandler(b, c)
}

func benchmarkHandler(b *testing.B, c *Client) {
	createStream(b, c, "s", 4)
	h := c.Handler()
	body := []byte(`{"StreamName":"s","PartitionKey":"partition-key","Data":"` + base64.StdEncoding.EncodeToString(make([]byte, 100)) + `"}`)
	req := httptest.NewRequest(http.MethodPost, "/", nil)
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecord")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req.ContentLength = int64(len(body))
	reader := new(bytes.Reader)
	w := &statusOnly{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		reader.Reset(body)
		req.Body = nopBody{reader}
		clear(w.header)
		w.status = 0
		h.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// statusOnly is a ResponseWriter that keeps the status and drops the body.
type statusOnly struct {
	header http.Header
	status int
}

func (w *statusOnly) Header() http.Header { return w.header }

func (w *statusOnly) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *statusOnly) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return len(p), nil
}

// nopBody is a request body with nothing to close.
type nopBody struct{ *bytes.Reader }

func (nopBody) Close() error { return nil }

// BenchmarkHandler with WithRequestLog, into a JSONHandler that discards
// its lines: what the log costs.
func BenchmarkHandlerLogged(b *testing.B) {
	c, _ := newFake(b, WithRequestLog(slog.New(slog.NewJSONHandler(io.Discard, nil))))
	benchmarkHandler(b, c)
}
