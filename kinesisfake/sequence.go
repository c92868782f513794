package kinesisfake

// A sequence number is 56 decimal digits, the length the service's have:
//
//	49 | counter (20 digits) | shard index (12 digits) | stream tag (22 digits)
//
// The counter is shared by all the shards of a stream and grows with every
// record put, so sequence numbers increase within a shard (as the service
// promises) and also across a stream over time, which is how
// SequenceNumberForOrdering is honoured: every number the stream has issued
// is below the next record's. The shard index and the stream tag
// let a sequence number be checked against the shard and stream incarnation
// it is used with, as the service does.
type sequenceNumber struct {
	counter uint64
	shard   int
	tag     uint64
}

const (
	sequenceNumberLen = 56
	sequencePrefix    = "49"
	counterDigits     = 20
	shardDigits       = 12
	tagDigits         = 22
)

func (s sequenceNumber) String() string {
	var b [sequenceNumberLen]byte
	return string(s.appendTo(b[:0]))
}

// appendTo appends the sequence number's digits to dst.
func (s sequenceNumber) appendTo(dst []byte) []byte {
	n := len(dst)
	dst = append(dst, sequencePrefix+"000000000000000000000000000000000000000000000000000000"...)
	b := dst[n+len(sequencePrefix):]
	putDigits(b[:counterDigits], s.counter)
	putDigits(b[counterDigits:counterDigits+shardDigits], uint64(s.shard))
	putDigits(b[counterDigits+shardDigits:], s.tag)
	return dst
}

// putDigits writes v in decimal, zero-padded to fill dst.
func putDigits(dst []byte, v uint64) {
	for i := len(dst) - 1; i >= 0; i-- {
		dst[i] = byte('0' + v%10)
		v /= 10
	}
}

// parseSequenceNumber reads a sequence number this fake issued. ok is false
// for any other decimal string, however valid its pattern.
func parseSequenceNumber(s string) (seq sequenceNumber, ok bool) {
	if len(s) != sequenceNumberLen || s[:len(sequencePrefix)] != sequencePrefix {
		return seq, false
	}
	i := len(sequencePrefix)
	counter, ok1 := readDigits(s[i : i+counterDigits])
	i += counterDigits
	shard, ok2 := readDigits(s[i : i+shardDigits])
	i += shardDigits
	tag, ok3 := readDigits(s[i:])
	if !ok1 || !ok2 || !ok3 {
		return seq, false
	}
	return sequenceNumber{counter: counter, shard: int(shard), tag: tag}, true
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

// issued reports whether the ordering number given with a PutRecord is one
// the stream can honour: a sequence number no later than the last it issued.
// The service refuses one from its future ("ExclusiveMinimumSequenceNumber …
// is invalid"; kinesalite's tests, checked against it, refuse a sequence time
// ahead of the clock), and one whose counter is ahead of the stream's could
// not be exceeded without moving, and in the end wrapping, the counter.
func (s *stream) issued(ordering string) bool {
	seq, ok := parseSequenceNumber(ordering)
	return ok && seq.counter <= s.counter
}
