package kinesisfake

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// logLines is a writer that hands on each line written to it.
type logLines struct {
	mu      sync.Mutex
	partial []byte
	lines   chan string
}

func newLogLines() *logLines { return &logLines{lines: make(chan string, 100)} }

func (l *logLines) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.partial = append(l.partial, p...)
	for {
		line, rest, ok := strings.Cut(string(l.partial), "\n")
		if !ok {
			break
		}
		l.lines <- line
		l.partial = []byte(rest)
	}
	return len(p), nil
}

// next waits for the next line. The timeout only keeps a broken test from
// hanging: lines are waited for, not expected by a time.
func (l *logLines) next(t *testing.T) string {
	t.Helper()
	select {
	case line := <-l.lines:
		return line
	case <-time.After(10 * time.Second):
		t.Fatal("no log line")
		return ""
	}
}

// none checks that no line has been written since the last one read.
func (l *logLines) none(t *testing.T) {
	t.Helper()
	select {
	case line := <-l.lines:
		t.Errorf("unexpected log line %s", line)
	default:
	}
}

// wantRequest checks a JSON line of the request log.
func wantRequest(t *testing.T, line, operation, stream string, status int, code string) map[string]any {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal([]byte(line), &got); err != nil {
		t.Fatalf("%v: %s", err, line)
	}
	for key, want := range map[string]any{"level": "INFO", "msg": "request", "operation": operation, "stream": stream, "status": float64(status), "error": code} {
		if got[key] != want {
			t.Errorf("%s = %#v, want %#v, in %s", key, got[key], want, line)
		}
	}
	if d, ok := got["duration"].(float64); !ok || d < 0 {
		t.Errorf("duration = %#v, want nanoseconds, in %s", got["duration"], line)
	}
	if id, ok := got["requestId"].(string); !ok || id == "" {
		t.Errorf("requestId = %#v, in %s", got["requestId"], line)
	}
	return got
}

// serviceRequestID is the request ID an SDK error carries.
func serviceRequestID(t *testing.T, err error) string {
	t.Helper()
	var withID interface{ ServiceRequestID() string }
	if !errors.As(err, &withID) {
		t.Fatalf("%v carries no request ID", err)
	}
	return withID.ServiceRequestID()
}

// SDKClient goes through Handler, so its requests are logged, with the
// stream read from the name, the ARN or the iterator; direct calls are not.
func TestRequestLogSDKClient(t *testing.T) {
	lines := newLogLines()
	c, _ := newFake(t, WithRequestLog(slog.New(slog.NewJSONHandler(lines, nil))))
	sdk := c.SDKClient()

	createStream(t, sdk, "orders", 1)
	wantRequest(t, lines.next(t), "CreateStream", "orders", 200, "")

	_, err := sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("missing")})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("DescribeStreamSummary: %v", err)
	}
	got := wantRequest(t, lines.next(t), "DescribeStreamSummary", "missing", 400, "ResourceNotFoundException")
	if id := serviceRequestID(t, err); got["requestId"] != id {
		t.Errorf("requestId %v, the error's %s", got["requestId"], id)
	}

	if _, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/orders"), PartitionKey: aws.String("k"), Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	wantRequest(t, lines.next(t), "PutRecord", "orders", 200, "")
	it := iterator(t, sdk, &kinesis.GetShardIteratorInput{StreamName: aws.String("orders"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	wantRequest(t, lines.next(t), "GetShardIterator", "orders", 200, "")
	if _, err := sdk.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it}); err != nil {
		t.Fatal(err)
	}
	wantRequest(t, lines.next(t), "GetRecords", "orders", 200, "")

	// A request whose input the service refuses names the stream it gives;
	// one whose input cannot be read names none.
	_, err = sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("no spaces"), PartitionKey: aws.String("k"), Data: []byte("x")})
	if err == nil {
		t.Fatal("PutRecord to a bad stream name succeeded")
	}
	wantRequest(t, lines.next(t), "PutRecord", "no spaces", 400, "ValidationException")
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(`{"StreamName":`))
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecord")
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	c.Handler().ServeHTTP(httptest.NewRecorder(), req)
	wantRequest(t, lines.next(t), "PutRecord", "", 400, "SerializationException")

	if _, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{}); err != nil {
		t.Fatal(err)
	}
	createStream(t, c, "direct", 1)
	lines.none(t)
}

// The same log from a server, in text, for requests of every kind.
func TestRequestLogServer(t *testing.T) {
	lines := newLogLines()
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	c, _ := newFake(t, WithRequestLog(slog.New(slog.NewTextHandler(lines, &slog.HandlerOptions{ReplaceAttr: noTime}))))
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = c.Server()
	srv.Start()
	defer srv.Close()
	client := HTTPClient()
	defer client.CloseIdleConnections()
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1, HTTPClient: client})

	createStream(t, sdk, "orders", 1)
	_, err := sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("missing")})
	if err == nil {
		t.Fatal("DescribeStreamSummary of a missing stream succeeded")
	}
	id := serviceRequestID(t, err)
	resp, err := http.Get(srv.URL + "/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	const duration = `duration=[0-9.]+(ns|µs|ms|s) `
	for _, want := range []string{
		`^level=INFO msg=request operation=CreateStream stream=orders status=200 error="" ` + duration + `requestId=\S+$`,
		`^level=INFO msg=request operation=DescribeStreamSummary stream=missing status=400 error=ResourceNotFoundException ` + duration + `requestId=` + regexp.QuoteMeta(id) + `$`,
		`^level=INFO msg=request operation="" stream="" status=403 error=AccessDeniedException ` + duration + `requestId=\S+$`,
	} {
		if line := lines.next(t); !regexp.MustCompile(want).MatchString(line) {
			t.Errorf("log line %s\nwant %s", line, want)
		}
	}
}

// A subscription is logged once it ends, with the exception that ended it.
func TestRequestLogSubscription(t *testing.T) {
	lines := newLogLines()
	c, _ := newFake(t, WithRequestLog(slog.New(slog.NewJSONHandler(lines, nil))))
	createStream(t, c, "orders", 1)
	consumer := register(t, c, "orders", "app")
	sdk := c.SDKClient()
	stream := subscribe(t, sdk, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	defer stream.Close()
	lines.none(t) // not until it ends
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("orders"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	for range stream.Events() {
	}
	var notFound *types.ResourceNotFoundException
	if err := stream.Err(); !errors.As(err, &notFound) {
		t.Fatalf("subscription ended with %v", err)
	}
	wantRequest(t, lines.next(t), "SubscribeToShard", "orders", 200, "ResourceNotFoundException")
}

// A logger that does not log at Info gets nothing.
func TestRequestLogLevel(t *testing.T) {
	lines := newLogLines()
	c, _ := newFake(t, WithRequestLog(slog.New(slog.NewJSONHandler(lines, &slog.HandlerOptions{Level: slog.LevelWarn}))))
	createStream(t, c.SDKClient(), "orders", 1)
	lines.none(t)
}

// Over a server, a logged subscription still delivers each event as it
// comes (the recorder flushes), and is logged when it ends.
func TestRequestLogSubscriptionOverServer(t *testing.T) {
	lines := newLogLines()
	c, _ := newFake(t, WithRequestLog(slog.New(slog.NewJSONHandler(lines, nil))))
	createStream(t, c, "orders", 1)
	consumer := register(t, c, "orders", "app")
	client := HTTPClient()
	defer client.CloseIdleConnections()
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(serve(t, c.Server())), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1, HTTPClient: client})
	stream := subscribe(t, sdk, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer stream.Close()
	put(t, c, "orders", "k", "hello")
	for {
		e, ok := nextEvent(t, stream)
		if !ok {
			t.Fatal("the subscription ended before the record came")
		}
		if data := eventData(e); len(data) > 0 {
			if data[0] != "hello" {
				t.Fatalf("records %q", data)
			}
			break
		}
	}
	lines.none(t)
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("orders"), EnforceConsumerDeletion: aws.Bool(true)}); err != nil {
		t.Fatal(err)
	}
	for range stream.Events() {
	}
	wantRequest(t, lines.next(t), "SubscribeToShard", "orders", 200, "ResourceNotFoundException")
}

// Durations are on the fake's clock: on a FakeClock, a request takes the
// time the clock moved while it was served, such as a fault's Latency.
func TestRequestLogDurationOnTheFakesClock(t *testing.T) {
	lines := newLogLines()
	c, clock := newFake(t, WithRequestLog(slog.New(slog.NewJSONHandler(lines, nil))))
	sdk := c.SDKClient()
	createStream(t, sdk, "orders", 1)
	if got := wantRequest(t, lines.next(t), "CreateStream", "orders", 200, ""); got["duration"] != float64(0) {
		t.Errorf("CreateStream took %v on a FakeClock that did not move, want 0", got["duration"])
	}

	c.InjectFault(Fault{Operation: "DescribeStreamSummary", Latency: 3 * time.Second, Times: 1})
	done := make(chan error, 1)
	go func() {
		_, err := sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
		done <- err
	}()
	if err := clock.BlockUntil(ctx, 1); err != nil {
		t.Fatal(err)
	}
	clock.Advance(3 * time.Second)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if got := wantRequest(t, lines.next(t), "DescribeStreamSummary", "orders", 200, ""); got["duration"] != float64(3*time.Second) {
		t.Errorf("DescribeStreamSummary took %v, want the fault's 3s", got["duration"])
	}
}
