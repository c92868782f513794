package kinesisfake_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/streamfake/kinesis/kinesisfake"
)

// The fake served on a socket, for clients in other processes or
// languages: here a hand-made request over HTTP/1.1, as the AWS CLI sends.
func ExampleClient_Server() {
	fake := kinesisfake.New()
	defer fake.Close()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = fake.Server()
	srv.Start()
	defer srv.Close()

	req, err := http.NewRequest(http.MethodPost, srv.URL, strings.NewReader(`{"StreamName":"orders","ShardCount":1}`))
	if err != nil {
		panic(err)
	}
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.CreateStream")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	resp, err := srv.Client().Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		panic(err)
	}
	// CreateStream has no output: the body is empty, as the service's is.
	fmt.Printf("%s %s %q\n", resp.Proto, resp.Status, body)
	// Output: HTTP/1.1 200 OK ""
}
