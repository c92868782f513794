package kinesisfake

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// The set against a sorted slice, through enough inserts and removals to
// split and merge chunks.
func TestSortedSet(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	s := newSortedSet(cmp.Compare[int])
	var want []int
	for step := range 20000 {
		x := r.IntN(2000)
		i, found := slices.BinarySearch(want, x)
		if r.IntN(3) > 0 != (step > 10000) { // grow, then shrink
			if !found {
				s.insert(x)
				want = slices.Insert(want, i, x)
			}
		} else {
			s.remove(x)
			if found {
				want = slices.Delete(want, i, i+1)
			}
		}
		if s.len() != len(want) {
			t.Fatalf("step %d: len %d, want %d", step, s.len(), len(want))
		}
		if step%500 != 0 {
			continue
		}
		if got := slices.Collect(s.skip(0)); !slices.Equal(got, want) {
			t.Fatalf("step %d: items %v, want %v", step, got, want)
		}
		k := r.IntN(len(want) + 1)
		if got := slices.Collect(s.skip(k)); !slices.Equal(got, want[k:]) {
			t.Fatalf("step %d: skip(%d) = %v, want %v", step, k, got, want[k:])
		}
		j, _ := slices.BinarySearch(want, x)
		if got := slices.Collect(s.from(func(y int) bool { return y >= x })); !slices.Equal(got, want[j:]) {
			t.Fatalf("step %d: from(%d) = %v, want %v", step, x, got, want[j:])
		}
		back := slices.Clone(want)
		slices.Reverse(back)
		if got := slices.Collect(s.backward()); !slices.Equal(got, back) {
			t.Fatalf("step %d: backward = %v", step, got)
		}
		if len(s.chunks) > 1+4*len(want)/chunkMax {
			t.Fatalf("step %d: %d chunks for %d items", step, len(s.chunks), len(want))
		}
	}
}

// Random calls, with delays and a clock that also moves back, keep the
// streams' and consumers' indexes and counts what visiting every stream and
// consumer would find.
func TestIndexesMatchState(t *testing.T) {
	c, clock := newFake(t,
		WithDelays(Delays{CreateStream: 3 * time.Second, DeleteStream: 2 * time.Second, UpdateStream: 5 * time.Second, RegisterConsumer: 3 * time.Second, DeregisterConsumer: 2 * time.Second}),
		WithLimits(Limits{Shards: 40, OnDemandStreams: 4, CreatingStreams: 3, ConsumersPerStream: 4, CreatingConsumers: 2}))
	r := rand.New(rand.NewPCG(3, 4))
	names := []string{"a", "b", "c", "d", "e", "f"}
	consumerARNs := map[string]string{} // by stream/consumer name, the latest registered
	succeeded := map[string]int{}       // calls that succeeded, by operation
	count := func(op string, err error) {
		if err == nil {
			succeeded[op]++
		}
	}
	for step := range 3000 {
		name := names[r.IntN(len(names))]
		consumer := fmt.Sprint("k", r.IntN(4))
		switch r.IntN(10) {
		case 0, 1:
			in := &kinesis.CreateStreamInput{StreamName: aws.String(name)}
			if r.IntN(2) == 0 {
				in.ShardCount = aws.Int32(int32(1 + r.IntN(3)))
			}
			_, err := c.CreateStream(ctx, in)
			count("CreateStream", err)
		case 2:
			_, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(r.IntN(2) == 0)})
			count("DeleteStream", err)
		case 3:
			_, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String("0"), NewStartingHashKey: aws.String("1000")})
			count("SplitShard", err)
		case 4:
			_, err := c.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String(name), TargetShardCount: aws.Int32(int32(1 + r.IntN(4))), ScalingType: types.ScalingTypeUniformScaling})
			count("UpdateShardCount", err)
		case 5:
			mode := types.StreamModeOnDemand
			if r.IntN(2) == 0 {
				mode = types.StreamModeProvisioned
			}
			_, err := c.UpdateStreamMode(ctx, &kinesis.UpdateStreamModeInput{StreamARN: aws.String(c.streamARN(name)), StreamModeDetails: &types.StreamModeDetails{StreamMode: mode}})
			count("UpdateStreamMode", err)
		case 6:
			out, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(c.streamARN(name)), ConsumerName: aws.String(consumer)})
			if count("RegisterStreamConsumer", err); err == nil {
				consumerARNs[name+"/"+consumer] = *out.Consumer.ConsumerARN
			}
		case 7:
			_, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumerARNs[name+"/"+consumer])})
			count("DeregisterStreamConsumer", err)
		case 8:
			clock.Advance(time.Duration(r.IntN(12)) * 250 * time.Millisecond) // in quarter seconds, to land on transitions
		case 9:
			clock.Set(clock.Now().Add(-time.Duration(r.IntN(6)) * 250 * time.Millisecond))
		}
		checkIndexes(t, c, step)
	}
	// Enough of each call succeeded for the indexes to have followed the
	// state through it: a change that made the calls fail would leave
	// little to check. The floors are half of what succeeds today (the
	// seed is fixed): CreateStream 112, DeleteStream 182, SplitShard 10,
	// UpdateShardCount 14, UpdateStreamMode 20, RegisterStreamConsumer 54,
	// DeregisterStreamConsumer 26.
	for op, least := range map[string]int{"CreateStream": 56, "DeleteStream": 91, "SplitShard": 5, "UpdateShardCount": 7, "UpdateStreamMode": 10, "RegisterStreamConsumer": 27, "DeregisterStreamConsumer": 13} {
		if succeeded[op] < least {
			t.Errorf("%d %s calls succeeded, want %d at least", succeeded[op], op, least)
		}
	}
}

// checkIndexes checks the indexes against the state they index, once the
// transitions due are made.
func checkIndexes(t *testing.T, c *Client, step int) {
	t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.clock.Now()
	u := c.usage(now)
	var want usage
	for _, s := range c.streams {
		if s.life.gone(now) {
			t.Fatalf("step %d: stream %s gone but kept", step, s.name)
		}
		if s.pendingReshard != nil && !now.Before(s.life.UpdatingUntil) {
			t.Fatalf("step %d: stream %s has a reshard due", step, s.name)
		}
		if s.Mode == types.StreamModeOnDemand {
			want.onDemandStreams++
		} else {
			want.provisionedShards += len(s.open)
		}
		if s.status(now) == types.StreamStatusCreating {
			want.creatingStreams++
		}

		consumers := slices.SortedFunc(maps.Values(s.consumers), consumerOrder)
		consumers = slices.DeleteFunc(consumers, func(k *consumer) bool { return k.life.gone(now) })
		if got := slices.Collect(s.liveConsumers(now).skip(0)); !slices.Equal(got, consumers) {
			t.Fatalf("step %d: stream %s lists %d consumers, want %d", step, s.name, len(got), len(consumers))
		}
		creating := 0
		for _, k := range consumers {
			if k.status(now) == types.ConsumerStatusCreating {
				creating++
			}
		}
		if got := s.consumerCensus.creating(now); got != creating {
			t.Fatalf("step %d: stream %s has %d consumers CREATING, want %d", step, s.name, got, creating)
		}
	}
	if u != want {
		t.Fatalf("step %d: usage %+v, want %+v", step, u, want)
	}
	var names []string
	for s := range c.index.names.skip(0) {
		names = append(names, s.name)
	}
	if want := slices.Sorted(maps.Keys(c.streams)); !slices.Equal(names, want) {
		t.Fatalf("step %d: names %v, want %v", step, names, want)
	}
}

// Paging through streams, consumers and shards and registering a consumer
// allocate as much among thousands as among a few: none of them collects
// every stream, consumer or shard.
func TestCallsDoNotGrowWithTheFake(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector's allocations blur the counts")
	}
	type cost struct{ allocs, bytes float64 }
	costs := func(n int) map[string]cost {
		c, _ := newMemoryFake(t, WithLimits(Limits{ConsumersPerStream: n + 1})) // what a call costs, not a store
		createStream(t, c, "shards", n)                                         // first, so that its tag, which tokens carry, is the same
		for i := range n {
			createStream(t, c, fmt.Sprintf("s%05d", i), 1)
		}
		streamARN := aws.String(c.streamARN("s00000"))
		for i := range n {
			register(t, c, "s00000", fmt.Sprintf("c%05d", i))
		}
		middle := aws.String(shardID(n / 2))
		calls := map[string]func() error{
			"ListStreams": func() error {
				_, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{Limit: aws.Int32(10)})
				return err
			},
			"ListStreamConsumers": func() error {
				_, err := c.ListStreamConsumers(ctx, &kinesis.ListStreamConsumersInput{StreamARN: streamARN, MaxResults: aws.Int32(10)})
				return err
			},
			"RegisterStreamConsumer": func() error {
				out, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: streamARN, ConsumerName: aws.String("new")})
				if err != nil {
					return err
				}
				_, err = c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: out.Consumer.ConsumerARN})
				return err
			},
			"DescribeStream": func() error {
				_, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("shards"), Limit: aws.Int32(5), ExclusiveStartShardId: middle})
				return err
			},
			"ListShards": func() error {
				_, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("shards"), MaxResults: aws.Int32(5), ExclusiveStartShardId: middle})
				return err
			},
		}
		m := map[string]cost{}
		for name, call := range calls {
			f := func() {
				if err := call(); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
			// The least of a few tries, in case a goroutine left by another
			// test allocates meanwhile.
			least := cost{math.Inf(1), math.Inf(1)}
			for range 3 {
				least = cost{min(least.allocs, testing.AllocsPerRun(10, f)), min(least.bytes, bytesPerRun(10, f))}
			}
			m[name] = least
		}
		return m
	}
	few, many := costs(20), costs(2000)
	for name := range few {
		if few[name] != many[name] {
			t.Errorf("%s among 20 and 2,000: %+v and %+v", name, few[name], many[name])
		}
	}
}

// bytesPerRun is testing.AllocsPerRun for bytes: what f allocates on
// average over runs.
func bytesPerRun(runs int, f func()) float64 {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	f() // warm up
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range runs {
		f()
	}
	runtime.ReadMemStats(&after)
	return float64(after.TotalAlloc-before.TotalAlloc) / float64(runs)
}
