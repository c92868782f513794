package kinesisfake

import (
	"context"
	"fmt"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// serve sends body to operation op through the handler, as a client would,
// and returns the response's status and body. A panic, which would drop the
// client's connection, comes back as status 0. The client hangs up once the
// status is written, so that a subscription answers and ends.
func serve(c *Client, op, body string) (status int, resp string) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req := httptest.NewRequestWithContext(ctx, "POST", "/", strings.NewReader(body))
	req.Header.Set("X-Amz-Target", targetPrefix+op)
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

// A number the service cannot hold in its member's type, a timestamp that is
// not finite or past what milliseconds in a Java long hold, or an integer
// that is fractional or past int32, is a body the service cannot read: a
// SerializationException, whichever member holds it.
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
	odd := []string{`"NaN"`, `"nan"`, `"Infinity"`, `"-Infinity"`, `NaN`, `Infinity`, `1e300`, `-1e300`, `"1"`}
	oddTimestamps := append(odd, `1e16`, `-1e16`, `9.3e15`)
	oddIntegers := append(odd, `18446744073709551616`, `2147483648`, `-2147483649`, `1.5`, `1e2`)
	check := func(op, body string) {
		t.Helper()
		status, resp := serve(c, op, body)
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
		_, resp := serve(c, "GetShardIterator", `{"StreamName":"s","ShardId":"shardId-000000000000","ShardIteratorType":"AT_TIMESTAMP","Timestamp":`+tt.seconds+`}`)
		want := "The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: " + tt.millis + ", "
		if !strings.Contains(resp, want) {
			t.Errorf("Timestamp %s: %s, want %q", tt.seconds, resp, want)
		}
	}
}

// A body past maxBody is refused, whether its length is declared or not; one
// of maxBody is read.
func TestHandlerRefusesBodiesPastMaxBody(t *testing.T) {
	c, _ := newFake(t)
	send := func(body io.Reader) int {
		req := httptest.NewRequest("POST", "/", body)
		req.Header.Set("X-Amz-Target", targetPrefix+"ListStreams")
		req.Header.Set("Content-Type", jsonType)
		w := httptest.NewRecorder()
		c.Handler().ServeHTTP(w, req)
		return w.Code
	}
	fits := "{" + strings.Repeat(" ", maxBody-2) + "}"
	for _, tt := range []struct {
		name   string
		body   io.Reader
		status int
	}{
		{"maxBody, declared", strings.NewReader(fits), 200},
		{"maxBody, undeclared", io.MultiReader(strings.NewReader(fits)), 200},
		{"maxBody+1, declared", strings.NewReader(fits + " "), 413},
		{"maxBody+1, undeclared", io.MultiReader(strings.NewReader(fits + " ")), 413},
	} {
		if status := send(tt.body); status != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, status, tt.status)
		}
	}
}
