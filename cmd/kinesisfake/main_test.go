package main

import (
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

	"github.com/streamfake/kinesis/internal/recorded"
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

// Values the fake would refuse are refused as the command line is parsed,
// in the flag package's words, before anything is served.
func TestBadFlagValues(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-account", "12"}, `invalid value "12" for flag -account: an account ID is 12 digits, such as 123456789012`},
		{[]string{"-account", "1234567890123"}, `invalid value "1234567890123" for flag -account: an account ID is 12 digits, such as 123456789012`},
		{[]string{"-region", ""}, `invalid value "" for flag -region: a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{[]string{"-region", "us-east-1:"}, `invalid value "us-east-1:" for flag -region: a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{[]string{"-create-stream-delay", "-1s"}, `invalid value "-1s" for flag -create-stream-delay: a delay is 0 or more`},
		{[]string{"-delete-channel-delay", "soon"}, `invalid value "soon" for flag -delete-channel-delay: parse error`},
		{[]string{"-data", "x", "-fsync", "sometimes"}, `invalid value "sometimes" for flag -fsync: "sometimes" is not always, batch or never`},
		{[]string{"-fsync", "never"}, `-fsync goes with -data`},
	}
	for _, tt := range tests {
		wantUsageError(t, tt.args, tt.want)
	}
}

// Good values pass: every partition's regions, and the bounds of the forms.
func TestGoodFlagValues(t *testing.T) {
	for _, args := range [][]string{
		{"-region", "cn-north-1", "-account", "000000000000"},
		{"-region", "us-gov-west-1", "-create-stream-delay", "0s"},
		{"-region", "local", "-register-consumer-delay", "1500ms"},
	} {
		ctx, stop := context.WithCancel(context.Background())
		ready := make(chan string, 1)
		done := make(chan error, 1)
		go func() { done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), io.Discard, ready) }()
		select {
		case <-ready:
		case err := <-done:
			t.Fatalf("%q: run returned %v before serving", args, err)
		}
		stop()
		if err := <-done; err != nil {
			t.Fatalf("%q: run: %v", args, err)
		}
	}
}

// The built command refuses a bad flag value (-account, -region, -streams,
// -log-format) with the flag package's message and exit status 2, not a
// panic.
func TestBadFlagValuesExitStatus(t *testing.T) {
	bin := build(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-account", "12"}, `invalid value "12" for flag -account: an account ID is 12 digits`},
		{[]string{"-region", ""}, `invalid value "" for flag -region: a region is lowercase letters, digits and hyphens`},
		{[]string{"-streams", "orders:0"}, `invalid value "orders:0" for flag -streams: "orders:0": the shard count is a positive integer`},
		{[]string{"-log-format", "xml"}, `invalid value "xml" for flag -log-format: the request log's format is text or json`},
	} {
		stderr := wantExit2(t, bin, tt.args)
		if !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("%q: stderr starts %q, want %q", tt.args, stderr, tt.want)
		}
		if strings.Contains(stderr, "panic") || strings.Contains(stderr, "goroutine") {
			t.Errorf("%q: stderr shows a panic:\n%s", tt.args, stderr)
		}
	}

	// -h prints the usage and exits 0, as flag.ExitOnError does.
	cmd := exec.Command(bin, "-h")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("-h: %v, want exit status 0", err)
	}
	if !strings.HasPrefix(stderr.String(), "Usage of kinesisfake:") {
		t.Errorf("-h: stderr %q", stderr.String())
	}
}

// build builds the command into a temporary directory and returns its path.
func build(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kinesisfake")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// wantExit2 runs the built command bin with args, on a loopback port, and
// checks that it exits with status 2, as flag.ExitOnError does for a bad
// command line. It returns what the command wrote to stderr.
func wantExit2(t *testing.T, bin string, args []string) string {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0"}, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 2 {
		t.Errorf("%q: %v, want exit status 2", args, err)
	}
	return stderr.String()
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
		"error ResourceNotFoundException " + recorded.StreamNotFound("missing", "123456789012") + "\n"
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
	bin := build(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		p := startProcess(t, bin)
		if err := p.cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		<-p.done
		if err := p.cmd.Wait(); err != nil {
			t.Errorf("%v: exit %v", sig, err)
		}
		if !slices.Contains(p.log, "kinesisfake: stopped") {
			t.Errorf("%v: output after the signal %q", sig, p.log)
		}
	}
}
