package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
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

// command is the command run in a test by start.
type command struct {
	addr   string         // where it listens
	stderr *lockedBuilder // what it has written to stderr
	stop   context.CancelFunc
	done   chan error // receives what run returns
}

// start runs the command with args until the test ends, and returns it
// once it accepts connections. At the end of the test it is stopped, if
// wait has not stopped it, and must have returned nil.
func start(t *testing.T, args ...string) *command {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	c := &command{stderr: new(lockedBuilder), stop: stop, done: make(chan error, 1)}
	ready := make(chan string, 1)
	go func() { c.done <- run(ctx, args, c.stderr, ready) }()
	select {
	case c.addr = <-ready:
	case err := <-c.done:
		stop()
		t.Fatalf("run %q returned %v before serving; stderr:\n%s", args, err, c.stderr)
	}
	t.Cleanup(func() {
		stop()
		if err := <-c.done; err != nil {
			t.Errorf("run: %v", err)
		}
	})
	return c
}

// wait stops the command and returns what run returned, leaving nil for
// the test's cleanup.
func (c *command) wait() error {
	c.stop()
	err := <-c.done
	c.done <- nil // for the cleanup
	return err
}

// lockedBuilder is a strings.Builder safe for concurrent use.
type lockedBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (b *lockedBuilder) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuilder) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
