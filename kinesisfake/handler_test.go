package kinesisfake

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/streamfake/kinesis/internal/recorded"
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
	wantAPIError(t, err, "DescribeStream", "ResourceNotFoundException", recorded.StreamNotFound("nope", "123456789012"))
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
	sdk := sdkOperations(reflect.TypeFor[*kinesis.Client]())
	delete(sdk, "SubscribeToShard")
	if diff := cmp.Diff(slices.Sorted(maps.Keys(sdk)), wireOperationNames()); diff != "" {
		t.Errorf("operations served over the wire (-want +got):\n%s", diff)
	}
}

// Requests the service cannot place get its answers, with its headers, as
// kinesalite's test/connection.js records them against the service (each
// row names the test it follows; those marked index.js follow kinesalite's
// code, written to pass those tests). Signatures are not checked, so the
// recorded authentication errors are left out, and a request that reaches an
// operation is served.
func TestHandlerRejectsMalformedRequests(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewServer(c.Handler())
	defer srv.Close()
	const (
		cborType     = "application/x-amz-cbor-1.1"
		accessDenied = "<AccessDeniedException>\n  <Message>Unable to determine service/operation name to be authorized</Message>\n</AccessDeniedException>\n"
		// assertUnknownCbor and assertSerializationCbor, byte for byte.
		unknownCBOR       = "\xbf\x66__type\x78\x19UnknownOperationException\xff"
		serializationCBOR = "\xbf\x66__type\x76SerializationException\xff"
		unknownOld        = `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException","message":null},"Version":"1.0"}`
		serializationOld  = `{"Output":{"__type":"com.amazon.coral.service#SerializationException","Message":null},"Version":"1.0"}`
		listStreams       = "Kinesis_20131202.ListStreams"
	)
	tests := []struct {
		test                              string // the recorded test followed
		method, target, contentType, body string
		status                            int
		wantType                          string // the answer's Content-Type, "" for none
		want                              string // "" for a SerializationException with a message
	}{
		{"CBOR UnknownOperationException if POST with no body", "POST", "", "", "", 400, cborType, unknownCBOR},
		{"AccessDeniedException if GET", "GET", "", "", "", 403, "", accessDenied},
		{"AccessDeniedException if PUT", "PUT", "", "", "", 403, "", accessDenied},
		{"AccessDeniedException if DELETE", "DELETE", "", "", "", 403, "", accessDenied},
		{"AccessDeniedException if body and no Content-Type", "POST", "", "", "{}", 403, "", accessDenied},
		{"CBOR UnknownOperationException if x-amz-json-1.0 Content-Type", "POST", "", "application/x-amz-json-1.0", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if random Content-Type", "POST", "", "application/x-amz-json-1.1asdf", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if random target", "POST", "Whatever", "", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if real service with empty action", "POST", "Kinesis_20131202.", "", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if random action", "POST", "Kinesis_20131202.Whatever", "", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if random service with random action", "POST", "Whatever.Whatever", "", "", 400, cborType, unknownCBOR},
		{"CBOR UnknownOperationException if incomplete action", "POST", "Kinesis_20131202.ListStream", "", "", 400, cborType, unknownCBOR},
		{"CBOR SerializationException if no Content-Type", "POST", listStreams, "", "", 400, cborType, serializationCBOR},
		{"CBOR SerializationException if no body, in CBOR (index.js)", "POST", listStreams, cborType, "", 400, cborType, serializationCBOR},
		{"UnknownOperationException if no target", "POST", "", jsonType, "", 400, jsonType, `{"__type":"UnknownOperationException"}`},
		{"CBOR UnknownOperationException if no target and application/json", "POST", "", "application/json", "", 400, cborType, unknownCBOR},
		{"CBOR SerializationException if valid target and application/json", "POST", listStreams, "application/json", "", 400, cborType, serializationCBOR},
		{"SerializationException if no body", "POST", listStreams, jsonType, "", 400, jsonType, `{"__type":"SerializationException"}`},
		{"SerializationException if non-JSON body", "POST", listStreams, jsonType, "hello", 400, jsonType, `{"__type":"SerializationException"}`},
		{"UnknownOperationException if valid target and body and application/json", "POST", listStreams, "application/json", "{}", 200, "application/json", unknownOld},
		{"SerializationException if non-JSON body and application/json", "POST", listStreams, "application/json", "hello", 200, "application/json", serializationOld},
		{"SerializationException if non-JSON body and application/json with spaces", "POST", listStreams, "     application/json     ;", "hello", 200, "application/json", serializationOld},
		// Recorded as MissingAuthenticationTokenException, unsigned: the
		// content type is read as JSON 1.1.
		{"MissingAuthenticationTokenException if no auth and content type with spaces", "POST", listStreams, "   application/x-amz-json-1.1   ;whatever", "{}", 200, jsonType, `{"HasMoreStreams":false,"StreamNames":[],"StreamSummaries":[]}`},
		// A target and a content type the service does not serve (index.js).
		{"index.js: UnknownOperationException in XML", "POST", listStreams, "text/plain", "{}", 404, "", "<UnknownOperationException/>\n"},
		{"index.js: AccessDeniedException with no operation", "POST", "", "text/plain", "{}", 403, "", accessDenied},
		{"index.js: UnknownOperationException in JSON", "POST", "Kinesis_20131202.Nope", jsonType, "{}", 400, jsonType, `{"__type":"UnknownOperationException"}`},
		{"index.js: UnknownOperationException in CBOR", "POST", "Kinesis_20131202.Nope", cborType, "\xa0", 400, cborType, unknownCBOR},
		// Bodies the service cannot read; the messages are the service's
		// where test/helpers.js records them.
		{"assertType: String", "POST", listStreams, jsonType, `{"ExclusiveStartStreamName":5}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`},
		{"assertType: Integer", "POST", listStreams, jsonType, `{"Limit":"ten"}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"class java.lang.String can not be converted to an Integer"}`},
		{"assertType: List", "POST", "Kinesis_20131202.PutRecords", jsonType, `{"StreamName":"s","Records":5}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"Expected list or null"}`},
		{"assertType: Structure", "POST", "Kinesis_20131202.PutRecords", jsonType, `{"StreamName":"s","Records":[1,2]}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"Expected null"}`},
		{"assertType: Blob", "POST", "Kinesis_20131202.PutRecord", jsonType, `{"Data":"=+/="}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"'=+/=' can not be converted to a Blob: Invalid Base64 character: '='"}`},
		{"assertType: Blob, last character", "POST", "Kinesis_20131202.PutRecord", jsonType, `{"Data":"+/+="}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"}`},
		{"validations/index.js: Timestamp", "POST", "Kinesis_20131202.GetShardIterator", jsonType, `{"Timestamp":true}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"class java.lang.Boolean can not be converted to milliseconds since epoch"}`},
		{"non-JSON body, null", "POST", listStreams, jsonType, `null`, 400, jsonType, `{"__type":"SerializationException"}`},
		{"non-JSON body, a list", "POST", listStreams, jsonType, `[]`, 400, jsonType, `{"__type":"SerializationException"}`},
		{"validations/index.js: a fraction for an integer, floored", "POST", listStreams, jsonType, `{"Limit":0.5}`, 400, jsonType,
			`{"__type":"ValidationException","message":"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"}`},
		{"not recorded: a number for SubscribeToShard's ARN", "POST", "Kinesis_20131202.SubscribeToShard", jsonType, `{"ConsumerARN":5}`, 400, jsonType,
			`{"__type":"SerializationException","Message":"class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}`},
		{"unknown members are skipped", "POST", listStreams, jsonType, `{"Unknown":{"a":[1]},"Limit":5}`, 200, jsonType, `{"HasMoreStreams":false,"StreamNames":[],"StreamSummaries":[]}`},
		{"a missing member", "POST", "Kinesis_20131202.PutRecord", jsonType, `{"StreamName":"s"}`, 400, jsonType, `{"__type":"ValidationException","message":"1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null"}`},
		{"served", "POST", listStreams, jsonType, `{}`, 200, jsonType, `{"HasMoreStreams":false,"StreamNames":[],"StreamSummaries":[]}`},
	}
	for _, tt := range tests {
		var body io.Reader
		if tt.body != "" {
			body = strings.NewReader(tt.body)
		}
		req, _ := http.NewRequest(tt.method, srv.URL, body)
		if tt.target != "" {
			req.Header.Set("X-Amz-Target", tt.target)
		}
		if tt.contentType != "" {
			req.Header.Set("Content-Type", tt.contentType)
		}
		resp, got := do(t, req)
		if resp.StatusCode != tt.status || resp.Header.Get("Content-Type") != tt.wantType || (tt.want != "" && got != tt.want) {
			t.Errorf("%s: %d %q %q, want %d %q %q", tt.test, resp.StatusCode, resp.Header.Get("Content-Type"), got, tt.status, tt.wantType, tt.want)
		}
		if tt.want == "" && !strings.Contains(got, `"Message":"`) {
			t.Errorf("%s: %s, want a SerializationException with a message", tt.test, got)
		}
		wantServiceHeaders(t, tt.test, resp, got)
	}
}

// do sends req and reads the whole answer.
func do(t *testing.T, req *http.Request) (*http.Response, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(b)
}

// wantServiceHeaders checks the headers every answer but a preflight carries
// (kinesalite's test/connection.js, assertBody): its length, a request ID,
// and an x-amz-id-2 of 64 to 80 bytes in base64.
func wantServiceHeaders(t *testing.T, name string, resp *http.Response, body string) {
	t.Helper()
	id2, err := base64.StdEncoding.DecodeString(resp.Header.Get("x-amz-id-2"))
	if resp.Header.Get("Content-Length") != strconv.Itoa(len(body)) || resp.Header.Get("x-amzn-RequestId") == "" || err != nil || len(id2) < 64 || len(id2) > 80 {
		t.Errorf("%s: headers %v", name, resp.Header)
	}
}

// CORS, as kinesalite's test/connection.js records it: a preflight gets 200
// and no body, allowing any origin and what it asks for, and no x-amz-id-2
// ("should set CORS if OPTIONS and Origin ..."); any other request with an
// Origin gets its answer with the headers a browser may read ("should
// return CBOR UnknownOperationException and set CORS if using Origin").
func TestHandlerCORS(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewServer(c.Handler())
	defer srv.Close()
	for _, tt := range []struct {
		name      string
		ask, want map[string]string
	}{
		{"OPTIONS and Origin", nil, nil},
		{"OPTIONS and Origin and Headers", map[string]string{"Access-Control-Request-Headers": "a, b, c"},
			map[string]string{"Access-Control-Allow-Headers": "a, b, c"}},
		{"OPTIONS and Origin and Headers and Method",
			map[string]string{"Access-Control-Request-Headers": "a, b, c", "Access-Control-Request-Method": "d"},
			map[string]string{"Access-Control-Allow-Headers": "a, b, c", "Access-Control-Allow-Methods": "d"}},
	} {
		req, _ := http.NewRequest("OPTIONS", srv.URL, nil)
		req.Header.Set("Origin", "whatever")
		for k, v := range tt.ask {
			req.Header.Set(k, v)
		}
		resp, body := do(t, req)
		h := resp.Header
		if resp.StatusCode != 200 || body != "" || h.Get("Content-Length") != "0" || h.Get("Access-Control-Allow-Origin") != "*" ||
			h.Get("Access-Control-Max-Age") != "172800" || h.Get("x-amzn-RequestId") == "" || h.Get("x-amz-id-2") != "" || h.Get("Content-Type") != "" {
			t.Errorf("%s: %d %q %v", tt.name, resp.StatusCode, body, h)
		}
		for k, v := range tt.want {
			if h.Get(k) != v {
				t.Errorf("%s: %s %q, want %q", tt.name, k, h.Get(k), v)
			}
		}
	}
	// With an Origin, a browser reads the answer through the exposed headers.
	req, _ := http.NewRequest("POST", srv.URL, strings.NewReader("{}"))
	req.Header.Set("Origin", "whatever")
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.ListStreams")
	req.Header.Set("Content-Type", jsonType)
	resp, body := do(t, req)
	if resp.StatusCode != 200 || resp.Header.Get("Access-Control-Allow-Origin") != "*" ||
		resp.Header.Get("Access-Control-Expose-Headers") != "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date" {
		t.Errorf("ListStreams with an Origin: %d %v", resp.StatusCode, resp.Header)
	}
	wantServiceHeaders(t, "ListStreams with an Origin", resp, body)
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

// Operations without output answer 200 with an empty body, as the API
// reference says ("an HTTP 200 response with an empty HTTP body"), and the
// SDK's client takes that over a socket as through SDKClient.
func TestEmptyOutputsOverLoopback(t *testing.T) {
	c, _ := newFake(t)
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = c.Server()
	srv.Start()
	defer srv.Close()
	for name, sdk := range map[string]*kinesis.Client{
		"loopback":  kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: aws.AnonymousCredentials{}, RetryMaxAttempts: 1, HTTPClient: HTTPClient()}),
		"SDKClient": c.SDKClient(),
	} {
		stream := aws.String("s-" + name)
		if _, err := sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: stream, ShardCount: aws.Int32(1)}); err != nil {
			t.Errorf("%s: CreateStream: %v", name, err)
		}
		if _, err := sdk.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: stream, Tags: map[string]string{"a": "b"}}); err != nil {
			t.Errorf("%s: AddTagsToStream: %v", name, err)
		}
		if _, err := sdk.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: stream}); err != nil {
			t.Errorf("%s: DeleteStream: %v", name, err)
		}
	}
}
