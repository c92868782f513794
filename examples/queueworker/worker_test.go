package queueworker

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// client is what the tests drive: the worker's calls plus the set-up's.
type client interface {
	Kinesis
	kinesis.DescribeStreamAPIClient
	CreateStream(context.Context, *kinesis.CreateStreamInput, ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error)
	CreateQueue(context.Context, *kinesis.CreateQueueInput, ...func(*kinesis.Options)) (*kinesis.CreateQueueOutput, error)
	DeleteQueue(context.Context, *kinesis.DeleteQueueInput, ...func(*kinesis.Options)) (*kinesis.DeleteQueueOutput, error)
	PutRecord(context.Context, *kinesis.PutRecordInput, ...func(*kinesis.Options)) (*kinesis.PutRecordOutput, error)
}

// modes runs a test against the fake directly and through a real
// *kinesis.Client wired to it in memory, each inside a synctest bubble
// with the service's delays: the fake's clock and the worker's timers run
// on the bubble's clock, so minutes of waiting take no real time.
func modes(t *testing.T, test func(t *testing.T, fake *kinesisfake.Client, k client)) {
	for name, viaSDK := range map[string]bool{"direct": false, "SDKClient": true} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				fake := kinesisfake.NewT(t, kinesisfake.WithDelays(kinesisfake.ServiceDelays()))
				var k client = fake
				if viaSDK {
					k = fake.SDKClient()
				}
				test(t, fake, k)
			})
		})
	}
}

// newQueue creates the ON_DEMAND stream orders and a queue on it, with
// dead letters after maxReceives, and waits until both are ACTIVE.
func newQueue(t *testing.T, k client, maxReceives int32) string {
	t.Helper()
	ctx := context.Background()
	if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}); err != nil {
		t.Fatal(err)
	}
	stream, err := kinesis.NewStreamExistsWaiter(k).WaitForOutput(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("orders")}, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	out, err := k.CreateQueue(ctx, &kinesis.CreateQueueInput{
		QueueName:               aws.String("billing"),
		StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: stream.StreamDescription.StreamARN}},
		QueueAttributes: &types.QueueAttributes{DeadLetterConfiguration: &types.DeadLetterConfiguration{
			TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(maxReceives)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	queueARN := aws.ToString(out.QueueDescription.QueueARN)
	if err := WaitUntilActive(ctx, k, queueARN); err != nil {
		t.Fatal(err)
	}
	return queueARN
}

func putOrders(t *testing.T, k client, orders ...string) {
	t.Helper()
	for _, o := range orders {
		if _, err := k.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String(o), Data: []byte(o)}); err != nil {
			t.Fatal(err)
		}
	}
}

// run starts the worker; the returned function stops it and returns what
// Run returned.
func run(w *Worker) (stop func() error) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	return func() error { cancel(); return <-done }
}

// drained waits, without polling, until the queue has nothing left to
// deliver and nothing unacknowledged, for an hour of the bubble's time at
// most (no real time).
func drained(t *testing.T, fake *kinesisfake.Client, queueARN string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	state, err := fake.WaitForQueue(ctx, queueARN, func(s kinesisfake.QueueState) bool {
		return s.Undelivered == 0 && len(s.Records) == 0
	})
	if err != nil {
		t.Fatalf("%v; the queue holds %+v", err, state)
	}
}

// handled records what the handler saw, by data.
type handled struct {
	mu   sync.Mutex
	seen []string
}

func (h *handled) add(r types.QueueRecord) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.seen = append(h.seen, string(r.Data))
}

func (h *handled) sorted() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Sorted(slices.Values(h.seen))
}

// The worker handles every record once, long polling between them, and
// the acknowledgements leave nothing in the queue. The queue is CREATING
// for ServiceDelays' 10 s first.
func TestWorkerHandlesEverything(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		queueARN := newQueue(t, k, 6)
		var h handled
		stop := run(&Worker{Client: k, QueueARN: queueARN, Handle: func(_ context.Context, r types.QueueRecord) error { h.add(r); return nil }})
		var want []string
		for i := range 25 {
			want = append(want, fmt.Sprintf("order-%02d", i))
		}
		putOrders(t, k, want[:20]...)
		time.Sleep(time.Minute) // the worker idles in its long polls
		putOrders(t, k, want[20:]...)
		drained(t, fake, queueARN)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if got := h.sorted(); !slices.Equal(got, want) {
			t.Fatalf("handled %q, want each order once", got)
		}
	})
}

// A handler that takes 2 minutes, four times the 30 s lease, keeps its
// record in flight: the worker extends its visibility, so the other worker
// on the queue, idle in its long polls, does not receive it too.
func TestWorkerExtendsVisibility(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		queueARN := newQueue(t, k, 6)
		var receives []int32
		var mu sync.Mutex
		handle := func(ctx context.Context, r types.QueueRecord) error {
			mu.Lock()
			receives = append(receives, aws.ToInt32(r.ReceiveCount))
			mu.Unlock()
			time.Sleep(2 * time.Minute)
			return nil
		}
		stopOne := run(&Worker{Client: k, QueueARN: queueARN, Lease: 30 * time.Second, Handle: handle})
		stopOther := run(&Worker{Client: k, QueueARN: queueARN, Lease: 30 * time.Second, Handle: handle})
		putOrders(t, k, "slow")
		drained(t, fake, queueARN)
		if err := errors.Join(stopOne(), stopOther()); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(receives, []int32{1}) {
			t.Fatalf("receive counts %v, want one receive", receives)
		}
	})
}

// Entries of an acknowledgement the service fails are acknowledged again,
// so the record is not handled twice.
func TestWorkerAcknowledgesFailedEntriesAgain(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		queueARN := newQueue(t, k, 6)
		fake.FailQueueEntries(kinesisfake.QueueEntriesFault{Operation: "AcknowledgeQueueRecords", Times: 2})
		var h handled
		stop := run(&Worker{Client: k, QueueARN: queueARN, Handle: func(_ context.Context, r types.QueueRecord) error { h.add(r); return nil }})
		putOrders(t, k, "apple")
		drained(t, fake, queueARN)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if got := h.sorted(); !slices.Equal(got, []string{"apple"}) {
			t.Fatalf("handled %q, want apple once", got)
		}
	})
}

// A record whose handler always fails is received MaxReceiveCount times,
// a lease apart, and becomes a dead letter; the others are done. An
// operator inspects the dead letters, and once the handler is fixed
// restores the one worth keeping and discards the other; the worker then
// handles the restored one.
func TestPoisonRecordsAreRedriven(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		queueARN := newQueue(t, k, 3)
		var mu sync.Mutex
		fixed := false
		attempts := map[string]int{}
		var h handled
		w := &Worker{Client: k, QueueARN: queueARN, Handle: func(_ context.Context, r types.QueueRecord) error {
			mu.Lock()
			defer mu.Unlock()
			attempts[string(r.Data)]++
			if string(r.Data) != "apple" && !fixed {
				return errors.New("cannot parse " + string(r.Data))
			}
			h.add(r)
			return nil
		}}
		stop := run(w)
		putOrders(t, k, "apple", "bad-1", "bad-2")
		dead, err := fake.WaitForQueue(context.Background(), queueARN, func(s kinesisfake.QueueState) bool { return s.DeadLetters == 2 })
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range dead.Records {
			if !r.DeadLetter || r.ReceiveCount != 3 {
				t.Errorf("dead letter %s: %+v, want received 3 times", r.Data, r)
			}
		}
		mu.Lock()
		if attempts["bad-1"] != 3 || attempts["bad-2"] != 3 || attempts["apple"] != 1 {
			t.Errorf("attempts %v, want 3 for each bad record and 1 for apple", attempts)
		}
		fixed = true
		mu.Unlock()

		restored, discarded, err := Redrive(context.Background(), k, queueARN, func(r types.QueueRecord) bool { return string(r.Data) == "bad-1" })
		if err != nil || restored != 1 || discarded != 1 {
			t.Fatalf("Redrive: restored %d, discarded %d, %v; want 1 and 1", restored, discarded, err)
		}
		drained(t, fake, queueARN)
		if err := stop(); err != nil {
			t.Fatal(err)
		}
		if got := h.sorted(); !slices.Equal(got, []string{"apple", "bad-1"}) {
			t.Fatalf("handled %q, want apple and the restored bad-1", got)
		}
	})
}

// A queue's whole life through the SDK's client: created, ACTIVE, records
// received, extended, acknowledged, dead-lettered, restored, and the queue
// deleted, after which its receipt handles are refused and the stream
// keeps its records.
func TestQueueLife(t *testing.T) {
	modes(t, func(t *testing.T, fake *kinesisfake.Client, k client) {
		ctx := context.Background()
		queueARN := newQueue(t, k, 1)
		putOrders(t, k, "a", "b")
		got, err := k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: aws.String(queueARN), VisibilityTimeoutSeconds: aws.Int32(10)})
		if err != nil || len(got.QueueRecords) != 2 {
			t.Fatalf("receive: %v, %+v", err, got)
		}
		if _, err := k.UpdateQueueRecordsVisibility(ctx, &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: aws.String(queueARN),
			Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{ReceiptHandle: got.QueueRecords[0].ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(60)}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: aws.String(queueARN),
			Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: got.QueueRecords[0].ReceiptHandle}}}); err != nil {
			t.Fatal(err)
		}
		// The other, received MaxReceiveCount (1) times, is a dead letter
		// once its 10 s are up.
		time.Sleep(10 * time.Second)
		restored, discarded, err := Redrive(ctx, k, queueARN, func(types.QueueRecord) bool { return true })
		if err != nil || restored != 1 || discarded != 0 {
			t.Fatalf("Redrive: %d, %d, %v", restored, discarded, err)
		}
		again, err := k.ReceiveQueueRecords(ctx, &kinesis.ReceiveQueueRecordsInput{QueueARN: aws.String(queueARN)})
		if err != nil || len(again.QueueRecords) != 1 || aws.ToString(again.QueueRecords[0].RecordId) != aws.ToString(got.QueueRecords[1].RecordId) {
			t.Fatalf("after the restore: %v, %+v", err, again)
		}
		if _, err := k.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: aws.String(queueARN)}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(kinesisfake.ServiceDelays().DeleteQueue)
		_, err = k.AcknowledgeQueueRecords(ctx, &kinesis.AcknowledgeQueueRecordsInput{QueueARN: aws.String(queueARN),
			Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: again.QueueRecords[0].ReceiptHandle}}})
		var notFound *types.ResourceNotFoundException
		if !errors.As(err, &notFound) {
			t.Fatalf("acknowledging on a deleted queue: %v, want ResourceNotFoundException", err)
		}
		if records, err := fake.Records("orders"); err != nil || len(records) != 2 {
			t.Fatalf("the stream holds %d records (%v), want both", len(records), err)
		}
	})
}
