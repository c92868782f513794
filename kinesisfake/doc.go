// Package kinesisfake is an in-process fake of Amazon Kinesis Data Streams
// for testing Go code that uses the AWS SDK for Go v2.
//
// [Client] has every method of the SDK's *kinesis.Client, with the same
// signatures ([API] lists them), and keeps streams, shards, records,
// consumers, subscriptions, channels, tags and policies in memory. It checks
// inputs as the service does and fails with the SDK's typed errors, wrapped
// as the real client wraps them, so errors.As and smithy.APIError behave in
// tests as in production.
//
// Code under test depends on an interface of the methods it calls;
// production passes a *kinesis.Client, tests a *Client:
//
//	fake := kinesisfake.NewT(t, kinesisfake.WithClock(clock))
//	app := NewApp(fake)
//
// All time comes from one [Clock]. With a [FakeClock], tests move time on
// instead of sleeping: streams and consumers change state, iterators and
// tokens expire, records pass retention and subscriptions end after their 5
// minutes exactly when the clock says so. The default real clock also works
// inside a testing/synctest bubble.
//
// Faults and limits are injectable: [Client.InjectFault] and [Client.AddHook]
// fail, delay or answer calls; [Client.FailPutRecords] fails chosen entries
// of PutRecords; [Client.EndSubscriptions] ends live subscriptions with an
// error; [Client.ExpireIterators] expires iterators; [WithRates] enforces the
// service's throughput limits on the fake's clock; [WithSeed] seeds every
// random choice.
//
// Tests check what the code under test did without the SDK's ceremony:
// [Client.Records] lists every record of a stream across its shards, in the
// order the fake accepted them; [Client.Consumers] and
// [Client.Subscriptions] list its consumers and live subscriptions; and
// [Client.WaitForRecords] waits, without polling, until records arrive.
//
// SubscribeToShard returns the SDK's own *kinesis.SubscribeToShardOutput,
// whose GetStream delivers records as they are put; see also package
// github.com/streamfake/kinesis/eventstream for hand-written mocks.
//
// The same state can be served over the wire: [Client.Handler] speaks the
// Kinesis JSON 1.1 protocol, [Client.SDKClient] returns a real
// *kinesis.Client wired to it in memory, [Client.Server] serves it on a
// socket (HTTP/1.1 and h2c, with timeouts), [HTTPClient] is the client for
// the Go SDK to reach it there, and cmd/kinesisfake serves it to clients in
// any language.
package kinesisfake
