package kinesisfake

import (
	"bufio"
	"io"
	"log"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// shortTimeouts sets each timeout the server sets to d, so that tests see
// them act without waiting for the real ones.
func shortTimeouts(srv *http.Server, d time.Duration) {
	timeouts := []*time.Duration{&srv.ReadHeaderTimeout, &srv.ReadTimeout, &srv.WriteTimeout, &srv.IdleTimeout}
	if srv.HTTP2 != nil {
		timeouts = append(timeouts, &srv.HTTP2.SendPingTimeout, &srv.HTTP2.PingTimeout)
	}
	for _, timeout := range timeouts {
		if *timeout > 0 {
			*timeout = d
		}
	}
}

// listStreams is a whole Kinesis request over HTTP/1.1.
const listStreams = "POST / HTTP/1.1\r\nHost: kinesis\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\n" +
	"Content-Type: application/x-amz-json-1.1\r\nContent-Length: 2\r\n\r\n{}"

// keepAlive opens a connection to addr, makes one request over HTTP/1.1
// and leaves the connection open, idle.
func keepAlive(t testing.TB, addr string) net.Conn {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(conn, listStreams); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(io.Discard, resp.Body); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("ListStreams: %s, %v", resp.Status, err)
	}
	return conn
}

// The server closes connections that idle after a request, that send a
// body too slowly, and HTTP/2 connections with nothing to do, so that they
// cannot use up the process's files; then it still serves.
func TestServerReapsIdleConnections(t *testing.T) {
	const idle, slow, h2c = 1000, 500, 500
	const total = idle + slow + h2c
	if need, limit := 2*total+100, openFileLimit(t); limit < uint64(need) { // both ends of each connection
		t.Skipf("the test needs %d files, the limit is %d", need, limit)
	}

	c, _ := newFake(t)
	srv := c.Server()
	shortTimeouts(srv, 250*time.Millisecond)
	var opened atomic.Int64
	closed := make(chan struct{}, 2*total)    // room for the later connections too
	srv.ErrorLog = log.New(io.Discard, "", 0) // else each HTTP/2 connection, which answers no ping, is logged
	srv.ConnState = func(_ net.Conn, state http.ConnState) {
		switch state {
		case http.StateNew:
			opened.Add(1)
		case http.StateClosed:
			closed <- struct{}{}
		}
	}
	addr := strings.TrimPrefix(serve(t, srv), "http://")

	conns := make([]net.Conn, 0, total)
	defer func() {
		for _, conn := range conns {
			conn.Close()
		}
	}()
	for range idle {
		conns = append(conns, keepAlive(t, addr))
	}
	for _, kind := range []struct {
		n     int
		start string
	}{
		// A request whose body stops short.
		{slow, strings.Replace(listStreams, "Content-Length: 2", "Content-Length: 100", 1)},
		// An HTTP/2 connection's preface and settings, and no request.
		{h2c, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + "\x00\x00\x00\x04\x00\x00\x00\x00\x00"},
	} {
		for range kind.n {
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, conn)
			if _, err := io.WriteString(conn, kind.start); err != nil {
				t.Fatal(err)
			}
		}
	}

	const patience = 20 * time.Second // only a failing test waits this long
	timeout := time.After(patience)
	for reaped := 0; reaped < total; reaped++ {
		select {
		case <-closed:
		case <-timeout:
			t.Fatalf("%d of %d connections still open after %v", total-reaped, total, patience)
		}
	}
	t.Logf("%d connections opened, %d reaped", opened.Load(), total)

	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr), Credentials: aws.AnonymousCredentials{}, Retryer: aws.NopRetryer{}})
	if _, err := sdk.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatalf("ListStreams after the connections were reaped: %v", err)
	}
}

// A subscription outlasts the server's timeouts, over HTTP/1.1 and HTTP/2,
// though the fake writes to it and its client sends nothing more: a write
// timeout, set here as a user may, does not apply to it either.
func TestServerKeepsSubscriptionsPastTimeouts(t *testing.T) {
	for _, tc := range []struct {
		name   string
		client *http.Client
	}{
		// Over HTTP/1.1 the SDK's fault would cut a subscription now and
		// then; readOnlyBodies avoids it.
		{"HTTP/1.1", &http.Client{Transport: readOnlyBodies{&http.Transport{}}}},
		{"h2c", HTTPClient()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer tc.client.CloseIdleConnections()
			c, _ := newFake(t)
			srv := c.Server()
			srv.WriteTimeout = time.Hour
			shortTimeouts(srv, 250*time.Millisecond)
			url := serve(t, srv)
			sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{}, HTTPClient: tc.client, Retryer: aws.NopRetryer{}})
			createStream(t, c, "s", 1)
			stream := subscribe(t, sdk, register(t, c, "s", "app"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
			defer stream.Close()

			// A connection that goes idle now is closed once the timeouts
			// have passed: they have for the subscription too.
			conn := keepAlive(t, strings.TrimPrefix(url, "http://"))
			defer conn.Close()
			conn.SetReadDeadline(time.Now().Add(20 * time.Second)) // only a failing test waits this long
			if n, err := conn.Read(make([]byte, 1)); err != io.EOF {
				t.Fatalf("the idle connection read %d bytes, %v; want it closed", n, err)
			}

			put(t, c, "s", "k", "after the timeouts")
			if ev, ok := nextEvent(t, stream); !ok || !cmp.Equal(eventData(ev), []string{"after the timeouts"}) {
				t.Fatalf("event after the timeouts: %+v (ok %v, err %v)", ev, ok, stream.Err())
			}
		})
	}
}
