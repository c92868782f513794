// Package kinesis is the root of github.com/streamfake/kinesis, a fake of
// Amazon Kinesis Data Streams for testing Go code that uses the AWS SDK for
// Go v2.
//
// The module's packages:
//
//   - [github.com/streamfake/kinesis/kinesisfake]: the fake itself. Its Client
//     has the methods of the SDK's *kinesis.Client and keeps streams, shards
//     and records in process, with a clock tests can fast-forward.
//   - [github.com/streamfake/kinesis/arn]: stream and consumer ARNs, built and
//     parsed.
//   - [github.com/streamfake/kinesis/eventstream]: SubscribeToShard event
//     streams that tests and hand-written mocks can build.
//
// cmd/kinesisfake serves the fake over HTTP for clients in any language.
// Runnable programs are under examples/.
package kinesis
