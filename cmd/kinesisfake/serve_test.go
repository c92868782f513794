package main

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// lines is a writer that keeps each whole line written to it and hands it
// on, for tests that wait for the command to say something.
type lines struct {
	mu      sync.Mutex
	partial string
	all     []string
	ch      chan string
}

func newLines() *lines { return &lines{ch: make(chan string, 1000)} }

func (l *lines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial += string(p)
	for {
		line, rest, ok := strings.Cut(l.partial, "\n")
		if !ok {
			break
		}
		l.all = append(l.all, line)
		l.ch <- line
		l.partial = rest
	}
	return len(p), nil
}

// next waits for the next line. The timeout only keeps a broken test from
// hanging: lines are waited for, not expected by a time.
func (l *lines) next(t *testing.T) string {
	t.Helper()
	select {
	case line := <-l.ch:
		return line
	case <-time.After(10 * time.Second):
		t.Fatal("no line on stderr")
		return ""
	}
}

// written is every whole line written so far.
func (l *lines) written() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.all...)
}

// server is the command, run in a test.
type server struct {
	addr   string
	stderr *lines
	sdk    *kinesis.Client // through kinesisfake.HTTPClient, without retries
	// web is a plain HTTP/1.1 client, such as curl.
	web *http.Client
	// stop stops the command and checks that run returned nil; the test's
	// cleanup calls it if the test does not.
	stop func()
}

// serve runs the command with args, on a port of its choosing, until it
// is ready.
func serve(t *testing.T, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stderr := newLines()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("run returned %v before it was ready; stderr:\n%s", err, strings.Join(stderr.written(), "\n"))
	}
	h2c := kinesisfake.HTTPClient()
	web := &http.Client{Transport: &http.Transport{}}
	s := &server{
		addr:   addr,
		stderr: stderr,
		sdk:    kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://" + addr), Credentials: aws.AnonymousCredentials{}, HTTPClient: h2c, Retryer: aws.NopRetryer{}}),
		web:    web,
	}
	var once sync.Once
	s.stop = func() {
		once.Do(func() {
			h2c.CloseIdleConnections()
			web.CloseIdleConnections()
			cancel()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		})
	}
	t.Cleanup(s.stop)
	return s
}
