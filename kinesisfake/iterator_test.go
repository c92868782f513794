package kinesisfake

import (
	"encoding/base64"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var iteratorCmp = cmp.AllowUnexported(shardIterator{}, position{})

// sampleIterators are iterators to encode; an iterator keeps its issue time
// to the millisecond, the service's precision, over any span of years.
func sampleIterators() []shardIterator {
	return []shardIterator{
		{stream: "s", issued: time.Unix(0, 0)},
		{
			stream: "my-stream",
			tag:    12345,
			shard:  3,
			from:   position{counter: 987654321, arrival: 1700000000123},
			issued: time.Date(2024, time.March, 1, 12, 0, 0, 123000000, time.UTC),
			nonce:  42,
		},
		{
			stream: strings.Repeat("x", 128),
			tag:    math.MaxUint64,
			shard:  math.MaxUint32,
			from:   position{counter: math.MaxUint64, arrival: math.MaxInt64},
			issued: time.UnixMilli(math.MaxInt64),
			nonce:  math.MaxUint64,
		},
		{
			stream: "a.b_c-D9",
			from:   position{arrival: -1},
			issued: time.UnixMilli(math.MinInt64),
		},
		{stream: "ünïcödé", issued: time.Date(1999, time.December, 31, 23, 59, 59, 999000000, time.FixedZone("X", 3600))},
	}
}

func TestShardIteratorRoundTrip(t *testing.T) {
	for _, it := range sampleIterators() {
		s := it.String()
		got, ok := parseShardIterator(s)
		if !ok {
			t.Errorf("parseShardIterator(%q) rejected the encoding of %+v", s, it)
			continue
		}
		if !got.issued.Equal(it.issued) {
			t.Errorf("issued = %v, want %v", got.issued, it.issued)
		}
		if diff := cmp.Diff(it, got, iteratorCmp); diff != "" {
			t.Errorf("parseShardIterator(String()) mismatch (-want +got):\n%s", diff)
		}
		if again := got.String(); again != s {
			t.Errorf("re-encoded %q, want %q", again, s)
		}
	}
}

func TestShardIteratorNonceMakesFreshString(t *testing.T) {
	a := shardIterator{stream: "s", shard: 1, issued: time.Unix(100, 0), nonce: 1}
	b := a
	b.nonce = 2
	if a.String() == b.String() {
		t.Fatalf("iterators differing only in nonce encode the same: %q", a.String())
	}
}

func TestShardIteratorLength(t *testing.T) {
	it := shardIterator{
		stream: strings.Repeat("s", 128), // the longest stream name
		tag:    math.MaxUint64,
		shard:  math.MaxUint32,
		from:   position{counter: math.MaxUint64, arrival: math.MaxInt64},
		issued: time.Now(),
		nonce:  math.MaxUint64,
	}
	if n := len(it.String()); n > 512 {
		t.Fatalf("iterator for a 128-character stream name is %d characters, want at most 512", n)
	}
}

func TestParseShardIteratorRejects(t *testing.T) {
	valid := shardIterator{stream: "s", shard: 1, issued: time.Unix(100, 0), nonce: 1}
	raw, err := base64.StdEncoding.DecodeString(valid.String())
	if err != nil {
		t.Fatal(err)
	}
	withVersion := func(v byte) string {
		b := append([]byte(nil), raw...)
		b[0] = v
		return base64.StdEncoding.EncodeToString(b)
	}
	for _, tc := range []struct{ name, s string }{
		{"empty", ""},
		{"garbage", "this is not an iterator"},
		{"not base64", "!!!!" + valid.String()},
		{"URL alphabet", strings.NewReplacer("+", "-", "/", "_").Replace(base64.StdEncoding.EncodeToString(append(raw, 0xfb, 0xff)))},
		{"truncated base64", valid.String()[:len(valid.String())-1]},
		{"header only, no stream", base64.StdEncoding.EncodeToString(raw[:iteratorHeader])},
		{"short", base64.StdEncoding.EncodeToString(raw[:iteratorHeader-1])},
		{"one byte", base64.StdEncoding.EncodeToString([]byte{iteratorVersion})},
		{"version 0", withVersion(0)},
		{"version 2", withVersion(2)},
		{"version 255", withVersion(255)},
		{"sequence number", sequenceNumber{index: 1}.String()},
		{"service-style iterator", "AAAAAAAAAAGCp4dONrQGXxWXFLBtL2t3DhyAQ5dtRXvN6ai2wzYqMhFo5AJzNmB4ep4Lj7oNCRwVTgHCqX2hX3V8c3vnM5g4"},
	} {
		if got, ok := parseShardIterator(tc.s); ok {
			t.Errorf("%s: parseShardIterator(%q) = %+v, ok; want rejected", tc.name, tc.s, got)
		}
	}
}

// TestParseShardIteratorRejectsNonCanonical checks that only the exact string
// the fake issued is accepted, not a different spelling of the same bytes.
func TestParseShardIteratorRejectsNonCanonical(t *testing.T) {
	s := shardIterator{stream: "a", shard: 1, issued: time.Unix(100, 0), nonce: 1}.String() // 46 bytes: ends "x=="
	if !strings.HasSuffix(s, "==") {
		t.Fatalf("test assumes padding: %q", s)
	}
	// The character before "==" carries 4 unused low bits; flipping one of
	// them leaves the decoded bytes alone.
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	idx := strings.IndexByte(alphabet, s[len(s)-3])
	paddingBits := s[:len(s)-3] + string(alphabet[idx^1]) + "=="
	if raw, err := base64.StdEncoding.DecodeString(paddingBits); err != nil || base64.StdEncoding.EncodeToString(raw) != s {
		t.Fatalf("test setup: %q does not decode to the bytes of %q", paddingBits, s)
	}
	for _, tc := range []struct{ name, s string }{
		{"newline inside", s[:8] + "\n" + s[8:]},
		{"trailing CRLF", s + "\r\n"},
		{"nonzero padding bits", paddingBits},
	} {
		if got, ok := parseShardIterator(tc.s); ok {
			t.Errorf("%s: parseShardIterator(%q) = %+v, ok (re-encodes as %q); want rejected", tc.name, tc.s, got, got.String())
		}
	}
}

func FuzzParseShardIterator(f *testing.F) {
	for _, it := range sampleIterators() {
		f.Add(it.String())
	}
	f.Add("")
	f.Add("AQ==")
	f.Add("garbage")
	f.Add(base64.StdEncoding.EncodeToString(make([]byte, iteratorHeader)))
	f.Add(base64.StdEncoding.EncodeToString(append([]byte{iteratorVersion}, make([]byte, iteratorHeader)...)))
	f.Fuzz(func(t *testing.T, s string) {
		it, ok := parseShardIterator(s)
		if !ok {
			return
		}
		again := it.String()
		// Every accepted iterator re-encodes to a string that parses back to
		// the same iterator.
		back, ok := parseShardIterator(again)
		if !ok {
			t.Fatalf("parseShardIterator(%q) = %+v, whose encoding %q is rejected", s, it, again)
		}
		if diff := cmp.Diff(it, back, iteratorCmp); diff != "" {
			t.Fatalf("re-parse of %q mismatch (-first +second):\n%s", again, diff)
		}
		if again2 := back.String(); again2 != again {
			t.Fatalf("encoding is not stable: %q then %q", again, again2)
		}
		// The accepted string is the one re-encoding gives back, as long as it
		// is canonical base64 (no CR/LF, zero padding bits); the lenient
		// spellings are covered, and skipped, by
		// TestParseShardIteratorRejectsNonCanonical.
		if raw, err := base64.StdEncoding.DecodeString(s); err == nil && base64.StdEncoding.EncodeToString(raw) == s {
			if again != s {
				t.Fatalf("parseShardIterator(%q) = %+v, which re-encodes as %q", s, it, again)
			}
		}
	})
}
