package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/awsid"
	"github.com/streamfake/kinesis/kinesisfake"
)

// Streams at start-up: -streams, or KINESISFAKE_STREAMS, in the form of
// kinesis-mock's INITIALIZE_STREAMS, so that set-ups move over unchanged.

// streamsEnv is the environment variable that -streams overrides.
const streamsEnv = "KINESISFAKE_STREAMS"

// defaultShards is the shard count of a start-up stream that gives none, as
// in kinesis-mock ("If the shard count is not provided, the default shard
// count of 4 is used").
const defaultShards = 4

// streamSpec is a stream to create before the server is ready.
type streamSpec struct {
	name   string
	shards int
	region string
}

// startupStreams reads the streams to create from -streams, if it was set,
// or else from KINESISFAKE_STREAMS. shardLimit is the account's shard limit
// in a region. A value that cannot be used is reported on the flag set's
// output, with the usage, in the flag package's words, and returned as a
// usageError.
func startupStreams(flags *flag.FlagSet, defaultRegion string, shardLimit func(region string) int) ([]streamSpec, error) {
	value, from := os.Getenv(streamsEnv), streamsEnv
	if isSet(flags, "streams") {
		value, from = flags.Lookup("streams").Value.String(), "flag -streams"
	}
	specs, err := parseStreams(value, defaultRegion, shardLimit)
	if err != nil {
		fmt.Fprintf(flags.Output(), "invalid value %q for %s: %v\n", value, from, err)
		flags.Usage()
		return nil, usageError{err}
	}
	return specs, nil
}

// parseStreams reads specs, as kinesis-mock reads INITIALIZE_STREAMS:
// name[:shards[:region]], comma-separated, where an empty or missing shard
// count is 4 and an empty or missing region is defaultRegion. Spaces around
// names, counts and regions are trimmed, an empty value is no streams, and
// trailing commas are ignored, as kinesis-mock ignores them (its
// String.split drops them), while an empty entry between two others is
// refused.
//
// Unlike kinesis-mock, which falls back on the default region for a region
// it does not know, a region that is not a region's name is refused; and,
// until the server keeps state per region, so is any region but
// defaultRegion. Names must be what CreateStream accepts, counts positive
// and within the account's shard limit (all the region's streams together),
// and no stream may be given twice.
func parseStreams(specs, defaultRegion string, shardLimit func(region string) int) ([]streamSpec, error) {
	if strings.TrimSpace(specs) == "" {
		return nil, nil
	}
	entries := strings.Split(specs, ",")
	for strings.TrimSpace(entries[len(entries)-1]) == "" {
		entries = entries[:len(entries)-1]
	}
	var streams []streamSpec
	seen := map[streamSpec]bool{} // by name and region
	shards := map[string]int{}    // by region
	limits := map[string]int{}    // shardLimit, by region
	for _, entry := range entries {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			return nil, errors.New("an empty entry: a stream is name[:shards[:region]]")
		}
		parts := strings.Split(entry, ":")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) > 3 {
			return nil, fmt.Errorf("%q: a stream is name[:shards[:region]]", entry)
		}
		s := streamSpec{name: parts[0], shards: defaultShards, region: defaultRegion}
		if err := checkStreamName(s.name); err != nil {
			return nil, fmt.Errorf("%q: %v", entry, err)
		}
		if len(parts) > 1 && parts[1] != "" {
			n, err := strconv.Atoi(parts[1])
			if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(parts[1], "-") {
				n, err = math.MaxInt, nil // over any limit
			}
			if err != nil || n < 1 {
				return nil, fmt.Errorf("%q: the shard count is a positive integer", entry)
			}
			s.shards = n
		}
		if len(parts) > 2 && parts[2] != "" {
			if err := awsid.CheckRegion(parts[2]); err != nil {
				return nil, fmt.Errorf("%q: %v", entry, err)
			}
			if parts[2] != defaultRegion && !awsid.KnownRegion(parts[2]) {
				return nil, fmt.Errorf("%q: %s is not a region the service has, nor -region", entry, parts[2])
			}
			s.region = parts[2]
		}
		key := streamSpec{name: s.name, region: s.region}
		if seen[key] {
			return nil, fmt.Errorf("%q: stream %s is given twice", entry, s.name)
		}
		seen[key] = true
		limit, ok := limits[s.region]
		if !ok {
			limit = shardLimit(s.region)
			limits[s.region] = limit
		}
		switch {
		case s.shards > limit:
			return nil, fmt.Errorf("%q: %s shards are more than the account's shard limit in %s, %d", entry, parts[1], s.region, limit)
		case shards[s.region]+s.shards > limit:
			return nil, fmt.Errorf("%q: with the streams before it, %d shards are more than the account's shard limit in %s, %d", entry, shards[s.region]+s.shards, s.region, limit)
		}
		shards[s.region] += s.shards
		streams = append(streams, s)
	}
	return streams, nil
}

// checkStreamName checks a name as the service's StreamName constraint
// does: 1 to 128 of [a-zA-Z0-9_.-].
func checkStreamName(name string) error {
	const form = "a stream name is 1 to 128 letters, digits, hyphens, underscores and periods"
	if name == "" {
		return errors.New("no stream name: " + form)
	}
	if len(name) > 128 {
		return errors.New(form)
	}
	for i := range len(name) {
		if c := name[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return errors.New(form)
		}
	}
	return nil
}

// defaultShardLimit is the shard limit of a new account in region, as the
// fake sets it when given no Limits (as the command gives none).
func defaultShardLimit(region string) int {
	fake := kinesisfake.New(kinesisfake.WithRegion(region))
	defer fake.Close()
	out, err := fake.DescribeLimits(context.Background(), &kinesis.DescribeLimitsInput{})
	if err != nil {
		panic(err) // a new fake without rates has no reason to refuse
	}
	return int(aws.ToInt32(out.ShardLimit))
}

// pollEvery is how often createStreams tries again, on the real clock.
const pollEvery = 5 * time.Millisecond

// createStreams creates the streams specs give, in the fake client returns
// for their region, and waits until each is ACTIVE, or until ctx is done.
// The service's limits are waited out: five streams CREATING at once (with
// -create-stream-delay) and, with -rates, the calls a second of CreateStream
// and DescribeStreamSummary.
func createStreams(ctx context.Context, client func(region string) *kinesisfake.Client, specs []streamSpec) error {
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	wait := func() error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-tick.C:
			return nil
		}
	}
	var limited *types.LimitExceededException
	var exists *types.ResourceInUseException
	for _, s := range specs {
		in := &kinesis.CreateStreamInput{StreamName: aws.String(s.name), ShardCount: aws.Int32(int32(s.shards))}
		for {
			_, err := client(s.region).CreateStream(ctx, in)
			// A stream that exists already, kept by -data, is kept as
			// it is.
			if err == nil || errors.As(err, &exists) {
				break
			}
			if !errors.As(err, &limited) {
				return fmt.Errorf("creating stream %s: %w", s.name, err)
			}
			if err := wait(); err != nil {
				return err
			}
		}
	}
	for _, s := range specs {
		in := &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(s.name)}
		for {
			out, err := client(s.region).DescribeStreamSummary(ctx, in)
			if err != nil && !errors.As(err, &limited) {
				return fmt.Errorf("waiting for stream %s: %w", s.name, err)
			}
			if err == nil && out.StreamDescriptionSummary.StreamStatus == types.StreamStatusActive {
				break
			}
			if err := wait(); err != nil {
				return err
			}
		}
	}
	return nil
}
