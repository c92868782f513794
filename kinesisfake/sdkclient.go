package kinesisfake

import (
	"bytes"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// SDKClient returns a real *kinesis.Client that talks to the fake's Handler
// in memory, with no sockets: every request goes through the SDK's own
// serialisation and the fake's wire protocol. It needs no further
// configuration; it makes no retries, so an error reaches the caller as the
// fake returned it. optFns adjust the options, as for kinesis.New.
func (c *Client) SDKClient(optFns ...func(*kinesis.Options)) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:           c.region,
		BaseEndpoint:     aws.String("http://kinesisfake.invalid"),
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		HTTPClient:       memoryTransport{c.Handler()},
	}, optFns...)
}

// memoryTransport hands requests to a handler in the same process.
type memoryTransport struct{ h http.Handler }

func (t memoryTransport) Do(req *http.Request) (*http.Response, error) {
	w := &bufferedResponse{header: http.Header{}}
	t.h.ServeHTTP(w, req)
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return &http.Response{
		Status:        http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          bytesBody{bytes.NewReader(w.body.Bytes())},
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
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
