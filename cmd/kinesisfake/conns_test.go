package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"regexp"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// Near its limit of open files (600 here), the server closes the oldest
// idle connections as new ones come: 2,000 clients that each make a request
// and leave the connection open are all served, and so, after them, is a
// normal request. Before, the server stopped accepting at the limit, and
// requests waited until idle connections timed out, 2 minutes later.
func TestIdleConnectionsMakeRoom(t *testing.T) {
	bin := build(t)
	ctx, cancel := context.WithCancel(t.Context())
	cmd := exec.CommandContext(ctx, "sh", "-c", `ulimit -n 600 && exec "$0" -addr 127.0.0.1:0 -quiet`, bin)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Skipf("sh: %v", err)
	}
	defer func() {
		cancel() // kills it
		cmd.Wait()
	}()
	lines := bufio.NewScanner(stderr)
	var addr string
	for lines.Scan() {
		if m := regexp.MustCompile(`ready on http://(\S+)`).FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if addr == "" {
		t.Fatal("no ready line")
	}
	go io.Copy(io.Discard, stderr)

	conns := make([]net.Conn, 0, 2000)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for i := range 2000 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		c.SetDeadline(time.Now().Add(5 * time.Second)) // a failing test waits this long, once
		fmt.Fprintf(c, "GET /health HTTP/1.1\r\nHost: kinesis\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(c), nil)
		if err != nil {
			t.Fatalf("the request on connection %d: %v", i+1, err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		c.SetDeadline(time.Time{})
	}
	callCtx, callCancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer callCancel()
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr), Credentials: fakeCredentials, Retryer: aws.NopRetryer{}})
	if _, err := sdk.ListStreams(callCtx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatalf("ListStreams with 2,000 connections left open: %v", err)
	}
}
