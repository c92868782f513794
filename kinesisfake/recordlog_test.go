package kinesisfake

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// The log against a slice of records, through appends of every size,
// expiry at every kind of point, searches and reads, across many segments.
func TestRecordLog(t *testing.T) {
	type model struct {
		number       int
		counter      uint64
		arrival      int64
		data         []byte
		partitionKey string
	}
	r := rand.New(rand.NewPCG(5, 6))
	var l recordLog
	var want []model // retained, oldest first
	var counter uint64
	var arrival int64
	most := 0 // segments at once
	for step := range 60000 {
		most = max(most, len(l.segs))
		switch op := r.IntN(1000); {
		case op < 990:
			size := r.IntN(200)
			if r.IntN(500) == 0 {
				size = r.IntN(2 * segmentBytes) // now and then one that fills a segment or more
			}
			data := make([]byte, size)
			for i := range data {
				data[i] = byte(r.Uint32())
			}
			key := strings.Repeat("k", r.IntN(257))
			counter += 1 + uint64(r.IntN(3)) // other shards take counters too
			arrival += int64(r.IntN(2))
			want = append(want, model{l.end(), counter, arrival, data, key})
			l.append(data, key, counter, arrival)
			l.publish(l.next)
		case op < 995:
			// Expire up to a random arrival, sometimes one past the last.
			horizon := arrival + 1
			if len(want) > 0 && r.IntN(4) > 0 {
				horizon = want[r.IntN(len(want))].arrival + int64(r.IntN(2))
			}
			l.expire(horizon)
			want = slices.DeleteFunc(want, func(m model) bool { return m.arrival < horizon })
		default:
			var p position
			if r.IntN(2) == 0 {
				p.counter = uint64(r.IntN(int(counter) + 2))
			} else {
				p.arrival = int64(r.IntN(int(arrival) + 2))
			}
			i := sort.Search(len(want), func(i int) bool { return want[i].counter >= p.counter && want[i].arrival >= p.arrival })
			wantNumber := l.end()
			if i < len(want) {
				wantNumber = want[i].number
			}
			if got := l.find(p); got != wantNumber {
				t.Fatalf("step %d: find(%+v) = %d, want %d", step, p, got, wantNumber)
			}
			limit, maxBytes := 1+r.IntN(300), r.IntN(4*segmentBytes)
			got := l.take(wantNumber, limit, maxBytes)
			j, wantSpan := i, span{from: wantNumber, to: wantNumber}
			for j < len(want) && j-i < limit && (j == i || wantSpan.dataBytes+len(want[j].data) <= maxBytes) {
				wantSpan.dataBytes += len(want[j].data)
				wantSpan.keyBytes += len(want[j].partitionKey)
				wantSpan.to++
				j++
			}
			if got != wantSpan {
				t.Fatalf("step %d: take(%d, %d, %d) = %+v, want %+v", step, wantNumber, limit, maxBytes, got, wantSpan)
			}
		}
		if l.start() != l.end()-len(want) {
			t.Fatalf("step %d: records %d to %d retained, want %d", step, l.start(), l.end(), len(want))
		}
		if step%1000 != 0 {
			continue
		}
		i := 0
		for rec := range l.records(l.start()) {
			m := want[i]
			if rec.counter != m.counter || rec.arrival != m.arrival || !bytes.Equal(rec.data, m.data) || string(rec.key) != m.partitionKey || l.at(m.number) != rec.storedRecord {
				t.Fatalf("step %d: record %d is %d/%d/%d bytes/%q, want %d/%d/%d bytes/%q", step, m.number,
					rec.counter, rec.arrival, len(rec.data), rec.key, m.counter, m.arrival, len(m.data), m.partitionKey)
			}
			i++
		}
		if i != len(want) {
			t.Fatalf("step %d: read %d records, want %d", step, i, len(want))
		}
	}
	if most < 8 {
		t.Fatalf("at most %d segments at once: the test crossed too few", most)
	}
}

// Records stored across many segments read back once each, in order, by
// GetRecords and by a subscription; AT_TIMESTAMP finds the first of each
// millisecond, and expiry drops whole segments and part of the next.
func TestRecordsAcrossSegments(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	const n = 3*segmentRecords + 100
	entries := make([]types.PutRecordsRequestEntry, 0, 500)
	var seqs []string
	for i := range n {
		entries = append(entries, types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("k", i)), Data: []byte(fmt.Sprint("d", i))})
		if len(entries) == cap(entries) || i == n-1 {
			out, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range out.Records {
				seqs = append(seqs, *r.SequenceNumber)
			}
			entries = entries[:0]
			clock.Advance(time.Millisecond) // each batch of 500 in a millisecond of its own
		}
	}
	shardID := aws.String("shardId-000000000000")
	readAll := func(in *kinesis.GetShardIteratorInput, limit int32) []types.Record {
		it := iterator(t, c, in)
		var got []types.Record
		for {
			out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(limit)})
			if err != nil {
				t.Fatal(err)
			}
			if len(out.Records) == 0 {
				if *out.MillisBehindLatest != 0 {
					t.Fatalf("no records, MillisBehindLatest %d", *out.MillisBehindLatest)
				}
				return got
			}
			got = append(got, out.Records...)
			it = out.NextShardIterator
		}
	}
	check := func(what string, got []types.Record, from int) {
		t.Helper()
		if len(got) != n-from {
			t.Fatalf("%s: %d records, want %d", what, len(got), n-from)
		}
		for i, r := range got {
			j := from + i
			if *r.SequenceNumber != seqs[j] || string(r.Data) != fmt.Sprint("d", j) || *r.PartitionKey != fmt.Sprint("k", j) {
				t.Fatalf("%s: record %d is %s %q %q, want record %d", what, i, *r.SequenceNumber, r.Data, *r.PartitionKey, j)
			}
		}
	}
	trimHorizon := &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shardID, ShardIteratorType: types.ShardIteratorTypeTrimHorizon}
	check("TRIM_HORIZON", readAll(trimHorizon, 10000), 0)
	check("TRIM_HORIZON by 777", readAll(trimHorizon, 777), 0)
	for _, from := range []int{1, 500, segmentRecords - 1, segmentRecords, 2*segmentRecords + 1} {
		ts := epoch.Add(time.Duration(from/500) * time.Millisecond)
		got := readAll(&kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shardID, ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: &ts}, 10000)
		check(fmt.Sprint("AT_TIMESTAMP of record ", from), got, from/500*500)
		got = readAll(&kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shardID, ShardIteratorType: types.ShardIteratorTypeAfterSequenceNumber, StartingSequenceNumber: &seqs[from]}, 10000)
		check(fmt.Sprint("AFTER_SEQUENCE_NUMBER of record ", from), got, from+1)
	}

	stream := subscribe(t, c, register(t, c, "s", "app"), *shardID, types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon})
	var delivered []types.Record
	for len(delivered) < n {
		ev, ok := <-stream.Events()
		if !ok {
			t.Fatalf("subscription ended after %d records: %v", len(delivered), stream.Err())
		}
		delivered = append(delivered, ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value.Records...)
	}
	stream.Close()
	check("subscription", delivered, 0)

	// Expire the first 2 segments and the first 2 batches of the third, then
	// the rest but the last batch.
	clock.Set(epoch.Add(defaultRetentionHours*time.Hour + (2*segmentRecords/500+2)*time.Millisecond))
	from := (2*segmentRecords/500 + 2) * 500
	check("TRIM_HORIZON after expiry", readAll(trimHorizon, 10000), from)
	got := readAll(&kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: shardID, ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: &seqs[0]}, 10000)
	check("AT_SEQUENCE_NUMBER of an expired record", got, from)
	clock.Set(epoch.Add(defaultRetentionHours*time.Hour + (n/500)*time.Millisecond))
	check("TRIM_HORIZON after more expiry", readAll(trimHorizon, 10000), n/500*500)
}
