package kinesisfake

import (
	"bytes"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
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
		// issued, is still exceeded by the next record for the key.
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
		if *next.SequenceNumber <= *high.SequenceNumber || *next.SequenceNumber <= *first.SequenceNumber {
			t.Errorf("sequence number %s is not above the ordering number %s", *next.SequenceNumber, *high.SequenceNumber)
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

// An ordering number the stream has not yet issued is refused, however it
// is built, so sequence numbers keep increasing and every record stays
// readable. (Before, one whose counter was at the top of its range wrapped
// the stream's counter, and the records after it were never read.)
func TestSequenceNumberForOrderingFromTheFuture(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		r0 := put(t, k, "s", "k", "r0")
		put(t, k, "s", "k", "r1")
		real := *r0.SequenceNumber
		for _, ordering := range []string{
			sequencePrefix + "18446744073709551615" + real[len(sequencePrefix)+counterDigits:],
			sequencePrefix + "00000000000000000003" + real[len(sequencePrefix)+counterDigits:], // the next counter but one
		} {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: &ordering})
			wantAPIError(t, err, "PutRecord", "InvalidArgumentException",
				"ExclusiveMinimumSequenceNumber "+ordering+" used in PutRecord on stream s under account 123456789012 is invalid.")
		}
		var last string
		for i := 2; i < 6; i++ {
			out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: fmt.Appendf(nil, "r%d", i), SequenceNumberForOrdering: aws.String(real)})
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
		if want := []string{"r0", "r1", "r2", "r3", "r4", "r5"}; !cmp.Equal(got, want) {
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
		seq, _ := parseSequenceNumber(*first.SequenceNumber)
		for _, ordering := range []sequenceNumber{seq, {counter: seq.counter + 5, shard: seq.shard, tag: seq.tag}} {
			_, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String(ordering.String()), DryRun: aws.Bool(true)})
			if err == nil {
				t.Fatal("DryRun PutRecord succeeded")
			}
		}
		second := put(t, k, "s", "k", "b")
		a, _ := parseSequenceNumber(*first.SequenceNumber)
		b, _ := parseSequenceNumber(*second.SequenceNumber)
		if b.counter != a.counter+1 {
			t.Errorf("counter %d after %d: the refused call moved it", b.counter, a.counter)
		}
	})
}
