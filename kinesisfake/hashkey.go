package kinesisfake

import (
	"crypto/md5"
	"encoding/binary"
	"math/big"
	"math/bits"
)

// hashKey is a point in the 128-bit hash key space that shards divide between
// them.
type hashKey struct{ hi, lo uint64 }

func (a hashKey) less(b hashKey) bool {
	return a.hi < b.hi || (a.hi == b.hi && a.lo < b.lo)
}

// next is k+1; prev is k-1. Neither wraps in use: they step inside a range.
func (k hashKey) next() hashKey {
	lo, carry := bits.Add64(k.lo, 1, 0)
	return hashKey{k.hi + carry, lo}
}

func (k hashKey) prev() hashKey {
	lo, borrow := bits.Sub64(k.lo, 1, 0)
	return hashKey{k.hi - borrow, lo}
}

// partitionHash maps a partition key to the hash key space as the service does:
// MD5 of the key, read as an unsigned 128-bit big-endian number.
func partitionHash(partitionKey string) hashKey {
	sum := md5.Sum([]byte(partitionKey))
	return hashKey{binary.BigEndian.Uint64(sum[:8]), binary.BigEndian.Uint64(sum[8:])}
}

// parseHashKey reads a decimal hash key. ok is false for anything that is not
// a decimal number below 2^128.
func parseHashKey(s string) (k hashKey, ok bool) {
	if s == "" {
		return hashKey{}, false
	}
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return hashKey{}, false
		}
		// k = k*10 + d, failing on overflow.
		hiCarry, hi := bits.Mul64(k.hi, 10)
		loCarry, lo := bits.Mul64(k.lo, 10)
		hi, c1 := bits.Add64(hi, loCarry, 0)
		lo, c2 := bits.Add64(lo, uint64(d), 0)
		hi, c3 := bits.Add64(hi, 0, c2)
		if hiCarry != 0 || c1 != 0 || c3 != 0 {
			return hashKey{}, false
		}
		k = hashKey{hi, lo}
	}
	return k, true
}

func (k hashKey) big() *big.Int {
	b := new(big.Int).SetUint64(k.hi)
	b.Lsh(b, 64)
	return b.Or(b, new(big.Int).SetUint64(k.lo))
}

func hashKeyFromBig(b *big.Int) hashKey {
	lo := new(big.Int).And(b, new(big.Int).SetUint64(^uint64(0)))
	return hashKey{new(big.Int).Rsh(b, 64).Uint64(), lo.Uint64()}
}

func (k hashKey) String() string { return k.big().String() }

// hashKeyRange is the inclusive range of hash keys a shard owns.
type hashKeyRange struct{ start, end hashKey }

func (r hashKeyRange) contains(k hashKey) bool {
	return !k.less(r.start) && !r.end.less(k)
}

// splitHashKeySpace divides 0..2^128-1 into n ranges of equal width, the last
// taking the remainder, as the service lays out a new stream's shards
// (kinesalite's createStream, checked against the service, does the same).
func splitHashKeySpace(n int) []hashKeyRange {
	space := new(big.Int).Lsh(big.NewInt(1), 128)
	width := new(big.Int).Div(space, big.NewInt(int64(n)))
	ranges := make([]hashKeyRange, n)
	start := new(big.Int)
	for i := range ranges {
		end := new(big.Int).Add(start, width)
		if i == n-1 {
			end.Set(space)
		}
		end.Sub(end, big.NewInt(1))
		ranges[i] = hashKeyRange{hashKeyFromBig(start), hashKeyFromBig(end)}
		start.Add(end, big.NewInt(1))
	}
	return ranges
}
