package kinesisfake

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// User code handles the fake's errors exactly as the real client's.
func TestErrorsUnwrapAsInProduction(t *testing.T) {
	c, _ := newFake(t)
	_, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("missing")})

	var rnf *types.ResourceNotFoundException
	if !errors.As(err, &rnf) || rnf.ErrorMessage() != recorded.StreamNotFound("missing", "123456789012") {
		t.Fatalf("errors.As(*types.ResourceNotFoundException) failed on %v", err)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "ResourceNotFoundException" || apiErr.ErrorFault() != smithy.FaultClient {
		t.Fatalf("smithy.APIError: %v", apiErr)
	}
	var respErr *awshttp.ResponseError
	if !errors.As(err, &respErr) || respErr.HTTPStatusCode() != http.StatusBadRequest || respErr.ServiceRequestID() == "" {
		t.Fatalf("awshttp.ResponseError: %v", respErr)
	}
	var opErr *smithy.OperationError
	if !errors.As(err, &opErr) || opErr.Service() != "Kinesis" || opErr.Operation() != "DescribeStream" {
		t.Fatalf("smithy.OperationError: %v", opErr)
	}
	// The text reads as the SDK's does.
	want := "operation error Kinesis: DescribeStream, https response error StatusCode: 400, RequestID: " + respErr.ServiceRequestID() +
		", ResourceNotFoundException: " + recorded.StreamNotFound("missing", "123456789012")
	if err.Error() != want {
		t.Errorf("error text\n  %s\nwant\n  %s", err, want)
	}

	// Request IDs differ from call to call.
	_, err2 := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("missing")})
	var respErr2 *awshttp.ResponseError
	errors.As(err2, &respErr2)
	if respErr2.ServiceRequestID() == respErr.ServiceRequestID() {
		t.Error("two errors share a request ID")
	}
}

func TestCancelledContext(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	_, err := c.PutRecord(cancelled, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")})
	var opErr *smithy.OperationError
	if !errors.Is(err, context.Canceled) || !errors.As(err, &opErr) {
		t.Fatalf("PutRecord with a cancelled context: %v", err)
	}
	if got := readShard(t, c, "s", "shardId-000000000000"); len(got) != 0 {
		t.Errorf("a cancelled PutRecord stored %q", got)
	}
}

func TestCallsAfterClose(t *testing.T) {
	c := New()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	_, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
	if !errors.Is(err, errClosed) {
		t.Fatalf("ListStreams after Close: %v", err)
	}
	// Over the wire, the service has no such state to report: the call is
	// an InternalFailure that says why, as a hook's own error is.
	_, err = c.SDKClient().ListStreams(ctx, &kinesis.ListStreamsInput{})
	wantAPIError(t, err, "ListStreams", "InternalFailure", errClosed.Error())
}
