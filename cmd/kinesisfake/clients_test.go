package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// tool finds a program the test needs. CI must have it; elsewhere the test
// is skipped without it.
func tool(t *testing.T, name string, check ...string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil && len(check) > 0 {
		err = exec.Command(path, check...).Run()
	}
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI must install %s: %v", name, err)
		}
		t.Skipf("%s is not usable here: %v", name, err)
	}
	return path
}

// servers starts the command over plain HTTP and over TLS, and gives each
// one's URL and the CA bundle that trusts it ("" for plain HTTP).
func servers(t *testing.T, test func(t *testing.T, url, caBundle string)) {
	t.Run("http", func(t *testing.T) {
		c := start(t, "-quiet")
		test(t, "http://"+c.addr, "")
	})
	t.Run("tls", func(t *testing.T) {
		cert := filepath.Join(t.TempDir(), "cert.pem")
		c := start(t, "-quiet", "-tls", "-tls-cert-out", cert)
		test(t, "https://"+c.addr, cert)
	})
}

// boto3 runs the enhanced fan-out flow of testdata/python/efo.py: register,
// wait for ACTIVE, subscribe_to_shard, records put before and during the
// subscription, and ChildShards at the end of the split parent.
func TestBoto3EnhancedFanOut(t *testing.T) {
	python := tool(t, "python3", "-c", "import boto3")
	servers(t, func(t *testing.T, url, caBundle string) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		defer cancel()
		args := []string{filepath.Join("testdata", "python", "efo.py"), url}
		if caBundle != "" {
			args = append(args, caBundle)
		}
		out, err := exec.CommandContext(ctx, python, args...).Output()
		if err != nil {
			t.Fatalf("efo.py: %v\n%s", err, stderrOf(err))
		}
		var got struct {
			RegisteredAs      string   `json:"registeredAs"`
			Records           []string `json:"records"`
			Children          []string `json:"children"`
			ContinuationAtEnd *string  `json:"continuationAtEnd"`
		}
		if err := json.Unmarshal(out, &got); err != nil {
			t.Fatalf("efo.py printed %q: %v", out, err)
		}
		if got.RegisteredAs != "CREATING" {
			t.Errorf("register_stream_consumer answered %s, want CREATING", got.RegisteredAs)
		}
		if want := []string{"before-0", "before-1", "before-2", "during-0", "during-1", "during-2"}; !slices.Equal(got.Records, want) {
			t.Errorf("records %v, want %v", got.Records, want)
		}
		if want := []string{"shardId-000000000001", "shardId-000000000002"}; !slices.Equal(got.Children, want) {
			t.Errorf("ChildShards %v, want %v", got.Children, want)
		}
		if got.ContinuationAtEnd != nil {
			t.Errorf("the last event's ContinuationSequenceNumber is %q, want none at the end of a closed shard", *got.ContinuationAtEnd)
		}
	})
}

// The AWS CLI creates a stream, puts a record and reads it back.
func TestAWSCLI(t *testing.T) {
	aws := tool(t, "aws", "--version")
	version, _ := exec.Command(aws, "--version").CombinedOutput()
	servers(t, func(t *testing.T, url, caBundle string) {
		cli := func(args ...string) string {
			t.Helper()
			ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, aws, append([]string{"--endpoint-url", url, "--output", "text", "kinesis"}, args...)...)
			cmd.Env = append(os.Environ(), "AWS_ACCESS_KEY_ID=fake", "AWS_SECRET_ACCESS_KEY=fake", "AWS_DEFAULT_REGION=us-east-1", "AWS_CA_BUNDLE="+caBundle)
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("aws kinesis %s: %v\n%s", strings.Join(args, " "), err, stderrOf(err))
			}
			return strings.TrimSpace(string(out))
		}
		cli("create-stream", "--stream-name", "cli", "--shard-count", "1")
		put := []string{"put-record", "--stream-name", "cli", "--partition-key", "k", "--data", "hello"}
		if strings.HasPrefix(string(version), "aws-cli/2") {
			// AWS CLI v2 reads blobs as base64 unless told otherwise.
			put = append(put, "--cli-binary-format", "raw-in-base64-out")
		}
		cli(put...)
		iterator := cli("get-shard-iterator", "--stream-name", "cli", "--shard-id", "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON", "--query", "ShardIterator")
		data := cli("get-records", "--shard-iterator", iterator, "--query", "Records[0].Data")
		if got, err := base64.StdEncoding.DecodeString(data); err != nil || string(got) != "hello" {
			t.Errorf("get-records gave Data %q, want hello in base64", data)
		}
		if got := cli("list-streams", "--query", "StreamNames[0]"); got != "cli" {
			t.Errorf("list-streams named %q, want cli", got)
		}
	})
}

// stderrOf is what a failed command wrote to stderr.
func stderrOf(err error) string {
	if exit, ok := err.(*exec.ExitError); ok {
		return string(exit.Stderr)
	}
	return ""
}
