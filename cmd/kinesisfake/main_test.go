package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// The server answers the real SDK client through kinesisfake.HTTPClient
// (HTTP/2 without TLS), then stops when its context ends.
func TestServeAndStop(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-region", "eu-west-1"}, io.Discard, ready) }()
	addr := <-ready

	client := kinesisfake.HTTPClient()
	defer client.CloseIdleConnections()
	sdk := kinesis.New(kinesis.Options{Region: "eu-west-1", BaseEndpoint: aws.String("http://" + addr), Credentials: aws.AnonymousCredentials{}, HTTPClient: client, Retryer: aws.NopRetryer{}})
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

// -rates enforces the service's limits: DescribeLimits allows one call a
// second, so of three calls made at once (well within a second of each
// other) some are throttled.
func TestRatesFlag(t *testing.T) {
	ctx, stop := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-rates"}, io.Discard, ready) }()
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String("http://" + <-ready), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1})
	throttled := 0
	for range 3 {
		_, err := sdk.DescribeLimits(ctx, &kinesis.DescribeLimitsInput{})
		var limit *types.LimitExceededException
		if errors.As(err, &limit) {
			throttled++
		} else if err != nil {
			t.Fatal(err)
		}
	}
	if throttled == 0 {
		t.Error("no call was throttled")
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

// A client that is not Go: the AWS SDK for JavaScript v3, from npm, against
// the server. .ci/run installs it; elsewhere the test skips without it.
func TestJavaScriptSDK(t *testing.T) {
	node, err := exec.LookPath("node")
	if err == nil {
		_, err = os.Stat(filepath.Join("testdata", "js", "node_modules", "@aws-sdk", "client-kinesis"))
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must install the JavaScript SDK: %v", err)
		}
		t.Skipf("the JavaScript SDK is not installed (%v): run npm install --prefix cmd/kinesisfake/testdata/js", err)
	}

	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, []string{"-addr", "127.0.0.1:0"}, io.Discard, ready) }()
	addr := <-ready

	cmd := exec.CommandContext(ctx, node, filepath.Join("testdata", "js", "e2e.mjs"), "http://"+addr)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	want := "status ACTIVE\n" +
		"put shardId-000000000000 56\n" +
		"got hello from js true\n" +
		"consumers js-consumer\n" +
		"error ResourceNotFoundException Stream missing under account 123456789012 not found.\n"
	if stdout.String() != want {
		t.Errorf("the JavaScript SDK saw:\n%s\nwant:\n%s", stdout.String(), want)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// The built command stops cleanly on SIGINT and SIGTERM.
func TestStopsOnSignals(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "kinesisfake")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		cmd := exec.Command(bin, "-addr", "127.0.0.1:0")
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Wait until it serves, then signal it.
		lines := bufio.NewScanner(stderr)
		if !lines.Scan() || !strings.Contains(lines.Text(), "serving Kinesis on http://") {
			t.Fatalf("first line %q", lines.Text())
		}
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		var rest []string
		for lines.Scan() {
			rest = append(rest, lines.Text())
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("%v: exit %v", sig, err)
		}
		if !slices.Contains(rest, "kinesisfake: stopped") {
			t.Errorf("%v: output after the signal %q", sig, rest)
		}
	}
}
