package main

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// fakeCredentials sign requests, as credentials from the environment would.
var fakeCredentials = aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", Source: "test"}, nil
})

// fetch sends a request through client and returns the response with its
// body read whole. A request that cannot be made, sent or read ends the
// test: the tests that use it check answers, not transport failures.
func fetch(t *testing.T, client *http.Client, method, url string, header http.Header, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, b
}

// wantUsageError runs the command with args, on a loopback port, and checks
// that it refuses them before serving, as the flag package refuses a bad
// flag: run returns a usageError, and stderr is the message want, then the
// usage. It returns stderr and the error, for checks of their own.
func wantUsageError(t *testing.T, args []string, want string) (stderr string, err error) {
	t.Helper()
	var out strings.Builder
	err = run(t.Context(), append([]string{"-addr", "127.0.0.1:0"}, args...), &out, nil)
	var usage usageError
	if !errors.As(err, &usage) {
		t.Errorf("%q: run returned %v, want a usageError", args, err)
	}
	if first, _, _ := strings.Cut(out.String(), "\n"); first != want {
		t.Errorf("%q: first line of stderr\n%s\nwant\n%s", args, first, want)
	}
	if !strings.Contains(out.String(), "Usage of kinesisfake:") {
		t.Errorf("%q: no usage on stderr:\n%s", args, out.String())
	}
	return out.String(), err
}

// server is the command, run in a test by start.
type server struct {
	addr   string // where it listens
	stderr *lines // what it writes to stderr
	// sdk reaches a command that serves plain HTTP through
	// kinesisfake.HTTPClient, without retries; tests of HTTPS make their
	// own clients.
	sdk *kinesis.Client
	// web is a plain HTTP/1.1 client, such as curl.
	web *http.Client
	// stop stops the command, if it has not stopped, and fails the test if
	// run returned an error. The test's cleanup calls it if the test does
	// not.
	stop func()
}

// start runs the command with args, on a loopback port of its choosing,
// until the test ends, and returns it once it accepts connections.
func start(t *testing.T, args ...string) *server {
	t.Helper()
	args = append([]string{"-addr", "127.0.0.1:0"}, args...)
	ctx, cancel := context.WithCancel(context.Background())
	stderr := newLines()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, stderr, ready) }()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		t.Fatalf("run %q returned %v before it was ready; stderr:\n%s", args, err, strings.Join(stderr.written(), "\n"))
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

// lines is a writer that keeps each whole line written to it and hands it
// on, for tests that wait for the command to say something. Writes block
// once 1000 lines wait to be read by next, more than any test writes.
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
