package kinesisfake

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// Hooks and faults: control over what a call returns, in the manner of
// franz-go kfake's ControlKey. A hook sees each call after its input has
// passed validation and before the fake touches its state; it runs without
// the fake's lock held, so it may call the fake.

// Call is one call to the fake, as a [Hook] sees it.
type Call struct {
	// Operation is the API operation's name, such as "PutRecord".
	Operation string
	// Input is the call's input, such as *kinesis.PutRecordInput. Hooks must
	// not modify it.
	Input any
	// Stream and Shard are the stream name and shard ID the call is about,
	// read from StreamName, StreamARN, ConsumerARN, ShardId, ShardToSplit,
	// ShardToMerge or ShardIterator; empty where the input names none.
	Stream, Shard string
}

// Hook observes or answers a call. Returning handled false lets the call
// proceed as normal. Returning handled true makes the call return out and
// err instead: err is wrapped as the SDK wraps a service error, and out must
// be the operation's output type (such as *kinesis.PutRecordOutput), or nil
// for an empty one. (For SubscribeToShard, build the output with
// eventstream.NewOutput, so that its GetStream works.)
//
// Calls the hook makes to the fake with the ctx it is given bypass the
// hooks, so a hook can make the call itself and change what it returns.
type Hook func(ctx context.Context, call Call) (out any, err error, handled bool)

// inHook marks the context of calls made from inside a hook.
type inHook struct{}

// hookEntry is one registered hook; its identity is what removal looks for.
type hookEntry struct{ hook Hook }

// AddHook registers h to see every call made after it, in the order hooks
// were added; the first that handles a call decides its result. The
// returned function removes h.
func (c *Client) AddHook(h Hook) (remove func()) { return c.register(&hookEntry{h}) }

// register adds e to the hooks and returns the function that removes it.
func (c *Client) register(e *hookEntry) (remove func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.pushHook(e)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.dropHook(e)
	}
}

// pushHook and dropHook replace the hook list, which calls read without the
// lock. Called with Client.mu held.
func (c *Client) pushHook(e *hookEntry) {
	hooks := append(slices.Clone(c.loadHooks()), e)
	c.hooks.Store(&hooks)
}

func (c *Client) dropHook(e *hookEntry) {
	hooks := slices.DeleteFunc(slices.Clone(c.loadHooks()), func(other *hookEntry) bool { return other == e })
	c.hooks.Store(&hooks)
}

func (c *Client) loadHooks() []*hookEntry {
	if p := c.hooks.Load(); p != nil {
		return *p
	}
	return nil
}

// Fault makes matching calls fail, or wait, or both. The zero value of
// each matching field matches every call.
type Fault struct {
	// Operation is the name of the operation to fail, such as "PutRecord".
	Operation string
	// Stream and Shard are the stream name and shard ID to fail calls for;
	// see [Call] for where they are read from.
	Stream, Shard string
	// Match, if set, must also report true for the call's input (such as a
	// *kinesis.PutRecordInput).
	Match func(input any) bool
	// Ratio, between 0 and 1, fails only that share of matching calls,
	// drawn from the fake's seeded source ([WithSeed]). Zero fails them all.
	Ratio float64

	// Err is what a failed call returns: an error from the SDK's
	// service/kinesis/types, such as *types.ProvisionedThroughputExceededException,
	// which the fake wraps as the SDK wraps a service error, or any other
	// error. With Err nil, a matching call waits for Latency and then
	// proceeds as normal.
	Err error
	// Latency is how long a matching call waits, on the fake's clock,
	// before it fails or proceeds. A call's context ends the wait.
	Latency time.Duration
	// Times is how many calls the fault applies to before it removes
	// itself; zero means until removed.
	Times int
}

// InjectFault makes calls that match f fail with f.Err. The returned function
// removes the fault. It panics, naming the field, if f cannot mean anything:
// a Ratio outside 0 to 1 (or NaN), a negative Times or Latency, or an Err that
// is a nil pointer of an error type.
func (c *Client) InjectFault(f Fault) (remove func()) {
	checkShare("Fault.Ratio", f.Ratio)
	checkTimes("Fault.Times", f.Times)
	if f.Latency < 0 {
		panic(fmt.Sprintf("kinesisfake: Fault.Latency is %v, want 0 or more", f.Latency))
	}
	if isNilPointer(f.Err) {
		panic(fmt.Sprintf("kinesisfake: Fault.Err is a nil %T; use an untyped nil for no error", f.Err))
	}
	left := f.Times
	e := &hookEntry{}
	// take decides, under the lock, whether the fault applies to one more
	// matching call.
	take := func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		applies := (f.Times == 0 || left > 0) && (f.Ratio == 0 || c.random.Float64() < f.Ratio)
		if applies && f.Times > 0 {
			if left--; left == 0 {
				c.dropHook(e)
			}
		}
		return applies
	}
	e.hook = func(ctx context.Context, call Call) (any, error, bool) {
		if f.Operation != "" && f.Operation != call.Operation ||
			f.Stream != "" && f.Stream != call.Stream ||
			f.Shard != "" && f.Shard != call.Shard ||
			f.Match != nil && !f.Match(call.Input) {
			return nil, nil, false
		}
		if !take() {
			return nil, nil, false
		}
		if err := c.sleep(ctx, f.Latency); err != nil {
			return nil, err, true
		}
		return nil, f.Err, f.Err != nil
	}
	return c.register(e)
}

// sleep waits d on the fake's clock, or until ctx ends.
func (c *Client) sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	elapsed := make(chan struct{})
	t := c.clock.AfterFunc(d, func() { close(elapsed) })
	select {
	case <-elapsed:
		return nil
	case <-ctx.Done():
		t.Stop()
		return ctx.Err()
	}
}

// PutRecordsFault makes chosen entries of PutRecords calls fail, as the
// service fails entries under load, while the other entries are stored: the
// failed entries carry ErrorCode and ErrorMessage, and FailedRecordCount
// counts them.
type PutRecordsFault struct {
	// Stream is the stream name whose calls are affected; empty means all.
	Stream string
	// Fail chooses the entries that fail, by their index in the call. It
	// runs with the fake's lock held, so it must not call the fake. With
	// Fail nil, Ratio decides.
	Fail func(i int, entry types.PutRecordsRequestEntry) bool
	// Ratio, between 0 and 1, fails that share of entries, drawn from the
	// fake's seeded source ([WithSeed]). With Fail nil and Ratio zero,
	// every entry fails.
	Ratio float64
	// ErrorCode is "ProvisionedThroughputExceededException", the default,
	// or "InternalFailure", the two codes the service reports per entry.
	ErrorCode string
	// Times is how many calls the fault applies to before it removes
	// itself; zero means until removed.
	Times int
}

// FailPutRecords makes entries of PutRecords calls fail as f says. The
// returned function removes the fault. It panics, naming the field, if f
// cannot mean anything: a Ratio outside 0 to 1 (or NaN), a negative Times,
// or an ErrorCode the service does not report per entry.
func (c *Client) FailPutRecords(f PutRecordsFault) (remove func()) {
	checkShare("PutRecordsFault.Ratio", f.Ratio)
	checkTimes("PutRecordsFault.Times", f.Times)
	switch f.ErrorCode {
	case "":
		f.ErrorCode = errorCodeThroughput
	case errorCodeThroughput, errorCodeInternal:
	default:
		panic(fmt.Sprintf("kinesisfake: PutRecordsFault.ErrorCode is %q, want %q or %q", f.ErrorCode, errorCodeThroughput, errorCodeInternal))
	}
	fault := &f
	c.mu.Lock()
	defer c.mu.Unlock()
	c.recordFaults = append(c.recordFaults, fault)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.dropRecordFault(fault)
	}
}

func (c *Client) dropRecordFault(f *PutRecordsFault) {
	c.recordFaults = slices.DeleteFunc(c.recordFaults, func(other *PutRecordsFault) bool { return other == f })
}

// checkShare panics unless ratio, the field named, is a share from 0 to 1.
func checkShare(field string, ratio float64) {
	if !(ratio >= 0 && ratio <= 1) {
		panic(fmt.Sprintf("kinesisfake: %s is %v, want a number from 0 to 1", field, ratio))
	}
}

// checkTimes panics if times, the field named, is negative.
func checkTimes(field string, times int) {
	if times < 0 {
		panic(fmt.Sprintf("kinesisfake: %s is %d, want 0 (until removed) or more", field, times))
	}
}

// isNilPointer reports whether x is a nil pointer in a non-nil interface,
// such as (*types.InternalFailureException)(nil): an error, or a clock,
// whose methods would fail on first use.
func isNilPointer(x any) bool {
	v := reflect.ValueOf(x)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// The error codes PutRecords reports per entry.
const (
	errorCodeThroughput = "ProvisionedThroughputExceededException"
	errorCodeInternal   = "InternalFailure"
)

// The error codes the entries of a queue's batch fail with (the SDK's doc
// comments: "One of ResourceNotFoundException, InvalidArgumentException,
// ThrottlingException, or InternalFailureException").
const (
	entryNotFound  = "ResourceNotFoundException"
	entryInvalid   = "InvalidArgumentException"
	entryThrottled = "ThrottlingException"
	entryInternal  = "InternalFailureException"
)

// queueEntryBatches are the operations whose entries eachEntry answers one
// by one, and a QueueEntriesFault can fail.
var queueEntryBatches = []*smithy.Schema{
	schemas.AcknowledgeQueueRecords, schemas.UpdateQueueRecordsVisibility,
	schemas.AcknowledgeDeadLetterQueueRecords, schemas.UpdateDeadLetterQueueRecordsVisibility,
	schemas.RestoreDeadLetterQueueRecords,
}

// failedEntries applies the PutRecords faults to a call on s: it returns
// the error code of each entry ("" for one to store), or nil when no fault
// applies. Called with Client.mu held.
func (c *Client) failedEntries(s *stream, records []types.PutRecordsRequestEntry) []string {
	var codes []string
	for _, f := range slices.Clone(c.recordFaults) {
		if f.Stream != "" && f.Stream != s.name {
			continue
		}
		codes = c.chooseEntries(codes, len(records), f.Fail == nil, f.Ratio, func(i int) bool { return f.Fail(i, records[i]) }, f.ErrorCode)
		if spend(&f.Times) {
			c.dropRecordFault(f)
		}
	}
	return codes
}

// chooseEntries marks with code the entries of a batch of n that a fault
// fails and codes does not yet: those fail chooses, or if byRatio, that
// share of them. codes is made if nil. Called with Client.mu held.
func (c *Client) chooseEntries(codes []string, n int, byRatio bool, ratio float64, fail func(i int) bool, code string) []string {
	if codes == nil {
		codes = make([]string, n)
	}
	for i := range n {
		if codes[i] != "" {
			continue
		}
		if byRatio && (ratio == 0 || c.random.Float64() < ratio) || !byRatio && fail(i) {
			codes[i] = code
		}
	}
	return codes
}

// spend counts one call against a fault's Times, and reports whether that
// used the fault up.
func spend(times *int) bool {
	if *times <= 0 {
		return false
	}
	*times--
	return *times == 0
}

// QueueEntriesFault makes chosen entries of the batch operations on a
// queue's records fail, as the service may fail entries, while the other
// entries take effect: AcknowledgeQueueRecords,
// UpdateQueueRecordsVisibility, and their dead-letter counterparts with
// RestoreDeadLetterQueueRecords. A failed entry is reported in Failed with
// ErrorCode and ErrorMessage, and its record is left as it was.
type QueueEntriesFault struct {
	// Operation is the batch operation whose entries fail, such as
	// "AcknowledgeQueueRecords"; empty means all five.
	Operation string
	// QueueARN is the queue whose calls are affected; empty means all.
	QueueARN string
	// Fail chooses the entries that fail, by their index in the call and
	// their receipt handle. It runs with the fake's lock held, so it must
	// not call the fake. With Fail nil, Ratio decides.
	Fail func(i int, receiptHandle string) bool
	// Ratio, between 0 and 1, fails that share of entries, drawn from the
	// fake's seeded source ([WithSeed]). With Fail nil and Ratio zero,
	// every entry fails.
	Ratio float64
	// ErrorCode is one of the four the service reports per entry:
	// "ThrottlingException", the default, "InternalFailureException",
	// "ResourceNotFoundException" or "InvalidArgumentException".
	ErrorCode string
	// Times is how many calls the fault applies to before it removes
	// itself; zero means until removed.
	Times int
}

// FailQueueEntries makes entries of the batch operations on a queue's
// records fail as f says. The returned function removes the fault. It
// panics, naming the field, if f cannot mean anything: an Operation that
// is not one of the five, a Ratio outside 0 to 1 (or NaN), a negative
// Times, or an ErrorCode the service does not report per entry.
func (c *Client) FailQueueEntries(f QueueEntriesFault) (remove func()) {
	checkShare("QueueEntriesFault.Ratio", f.Ratio)
	checkTimes("QueueEntriesFault.Times", f.Times)
	if f.Operation != "" && !slices.ContainsFunc(queueEntryBatches, func(s *smithy.Schema) bool { return s.ID().Name == f.Operation }) {
		panic(fmt.Sprintf("kinesisfake: QueueEntriesFault.Operation is %q, want one of the batch operations on a queue's records, such as %q", f.Operation, queueEntryBatches[0].ID().Name))
	}
	if f.ErrorCode == "" {
		f.ErrorCode = entryThrottled
	}
	if !slices.Contains([]string{entryThrottled, entryInternal, entryNotFound, entryInvalid}, f.ErrorCode) {
		panic(fmt.Sprintf("kinesisfake: QueueEntriesFault.ErrorCode is %q, want one of %q, %q, %q or %q", f.ErrorCode, entryThrottled, entryInternal, entryNotFound, entryInvalid))
	}
	fault := &f
	c.mu.Lock()
	defer c.mu.Unlock()
	c.queueFaults = append(c.queueFaults, fault)
	return func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.dropQueueFault(fault)
	}
}

func (c *Client) dropQueueFault(f *QueueEntriesFault) {
	c.queueFaults = slices.DeleteFunc(c.queueFaults, func(other *QueueEntriesFault) bool { return other == f })
}

// failedQueueEntries applies the queue entry faults to a call of batch on
// q: it returns the error code of each entry ("" for one to act on), or
// nil when no fault applies. Called with Client.mu held.
func (c *Client) failedQueueEntries(batch *smithy.Schema, q *queue, handles []*string) []string {
	var codes []string
	for _, f := range slices.Clone(c.queueFaults) {
		if f.Operation != "" && f.Operation != batch.ID().Name || f.QueueARN != "" && f.QueueARN != q.arn {
			continue
		}
		codes = c.chooseEntries(codes, len(handles), f.Fail == nil, f.Ratio, func(i int) bool { return f.Fail(i, *handles[i]) }, f.ErrorCode)
		if spend(&f.Times) {
			c.dropQueueFault(f)
		}
	}
	return codes
}

// ExpireIterators makes every shard iterator issued so far expired, as if
// its 5 minutes were up: GetRecords answers it with ExpiredIteratorException.
// Iterators issued afterwards are unaffected.
func (c *Client) ExpireIterators() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.ExpiredNonce = c.LastNonce
}
