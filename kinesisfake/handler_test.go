package kinesisfake

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// The real SDK client, through the wire, sees what direct calls see.
func TestSDKClientAgreesWithDirectCalls(t *testing.T) {
	c, clock := newFake(t)
	sdk := c.SDKClient()
	createStream(t, c, "s", 3)
	put(t, c, "s", "k", "direct")
	out, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte{0, 1, 2, 255}})
	if err != nil {
		t.Fatal(err)
	}
	if len(*out.SequenceNumber) != 56 || out.EncryptionType != types.EncryptionTypeNone {
		t.Errorf("PutRecord over the wire: %+v", out)
	}
	clock.Advance(time.Second)

	ignore := cmpopts.IgnoreUnexported(kinesis.DescribeStreamOutput{}, types.StreamDescription{}, types.Shard{}, types.HashKeyRange{}, types.SequenceNumberRange{}, types.StreamModeDetails{}, types.EnhancedMetrics{},
		kinesis.GetRecordsOutput{}, types.Record{}, kinesis.ListStreamConsumersOutput{}, types.Consumer{})
	ignoreMeta := cmpopts.IgnoreFields(kinesis.DescribeStreamOutput{}, "ResultMetadata")

	direct, err := c.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	wire, err := sdk.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(direct, wire, ignore, ignoreMeta); diff != "" {
		t.Errorf("DescribeStream (-direct +wire):\n%s", diff)
	}

	it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: out.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	directRecords, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	if err != nil {
		t.Fatal(err)
	}
	wireRecords, err := sdk.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
	if err != nil {
		t.Fatal(err)
	}
	// Iterators are fresh each call, so they differ; the records do not.
	if diff := cmp.Diff(directRecords.Records, wireRecords.Records, ignore); diff != "" {
		t.Errorf("GetRecords (-direct +wire):\n%s", diff)
	}
	if *wireRecords.MillisBehindLatest != *directRecords.MillisBehindLatest || wireRecords.NextShardIterator == nil {
		t.Errorf("GetRecords over the wire: %+v", wireRecords)
	}
}

// Errors cross the wire as the service sends them, and the SDK turns them
// back into its typed errors.
func TestSDKClientErrors(t *testing.T) {
	c, _ := newFake(t)
	sdk := c.SDKClient()
	_, err := sdk.DescribeStream(ctx, &kinesis.DescribeStreamInput{StreamName: aws.String("nope")})
	wantAPIError(t, err, "DescribeStream", "ResourceNotFoundException", "Stream nope under account 123456789012 not found.")
	_, err = sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("a b"), ShardCount: aws.Int32(0)})
	wantAPIError(t, err, "CreateStream", "ValidationException", "2 validation errors detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1; Value 'a b' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
	var rnf *types.ResourceNotFoundException
	_, err = sdk.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("nope"), ShardId: aws.String("0"), ShardIteratorType: types.ShardIteratorTypeLatest})
	if !errors.As(err, &rnf) {
		t.Errorf("errors.As(ResourceNotFoundException) on %v", err)
	}
}

// Every operation but SubscribeToShard, which the handler serves apart, is
// served over the wire, once.
func TestEveryOperationIsServed(t *testing.T) {
	sdk := operations(reflect.TypeFor[*kinesis.Client]())
	delete(sdk, "SubscribeToShard")
	if diff := cmp.Diff(slices.Sorted(maps.Keys(sdk)), wireOperationNames()); diff != "" {
		t.Errorf("operations served over the wire (-want +got):\n%s", diff)
	}
}

// Malformed requests get the service's answers (kinesalite's tests, made
// against it).
func TestHandlerRejectsMalformedRequests(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewServer(c.Handler())
	defer srv.Close()
	send := func(method, target, contentType, body string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL, strings.NewReader(body))
		if target != "" {
			req.Header.Set("X-Amz-Target", target)
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	tests := []struct {
		method, target, contentType, body string
		status                            int
		want                              string
	}{
		{"GET", "", "", "", 403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n"},
		{"POST", "Kinesis_20131202.ListStreams", "text/plain", "{}", 404, "<UnknownOperationException/>\n"},
		{"POST", "", "text/plain", "{}", 403, "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n"},
		{"POST", "Kinesis_20131202.Nope", jsonType, "{}", 400, `{"__type":"UnknownOperationException"}`},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, "{not json", 400, ""},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, `{"Limit":"ten"}`, 400, ""},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, `null`, 400, ""},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, `[]`, 400, ""},
		{"POST", "Kinesis_20131202.PutRecords", jsonType, `{"StreamName":"s","Records":[1,2]}`, 400, ""},
		{"POST", "Kinesis_20131202.CreateStream", jsonType, `{"StreamName":"u","ShardCount":1.5}`, 400, ""},
		{"POST", "Kinesis_20131202.SubscribeToShard", jsonType, `{"ConsumerARN":5}`, 400, ""},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, `{"Unknown":{"a":[1]},"Limit":5}`, 200, `{"HasMoreStreams":false,"StreamNames":[],"StreamSummaries":[]}`},
		{"POST", "Kinesis_20131202.PutRecord", jsonType, `{"StreamName":"s"}`, 400, `{"__type":"ValidationException","message":"1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null"}`},
		{"POST", "Kinesis_20131202.ListStreams", jsonType, `{}`, 200, `{"HasMoreStreams":false,"StreamNames":[],"StreamSummaries":[]}`},
	}
	for _, tt := range tests {
		status, body := send(tt.method, tt.target, tt.contentType, tt.body)
		if status != tt.status || (tt.want != "" && body != tt.want) {
			t.Errorf("%s %s %s %q: %d %s, want %d %s", tt.method, tt.target, tt.contentType, tt.body, status, body, tt.status, tt.want)
		}
		if tt.want == "" && !strings.Contains(body, "SerializationException") {
			t.Errorf("%q: %s, want a SerializationException", tt.body, body)
		}
	}
}

// SubscribeToShard through the real SDK client: the wire format, from the
// initial-response frame on, read by the SDK's own decoder.
func TestSubscribeToShardOverTheWire(t *testing.T) {
	c, clock := newFake(t)
	sdk := c.SDKClient()
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	put(t, c, "s", "k", "before")
	out, err := sdk.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	defer stream.Close()
	ev, ok := nextEvent(t, stream)
	if !ok || !cmp.Equal(eventData(ev), []string{"before"}) || ev.ContinuationSequenceNumber == nil {
		t.Fatalf("first event over the wire: %+v (ok %v, err %v)", ev, ok, stream.Err())
	}
	put(t, c, "s", "k", "live")
	if ev, ok := nextEvent(t, stream); !ok || !cmp.Equal(eventData(ev), []string{"live"}) {
		t.Fatalf("live event over the wire: %+v (ok %v)", ev, ok)
	}
	// A takeover ends this stream with an exception frame the SDK decodes.
	clock.Advance(resubscribeBackoff)
	other := subscribe(t, c, consumer, "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
	defer other.Close()
	if _, ok := nextEvent(t, stream); ok {
		t.Fatal("the old stream goes on after a takeover")
	}
	var inUse *types.ResourceInUseException
	if !errors.As(stream.Err(), &inUse) || !strings.HasPrefix(inUse.ErrorMessage(), "Another active subscription exists for this consumer") {
		t.Errorf("old stream ended with %v, want the ResourceInUseException", stream.Err())
	}

	// Errors before the stream starts are ordinary JSON errors.
	_, err = sdk.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	wantAPIError(t, err, "SubscribeToShard", "ResourceInUseException", "")
}

// Closing the SDK's stream ends the subscription and frees it (goleak
// checks the goroutines once the tests are done).
func TestClosingAWireSubscriptionFreesIt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, _ := newFake(t)
		createStream(t, c, "s", 1)
		consumer := register(t, c, "s", "app")
		out, err := c.SDKClient().SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
		if err != nil {
			t.Fatal(err)
		}
		out.GetStream().Close()
		synctest.Wait()
		c.mu.Lock()
		defer c.mu.Unlock()
		if n := len(c.streams["s"].shards[0].subs); n != 0 {
			t.Errorf("%d subscriptions left after the client closed its stream", n)
		}
	})
}

// Over a real HTTP/1.1 connection the handler flushes each event as it
// comes, and the subscription ends when the client hangs up.
func TestSubscribeToShardOverLoopback(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewServer(c.Handler())
	defer srv.Close()
	// HTTP/1.1, with the request body's WriteTo hidden, which spares the
	// stream the SDK's fault over HTTP/1.1 (see httpclient_test.go).
	client := &http.Client{Transport: readOnlyBodies{http.DefaultTransport}}
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1, HTTPClient: client})
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	out, err := sdk.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	for i := range 3 {
		put(t, c, "s", "k", fmt.Sprint(i))
		if ev, ok := nextEvent(t, stream); !ok || !cmp.Equal(eventData(ev), []string{fmt.Sprint(i)}) {
			t.Fatalf("event %d over loopback: %+v (ok %v, err %v)", i, ev, ok, stream.Err())
		}
	}
	stream.Close()
	srv.Close() // waits for the handler, which returns once the client has gone
	c.Close()   // waits for the subscription's goroutine
	c.mu.Lock()
	defer c.mu.Unlock()
	if n := len(c.streams["s"].shards[0].subs); n != 0 {
		t.Errorf("%d subscriptions left after the client hung up", n)
	}
}

// The same over HTTP/2 (unencrypted), which the service's SubscribeToShard
// uses.
func TestSubscribeToShardOverHTTP2(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewUnstartedServer(c.Handler())
	srv.Config.Protocols = new(http.Protocols)
	srv.Config.Protocols.SetUnencryptedHTTP2(true)
	srv.Start()
	defer srv.Close()
	h2 := new(http.Protocols)
	h2.SetUnencryptedHTTP2(true)
	transport := &http.Transport{Protocols: h2}
	defer transport.CloseIdleConnections()
	var proto string
	client := doFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := transport.RoundTrip(r)
		if err == nil {
			proto = resp.Proto
		}
		return resp, err
	})
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1, HTTPClient: client})
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	out, err := sdk.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: aws.String(consumer), ShardId: aws.String("shardId-000000000000"), StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	if err != nil {
		t.Fatal(err)
	}
	stream := out.GetStream()
	put(t, c, "s", "k", "over h2")
	if ev, ok := nextEvent(t, stream); !ok || !cmp.Equal(eventData(ev), []string{"over h2"}) {
		t.Fatalf("event over HTTP/2: %+v (ok %v, err %v)", ev, ok, stream.Err())
	}
	if proto != "HTTP/2.0" {
		t.Errorf("response protocol %q, want HTTP/2.0", proto)
	}
	stream.Close()
}
