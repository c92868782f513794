// Package queueworker is a Kinesis queue consumer written as production code
// writes one, and tested against kinesisfake (worker_test.go): it receives
// with long polling, keeps the records it works on in flight by extending
// their visibility, acknowledges what it has done (again, for the entries
// the service failed), and lets an operator look at the dead letters and
// restore them.
//
// A record whose handler fails is not acknowledged: the queue delivers it
// again once its visibility timeout runs out, and after MaxReceiveCount
// receives makes it a dead letter. Handlers must be idempotent: "On rare
// occasions, a queue can deliver a record more than once" (the SDK's doc
// comment of ReceiveQueueRecords).
package queueworker

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// Kinesis is the part of *kinesis.Client the worker uses.
type Kinesis interface {
	DescribeQueue(context.Context, *kinesis.DescribeQueueInput, ...func(*kinesis.Options)) (*kinesis.DescribeQueueOutput, error)
	ReceiveQueueRecords(context.Context, *kinesis.ReceiveQueueRecordsInput, ...func(*kinesis.Options)) (*kinesis.ReceiveQueueRecordsOutput, error)
	AcknowledgeQueueRecords(context.Context, *kinesis.AcknowledgeQueueRecordsInput, ...func(*kinesis.Options)) (*kinesis.AcknowledgeQueueRecordsOutput, error)
	UpdateQueueRecordsVisibility(context.Context, *kinesis.UpdateQueueRecordsVisibilityInput, ...func(*kinesis.Options)) (*kinesis.UpdateQueueRecordsVisibilityOutput, error)
	ReceiveDeadLetterQueueRecords(context.Context, *kinesis.ReceiveDeadLetterQueueRecordsInput, ...func(*kinesis.Options)) (*kinesis.ReceiveDeadLetterQueueRecordsOutput, error)
	RestoreDeadLetterQueueRecords(context.Context, *kinesis.RestoreDeadLetterQueueRecordsInput, ...func(*kinesis.Options)) (*kinesis.RestoreDeadLetterQueueRecordsOutput, error)
	AcknowledgeDeadLetterQueueRecords(context.Context, *kinesis.AcknowledgeDeadLetterQueueRecordsInput, ...func(*kinesis.Options)) (*kinesis.AcknowledgeDeadLetterQueueRecordsOutput, error)
}

// Worker consumes a queue.
type Worker struct {
	Client   Kinesis
	QueueARN string
	// Handle does the work of one record. An error leaves the record
	// unacknowledged.
	Handle func(ctx context.Context, r types.QueueRecord) error
	// Lease is how long a received record stays in flight; while its
	// handler runs, the worker extends it by Lease every Lease/2. 30 s if
	// zero.
	Lease time.Duration
}

// waitSeconds is how long a receive waits for a record: the most the
// service allows, so that an idle worker makes 3 calls a minute.
const waitSeconds = 20

// maxAckAttempts bounds the acknowledgements of one batch: entries the
// service fails (ThrottlingException, InternalFailureException) are tried
// again; those left are delivered again, which idempotent handlers allow.
const maxAckAttempts = 5

// Run receives and handles records until ctx ends, and then returns nil;
// it returns the first error of a call other than a handler's.
func (w *Worker) Run(ctx context.Context) error {
	for {
		out, err := w.Client.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{
			QueueARN:                 aws.String(w.QueueARN),
			VisibilityTimeoutSeconds: aws.Int32(int32(w.lease() / time.Second)),
			WaitTimeSeconds:          aws.Int32(waitSeconds),
		})
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("receive from %s: %w", w.QueueARN, err)
		}
		var done []types.AcknowledgeQueueRecordsRequestEntry
		for _, r := range out.QueueRecords {
			if w.handle(ctx, r) == nil {
				done = append(done, types.AcknowledgeQueueRecordsRequestEntry{ReceiptHandle: r.ReceiptHandle})
			}
		}
		if err := w.acknowledge(ctx, done); err != nil && ctx.Err() == nil {
			return err
		}
	}
}

func (w *Worker) lease() time.Duration {
	if w.Lease <= 0 {
		return 30 * time.Second
	}
	return w.Lease
}

// handle runs the handler on r, extending r's visibility by the lease
// every half lease until the handler returns.
func (w *Worker) handle(ctx context.Context, r types.QueueRecord) error {
	stop := make(chan struct{})
	extended := make(chan struct{})
	go func() {
		defer close(extended)
		tick := time.NewTicker(w.lease() / 2)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				// A failed extension is not fatal: at worst the record is
				// delivered again.
				_, _ = w.Client.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{
					QueueARN: aws.String(w.QueueARN),
					Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{
						ReceiptHandle:            r.ReceiptHandle,
						VisibilityTimeoutSeconds: aws.Int32(int32(w.lease() / time.Second)),
					}},
				})
			}
		}
	}()
	err := w.Handle(ctx, r)
	close(stop)
	<-extended
	return err
}

// acknowledge acknowledges entries, trying again those the service failed.
func (w *Worker) acknowledge(ctx context.Context, entries []types.AcknowledgeQueueRecordsRequestEntry) error {
	for attempt := 0; len(entries) > 0 && attempt < maxAckAttempts; attempt++ {
		if attempt > 0 {
			select {
			case <-time.After(time.Duration(100<<attempt) * time.Millisecond):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		out, err := w.Client.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: aws.String(w.QueueARN), Entries: entries})
		if err != nil {
			return fmt.Errorf("acknowledge on %s: %w", w.QueueARN, err)
		}
		entries = entries[:0]
		for _, f := range out.Failed {
			switch aws.ToString(f.ErrorCode) {
			case "ThrottlingException", "InternalFailureException":
				entries = append(entries, types.AcknowledgeQueueRecordsRequestEntry{ReceiptHandle: f.ReceiptHandle})
			}
			// Otherwise the handle is no longer valid: the record was
			// delivered again, and the next delivery is acknowledged.
		}
	}
	return nil
}

// WaitUntilActive waits until the queue is ACTIVE, as there is no SDK
// waiter for queues: "You can begin receiving records after the queue is
// ACTIVE" (CreateQueue's doc comment).
func WaitUntilActive(ctx context.Context, client Kinesis, queueARN string) error {
	for {
		out, err := client.DescribeQueue(ctx, &kinesis.DescribeQueueInput{QueueARN: aws.String(queueARN)})
		if err != nil {
			return err
		}
		if out.QueueDescription.QueueStatus == types.QueueStatusActive {
			return nil
		}
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// Redrive looks at the queue's dead letters, as many as arrive within a
// receive's wait, and, for each, restores it to the queue if keep says so
// (its handler is fixed, say), or discards it. It returns how many it
// restored and discarded.
func Redrive(ctx context.Context, client Kinesis, queueARN string, keep func(types.QueueRecord) bool) (restored, discarded int, err error) {
	for {
		out, err := client.ReceiveDeadLetterQueueRecords(ctx, &kinesis.ReceiveDeadLetterQueueRecordsInput{
			QueueARN:        aws.String(queueARN),
			WaitTimeSeconds: aws.Int32(1),
		})
		if err != nil {
			return restored, discarded, fmt.Errorf("receive dead letters from %s: %w", queueARN, err)
		}
		if len(out.QueueRecords) == 0 {
			return restored, discarded, nil
		}
		var restore []types.RestoreDeadLetterQueueRecordsRequestEntry
		var discard []types.AcknowledgeDeadLetterQueueRecordsRequestEntry
		for _, r := range out.QueueRecords {
			if keep(r) {
				restore = append(restore, types.RestoreDeadLetterQueueRecordsRequestEntry{ReceiptHandle: r.ReceiptHandle})
			} else {
				discard = append(discard, types.AcknowledgeDeadLetterQueueRecordsRequestEntry{ReceiptHandle: r.ReceiptHandle})
			}
		}
		if len(restore) > 0 {
			res, err := client.RestoreDeadLetterQueueRecords(ctx, &kinesis.RestoreDeadLetterQueueRecordsInput{QueueARN: aws.String(queueARN), Entries: restore})
			if err != nil {
				return restored, discarded, fmt.Errorf("restore dead letters of %s: %w", queueARN, err)
			}
			restored += len(res.Successful)
		}
		if len(discard) > 0 {
			ack, err := client.AcknowledgeDeadLetterQueueRecords(ctx, &kinesis.AcknowledgeDeadLetterQueueRecordsInput{QueueARN: aws.String(queueARN), Entries: discard})
			if err != nil {
				return restored, discarded, fmt.Errorf("discard dead letters of %s: %w", queueARN, err)
			}
			discarded += len(ack.Successful)
		}
	}
}
