package arn_test

import (
	"errors"
	"testing"

	"github.com/streamfake/kinesis/arn"
)

// FuzzParse checks that parsing never panics, that failures are
// *ParseError, and that whatever parses formats back to the input and
// re-parses to an equal value.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		streamARN,
		consumerARN,
		"arn:aws-cn:kinesis:cn-north-1:000000000000:stream/a-Z_0.9/consumer/c:0",
		"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:253402300799",
		"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:253402300800",
		"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:01",
		"arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1:2",
		"arn:aws:kinesis:us-east-1:123456789012:stream//consumer/c:1",
		"arn:aws:kinesis::123456789012:stream/s",
		"arn:aws:kinesis:us-east-1:12345678901:stream/s",
		"arn:aws:kinesis:us-east-1:123456789012:stream/",
		"arn:aws:kinesis:us-east-1:123456789012:stream/\xff",
		"arn:aws:sqs:us-east-1:123456789012:queue",
		"arn:aws:kinesis:us-east-1:123456789012:queue/q7b2k4x9m1p3",
		"arn:aws:kinesis:us-east-1:123456789012:queue/my.queue",
		"arn:aws:kinesis",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, stErr := arn.ParseStream(s)
		c, cErr := arn.ParseConsumer(s)
		q, qErr := arn.ParseQueue(s)
		parsed := 0
		for _, err := range []error{stErr, cErr, qErr} {
			if err == nil {
				parsed++
			}
			var pe *arn.ParseError
			if err != nil && (!errors.As(err, &pe) || pe.Input != s) {
				t.Fatalf("error %v for %q is not a *ParseError with that input", err, s)
			}
		}
		if parsed > 1 {
			t.Fatalf("%q parses as more than one kind of ARN", s)
		}
		if qErr == nil {
			if got := q.String(); got != s {
				t.Fatalf("ParseQueue(%q).String() = %q", s, got)
			}
			if again, err := arn.ParseQueue(q.String()); err != nil || again != q {
				t.Fatalf("re-parse of %q = %+v, %v; want %+v", s, again, err, q)
			}
		}
		if stErr == nil {
			if got := st.String(); got != s {
				t.Fatalf("ParseStream(%q).String() = %q", s, got)
			}
			if again, err := arn.ParseStream(st.String()); err != nil || again != st {
				t.Fatalf("re-parse of %q = %+v, %v; want %+v", s, again, err, st)
			}
		}
		if cErr == nil {
			if got := c.String(); got != s {
				t.Fatalf("ParseConsumer(%q).String() = %q", s, got)
			}
			if again, err := arn.ParseConsumer(c.String()); err != nil || !consumersEqual(again, c) {
				t.Fatalf("re-parse of %q = %+v, %v; want %+v", s, again, err, c)
			}
		}
	})
}
