package kinesisfake

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

func TestNewPanicsOnBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{"short account ID", WithAccountID("12"), `kinesisfake: WithAccountID("12"): an account ID is 12 digits, such as 123456789012`},
		{"empty account ID", WithAccountID(""), `kinesisfake: WithAccountID(""): an account ID is 12 digits, such as 123456789012`},
		{"13-digit account ID", WithAccountID("1234567890123"), `kinesisfake: WithAccountID("1234567890123"): an account ID is 12 digits, such as 123456789012`},
		{"account ID with a letter", WithAccountID("12345678901x"), `kinesisfake: WithAccountID("12345678901x"): an account ID is 12 digits, such as 123456789012`},
		{"empty region", WithRegion(""), `kinesisfake: WithRegion(""): a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{"region with a colon", WithRegion("us-east-1:"), `kinesisfake: WithRegion("us-east-1:"): a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{"upper-case region", WithRegion("US-EAST-1"), `kinesisfake: WithRegion("US-EAST-1"): a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{"region with a space", WithRegion("us east 1"), `kinesisfake: WithRegion("us east 1"): a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{"nil clock", WithClock(nil), "kinesisfake: WithClock(nil): a Clock is required; leave WithClock out for the real clock"},
		{"nil *FakeClock", WithClock((*FakeClock)(nil)), "kinesisfake: WithClock((*kinesisfake.FakeClock)(nil)): a Clock is required; leave WithClock out for the real clock"},
		{"nil logger", WithRequestLog(nil), "kinesisfake: WithRequestLog(nil): a *slog.Logger is required; leave WithRequestLog out for no log"},
		{"negative CreateStream delay", WithDelays(Delays{CreateStream: -time.Second}), "kinesisfake: WithDelays: Delays.CreateStream is -1s, want 0 or more"},
		{"negative DeleteChannel delay", WithDelays(Delays{DeleteChannel: -time.Nanosecond}), "kinesisfake: WithDelays: Delays.DeleteChannel is -1ns, want 0 or more"},
		{"negative Shards limit", WithLimits(Limits{Shards: -1}), "kinesisfake: WithLimits: Limits.Shards is -1, want 0 (the default) or more"},
		{"negative CreatingConsumers limit", WithLimits(Limits{CreatingConsumers: -5}), "kinesisfake: WithLimits: Limits.CreatingConsumers is -5, want 0 (the default) or more"},
		{"unknown operation in Calls", WithRates(Rates{Calls: map[string]int{"DescribeLimits": 2, "DescribeLimit": 5}}),
			`kinesisfake: WithRates: Rates.Calls names "DescribeLimit", which has no call rate; see DefaultCallRates`},
		{"operation without a call rate in Calls", WithRates(Rates{Calls: map[string]int{"PutRecord": 5}}),
			`kinesisfake: WithRates: Rates.Calls names "PutRecord", which has no call rate; see DefaultCallRates`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(newPanic(tt.opt)); got != tt.want {
				t.Errorf("New panicked with %q\nwant             %q", got, tt.want)
			}
		})
	}
}

// Every field of Delays and Limits is checked, including fields added later.
func TestNewPanicsOnEveryNegativeField(t *testing.T) {
	for _, typ := range []reflect.Type{reflect.TypeFor[Delays](), reflect.TypeFor[Limits]()} {
		for i := range typ.NumField() {
			v := reflect.New(typ).Elem()
			v.Field(i).SetInt(-1)
			var opt Option
			switch x := v.Interface().(type) {
			case Delays:
				opt = WithDelays(x)
			case Limits:
				opt = WithLimits(x)
			}
			want := typ.Name() + "." + typ.Field(i).Name + " is -1"
			if p := fmt.Sprint(newPanic(opt)); !strings.Contains(p, want) {
				t.Errorf("%s.%s = -1: New panicked with %q, want it to say %q", typ.Name(), typ.Field(i).Name, p, want)
			}
		}
	}
}

func TestNewAcceptsGoodOptions(t *testing.T) {
	opts := []Option{
		WithAccountID("000000000000"),
		WithClock(NewFakeClock(epoch)),
		WithDelays(Delays{}),
		WithDelays(Delays{CreateStream: time.Second, DeleteChannel: time.Hour}),
		WithLimits(Limits{}),
		WithLimits(Limits{Shards: 1, CreatingConsumers: 1}),
		WithRates(Rates{ShardWriteBytes: -1, Calls: DefaultCallRates()}),
		WithRates(Rates{Calls: map[string]int{"GetRecords": -1, "ListShards": 0}}),
		WithSeed(1<<64 - 1),
	}
	for _, opt := range opts {
		if p := newPanic(opt); p != nil {
			t.Errorf("New panicked: %v", p)
		}
	}
}

// goodRegions are regions New accepts: every partition's, and names that
// are not AWS regions but have their form.
var goodRegions = []string{"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "local", strings.Repeat("a", 63)}

// A region New accepts gives ARNs the fake then accepts: a stream's and a
// consumer's, used to find them again.
func TestAcceptedRegionsRoundTrip(t *testing.T) {
	for _, region := range goodRegions {
		checkRegionRoundTrip(t, region)
	}
}

func FuzzAcceptedRegionsRoundTrip(f *testing.F) {
	for _, r := range goodRegions {
		f.Add(r)
	}
	for _, r := range []string{"", "us-east-1:", "US-EAST-1", "us-east-1\n", "a-", "1a", "é"} {
		f.Add(r)
	}
	f.Fuzz(func(t *testing.T, region string) {
		if p := newPanic(WithRegion(region)); p != nil {
			if want := fmt.Sprintf("kinesisfake: WithRegion(%q): ", region); !strings.HasPrefix(fmt.Sprint(p), want) {
				t.Fatalf("New panicked with %q, want it to start %q", p, want)
			}
			return
		}
		checkRegionRoundTrip(t, region)
	})
}

func checkRegionRoundTrip(t *testing.T, region string) {
	t.Helper()
	c := NewT(t, WithRegion(region), WithAccountID("111122223333"))
	createStream(t, c, "s", 1)
	summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatalf("region %q: %v", region, err)
	}
	streamARN := summary.StreamDescriptionSummary.StreamARN
	if _, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamARN: streamARN}); err != nil {
		t.Fatalf("region %q: DescribeStreamSummary(%s): %v", region, *streamARN, err)
	}
	registered, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: streamARN, ConsumerName: aws.String("k")})
	if err != nil {
		t.Fatalf("region %q: RegisterStreamConsumer(%s): %v", region, *streamARN, err)
	}
	consumerARN := registered.Consumer.ConsumerARN
	if _, err := c.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: consumerARN}); err != nil {
		t.Fatalf("region %q: DescribeStreamConsumer(%s): %v", region, *consumerARN, err)
	}
}
