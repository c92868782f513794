package kinesisfake

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	smithyes "github.com/aws/smithy-go/eventstream"
	"github.com/fxamacker/cbor/v2"

	"github.com/streamfake/kinesis/internal/recorded"
)

// postCBOR sends body to op through h as the Java SDK does.
func postCBOR(t *testing.T, h http.Handler, op string, body []byte) (int, string, []byte) {
	t.Helper()
	req := httptest.NewRequest("POST", "/", bytes.NewReader(body))
	req.Header.Set("X-Amz-Target", "Kinesis_20131202."+op)
	req.Header.Set("Content-Type", cborType)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w.Code, w.Header().Get("Content-Type"), w.Body.Bytes()
}

// cborHex is CBOR written out by hand: hex digits, with text strings in
// quotes after their heads, and spaces between items.
func cborHex(t *testing.T, parts ...string) []byte {
	t.Helper()
	var b []byte
	for _, p := range parts {
		if s, ok := strings.CutPrefix(p, `"`); ok {
			b = append(b, strings.TrimSuffix(s, `"`)...)
			continue
		}
		h, err := hex.DecodeString(strings.ReplaceAll(p, " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		b = append(b, h...)
	}
	return b
}

// A PutRecord, GetShardIterator and GetRecords in the bytes the Java SDK
// sends, and the answers in the form it reads: maps of indefinite length,
// blobs as byte strings, timestamps as tag 1 over epoch milliseconds.
func TestCBORAsTheJavaSDKWritesIt(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "test", 1)
	h := c.Handler()

	// The PutRecord body the Java SDK v2 sent, as localstack's tests record
	// it (test_json_cbor_blob_parsing): a map of indefinite length (bf ... ff)
	// and the data as a byte string (4d: 13 bytes).
	status, contentType, resp := postCBOR(t, h, "PutRecord", cborHex(t,
		"bf", "6a", `"StreamName"`, "64", `"test"`, "64", `"Data"`, "4d", `"hello, world!"`,
		"6c", `"PartitionKey"`, "6c", `"partitionkey"`, "ff"))
	var put map[string]any
	if err := cbor.Unmarshal(resp, &put); status != 200 || contentType != cborType || err != nil || put["ShardId"] != "shardId-000000000000" {
		t.Fatalf("PutRecord: %d %s %x (%v)", status, contentType, resp, err)
	}

	// GetShardIterator AT_TIMESTAMP with the timestamp as the Java SDK
	// writes it, tag 1 (c1) over milliseconds (1b: 8 bytes), as captured
	// off the wire in floci#2368; here 2026-11-26T09:00:00Z, the fake's
	// clock. A long text string comes in chunks, as Jackson writes one
	// (7f ... ff).
	status, _, resp = postCBOR(t, h, "GetShardIterator", cborHex(t,
		"bf", "6a", `"StreamName"`, "7f", "62", `"te"`, "62", `"st"`, "ff",
		"67", `"ShardId"`, "74", `"shardId-000000000000"`,
		"71", `"ShardIteratorType"`, "6c", `"AT_TIMESTAMP"`,
		"69", `"Timestamp"`, "c1 1b 000001a217154680", "ff"))
	var it map[string]any
	if err := cbor.Unmarshal(resp, &it); status != 200 || err != nil || it["ShardIterator"] == nil {
		t.Fatalf("GetShardIterator: %d %x (%v)", status, resp, err)
	}
	iterator := it["ShardIterator"].(string)

	status, _, resp = postCBOR(t, h, "GetRecords", cborHex(t,
		"bf", "6d", `"ShardIterator"`, fmt.Sprintf("78 %02x", len(iterator)), `"`+iterator+`"`, "ff"))
	if status != 200 || resp[0] != 0xbf || resp[len(resp)-1] != 0xff {
		t.Fatalf("GetRecords: %d %x", status, resp)
	}
	for name, want := range map[string][]byte{
		"data as a byte string":         cborHex(t, "64", `"Data"`, "4d", `"hello, world!"`),
		"arrival as tag 1 over ms":      cborHex(t, "78 1b", `"ApproximateArrivalTimestamp"`, "c1 1b 000001a217154680"),
		"records as an indefinite list": cborHex(t, "67", `"Records"`, "9f bf"),
	} {
		if !bytes.Contains(resp, want) {
			t.Errorf("GetRecords answer %x has no %s (%x)", resp, name, want)
		}
	}
}

// Errors in CBOR: the service's type and message in a map of indefinite
// length, a SerializationException's message under "Message".
func TestCBORErrors(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "test", 1)
	h := c.Handler()
	for _, tt := range []struct {
		name, op string
		body     []byte
		want     map[string]string
	}{
		{"an unknown stream", "DescribeStream", cborHex(t, "bf", "6a", `"StreamName"`, "64", `"nope"`, "ff"),
			map[string]string{"__type": "ResourceNotFoundException", "message": recorded.StreamNotFound("nope", "123456789012")}},
		{"a missing member", "PutRecord", cborHex(t, "bf", "6a", `"StreamName"`, "64", `"test"`, "6c", `"PartitionKey"`, "61", `"k"`, "ff"),
			map[string]string{"__type": "ValidationException", "message": "1 validation error detected: Value null at 'data' failed to satisfy constraint: Member must not be null"}},
		// The service's words for a number where a string belongs, in JSON
		// (kinesalite's test/helpers.js, assertType).
		{"a number for a string", "DescribeStream", cborHex(t, "bf", "6a", `"StreamName"`, "01", "ff"),
			map[string]string{"__type": "SerializationException", "Message": "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String"}},
		{"a list for a string", "DescribeStream", cborHex(t, "bf", "6a", `"StreamName"`, "80", "ff"),
			map[string]string{"__type": "SerializationException", "Message": "Start of list found where not expected"}},
		{"a map for a list", "PutRecords", cborHex(t, "bf", "6a", `"StreamName"`, "64", `"test"`, "67", `"Records"`, "a0", "ff"),
			map[string]string{"__type": "SerializationException", "Message": "Start of structure or map found where not expected."}},
		{"a string for an integer", "CreateStream", cborHex(t, "bf", "6a", `"StreamName"`, "61", `"u"`, "6a", `"ShardCount"`, "61", `"1"`, "ff"),
			map[string]string{"__type": "SerializationException", "Message": "class java.lang.String can not be converted to an Integer"}},
		{"a byte string for a string", "DescribeStream", cborHex(t, "bf", "6a", `"StreamName"`, "41 00", "ff"),
			map[string]string{"__type": "SerializationException", "Message": "kinesisfake: cannot read a byte string as StreamName"}},
		{"a text blob that is not base64", "PutRecord", cborHex(t, "bf", "6a", `"StreamName"`, "64", `"test"`, "64", `"Data"`, "65", `"23456"`, "ff"),
			map[string]string{"__type": "SerializationException", "Message": "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"}},
		{"a timestamp past a Java long of milliseconds", "GetShardIterator", cborHex(t, "bf", "69", `"Timestamp"`, "c1 fb 7ff0000000000000", "ff"),
			map[string]string{"__type": "SerializationException", "Message": "timestamp +Inf out of range"}},
	} {
		status, contentType, resp := postCBOR(t, h, tt.op, tt.body)
		var got map[string]string
		err := cbor.Unmarshal(resp, &got)
		if status != 400 || contentType != cborType || err != nil || resp[0] != 0xbf || resp[len(resp)-1] != 0xff || fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: %d %s %x %v, want 400 %v", tt.name, status, contentType, resp, got, tt.want)
		}
	}
	// A body that is not CBOR: the service's bytes exactly (kinesalite's
	// test/connection.js, assertSerializationCbor).
	status, _, resp := postCBOR(t, h, "ListStreams", cborHex(t, "bf", "6a", `"StreamName"`))
	if want := cborHex(t, "bf 66", `"__type"`, "76", `"SerializationException"`, "ff"); status != 400 || !bytes.Equal(resp, want) {
		t.Errorf("a truncated body: %d %x, want 400 %x", status, resp, want)
	}
}

// An operation without output answers 200 with an empty body in CBOR too.
func TestCBOREmptyOutput(t *testing.T) {
	c, _ := newFake(t)
	status, contentType, resp := postCBOR(t, c.Handler(), "CreateStream", cborHex(t,
		"bf", "6a", `"StreamName"`, "61", `"s"`, "6a", `"ShardCount"`, "01", "ff"))
	if status != 200 || contentType != cborType || len(resp) != 0 {
		t.Errorf("CreateStream: %d %s %x, want 200 and no body", status, contentType, resp)
	}
	if _, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")}); err != nil {
		t.Error(err)
	}
}

// SubscribeToShard asked in CBOR answers in CBOR to the end: the request as
// the Java SDK writes it (its StartingPosition a nested map of indefinite
// length), then event-stream messages whose payloads are CBOR.
func TestCBORSubscribeToShard(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	put(t, c, "s", "k", "before")
	srv := httptest.NewServer(c.Handler())
	defer srv.Close()
	req, _ := http.NewRequest("POST", srv.URL, bytes.NewReader(cborHex(t,
		"bf", "6b", `"ConsumerARN"`, fmt.Sprintf("78 %02x", len(consumer)), `"`+consumer+`"`,
		"67", `"ShardId"`, "74", `"shardId-000000000000"`,
		"70", `"StartingPosition"`, "bf", "64", `"Type"`, "6c", `"TRIM_HORIZON"`, "ff", "ff")))
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
	req.Header.Set("Content-Type", cborType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	frames := smithyes.NewDecoder()
	for _, want := range []struct {
		eventType string
		payload   []byte
	}{
		{"initial-response", cborHex(t, "bf ff")},
		{"SubscribeToShardEvent", cborHex(t, "64", `"Data"`, "46", `"before"`)},
	} {
		msg, err := frames.Decode(resp.Body, nil)
		if err != nil {
			t.Fatal(err)
		}
		eventType, contentType := msg.Headers.Get(smithyes.EventTypeHeader), msg.Headers.Get(smithyes.ContentTypeHeader)
		if eventType == nil || eventType.String() != want.eventType || contentType == nil || contentType.String() != cborType || !bytes.Contains(msg.Payload, want.payload) {
			t.Errorf("message %v %x, want %s in CBOR with %x", msg.Headers, msg.Payload, want.eventType, want.payload)
		}
	}
}

// Lists of definite length, as other CBOR writers than the Java SDK's write
// them, are read as JSON's are: one past PutRecords' maximum of 500 gets the
// same ValidationException in both formats.
func TestCBORDefiniteLengths(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	h := c.Handler()
	entry := cborHex(t, "a2", "64", `"Data"`, "41 00", "6c", `"PartitionKey"`, "61", `"k"`)
	for _, n := range []int{2, 501} {
		body := cborHex(t, "a2", "6a", `"StreamName"`, "61", `"s"`, "67", `"Records"`, fmt.Sprintf("99 %04x", n))
		jsonBody := `{"StreamName":"s","Records":[` + strings.TrimSuffix(strings.Repeat(`{"Data":"AA==","PartitionKey":"k"},`, n), ",") + `]}`
		for range n {
			body = append(body, entry...)
		}
		status, _, resp := postCBOR(t, h, "PutRecords", body)
		var got map[string]any
		if err := cbor.Unmarshal(resp, &got); err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("POST", "/", strings.NewReader(jsonBody))
		req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecords")
		req.Header.Set("Content-Type", jsonType)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if n == 2 && (status != 200 || got["FailedRecordCount"] != uint64(0)) {
			t.Errorf("%d records: %d %v", n, status, got)
		}
		if n == 501 && (status != 400 || w.Code != 400 || !strings.Contains(w.Body.String(), fmt.Sprint(got["message"]))) {
			t.Errorf("%d records: CBOR %d %v, JSON %d %s", n, status, got, w.Code, w.Body)
		}
	}
}
