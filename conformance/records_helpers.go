package conformance

import (
	"context"
	"crypto/md5"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// Helpers of the records and resharding groups: putting records, reading a
// shard, listing shards and routing hash keys as the API reference defines
// them.

// maxHashKey is 2^128-1, the top of the hash key space.
var maxHashKey = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))

// md5HashKey is the hash key of a partition key: its MD5 read as a 128-bit
// big-endian number (API reference, PutRecord: "An MD5 hash function is used
// to map partition keys to 128-bit integer values").
func md5HashKey(partitionKey string) *big.Int {
	sum := md5.Sum([]byte(partitionKey))
	return new(big.Int).SetBytes(sum[:])
}

// hashKey parses a decimal hash key or sequence number of a reply.
func (t *T) hashKey(s *string) *big.Int {
	t.Helper()
	n, ok := new(big.Int).SetString(aws.ToString(s), 10)
	if !ok {
		t.Fatalf("%q is not a decimal number", aws.ToString(s))
	}
	return n
}

// seqLess reports whether sequence number a is below b, as numbers.
func (t *T) seqLess(a, b *string) bool {
	t.Helper()
	return t.hashKey(a).Cmp(t.hashKey(b)) < 0
}

// inRange reports whether key falls in the shard's hash key range.
func (t *T) inRange(r *types.HashKeyRange, key *big.Int) bool {
	t.Helper()
	if r == nil {
		t.Fatalf("shard without HashKeyRange")
	}
	return t.hashKey(r.StartingHashKey).Cmp(key) <= 0 && key.Cmp(t.hashKey(r.EndingHashKey)) <= 0
}

// shardFor returns the ID of the open shard whose hash key range holds key.
func (t *T) shardFor(shards []types.Shard, key *big.Int) string {
	t.Helper()
	var found []string
	for _, sh := range shards {
		if shardOpen(sh) && t.inRange(sh.HashKeyRange, key) {
			found = append(found, aws.ToString(sh.ShardId))
		}
	}
	if len(found) != 1 {
		t.Fatalf("hash key %s falls in open shards %v, want exactly one", key, found)
	}
	return found[0]
}

// shardOpen reports whether a listed shard is open: its range has no end.
func shardOpen(sh types.Shard) bool {
	return sh.SequenceNumberRange == nil || sh.SequenceNumberRange.EndingSequenceNumber == nil
}

// idsOf are the IDs of the shards, in the order given.
func idsOf(shards []types.Shard) []string {
	ids := make([]string, len(shards))
	for i, sh := range shards {
		ids[i] = aws.ToString(sh.ShardId)
	}
	return ids
}

// shardName is the canonical ID of shard n: shardId- and 12 digits, as the
// service names them (kinesalite's tests, recorded against it).
func shardName(n int) string { return fmt.Sprintf("shardId-%012d", n) }

// ListAllShards lists the stream's shards, following NextToken to the end.
// A filter, if given, applies to every page.
func (t *T) ListAllShards(name string, filter *types.ShardFilter) []types.Shard {
	t.Helper()
	var shards []types.Shard
	in := &kinesis.ListShardsInput{StreamName: aws.String(name), ShardFilter: filter}
	for range 1000 {
		out, err := t.K.ListShards(t.Ctx(), in)
		t.NoError(err)
		shards = append(shards, out.Shards...)
		if out.NextToken == nil {
			return shards
		}
		in = &kinesis.ListShardsInput{NextToken: out.NextToken}
	}
	t.Fatalf("ListShards of %s: NextToken after 1000 pages", name)
	return nil
}

// ShardNamed returns the listed shard with the ID.
func (t *T) ShardNamed(shards []types.Shard, id string) types.Shard {
	t.Helper()
	for _, sh := range shards {
		if aws.ToString(sh.ShardId) == id {
			return sh
		}
	}
	t.Fatalf("no shard %s among %v", id, idsOf(shards))
	return types.Shard{}
}

// PutData puts one record and returns the reply.
func (t *T) PutData(name, partitionKey string, data []byte) *kinesis.PutRecordOutput {
	t.Helper()
	out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(partitionKey), Data: data})
	t.NoError(err)
	return out
}

// PutHashKey puts one record routed by an explicit hash key.
func (t *T) PutHashKey(name string, hashKey *big.Int, data []byte) *kinesis.PutRecordOutput {
	t.Helper()
	out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), ExplicitHashKey: aws.String(hashKey.String()), Data: data})
	t.NoError(err)
	return out
}

// A written record is one as it was put: its key, data, and where the
// service says it went.
type written struct {
	key, data      string
	shard, seq     string
	encryptionType types.EncryptionType
}

// PutSerially puts n records of the partition key one after the other, each
// naming the previous one's sequence number as SequenceNumberForOrdering,
// which the API reference gives as the way to strictly increasing sequence
// numbers. Their data are prefix0, prefix1, …
func (t *T) PutSerially(name, partitionKey, prefix string, n int) []written {
	t.Helper()
	var puts []written
	var previous *string
	for i := range n {
		data := fmt.Sprint(prefix, i)
		out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(partitionKey), Data: []byte(data), SequenceNumberForOrdering: previous})
		t.NoError(err)
		previous = out.SequenceNumber
		puts = append(puts, written{key: partitionKey, data: data, shard: aws.ToString(out.ShardId), seq: aws.ToString(out.SequenceNumber), encryptionType: out.EncryptionType})
	}
	return puts
}

// callTimeout bounds one call of a scenario that a target might leave
// unanswered, so that the scenario fails rather than hangs.
const callTimeout = time.Minute

// callContext is the context of one such call.
func (t *T) callContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.Ctx(), callTimeout)
}

// ShardIterator gets a shard iterator of the type, at or after the sequence
// number or at the timestamp the type needs.
func (t *T) ShardIterator(name, shard string, typ types.ShardIteratorType, seq *string, at *time.Time) *string {
	t.Helper()
	ctx, cancel := t.callContext()
	defer cancel()
	out, err := t.K.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String(shard), ShardIteratorType: typ, StartingSequenceNumber: seq, Timestamp: at})
	t.NoError(err)
	if out.ShardIterator == nil {
		t.Fatalf("GetShardIterator %s of %s: no ShardIterator", typ, shard)
	}
	return out.ShardIterator
}

// A readResult is what reading a shard gave: the records, in order, and the
// last reply.
type readResult struct {
	records []types.Record
	last    *kinesis.GetRecordsOutput
	calls   int
}

// ReadRecords reads from the iterator until it has want records, the shard ends
// (NextShardIterator is null), or a reply at the tip (no records,
// MillisBehindLatest 0) says there are no more. A remote target's records
// may take a moment to become readable, so there it keeps reading for up
// to 30 seconds before it believes the tip. limit, if given, is every
// call's Limit.
func (t *T) ReadRecords(it *string, want int, limit *int32) readResult {
	t.Helper()
	var r readResult
	deadline := time.Now().Add(30 * time.Second)
	for {
		if r.calls > 0 && t.Remote() {
			// Five GetRecords calls a second per shard (API reference).
			time.Sleep(250 * time.Millisecond)
		}
		out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: it, Limit: limit})
		t.NoError(err)
		r.calls++
		r.last = out
		r.records = append(r.records, out.Records...)
		if limit != nil && len(out.Records) > int(*limit) {
			t.Fatalf("GetRecords returned %d records over its Limit of %d", len(out.Records), *limit)
		}
		if len(r.records) >= want || out.NextShardIterator == nil {
			return r
		}
		caughtUp := len(out.Records) == 0 && aws.ToInt64(out.MillisBehindLatest) == 0
		if caughtUp && (!t.Remote() || time.Now().After(deadline)) {
			return r
		}
		if r.calls > 10000 {
			t.Fatalf("GetRecords: still reading after %d calls", r.calls)
		}
		it = out.NextShardIterator
	}
}

// ReadShard reads a shard from TRIM_HORIZON until it has want records or
// reaches its tip.
func (t *T) ReadShard(name, shard string, want int) []types.Record {
	t.Helper()
	return t.ReadRecords(t.ShardIterator(name, shard, types.ShardIteratorTypeTrimHorizon, nil, nil), want, nil).records
}

// wantOnlyLater checks an iterator of stream name's only shard that stands
// past every record the shard holds: GetRecords reads none of them (what
// says which they are, for the message), and a record put afterwards is
// read from the NextShardIterator it gives.
func (t *T) wantOnlyLater(name string, it *string, what string) {
	t.Helper()
	out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: it})
	t.NoError(err)
	if len(out.Records) != 0 {
		t.Fatalf("read %d records %s", len(out.Records), what)
	}
	later := t.PutSerially(name, "k", "later", 1)
	t.WantRecords(t.ReadRecords(out.NextShardIterator, 1, nil).records, later)
}

// WantRecords checks that the records read are the puts, in order: the same
// partition keys, data and sequence numbers.
func (t *T) WantRecords(got []types.Record, want []written) {
	t.Helper()
	describe := func(key, data, seq string) string { return fmt.Sprintf("%s=%q@%s", key, data, seq) }
	var g, w []string
	for _, r := range got {
		g = append(g, describe(aws.ToString(r.PartitionKey), string(r.Data), aws.ToString(r.SequenceNumber)))
	}
	for _, p := range want {
		w = append(w, describe(p.key, p.data, p.seq))
	}
	if !slices.Equal(g, w) {
		t.Fatalf("read %d records %v\nwant %d %v", len(g), g, len(w), w)
	}
}

// Refused checks that err is an error of the service for the operation,
// whatever its code: for rules the API reference states without naming the
// error.
func (t *T) Refused(err error, op string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want the call refused", op)
	}
	var oe *smithy.OperationError
	var apiErr smithy.APIError
	if !errors.As(err, &oe) || oe.OperationName != op || !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v is not an API error of Kinesis %s", op, err, op)
	}
}

// WantErrorContaining is WantError for messages of which only a part is on
// record: it checks the code and that the message holds every part.
func (t *T) WantErrorContaining(err error, op, code string, parts ...string) {
	t.Helper()
	t.WantError(err, op, code, "")
	var apiErr smithy.APIError
	errors.As(err, &apiErr)
	for _, p := range parts {
		if !strings.Contains(apiErr.ErrorMessage(), p) {
			t.Fatalf("%s: message %q does not hold %q", op, apiErr.ErrorMessage(), p)
		}
	}
}

// reshardAndWait waits until a reshard started by call has finished: the stream is
// ACTIVE again. It returns the stream's shards then.
func (t *T) reshardAndWait(name string, call func() error) []types.Shard {
	t.Helper()
	t.NoError(call())
	t.WaitForStream(name)
	return t.ListAllShards(name, nil)
}

// SplitAndWait splits the shard at the hash key and waits for the stream to be
// ACTIVE again; it returns the shards then.
func (t *T) SplitAndWait(name, shard string, at *big.Int) []types.Shard {
	t.Helper()
	return t.reshardAndWait(name, func() error {
		_, err := t.K.SplitShard(t.Ctx(), &kinesis.SplitShardInput{StreamName: aws.String(name), ShardToSplit: aws.String(shard), NewStartingHashKey: aws.String(at.String())})
		return err
	})
}

// MergeAndWait merges the shard with the adjacent one above it and waits for the
// stream to be ACTIVE again; it returns the shards then.
func (t *T) MergeAndWait(name, shard, adjacent string) []types.Shard {
	t.Helper()
	return t.reshardAndWait(name, func() error {
		_, err := t.K.MergeShards(t.Ctx(), &kinesis.MergeShardsInput{StreamName: aws.String(name), ShardToMerge: aws.String(shard), AdjacentShardToMerge: aws.String(adjacent)})
		return err
	})
}

// middle is the hash key halfway through a shard's range.
func (t *T) middle(sh types.Shard) *big.Int {
	t.Helper()
	sum := new(big.Int).Add(t.hashKey(sh.HashKeyRange.StartingHashKey), t.hashKey(sh.HashKeyRange.EndingHashKey))
	return sum.Rsh(sum, 1)
}

// WantCoverage checks that the shards' hash key ranges, in order of their
// starting keys, cover 0 to 2^128-1 without gap or overlap.
func (t *T) WantCoverage(shards []types.Shard) {
	t.Helper()
	sorted := slices.Clone(shards)
	slices.SortFunc(sorted, func(a, b types.Shard) int {
		return t.hashKey(a.HashKeyRange.StartingHashKey).Cmp(t.hashKey(b.HashKeyRange.StartingHashKey))
	})
	next := big.NewInt(0)
	for _, sh := range sorted {
		start, end := t.hashKey(sh.HashKeyRange.StartingHashKey), t.hashKey(sh.HashKeyRange.EndingHashKey)
		if start.Cmp(next) != 0 || end.Cmp(start) < 0 {
			t.Fatalf("shard %s covers [%s, %s], want it to start at %s", aws.ToString(sh.ShardId), start, end, next)
		}
		next = new(big.Int).Add(end, big.NewInt(1))
	}
	if next.Cmp(new(big.Int).Add(maxHashKey, big.NewInt(1))) != 0 {
		t.Fatalf("the shards end at %s, want 2^128-1", new(big.Int).Sub(next, big.NewInt(1)))
	}
}

// ReadToEnd reads a closed shard from the iterator until NextShardIterator
// is null, and returns its records and the last reply, which names the
// shard's children. The service may give a NextShardIterator a few more
// times once a shard has closed (kinesalite's test/mergeShards.js, recorded
// against it), so a remote target has 60 seconds to end the shard.
func (t *T) ReadToEnd(it *string) readResult {
	t.Helper()
	var r readResult
	deadline := time.Now().Add(60 * time.Second)
	for it != nil {
		if r.calls > 0 && t.Remote() {
			time.Sleep(250 * time.Millisecond) // five GetRecords a second per shard
		}
		out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: it})
		t.NoError(err)
		r.calls++
		r.last = out
		r.records = append(r.records, out.Records...)
		if out.NextShardIterator != nil && len(out.Records) == 0 && aws.ToInt64(out.MillisBehindLatest) == 0 &&
			((!t.Remote() && r.calls > 100) || time.Now().After(deadline)) {
			t.Fatalf("GetRecords: the shard did not end after %d calls: NextShardIterator is still given at its tip", r.calls)
		}
		it = out.NextShardIterator
	}
	return r
}
