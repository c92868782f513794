package kinesisfake

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// fillQueueStream puts n records of 100 bytes on stream "od", 500 a call.
func fillQueueStream(b *testing.B, c *Client, n int) {
	b.Helper()
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := range entries {
		entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(string(rune('a' + i%26))), Data: make([]byte, 100)}
	}
	for ; n > 0; n -= len(entries) {
		if _, err := c.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: aws.String("od"), Records: entries[:min(n, len(entries))]}); err != nil {
			b.Fatal(err)
		}
	}
}

// receiveAndAcknowledge receives 10 records and acknowledges them, left
// being how many the stream holds that the queue has not delivered; it
// refills the stream, with the timer stopped, before it runs dry, so that
// no receive waits on the fake's clock.
func receiveAndAcknowledge(b *testing.B, c *Client, k API, queueARN string, left int) {
	in := &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN}
	entries := make([]types.AcknowledgeQueueRecordsRequestEntry, 10)
	for b.Loop() {
		if left < 10 {
			b.StopTimer()
			fillQueueStream(b, c, 100_000)
			left += 100_000
			b.StartTimer()
		}
		out, err := k.ReceiveQueueRecords(ctx, in)
		if err != nil || len(out.QueueRecords) != 10 {
			b.Fatal(err, len(out.QueueRecords))
		}
		left -= 10
		for i, r := range out.QueueRecords {
			entries[i].ReceiptHandle = r.ReceiptHandle
		}
		ack, err := k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: &queueARN, Entries: entries[:len(out.QueueRecords)]})
		if err != nil || len(ack.Failed) > 0 {
			b.Fatal(err, ack)
		}
	}
	b.ReportMetric(float64(10*b.N)/b.Elapsed().Seconds(), "records/s")
}

// A receive of 10 records and their acknowledgement: direct, then with
// 1,000,000 records waiting and 100,000 in flight (the cost is the
// batch's, not the backlog's), then through the SDK's client over loopback
// HTTP/2 (h2c). Issue 24's target for the first: 1,000,000 records/s, and
// the second within 20% of it.
func BenchmarkQueueReceiveAcknowledge(b *testing.B) {
	b.Run("direct", func(b *testing.B) {
		c, _ := newMemoryFake(b)
		queueARN := createQueue(b, c, "od", "q")
		b.ReportAllocs()
		receiveAndAcknowledge(b, c, c, queueARN, 0)
	})
	b.Run("backlog", func(b *testing.B) {
		c, _ := newMemoryFake(b)
		queueARN := createQueue(b, c, "od", "q")
		fillQueueStream(b, c, 1_100_000)
		for range 10_000 { // 100,000 in flight for an hour
			if _, err := c.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: &queueARN, VisibilityTimeoutSeconds: aws.Int32(3600)}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportAllocs()
		receiveAndAcknowledge(b, c, c, queueARN, 1_000_000)
	})
	b.Run("http2", func(b *testing.B) {
		c, _ := newMemoryFake(b)
		queueARN := createQueue(b, c, "od", "q")
		b.ReportAllocs()
		receiveAndAcknowledge(b, c, loopbackClient(b, c), queueARN, 0)
	})
}
