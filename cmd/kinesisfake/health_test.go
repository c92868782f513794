package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// do sends a request to the server and returns the answer, its body read.
func (s *server) do(t *testing.T, method, path string, header http.Header, body string) (*http.Response, []byte) {
	t.Helper()
	return fetch(t, s.web, method, "http://"+s.addr+path, header, body)
}

// health reads GET /health.
func (s *server) health(t *testing.T) map[string]any {
	t.Helper()
	resp, body := s.do(t, http.MethodGet, "/health", nil, "")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET /health: %s, Content-Type %q", resp.Status, resp.Header.Get("Content-Type"))
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	return got
}

func TestHealth(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-streams", "orders:2,audit:1")
	got := s.health(t)
	var keys []string
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"status", "streams", "uptimeSeconds", "version"}; !slices.Equal(keys, want) {
		t.Errorf("fields %q, want %q", keys, want)
	}
	if got["status"] != "ready" || got["version"] != version() || got["streams"] != 2.0 {
		t.Errorf("GET /health: %v", got)
	}
	if v, _ := got["version"].(string); v == "" {
		t.Errorf("version %q", v)
	}
	uptime, ok := got["uptimeSeconds"].(float64)
	if !ok || uptime < 0 {
		t.Errorf("uptimeSeconds %v", got["uptimeSeconds"])
	}

	// The count follows the streams; uptime only grows.
	if _, err := s.sdk.CreateStream(context.Background(), &kinesis.CreateStreamInput{StreamName: aws.String("more"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	got = s.health(t)
	if got["streams"] != 3.0 {
		t.Errorf("streams %v, want 3", got["streams"])
	}
	if later, _ := got["uptimeSeconds"].(float64); later < uptime {
		t.Errorf("uptimeSeconds %v, then %v", uptime, later)
	}

	// HEAD answers the same without the body.
	resp, body := s.do(t, http.MethodHead, "/health", nil, "")
	if n, _ := strconv.Atoi(resp.Header.Get("Content-Length")); resp.StatusCode != http.StatusOK || n == 0 || len(body) != 0 || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("HEAD /health: %s, Content-Length %q, body %q", resp.Status, resp.Header.Get("Content-Length"), body)
	}
}

// Requests that are not GET or HEAD /health are the Kinesis handler's, and
// answered as it answers them: non-Kinesis ones as the service does, and
// Kinesis ones whatever their path.
func TestOtherRequestsKeepTheirAnswers(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t)
	kinesisJSON := http.Header{"X-Amz-Target": {"Kinesis_20131202.ListStreams"}, "Content-Type": {"application/x-amz-json-1.1"}}
	for _, tt := range []struct {
		method, path string
		header       http.Header
		body         string
	}{
		{"GET", "/", nil, ""},
		{"GET", "/healthz", nil, ""},
		{"GET", "/health/", nil, ""},
		{"GET", "/Health", nil, ""},
		{"HEAD", "/", nil, ""},
		{"DELETE", "/health", nil, ""},
		{"POST", "/health", nil, ""},
		{"POST", "/health", http.Header{"Content-Type": {"text/plain"}}, "hello"},
		{"POST", "/health", kinesisJSON, "{}"},
		{"POST", "/anywhere", kinesisJSON, "{}"},
		{"OPTIONS", "/health", http.Header{"Origin": {"http://example.com"}}, ""},
	} {
		resp, body := s.do(t, tt.method, tt.path, tt.header, tt.body)

		// The fake's handler alone, before any of this.
		req := httptest.NewRequest(tt.method, tt.path, strings.NewReader(tt.body))
		for k, v := range tt.header {
			req.Header[k] = v
		}
		fake := kinesisfake.New()
		want := httptest.NewRecorder()
		fake.Handler().ServeHTTP(want, req)
		fake.Close()
		if tt.method == http.MethodHead {
			want.Body.Reset()
		}
		if resp.StatusCode != want.Code || !bytes.Equal(body, want.Body.Bytes()) || resp.Header.Get("x-amzn-ErrorType") != want.Header().Get("x-amzn-ErrorType") {
			t.Errorf("%s %s: %d %q, want %d %q", tt.method, tt.path, resp.StatusCode, body, want.Code, want.Body)
		}
	}
}

// Under -rates, /health counts without calling ListStreams, which allows
// five calls a second: however often it is asked, the client's own
// ListStreams calls keep their allowance.
func TestHealthUnderRates(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-rates", "-streams", "orders,audit")
	for range 7 {
		if got := s.health(t); got["streams"] != 2.0 {
			t.Errorf("streams %v, want 2", got["streams"])
		}
	}
	for i := range 5 {
		if _, err := s.sdk.ListStreams(t.Context(), &kinesis.ListStreamsInput{}); err != nil {
			t.Fatalf("ListStreams %d after /health: %v", i+1, err)
		}
	}
}
