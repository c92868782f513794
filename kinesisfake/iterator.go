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

// position is a point in a shard, between two records.
type position struct {
	counter uint64
	arrival int64 // Unix milliseconds; 0 for no bound
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

// position resolves a start in a shard. The checks and their wording are the
// service's, in its order.
func (e *engine) position(s *stream, sh *shard, st start, now time.Time) (position, error) {
	t := st.typ
	bySequence := t == types.ShardIteratorTypeAtSequenceNumber || t == types.ShardIteratorTypeAfterSequenceNumber
	if st.sequence == nil {
		switch t {
		case types.ShardIteratorTypeTrimHorizon:
			return position{}, nil
		case types.ShardIteratorTypeLatest:
			return position{counter: s.counter + 1}, nil
		case types.ShardIteratorTypeAtTimestamp:
			if st.timestamp == nil {
				return position{}, invalidArgument("Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP. Current request has no timestamp parameter.")
			}
			ts := st.timestamp.UnixMilli()
			if ts > now.UnixMilli() {
				return position{}, invalidArgument("The timestampInMillis parameter cannot be greater than the currentTimestampInMillis. timestampInMillis: %d, currentTimestampInMillis: %d", ts, now.UnixMilli())
			}
			return position{arrival: ts}, nil
		}
		return position{}, invalidArgument(sequenceTypeMismatch+"%s and no StartingSequenceNumber.", t)
	}
	if !bySequence {
		return position{}, invalidArgument(sequenceTypeMismatch+"%s and also a StartingSequenceNumber.", t)
	}
	given := *st.sequence
	// A version 3 number fails the service in PutRecord (kinesalite's
	// test/putRecord.js); the fake fails it wherever it is read. One of
	// version 0 that encodes the right shard fails it too
	// (test/getShardIterator.js), and one of version 1 did not come from
	// this stream (amazon-archives/amazon-kinesis-connectors#8).
	seq, version, ok := parseSequenceNumber(given)
	switch {
	case !ok:
		return position{}, invalidArgument("StartingSequenceNumber %s used in %s on shard %s in stream %s under account %s is invalid.", given, st.operation, sh.id, s.name, e.accountID)
	case version == 3:
		return position{}, internalFailure()
	case int(seq.shard) != sh.index:
		return position{}, invalidArgument("Invalid StartingSequenceNumber. It encodes %s, while it was used in a call to a shard with %s", shardID(int(seq.shard)), sh.id)
	case version == 0:
		return position{}, internalFailure()
	case version != 2 || seq.created != sh.created:
		return position{}, invalidArgument("StartingSequenceNumber %s used in %s on shard %s in stream %s under account %s is invalid because it did not come from this stream.", given, st.operation, sh.id, s.name, e.accountID)
	}
	if t == types.ShardIteratorTypeAfterSequenceNumber {
		seq.index++
	}
	return position{counter: seq.index}, nil
}

const sequenceTypeMismatch = "Must either specify (1) AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER and StartingSequenceNumber or (2) TRIM_HORIZON or LATEST and no StartingSequenceNumber. Request specified "
