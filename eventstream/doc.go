// Package eventstream builds the event streams that SubscribeToShard returns,
// for tests and hand-written mocks of the AWS SDK for Go v2's Kinesis client.
//
// The SDK keeps the event stream of a *kinesis.SubscribeToShardOutput in an
// unexported field, so code outside the SDK cannot make an output whose
// GetStream works. [NewOutput] does: it wraps any
// kinesis.SubscribeToShardEventStreamReader in an output that behaves as one
// returned by a real call.
//
// [NewPipe] gives such a reader, backed by a channel, together with the
// [Writer] that feeds it: send events as they happen, then end the stream
// cleanly or with an error. [NewReplay] gives a reader that plays a fixed list
// of events.
//
// [Encoder] writes the same events in the event-stream wire format a
// SubscribeToShard response uses over HTTP.
package eventstream
