package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// describe calls DescribeStreamSummary for a stream that exists, then for
// one that does not.
func describe(t *testing.T, sdk *kinesis.Client) {
	t.Helper()
	if _, err := sdk.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")}); err != nil {
		t.Fatal(err)
	}
	_, err := sdk.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("missing")})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("DescribeStreamSummary(missing): %v", err)
	}
}

// readyLine is the line the command prints once it is ready.
func readyLine(addr string) string {
	return "kinesisfake: ready on http://" + addr + " (region us-east-1, account 123456789012)"
}

// By default, each request is a line of text on stderr, after the one
// ready line; start-up streams and /health are not logged.
func TestRequestLogText(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-streams", "orders:1")
	if got := s.stderr.next(t); got != readyLine(s.addr) {
		t.Errorf("first line %q, want %q", got, readyLine(s.addr))
	}
	describe(t, s.sdk)
	s.health(t)
	for _, want := range []string{
		`^time=\S+ level=INFO msg=request region=us-east-1 operation=DescribeStreamSummary stream=orders status=200 error="" duration=[0-9.]+(ns|µs|ms|s) requestId=\S+$`,
		`^time=\S+ level=INFO msg=request region=us-east-1 operation=DescribeStreamSummary stream=missing status=400 error=ResourceNotFoundException duration=[0-9.]+(ns|µs|ms|s) requestId=\S+$`,
	} {
		if line := s.stderr.next(t); !regexp.MustCompile(want).MatchString(line) {
			t.Errorf("log line %s\nwant %s", line, want)
		}
	}
	s.stop()
	all := s.stderr.written()
	if len(all) != 4 || all[3] != "kinesisfake: stopped" {
		t.Errorf("stderr:\n%s", strings.Join(all, "\n"))
	}
	ready := 0
	for _, line := range all {
		if strings.Contains(line, "ready") {
			ready++
		}
	}
	if ready != 1 {
		t.Errorf("%d lines say ready:\n%s", ready, strings.Join(all, "\n"))
	}
}

// -log-format json writes a JSON object a line.
func TestRequestLogJSON(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-streams", "orders:1", "-log-format", "json")
	s.stderr.next(t) // ready
	describe(t, s.sdk)
	for _, want := range []struct {
		stream string
		status float64
		code   string
	}{
		{"orders", 200, ""},
		{"missing", 400, "ResourceNotFoundException"},
	} {
		line := s.stderr.next(t)
		var got map[string]any
		if err := json.Unmarshal([]byte(line), &got); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if got["level"] != "INFO" || got["msg"] != "request" || got["region"] != "us-east-1" || got["operation"] != "DescribeStreamSummary" || got["stream"] != want.stream || got["status"] != want.status || got["error"] != want.code {
			t.Errorf("log line %s, want stream %s, status %v, error %q", line, want.stream, want.status, want.code)
		}
		if d, ok := got["duration"].(float64); !ok || d < 0 {
			t.Errorf("duration %v, want nanoseconds", got["duration"])
		}
		if id, _ := got["requestId"].(string); id == "" {
			t.Errorf("no requestId in %s", line)
		}
		if _, ok := got["time"].(string); !ok {
			t.Errorf("no time in %s", line)
		}
	}
}

// -quiet leaves the request log out, and keeps the ready line.
func TestQuiet(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-streams", "orders:1", "-quiet")
	describe(t, s.sdk)
	s.do(t, http.MethodGet, "/", nil, "")
	s.stop()
	if got, want := s.stderr.written(), []string{readyLine(s.addr), "kinesisfake: stopped"}; !slices.Equal(got, want) {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

// A failed TLS handshake is logged with the rest on stderr, and -quiet
// leaves it out too.
func TestQuietTLS(t *testing.T) {
	t.Setenv(streamsEnv, "")
	for _, quiet := range []bool{false, true} {
		args := []string{"-tls"}
		if quiet {
			args = append(args, "-quiet")
		}
		s := start(t, args...)
		conn, err := net.Dial("tcp", s.addr)
		if err != nil {
			t.Fatal(err)
		}
		// Not TLS, nor HTTP, which net/http answers before it logs: the
		// server logs the failure, then closes the connection.
		fmt.Fprintf(conn, "junk\r\n\r\n")
		io.ReadAll(conn)
		conn.Close()
		s.stop()
		logged := slices.ContainsFunc(s.stderr.written(), func(line string) bool { return strings.Contains(line, "TLS handshake error") })
		if logged == quiet {
			t.Errorf("-quiet %v: a failed handshake logged %v: %q", quiet, logged, s.stderr.written())
		}
	}
}

func TestBadLogFormat(t *testing.T) {
	wantUsageError(t, []string{"-log-format", "xml"}, `invalid value "xml" for flag -log-format: the request log's format is text or json`)
}
