package kinesisfake_test

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// A log line for each request served over the wire, here through
// SDKClient; time and duration are left out so that the output is the same
// every run.
func ExampleWithRequestLog() {
	logger := slog.New(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if a.Key == slog.TimeKey || a.Key == "duration" {
				return slog.Attr{}
			}
			return a
		},
	}))
	fake := kinesisfake.New(kinesisfake.WithRequestLog(logger))
	defer fake.Close()
	sdk := fake.SDKClient()

	ctx := context.Background()
	sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)})
	sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("audit")})
	// Direct calls are not logged.
	fake.ListStreams(ctx, &kinesis.ListStreamsInput{})
	// Output:
	// level=INFO msg=request operation=CreateStream stream=orders status=200 error="" requestId=00000000-0000-4000-8000-000000000001
	// level=INFO msg=request operation=DescribeStreamSummary stream=audit status=400 error=ResourceNotFoundException requestId=00000000-0000-4000-8000-000000000002
}
