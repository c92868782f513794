package arn_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/arn"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

const (
	streamARN   = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"
	consumerARN = streamARN + "/consumer/billing:1700000000"
)

var (
	orders  = arn.Stream{Partition: "aws", Region: "us-east-1", AccountID: "123456789012", Name: "orders"}
	billing = arn.Consumer{Stream: orders, Name: "billing", CreationTime: time.Unix(1700000000, 0).UTC()}

	longName = strings.Repeat("n", 128)
)

func TestParseStreamValid(t *testing.T) {
	tests := []struct {
		in   string
		want arn.Stream
	}{
		{streamARN, orders},
		{"arn:aws-cn:kinesis:cn-north-1:000000000000:stream/s", arn.Stream{Partition: "aws-cn", Region: "cn-north-1", AccountID: "000000000000", Name: "s"}},
		{"arn:aws-us-gov:kinesis:us-gov-west-1:123456789012:stream/a-Z_0.9", arn.Stream{Partition: "aws-us-gov", Region: "us-gov-west-1", AccountID: "123456789012", Name: "a-Z_0.9"}},
		{"arn:aws:kinesis:us-east-1:123456789012:stream/" + longName, arn.Stream{Partition: "aws", Region: "us-east-1", AccountID: "123456789012", Name: longName}},
	}
	for _, tt := range tests {
		got, err := arn.ParseStream(tt.in)
		if err != nil {
			t.Errorf("ParseStream(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseStream(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseConsumerValid(t *testing.T) {
	tests := []struct {
		in   string
		want arn.Consumer
	}{
		{consumerARN, billing},
		{streamARN + "/consumer/c:0", arn.Consumer{Stream: orders, Name: "c", CreationTime: time.Unix(0, 0)}},
		{streamARN + "/consumer/" + longName + ":253402300799", arn.Consumer{Stream: orders, Name: longName, CreationTime: time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)}},
	}
	for _, tt := range tests {
		got, err := arn.ParseConsumer(tt.in)
		if err != nil {
			t.Errorf("ParseConsumer(%q) error: %v", tt.in, err)
			continue
		}
		if !consumersEqual(got, tt.want) {
			t.Errorf("ParseConsumer(%q) = %+v, want %+v", tt.in, got, tt.want)
		}
		if loc := got.CreationTime.Location(); loc != time.UTC {
			t.Errorf("ParseConsumer(%q).CreationTime location = %v, want UTC", tt.in, loc)
		}
	}
}

// TestParseInvalid has one row per rule; it checks the reason so that a
// rule cannot silently start rejecting input for the wrong cause.
func TestParseInvalid(t *testing.T) {
	const (
		pre    = "arn:aws:kinesis:us-east-1:123456789012:" // valid up to the resource
		stream = pre + "stream/s"
	)
	tests := []struct {
		kind   string // "stream", "consumer" or "queue": which parser to call
		in     string
		reason string
	}{
		// Rules shared by both kinds.
		{"stream", "", `must start with "arn:"`},
		{"stream", "ARN:aws:kinesis:us-east-1:123456789012:stream/s", `must start with "arn:"`},
		{"stream", "arn:aws:kinesis:us-east-1:123456789012", "must have 6 colon-separated sections"},
		{"stream", "arn::kinesis:us-east-1:123456789012:stream/s", `partition must start with "aws"`},
		{"stream", "arn:azure:kinesis:us-east-1:123456789012:stream/s", `partition must start with "aws"`},
		{"stream", "arn:aws:sqs:us-east-1:123456789012:stream/s", `service must be "kinesis"`},
		{"stream", "arn:aws:Kinesis:us-east-1:123456789012:stream/s", `service must be "kinesis"`},
		{"stream", "arn:aws:kinesis::123456789012:stream/s", "region is empty"},
		{"stream", "arn:aws:kinesis:us-east-1::stream/s", "account ID must be 12 digits"},
		{"stream", "arn:aws:kinesis:us-east-1:12345678901:stream/s", "account ID must be 12 digits"},
		{"stream", "arn:aws:kinesis:us-east-1:1234567890123:stream/s", "account ID must be 12 digits"},
		{"stream", "arn:aws:kinesis:us-east-1:12345678901a:stream/s", "account ID must be 12 digits"},
		{"stream", "arn:aws:kinesis:us-east-1:١٢٣٤٥٦٧٨٩٠١٢:stream/s", "account ID must be 12 digits"},
		{"stream", pre + "table/s", `resource must start with "stream/"`},
		{"stream", pre + "Stream/s", `resource must start with "stream/"`},
		{"consumer", "arn:aws:kinesis:us-east-1:1234:stream/s/consumer/c:1", "account ID must be 12 digits"},

		// Stream names.
		{"stream", pre + "stream/", "stream name is empty"},
		{"stream", pre + "stream/a b", `stream name contains invalid character ' '`},
		{"stream", pre + "stream/a/b", `stream name contains invalid character '/'`},
		{"stream", pre + "stream/a:b", `stream name contains invalid character ':'`},
		{"stream", pre + "stream/é", `stream name contains invalid character 'é'`},
		{"stream", pre + "stream/a\xff", `stream name contains invalid character '�'`},
		{"stream", pre + "stream/" + longName + "n", "stream name is longer than 128 characters"},
		{"stream", stream + "/consumer/c:1", "this looks like a consumer ARN; use ParseConsumer"},

		// Consumer structure and names.
		{"consumer", stream, "this is a stream ARN; use ParseStream"},
		{"consumer", pre + "stream/", `missing "/consumer/" after the stream name`},
		{"consumer", stream + "/consumers/c:1", `missing "/consumer/" after the stream name`},
		{"consumer", pre + "stream//consumer/c:1", "stream name is empty"},
		{"consumer", pre + "stream/a+b/consumer/c:1", `stream name contains invalid character '+'`},
		{"consumer", pre + "stream/" + longName + "n/consumer/c:1", "stream name is longer than 128 characters"},
		{"consumer", stream + "/consumer/c", `missing ":EPOCH" creation timestamp after the consumer name`},
		{"consumer", stream + "/consumer/:1", "consumer name is empty"},
		{"consumer", stream + "/consumer/c$:1", `consumer name contains invalid character '$'`},
		{"consumer", stream + "/consumer/c/d:1", `consumer name contains invalid character '/'`},
		{"consumer", stream + "/consumer/" + longName + "n:1", "consumer name is longer than 128 characters"},

		// Creation timestamps.
		{"consumer", stream + "/consumer/c:", "creation timestamp is empty"},
		{"consumer", stream + "/consumer/c:abc", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:-1", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:+1", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:1.5", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:1:2", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:1 ", "creation timestamp must be decimal seconds since the Unix epoch"},
		{"consumer", stream + "/consumer/c:01", "creation timestamp has leading zeros"},
		{"consumer", stream + "/consumer/c:00", "creation timestamp has leading zeros"},
		{"consumer", stream + "/consumer/c:253402300800", "creation timestamp is after the year 9999"},
		{"consumer", stream + "/consumer/c:99999999999999999999", "creation timestamp is after the year 9999"},

		// Queue IDs, held to what the SDK's endpoint rules put in a host
		// name.
		{"queue", stream, `resource must start with "queue/"`},
		{"queue", "arn:aws:kinesis:us-east-1:42:queue/q", "account ID must be 12 digits"},
		{"queue", pre + "queue/", "queue ID is empty"},
		{"queue", pre + "queue/" + strings.Repeat("q", 64), "queue ID is longer than 63 characters"},
		{"queue", pre + "queue/-q", "queue ID starts or ends with '-'"},
		{"queue", pre + "queue/q-", "queue ID starts or ends with '-'"},
		{"queue", pre + "queue/my.queue", `queue ID contains invalid character '.'`},
		{"queue", pre + "queue/my_queue", `queue ID contains invalid character '_'`},
		{"queue", pre + "queue/q/r", `queue ID contains invalid character '/'`},
	}
	for _, tt := range tests {
		var err error
		switch tt.kind {
		case "stream":
			_, err = arn.ParseStream(tt.in)
		case "consumer":
			_, err = arn.ParseConsumer(tt.in)
		case "queue":
			_, err = arn.ParseQueue(tt.in)
		}
		var pe *arn.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("parse %s %q: error = %v, want *ParseError", tt.kind, tt.in, err)
			continue
		}
		want := arn.ParseError{Kind: tt.kind, Input: tt.in, Reason: tt.reason}
		if *pe != want {
			t.Errorf("parse %s %q: error = %+v, want %+v", tt.kind, tt.in, *pe, want)
		}
	}
}

func TestParseErrorMessage(t *testing.T) {
	in := "arn:aws:kinesis:us-east-1:42:stream/s"
	_, err := arn.ParseStream(in)
	want := `arn: invalid stream ARN "arn:aws:kinesis:us-east-1:42:stream/s": account ID must be 12 digits`
	if err == nil || err.Error() != want {
		t.Errorf("ParseStream(%q) error = %v, want %s", in, err, want)
	}
}

func TestString(t *testing.T) {
	if got := orders.String(); got != streamARN {
		t.Errorf("Stream.String() = %q, want %q", got, streamARN)
	}
	if got := billing.String(); got != consumerARN {
		t.Errorf("Consumer.String() = %q, want %q", got, consumerARN)
	}
	// The creation time is truncated, not rounded, and its zone is irrelevant.
	c := billing
	c.CreationTime = time.Unix(1700000000, 999_999_999).In(time.FixedZone("UTC+5", 5*3600))
	if got := c.String(); got != consumerARN {
		t.Errorf("Consumer.String() with sub-second time = %q, want %q", got, consumerARN)
	}
}

func TestRoundTrip(t *testing.T) {
	streams := []arn.Stream{
		orders,
		{Partition: "aws-cn", Region: "cn-north-1", AccountID: "000000000000", Name: "x"},
		{Partition: "aws-iso-b", Region: "us-isob-east-1", AccountID: "999999999999", Name: longName},
	}
	for _, st := range streams {
		got, err := arn.ParseStream(st.String())
		if err != nil || got != st {
			t.Errorf("ParseStream(%q) = %+v, %v; want %+v", st.String(), got, err, st)
		}
		c := arn.Consumer{Stream: st, Name: "c-1", CreationTime: time.Date(2024, 2, 29, 12, 0, 0, 123, time.Local)}
		gotC, err := arn.ParseConsumer(c.String())
		want := c
		want.CreationTime = c.CreationTime.Truncate(time.Second)
		if err != nil || !consumersEqual(gotC, want) {
			t.Errorf("ParseConsumer(%q) = %+v, %v; want %+v", c.String(), gotC, err, want)
		}
	}
}

// consumersEqual compares creation times with time.Time.Equal, because ==
// would also compare their locations.
func consumersEqual(a, b arn.Consumer) bool {
	return a.Stream == b.Stream && a.Name == b.Name && a.CreationTime.Equal(b.CreationTime)
}
