package kinesisfake

import (
	"math"
	"strings"
	"testing"
)

const maxShardIndex = 999999999999 // the most 12 digits hold

func TestSequenceNumberRoundTrip(t *testing.T) {
	for _, s := range []sequenceNumber{
		{},
		{counter: 1},
		{counter: math.MaxUint64},
		{shard: 1},
		{shard: maxShardIndex},
		{tag: 1},
		{tag: math.MaxUint64},
		{counter: math.MaxUint64, shard: maxShardIndex, tag: math.MaxUint64},
		{counter: 12345678901234567890, shard: 42, tag: 9876543210},
	} {
		str := s.String()
		if len(str) != 56 {
			t.Errorf("%+v.String() = %q has length %d, want 56", s, str, len(str))
		}
		if !strings.HasPrefix(str, "49") {
			t.Errorf("%+v.String() = %q, want prefix 49", s, str)
		}
		if strings.Trim(str, "0123456789") != "" {
			t.Errorf("%+v.String() = %q is not all digits", s, str)
		}
		back, ok := parseSequenceNumber(str)
		if !ok || back != s {
			t.Errorf("parseSequenceNumber(%q) = %+v, %v; want %+v, true", str, back, ok, s)
		}
	}
}

func TestSequenceNumberLayout(t *testing.T) {
	s := sequenceNumber{counter: 7, shard: 3, tag: 11}
	want := "49" + "00000000000000000007" + "000000000003" + "0000000000000000000011"
	if got := s.String(); got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
	maxS := sequenceNumber{counter: math.MaxUint64, shard: maxShardIndex, tag: math.MaxUint64}
	want = "49" + "18446744073709551615" + "999999999999" + "0018446744073709551615"
	if got := maxS.String(); got != want {
		t.Fatalf("String() = %q, want %q", got, want)
	}
}

func TestSequenceNumberOrderFollowsCounter(t *testing.T) {
	counters := []uint64{0, 1, 9, 10, 99, 100, 1 << 32, 1<<63 - 1, 1 << 63, math.MaxUint64 - 1, math.MaxUint64}
	// The shard index and tag vary against the counter, and must not matter.
	for i := 1; i < len(counters); i++ {
		a := sequenceNumber{counter: counters[i-1], shard: maxShardIndex, tag: math.MaxUint64}.String()
		b := sequenceNumber{counter: counters[i], shard: 0, tag: 0}.String()
		if len(a) != len(b) {
			t.Fatalf("lengths differ: %q, %q", a, b)
		}
		if !(a < b) {
			t.Errorf("counter %d: %q is not below counter %d: %q", counters[i-1], a, counters[i], b)
		}
	}
	// Within a counter, the strings of one shard and stream are equal only
	// for equal counters.
	a := sequenceNumber{counter: 5, shard: 1, tag: 2}.String()
	if b := (sequenceNumber{counter: 5, shard: 1, tag: 2}).String(); a != b {
		t.Errorf("same sequence number formats differently: %q, %q", a, b)
	}
}

func TestParseSequenceNumberRejects(t *testing.T) {
	valid := sequenceNumber{counter: 1, shard: 2, tag: 3}.String()
	for _, tc := range []struct {
		name, s string
	}{
		{"empty", ""},
		{"short", valid[:55]},
		{"long", valid + "0"},
		{"prefix only", "49"},
		{"wrong prefix", "48" + valid[2:]},
		{"wrong prefix 2", "94" + valid[2:]},
		{"service-style prefix", "50" + valid[2:]},
		{"letter in counter", valid[:10] + "a" + valid[11:]},
		{"letter in shard", valid[:30] + "x" + valid[31:]},
		{"letter in tag", valid[:55] + "z"},
		{"space", valid[:40] + " " + valid[41:]},
		{"sign", valid[:2] + "+" + valid[3:]},
		{"counter overflow", "49" + "18446744073709551616" + "000000000000" + "0000000000000000000000"},
		{"counter all nines", "49" + "99999999999999999999" + "000000000000" + "0000000000000000000000"},
		{"tag overflow", "49" + "00000000000000000000" + "000000000000" + "0018446744073709551616"},
		{"tag too wide", "49" + "00000000000000000000" + "000000000000" + "1000000000000000000000"},
		{"non-ASCII", valid[:54] + "é"},
	} {
		if got, ok := parseSequenceNumber(tc.s); ok {
			t.Errorf("%s: parseSequenceNumber(%q) = %+v, ok; want rejected", tc.name, tc.s, got)
		}
	}
}

func FuzzParseSequenceNumber(f *testing.F) {
	f.Add(sequenceNumber{}.String())
	f.Add(sequenceNumber{counter: math.MaxUint64, shard: maxShardIndex, tag: math.MaxUint64}.String())
	f.Add(sequenceNumber{counter: 42, shard: 3, tag: 77}.String())
	f.Add("49" + "18446744073709551616" + "000000000000" + "0000000000000000000000")
	f.Add("49" + "00000000000000000000" + "000000000000" + "0018446744073709551616")
	f.Add("49590338271490256608559692538361571095921575989136588898") // service style
	f.Add("")
	f.Add("49")
	f.Add("not a sequence number")
	f.Fuzz(func(t *testing.T, s string) {
		seq, ok := parseSequenceNumber(s)
		if !ok {
			return
		}
		if seq.shard < 0 || seq.shard > maxShardIndex {
			t.Fatalf("parseSequenceNumber(%q) shard = %d, out of range", s, seq.shard)
		}
		if got := seq.String(); got != s {
			t.Fatalf("parseSequenceNumber(%q) = %+v, which formats as %q", s, seq, got)
		}
	})
}
