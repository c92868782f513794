package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// wantActive checks that the stream is ACTIVE with so many open shards.
func wantActive(t *testing.T, sdk *kinesis.Client, name string, shards int32) {
	t.Helper()
	out, err := sdk.DescribeStreamSummary(context.Background(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if got := out.StreamDescriptionSummary; got.StreamStatus != types.StreamStatusActive || aws.ToInt32(got.OpenShardCount) != shards {
		t.Errorf("%s: %s with %d shards, want ACTIVE with %d", name, got.StreamStatus, aws.ToInt32(got.OpenShardCount), shards)
	}
}

// listed is the streams ListStreams lists, by name, and whether all are
// ACTIVE.
func listed(t *testing.T, sdk *kinesis.Client) (names []string, active bool) {
	t.Helper()
	out, err := sdk.ListStreams(context.Background(), &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatal(err)
	}
	active = true
	for _, s := range out.StreamSummaries {
		names = append(names, aws.ToString(s.StreamName))
		active = active && s.StreamStatus == types.StreamStatusActive
	}
	return names, active
}

// The streams -streams gives exist, ACTIVE, by the time the server is
// ready, read as kinesis-mock reads INITIALIZE_STREAMS.
func TestStartupStreams(t *testing.T) {
	s := start(t, "-streams", " orders:2 , audit:1,defaults, blank-count:,in-region::us-east-1, blank-region:3:,,")
	for name, shards := range map[string]int32{"orders": 2, "audit": 1, "defaults": 4, "blank-count": 4, "in-region": 4, "blank-region": 3} {
		wantActive(t, s.sdk, name, shards)
	}
	if names, _ := listed(t, s.sdk); len(names) != 6 {
		t.Errorf("streams %q", names)
	}
}

// With streams that stay CREATING, the server is ready only once they are
// ACTIVE: more than the five that may be CREATING at once, and more than
// -rates lets CreateStream make in a second.
func TestStartupStreamsWaitForActive(t *testing.T) {
	for _, args := range [][]string{
		{"-create-stream-delay", "200ms"},
		{"-create-stream-delay", "200ms", "-rates"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			s := start(t, append(args, "-streams", "a:1,b:1,c:1,d:1,e:1,f:1,g:2")...)
			// One call, within -rates' ListStreams limit.
			names, active := listed(t, s.sdk)
			if !slices.Equal(names, []string{"a", "b", "c", "d", "e", "f", "g"}) || !active {
				t.Errorf("streams %q, all ACTIVE %v", names, active)
			}
		})
	}
}

func TestStartupStreamsFromEnv(t *testing.T) {
	t.Setenv(streamsEnv, "from-env:3")
	s := start(t)
	wantActive(t, s.sdk, "from-env", 3)
}

// -streams wins over KINESISFAKE_STREAMS, even when it is empty.
func TestStartupStreamsFlagWins(t *testing.T) {
	t.Setenv(streamsEnv, "from-env:3")
	for _, tt := range []struct {
		flag string
		want []string
	}{
		{"from-flag:1", []string{"from-flag"}},
		{"", nil},
	} {
		s := start(t, "-streams", tt.flag)
		if names, _ := listed(t, s.sdk); !slices.Equal(names, tt.want) {
			t.Errorf("-streams %q: streams %q, want %q", tt.flag, names, tt.want)
		}
		s.stop()
	}
}

// Each bad entry is refused at start, naming it, as the flag package
// refuses a bad value: a usageError, which main exits 2 for.
func TestBadStartupStreams(t *testing.T) {
	t.Setenv(streamsEnv, "")
	long := strings.Repeat("s", 129)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"-streams", ":2"}, `invalid value ":2" for flag -streams: ":2": no stream name: a stream name is 1 to 128 letters, digits, hyphens, underscores and periods`},
		{[]string{"-streams", "a,,b"}, `invalid value "a,,b" for flag -streams: an empty entry: a stream is name[:shards[:region]]`},
		{[]string{"-streams", "a, ,b"}, `invalid value "a, ,b" for flag -streams: an empty entry: a stream is name[:shards[:region]]`},
		{[]string{"-streams", "orders:1,bad name:1"}, `invalid value "orders:1,bad name:1" for flag -streams: "bad name:1": a stream name is 1 to 128 letters, digits, hyphens, underscores and periods`},
		{[]string{"-streams", "or/ders"}, `invalid value "or/ders" for flag -streams: "or/ders": a stream name is 1 to 128 letters, digits, hyphens, underscores and periods`},
		{[]string{"-streams", long}, `invalid value "` + long + `" for flag -streams: "` + long + `": a stream name is 1 to 128 letters, digits, hyphens, underscores and periods`},
		{[]string{"-streams", "a:0"}, `invalid value "a:0" for flag -streams: "a:0": the shard count is a positive integer`},
		{[]string{"-streams", "a:-1"}, `invalid value "a:-1" for flag -streams: "a:-1": the shard count is a positive integer`},
		{[]string{"-streams", "a:two"}, `invalid value "a:two" for flag -streams: "a:two": the shard count is a positive integer`},
		{[]string{"-streams", "a:1.5"}, `invalid value "a:1.5" for flag -streams: "a:1.5": the shard count is a positive integer`},
		{[]string{"-streams", "a:-99999999999999999999"}, `invalid value "a:-99999999999999999999" for flag -streams: "a:-99999999999999999999": the shard count is a positive integer`},
		{[]string{"-streams", "a:20001"}, `invalid value "a:20001" for flag -streams: "a:20001": 20001 shards are more than the account's shard limit in us-east-1, 20000`},
		{[]string{"-streams", "a:99999999999999999999"}, `invalid value "a:99999999999999999999" for flag -streams: "a:99999999999999999999": 99999999999999999999 shards are more than the account's shard limit in us-east-1, 20000`},
		{[]string{"-streams", "a:1001", "-region", "eu-central-1"}, `invalid value "a:1001" for flag -streams: "a:1001": 1001 shards are more than the account's shard limit in eu-central-1, 1000`},
		{[]string{"-streams", "a:10000,b,c:9997"}, `invalid value "a:10000,b,c:9997" for flag -streams: "c:9997": with the streams before it, 20001 shards are more than the account's shard limit in us-east-1, 20000`},
		{[]string{"-streams", "a:1,b,a:2"}, `invalid value "a:1,b,a:2" for flag -streams: "a:2": stream a is given twice`},
		{[]string{"-streams", "a,a::us-east-1"}, `invalid value "a,a::us-east-1" for flag -streams: "a::us-east-1": stream a is given twice`},
		{[]string{"-streams", "a:1:junk-1"}, `invalid value "a:1:junk-1" for flag -streams: "a:1:junk-1": junk-1 is not a region the service has, nor -region`},
		{[]string{"-streams", "a:1:EU"}, `invalid value "a:1:EU" for flag -streams: "a:1:EU": a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{[]string{"-streams", "a:1:us-east-1:x"}, `invalid value "a:1:us-east-1:x" for flag -streams: "a:1:us-east-1:x": a stream is name[:shards[:region]]`},
	} {
		wantUsageError(t, tt.args, tt.want)
	}

	// From the environment, the message names the variable.
	t.Setenv(streamsEnv, "orders:0")
	wantUsageError(t, nil, `invalid value "orders:0" for KINESISFAKE_STREAMS: "orders:0": the shard count is a positive integer`)
}

// A command stopped while it creates its streams stops cleanly, never
// ready.
func TestStopWhileCreatingStreams(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stderr := newLines()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-create-stream-delay", "1h", "-streams", "orders"}, stderr, ready)
	}()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if len(ready) > 0 {
		t.Error("the command was ready")
	}
	if got := stderr.written(); !slices.Equal(got, []string{"kinesisfake: stopped"}) {
		t.Errorf("stderr %q", got)
	}
}

// A start-up stream's region part puts it in that region's state.
func TestStartupStreamsInTheirRegion(t *testing.T) {
	t.Setenv(streamsEnv, "")
	s := start(t, "-streams", "home,away:2:eu-west-1")
	url := "http://" + s.addr
	if got := listStreams(t, signedFor(t, url, "eu-west-1")); !slices.Equal(got, []string{"away"}) {
		t.Errorf("eu-west-1 lists %v, want [away]", got)
	}
	if got := listStreams(t, signedFor(t, url, "us-east-1")); !slices.Equal(got, []string{"home"}) {
		t.Errorf("us-east-1 lists %v, want [home]", got)
	}
}
