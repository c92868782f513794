package kinesisfake

import "time"

// Delays are how long the fake's asynchronous transitions take, measured on
// its [Clock]. A zero Delay, the default, means the transition is complete by
// the time the call that started it returns.
type Delays struct {
	CreateStream       time.Duration // CREATING → ACTIVE
	DeleteStream       time.Duration // DELETING → gone
	UpdateStream       time.Duration // UPDATING → ACTIVE
	RegisterConsumer   time.Duration // consumer CREATING → ACTIVE
	DeregisterConsumer time.Duration // consumer DELETING → gone
	CreateChannel      time.Duration // channel CREATING → ACTIVE
	UpdateChannel      time.Duration // channel UPDATING → ACTIVE
	DeleteChannel      time.Duration // channel DELETING → gone
	CreateQueue        time.Duration // queue CREATING → ACTIVE
	UpdateQueue        time.Duration // queue UPDATING → ACTIVE
	DeleteQueue        time.Duration // queue DELETING → gone
}

// ServiceDelays returns how long the service's asynchronous transitions
// typically take, for tests that want the waits production has:
//
//	fake := kinesisfake.NewT(t, kinesisfake.WithDelays(kinesisfake.ServiceDelays()))
//
// With them, code that uses a stream before it is ACTIVE, or subscribes
// before its consumer is ACTIVE, fails against the fake as it fails in
// production. Run such tests inside a [testing/synctest] bubble or on a
// [FakeClock] so that the waits take no real time.
//
// The service publishes no exact durations; each value names its source:
//
//   - CreateStream and DeleteStream, 10 s: the SDK's StreamExists and
//     StreamNotExists waiters first poll again after 10 s, their MinDelay.
//   - UpdateStream, 30 s: the API reference says applying encryption
//     "normally takes a few seconds" and UpdateShardCount "could take a few
//     minutes".
//   - RegisterConsumer, 10 s: the Kinesis Client Library polls a new
//     consumer about ten times, a second apart, before it is ACTIVE
//     (awslabs/amazon-kinesis-client#506).
//   - DeregisterConsumer, 10 s: not on record; taken equal to registration.
//   - CreateChannel, UpdateChannel and DeleteChannel: not on record; taken
//     equal to the stream's transitions.
//   - CreateQueue, UpdateQueue and DeleteQueue: not on record (the SDK's
//     doc comments call each "an asynchronous operation" and give no
//     time); taken equal to the consumer's and the stream's.
func ServiceDelays() Delays {
	return Delays{
		CreateStream:       10 * time.Second,
		DeleteStream:       10 * time.Second,
		UpdateStream:       30 * time.Second,
		RegisterConsumer:   10 * time.Second,
		DeregisterConsumer: 10 * time.Second,
		CreateChannel:      10 * time.Second,
		UpdateChannel:      30 * time.Second,
		DeleteChannel:      10 * time.Second,
		CreateQueue:        10 * time.Second,
		UpdateQueue:        30 * time.Second,
		DeleteQueue:        10 * time.Second,
	}
}
