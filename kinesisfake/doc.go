// Package kinesisfake is an in-process fake of Amazon Kinesis Data Streams
// for testing Go code that uses the AWS SDK for Go v2.
//
// # Getting started
//
// [NewT] returns a fake that is closed when the test ends ([New] one closed
// with [Client.Close]). Code under test depends on an interface of the
// methods it calls; production passes a *kinesis.Client, tests a *Client:
//
//	fake := kinesisfake.NewT(t)
//	app := NewApp(fake)
//
// [Client] has every method of the SDK's *kinesis.Client, with the same
// signatures ([API] lists them), and keeps streams, shards, records,
// consumers, subscriptions, channels, tags and policies in memory. It checks
// inputs as the service does and fails with the SDK's typed errors, wrapped
// as the real client wraps them, so errors.As and smithy.APIError behave in
// tests as in production.
//
// The options: [WithClock] (the clock, below), [WithDelays] (how long
// CREATING, UPDATING and DELETING last: zero by default; [ServiceDelays] for
// the service's), [WithRegion] and [WithAccountID] (what ARNs and messages
// say), [WithLimits] (account quotas), [WithRates] (throughput limits),
// [WithSeed] (every random choice), [WithRequestLog] (a log/slog line
// for each request served over the wire) and [WithState] (a state to start
// from, below). New panics on an option that cannot
// mean anything, such as an account ID that is not 12 digits, naming the
// option and the form it expects: a programmer's error, as for
// regexp.MustCompile.
//
// # Time and waiting
//
// All time comes from one [Clock]: states change, iterators and tokens
// expire, records pass retention and subscriptions end after their 5 minutes
// exactly when the clock says so.
//
//   - For code that waits (consumers that poll for ACTIVE and renew their
//     subscriptions, retries, the SDK's waiters), run the test inside a
//     [testing/synctest] bubble with the default clock and, usually,
//     WithDelays(ServiceDelays()): the bubble's clock jumps ahead whenever
//     every goroutine is blocked, so minutes pass in no real time.
//   - To step time by hand, use a [FakeClock]. The code under test can wait
//     on it too ([FakeClock.Sleep], [FakeClock.After], [FakeClock.NewTimer]),
//     and [FakeClock.BlockUntil] tells the test when it does, so the test
//     moves the clock only once that code is blocked on it.
//   - The real clock, the default, suits servers and tests that never wait.
//
// # Inspecting state
//
// Tests check what the code under test did without the SDK's ceremony:
// [Client.Streams] lists the streams; [Client.Records] lists every record of
// a stream across its shards, in the order the fake accepted them;
// [Client.Consumers] and [Client.Subscriptions] list its consumers and live
// subscriptions; [Client.QueueRecords] lists what a queue has delivered and
// not had acknowledged; and [Client.WaitForRecords] and
// [Client.WaitForQueue] wait, without polling, until records arrive or a
// queue holds what a test waits for.
//
// # State fixtures
//
// [Client.Snapshot] writes the fake's whole state (streams, shards and
// their lineage, records with their sequence numbers, consumers, channels,
// tags, policies, settings, the lifecycles in progress and the counters
// behind sequence numbers, ARNs and iterators) as a versioned JSON document,
// the same bytes for the same state; [WithState] starts a fake from one, so
// a test loads a golden file from testdata instead of a page of set-up
// calls. The format is documented on [Client.Snapshot].
//
// [Open] starts a fake that keeps its state in a [Store] as well, and finds
// it there when opened again: every call that changes the state returns
// once the store has the change. cmd/kinesisfake's -data keeps one in a
// bbolt database; a fake made with [New] has none.
//
// # Faults and limits
//
// [Client.InjectFault] and [Client.AddHook] fail, delay or answer calls;
// [Client.FailPutRecords] fails chosen entries of PutRecords, and
// [Client.FailQueueEntries] those of the batch operations on a queue's
// records;
// [Client.EndSubscriptions] ends live subscriptions with an error;
// [Client.ExpireIterators] expires iterators; [WithRates] enforces the
// service's throughput limits on the fake's clock.
//
// # Enhanced fan-out
//
// SubscribeToShard returns the SDK's own *kinesis.SubscribeToShardOutput,
// whose GetStream delivers records as they are put; see also package
// github.com/streamfake/kinesis/eventstream for hand-written mocks.
//
// # Over the wire
//
// [Client.Handler] speaks the Kinesis JSON 1.1 and CBOR protocols,
// [Client.SDKClient] returns a real *kinesis.Client wired to it in memory,
// [Client.Server] serves it on a socket (HTTP/1.1 and h2c, or HTTP/2 over
// TLS, with timeouts), [HTTPClient] is the client for the Go SDK to reach
// it there without TLS, and cmd/kinesisfake serves it to clients in any
// language.
package kinesisfake
