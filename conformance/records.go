package conformance

import (
	"bytes"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

const (
	refPutRecord         = "API reference, PutRecord"
	refPutRecords        = "API reference, PutRecords"
	refPutRecordsEntry   = "API reference, PutRecordsRequestEntry"
	refGetShardIterator  = "API reference, GetShardIterator"
	refGetRecords        = "API reference, GetRecords"
	refRecord            = "API reference, Record"
	refListShards        = "API reference, ListShards"
	refShardFilter       = "API reference, ShardFilter"
	refDescribeStream    = "API reference, DescribeStream"
	refSequenceRange     = "API reference, SequenceNumberRange"
	refStartEncryption   = "API reference, StartStreamEncryption"
	kinesalitePut        = "kinesalite test/putRecord.js"
	kinesalitePuts       = "kinesalite test/putRecords.js"
	kinesaliteIterator   = "kinesalite test/getShardIterator.js"
	kinesaliteGetRecords = "kinesalite test/getRecords.js"
	kinesaliteListShards = "kinesalite test/listShards.js"
	// Production's size errors: with the value until 2025, without since.
	recordedSize2017 = "https://github.com/awslabs/kinesis-aggregation/issues/30"
	recordedSize2025 = "https://github.com/awslabs/amazon-kinesis-producer/issues/680"
)

// recordScenarios are the scenarios of the records group.
func recordScenarios() []Scenario {
	return slices.Concat(
		routingScenarios(),
		explicitHashKeyScenarios(),
		orderingScenarios(),
		putRecordsScenarios(),
		dataScenarios(),
		iteratorScenarios(),
		getRecordsScenarios(),
		iteratorErrorScenarios(),
		listShardsScenarios(),
	)
}

func routingScenarios() []Scenario {
	keys := make([]string, 20)
	for i := range keys {
		keys[i] = fmt.Sprint("key-", i)
	}
	return []Scenario{
		{Group: "records", Name: "PutRecord routes a partition key to the shard whose range holds its MD5", Source: refPutRecord + "; " + kinesalitePut, Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.ListAllShards(name, nil)
			for _, key := range keys {
				out := t.PutData(name, key, []byte(key))
				if got, want := aws.ToString(out.ShardId), t.shardFor(shards, md5HashKey(key)); got != want {
					t.Errorf("partition key %q (MD5 %s) went to %s, want %s", key, md5HashKey(key), got, want)
				}
			}
		}},
		{Group: "records", Name: "PutRecords routes each entry by the MD5 of its partition key", Source: refPutRecords + "; " + kinesalitePuts, Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.ListAllShards(name, nil)
			entries := make([]types.PutRecordsRequestEntry, len(keys))
			for i, key := range keys {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(key), Data: []byte(key)}
			}
			out, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: entries})
			t.NoError(err)
			if len(out.Records) != len(keys) {
				t.Fatalf("%d results for %d entries", len(out.Records), len(keys))
			}
			for i, key := range keys {
				if got, want := aws.ToString(out.Records[i].ShardId), t.shardFor(shards, md5HashKey(key)); got != want {
					t.Errorf("entry %d, partition key %q, went to %s, want %s", i, key, got, want)
				}
			}
		}},
		{Group: "records", Name: "a record is read from the shard PutRecord named", Source: refPutRecord + "; " + refGetRecords, Run: func(t *T) {
			name, _ := t.CreateStream(3)
			want := map[string][]written{}
			for _, key := range keys[:9] {
				out := t.PutData(name, key, []byte("data of "+key))
				sh := aws.ToString(out.ShardId)
				want[sh] = append(want[sh], written{key: key, data: "data of " + key, shard: sh, seq: aws.ToString(out.SequenceNumber)})
			}
			for _, sh := range idsOf(t.ListAllShards(name, nil)) {
				t.WantRecords(t.ReadShard(name, sh, len(want[sh])), want[sh])
			}
		}},
		{Group: "records", Name: "records of one partition key all go to one shard", Source: refPutRecordsEntry + " (\"all data records with the same partition key map to the same shard\")", Run: func(t *T) {
			name, _ := t.CreateStream(4)
			first := aws.ToString(t.PutData(name, "same", []byte("0")).ShardId)
			for i := 1; i < 10; i++ {
				if got := aws.ToString(t.PutData(name, "same", []byte(fmt.Sprint(i))).ShardId); got != first {
					t.Fatalf("put %d of partition key \"same\" went to %s, the first to %s", i, got, first)
				}
			}
		}},
	}
}

// An explicitHashKeyCase picks, on a stream of 3 shards listed in order, the
// hash key to put a record at, its partition key, and the shard it must go
// to.
type explicitHashKeyCase struct {
	name, source string
	pick         func(t *T, shards []types.Shard) (partitionKey string, hashKey *big.Int, want string)
}

var explicitHashKeyCases = []explicitHashKeyCase{
	{"with ExplicitHashKey 0 goes to the first shard", "", func(t *T, shards []types.Shard) (string, *big.Int, string) {
		return "k", big.NewInt(0), aws.ToString(shards[0].ShardId)
	}},
	{"with ExplicitHashKey 2^128-1 goes to the last shard", "'should work with final ExplicitHashKey'", func(t *T, shards []types.Shard) (string, *big.Int, string) {
		return "k", maxHashKey, aws.ToString(shards[2].ShardId)
	}},
	{"with ExplicitHashKey at a shard's EndingHashKey stays in that shard", "'should work with ExplicitHashKey just below range'", func(t *T, shards []types.Shard) (string, *big.Int, string) {
		return "k", t.hashKey(shards[1].HashKeyRange.EndingHashKey), aws.ToString(shards[1].ShardId)
	}},
	{"with ExplicitHashKey at a shard's StartingHashKey goes to that shard", "'should work with ExplicitHashKey just above range'", func(t *T, shards []types.Shard) (string, *big.Int, string) {
		return "k", t.hashKey(shards[2].HashKeyRange.StartingHashKey), aws.ToString(shards[2].ShardId)
	}},
	{"with ExplicitHashKey goes where the key says, not where the partition key hashes", "", func(t *T, shards []types.Shard) (string, *big.Int, string) {
		// MD5("a") falls in the first of 3 shards (kinesalite's tests).
		target := shards[2]
		if t.inRange(target.HashKeyRange, md5HashKey("a")) {
			target = shards[0]
		}
		return "a", t.middle(target), aws.ToString(target.ShardId)
	}},
}

func explicitHashKeyScenarios() []Scenario {
	var scenarios []Scenario
	for _, c := range explicitHashKeyCases {
		source := func(ref, kinesalite string) string {
			if c.source == "" {
				return ref
			}
			return ref + "; " + kinesalite + " " + c.source
		}
		scenarios = append(scenarios,
			Scenario{Group: "records", Name: "PutRecord " + c.name, Source: source(refPutRecord, kinesalitePut), Run: func(t *T) {
				name, _ := t.CreateStream(3)
				key, hashKey, want := c.pick(t, t.ListAllShards(name, nil))
				out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(key), ExplicitHashKey: aws.String(hashKey.String()), Data: []byte("x")})
				t.NoError(err)
				if got := aws.ToString(out.ShardId); got != want {
					t.Errorf("ExplicitHashKey %s went to %s, want %s", hashKey, got, want)
				}
			}},
			Scenario{Group: "records", Name: "PutRecords " + c.name, Source: source(refPutRecordsEntry, kinesalitePuts+" 'should work with mixed values', like "+kinesalitePut), Run: func(t *T) {
				name, _ := t.CreateStream(3)
				key, hashKey, want := c.pick(t, t.ListAllShards(name, nil))
				out, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: []types.PutRecordsRequestEntry{
					{PartitionKey: aws.String(key), ExplicitHashKey: aws.String(hashKey.String()), Data: []byte("x")},
				}})
				t.NoError(err)
				if len(out.Records) != 1 {
					t.Fatalf("%d results for 1 entry", len(out.Records))
				}
				if got := aws.ToString(out.Records[0].ShardId); got != want {
					t.Errorf("ExplicitHashKey %s went to %s, want %s", hashKey, got, want)
				}
			}},
		)
	}
	tooLarge := new(big.Int).Lsh(big.NewInt(1), 128).String()
	message := recorded.ExplicitHashKeyOutOfRange(tooLarge)
	return append(scenarios,
		Scenario{Group: "records", Name: "PutRecord refuses ExplicitHashKey 2^128", Source: kinesalitePut + " 'should return InvalidArgumentException for out of bounds ExplicitHashKey'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("a"), ExplicitHashKey: aws.String(tooLarge), Data: []byte{}})
			t.WantError(err, "PutRecord", "InvalidArgumentException", message)
		}},
		Scenario{Group: "records", Name: "PutRecords refuses the whole call for one ExplicitHashKey of 2^128", Source: kinesalitePuts + " 'should return InvalidArgumentException for out of bounds ExplicitHashKey'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			_, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("a"), ExplicitHashKey: aws.String(tooLarge), Data: []byte{}},
				{PartitionKey: aws.String("a"), Data: []byte{}},
			}})
			t.WantError(err, "PutRecords", "InvalidArgumentException", message)
		}},
	)
}

func orderingScenarios() []Scenario {
	return []Scenario{
		{Group: "records", Name: "each record put with SequenceNumberForOrdering gets a number above the one it names", Source: refPutRecord + " (SequenceNumberForOrdering: \"strictly increasing sequence numbers\")", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			puts := t.PutSerially(name, "ordered", "r", 10)
			for i := 1; i < len(puts); i++ {
				if puts[i].shard != puts[0].shard {
					t.Fatalf("record %d of one partition key went to %s, record 0 to %s", i, puts[i].shard, puts[0].shard)
				}
				if !t.seqLess(&puts[i-1].seq, &puts[i].seq) {
					t.Errorf("record %d has sequence number %s, not above record %d's %s", i, puts[i].seq, i-1, puts[i-1].seq)
				}
			}
		}},
		{Group: "records", Name: "a shard is read in the order its records were put", Source: refPutRecord + "; " + refGetRecords, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			puts := slices.Concat(t.PutSerially(name, "x", "x", 5), t.PutSerially(name, "y", "y", 5))
			t.WantRecords(t.ReadShard(name, shardName(0), len(puts)), puts)
		}},
	}
}

func putRecordsScenarios() []Scenario {
	return []Scenario{
		{Group: "records", Name: "PutRecords answers each entry in request order with its ShardId and SequenceNumber", Source: refPutRecords + " (\"natural ordering, from the top to the bottom of the request and response\"); " + kinesalitePuts + " 'should work with mixed values'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.ListAllShards(name, nil)
			entries := []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("a"), Data: []byte("0")},
				{PartitionKey: aws.String("b"), Data: []byte("1")},
				{PartitionKey: aws.String("e"), Data: []byte("2")},
				{PartitionKey: aws.String("f"), Data: []byte("3")},
				{PartitionKey: aws.String("a"), Data: []byte("4"), ExplicitHashKey: aws.String(maxHashKey.String())},
				{PartitionKey: aws.String("a"), Data: []byte("5"), ExplicitHashKey: shards[1].HashKeyRange.EndingHashKey},
				{PartitionKey: aws.String("a"), Data: []byte("6"), ExplicitHashKey: shards[2].HashKeyRange.StartingHashKey},
			}
			out, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: entries})
			t.NoError(err)
			if got := aws.ToInt32(out.FailedRecordCount); got != 0 {
				t.Errorf("FailedRecordCount %d, want 0", got)
			}
			if len(out.Records) != len(entries) {
				t.Fatalf("%d results for %d entries", len(out.Records), len(entries))
			}
			for i, e := range entries {
				key := md5HashKey(aws.ToString(e.PartitionKey))
				if e.ExplicitHashKey != nil {
					key = t.hashKey(e.ExplicitHashKey)
				}
				r := out.Records[i]
				if got, want := aws.ToString(r.ShardId), t.shardFor(shards, key); got != want {
					t.Errorf("result %d names %s, want %s", i, got, want)
				}
				if r.SequenceNumber == nil || r.ErrorCode != nil {
					t.Errorf("result %d: SequenceNumber %v, ErrorCode %v", i, aws.ToString(r.SequenceNumber), aws.ToString(r.ErrorCode))
				}
			}
		}},
		{Group: "records", Name: "each PutRecords entry is read once, under the sequence number it was given", Source: refPutRecords + "; " + refGetRecords, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			entries := make([]types.PutRecordsRequestEntry, 20)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("k", i)), Data: []byte(fmt.Sprint("d", i))}
			}
			out, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: entries})
			t.NoError(err)
			want := map[string]string{} // data by sequence number
			for i, r := range out.Records {
				want[aws.ToString(r.SequenceNumber)] = fmt.Sprint("k", i, "=d", i)
			}
			got := map[string]string{}
			for _, r := range t.ReadShard(name, shardName(0), len(entries)) {
				seq := aws.ToString(r.SequenceNumber)
				if _, dup := got[seq]; dup {
					t.Errorf("sequence number %s read twice", seq)
				}
				got[seq] = aws.ToString(r.PartitionKey) + "=" + string(r.Data)
			}
			if len(want) != len(entries) || !mapsEqual(got, want) {
				t.Fatalf("read %v\nwant %v", got, want)
			}
			// PutRecords does not promise the order of its entries within
			// a shard (Developer Guide, "Adding Multiple Records with
			// PutRecords"), so only the set is checked.
		}},
		{Group: "records", Name: "PutRecords takes 500 entries", Source: refPutRecords + " (\"Each PutRecords request can support up to 500 records\")", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			entries := make([]types.PutRecordsRequestEntry, 500)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint(i)), Data: []byte{byte(i)}}
			}
			out, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: entries})
			t.NoError(err)
			if len(out.Records) != 500 || aws.ToInt32(out.FailedRecordCount) != 0 {
				t.Fatalf("%d results, %d failed; want 500 and none failed", len(out.Records), aws.ToInt32(out.FailedRecordCount))
			}
		}},
		{Group: "records", Name: "PutRecords refuses 501 entries", Source: refPutRecords + "; " + kinesalitePuts + " 'should return ValidationException for too many records'", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			entries := make([]types.PutRecordsRequestEntry, 501)
			for i := range entries {
				entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String("k"), Data: []byte("x")}
			}
			_, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: entries})
			// The service prints the list as Java objects, whose hashes
			// cannot be predicted: only the rest of the message is checked.
			t.WantErrorContaining(err, "PutRecords", "ValidationException",
				"1 validation error detected: Value '[", "]' at 'records' failed to satisfy constraint: Member must have length less than or equal to 500")
		}},
	}
}

// mapsEqual reports whether two maps of strings hold the same entries.
func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func dataScenarios() []Scenario {
	var scenarios []Scenario
	for _, n := range []int{1, 256} {
		scenarios = append(scenarios, Scenario{Group: "records", Name: fmt.Sprintf("a partition key of %d characters is stored and read back", n), Source: refPutRecord + " (PartitionKey: minimum length 1, maximum 256)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			key := strings.Repeat("p", n)
			out := t.PutData(name, key, []byte("x"))
			t.WantRecords(t.ReadShard(name, shardName(0), 1), []written{{key: key, data: "x", seq: aws.ToString(out.SequenceNumber)}})
		}})
	}
	return append(scenarios,
		Scenario{Group: "records", Name: "binary data is read back byte for byte", Source: refRecord + " (Data: a blob the service does not inspect)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			data := make([]byte, 512)
			for i := range data {
				data[i] = byte(i) ^ byte(i>>8)*0xff
			}
			t.PutData(name, "bin", data)
			got := t.ReadShard(name, shardName(0), 1)
			if len(got) != 1 || !bytes.Equal(got[0].Data, data) {
				t.Fatalf("read %d records; want the 512 bytes put", len(got))
			}
		}},
		Scenario{Group: "records", Name: "empty data is accepted and read back empty", Source: refPutRecord + " (Data: minimum length 0); " + kinesalitePut + " 'should work with empty Data'", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			out := t.PutData(name, "a", []byte{})
			if got := aws.ToString(out.ShardId); got != shardName(0) {
				t.Errorf("ShardId %s, want %s", got, shardName(0))
			}
			t.WantRecords(t.ReadShard(name, shardName(0), 1), []written{{key: "a", data: "", seq: aws.ToString(out.SequenceNumber)}})
		}},
		Scenario{Group: "records", Name: "a partition key of 257 characters is refused", Source: refPutRecord + "; " + kinesalitePut + " 'should return ValidationException for long StreamName'", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			key := strings.Repeat("p", 257)
			_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(key), Data: []byte("x")})
			t.WantErrorContaining(err, "PutRecord", "ValidationException",
				"Value '"+key+"' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256")
		}},
		Scenario{Group: "records", Name: "a record of 1 MiB, data and partition key together, is accepted", Source: refPutRecord + " (Data: \"the total size must not exceed the maximum record size (1 MiB)\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			data := bytes.Repeat([]byte{0xa5}, 1<<20-1)
			t.PutData(name, "k", data)
			got := t.ReadShard(name, shardName(0), 1)
			if len(got) != 1 || !bytes.Equal(got[0].Data, data) {
				t.Fatalf("read %d records; want the 1 MiB record put", len(got))
			}
		}},
		Scenario{Group: "records", Name: "PutRecord refuses data over 1 MiB", Source: refPutRecord + "; production, " + recordedSize2017 + " and " + recordedSize2025, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)})
			t.WantErrorContaining(err, "PutRecord", "ValidationException",
				"at 'data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
		}},
		Scenario{Group: "records", Name: "PutRecords refuses an entry of data over 1 MiB", Source: refPutRecordsEntry + "; production, " + recordedSize2025, Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.PutRecords(t.Ctx(), &kinesis.PutRecordsInput{StreamName: aws.String(name), Records: []types.PutRecordsRequestEntry{
				{PartitionKey: aws.String("k"), Data: make([]byte, 1<<20+1)},
			}})
			t.WantErrorContaining(err, "PutRecords", "ValidationException",
				"1 validation error detected: Value at 'records.1.member.data' failed to satisfy constraint: Member must have length less than or equal to 1048576")
		}},
		Scenario{Group: "records", Name: "PutRecord refuses data and partition key together over 1 MiB", Source: refPutRecord + " (Data: \"the total size must not exceed the maximum record size (1 MiB)\"; the service's error for it is not on record)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			_, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("kk"), Data: make([]byte, 1<<20-1)})
			t.Refused(err, "PutRecord")
		}},
	)
}

func iteratorScenarios() []Scenario {
	// Each scenario puts five records r0…r4 in a stream of one shard.
	five := func(t *T) (name string, puts []written) {
		name, _ = t.CreateStream(1)
		return name, t.PutSerially(name, "k", "r", 5)
	}
	sh := shardName(0)
	return []Scenario{
		{Group: "records", Name: "TRIM_HORIZON reads a shard from its first record", Source: refGetShardIterator, Run: func(t *T) {
			name, puts := five(t)
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil), 5, nil).records, puts)
		}},
		{Group: "records", Name: "LATEST reads only the records put after it", Source: refGetShardIterator + " (LATEST: \"just after the most recent record in the shard\")", Run: func(t *T) {
			name, _ := five(t)
			it := t.ShardIterator(name, sh, types.ShardIteratorTypeLatest, nil, nil)
			later := t.PutSerially(name, "k", "later", 2)
			t.WantRecords(t.ReadRecords(it, 2, nil).records, later)
		}},
		{Group: "records", Name: "AT_SEQUENCE_NUMBER starts at the given record", Source: refGetShardIterator, Run: func(t *T) {
			name, puts := five(t)
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAtSequenceNumber, &puts[2].seq, nil), 3, nil).records, puts[2:])
		}},
		{Group: "records", Name: "AT_SEQUENCE_NUMBER of the first record reads the whole shard", Source: refGetShardIterator, Run: func(t *T) {
			name, puts := five(t)
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAtSequenceNumber, &puts[0].seq, nil), 5, nil).records, puts)
		}},
		{Group: "records", Name: "AFTER_SEQUENCE_NUMBER starts after the given record", Source: refGetShardIterator + " (AFTER_SEQUENCE_NUMBER: \"right after the position denoted by a specific sequence number\")", Run: func(t *T) {
			name, puts := five(t)
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAfterSequenceNumber, &puts[2].seq, nil), 2, nil).records, puts[3:])
		}},
		{Group: "records", Name: "AFTER_SEQUENCE_NUMBER of the last record reads only the records put later", Source: refGetShardIterator, Run: func(t *T) {
			name, puts := five(t)
			it := t.ShardIterator(name, sh, types.ShardIteratorTypeAfterSequenceNumber, &puts[4].seq, nil)
			t.wantOnlyLater(name, it, "after the last one")
		}},
		{Group: "records", Name: "AT_TIMESTAMP before the first record reads the whole shard", Source: refGetShardIterator + " (AT_TIMESTAMP)", Run: func(t *T) {
			name, puts := five(t)
			records := t.ReadShard(name, sh, 5)
			before := aws.ToTime(records[0].ApproximateArrivalTimestamp).Add(-time.Second)
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAtTimestamp, nil, &before), 5, nil).records, puts)
		}},
		{Group: "records", Name: "AT_TIMESTAMP after the last record reads only the records put later", Source: refGetShardIterator + " (AT_TIMESTAMP)", Run: func(t *T) {
			name, _ := five(t)
			records := t.ReadShard(name, sh, 5)
			after := aws.ToTime(records[4].ApproximateArrivalTimestamp).Round(time.Millisecond).Add(time.Millisecond)
			var it *string
			// The timestamp may be ahead of the target's clock for a
			// moment, which GetShardIterator refuses: try again until it
			// is not.
			t.Eventually("an AT_TIMESTAMP iterator after the last record", func() (bool, error) {
				ctx, cancel := t.callContext()
				defer cancel()
				out, err := t.K.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String(sh), ShardIteratorType: types.ShardIteratorTypeAtTimestamp, Timestamp: &after})
				if err != nil && strings.Contains(err.Error(), "cannot be greater than the currentTimestampInMillis") {
					return false, nil
				}
				if err == nil {
					it = out.ShardIterator
				}
				return err == nil, err
			})
			t.wantOnlyLater(name, it, "that arrived before the timestamp")
		}},
		{Group: "records", Name: "AT_TIMESTAMP starts at the first record that arrived at or after it", Source: refGetShardIterator + " (AT_TIMESTAMP: \"the position denoted by a specific time stamp\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			early := t.PutSerially(name, "k", "early", 3)
			// A few milliseconds between the two groups, so that their
			// arrival times, in milliseconds, differ.
			time.Sleep(20 * time.Millisecond)
			late := t.PutSerially(name, "k", "late", 3)
			records := t.ReadShard(name, sh, 6)
			t.WantRecords(records, slices.Concat(early, late))
			at := aws.ToTime(records[3].ApproximateArrivalTimestamp).Round(time.Millisecond)
			var want []written
			for i, r := range records {
				if !aws.ToTime(r.ApproximateArrivalTimestamp).Round(time.Millisecond).Before(at) {
					want = append(want, slices.Concat(early, late)[i])
				}
			}
			if len(want) != 3 {
				t.Fatalf("%d records arrived at or after the fourth's arrival %s, want 3: the groups' times overlap", len(want), at)
			}
			t.WantRecords(t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAtTimestamp, nil, &at), 3, nil).records, want)
		}},
	}
}

func getRecordsScenarios() []Scenario {
	sh := shardName(0)
	return []Scenario{
		{Group: "records", Name: "GetRecords with Limit 1 returns one record at a time", Source: refGetRecords + " (Limit: \"The maximum number of records to return\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			puts := t.PutSerially(name, "k", "r", 4)
			r := t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil), 4, aws.Int32(1))
			t.WantRecords(r.records, puts)
			if r.calls < 4 {
				t.Errorf("read 4 records in %d calls of Limit 1", r.calls)
			}
		}},
		{Group: "records", Name: "GetRecords without a Limit reads a shard to its tip", Source: refGetRecords + " (Limit: \"The default value is 10,000\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			puts := t.PutSerially(name, "k", "r", 30)
			t.WantRecords(t.ReadShard(name, sh, 30), puts)
		}},
		{Group: "records", Name: "NextShardIterator continues where the last call stopped", Source: refGetRecords + " (NextShardIterator)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			first := t.PutSerially(name, "k", "first", 3)
			r := t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil), 3, nil)
			t.WantRecords(r.records, first)
			second := t.PutSerially(name, "k", "second", 2)
			t.WantRecords(t.ReadRecords(r.last.NextShardIterator, 2, nil).records, second)
		}},
		{Group: "records", Name: "MillisBehindLatest is 0 at the tip", Source: refGetRecords + " (MillisBehindLatest: \"A value of zero indicates that record processing is caught up\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.PutSerially(name, "k", "r", 3)
			r := t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil), 3, nil)
			out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: r.last.NextShardIterator})
			t.NoError(err)
			if len(out.Records) != 0 || out.MillisBehindLatest == nil || *out.MillisBehindLatest != 0 {
				t.Fatalf("at the tip: %d records, MillisBehindLatest %v; want none and 0", len(out.Records), aws.ToInt64(out.MillisBehindLatest))
			}
		}},
		{Group: "records", Name: "an empty shard gives no records and a NextShardIterator", Source: refGetRecords + "; " + kinesaliteGetRecords + " 'should return ResourceNotFoundException if shard or stream does not exist'", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			out, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil)})
			t.NoError(err)
			if len(out.Records) != 0 || out.NextShardIterator == nil {
				t.Fatalf("%d records, NextShardIterator %v; want none and an iterator", len(out.Records), out.NextShardIterator)
			}
		}},
		{Group: "records", Name: "ApproximateArrivalTimestamp never decreases within a shard", Source: refRecord + " (ApproximateArrivalTimestamp) and " + refGetShardIterator + " (AT_TIMESTAMP reads a shard from a point in time)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.PutSerially(name, "k", "r", 10)
			records := t.ReadShard(name, sh, 10)
			var last time.Time
			for i, r := range records {
				at := aws.ToTime(r.ApproximateArrivalTimestamp)
				if r.ApproximateArrivalTimestamp == nil || at.Before(last) {
					t.Fatalf("record %d arrived at %v, after a record of %v", i, at, last)
				}
				last = at
			}
		}},
		{Group: "records", Name: "GetRecords of an open shard gives no ChildShards", Source: refGetRecords + " (ChildShards: \"returned ... only when the end of the current shard is reached\")", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.PutSerially(name, "k", "r", 2)
			r := t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeTrimHorizon, nil, nil), 2, nil)
			if len(r.last.ChildShards) != 0 || r.last.NextShardIterator == nil {
				t.Fatalf("ChildShards %v, NextShardIterator %v; want none and an iterator", r.last.ChildShards, r.last.NextShardIterator)
			}
		}},
		{Group: "records", Name: "records of an unencrypted stream are not KMS-encrypted", Source: refRecord + " (EncryptionType); " + refPutRecord + " (EncryptionType)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			puts := t.PutSerially(name, "k", "r", 1)
			records := t.ReadShard(name, sh, 1)
			if puts[0].encryptionType == types.EncryptionTypeKms || len(records) != 1 || records[0].EncryptionType == types.EncryptionTypeKms {
				t.Fatalf("PutRecord EncryptionType %q, %d records read; want NONE or none, and the record", puts[0].encryptionType, len(records))
			}
		}},
		{Group: "records", Name: "records put once encryption has started carry EncryptionType KMS", Source: refStartEncryption + " (\"you can verify that encryption is applied by inspecting the API response from PutRecord\"); " + refRecord + " (EncryptionType)", Run: func(t *T) {
			name, _ := t.CreateStream(1)
			t.Must(t.K.StartStreamEncryption(t.Ctx(), &kinesis.StartStreamEncryptionInput{StreamName: aws.String(name), EncryptionType: types.EncryptionTypeKms, KeyId: aws.String("alias/aws/kinesis")}))
			t.WaitForStream(name)
			// "It can take up to 5 seconds after the stream is in an
			// ACTIVE status before all records written to the stream are
			// encrypted."
			var seq string
			t.Eventually("a record put encrypted", func() (bool, error) {
				out, err := t.K.PutRecord(t.Ctx(), &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String("k"), Data: []byte("secret")})
				if err != nil {
					return false, err
				}
				seq = aws.ToString(out.SequenceNumber)
				return out.EncryptionType == types.EncryptionTypeKms, nil
			})
			r := t.ReadRecords(t.ShardIterator(name, sh, types.ShardIteratorTypeAtSequenceNumber, &seq, nil), 1, nil)
			if len(r.records) == 0 || aws.ToString(r.records[0].SequenceNumber) != seq || r.records[0].EncryptionType != types.EncryptionTypeKms {
				t.Fatalf("read %d records; want the encrypted record first, with EncryptionType KMS", len(r.records))
			}
		}},
	}
}

// hexDecimal is the decimal form of a hexadecimal number, as kinesalite's
// tests write the sequence numbers they send.
func hexDecimal(h string) string {
	n, ok := new(big.Int).SetString(h, 16)
	if !ok {
		panic("not hexadecimal: " + h)
	}
	return n.String()
}

// An iteratorErrorCase is a GetShardIterator call on shard 0 of a stream of
// 3 shards, and the service's recorded answer.
type iteratorErrorCase struct {
	name, source string
	typ          types.ShardIteratorType
	seq          string
	message      func(stream, account string) string
}

func iteratorErrorScenarios() []Scenario {
	mismatch := func(specified string) func(string, string) string {
		return func(string, string) string {
			return recorded.IteratorTypeMismatch(specified)
		}
	}
	invalid := func(seq string) func(string, string) string {
		return func(stream, account string) string {
			return recorded.InvalidSequenceNumber(seq, "GetShardIterator", "shardId-000000000000", stream, account)
		}
	}
	encodes := func(shard string) func(string, string) string {
		return func(string, string) string {
			return recorded.SequenceOfOtherShard(shard, "shardId-000000000000")
		}
	}
	largeDate := hexDecimal("13bb2cc3d80000000000000000000000")
	highIndex := hexDecimal("20000000000800000000000000000000000000000000002")
	highShard := hexDecimal("20000000000000000000000000000000000000800000002")
	cases := []iteratorErrorCase{
		{"GetShardIterator refuses AT_SEQUENCE_NUMBER without a StartingSequenceNumber", "'should return InvalidArgumentException if AT_SEQUENCE_NUMBER and no StartingSequenceNumber'",
			types.ShardIteratorTypeAtSequenceNumber, "", mismatch("AT_SEQUENCE_NUMBER and no StartingSequenceNumber")},
		{"GetShardIterator refuses AFTER_SEQUENCE_NUMBER without a StartingSequenceNumber", "'should return InvalidArgumentException if AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber'",
			types.ShardIteratorTypeAfterSequenceNumber, "", mismatch("AFTER_SEQUENCE_NUMBER and no StartingSequenceNumber")},
		{"GetShardIterator refuses LATEST with a StartingSequenceNumber", "'should return InvalidArgumentException if LATEST and StartingSequenceNumber'",
			types.ShardIteratorTypeLatest, "5", mismatch("LATEST and also a StartingSequenceNumber")},
		{"GetShardIterator refuses TRIM_HORIZON with a StartingSequenceNumber", "'should return InvalidArgumentException if TRIM_HORIZON and StartingSequenceNumber'",
			types.ShardIteratorTypeTrimHorizon, "5", mismatch("TRIM_HORIZON and also a StartingSequenceNumber")},
		{"GetShardIterator refuses AT_TIMESTAMP without a Timestamp", "'should return InvalidArgumentException if AT_TIMESTAMP and no Timestamp'",
			types.ShardIteratorTypeAtTimestamp, "", func(string, string) string {
				return recorded.NoTimestamp
			}},
		{"GetShardIterator reads StartingSequenceNumber 5 as a number of shard 5", "'should return InvalidArgumentException if shard mismatches simple sequence'",
			types.ShardIteratorTypeAtSequenceNumber, "5", encodes("shardId-000000000005")},
		{"GetShardIterator refuses a sequence number dated too far ahead", "'should return InvalidArgumentException if using sequence number with large date'",
			types.ShardIteratorTypeAtSequenceNumber, largeDate, invalid(largeDate)},
		{"GetShardIterator refuses a sequence number whose index is too large", "'should return InvalidArgumentException for 8 in index in StartingSequenceNumber'",
			types.ShardIteratorTypeAtSequenceNumber, highIndex, invalid(highIndex)},
		{"GetShardIterator reads a sequence number whose shard index is too large as a negative shard", "'should return InvalidArgumentException for 8 near end of StartingSequenceNumber'",
			types.ShardIteratorTypeAtSequenceNumber, highShard, encodes("shardId--02147483648")},
	}
	scenarios := []Scenario{
		{Group: "records", Name: "GetRecords refuses a string that is not a shard iterator", Source: kinesaliteGetRecords + " 'should return InvalidArgumentException if ShardIterator is incorrect format'", Run: func(t *T) {
			_, err := t.K.GetRecords(t.Ctx(), &kinesis.GetRecordsInput{ShardIterator: aws.String("__kinesalite_test_2207006853.5327")})
			t.WantError(err, "GetRecords", "InvalidArgumentException", "Invalid ShardIterator.")
		}},
		{Group: "records", Name: "GetShardIterator refuses a sequence number of another shard", Source: kinesaliteIterator + " 'should return InvalidArgumentException if shard mismatches simple sequence'", Run: func(t *T) {
			name, _ := t.CreateStream(2)
			out := t.PutHashKey(name, big.NewInt(0), []byte("x"))
			if got := aws.ToString(out.ShardId); got != shardName(0) {
				t.Fatalf("hash key 0 went to %s, want %s", got, shardName(0))
			}
			_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String(shardName(1)), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: out.SequenceNumber})
			t.WantError(err, "GetShardIterator", "InvalidArgumentException",
				recorded.SequenceOfOtherShard("shardId-000000000000", "shardId-000000000001"))
		}},
	}
	for _, c := range cases {
		scenarios = append(scenarios, Scenario{Group: "records", Name: c.name, Source: kinesaliteIterator + " " + c.source, Run: func(t *T) {
			name, streamARN := t.CreateStream(3)
			var seq *string
			if c.seq != "" {
				seq = aws.String(c.seq)
			}
			_, err := t.K.GetShardIterator(t.Ctx(), &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String(shardName(0)), ShardIteratorType: c.typ, StartingSequenceNumber: seq})
			t.WantError(err, "GetShardIterator", "InvalidArgumentException", c.message(name, t.Account(streamARN)))
		}})
	}
	return scenarios
}

// The hash key ranges of a new stream of 3 shards (kinesalite's
// test/listShards.js, recorded against the service).
var threeShardRanges = [][2]string{
	{"0", "113427455640312821154458202477256070484"},
	{"113427455640312821154458202477256070485", "226854911280625642308916404954512140969"},
	{"226854911280625642308916404954512140970", "340282366920938463463374607431768211455"},
}

// A shardFilterCase lists the shards of a new stream of 3 shards with a
// ShardFilter, and names the shards it must list.
type shardFilterCase struct {
	typ    types.ShardFilterType
	filter func() *types.ShardFilter
	want   []string
}

func listShardsScenarios() []Scenario {
	all := []string{shardName(0), shardName(1), shardName(2)}
	now := func(typ types.ShardFilterType) func() *types.ShardFilter {
		return func() *types.ShardFilter {
			// The next whole millisecond, the service's precision: the
			// shards opened before it, even when the stream was created
			// within the current millisecond.
			at := time.Now().Truncate(time.Millisecond).Add(time.Millisecond)
			return &types.ShardFilter{Type: typ, Timestamp: &at}
		}
	}
	plain := func(typ types.ShardFilterType) func() *types.ShardFilter {
		return func() *types.ShardFilter { return &types.ShardFilter{Type: typ} }
	}
	filters := []shardFilterCase{
		{types.ShardFilterTypeAtLatest, plain(types.ShardFilterTypeAtLatest), all},
		{types.ShardFilterTypeAtTrimHorizon, plain(types.ShardFilterTypeAtTrimHorizon), all},
		{types.ShardFilterTypeFromTrimHorizon, plain(types.ShardFilterTypeFromTrimHorizon), all},
		{types.ShardFilterTypeAtTimestamp, now(types.ShardFilterTypeAtTimestamp), all},
		{types.ShardFilterTypeFromTimestamp, now(types.ShardFilterTypeFromTimestamp), all},
		{types.ShardFilterTypeAfterShardId, func() *types.ShardFilter {
			return &types.ShardFilter{Type: types.ShardFilterTypeAfterShardId, ShardId: aws.String(shardName(0))}
		}, all[1:]},
	}
	scenarios := []Scenario{
		{Group: "records", Name: "ListShards lists a new stream's shards with the service's hash key ranges", Source: refListShards + "; " + kinesaliteListShards + " 'should return list of shards'", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			shards := t.ListAllShards(name, nil)
			if got := idsOf(shards); !slices.Equal(got, all) {
				t.Fatalf("shards %v, want %v", got, all)
			}
			for i, sh := range shards {
				r := sh.HashKeyRange
				if got := [2]string{aws.ToString(r.StartingHashKey), aws.ToString(r.EndingHashKey)}; got != threeShardRanges[i] {
					t.Errorf("%s covers %v, want %v", all[i], got, threeShardRanges[i])
				}
				if sh.ParentShardId != nil || sh.AdjacentParentShardId != nil {
					t.Errorf("%s of a new stream has parents %v, %v", all[i], aws.ToString(sh.ParentShardId), aws.ToString(sh.AdjacentParentShardId))
				}
				if sh.SequenceNumberRange == nil || sh.SequenceNumberRange.StartingSequenceNumber == nil || sh.SequenceNumberRange.EndingSequenceNumber != nil {
					t.Errorf("%s: SequenceNumberRange %+v, want a start and no end", all[i], sh.SequenceNumberRange)
				}
			}
		}},
		{Group: "records", Name: "ListShards pages through the shards with MaxResults and NextToken", Source: refListShards + " (MaxResults, NextToken)", Run: func(t *T) {
			name, _ := t.CreateStream(5)
			var ids []string
			in := &kinesis.ListShardsInput{StreamName: aws.String(name), MaxResults: aws.Int32(2)}
			for page := 0; ; page++ {
				out, err := t.K.ListShards(t.Ctx(), in)
				t.NoError(err)
				if len(out.Shards) > 2 {
					t.Fatalf("page %d holds %d shards, over MaxResults 2", page, len(out.Shards))
				}
				if page == 0 && out.NextToken == nil {
					t.Fatalf("the first page of 2 of 5 shards has no NextToken")
				}
				ids = append(ids, idsOf(out.Shards)...)
				if out.NextToken == nil {
					break
				}
				if page > 5 {
					t.Fatalf("still paging after %d pages of 5 shards", page)
				}
				in = &kinesis.ListShardsInput{NextToken: out.NextToken, MaxResults: aws.Int32(2)}
			}
			if want := []string{shardName(0), shardName(1), shardName(2), shardName(3), shardName(4)}; !slices.Equal(ids, want) {
				t.Fatalf("paged through %v, want %v", ids, want)
			}
		}},
		{Group: "records", Name: "ListShards with ExclusiveStartShardId lists the shards after it", Source: refListShards + " (ExclusiveStartShardId)", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			out, err := t.K.ListShards(t.Ctx(), &kinesis.ListShardsInput{StreamName: aws.String(name), ExclusiveStartShardId: aws.String(shardName(0))})
			t.NoError(err)
			if got := idsOf(out.Shards); !slices.Equal(got, all[1:]) {
				t.Fatalf("shards %v, want %v", got, all[1:])
			}
		}},
		{Group: "records", Name: "DescribeStream lists the open shards, each with a StartingSequenceNumber", Source: refDescribeStream + "; " + refSequenceRange, Run: func(t *T) {
			name, _ := t.CreateStream(2)
			out, err := t.K.DescribeStream(t.Ctx(), &kinesis.DescribeStreamInput{StreamName: aws.String(name)})
			t.NoError(err)
			d := out.StreamDescription
			if got := idsOf(d.Shards); !slices.Equal(got, all[:2]) || aws.ToBool(d.HasMoreShards) {
				t.Fatalf("shards %v, HasMoreShards %v; want %v and false", got, aws.ToBool(d.HasMoreShards), all[:2])
			}
			for _, sh := range d.Shards {
				r := sh.SequenceNumberRange
				if r == nil || r.EndingSequenceNumber != nil {
					t.Fatalf("%s: SequenceNumberRange %+v, want a start and no end", aws.ToString(sh.ShardId), r)
				}
				t.hashKey(r.StartingSequenceNumber) // a decimal number
			}
		}},
		{Group: "records", Name: "a record's sequence number is within its shard's SequenceNumberRange", Source: refSequenceRange + "; " + refPutRecord, Run: func(t *T) {
			name, _ := t.CreateStream(2)
			for _, key := range []*big.Int{big.NewInt(0), maxHashKey} {
				out := t.PutHashKey(name, key, []byte("x"))
				sh := t.ShardNamed(t.ListAllShards(name, nil), aws.ToString(out.ShardId))
				if t.seqLess(out.SequenceNumber, sh.SequenceNumberRange.StartingSequenceNumber) {
					t.Errorf("record %s of %s is below the shard's StartingSequenceNumber %s", aws.ToString(out.SequenceNumber), aws.ToString(out.ShardId), aws.ToString(sh.SequenceNumberRange.StartingSequenceNumber))
				}
			}
		}},
	}
	for _, c := range filters {
		what := "every shard of an unresharded stream"
		if len(c.want) != len(all) {
			what = "the shards after the one it names"
		}
		scenarios = append(scenarios, Scenario{Group: "records", Name: fmt.Sprintf("ListShards with ShardFilter %s lists %s", c.typ, what), Source: refShardFilter + " (" + string(c.typ) + ")", Run: func(t *T) {
			name, _ := t.CreateStream(3)
			if got := idsOf(t.ListAllShards(name, c.filter())); !slices.Equal(got, c.want) {
				t.Fatalf("shards %v, want %v", got, c.want)
			}
		}})
	}
	return scenarios
}
