package kinesisfake

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/smithy-go"
)

// Whatever a client sends, the handler answers: a result or an error, never
// a panic. An op of 128 or more sends the body as CBOR.
func FuzzHandler(f *testing.F) {
	names := append(wireOperationNames(), "SubscribeToShard")
	for i, body := range []string{
		`{}`, `{"StreamName":"s","ShardCount":1}`, `{"StreamName":"s","Records":[{"Data":"AA==","PartitionKey":"k"}]}`,
		`{"ShardIterator":"AQAAAAAAAAAB"}`, `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","ConsumerName":"c"}`,
		`{"ConsumerARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1","ShardId":"0","StartingPosition":{"Type":"LATEST"}}`,
		`{"Tags":{"a":"b"},"StreamName":"s"}`, `{"ShardFilter":{"Type":"AT_TIMESTAMP","Timestamp":1.7e9},"StreamName":"s"}`,
		`{"ChannelName":"c","StreamConfigurationList":[{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s"}]}`,
		`null`, `[]`, `{"Limit":-1}`, `{"StreamName":"s","NewStartingHashKey":"1","ShardToSplit":"0"}`,
	} {
		f.Add(uint8(i*7), body)
	}
	// Numbers the service cannot hold, each sent to an operation with a
	// member of its type, and lists and maps past their maximum.
	for _, seed := range []struct{ op, body string }{
		{"GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":"NaN"}`},
		{"ListShards", `{"StreamName":"s","ShardFilter":{"Type":"AT_TIMESTAMP","Timestamp":"Infinity"}}`},
		{"ListShards", `{"StreamName":"s","StreamCreationTimestamp":"-Infinity"}`},
		{"ListStreamConsumers", `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","StreamCreationTimestamp":1e300}`},
		{"SubscribeToShard", `{"ConsumerARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1","ShardId":"0","StartingPosition":{"Type":"AT_TIMESTAMP","Timestamp":-1e16}}`},
		{"CreateStream", `{"StreamName":"n","ShardCount":18446744073709551616}`},
		{"ListStreams", `{"Limit":"NaN"}`},
		{"GetRecords", `{"ShardIterator":"AQAAAAAAAAAB","Limit":1e300}`},
		{"RemoveTagsFromStream", `{"StreamName":"s","TagKeys":[` + strings.Repeat(`"k",`, 51) + `"k"]}`},
		{"AddTagsToStream", `{"StreamName":"s","Tags":{` + strings.Repeat(`"a":"1",`, 300) + `"b":"2"}}`},
	} {
		f.Add(uint8(slices.Index(names, seed.op)), seed.body)
	}
	// CBOR as the Java SDK writes it: maps of indefinite length, a blob as a
	// byte string, a timestamp as tag 1 over milliseconds, a text string in
	// chunks; and a truncated body.
	for _, seed := range []struct{ op, body string }{
		{"PutRecord", "\xbf\x6aStreamName\x61s\x64Data\x41\x00\x6cPartitionKey\x61k\xff"},
		{"GetShardIterator", "\xbf\x6aStreamName\x7f\x61s\xff\x67ShardId\x610\x71ShardIteratorType\x6cAT_TIMESTAMP\x69Timestamp\xc1\x1b\x00\x00\x01\xa2\x17\x15\x46\x80\xff"},
		{"PutRecords", "\xbf\x6aStreamName\x61s\x67Records\x9f\xbf\x64Data\x40\x6cPartitionKey\x61k\xff\xff\xff"},
		{"ListStreams", "\xbf\x65Limit"},
	} {
		f.Add(uint8(0x80|slices.Index(names, seed.op)), seed.body)
	}
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		c := New(WithClock(NewFakeClock(epoch)))
		defer c.Close()
		createStream(t, c, "s", 2)
		name := names[int(op&0x7f)%len(names)]
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", target+name)
		req.Header.Set("Content-Type", jsonType)
		if op >= 0x80 {
			req.Header.Set("Content-Type", cborType)
		}
		w := httptest.NewRecorder()
		c.Handler().ServeHTTP(w, req)
		if w.Code != 200 && w.Code != 400 && w.Code != 500 {
			t.Fatalf("%s %q: status %d", name, body, w.Code)
		}
	})
}

// Whatever input a direct call gets, it returns a result or one of the
// errors the SDK client returns (the SDK's missing-member check, or a typed
// service error), never a panic or an untyped error; and whatever the call
// changed is in the fake's store when it returns.
func FuzzOperations(f *testing.F) {
	var operations []reflect.Method // every method of API but Options
	api := reflect.TypeFor[API]()
	for i := range api.NumMethod() {
		if m := api.Method(i); m.Type.NumIn() == 3 {
			operations = append(operations, m)
		}
	}
	for i, body := range []string{
		`{}`, `{"StreamName":"s","ShardCount":1}`, `{"StreamName":"s","Records":[{"Data":"AA==","PartitionKey":"k"}]}`,
		`{"StreamName":"s","ShardId":"shardId-000000000001","ShardIteratorType":"AT_SEQUENCE_NUMBER","StartingSequenceNumber":"1"}`,
		`{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","ConsumerName":"c"}`,
		`{"StreamName":"s","Tags":{"a":"b"}}`, `{"StreamName":"s","TargetShardCount":4,"ScalingType":"UNIFORM_SCALING"}`,
		`{"StreamName":"s","ShardToMerge":"0","AdjacentShardToMerge":"1"}`, `{"StreamName":"s","RetentionPeriodHours":23}`,
		`{"StreamName":"s","Limit":0}`, `{"StreamName":"s","ShardFilter":{"Type":"AFTER_SHARD_ID"}}`,
	} {
		f.Add(uint8(i*11), body)
	}
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		method := operations[int(op)%len(operations)]
		in := reflect.New(method.Type.In(1).Elem())
		if json.Unmarshal([]byte(body), in.Interface()) != nil {
			return
		}
		// On a store, which must have whatever the call did.
		store := newMemStore()
		c, err := Open(store, WithClock(NewFakeClock(epoch)))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		defer checkReopens(t, store, c, WithClock(NewFakeClock(epoch)))
		createStream(t, c, "s", 2)
		results := reflect.ValueOf(c).MethodByName(method.Name).Call([]reflect.Value{reflect.ValueOf(ctx), in})
		if err, _ := results[1].Interface().(error); err != nil {
			var apiErr smithy.APIError
			var params smithy.InvalidParamsError
			if !errors.As(err, &apiErr) && !errors.As(err, &params) {
				t.Fatalf("%s %s: untyped error %v", method.Name, body, err)
			}
			return
		}
		if results[0].IsNil() {
			t.Fatalf("%s %s: no output and no error", method.Name, body)
		}
		if out, ok := results[0].Interface().(*kinesis.SubscribeToShardOutput); ok {
			out.GetStream().Close()
		}
	})
}
