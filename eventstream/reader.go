package eventstream

import (
	"context"
	"errors"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// ErrClosed is what [Writer.Send] returns once the reader has been closed or
// the stream ended.
var ErrClosed = errors.New("eventstream: stream closed")

// Reader is a kinesis.SubscribeToShardEventStreamReader fed through a channel.
// Create one with [NewPipe] or [NewReplay]. Its methods are safe for
// concurrent use.
type Reader struct {
	events chan types.SubscribeToShardEventStream
	done   chan struct{} // closed by Close: the consumer has gone
	ended  chan struct{} // closed right after events is

	closeOnce sync.Once
	// sendMu orders sends before the close of events, so a send never
	// meets a closed channel.
	sendMu   sync.Mutex
	finished bool // under sendMu: events is closed

	errMu sync.Mutex
	err   error
}

var _ kinesis.SubscribeToShardEventStreamReader = (*Reader)(nil)

// Writer is the producer's side of a [Reader].
type Writer struct{ r *Reader }

// NewPipe returns a reader and the writer that feeds it. Each event sent is
// received by the reader before Send returns, so a slow reader holds back
// its writer and nothing else.
func NewPipe() (*Reader, *Writer) {
	r := newReader(0)
	return r, &Writer{r}
}

// NewReplay returns a reader that yields events, in order, then ends with err
// (nil for a clean end).
func NewReplay(events []types.SubscribeToShardEvent, err error) *Reader {
	r := newReader(len(events))
	for _, e := range events {
		r.events <- &types.SubscribeToShardEventStreamMemberSubscribeToShardEvent{Value: e}
	}
	r.end(err)
	return r
}

func newReader(buffer int) *Reader {
	return &Reader{
		events: make(chan types.SubscribeToShardEventStream, buffer),
		done:   make(chan struct{}),
		ended:  make(chan struct{}),
	}
}

// Events returns the channel the events arrive on. It is closed when the
// stream ends or the reader is closed; Err is set before it closes.
func (r *Reader) Events() <-chan types.SubscribeToShardEventStream { return r.events }

// Close stops the stream: Events closes and the writer's Send returns
// ErrClosed. It may be called any number of times, concurrently.
func (r *Reader) Close() error {
	r.closeOnce.Do(func() { close(r.done) })
	r.end(nil)
	return nil
}

// Err returns the error the stream ended with, or nil.
func (r *Reader) Err() error {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	return r.err
}

// Closed returns a channel that is closed once Events is. The SDK looks for
// this method on readers.
func (r *Reader) Closed() <-chan struct{} { return r.ended }

// end sets err and closes Events, once.
func (r *Reader) end(err error) {
	r.sendMu.Lock()
	defer r.sendMu.Unlock()
	if r.finished {
		return
	}
	r.finished = true
	r.setErr(err)
	close(r.events)
	close(r.ended)
}

// setErr records why the stream ended.
func (r *Reader) setErr(err error) {
	r.errMu.Lock()
	defer r.errMu.Unlock()
	r.err = err
}

// Send delivers an event, waiting until the reader receives it. It returns
// ErrClosed if the reader is closed or the stream has ended, or ctx's error
// if ctx is done first.
func (w *Writer) Send(ctx context.Context, event types.SubscribeToShardEvent) error {
	// Return at once if the consumer is gone, before waiting for the lock
	// that an end in progress may hold.
	select {
	case <-w.r.done:
		return ErrClosed
	default:
	}
	w.r.sendMu.Lock()
	defer w.r.sendMu.Unlock()
	if w.r.finished {
		return ErrClosed
	}
	select {
	case w.r.events <- &types.SubscribeToShardEventStreamMemberSubscribeToShardEvent{Value: event}:
		return nil
	case <-w.r.done:
		return ErrClosed
	case <-ctx.Done():
		return ctx.Err()
	}
}

// End ends the stream: Err returns err (nil for a clean end, as when a
// subscription runs its 5 minutes), then Events closes. Later calls do
// nothing. End waits for a Send in progress to finish.
func (w *Writer) End(err error) { w.r.end(err) }

// Done returns a channel that is closed when the reader is closed, so a
// producer waiting for something to send can stop.
func (w *Writer) Done() <-chan struct{} { return w.r.done }
