package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

var (
	ctx = context.Background()
	// epoch is where fake clocks in tests start.
	epoch = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
)

// newFake returns a fake on a FakeClock.
func newFake(t testing.TB, opts ...Option) (*Client, *FakeClock) {
	t.Helper()
	clock := NewFakeClock(epoch)
	return NewT(t, append([]Option{WithClock(clock)}, opts...)...), clock
}

// createStream creates a PROVISIONED stream of n shards.
func createStream(t testing.TB, c API, name string, n int) {
	t.Helper()
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(int32(n))}); err != nil {
		t.Fatalf("CreateStream(%s): %v", name, err)
	}
}

func put(t testing.TB, c API, stream, key, data string) *kinesis.PutRecordOutput {
	t.Helper()
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String(key), Data: []byte(data)})
	if err != nil {
		t.Fatalf("PutRecord(%s, %s): %v", stream, key, err)
	}
	return out
}

func iterator(t testing.TB, c API, in *kinesis.GetShardIteratorInput) *string {
	t.Helper()
	out, err := c.GetShardIterator(ctx, in)
	if err != nil {
		t.Fatalf("GetShardIterator: %v", err)
	}
	return out.ShardIterator
}

// readShard reads a shard from TRIM_HORIZON to its current end and returns
// the data of its records.
func readShard(t testing.TB, c API, stream, shardID string) []string {
	t.Helper()
	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String(shardID), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	var got []string
	for it != nil {
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatalf("GetRecords: %v", err)
		}
		for _, r := range out.Records {
			got = append(got, string(r.Data))
		}
		if len(out.Records) == 0 {
			break
		}
		it = out.NextShardIterator
	}
	return got
}

// wantAPIError checks that err is what the SDK returns for a service error:
// an OperationError for op wrapping an API error with this code and message.
// An empty message skips the message check.
func wantAPIError(t testing.TB, err error, op, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want %s", op, code)
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.ServiceID != "Kinesis" || oe.OperationName != op {
		t.Fatalf("%s: error %v is not an OperationError for Kinesis %s", op, err, op)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v carries no smithy.APIError", op, err)
	}
	if apiErr.ErrorCode() != code {
		t.Fatalf("%s: error code %s (%v), want %s", op, apiErr.ErrorCode(), err, code)
	}
	if message != "" && apiErr.ErrorMessage() != message {
		t.Fatalf("%s: message\n  %q\nwant\n  %q", op, apiErr.ErrorMessage(), message)
	}
}

// sequenceIndex is the sequence number seq with the index index instead.
func sequenceIndex(t testing.TB, seq string, index uint64) string {
	t.Helper()
	s, version, ok := parseSequenceNumber(seq)
	if !ok || version != 2 {
		t.Fatalf("sequence number %s does not read", seq)
	}
	s.index = index
	return s.String()
}

// putN puts n records with keys k0..k(n-1) and data d0..d(n-1).
func putN(t testing.TB, c API, stream string, n int) {
	t.Helper()
	for i := range n {
		put(t, c, stream, fmt.Sprint("k", i), fmt.Sprint("d", i))
	}
}

// wrapForCheck wraps an error a stream ended with, which the SDK reports
// bare, so that wantAPIError can check it.
func wrapForCheck(op string, err error) error {
	if err == nil {
		return nil
	}
	return &smithy.OperationError{ServiceID: "Kinesis", OperationName: op, Err: err}
}

// inModes runs a behaviour test twice, on a fresh fake each time: once with
// k the fake itself (direct calls), once with k the real SDK client wired to
// it (SDKClient, over the wire). c is the fake, for setting up and looking
// inside.
func inModes(t *testing.T, opts []Option, test func(t *testing.T, c *Client, k API, clock *FakeClock)) {
	t.Helper()
	for _, mode := range []string{"direct", "wire"} {
		t.Run(mode, func(t *testing.T) {
			c, clock := newFake(t, opts...)
			var k API = c
			if mode == "wire" {
				k = c.SDKClient()
			}
			test(t, c, k, clock)
		})
	}
}

// errorCase is a call that breaks one of the service's rules, and the error
// the service returns for it.
type errorCase struct {
	name string
	op   string
	opts []Option // for the fake the case runs on
	// call sets the scene with c, the fake, and makes the call under test
	// with k: c itself, or its SDK client over the wire.
	call    func(c *Client, k API, clock *FakeClock) error
	code    string
	message string // exact; empty means any
}

// errorTable is every rule a family of operations enforces, a case each,
// kept in the family's test file. Each case runs twice, by direct calls
// and over the wire (see inModes), on a fresh fake that setup, if set,
// prepares; after, if set, then checks what the failed call left.
type errorTable struct {
	setup func(t *testing.T, c *Client, clock *FakeClock)
	after func(t *testing.T, c *Client)
	cases []errorCase
}

func (tb errorTable) run(t *testing.T) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range tb.cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			inModes(t, tc.opts, func(t *testing.T, c *Client, k API, clock *FakeClock) {
				if tb.setup != nil {
					tb.setup(t, c, clock)
				}
				wantAPIError(t, tc.call(c, k, clock), tc.op, tc.code, tc.message)
				if tb.after != nil {
					tb.after(t, c)
				}
			})
		})
	}
}

// twoStreams is the scene of most error tables: streams "s" and "other", of
// 3 shards each.
func twoStreams(t *testing.T, c *Client, _ *FakeClock) {
	createStream(t, c, "s", 3)
	createStream(t, c, "other", 3)
}

// unsentSDKClient is a real SDK client that must never send: its requests
// fail if the client's own validation lets them through.
func unsentSDKClient() *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://kinesis.invalid"),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient: doFunc(func(*http.Request) (*http.Response, error) {
			return nil, errors.New("sent: the client's own validation let the request through")
		}),
	})
}

// doFunc is an HTTP client made of a function.
type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// requiredMembers is a call that leaves out members the SDK's client
// requires, and the error the client gives for it.
type requiredMembers struct {
	call func(API) error
	want string
}

// missing is the SDK client's error for an op whose input, of SDK type
// input, lacks the required fields.
func missing(op, input string, fields ...string) string {
	msg := "operation error Kinesis: " + op + ", " + string(rune('0'+len(fields))) + " validation error(s) found.\n"
	for _, f := range fields {
		msg += "- missing required field, " + input + "." + f + ".\n"
	}
	return msg
}

// checkRequiredMembers runs each call on the fake and on the real SDK client:
// both must fail with want, word for word, before anything is sent.
func checkRequiredMembers(t *testing.T, fake *Client, tests []requiredMembers) {
	t.Helper()
	for _, tt := range tests {
		for name, c := range map[string]API{"fake": fake, "SDK": unsentSDKClient()} {
			err := tt.call(c)
			var invalid smithy.InvalidParamsError
			if !errors.As(err, &invalid) {
				t.Errorf("%s: error %v is not a smithy.InvalidParamsError", name, err)
				continue
			}
			if err.Error() != tt.want {
				t.Errorf("%s: error\n  %q\nwant\n  %q", name, err.Error(), tt.want)
			}
		}
	}
}

// testConsumerARN is the ARN of consumer "app" of stream "s" as
// streamWithConsumer registers it, at epoch.
var testConsumerARN = testStreamARN + "/consumer/app:" + strconv.FormatInt(epoch.Unix(), 10)

// streamWithConsumer is the scene of the error tables of the operations on
// consumers: stream "s", of 1 shard, with consumer "app".
func streamWithConsumer(t *testing.T, c *Client, _ *FakeClock) {
	createStream(t, c, "s", 1)
	if got := register(t, c, "s", "app"); got != testConsumerARN {
		t.Fatalf("consumer ARN %s, want %s", got, testConsumerARN)
	}
}

// errorMessage is the message of the API error err carries, if any.
func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	return ""
}
