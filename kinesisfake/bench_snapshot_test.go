package kinesisfake

import (
	"bytes"
	"fmt"
	"runtime"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// millionRecords is a fake holding a stream of 4 shards with 1,000,000
// records of 100 bytes, each with a partition key of its own. The caller
// closes it.
func millionRecords(b *testing.B) *Client {
	b.Helper()
	c := New(WithClock(NewFakeClock(epoch)))
	createStream(b, c, "s", 4)
	entries := make([]types.PutRecordsRequestEntry, 500)
	data := make([]byte, 100)
	for n := range 2000 {
		for i := range entries {
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", n*500+i)), Data: data}
		}
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			b.Fatal(err)
		}
	}
	return c
}

// countingWriter counts what is written to it.
type countingWriter struct{ n int64 }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.n += int64(len(p))
	return len(p), nil
}

// Snapshot streams: its allocations do not grow with the records.
func BenchmarkSnapshot1M(b *testing.B) {
	c := millionRecords(b)
	defer c.Close()
	b.ReportAllocs()
	var w countingWriter
	for b.Loop() {
		w.n = 0
		if err := c.Snapshot(&w); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(w.n)
	b.ReportMetric(float64(w.n), "bytes/snapshot")
}

// WithState streams too: the heap a restored fake holds is what the fake
// snapshotted held, and what a restore allocates beyond it is little more.
func BenchmarkRestore1M(b *testing.B) {
	empty := heapInUse()
	c := millionRecords(b)
	held := heapInUse() - empty
	var state bytes.Buffer
	if err := c.Snapshot(&state); err != nil {
		b.Fatal(err)
	}
	c.Close()
	c = nil
	base := heapInUse() // the state's text
	b.SetBytes(int64(state.Len()))
	b.ReportAllocs()
	var kept uint64
	for b.Loop() {
		r := New(WithState(bytes.NewReader(state.Bytes())), WithClock(NewFakeClock(epoch)))
		b.StopTimer()
		kept = heapInUse() - base
		if n, err := r.Records("s"); err != nil || len(n) != 1_000_000 {
			b.Fatalf("%d records, %v", len(n), err)
		}
		r.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(held)/(1<<20), "MiB-held-before")
	b.ReportMetric(float64(kept)/(1<<20), "MiB-held-restored")
}

// heapInUse is the live heap after a collection.
func heapInUse() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}
