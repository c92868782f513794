package kinesisfake

import (
	"context"
	"errors"
	"fmt"
	"net/http"
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

// requiredMembers is a call that leaves out members the SDK's client
// requires, and the error the client gives for it.
type requiredMembers struct {
	call func(API) error
	want string
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
