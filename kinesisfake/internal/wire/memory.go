package wire

import (
	"bytes"
	"context"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// InMemory returns an HTTP client for the SDK that hands its requests to h
// in the same process, with no sockets.
func InMemory(h http.Handler) kinesis.HTTPClient { return memoryTransport{h} }

// memoryTransport hands requests to a handler in the same process.
type memoryTransport struct{ h http.Handler }

func (t memoryTransport) Do(req *http.Request) (*http.Response, error) {
	if subscribes(req) {
		return t.stream(req), nil
	}
	w := &bufferedResponse{header: http.Header{}}
	t.h.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	resp := response(req, w.status, w.header, bytesBody{bytes.NewReader(w.body.Bytes())})
	resp.ContentLength = int64(w.body.Len())
	return resp, nil
}

// response is a response to req as the SDK would read it off a network.
func response(req *http.Request, status int, header http.Header, body io.ReadCloser) *http.Response {
	return &http.Response{
		Status:     http.StatusText(status),
		StatusCode: status,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     header,
		Body:       body,
		Request:    req,
	}
}

// bufferedResponse is an http.ResponseWriter that keeps the response.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (w *bufferedResponse) Header() http.Header { return w.header }

func (w *bufferedResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
}

func (w *bufferedResponse) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

type bytesBody struct{ *bytes.Reader }

func (bytesBody) Close() error { return nil }

// stream serves a request whose response is an event stream: the handler
// runs on its own goroutine, writing into a pipe that is the response body,
// and the response is returned once its header is written. Closing the body
// cancels the request, as a client hanging up does over a network.
//
// As net/http's transport does, reading the body fails with the request
// context's error once that context is done, rather than ending cleanly: a
// caller who cancels a subscription sees the SDK's event-stream reader fail
// ("decode event: context canceled"), as over HTTP. A response that ended
// before the cancel still reads to a clean end.
func (t memoryTransport) stream(req *http.Request) *http.Response {
	ctx, cancel := context.WithCancel(req.Context())
	req = req.WithContext(ctx)
	pr, pw := io.Pipe()
	// Fail a read in progress at once, and the handler's next write.
	context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	w := &pipeResponse{header: http.Header{}, body: pw, ready: make(chan struct{})}
	go func() {
		t.h.ServeHTTP(w, req)
		w.WriteHeader(http.StatusOK)
		// A handler that returned because the request was cancelled ends
		// the body with the cancellation, whichever of this and the
		// AfterFunc closes the pipe first; otherwise the end is clean.
		pw.CloseWithError(ctx.Err())
	}()
	<-w.ready
	return response(req, w.status, w.header.Clone(), hangUp{pr, cancel})
}

// pipeResponse is an http.ResponseWriter whose body is a pipe.
type pipeResponse struct {
	header http.Header
	status int
	body   *io.PipeWriter
	ready  chan struct{} // closed once the header is written
}

func (w *pipeResponse) Header() http.Header { return w.header }

func (w *pipeResponse) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
		close(w.ready)
	}
}

func (w *pipeResponse) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(b)
}

// Flush does nothing: a pipe hands over each write at once.
func (w *pipeResponse) Flush() {}

// hangUp is a response body whose Close also cancels its request.
type hangUp struct {
	*io.PipeReader
	cancel context.CancelFunc
}

func (b hangUp) Close() error {
	b.cancel()
	return b.PipeReader.Close()
}
