package kinesisfake

import (
	"encoding/base64"
	"encoding/binary"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// shardIterator is what a shard iterator string carries. The string is
// self-contained, so iterators cost the fake no memory and need no cleanup;
// like the service's, it is opaque base64 and expires 5 minutes after issue.
type shardIterator struct {
	stream string
	tag    uint64 // the stream incarnation it was issued for
	shard  int
	// from is where reading resumes: the first record whose counter is at
	// least from.counter and whose arrival is at least from.arrival.
	from   position
	issued time.Time
	nonce  uint64 // makes every iterator a fresh string
}

const (
	iteratorVersion = 1
	iteratorHeader  = 1 + 8 + 4 + 8 + 8 + 8 + 8
	iteratorLife    = 5 * time.Minute
)

func (it shardIterator) String() string {
	b := make([]byte, iteratorHeader, iteratorHeader+len(it.stream))
	b[0] = iteratorVersion
	binary.BigEndian.PutUint64(b[1:], it.tag)
	binary.BigEndian.PutUint32(b[9:], uint32(it.shard))
	binary.BigEndian.PutUint64(b[13:], it.from.counter)
	binary.BigEndian.PutUint64(b[21:], uint64(it.from.arrival))
	binary.BigEndian.PutUint64(b[29:], uint64(it.issued.UnixMilli())) // not nanoseconds, which overflow in 2262
	binary.BigEndian.PutUint64(b[37:], it.nonce)
	b = append(b, it.stream...)
	return base64.StdEncoding.EncodeToString(b)
}

// parseShardIterator reads an iterator this fake issued; ok is false for
// anything else.
func parseShardIterator(s string) (it shardIterator, ok bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	// The decoder tolerates line breaks and stray padding bits; an iterator
	// the fake issued has neither.
	if err != nil || len(b) <= iteratorHeader || b[0] != iteratorVersion || base64.StdEncoding.EncodeToString(b) != s {
		return it, false
	}
	return shardIterator{
		tag:    binary.BigEndian.Uint64(b[1:]),
		shard:  int(binary.BigEndian.Uint32(b[9:])),
		from:   position{binary.BigEndian.Uint64(b[13:]), int64(binary.BigEndian.Uint64(b[21:]))},
		issued: time.UnixMilli(int64(binary.BigEndian.Uint64(b[29:]))),
		nonce:  binary.BigEndian.Uint64(b[37:]),
		stream: string(b[iteratorHeader:]),
	}, true
}

// start is where a reader asks to start: GetShardIterator's iterator type,
// or SubscribeToShard's StartingPosition.
type start struct {
	typ       types.ShardIteratorType
	sequence  *string
	timestamp *time.Time
	operation string // for messages
}

// position is a point in a shard, between two records.
type position struct {
	counter uint64
	arrival int64 // Unix milliseconds; 0 for no bound
}
