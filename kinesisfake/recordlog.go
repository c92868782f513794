package kinesisfake

import (
	"iter"
	"sort"
)

// A shard's records are kept in segments of at most segmentRecords records
// and segmentBytes of data, so that storing one never moves the others,
// however many the shard holds, and expiry drops whole segments. Segments
// hold no pointers for the garbage collector to follow: each record's data
// and partition key sit back to back in its segment's bytes.
const (
	segmentRecords = 4096
	segmentBytes   = 1 << 20
)

// recordLog is a shard's records in sequence order, oldest retained first.
// Records are numbered from 0, the shard's first, on; the numbers of those
// retained run from start() to next-1. Readers see those below published
// only: a fake that keeps a store publishes a record once it is stored, so
// that nothing is read that a crash could take back.
type recordLog struct {
	segs      []segment
	head      int // records expired from the front of segs[0]
	next      int // the number the next record gets
	published int // the number of the first record readers do not see
}

type segment struct {
	first int // the number of its first record
	recs  []storedRecord
	bytes []byte
}

// storedRecord is one record's metadata. The sequence number is rebuilt from
// counter and arrival, with the shard's, when the record is read.
type storedRecord struct {
	counter uint64
	arrival int64  // Unix milliseconds, the service's precision
	end     uint32 // where its data and key end in the segment's bytes, which the previous record's end starts
	keyLen  uint16 // a partition key is at most 256 characters
}

func (l *recordLog) start() int {
	if len(l.segs) == 0 {
		return l.next
	}
	return l.segs[0].first + l.head
}

// end is the number after the last record readers see.
func (l *recordLog) end() int { return l.published }

// publish lets readers see the records numbered below n.
func (l *recordLog) publish(n int) { l.published = max(l.published, n) }

// settled reports whether readers see every record.
func (l *recordLog) settled() bool { return l.published == l.next }

// locate finds record i: the index of its segment and its position there.
func (l *recordLog) locate(i int) (k, j int) {
	k = sort.Search(len(l.segs), func(k int) bool { return l.segs[k].first > i }) - 1
	return k, i - l.segs[k].first
}

// at returns record i, which must be retained.
func (l *recordLog) at(i int) *storedRecord {
	k, j := l.locate(i)
	return &l.segs[k].recs[j]
}

// oldest and newest return the first and last records retained, if any.
func (l *recordLog) oldest() (*storedRecord, bool) {
	if l.start() == l.next {
		return nil, false
	}
	return &l.segs[0].recs[l.head], true
}

func (l *recordLog) newest() (*storedRecord, bool) {
	if l.start() == l.next {
		return nil, false
	}
	recs := l.segs[len(l.segs)-1].recs
	return &recs[len(recs)-1], true
}

// append stores a record, copying its data and partition key.
func (l *recordLog) append(data []byte, key string, counter uint64, arrival int64) {
	n := len(data) + len(key)
	if k := len(l.segs) - 1; k < 0 || len(l.segs[k].recs) == cap(l.segs[k].recs) || len(l.segs[k].bytes)+n > cap(l.segs[k].bytes) {
		l.segs = append(l.segs, l.newSegment(n))
	}
	seg := &l.segs[len(l.segs)-1]
	seg.bytes = append(append(seg.bytes, data...), key...)
	seg.recs = append(seg.recs, storedRecord{counter: counter, arrival: arrival, end: uint32(len(seg.bytes)), keyLen: uint16(len(key))})
	l.next++
}

// newSegment starts a segment for a record of n bytes. A segment never
// grows, so that storing a record never copies others; instead each holds
// twice the records of the last, up to the limits, with room for as many
// bytes as they took there, so that a shard with few records stays small.
// A record larger than segmentBytes has a segment of its own.
func (l *recordLog) newSegment(n int) segment {
	recs, bytes := 16, 2<<10 // a shard's first
	if k := len(l.segs) - 1; k >= 0 {
		prev := &l.segs[k]
		recs = min(2*len(prev.recs), segmentRecords)
		bytes = min(len(prev.bytes)*recs/len(prev.recs), segmentBytes)
	}
	return segment{first: l.next, recs: make([]storedRecord, 0, recs), bytes: make([]byte, 0, max(bytes, n))}
}

// expire drops the records that arrived before horizon.
func (l *recordLog) expire(horizon int64) {
	k := sort.Search(len(l.segs), func(k int) bool {
		recs := l.segs[k].recs
		return recs[len(recs)-1].arrival >= horizon
	})
	if k > 0 {
		clear(l.segs[:k]) // let the expired segments be collected
		l.segs, l.head = l.segs[k:], 0
	}
	if len(l.segs) > 0 {
		recs := l.segs[0].recs[l.head:]
		l.head += sort.Search(len(recs), func(j int) bool { return recs[j].arrival >= horizon })
	}
}

// find returns the number of the first retained record readers see at or
// after p, or end() if there is none. An arrival of 0 is no bound, so records put while
// a clock read before 1970 are found too.
func (l *recordLog) find(p position) int {
	atOrAfter := func(r *storedRecord) bool {
		return r.counter >= p.counter && (p.arrival == 0 || r.arrival >= p.arrival)
	}
	k := sort.Search(len(l.segs), func(k int) bool {
		recs := l.segs[k].recs
		return atOrAfter(&recs[len(recs)-1])
	})
	if k == len(l.segs) {
		return l.published
	}
	recs := l.segs[k].recs
	return min(max(l.segs[k].first+sort.Search(len(recs), func(j int) bool { return atOrAfter(&recs[j]) }), l.start()), l.published)
}

// span is a run of records: those numbered from to to-1, with the bytes of
// their data and of their partition keys.
type span struct {
	from, to            int
	dataBytes, keyBytes int
}

// take returns the records a read from record from gets: at most limit
// records and maxBytes of data, but at least one if there is one.
func (l *recordLog) take(from, limit, maxBytes int) span {
	sp := span{from: from, to: from}
	for r := range l.records(from) {
		n := len(r.data)
		if sp.to-from == limit || sp.to > from && sp.dataBytes+n > maxBytes {
			break
		}
		sp.dataBytes += n
		sp.keyBytes += len(r.key)
		sp.to++
	}
	return sp
}

// record is a stored record as a reader sees it. data and key point into
// the shard's storage: copy them before the lock is released.
type record struct {
	*storedRecord
	data, key []byte
}

// records lists the records readers see from number from on, in order.
func (l *recordLog) records(from int) iter.Seq[record] {
	return func(yield func(record) bool) {
		if from >= l.published {
			return
		}
		n := l.published - from
		for k, j := l.locate(from); k < len(l.segs); k, j = k+1, 0 {
			seg := &l.segs[k]
			for ; j < len(seg.recs); j++ {
				if !yield(seg.view(j)) {
					return
				}
				if n--; n == 0 {
					return
				}
			}
		}
	}
}

// get returns record i, which must be retained.
func (l *recordLog) get(i int) record {
	k, j := l.locate(i)
	return l.segs[k].view(j)
}

// view is the segment's record j as a reader sees it.
func (seg *segment) view(j int) record {
	start := uint32(0)
	if j > 0 {
		start = seg.recs[j-1].end
	}
	r := &seg.recs[j]
	split := r.end - uint32(r.keyLen)
	return record{r, seg.bytes[start:split:split], seg.bytes[split:r.end:r.end]}
}
