package kinesisfake

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/google/go-cmp/cmp"
)

var (
	ctx = context.Background()
	// epoch is where fake clocks in tests start.
	epoch = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)
)

// newFake returns a fake on a FakeClock at epoch, closed when the test
// ends. In a test, not a benchmark, it keeps its state in a store in
// memory, which must reopen to the fake as it is when the test ends: so
// that every test is a persistence test too (the stored mode of inModes).
func newFake(t testing.TB, opts ...Option) (*Client, *FakeClock) {
	t.Helper()
	clock := NewFakeClock(epoch)
	opts = append([]Option{WithClock(clock)}, opts...)
	if _, bench := t.(*testing.B); bench {
		return newMemoryFake(t, opts[1:]...)
	}
	store := newMemStore()
	c := openT(t, store, opts...)
	t.Cleanup(func() {
		if !t.Failed() {
			checkReopens(t, store, c, append(slices.Clip(opts), WithClock(NewFakeClock(clock.Now())))...)
		}
	})
	return c, clock
}

// newMemoryFake returns a fake on a FakeClock at epoch, with no store,
// closed when the test ends: for tests that change its state by hand,
// outside any call (no store could know), that measure what a call costs,
// or that need what a store cannot hold.
func newMemoryFake(t testing.TB, opts ...Option) (*Client, *FakeClock) {
	t.Helper()
	clock := NewFakeClock(epoch)
	return NewT(t, append([]Option{WithClock(clock)}, opts...)...), clock
}

// createStream creates a PROVISIONED stream of n shards.
func createStream(t testing.TB, c API, name string, n int) {
	t.Helper()
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(int32(n))}); err != nil {
		t.Fatalf("CreateStream(%s): %v", name, err)
	}
}

func put(t testing.TB, c API, stream, key, data string) *kinesis.PutRecordOutput {
	t.Helper()
	out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(stream), PartitionKey: aws.String(key), Data: []byte(data)})
	if err != nil {
		t.Fatalf("PutRecord(%s, %s): %v", stream, key, err)
	}
	return out
}

func iterator(t testing.TB, c API, in *kinesis.GetShardIteratorInput) *string {
	t.Helper()
	out, err := c.GetShardIterator(ctx, in)
	if err != nil {
		t.Fatalf("GetShardIterator: %v", err)
	}
	return out.ShardIterator
}

// readShard reads a shard from TRIM_HORIZON to its current end and returns
// the data of its records.
func readShard(t testing.TB, c API, stream, shardID string) []string {
	t.Helper()
	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: aws.String(shardID), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	var got []string
	for it != nil {
		out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatalf("GetRecords: %v", err)
		}
		for _, r := range out.Records {
			got = append(got, string(r.Data))
		}
		if len(out.Records) == 0 {
			break
		}
		it = out.NextShardIterator
	}
	return got
}

// wantAPIError checks that err is what the SDK returns for a service error:
// an OperationError for op wrapping an API error with this code and message.
// An empty message skips the message check.
func wantAPIError(t testing.TB, err error, op, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want %s", op, code)
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.ServiceID != "Kinesis" || oe.OperationName != op {
		t.Fatalf("%s: error %v is not an OperationError for Kinesis %s", op, err, op)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v carries no smithy.APIError", op, err)
	}
	if apiErr.ErrorCode() != code {
		t.Fatalf("%s: error code %s (%v), want %s", op, apiErr.ErrorCode(), err, code)
	}
	if message != "" && apiErr.ErrorMessage() != message {
		t.Fatalf("%s: message\n  %q\nwant\n  %q", op, apiErr.ErrorMessage(), message)
	}
}

// sequenceIndex is the sequence number seq with the index index instead.
func sequenceIndex(t testing.TB, seq string, index uint64) string {
	t.Helper()
	s, version, ok := parseSequenceNumber(seq)
	if !ok || version != 2 {
		t.Fatalf("sequence number %s does not read", seq)
	}
	s.index = index
	return s.String()
}

// putN puts n records with keys k0..k(n-1) and data d0..d(n-1).
func putN(t testing.TB, c API, stream string, n int) {
	t.Helper()
	for i := range n {
		put(t, c, stream, fmt.Sprint("k", i), fmt.Sprint("d", i))
	}
}

// wrapForCheck wraps an error a stream ended with, which the SDK reports
// bare, so that wantAPIError can check it.
func wrapForCheck(op string, err error) error {
	if err == nil {
		return nil
	}
	return &smithy.OperationError{ServiceID: "Kinesis", OperationName: op, Err: err}
}

// A mode is one way a test reaches the fake. Every behaviour test written
// with inModes, and every error table, runs in each, on a fresh fake:
//
//   - direct: the fake's methods;
//   - json: SDKClient, the real SDK client over the wire in memory, in JSON;
//   - cbor: the same client speaking CBOR, as the Java SDK does;
//   - http: a real SDK client over loopback HTTP (h2c, through HTTPClient)
//     to the fake's Server;
//   - stored: the fake's methods, on a fake started with Open on a store in
//     memory; once the test is done, a copy of the store must reopen to
//     the fake as it is then, so every behaviour test is a persistence test.
type mode struct {
	name   string
	client func(t testing.TB, c *Client) API
	stored bool
	// sockets: the mode's calls go over real sockets, which a
	// testing/synctest bubble cannot wait on.
	sockets bool
}

var modes = []mode{
	{name: "direct", client: func(_ testing.TB, c *Client) API { return c }},
	{name: "json", client: func(_ testing.TB, c *Client) API { return c.SDKClient() }},
	{name: "cbor", client: func(_ testing.TB, c *Client) API { return cborSDKClient(c) }},
	{name: "http", client: loopbackClient, sockets: true},
	{name: "stored", client: func(_ testing.TB, c *Client) API { return c }, stored: true},
}

// loopbackClient is a real SDK client with no retries that reaches c over
// loopback HTTP, through a Server of its own that the test's end closes.
func loopbackClient(t testing.TB, c *Client) API {
	client := HTTPClient()
	t.Cleanup(client.CloseIdleConnections)
	return kinesis.New(kinesis.Options{Region: c.Options().Region, BaseEndpoint: aws.String(serve(t, c.Server())), Credentials: aws.AnonymousCredentials{}, HTTPClient: client, Retryer: aws.NopRetryer{}})
}

// fake makes a fake for the mode, with opts, on a FakeClock at epoch,
// closed when the test ends, and returns it with k, what the test calls it
// through. done is to be called once the test is done: in the stored mode,
// it checks that the store reopens to the fake.
func (m mode) fake(t *testing.T, opts ...Option) (c *Client, k API, clock *FakeClock, done func()) {
	t.Helper()
	clock = NewFakeClock(epoch)
	opts = append([]Option{WithClock(clock)}, opts...)
	done = func() {}
	if !m.stored {
		c = NewT(t, opts...)
		return c, m.client(t, c), clock, done
	}
	store := newMemStore()
	c = openT(t, store, opts...)
	done = func() {
		t.Helper()
		if !t.Failed() {
			checkReopens(t, store, c, append(slices.Clip(opts), WithClock(NewFakeClock(clock.Now())))...)
		}
	}
	return c, m.client(t, c), clock, done
}

// inModes runs a behaviour test in every mode, on a fresh fake each time:
// k is what the test calls (the fake, or a real SDK client wired to it),
// and c the fake itself, for setting up and looking inside.
func inModes(t *testing.T, opts []Option, test func(t *testing.T, c *Client, k API, clock *FakeClock)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			c, k, clock, done := m.fake(t, opts...)
			test(t, c, k, clock)
			done()
		})
	}
}

// errorCase is a call that breaks one of the service's rules, and the error
// the service returns for it.
type errorCase struct {
	name string
	op   string
	opts []Option // for the fake the case runs on
	// call sets the scene with c, the fake, and makes the call under test
	// with k: c itself, or its SDK client over the wire.
	call    func(c *Client, k API, clock *FakeClock) error
	code    string
	message string // exact; empty means any
}

// errorTable is every rule a family of operations enforces, a case each,
// kept in the family's test file. Each case runs twice, by direct calls
// and over the wire (see inModes), on a fresh fake that setup, if set,
// prepares; after, if set, then checks what the failed call left.
type errorTable struct {
	setup func(t *testing.T, c *Client, clock *FakeClock)
	after func(t *testing.T, c *Client)
	cases []errorCase
}

func (tb errorTable) run(t *testing.T) {
	t.Helper()
	seen := map[string]bool{}
	for _, tc := range tb.cases {
		if seen[tc.name] {
			t.Fatalf("duplicate case %q", tc.name)
		}
		seen[tc.name] = true
		t.Run(tc.name, func(t *testing.T) {
			inModes(t, tc.opts, func(t *testing.T, c *Client, k API, clock *FakeClock) {
				if tb.setup != nil {
					tb.setup(t, c, clock)
				}
				wantAPIError(t, tc.call(c, k, clock), tc.op, tc.code, tc.message)
				if tb.after != nil {
					tb.after(t, c)
				}
			})
		})
	}
}

// twoStreams is the scene of most error tables: streams "s" and "other", of
// 3 shards each.
func twoStreams(t *testing.T, c *Client, _ *FakeClock) {
	createStream(t, c, "s", 3)
	createStream(t, c, "other", 3)
}

// unsentSDKClient is a real SDK client that must never send: its requests
// fail if the client's own validation lets them through.
func unsentSDKClient() *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://kinesis.invalid"),
		Credentials:  aws.AnonymousCredentials{},
		HTTPClient: doFunc(func(*http.Request) (*http.Response, error) {
			return nil, errors.New("sent: the client's own validation let the request through")
		}),
	})
}

// doFunc is an HTTP client made of a function.
type doFunc func(*http.Request) (*http.Response, error)

func (f doFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

// requiredMembers is a call that leaves out members the SDK's client
// requires, and the error the client gives for it.
type requiredMembers struct {
	call func(API) error
	want string
}

// missing is the SDK client's error for an op whose input, of SDK type
// input, lacks the required fields.
func missing(op, input string, fields ...string) string {
	msg := "operation error Kinesis: " + op + ", " + string(rune('0'+len(fields))) + " validation error(s) found.\n"
	for _, f := range fields {
		msg += "- missing required field, " + input + "." + f + ".\n"
	}
	return msg
}

// checkRequiredMembers runs each call on the fake and on the real SDK client:
// both must fail with want, word for word, before anything is sent.
func checkRequiredMembers(t *testing.T, fake *Client, tests []requiredMembers) {
	t.Helper()
	for _, tt := range tests {
		for name, c := range map[string]API{"fake": fake, "SDK": unsentSDKClient()} {
			err := tt.call(c)
			var invalid smithy.InvalidParamsError
			if !errors.As(err, &invalid) {
				t.Errorf("%s: error %v is not a smithy.InvalidParamsError", name, err)
				continue
			}
			if err.Error() != tt.want {
				t.Errorf("%s: error\n  %q\nwant\n  %q", name, err.Error(), tt.want)
			}
		}
	}
}

// testConsumerARN is the ARN of consumer "app" of stream "s" as
// streamWithConsumer registers it, at epoch.
var testConsumerARN = testStreamARN + "/consumer/app:" + strconv.FormatInt(epoch.Unix(), 10)

// streamWithConsumer is the scene of the error tables of the operations on
// consumers: stream "s", of 1 shard, with consumer "app".
func streamWithConsumer(t *testing.T, c *Client, _ *FakeClock) {
	createStream(t, c, "s", 1)
	if got := register(t, c, "s", "app"); got != testConsumerARN {
		t.Fatalf("consumer ARN %s, want %s", got, testConsumerARN)
	}
}

// errorMessage is the message of the API error err carries, if any.
func errorMessage(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorMessage()
	}
	return ""
}

// register registers an ACTIVE consumer and returns its ARN.
func register(t testing.TB, c API, stream, name string) string {
	t.Helper()
	out, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{
		StreamARN:    aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/" + stream),
		ConsumerName: aws.String(name),
	})
	if err != nil {
		t.Fatalf("RegisterStreamConsumer: %v", err)
	}
	return *out.Consumer.ConsumerARN
}

func subscribe(t testing.TB, c API, consumerARN, shard string, pos types.StartingPosition) *kinesis.SubscribeToShardEventStream {
	t.Helper()
	out, err := c.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumerARN), ShardId: aws.String(shard), StartingPosition: &pos}, ownProtocol)
	if err != nil {
		t.Fatalf("SubscribeToShard: %v", err)
	}
	return out.GetStream()
}

// nextEvent waits for the stream's next event that carries records or
// ChildShards, passing over heartbeats; ok is false if the stream ended.
func nextEvent(t testing.TB, stream *kinesis.SubscribeToShardEventStream) (types.SubscribeToShardEvent, bool) {
	t.Helper()
	for ev := range stream.Events() {
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		if len(e.Records) > 0 || e.ChildShards != nil {
			return e, true
		}
		checkHeartbeat(t, e)
	}
	return types.SubscribeToShardEvent{}, false
}

func eventData(ev types.SubscribeToShardEvent) []string {
	var got []string
	for _, r := range ev.Records {
		got = append(got, string(r.Data))
	}
	return got
}

// ownProtocol gives a SubscribeToShard call a protocol of its own: the SDK's
// event-stream decoder is not safe for several streams at once on one
// client (smithy-go#714), so production code reading shards in parallel
// does the same. Direct calls ignore it.
func ownProtocol(o *kinesis.Options) { o.Protocol = awsjson.New11(schemas.Kinesis_20131202) }

const testStreamARN = "arn:aws:kinesis:us-east-1:123456789012:stream/s"

func snapshot(t testing.TB, c *Client) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.Snapshot(&b); err != nil {
		t.Fatalf("Snapshot: %v", err)
	}
	return b.Bytes()
}

// restored starts a fake from state, on a FakeClock at at.
func restored(t testing.TB, state []byte, at time.Time, opts ...Option) (*Client, *FakeClock) {
	t.Helper()
	clock := NewFakeClock(at)
	return NewT(t, append([]Option{WithState(bytes.NewReader(state)), WithClock(clock)}, opts...)...), clock
}

// The protocol's headers, as a client sends them.
const (
	target   = "Kinesis_20131202."
	jsonType = "application/x-amz-json-1.1"
)

// wireOperationNames names the operations the handler serves with one
// request and one response, in order.
func wireOperationNames() []string {
	var names []string
	for _, op := range New().wireOperations() {
		names = append(names, op.Name())
	}
	slices.Sort(names)
	return names
}

// s3ChannelInput creates a channel delivering stream to a general purpose
// bucket, with nothing optional given.
func s3ChannelInput(name, stream string) *kinesis.CreateChannelInput {
	return &kinesis.CreateChannelInput{
		ChannelName:             aws.String(name),
		ServiceExecutionRoleARN: aws.String(channelRole),
		StreamConfigurationList: []types.ChannelStreamConfiguration{{
			StreamARN:           aws.String(channelStreamARN(stream)),
			RecordConfiguration: &types.RecordConfiguration{RecordFormatType: types.RecordFormatTypeJson},
		}},
		S3DestinationConfiguration: &types.S3DestinationConfiguration{StorageConfiguration: &types.S3StorageConfiguration{
			BucketARN:           aws.String("arn:aws:s3:::deliveries"),
			ExpectedBucketOwner: aws.String("123456789012"),
			CompressionType:     types.S3CompressionTypeGzip,
		}},
	}
}

func mustCreateChannel(t testing.TB, c *Client, in *kinesis.CreateChannelInput) *types.ChannelDescription {
	t.Helper()
	out, err := c.CreateChannel(ctx, in)
	if err != nil {
		t.Fatalf("CreateChannel(%s): %v", *in.ChannelName, err)
	}
	return out.ChannelDescription
}

// channelARNOf finds a channel's ARN by name.
func channelARNOf(t testing.TB, c *Client, name string) string {
	t.Helper()
	out, err := c.ListChannels(ctx, &kinesis.ListChannelsInput{})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range out.ChannelSummaries {
		if *s.ChannelName == name {
			return *s.ChannelARN
		}
	}
	t.Fatalf("no channel %s", name)
	return ""
}

// channelSourceStream creates an ON_DEMAND stream, which channels and
// queues need.
func channelSourceStream(t testing.TB, c API, name string) {
	t.Helper()
	_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}})
	if err != nil {
		t.Fatalf("CreateStream(%s): %v", name, err)
	}
}

// ignoreUnexported lets cmp compare the SDK's types, whose unexported fields
// hold nothing.
var ignoreUnexported = cmp.FilterPath(func(p cmp.Path) bool {
	sf, ok := p.Last().(cmp.StructField)
	return ok && !unicode.IsUpper([]rune(sf.Name())[0])
}, cmp.Ignore())

// A channel goes through its states on the fake's clock, and each state is
// what later calls observe.
func TestChannelLifecycle(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{CreateChannel: 10 * time.Second, UpdateChannel: 5 * time.Second, DeleteChannel: 3 * time.Second}))
	channelSourceStream(t, c, "s")
	clock.Advance(1500 * time.Millisecond)
	created := mustCreateChannel(t, c, s3ChannelInput("deliver", "s"))
	arn := *created.ChannelARN
	if !regexp.MustCompile(`^arn:aws:kinesis:us-east-1:123456789012:channel/[a-z0-9]{17}$`).MatchString(arn) || !strings.HasSuffix(arn, "/"+*created.ChannelId) {
		t.Fatalf("ARN %s with ID %s; want arn:aws:kinesis:us-east-1:123456789012:channel/ID, ID 17 of [a-z0-9]", arn, *created.ChannelId)
	}
	if want := epoch.Add(time.Second); !created.ChannelCreationTimestamp.Equal(want) || created.ChannelCreationTimestamp.Location() != time.UTC {
		t.Errorf("ChannelCreationTimestamp %v, want %v in UTC", created.ChannelCreationTimestamp, want)
	}

	status := func() (types.ChannelStatus, error) {
		out, err := c.DescribeChannel(ctx, &kinesis.DescribeChannelInput{ChannelARN: aws.String(arn)})
		if err != nil {
			return "", err
		}
		return out.ChannelDescription.ChannelStatus, nil
	}
	update := func(seconds int32) func() (types.ChannelStatus, error) {
		return func() (types.ChannelStatus, error) {
			out, err := c.UpdateChannel(ctx, &kinesis.UpdateChannelInput{ChannelARN: aws.String(arn), S3DestinationConfiguration: &types.S3DestinationUpdateInput{DataFreshnessInSeconds: aws.Int32(seconds)}})
			if err != nil {
				return "", err
			}
			if got := *out.ChannelDescription.S3DestinationConfiguration.DataFreshnessInSeconds; got != seconds {
				t.Errorf("UpdateChannel reports DataFreshnessInSeconds %d, want %d", got, seconds)
			}
			return out.ChannelDescription.ChannelStatus, nil
		}
	}
	deleteIt := func() (types.ChannelStatus, error) {
		_, err := c.DeleteChannel(ctx, &kinesis.DeleteChannelInput{ChannelARN: aws.String(arn)})
		return "", err
	}
	recreate := func() (types.ChannelStatus, error) {
		out, err := c.CreateChannel(ctx, s3ChannelInput("deliver", "s"))
		if err != nil {
			return "", err
		}
		if *out.ChannelDescription.ChannelARN == arn {
			t.Errorf("the channel created again kept the ARN %s", arn)
		}
		return out.ChannelDescription.ChannelStatus, nil
	}
	steps := []struct {
		name    string
		advance time.Duration
		call    func() (types.ChannelStatus, error)
		want    types.ChannelStatus
		code    string // the error instead
	}{
		{"created", 0, func() (types.ChannelStatus, error) { return created.ChannelStatus, nil }, types.ChannelStatusCreating, ""},
		{"still creating", 9 * time.Second, status, types.ChannelStatusCreating, ""},
		{"cannot update while creating", 0, update(600), "", "ResourceInUseException"},
		{"active after the delay", time.Second, status, types.ChannelStatusActive, ""},
		{"update", 0, update(600), types.ChannelStatusUpdating, ""},
		{"cannot update while updating", time.Second, update(700), "", "ResourceInUseException"},
		{"updated", 4 * time.Second, status, types.ChannelStatusActive, ""},
		{"delete", 0, deleteIt, "", ""},
		{"deleting", 0, status, types.ChannelStatusDeleting, ""},
		{"deleting again", 2 * time.Second, deleteIt, "", ""},
		{"name taken while deleting", 0, recreate, "", "ResourceInUseException"},
		{"deletion does not restart", time.Second, status, "", "ResourceNotFoundException"},
		{"gone from DeleteChannel", 0, deleteIt, "", "ResourceNotFoundException"},
		{"name free once gone", 0, recreate, types.ChannelStatusCreating, ""},
	}
	for _, st := range steps {
		clock.Advance(st.advance)
		got, err := st.call()
		if st.code != "" {
			var apiErr smithy.APIError
			if !errors.As(err, &apiErr) || apiErr.ErrorCode() != st.code {
				t.Fatalf("%s: error %v, want %s", st.name, err, st.code)
			}
			continue
		}
		if err != nil || got != st.want {
			t.Fatalf("%s: %q, %v; want %q", st.name, got, err, st.want)
		}
	}
}

// serve serves srv on a loopback port until the test ends, and returns its
// URL.
func serve(t testing.TB, srv *http.Server) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String()
}

// memStore is a Store in a map, applying each write at once. fail, if set,
// is the error every write returns from then on, unapplied.
type memStore struct {
	mu     sync.Mutex
	keys   map[string][]byte
	writes int
	fail   error
}

func newMemStore() *memStore { return &memStore{keys: map[string][]byte{}} }

func (m *memStore) Scan(prefix []byte, f func(key, value []byte) error) error {
	m.mu.Lock()
	var keys []string
	for k := range m.keys {
		if strings.HasPrefix(k, string(prefix)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	values := make([][]byte, len(keys))
	for i, k := range keys {
		values[i] = m.keys[k]
	}
	m.mu.Unlock()
	for i, k := range keys {
		if err := f([]byte(k), values[i]); err != nil {
			return err
		}
	}
	return nil
}

func (m *memStore) Write(ops []StoreOp) func() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if err := m.fail; err != nil {
		return func() error { return err }
	}
	m.writes++
	for _, op := range ops {
		if op.Value != nil {
			m.keys[string(op.Key)] = bytes.Clone(op.Value)
			continue
		}
		for k := range m.keys {
			if k >= string(op.Key) && (op.End == nil || k < string(op.End)) {
				delete(m.keys, k)
			}
		}
	}
	return func() error { return nil }
}

// count is how many keys start with prefix.
func (m *memStore) count(prefix string) int {
	m.mu.Lock()
	defer m.mu.Unlock()
	n := 0
	for k := range m.keys {
		if strings.HasPrefix(k, prefix) {
			n++
		}
	}
	return n
}

// checkReopens opens a fake on a copy of store, as after a crash, with
// opts, and checks that it is c: the same snapshot, but for the nonces of
// the iterators issued since the last change, which the store gets with
// the next.
func checkReopens(t testing.TB, store *memStore, c *Client, opts ...Option) {
	t.Helper()
	copied := newMemStore()
	store.mu.Lock()
	maps.Copy(copied.keys, store.keys)
	store.mu.Unlock()
	reopened, err := Open(copied, opts...)
	if err != nil {
		t.Fatalf("Open on the store: %v", err)
	}
	defer reopened.Close()
	nonces := regexp.MustCompile(`"(lastNonce|expiredNonce)": \d+`)
	want := nonces.ReplaceAll(snapshot(t, c), nil)
	if got := nonces.ReplaceAll(snapshot(t, reopened), nil); !bytes.Equal(got, want) {
		t.Fatalf("the fake opened on the store differs (-running +reopened):\n%s", cmp.Diff(string(want), string(got)))
	}
}

// readOnlyBodies hides the request body's WriteTo from the transport
// beneath, which then finds the end of a closed body with Read, as it
// should: over HTTP/1.1 that avoids the fault.
type readOnlyBodies struct{ http.RoundTripper }

func (t readOnlyBodies) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req = req.Clone(req.Context())
		req.Body = struct{ io.ReadCloser }{req.Body}
	}
	return t.RoundTripper.RoundTrip(req)
}

// sdkOperations are the methods of the SDK's client that call the service.
func sdkOperations(client reflect.Type) map[string]reflect.Method {
	ops := map[string]reflect.Method{}
	for i := range client.NumMethod() {
		if m := client.Method(i); m.Name != "Options" {
			ops[m.Name] = m
		}
	}
	return ops
}

// newPanic calls New with opts and returns what it panicked with, or nil.
func newPanic(opts ...Option) (p any) {
	defer func() { p = recover() }()
	New(opts...).Close()
	return nil
}

const cborType = "application/x-amz-cbor-1.1"

// openT opens a fake on store, closed when the test ends, or makes one
// with New if store is nil.
func openT(t testing.TB, store Store, opts ...Option) *Client {
	t.Helper()
	if store == nil {
		return NewT(t, opts...)
	}
	c, err := Open(store, opts...)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

// createQueue creates a queue reading from TRIM_HORIZON with the
// defaults, and the ON_DEMAND stream it reads unless that exists, and
// returns the queue's ARN.
func createQueue(t testing.TB, c API, stream, name string) string {
	t.Helper()
	if _, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: &stream}); err != nil {
		channelSourceStream(t, c, stream)
	}
	out, err := c.CreateQueue(ctx, &kinesis.CreateQueueInput{
		QueueName: aws.String(name),
		StreamConfigurationList: []types.QueueStreamConfiguration{{
			StreamARN:        aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/" + stream),
			StartingPosition: &types.QueueStartingPosition{Type: types.QueueStartingPositionTypeTrimHorizon},
		}},
	})
	if err != nil {
		t.Fatalf("CreateQueue(%s): %v", name, err)
	}
	return *out.QueueDescription.QueueARN
}
