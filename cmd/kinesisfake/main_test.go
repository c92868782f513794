package main

import (
	"context"
	"io"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"go.uber.org/goleak"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// The server answers the real SDK client, then stops when its context ends.
func TestServeAndStop(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-region", "eu-west-1"}, io.Discard, ready) }()
	addr := <-ready

	sdk := kinesis.New(kinesis.Options{Region: "eu-west-1", BaseEndpoint: aws.String("http://" + addr), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1})
	if _, err := sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	out, err := sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if got := *out.StreamDescriptionSummary.StreamARN; got != "arn:aws:kinesis:eu-west-1:123456789012:stream/s" {
		t.Errorf("StreamARN = %s", got)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}

func TestBadFlags(t *testing.T) {
	if err := run(context.Background(), []string{"-nope"}, io.Discard, nil); err == nil {
		t.Fatal("run accepted an unknown flag")
	}
}
