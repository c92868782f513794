package kinesisfake

import (
	"math/bits"
	"time"
)

// A sequence number has the service's layout, as kinesalite decoded it
// (db/index.js). In hexadecimal, version 2 is 47 digits:
//
//	2 | created (9) | last digit of shard (1) | index (16) | 00 | time (9) | shard (8) | 2
//
// created is when the shard was created and time when the record arrived,
// both in Unix seconds; shard is the shard's index, which the service reads
// as a signed 32-bit number; index is a 63-bit sequence index; the final 2
// is the version. Written in decimal, every such number has 56 digits.
//
// The index is the stream's counter, which grows by one with every record
// put to any of its shards (and never reaches 2^63): the service's, too, is
// shared by shards (kinesalite's test/putRecord.js finds the indexes of two
// shards' records one apart). Within a shard, created and shard are fixed,
// so numbers strictly increase with the index, however the clock moves;
// AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER find records by it. A shard opened by resharding
// is created after its parents (see childCreated), so its numbers are above
// theirs, and a stream's shards after those of any stream of the same name
// before it (see firstCreated), so a number tells the incarnation it came
// from.
type sequenceNumber struct {
	created uint64 // Unix seconds, at most maxSeconds
	index   uint64 // below 1<<63
	time    uint64 // Unix seconds, at most maxSeconds
	shard   int32
}

const (
	sequenceNumberLen = 56
	// maxSeconds is the latest time 9 hex digits hold, in the year 4147.
	// Later times are written as it: numbers keep their length and, within
	// a shard, their order, but shards created then are no longer dated
	// after their parents.
	maxSeconds = 1<<36 - 1
	// maxIndex is the highest sequence index, 7fffffffffffffff.
	maxIndex = 1<<63 - 1
)

// seconds is a time in Unix seconds as a sequence number holds it: times
// before 1970 as 0, times after maxSeconds as maxSeconds.
func seconds(t time.Time) uint64 { return clampSeconds(t.Unix()) }

// arrivalSeconds is seconds for a record's arrival in Unix milliseconds.
func arrivalSeconds(ms int64) uint64 { return clampSeconds(ms / 1000) }

func clampSeconds(s int64) uint64 {
	return uint64(min(max(s, 0), maxSeconds))
}

func (s sequenceNumber) String() string {
	var b [sequenceNumberLen]byte
	return string(s.appendTo(b[:0]))
}

// appendTo appends the sequence number's 56 decimal digits to dst.
func (s sequenceNumber) appendTo(dst []byte) []byte {
	// The 188-bit number in three words, its hex digits from the right:
	// version, shard, time, 00, index, the shard's last digit, created, 2.
	lo := 2 | uint64(uint32(s.shard))<<4 | s.time<<36
	mid := s.time>>28 | s.index<<16
	hi := s.index>>48 | uint64(s.shard&0xf)<<16 | s.created<<20 | 2<<56
	// Divide by 10^19 twice: hi is below 2^60, so each quotient fits the
	// division, and what remains is below 10^18 (the number is below
	// 3·16^46, under 10^56).
	const e19 = 1e19
	q, r := bits.Div64(hi, mid, e19)
	q0, low := bits.Div64(r, lo, e19)
	top, middle := bits.Div64(q, q0, e19)
	n := len(dst)
	dst = append(dst, "00000000000000000000000000000000000000000000000000000000"...)
	b := dst[n:]
	putDigits(b[:18], top)
	putDigits(b[18:37], middle)
	putDigits(b[37:], low)
	return dst
}

// putDigits writes v in decimal, zero-padded to fill dst.
func putDigits(dst []byte, v uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte('0' + v%10)
		v /= 10
	}
}

// parseSequenceNumber reads a decimal sequence number as the service does,
// by kinesalite's decoding: version 2, as the fake writes them; version 1,
// whose time sits elsewhere and which has no index; version 0, which has
// only created and a 16-bit shard, and which is what any number below
// 2^129 reads as, once a number below 2^124 has 2^124 added; and version 3,
// which is only reported, since the service fails on it. ok is false for
// any other number, for a version 2 index of 8 or more in its first digit,
// and for a version 0 created of 16025175000 or later, which the service
// calls invalid (kinesalite's test/getShardIterator.js and
// test/putRecord.js, checked against it).
func parseSequenceNumber[T string | []byte](s T) (seq sequenceNumber, version int, ok bool) {
	w, ok := readWide(s)
	if !ok {
		return seq, 0, false
	}
	if w[0] == 0 && w[1] < 1<<60 {
		w[1] += 1 << 60 // plus 2^124
	}
	var buf [48]byte
	h := w.hex(buf[:0])
	shard := func(h []byte) int32 { return int32(uint32(hexValue(h))) }
	switch {
	case len(h) == 47 && h[0] == '2' && h[46] == '2':
		if h[11] > '7' {
			return seq, 0, false
		}
		return sequenceNumber{created: hexValue(h[1:10]), index: hexValue(h[11:27]), time: hexValue(h[29:38]), shard: shard(h[38:46])}, 2, true
	case len(h) == 47 && h[0] == '2' && h[46] == '1':
		return sequenceNumber{created: hexValue(h[1:10]), time: hexValue(h[13:22]), shard: shard(h[38:46])}, 1, true
	case len(h) == 47 && h[0] == '2' && h[46] == '3':
		return seq, 3, true
	case len(h) == 32 || len(h) == 33 && h[0] == '1':
		created := hexValue(h[1:10])
		if created >= 16025175000 {
			return seq, 0, false
		}
		return sequenceNumber{created: created, shard: int32(hexValue(h[28:32]))}, 0, true
	}
	return seq, 0, false
}

// readDigits parses a decimal string that fits in a uint64.
func readDigits(s string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 || v > (^uint64(0)-uint64(d))/10 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	return v, true
}

// wide is a number of up to 192 bits, most significant word first.
type wide [3]uint64

// readWide parses a decimal string; ok is false for anything else and for
// a number of more than 192 bits. It reads 19 digits at a time, which a
// uint64 holds.
func readWide[T string | []byte](s T) (w wide, ok bool) {
	if len(s) == 0 {
		return w, false
	}
	for len(s) > 0 {
		n := min(len(s), 19)
		var v, scale uint64 = 0, 1
		for i := range n {
			d := uint64(s[i] - '0')
			if d > 9 {
				return w, false
			}
			v, scale = v*10+d, scale*10
		}
		s = s[n:]
		// w = w*scale + v, a word at a time from the right.
		carry := v
		for j := len(w) - 1; j >= 0; j-- {
			hi, lo := bits.Mul64(w[j], scale)
			var c uint64
			w[j], c = bits.Add64(lo, carry, 0)
			carry = hi + c
		}
		if carry != 0 {
			return w, false
		}
	}
	return w, true
}

// hex appends w's hex digits, without leading zeros, to dst.
func (w wide) hex(dst []byte) []byte {
	const digits = "0123456789abcdef"
	started := false
	for _, word := range w {
		for shift := 60; shift >= 0; shift -= 4 {
			d := word >> shift & 0xf
			if started = started || d != 0; started {
				dst = append(dst, digits[d])
			}
		}
	}
	return dst
}

// hexValue reads up to 16 hex digits.
func hexValue(h []byte) uint64 {
	var v uint64
	for _, c := range h {
		d := uint64(c - '0')
		if c >= 'a' {
			d = uint64(c-'a') + 10
		}
		v = v<<4 | d
	}
	return v
}
