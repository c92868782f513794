package kinesisfake

import (
	"maps"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// Whatever a client sends, the handler answers: a result or an error, never
// a panic.
func FuzzHandler(f *testing.F) {
	names := slices.Sorted(maps.Keys(wireOperations))
	names = append(names, "SubscribeToShard")
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
	f.Fuzz(func(t *testing.T, op uint8, body string) {
		c := New(WithClock(NewFakeClock(epoch)))
		defer c.Close()
		createStream(t, c, "s", 2)
		name := names[int(op)%len(names)]
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("X-Amz-Target", targetPrefix+name)
		req.Header.Set("Content-Type", jsonType)
		w := httptest.NewRecorder()
		c.Handler().ServeHTTP(w, req)
		if w.Code != 200 && w.Code != 400 && w.Code != 500 {
			t.Fatalf("%s %q: status %d", name, body, w.Code)
		}
	})
}
