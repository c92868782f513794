package kinesisfake

import (
	"crypto/md5"
	"math/big"
	"testing"
)

const maxHashKeyDecimal = "340282366920938463463374607431768211455" // 2^128-1

func twoTo128() *big.Int { return new(big.Int).Lsh(big.NewInt(1), 128) }

// hashKeyBig converts a hashKey to a big.Int without using hashKey.big.
func hashKeyBig(k hashKey) *big.Int {
	hi := new(big.Int).SetUint64(k.hi)
	hi.Mul(hi, new(big.Int).Lsh(big.NewInt(1), 64))
	return hi.Add(hi, new(big.Int).SetUint64(k.lo))
}

func mustBig(t *testing.T, s string) *big.Int {
	t.Helper()
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		t.Fatalf("bad big literal %q", s)
	}
	return b
}

func TestPartitionHashIsMD5BigEndian(t *testing.T) {
	for _, key := range []string{"", "a", "k0", "partition-key", "日本語", string(make([]byte, 256))} {
		sum := md5.Sum([]byte(key))
		want := new(big.Int).SetBytes(sum[:])
		if got := hashKeyBig(partitionHash(key)); got.Cmp(want) != 0 {
			t.Errorf("partitionHash(%q) = %v, want %v", key, got, want)
		}
	}
	// A known MD5: md5("a") = 0cc175b9c0f1b6a831c399e269772661.
	want, _ := new(big.Int).SetString("0cc175b9c0f1b6a831c399e269772661", 16)
	if got := hashKeyBig(partitionHash("a")); got.Cmp(want) != 0 {
		t.Errorf("partitionHash(\"a\") = %x, want %x", got, want)
	}
}

func TestParseHashKeyAccepts(t *testing.T) {
	for _, s := range []string{
		"0",
		"1",
		"9",
		"10",
		"18446744073709551615", // 2^64-1
		"18446744073709551616", // 2^64
		"170141183460469231731687303715884105728", // 2^127
		maxHashKeyDecimal,
		"000" + maxHashKeyDecimal[:10],
	} {
		k, ok := parseHashKey(s)
		if !ok {
			t.Errorf("parseHashKey(%q) rejected", s)
			continue
		}
		if got, want := hashKeyBig(k), mustBig(t, s); got.Cmp(want) != 0 {
			t.Errorf("parseHashKey(%q) = %v, want %v", s, got, want)
		}
	}
	if k, _ := parseHashKey(maxHashKeyDecimal); k != (hashKey{^uint64(0), ^uint64(0)}) {
		t.Errorf("parseHashKey(2^128-1) = %#v, want all ones", k)
	}
	if k, _ := parseHashKey("0"); k != (hashKey{}) {
		t.Errorf("parseHashKey(0) = %#v, want zero", k)
	}
}

func TestParseHashKeyRejects(t *testing.T) {
	for _, s := range []string{
		"",
		"-1",
		"+1",
		"1a",
		"a1",
		" 1",
		"1 ",
		"1.0",
		"0x10",
		"340282366920938463463374607431768211456",  // 2^128
		"340282366920938463463374607431768211460",  // 2^128+4
		"340282366920938463463374607431768211465",  // 2^128-1 + 10: carry from the low digit
		"400000000000000000000000000000000000000",  // 39 digits, too big
		"999999999999999999999999999999999999999",  // 39 nines
		"1000000000000000000000000000000000000000", // 40 digits
		"3402823669209384634633746074317682114550", // (2^128-1)*10
		"9999999999999999999999999999999999999999", // 40 nines
		"18446744073709551616" + "18446744073709551616",
	} {
		if k, ok := parseHashKey(s); ok {
			t.Errorf("parseHashKey(%q) = %v, ok; want rejected", s, k)
		}
	}
}

func TestHashKeyStringRoundTrip(t *testing.T) {
	for _, s := range []string{
		"0", "1", "18446744073709551615", "18446744073709551616",
		"113427455640312821154458202477256070485", maxHashKeyDecimal,
	} {
		k, ok := parseHashKey(s)
		if !ok {
			t.Fatalf("parseHashKey(%q) rejected", s)
		}
		if got := k.String(); got != s {
			t.Errorf("parseHashKey(%q).String() = %q", s, got)
		}
	}
	for _, k := range []hashKey{{}, {0, 1}, {1, 0}, {^uint64(0), 0}, {0, ^uint64(0)}, {^uint64(0), ^uint64(0)}, {12345, 67890}} {
		back, ok := parseHashKey(k.String())
		if !ok || back != k {
			t.Errorf("parseHashKey(%#v.String() = %q) = %#v, %v", k, k.String(), back, ok)
		}
		if got, want := k.String(), hashKeyBig(k).String(); got != want {
			t.Errorf("%#v.String() = %q, want %q", k, got, want)
		}
	}
}

func TestSplitHashKeySpace(t *testing.T) {
	space := twoTo128()
	maxKey := new(big.Int).Sub(space, big.NewInt(1))
	for _, n := range []int{1, 2, 3, 4, 7, 1000} {
		ranges := splitHashKeySpace(n)
		if len(ranges) != n {
			t.Fatalf("n=%d: got %d ranges", n, len(ranges))
		}
		width := new(big.Int).Div(space, big.NewInt(int64(n)))
		next := new(big.Int) // where the next range must start
		for i, r := range ranges {
			start, end := hashKeyBig(r.start), hashKeyBig(r.end)
			if start.Cmp(next) != 0 {
				t.Fatalf("n=%d range %d starts at %v, want %v", n, i, start, next)
			}
			if end.Cmp(start) < 0 {
				t.Fatalf("n=%d range %d is empty: %v..%v", n, i, start, end)
			}
			got := new(big.Int).Sub(end, start)
			got.Add(got, big.NewInt(1))
			want := width
			if i == n-1 {
				want = new(big.Int).Sub(space, new(big.Int).Mul(width, big.NewInt(int64(n-1))))
			}
			if got.Cmp(want) != 0 {
				t.Fatalf("n=%d range %d has width %v, want %v", n, i, got, want)
			}
			next.Add(end, big.NewInt(1))
		}
		if hashKeyBig(ranges[0].start).Sign() != 0 {
			t.Errorf("n=%d: first range starts at %v, want 0", n, ranges[0].start)
		}
		if last := hashKeyBig(ranges[n-1].end); last.Cmp(maxKey) != 0 {
			t.Errorf("n=%d: last range ends at %v, want 2^128-1", n, last)
		}
		if next.Cmp(space) != 0 {
			t.Errorf("n=%d: ranges cover up to %v, want 2^128", n, next)
		}
	}
}

func TestSplitHashKeySpaceThree(t *testing.T) {
	want := [][2]string{
		{"0", "113427455640312821154458202477256070484"},
		{"113427455640312821154458202477256070485", "226854911280625642308916404954512140969"},
		{"226854911280625642308916404954512140970", maxHashKeyDecimal},
	}
	got := splitHashKeySpace(3)
	if len(got) != len(want) {
		t.Fatalf("got %d ranges, want %d", len(got), len(want))
	}
	for i, r := range got {
		if r.start.String() != want[i][0] || r.end.String() != want[i][1] {
			t.Errorf("range %d = %v..%v, want %s..%s", i, r.start, r.end, want[i][0], want[i][1])
		}
	}
}

func TestHashKeyRangeContains(t *testing.T) {
	mk := func(s string) hashKey {
		k, ok := parseHashKey(s)
		if !ok {
			t.Fatalf("parseHashKey(%q) rejected", s)
		}
		return k
	}
	r := hashKeyRange{mk("18446744073709551615"), mk("36893488147419103232")} // 2^64-1 .. 2^65
	for _, tc := range []struct {
		k    string
		want bool
	}{
		{"0", false},
		{"18446744073709551614", false}, // start-1
		{"18446744073709551615", true},  // start
		{"18446744073709551616", true},  // start+1, crosses into hi
		{"36893488147419103231", true},  // end-1
		{"36893488147419103232", true},  // end
		{"36893488147419103233", false}, // end+1
		{maxHashKeyDecimal, false},
	} {
		if got := r.contains(mk(tc.k)); got != tc.want {
			t.Errorf("%v..%v contains %s = %v, want %v", r.start, r.end, tc.k, got, tc.want)
		}
	}

	// Single-key ranges at both ends of the space.
	zero, top := hashKey{}, hashKey{^uint64(0), ^uint64(0)}
	if !(hashKeyRange{zero, zero}).contains(zero) || (hashKeyRange{zero, zero}).contains(hashKey{0, 1}) {
		t.Error("0..0 contains wrong keys")
	}
	if !(hashKeyRange{top, top}).contains(top) || (hashKeyRange{top, top}).contains(hashKey{^uint64(0), ^uint64(0) - 1}) {
		t.Error("max..max contains wrong keys")
	}
	whole := hashKeyRange{zero, top}
	for _, k := range []hashKey{zero, top, {1, 0}, {0, ^uint64(0)}} {
		if !whole.contains(k) {
			t.Errorf("whole space does not contain %v", k)
		}
	}

	// Every key lands in exactly one range of a split.
	ranges := splitHashKeySpace(7)
	for _, key := range []string{"", "a", "b", "k0", "k1", "k2", "partition"} {
		h := partitionHash(key)
		n := 0
		for _, r := range ranges {
			if r.contains(h) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("partitionHash(%q) = %v is in %d of 7 ranges, want 1", key, h, n)
		}
	}
}
