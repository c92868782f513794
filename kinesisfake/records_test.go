package kinesisfake

import (
	"bytes"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/internal/recorded"
)

// Routing as kinesalite's tests recorded it from the service, on a stream of
// 3 shards.
func TestRoutingMatchesTheService(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 3)
		third := new(big.Int).Div(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(3))
		twoThirds := new(big.Int).Mul(third, big.NewInt(2))
		tests := []struct {
			key, hash string
			shard     string
		}{
			{key: "a", shard: "shardId-000000000000"},
			{key: "b", shard: "shardId-000000000001"},
			{key: "e", shard: "shardId-000000000002"},
			{key: "f", shard: "shardId-000000000001"},
			{hash: "0", shard: "shardId-000000000000"},
			{hash: new(big.Int).Sub(twoThirds, big.NewInt(1)).String(), shard: "shardId-000000000001"},
			{hash: twoThirds.String(), shard: "shardId-000000000002"},
			{hash: "340282366920938463463374607431768211455", shard: "shardId-000000000002"},
		}
		for _, tt := range tests {
			in := &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")}
			if tt.key != "" {
				in.PartitionKey = aws.String(tt.key)
			} else {
				in.ExplicitHashKey = aws.String(tt.hash)
			}
			out, err := k.PutRecord(ctx, in)
			if err != nil {
				t.Fatal(err)
			}
			if *out.ShardId != tt.shard {
				t.Errorf("key %q hash %q went to %s, want %s", tt.key, tt.hash, *out.ShardId, tt.shard)
			}
			if out.EncryptionType != types.EncryptionTypeNone {
				t.Errorf("EncryptionType = %q, want NONE", out.EncryptionType)
			}
		}
	})
}

func TestSequenceNumbersIncrease(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 2)
		last := map[string]*big.Int{}
		for i := range 200 {
			out := put(t, c, "s", fmt.Sprint(i%7), "x")
			if len(*out.SequenceNumber) != 56 {
				t.Fatalf("sequence number %s has %d digits, want 56", *out.SequenceNumber, len(*out.SequenceNumber))
			}
			n, _ := new(big.Int).SetString(*out.SequenceNumber, 10)
			if prev := last[*out.ShardId]; prev != nil && n.Cmp(prev) <= 0 {
				t.Fatalf("sequence number %s after %s in %s", n, prev, *out.ShardId)
			}
			last[*out.ShardId] = n
		}
	})
}

func TestSequenceNumberForOrdering(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 4)
		// An ordering number from another shard, the latest the stream
		// issued, is taken: the next record for the key is above the key's
		// last, and its index above the ordering number's. (Numbers of
		// different shards do not compare: created and shard come first.)
		first := put(t, c, "s", "a", "1")
		for range 10 {
			put(t, c, "s", "b", "x")
		}
		high, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("e"), Data: []byte("x")})
		if err != nil {
			t.Fatal(err)
		}
		next, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("a"), Data: []byte("2"), SequenceNumberForOrdering: high.SequenceNumber})
		if err != nil {
			t.Fatal(err)
		}
		n, _, _ := parseSequenceNumber(*next.SequenceNumber)
		h, _, _ := parseSequenceNumber(*high.SequenceNumber)
		if *next.SequenceNumber <= *first.SequenceNumber || n.index <= h.index || *next.ShardId == *high.ShardId {
			t.Errorf("sequence number %s (shard %s) after %s, ordered after %s (shard %s)", *next.SequenceNumber, *next.ShardId, *first.SequenceNumber, *high.SequenceNumber, *high.ShardId)
		}
	})
}

func TestStoredDataIsACopy(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		data := []byte("hello")
		if _, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: data}); err != nil {
			t.Fatal(err)
		}
		entries := []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("world")}}
		if _, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			t.Fatal(err)
		}
		copy(data, "HELLO")
		copy(entries[0].Data, "WORLD")

		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		first, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatal(err)
		}
		// Writing through a returned slice, even past its length, reaches
		// nothing stored.
		first.Records[0].Data = append(first.Records[0].Data, "!!!"...)
		copy(first.Records[0].Data, "xxxxx")
		copy(first.Records[1].Data, "yyyyy")
		*first.Records[0].PartitionKey = "changed"
		if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"hello", "world"}) {
			t.Errorf("stored records = %q, want [hello world]", got)
		}
	})
}

func TestShardIteratorTypes(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		shard := aws.String("shardId-000000000000")
		var seqs []string
		for i := range 5 {
			seqs = append(seqs, *put(t, c, "s", "k", fmt.Sprint("r", i)).SequenceNumber)
			clock.Advance(time.Second)
		}
		latest := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shard, ShardIteratorType: types.ShardIteratorTypeLatest})
		put(t, c, "s", "k", "r5")

		read := func(it *string) []string {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range out.Records {
				got = append(got, string(r.Data))
			}
			return got
		}
		in := func(typ types.ShardIteratorType) *kinesis.GetShardIteratorInput {
			return &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shard, ShardIteratorType: typ}
		}
		atSeq, afterSeq, atTime, beforeAll := in(types.ShardIteratorTypeAtSequenceNumber), in(types.ShardIteratorTypeAfterSequenceNumber), in(types.ShardIteratorTypeAtTimestamp), in(types.ShardIteratorTypeAtTimestamp)
		atSeq.StartingSequenceNumber = aws.String(seqs[2])
		afterSeq.StartingSequenceNumber = aws.String(seqs[2])
		atTime.Timestamp = aws.Time(epoch.Add(3 * time.Second))
		beforeAll.Timestamp = aws.Time(epoch.Add(-time.Hour))

		for name, tt := range map[string]struct {
			it   *string
			want []string
		}{
			"TRIM_HORIZON":          {iterator(t, c, in(types.ShardIteratorTypeTrimHorizon)), []string{"r0", "r1", "r2", "r3", "r4", "r5"}},
			"LATEST":                {latest, []string{"r5"}},
			"AT_SEQUENCE_NUMBER":    {iterator(t, c, atSeq), []string{"r2", "r3", "r4", "r5"}},
			"AFTER_SEQUENCE_NUMBER": {iterator(t, c, afterSeq), []string{"r3", "r4", "r5"}},
			"AT_TIMESTAMP":          {iterator(t, c, atTime), []string{"r3", "r4", "r5"}},
			"AT_TIMESTAMP before":   {iterator(t, c, beforeAll), []string{"r0", "r1", "r2", "r3", "r4", "r5"}},
			// The shard's StartingSequenceNumber is a valid position.
			"shard ID shorthand": {iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("0"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}), []string{"r0", "r1", "r2", "r3", "r4", "r5"}},
			// The service reads the number after the last '-' (issue 11).
			"shard number after the last dash": {iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("my-shard-0"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon}), []string{"r0", "r1", "r2", "r3", "r4", "r5"}},
		} {
			if got := read(tt.it); !cmp.Equal(got, tt.want) {
				t.Errorf("%s read %q, want %q", name, got, tt.want)
			}
		}
	})
}

func TestGetRecordsPaging(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		putN(t, c, "s", 5)
		clock.Advance(2 * time.Second)
		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})

		page := func(it *string, limit int32) *kinesis.GetRecordsOutput {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(limit)})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		first := page(it, 2)
		if len(first.Records) != 2 || *first.MillisBehindLatest != 2000 {
			t.Errorf("first page: %d records, %d ms behind; want 2 records, 2000 ms behind", len(first.Records), *first.MillisBehindLatest)
		}
		second := page(first.NextShardIterator, 10)
		if len(second.Records) != 3 || *second.MillisBehindLatest != 0 || string(second.Records[0].Data) != "d2" {
			t.Errorf("second page: %d records from %q, %d ms behind; want 3 records from d2, caught up", len(second.Records), second.Records[0].Data, *second.MillisBehindLatest)
		}
		// At the tip of an open shard: no records, and a new iterator every time.
		third := page(second.NextShardIterator, 10)
		fourth := page(third.NextShardIterator, 10)
		if len(third.Records)+len(fourth.Records) != 0 {
			t.Errorf("records past the tip")
		}
		if *third.NextShardIterator == *second.NextShardIterator || *fourth.NextShardIterator == *third.NextShardIterator {
			t.Error("NextShardIterator repeated a value")
		}
		if third.NextShardIterator == second.NextShardIterator {
			t.Error("NextShardIterator repeated a pointer")
		}
		for _, r := range first.Records {
			if r.ApproximateArrivalTimestamp.Location() != time.UTC || !r.ApproximateArrivalTimestamp.Equal(epoch) || r.EncryptionType != types.EncryptionTypeNone {
				t.Errorf("record %s: arrival %v, encryption %q", *r.SequenceNumber, r.ApproximateArrivalTimestamp, r.EncryptionType)
			}
		}
		// An iterator can be used again within its 5 minutes.
		if again := page(it, 1); string(again.Records[0].Data) != "d0" {
			t.Errorf("reusing an iterator read %q, want d0", again.Records[0].Data)
		}
		clock.Advance(5*time.Minute - 2*time.Second)
		if again := page(it, 1); len(again.Records) != 1 {
			t.Error("iterator unusable exactly 5 minutes after issue")
		}
	})
}

func TestGetRecordsReturnsAtMost10MiB(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10240)}); err != nil {
			t.Fatal(err)
		}
		for i := range 5 {
			if _, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: bytes.Repeat([]byte{byte(i)}, 3<<20)}); err != nil {
				t.Fatal(err)
			}
		}
		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		var sizes []int
		for range 3 {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			if err != nil {
				t.Fatal(err)
			}
			sizes = append(sizes, len(out.Records))
			it = out.NextShardIterator
		}
		if !cmp.Equal(sizes, []int{3, 2, 0}) {
			t.Errorf("records per call = %v, want [3 2 0] (at most 10 MiB each)", sizes)
		}
	})
}

func TestRetentionTrimsRecords(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		put(t, c, "s", "k", "old")
		clock.Advance(12 * time.Hour)
		put(t, c, "s", "k", "new")
		clock.Advance(12 * time.Hour)
		if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"old", "new"}) {
			t.Errorf("at 24h: %q", got)
		}
		clock.Advance(time.Millisecond)
		if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"new"}) {
			t.Errorf("after 24h: %q, want [new]", got)
		}
		clock.Advance(12 * time.Hour)
		if got := readShard(t, c, "s", "shardId-000000000000"); len(got) != 0 {
			t.Errorf("after 36h: %q, want none", got)
		}
	})
}

func TestPutRecords(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 3)
		var entries []types.PutRecordsRequestEntry
		for i := range 500 {
			entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key", i)), Data: []byte(fmt.Sprint(i))})
		}
		out, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s"), Records: entries})
		if err != nil {
			t.Fatal(err)
		}
		if *out.FailedRecordCount != 0 || len(out.Records) != 500 || out.EncryptionType != types.EncryptionTypeNone {
			t.Fatalf("FailedRecordCount %d, %d results", *out.FailedRecordCount, len(out.Records))
		}
		// Each result names the shard the entry's key routes to, and within a
		// shard the entries keep request order.
		perShard := map[string][]string{}
		for i, r := range out.Records {
			single := partitionHash(fmt.Sprint("key", i))
			want := ""
			for _, sh := range c.streams["s"].open {
				if sh.hashRange.contains(single) {
					want = sh.id
				}
			}
			if *r.ShardId != want || r.ErrorCode != nil {
				t.Fatalf("entry %d: shard %s, error %v; want %s", i, *r.ShardId, r.ErrorCode, want)
			}
			perShard[*r.ShardId] = append(perShard[*r.ShardId], fmt.Sprint(i))
		}
		for id, want := range perShard {
			if got := readShard(t, c, "s", id); !cmp.Equal(got, want) {
				t.Errorf("%s holds %d records, want %d in request order", id, len(got), len(want))
			}
		}
	})
}

func TestConcurrentProducersAndConsumers(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 4)
	const producers, perProducer = 4, 250
	var wg sync.WaitGroup
	for p := range producers {
		wg.Go(func() {
			for i := range perProducer {
				if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(fmt.Sprint(p)), Data: []byte(fmt.Sprintf("%d:%d", p, i))}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	// Readers run alongside the producers.
	for range 2 {
		wg.Go(func() {
			for range 50 {
				if _, err := c.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")}); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	// Every record is stored once, and each producer's in its order.
	next := make([]int, producers)
	for i := range 4 {
		for _, r := range readShard(t, c, "s", fmt.Sprintf("shardId-%012d", i)) {
			var p, n int
			fmt.Sscanf(r, "%d:%d", &p, &n)
			if n != next[p] {
				t.Fatalf("producer %d: record %d where %d was due", p, n, next[p])
			}
			next[p]++
		}
	}
	for p, n := range next {
		if n != perProducer {
			t.Errorf("producer %d: %d records stored, want %d", p, n, perProducer)
		}
	}
}

func TestDryRunChangesNothing(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, c, "s", 1)
		put(t, c, "s", "k", "kept")
		_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), DryRun: aws.Bool(true)})
		wantAPIError(t, err, "PutRecord", "DryRunOperationException", "")
		_, err = k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: []types.PutRecordsRequestEntry{{PartitionKey: aws.String("k"), Data: []byte("x")}}, DryRun: aws.Bool(true)})
		wantAPIError(t, err, "PutRecords", "DryRunOperationException", "")
		_, err = k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest, DryRun: aws.Bool(true)})
		wantAPIError(t, err, "GetShardIterator", "DryRunOperationException", "")
		it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		_, err = k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, DryRun: aws.Bool(true)})
		wantAPIError(t, err, "GetRecords", "DryRunOperationException", "")
		// A dry run of a request that would fail reports the failure.
		_, err = k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("nope"), PartitionKey: aws.String("k"), Data: []byte("x"), DryRun: aws.Bool(true)})
		wantAPIError(t, err, "PutRecord", "ResourceNotFoundException", "")
		if got := readShard(t, c, "s", "shardId-000000000000"); !cmp.Equal(got, []string{"kept"}) {
			t.Errorf("after dry runs the shard holds %q", got)
		}
	})
}

// An ordering number whose time is ahead of the clock is refused, as the
// service refuses one (kinesalite's test/putRecord.js); one of an index the
// stream has not reached, up to the highest, is taken, as the service takes
// it, and moves nothing: every record after it is read, in order. (Before,
// an index at the top of its range wrapped the stream's counter, and the
// records after it were never read.) Once the clock is set back, the
// numbers the stream issued are still taken.
func TestSequenceNumberForOrderingFromTheFuture(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		clock.Advance(time.Hour)
		r0 := put(t, k, "s", "k", "r0")
		put(t, k, "s", "k", "r1")
		real := *r0.SequenceNumber
		seq, _, _ := parseSequenceNumber(real)
		seq.time = seconds(clock.Now()) + 1
		ahead := seq.String()
		_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: &ahead})
		wantAPIError(t, err, "PutRecord", "InvalidArgumentException",
			recorded.InvalidOrderingNumber(ahead, "s", "123456789012"))
		var last string
		for i, ordering := range []string{sequenceIndex(t, real, maxIndex), sequenceIndex(t, real, 3), real} {
			if i == 2 {
				clock.Set(epoch.Add(time.Minute)) // before r0 arrived
			}
			out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: fmt.Appendf(nil, "r%d", i+2), SequenceNumberForOrdering: aws.String(ordering)})
			if err != nil {
				t.Fatal(err)
			}
			if *out.SequenceNumber <= last {
				t.Fatalf("sequence number %s after %s", *out.SequenceNumber, last)
			}
			last = *out.SequenceNumber
		}
		it := iterator(t, k, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		var got []string
		for page := 0; page < 10 && it != nil; page++ {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(2)})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range out.Records {
				got = append(got, string(r.Data))
			}
			it = out.NextShardIterator
		}
		if want := []string{"r0", "r1", "r2", "r3", "r4"}; !cmp.Equal(got, want) {
			t.Errorf("read %q, want %q", got, want)
		}
	})
}

// A call refused by any check changes nothing: a DryRun PutRecord with an
// ordering number leaves the next sequence number where it was. (Before, the
// ordering number moved the stream's counter ahead of the DryRun check.)
func TestRefusedPutChangesNothing(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		first := put(t, k, "s", "k", "a")
		ahead := sequenceIndex(t, *first.SequenceNumber, 5)
		for _, ordering := range []string{*first.SequenceNumber, ahead} {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String(ordering), DryRun: aws.Bool(true)})
			if err == nil {
				t.Fatal("DryRun PutRecord succeeded")
			}
		}
		second := put(t, k, "s", "k", "b")
		a, _, _ := parseSequenceNumber(*first.SequenceNumber)
		b, _, _ := parseSequenceNumber(*second.SequenceNumber)
		if b.index != a.index+1 {
			t.Errorf("index %d after %d: the refused call moved the counter", b.index, a.index)
		}
	})
}

// Every rule of the record operations, with the error the service returns
// for it. Each case runs on streams "s" and "other", of 3 shards each.
func TestRecordErrors(t *testing.T) {
	s := aws.String("s")
	seqOf := func(c *Client, stream, key string) *string {
		out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String(key), Data: []byte("x")})
		if err != nil {
			panic(err)
		}
		return out.SequenceNumber
	}
	// Sequence numbers the service was given, and its answers: kinesalite's
	// test/putRecord.js and test/getShardIterator.js, checked against it,
	// which give the numbers in hex; and numbers from production.
	var (
		version0  = decimal("20000000000000000000000000000000000000000000000")
		version3  = decimal("20000000000000000000000000000000000000000000003")
		version4  = decimal("20000000000000000000000000000000000000000000004")
		initial3  = decimal("30000000000000000000000000000000000000000000001")
		initial1  = decimal("1ffffffffff7fffffffffffffff000000000007fffffff2")
		highIndex = decimal("20000000000800000000000000000000000000000000002")
		highShard = decimal("20000000000000000000000000000000000000800000002")
		allZero   = decimal("20000000000000000000000000000000000000000000002")
		lateDate  = decimal("13bb2cc3d80000000000000000000000")
		ahead     = decimal(fmt.Sprintf("20000000000000000000000000000%09x000000002", seconds(epoch)+2))
		lambda    = "49590338271490256608559692538361571095921575989136588898" // the AWS Lambda Developer Guide's sample event, shard 6
		version1  = "49537979178794861780081237450294896636708704732336619521" // amazon-archives/amazon-kinesis-connectors#8, shard 0
	)
	ordering := func(seq string) func(*Client, API, *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String(seq)})
			return err
		}
	}
	badOrdering := func(seq string) string {
		return recorded.InvalidOrderingNumber(seq, "s", "123456789012")
	}
	starting := func(seq string) func(*Client, API, *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String(seq)})
			return err
		}
	}
	badStarting := func(seq string) string {
		return recorded.InvalidSequenceNumber(seq, "GetShardIterator", "shardId-000000000000", "s", "123456789012")
	}
	notFromStream := func(seq string) string {
		return recorded.SequenceNotFromStream(seq, "GetShardIterator", "shardId-000000000000", "s", "123456789012")
	}
	encodes := func(shard string) string {
		return recorded.SequenceOfOtherShard(shard, "shardId-000000000000")
	}
	errorTable{setup: twoStreams, cases: []errorCase{
		// PutRecord
		{name: "PutRecord record over the stream's maximum", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{name: "PutRecord record and key over the stream's maximum", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("kk"), Data: make([]byte, 1<<20-1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048574"},
		{name: "PutRecord record over 10 MiB", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: make([]byte, 10<<20+1)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0 lim=10485761 cap=10485761]' at 'data' failed to satisfy constraint: Member must have length less than or equal to 10485760"},
		{name: "PutRecord without partition key", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, Data: []byte("x")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value null at 'partitionKey' failed to satisfy constraint: Member must not be null"},
		{name: "PutRecord several violations in the service's order", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("a b"), PartitionKey: aws.String(""), Data: []byte("x"), ExplicitHashKey: aws.String("01"), SequenceNumberForOrdering: aws.String("x")})
			return err
		}, code: "ValidationException", message: "4 validation errors detected: Value 'x' at 'sequenceNumberForOrdering' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128}); Value '' at 'partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '01' at 'explicitHashKey' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,38}); Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"},
		{name: "PutRecord partition key too long", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String(strings.Repeat("k", 257)), Data: []byte("x")})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '" + strings.Repeat("k", 257) + "' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256"},
		{name: "PutRecord hash key of 2^128", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x"), ExplicitHashKey: aws.String("340282366920938463463374607431768211456")})
			return err
		}, code: "InvalidArgumentException", message: recorded.ExplicitHashKeyOutOfRange("340282366920938463463374607431768211456")},
		{name: "PutRecord foreign ordering sequence number", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String("123")})
			return err
		}, code: "InvalidArgumentException", message: recorded.InvalidOrderingNumber("123", "s", "123456789012")},
		{name: "PutRecord ordering number of version 0", op: "PutRecord", call: ordering(version0), code: "InvalidArgumentException", message: badOrdering(version0)},
		{name: "PutRecord ordering number of version 3", op: "PutRecord", call: ordering(version3), code: "InternalFailure", message: ""},
		{name: "PutRecord ordering number of version 4", op: "PutRecord", call: ordering(version4), code: "InvalidArgumentException", message: badOrdering(version4)},
		{name: "PutRecord ordering number starting 3", op: "PutRecord", call: ordering(initial3), code: "InvalidArgumentException", message: badOrdering(initial3)},
		{name: "PutRecord ordering number starting 1", op: "PutRecord", call: ordering(initial1), code: "InvalidArgumentException", message: badOrdering(initial1)},
		{name: "PutRecord ordering number with 8 in the index", op: "PutRecord", call: ordering(highIndex), code: "InvalidArgumentException", message: badOrdering(highIndex)},
		{name: "PutRecord ordering number ahead of the clock", op: "PutRecord", call: ordering(ahead), code: "InvalidArgumentException", message: badOrdering(ahead)},
		{name: "PutRecord ordering number of version 0 created too late", op: "PutRecord", call: ordering(lateDate), code: "InvalidArgumentException", message: badOrdering(lateDate)},
		{name: "PutRecord unknown stream", op: "PutRecord", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("nope"), PartitionKey: aws.String("k"), Data: []byte("x")})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
		{name: "PutRecord stream still CREATING", op: "PutRecord", opts: []Option{WithDelays(Delays{CreateStream: time.Second})}, call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: s, PartitionKey: aws.String("k"), Data: []byte("x")})
			return err
		}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "123456789012")},

		// PutRecords
		{name: "PutRecords no records", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "PutRecords 501 records", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			recs := make([]types.PutRecordsRequestEntry, 501)
			for i := range recs {
				recs[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
			}
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: recs})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '[...]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500"},
		{name: "PutRecords lists at most 10 violations", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			recs := make([]types.PutRecordsRequestEntry, 501)
			for i := range recs {
				recs[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(""), Data: []byte("x")}
			}
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String(""), Records: recs})
			if !strings.HasPrefix(errorMessage(err), "10 validation errors detected: Value '[...]' at 'records' failed") ||
				!strings.HasSuffix(errorMessage(err), "Value '' at 'records.9.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1") {
				return fmt.Errorf("wrong message: %v", err)
			}
			return err
		}, code: "ValidationException", message: ""},
		{name: "PutRecords entry partition key empty", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: []byte("x")},
				{PartitionKey: aws.String(""), Data: []byte("x")},
			}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '' at 'records.2.member.partitionKey' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "PutRecords entry over the stream's maximum", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)},
			}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576"},
		{name: "PutRecords entry without partition key", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{{Data: []byte("x")}}})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value null at 'records.1.member.partitionKey' failed to satisfy constraint: Member must not be null"},
		{name: "PutRecords over 10 MiB in all", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("big"), ShardCount: aws.Int32(1), MaxRecordSizeInKiB: aws.Int32(10240)})
			if err != nil {
				panic(err)
			}
			entry := types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: make([]byte, 4<<20)}
			_, err = k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("big"), Records: []types.PutRecordsRequestEntry{entry, entry, entry}})
			return err
		}, code: "InvalidArgumentException", message: recorded.PutRecordsTooLarge(10)},
		{name: "PutRecords one bad hash key fails all", op: "PutRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: s, Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: []byte("x")},
				{PartitionKey: aws.String("k"), Data: []byte("x"), ExplicitHashKey: aws.String("999999999999999999999999999999999999999")},
			}})
			if n := len(readShard(t, c, "s", "shardId-000000000000")) + len(readShard(t, c, "s", "shardId-000000000001")) + len(readShard(t, c, "s", "shardId-000000000002")); n != 0 {
				return fmt.Errorf("%d records stored by a failed PutRecords", n)
			}
			return err
		}, code: "InvalidArgumentException", message: recorded.ExplicitHashKeyOutOfRange("999999999999999999999999999999999999999")},

		// GetShardIterator
		{name: "GetShardIterator unknown type, in the service's order", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: "OLDEST"})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]"},
		{name: "GetShardIterator bad shard ID and sequence number", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("a/b"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String("00")})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value 'a/b' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; Value '00' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\\d{0,128})"},
		{name: "GetShardIterator unparseable shard ID", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-2147483648"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, code: "ResourceNotFoundException", message: recorded.ShardNotFound("shardId-2147483648", "s", "123456789012")},
		{name: "GetShardIterator shard beyond the stream", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("3"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, code: "ResourceNotFoundException", message: recorded.ShardDoesNotExist("shardId-000000000003", "s", "123456789012")},
		{name: "GetShardIterator number after the last dash", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			// Read after the first '-', this ID would name no shard at all
			// ("Could not find shard my-shard-5"; issue 11).
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("my-shard-5"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, code: "ResourceNotFoundException", message: recorded.ShardDoesNotExist("shardId-000000000005", "s", "123456789012")},
		{name: "GetShardIterator unknown stream", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("nope"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			return err
		}, code: "ResourceNotFoundException", message: recorded.ShardDoesNotExist("shardId-000000000000", "nope", "123456789012")},
		{name: "GetShardIterator TRIM_HORIZON with a sequence number", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon, StartingSequenceNumber: aws.String("1")})
			return err
		}, code: "InvalidArgumentException", message: recorded.IteratorTypeMismatch("TRIM_HORIZON and also a StartingSequenceNumber")},
		{name: "GetShardIterator AT_SEQUENCE_NUMBER without one", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber})
			return err
		}, code: "InvalidArgumentException", message: recorded.IteratorTypeMismatch("AT_SEQUENCE_NUMBER and no StartingSequenceNumber")},
		{name: "GetShardIterator AT_TIMESTAMP without one", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtTimestamp})
			return err
		}, code: "InvalidArgumentException", message: recorded.NoTimestamp},
		{name: "GetShardIterator AT_TIMESTAMP in the future", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: aws.Time(epoch.Add(time.Second))})
			return err
		}, code: "InvalidArgumentException", message: recorded.TimestampInFuture(epoch.Add(time.Second).UnixMilli(), epoch.UnixMilli())},
		{name: "GetShardIterator foreign sequence number", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: aws.String("123456789012345678901234567890123456789012345678901234567")})
			return err
		}, code: "InvalidArgumentException", message: recorded.InvalidSequenceNumber("123456789012345678901234567890123456789012345678901234567", "GetShardIterator", "shardId-000000000000", "s", "123456789012")},
		{name: "GetShardIterator sequence number of another shard", op: "GetShardIterator", call: func(c *Client, k API, _ *FakeClock) error {
			seq := seqOf(c, "s", "a") // MD5("a") falls in shard 0 of 3
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: seq})
			return err
		}, code: "InvalidArgumentException", message: recorded.SequenceOfOtherShard("shardId-000000000000", "shardId-000000000001")},
		{name: "GetShardIterator sequence number of another stream", op: "GetShardIterator", call: func(c *Client, k API, clock *FakeClock) error {
			clock.Advance(time.Second) // created later, so its shards' numbers differ
			if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("later"), ShardCount: aws.Int32(1)}); err != nil {
				panic(err)
			}
			seq := seqOf(c, "later", "a")
			_, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: seq})
			return err
		}, code: "InvalidArgumentException", message: recorded.SequenceNotFromStream(sequenceNumber{created: seconds(epoch) + 1, index: 1, time: seconds(epoch) + 1}.String(), "GetShardIterator", "shardId-000000000000", "s", "123456789012")},
		{name: "GetShardIterator small sequence number", op: "GetShardIterator", call: starting("5"), code: "InvalidArgumentException", message: encodes("shardId-000000000005")},
		{name: "GetShardIterator sequence number of version 0", op: "GetShardIterator", call: starting("0"), code: "InternalFailure", message: ""},
		{name: "GetShardIterator sequence number of version 0 created too late", op: "GetShardIterator", call: starting(lateDate), code: "InvalidArgumentException", message: badStarting(lateDate)},
		{name: "GetShardIterator sequence number with 8 in the index", op: "GetShardIterator", call: starting(highIndex), code: "InvalidArgumentException", message: badStarting(highIndex)},
		{name: "GetShardIterator sequence number with 8 in the shard", op: "GetShardIterator", call: starting(highShard), code: "InvalidArgumentException", message: encodes("shardId--02147483648")},
		{name: "GetShardIterator sequence number of the right shard and another stream", op: "GetShardIterator", call: starting(allZero), code: "InvalidArgumentException", message: notFromStream(allZero)},
		{name: "GetShardIterator sequence number from production", op: "GetShardIterator", call: starting(lambda), code: "InvalidArgumentException", message: encodes("shardId-000000000006")},
		{name: "GetShardIterator sequence number of version 1", op: "GetShardIterator", call: starting(version1), code: "InvalidArgumentException", message: notFromStream(version1)},
		// Version 3 fails PutRecord; the fake fails it here too.
		{name: "GetShardIterator sequence number of version 3", op: "GetShardIterator", call: starting(version3), code: "InternalFailure", message: ""},

		// GetRecords
		{name: "GetRecords limit over 10000", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("x"), Limit: aws.Int32(10001)})
			return err
		}, code: "ValidationException", message: "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{name: "GetRecords limit 0 and empty iterator", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(""), Limit: aws.Int32(0)})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; Value '' at 'shardIterator' failed to satisfy constraint: Member must have length greater than or equal to 1"},
		{name: "GetRecords iterator too long", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(strings.Repeat("A", 513))})
			return err
		}, code: "ValidationException", message: ""},
		// Limit before ShardIterator, as kinesalite's getRecords tests
		// recorded the service's message.
		{name: "GetRecords limit and iterator too large", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String(strings.Repeat("a", 513)), Limit: aws.Int32(100000)})
			return err
		}, code: "ValidationException", message: "2 validation errors detected: Value '100000' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000; Value '" + strings.Repeat("a", 513) + "' at 'shardIterator' failed to satisfy constraint: Member must have length less than or equal to 512"},
		{name: "GetRecords forged iterator", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: aws.String("AAAAAAAAAAEhello")})
			return err
		}, code: "InvalidArgumentException", message: "Invalid ShardIterator."},
		{name: "GetRecords expired iterator", op: "GetRecords", call: func(c *Client, k API, clock *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeLatest})
			clock.Advance(5*time.Minute + time.Millisecond)
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			return err
		}, code: "ExpiredIteratorException", message: "Iterator expired. The iterator was created at time Thu Nov 26 09:00:00 UTC 2026 while right now it is Thu Nov 26 09:05:00 UTC 2026 which is further in the future than the tolerated delay of 300000 milliseconds."},
		{name: "GetRecords iterator of a deleted stream", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: s}); err != nil {
				panic(err)
			}
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
			return err
		}, code: "ResourceNotFoundException", message: recorded.ShardDoesNotExist("shardId-000000000001", "s", "123456789012")},
		{name: "GetRecords StreamARN of another stream", op: "GetRecords", call: func(c *Client, k API, _ *FakeClock) error {
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: s, ShardId: aws.String("shardId-000000000001"), ShardIteratorType: types.ShardIteratorTypeLatest})
			_, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/other")})
			return err
		}, code: "InvalidArgumentException", message: ""},
	}}.run(t)
}

// The required members of the record operations are checked as the SDK's
// client checks them, before anything reaches the service: the fake's error
// is the real client's, word for word.
func TestRecordRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	checkRequiredMembers(t, fake, []requiredMembers{
		{func(c API) error {
			_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s")})
			return err
		}, missing("PutRecord", "PutRecordInput", "Data")},
		{func(c API) error {
			_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s")})
			return err
		}, missing("PutRecords", "PutRecordsInput", "Records")},
		{func(c API) error {
			_, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{Records: []types.PutRecordsRequestEntry{{Data: []byte("x")}, {}}})
			return err
		}, missing("PutRecords", "PutRecordsInput", "Records[1].Data")},
		{func(c API) error { _, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{}); return err },
			missing("GetShardIterator", "GetShardIteratorInput", "ShardId", "ShardIteratorType")},
		{func(c API) error { _, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{}); return err },
			missing("GetRecords", "GetRecordsInput", "ShardIterator")},
	})
}
