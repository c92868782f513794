package kinesisfake

import (
	"context"
	"fmt"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"
)

// send sends body to operation op through the handler, as a client would,
// and returns the response's status and body. A panic, which would drop the
// client's connection, comes back as status 0. The client hangs up once the
// status is written, so that a subscription answers and ends.
func send(c *Client, op, body string) (status int, resp string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/", strings.NewReader(body))
	req.Header.Set("X-Amz-Target", target+op)
	req.Header.Set("Content-Type", jsonType)
	w := hangUpAfterStatus{httptest.NewRecorder(), cancel}
	defer func() {
		if p := recover(); p != nil {
			status, resp = 0, fmt.Sprint("panic: ", p)
		}
	}()
	c.Handler().ServeHTTP(w, req)
	return w.Code, w.Body.String()
}

// hangUpAfterStatus is a client that goes away once it has the response's status.
type hangUpAfterStatus struct {
	*httptest.ResponseRecorder
	cancel context.CancelFunc
}

func (w hangUpAfterStatus) WriteHeader(status int) {
	w.ResponseRecorder.WriteHeader(status)
	w.cancel()
}

// A timestamp that is not finite or is past what milliseconds in a Java long
// hold, or an integer that is not a number, is a body the fake does not
// read: a SerializationException, whichever member holds it. An integer past
// int32 or fractional is a number, which the service reads
// (TestHandlerReadsIntegersAsTheServiceDoes): kinesalite's createStream
// tests record it taking a ShardCount of 100000000000 without complaint.
func TestHandlerRejectsOddNumbers(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumer := register(t, c, "s", "app")
	const arn = "arn:aws:kinesis:us-east-1:123456789012:stream/s"
	timestamps := []struct{ op, body string }{ // %s is where the number goes
		{"GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":%s}`},
		{"ListShards", `{"StreamName":"s","ShardFilter":{"Type":"AT_TIMESTAMP","Timestamp":%s}}`},
		{"ListShards", `{"StreamName":"s","StreamCreationTimestamp":%s}`},
		{"ListStreamConsumers", `{"StreamARN":"` + arn + `","StreamCreationTimestamp":%s}`},
		{"ListChannels", `{"StreamFilter":[{"StreamARN":"` + arn + `","StreamCreationTimestamp":%s}]}`},
		{"SubscribeToShard", `{"ConsumerARN":"` + consumer + `","ShardId":"shardId-000000000000","StartingPosition":{"Type":"AT_TIMESTAMP","Timestamp":%s}}`},
	}
	integers := []struct{ op, body string }{
		{"CreateStream", `{"StreamName":"n","ShardCount":%s}`},
		{"ListShards", `{"StreamName":"s","MaxResults":%s}`},
		{"ListStreams", `{"Limit":%s}`},
		{"UpdateShardCount", `{"StreamName":"s","TargetShardCount":%s,"ScalingType":"UNIFORM_SCALING"}`},
		{"CreateChannel", `{"ChannelName":"c","S3DestinationConfiguration":{"DataFreshnessInSeconds":%s}}`},
	}
	oddIntegers := []string{`"NaN"`, `"nan"`, `"Infinity"`, `"-Infinity"`, `NaN`, `Infinity`, `"1"`}
	oddTimestamps := append(oddIntegers, `1e300`, `-1e300`, `1e16`, `-1e16`, `9.3e15`)
	check := func(op, body string) {
		t.Helper()
		status, resp := send(c, op, body)
		if status != 400 || !strings.HasPrefix(resp, `{"__type":"SerializationException"`) {
			t.Errorf("%s %s: %d %s, want 400 SerializationException", op, body, status, resp)
		}
	}
	for _, m := range timestamps {
		for _, v := range oddTimestamps {
			check(m.op, fmt.Sprintf(m.body, v))
		}
	}
	for _, m := range integers {
		for _, v := range oddIntegers {
			check(m.op, fmt.Sprintf(m.body, v))
		}
	}
}

// A timestamp is read as the service reads it, into milliseconds in a Java
// long, well past the years Go's nanoseconds in an int64 hold.
func TestHandlerReadsFarTimestamps(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	for _, tt := range []struct{ seconds, millis string }{
		{"1e12", "1000000000000000"}, // milliseconds sent for seconds
		{"9.2e15", "9200000000000000000"},
		{"1e10", "10000000000000"}, // 2286, past time.Unix(0, ns)'s 2262
	} {
		_, resp := send(c, "GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":`+tt.seconds+`}`)
		want := "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: " + tt.millis + ", "
		if !strings.Contains(resp, want) {
			t.Errorf("Timestamp %s: %s, want %q", tt.seconds, resp, want)
		}
	}
}

// allocated returns the bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// records is a PutRecords body of n empty entries.
func records(n int) string {
	return `{"StreamName":"s","Records":[` + strings.Repeat(`{},`, n-1) + `{}]}`
}

// smallMultiple bounds what a request may allocate, in multiples of its
// size: the body is read into a buffer that grows to twice its size (four
// times under the race detector, which allocates each growth twice), and
// little is kept past that.
const smallMultiple = 8

// A list is not kept past its maximum: two million entries get the answer
// 501 get, for a small multiple of the request's size (issue 17: eleven
// million took the fake to 4 GB).
func TestHandlerListsPastTheirMaximum(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	_, want := send(c, "PutRecords", records(501))
	body := records(2_000_000)
	var status int
	var got string
	n := allocated(func() { status, got = send(c, "PutRecords", body) })
	if status != 400 || got != want {
		t.Errorf("2,000,000 entries: %d %.300s, want the answer to 501: %.300s", status, got, want)
	}
	if n > 200<<20 || n > smallMultiple*uint64(len(body)) {
		t.Errorf("2,000,000 entries (%d MB) allocated %d MB", len(body)>>20, n>>20)
	}
	t.Logf("2,000,000 entries (%.1f MB) allocated %.1f MB in all", float64(len(body))/1e6, float64(n)/1e6)
}

// No request costs more than a small multiple of its size, whatever its
// shape: maps and lists of strings past their maximum, deep nesting.
func TestHandlerCostsASmallMultipleOfTheBody(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	var tags strings.Builder
	tags.WriteString(`{"StreamName":"s","Tags":{`)
	for i := range 1_000_000 {
		fmt.Fprintf(&tags, `"k%d":"v",`, i)
	}
	tags.WriteString(`"k":"v"}}`)
	for _, tt := range []struct{ name, op, body, want string }{
		{"a million tags", "AddTagsToStream", tags.String(), "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 200"},
		{"two million tag keys", "RemoveTagsFromStream", `{"StreamName":"s","TagKeys":[` + strings.Repeat(`"k",`, 2_000_000) + `"k"]}`,
			"at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"},
		{"nesting a million deep", "ListStreams", `{"Unknown":` + strings.Repeat("[", 1_000_000) + strings.Repeat("]", 1_000_000) + `}`,
			`{"__type":"SerializationException"`},
	} {
		var status int
		var got string
		n := allocated(func() { status, got = send(c, tt.op, tt.body) })
		if status != 400 || !strings.Contains(got, tt.want) {
			t.Errorf("%s: %d %.300s, want %s", tt.name, status, got, tt.want)
		}
		if n > smallMultiple*uint64(len(tt.body)) {
			t.Errorf("%s (%d MB) allocated %d MB", tt.name, len(tt.body)>>20, n>>20)
		}
	}
}

// What is skipped past a maximum is still read: a malformed element there is
// a SerializationException, as it is anywhere.
func TestHandlerReadsWhatItSkips(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	entries := strings.Repeat(`{"PartitionKey":"k","Data":"eA=="},`, 600)
	const filter = `{"StreamARN":"arn:aws:kinesis:us-east-1:123456789012:stream/s","StreamCreationTimestamp":1}`
	for _, tt := range []struct{ op, body string }{
		{"PutRecords", `{"StreamName":"s","Records":[` + entries + `{"PartitionKey":"k","Data":"x"}]}`},
		{"PutRecords", `{"StreamName":"s","Records":[` + entries + `{"PartitionKey":5}]}`},
		{"ListChannels", `{"StreamFilter":[` + strings.Repeat(filter+",", 10_001) + `{"StreamCreationTimestamp":"NaN"}]}`},
		{"RemoveTagsFromStream", `{"StreamName":"s","TagKeys":[` + strings.Repeat(`"k",`, 60) + `true]}`},
		{"AddTagsToStream", `{"StreamName":"s","Tags":{` + strings.Repeat(`"k":"v",`, 300) + `"x":1}}`},
	} {
		status, resp := send(c, tt.op, tt.body)
		if status != 400 || !strings.HasPrefix(resp, `{"__type":"SerializationException"`) {
			t.Errorf("%s %.60s...%.60s: %d %s, want a SerializationException", tt.op, tt.body, tt.body[len(tt.body)-60:], status, resp)
		}
	}
}

// A map keeps its distinct keys, not its entries: a key sent again replaces
// its value, and is not counted again.
func TestHandlerMapsCountDistinctKeys(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	var b strings.Builder
	b.WriteString(`{"StreamName":"s","Tags":{`)
	for i := range 40 {
		fmt.Fprintf(&b, `"k%d":"first",`, i)
	}
	for range 300 {
		b.WriteString(`"k0":"again",`)
	}
	for i := 40; i < 50; i++ {
		fmt.Fprintf(&b, `"k%d":"last",`, i)
	}
	b.WriteString(`"k0":"last"}}`)
	if status, resp := send(c, "AddTagsToStream", b.String()); status != 200 {
		t.Fatalf("AddTagsToStream of 50 keys in 351 entries: %d %s", status, resp)
	}
	out, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tags) != 50 || *out.Tags[0].Key != "k0" || *out.Tags[0].Value != "last" {
		t.Errorf("tags: %d, first %s=%s; want 50, k0=last", len(out.Tags), *out.Tags[0].Key, *out.Tags[0].Value)
	}
}

// Every list and map in an input has its shape, named after the model's,
// declared with a member of its operation, so that none is kept past its
// maximum; a shape declared twice has one maximum.
func TestEveryInputCollectionHasItsShape(t *testing.T) {
	maxLen := collectionMaxLen()
	declared := map[string]int64{}
	for _, op := range operations {
		for _, sh := range op.collections() {
			if sh.model == "" {
				t.Errorf("%s: a list or map shape of its input has no model name: declare it with shape.of", op.name())
			}
			if n, ok := declared[sh.model]; ok && n != sh.maxLen {
				t.Errorf("%s: %s is declared with %d elements at most, and %d elsewhere", op.name(), sh.model, sh.maxLen, n)
			}
			declared[sh.model] = sh.maxLen
		}
	}
	seen := map[*smithy.Schema]bool{}
	var walk func(path string, s *smithy.Schema)
	walk = func(path string, s *smithy.Schema) {
		if seen[s] {
			return
		}
		seen[s] = true
		if typ := s.Type(); typ == smithy.ShapeTypeList || typ == smithy.ShapeTypeMap {
			if _, ok := maxLen(s.TargetID().Name); !ok {
				t.Errorf("%s: %s has no shape declared with a member of its operation", path, s.TargetID().Name)
			}
		}
		for name, m := range s.Members() {
			walk(path+"."+name, m)
		}
	}
	for _, op := range New().wireOperations() {
		walk(op.Name(), op.Schema.Input)
	}
	walk("SubscribeToShard", schemas.SubscribeToShardInput)
}
