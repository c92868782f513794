package wire

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Served is told of every request with the answer it got, however the
// handler answered it, without changing the answer.
func TestServedTellsEveryAnswer(t *testing.T) {
	for _, tt := range []struct {
		name                  string
		method, target, ctype string
		body                  string
		operation             string
		input                 bool
		status                int
		code                  string
	}{
		{"a success", "POST", targetPrefix + "ListStreams", jsonType, `{}`, "ListStreams", true, 200, ""},
		{"the call's error", "POST", targetPrefix + "ListStreams", jsonType, `{"Limit":0}`, "ListStreams", true, 400, "ResourceNotFoundException"},
		{"a body not read", "POST", targetPrefix + "ListStreams", jsonType, `{"Limit":`, "ListStreams", false, 400, "SerializationException"},
		{"an empty body", "POST", targetPrefix + "ListStreams", jsonType, ``, "ListStreams", false, 400, "SerializationException"},
		{"an unknown operation", "POST", targetPrefix + "Nope", jsonType, `{}`, "Nope", false, 400, "UnknownOperationException"},
		{"another service", "POST", "DynamoDB_20120810.ListTables", jsonType, `{}`, "", false, 400, "UnknownOperationException"},
		{"a GET", "GET", "", "", ``, "", false, 403, "AccessDeniedException"},
		{"an unserved content type", "POST", targetPrefix + "ListStreams", "text/plain", `{}`, "ListStreams", false, 404, "UnknownOperationException"},
		{"no target, unserved content type", "POST", "", "text/plain", `{}`, "", false, 403, "AccessDeniedException"},
		{"the old JSON", "POST", targetPrefix + "ListStreams", "application/json", `{}`, "ListStreams", false, 200, "UnknownOperationException"},
		{"the old JSON, not an object", "POST", targetPrefix + "ListStreams", "application/json", `1`, "ListStreams", false, 200, "SerializationException"},
	} {
		newHandler := func(served func(*http.Request, Exchange)) *Handler {
			h := listStreams(func(_ context.Context, in *kinesis.ListStreamsInput, _ ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error) {
				if in.Limit != nil && *in.Limit == 0 {
					return nil, &types.ResourceNotFoundException{Message: aws.String("gone")}
				}
				return &kinesis.ListStreamsOutput{}, nil
			})
			h.cfg.Served, h.cfg.Now = served, time.Now
			return h
		}
		serve := func(h *Handler) *httptest.ResponseRecorder {
			req := httptest.NewRequest(tt.method, "/", strings.NewReader(tt.body))
			if tt.target != "" {
				req.Header.Set("X-Amz-Target", tt.target)
			}
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, req)
			return w
		}
		var got []Exchange
		w := serve(newHandler(func(_ *http.Request, ex Exchange) { got = append(got, ex) }))
		if len(got) != 1 {
			t.Fatalf("%s: Served called %d times", tt.name, len(got))
		}
		ex := got[0]
		if ex.Operation != tt.operation || (ex.Input != nil) != tt.input || ex.Status != tt.status || ex.ErrorCode != tt.code || ex.RequestID != "id" || ex.Duration < 0 {
			t.Errorf("%s: Served got %+v, want operation %q, input %v, status %d, code %q", tt.name, ex, tt.operation, tt.input, tt.status, tt.code)
		}
		if ex.Status != w.Code {
			t.Errorf("%s: Served got status %d, the answer was %d", tt.name, ex.Status, w.Code)
		}
		// The answer is the one served without Served.
		plain := serve(newHandler(nil))
		if w.Code != plain.Code || w.Body.String() != plain.Body.String() || len(w.Header()) != len(plain.Header()) {
			t.Errorf("%s: with Served %d %v %q; without %d %v %q", tt.name, w.Code, w.Header(), w.Body, plain.Code, plain.Header(), plain.Body)
		}
		for key := range plain.Header() {
			if key != "X-Amz-Id-2" && w.Header().Get(key) != plain.Header().Get(key) {
				t.Errorf("%s: header %s with Served %q, without %q", tt.name, key, w.Header().Get(key), plain.Header().Get(key))
			}
		}
	}
}
