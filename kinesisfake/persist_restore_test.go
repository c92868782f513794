package kinesisfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// smallState is a snapshot of stream "s", whose shard 0 was split into 2
// and 3, with records in shards 0, 1 and 3, and consumer "app", and of an
// ON_DEMAND stream "od" with a channel.
func smallState(t testing.TB) []byte {
	t.Helper()
	c, clock := newFake(t)
	createStream(t, c, "s", 2)
	put(t, c, "s", "b", "1") // shard 1
	put(t, c, "s", "a", "2") // shard 0
	put(t, c, "s", "c", "3") // shard 0
	if _, err := c.SplitShard(ctx, &kinesis.SplitShardInput{StreamName: aws.String("s"), ShardToSplit: aws.String("shardId-000000000000"), NewStartingHashKey: aws.String("85070591730234615865843651857942052864")}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	put(t, c, "s", "c", "4") // shard 3
	register(t, c, "s", "app")
	channelSourceStream(t, c, "od")
	mustCreateChannel(t, c, s3ChannelInput("ch", "od"))
	return snapshot(t, c)
}

// stateDoc is a document as generic JSON, for tests to break.
type stateDoc = map[string]any

func decodeDoc(t testing.TB, state []byte) stateDoc {
	t.Helper()
	var m stateDoc
	dec := json.NewDecoder(bytes.NewReader(state))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	return m
}

// node walks from m along path, of keys and indexes.
func node(m stateDoc, path ...any) any {
	var v any = m
	for _, p := range path {
		switch p := p.(type) {
		case string:
			v = v.(map[string]any)[p]
		case int:
			v = v.([]any)[p]
		}
	}
	return v
}

func obj(m stateDoc, path ...any) map[string]any { return node(m, path...).(map[string]any) }

func list(m stateDoc, path ...any) []any { return node(m, path...).([]any) }

// shardRecords is the records of shard i of stream "s" in the small state.
func shardRecords(m stateDoc, i int) []any { return list(m, "streams", 1, "shards", i, "records") }

func TestWithStateRefusesBadStates(t *testing.T) {
	base := smallState(t)
	tests := []struct {
		name string
		text string           // the document, if given
		edit func(m stateDoc) // else a change to the small state
		want string           // {seq0} and {seq1} are those of shard 0's records
	}{
		{name: "not an object", text: "format: kinesisfake-state", want: "the state: not JSON after byte 2: invalid character 'o' in literal false (expecting 'a')"},
		{name: "not JSON", text: `{"format": "kinesisfake-state" "version": 1}`, want: "the state: not JSON after byte 31: invalid character '\"' after object key:value pair"},
		{name: "a trailing comma", text: `{"format": "kinesisfake-state",}`, want: "the state: not JSON after byte 31: invalid character '}' looking for beginning of object key string"},
		{name: "a bad literal", text: `{"format": "kinesisfake-state", "version": 1, "counters": {"lastNonce": tru}}`, want: "counters: not JSON after byte 68: invalid character '}' in literal true (expecting 'e')"},
		{name: "empty", text: "", want: "the state: unexpected EOF"},
		{name: "an array", text: "[]", want: "the state: want a JSON object, not an array"},
		{name: "a boolean", text: "true", want: "the state: want a JSON object, not a boolean"},
		{name: "truncated", text: string(base[:bytes.Index(base, []byte(`"partitionKey": "a"`))]), want: `streams[1] ("s"): shards[0]: records[0]: unexpected EOF`},
		{name: "more after the state", text: string(base) + "{}", want: "after the state: an object, want nothing more"},
		{name: "another format", edit: func(m stateDoc) { m["format"] = "kinesis-mock" }, want: `format is "kinesis-mock", not "kinesisfake-state"`},
		{name: "another version", edit: func(m stateDoc) { m["version"] = 3 }, want: "version 3 is not one this package reads: it reads versions 1 to 2"},
		{name: "queues in version 1", edit: func(m stateDoc) { m["version"] = 1; m["queues"] = []any{} }, want: "the state has queues, which came with version 2; it is of version 1"},
		{name: "no version", text: `{"format": "kinesisfake-state", "streams": []}`, want: "the state has no version"},
		{name: "no region", text: `{"format": "kinesisfake-state", "version": 1}`, want: "the state has no region"},
		{name: "unknown member", edit: func(m stateDoc) { m["shards"] = []any{} }, want: `unknown member "shards"`},
		{name: "bad region", edit: func(m stateDoc) { m["region"] = "Mars" }, want: `region "Mars": a region is lowercase letters, digits and hyphens, starting with a letter, such as us-east-1`},
		{name: "bad account", edit: func(m stateDoc) { m["accountId"] = "42" }, want: `accountId "42": an account ID is 12 digits, such as 123456789012`},
		{name: "member twice", text: strings.Replace(string(base), `"name": "s",`, `"name": "s", "name": "s",`, 1), want: `streams[1]: member "name" comes twice`},
		{name: "unknown stream member", edit: func(m stateDoc) { obj(m, "streams", 1)["colour"] = "blue" }, want: `streams[1] ("s"): json: unknown field "colour"`},
		{name: "stream twice", edit: func(m stateDoc) { obj(m, "streams", 0)["name"] = "s" }, want: `streams[1] ("s"): a stream named "s" comes twice`},
		{name: "bad stream name", edit: func(m stateDoc) { obj(m, "streams", 1)["name"] = "s/t" }, want: `streams[1] ("s/t"): name "s/t" is not a stream name: 1 to 128 letters, digits, '_', '.' and '-'`},
		{name: "incarnation twice", edit: func(m stateDoc) { obj(m, "streams", 1)["incarnation"] = 2 }, want: "stream s: incarnation 2 is also stream od's"},
		{name: "incarnation past the counter", edit: func(m stateDoc) { obj(m, "streams", 1)["incarnation"] = 9 }, want: "stream s: incarnation 9 is above counters.lastIncarnation, 2"},
		{name: "unknown mode", edit: func(m stateDoc) { obj(m, "streams", 1)["mode"] = "SERVERLESS" }, want: `streams[1] ("s"): mode "SERVERLESS" is neither PROVISIONED nor ON_DEMAND`},
		{name: "retention too long", edit: func(m stateDoc) { obj(m, "streams", 1)["retentionPeriodHours"] = 9000 }, want: `streams[1] ("s"): retentionPeriodHours 9000 is not from 24 to 8760`},
		{name: "metrics out of order", edit: func(m stateDoc) {
			obj(m, "streams", 1)["shardLevelMetrics"] = []any{"OutgoingBytes", "IncomingBytes"}
		}, want: `streams[1] ("s"): shardLevelMetrics: "IncomingBytes" is not a metric, or comes out of the order [IncomingBytes IncomingRecords OutgoingBytes OutgoingRecords WriteProvisionedThroughputExceeded ReadProvisionedThroughputExceeded IteratorAgeMilliseconds], once each`},
		{name: "KMS without a key", edit: func(m stateDoc) {
			obj(m, "streams", 1)["encryptionChanges"] = []any{map[string]any{"from": 1, "type": "KMS"}}
		}, want: `streams[1] ("s"): keyId "" does not fit the encryption type, KMS: KMS has a key, NONE none`},
		{name: "policy not JSON", edit: func(m stateDoc) { obj(m, "streams", 1)["policy"] = "allow all" }, want: `streams[1] ("s"): policy is not a JSON object`},
		{name: "no shards", edit: func(m stateDoc) { obj(m, "streams", 1)["shards"] = []any{} }, want: `streams[1] ("s"): it has no shards`},
		{name: "shard out of place", edit: func(m stateDoc) {
			shards := list(m, "streams", 1, "shards")
			shards[2], shards[3] = shards[3], shards[2]
		}, want: `streams[1] ("s"): shards[2]: shardId "shardId-000000000003" is not shardId-000000000002, the ID of the shard at its place`},
		{name: "unknown parent", edit: func(m stateDoc) { obj(m, "streams", 1, "shards", 2)["parentShardId"] = "shardId-000000000009" },
			want: `streams[1] ("s"): shards[2]: parentShardId "shardId-000000000009" is not the ID of a shard before it`},
		{name: "open parent", edit: func(m stateDoc) { obj(m, "streams", 1, "shards", 2)["parentShardId"] = "shardId-000000000001" },
			want: `streams[1] ("s"): shards[2]: parentShardId shardId-000000000001 is open: a parent is closed`},
		{name: "hash key not canonical", edit: func(m stateDoc) {
			obj(m, "streams", 1, "shards", 1)["endingHashKey"] = "0340282366920938463463374607431768211455"
		},
			want: `streams[1] ("s"): shards[1]: endingHashKey "0340282366920938463463374607431768211455" is not a hash key, a decimal number below 2^128 without leading zeros`},
		{name: "gap between open shards", edit: func(m stateDoc) {
			obj(m, "streams", 1, "shards", 1)["startingHashKey"] = "170141183460469231731687303715884105729"
		},
			want: `streams[1] ("s"): the open shards do not divide the hash key space between them: shardId-000000000001 starts at 170141183460469231731687303715884105729`},
		{name: "hash key space not covered", edit: func(m stateDoc) {
			obj(m, "streams", 1, "shards", 1)["endingHashKey"] = "340282366920938463463374607431768211454"
		},
			want: `streams[1] ("s"): the open shards do not divide the hash key space between them: none holds 340282366920938463463374607431768211455`},
		{name: "malformed sequence number", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["sequenceNumber"] = "12345" },
			want: `streams[1] ("s"): shards[0]: records[0]: sequence number "12345" is not one the fake gives`},
		{name: "records out of order", edit: func(m stateDoc) {
			recs := shardRecords(m, 0)
			recs[0], recs[1] = recs[1], recs[0]
		}, want: `streams[1] ("s"): shards[0]: records[1]: sequence number {seq0} is not above the one before it`},
		{name: "record of another shard", edit: func(m stateDoc) {
			obj(m, "streams", 1, "shards", 1)["records"] = append(shardRecords(m, 1), shardRecords(m, 0)[1])
		}, want: `streams[1] ("s"): shards[1]: records[1]: sequence number {seq1} is of another shard than the records before it`},
		{name: "records of another shard", edit: func(m stateDoc) {
			obj(m, "streams", 1, "shards", 2)["records"] = shardRecords(m, 0)
		}, want: `streams[1] ("s"): shards[2]: records: sequence numbers are of another shard`},
		{name: "counter past the stream's", edit: func(m stateDoc) { obj(m, "streams", 1)["sequenceCounter"] = 3 },
			want: `streams[1] ("s"): shards[3]: records: sequence counter 4 is above the stream's sequenceCounter, 3`},
		{name: "arrival not its sequence number's", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["arrival"] = "2026-11-26T09:00:01.000Z" },
			want: `streams[1] ("s"): shards[0]: records[0]: sequence number {seq0} carries the time 1795683600, not its arrival's second, 1795683601`},
		{name: "arrival in microseconds", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["arrival"] = "2026-11-26T09:00:00.000001Z" },
			want: `streams[1] ("s"): shards[0]: records[0]: arrival 2026-11-26T09:00:00.000001Z is not in whole milliseconds`},
		{name: "data not base64", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["data"] = "not base64!" },
			want: `streams[1] ("s"): shards[0]: records[0]: data: illegal base64 data at input byte 3`},
		{name: "unknown record member", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["explicitHashKey"] = "1" },
			want: `streams[1] ("s"): shards[0]: records[0]: json: unknown field "explicitHashKey"`},
		{name: "two partition keys", edit: func(m stateDoc) { shardRecords(m, 0)[0].(map[string]any)["partitionKeyBase64"] = "YQ==" },
			want: `streams[1] ("s"): shards[0]: records[0]: a record has partitionKey or partitionKeyBase64, not both`},
		{name: "consumer twice", edit: func(m stateDoc) {
			s := obj(m, "streams", 1)
			s["consumers"] = append(s["consumers"].([]any), s["consumers"].([]any)[0])
		}, want: `streams[1] ("s"): consumers[1]: a consumer named "app" comes twice`},
		{name: "consumer without an epoch", edit: func(m stateDoc) { delete(m, "consumerEpochs") },
			want: "stream s: consumer app: consumerEpochs has no time for s/app at or after its creation"},
		{name: "split of a closed shard", edit: func(m stateDoc) {
			s := obj(m, "streams", 1)
			obj(m, "streams", 1, "lifecycle")["updatingUntil"] = "2026-11-26T10:00:00Z"
			s["pendingReshard"] = map[string]any{"operation": "SplitShard", "shardToSplit": "shardId-000000000000", "newStartingHashKey": "2"}
		}, want: `streams[1] ("s"): pendingReshard: shardToSplit "shardId-000000000000" is not the ID of an open shard`},
		{name: "unknown reshard", edit: func(m stateDoc) {
			obj(m, "streams", 1, "lifecycle")["updatingUntil"] = "2026-11-26T10:00:00Z"
			obj(m, "streams", 1)["pendingReshard"] = map[string]any{"operation": "Reshard"}
		}, want: `streams[1] ("s"): pendingReshard: operation "Reshard" is not SplitShard, MergeShards or UpdateShardCount`},
		{name: "channel of an unknown stream", edit: func(m stateDoc) { obj(m, "channels", 0, "stream")["name"] = "nope" },
			want: "channels[0]: stream nope, incarnation 2, is not one of the streams"},
		{name: "channel of an earlier incarnation", edit: func(m stateDoc) { obj(m, "channels", 0, "stream")["incarnation"] = 1 },
			want: "channels[0]: stream od, incarnation 1, is not one of the streams"},
		{name: "channel without its storage", edit: func(m stateDoc) { delete(obj(m, "channels", 0), "storage") },
			want: "channels[0]: destinationType S3 has storage, with a bucketARN and an expectedBucketOwner, and no tables"},
		{name: "channel nonce past the counter", edit: func(m stateDoc) { obj(m, "channels", 0)["nonce"] = 7 },
			want: "channels[0]: nonce 7 is not from 1 to counters.lastNonce, 1"},
		{name: "expired nonce past the last", edit: func(m stateDoc) { obj(m, "counters")["expiredNonce"] = 2 },
			want: "counters: expiredNonce 2 is above lastNonce 1"},
		{name: "wrong type", edit: func(m stateDoc) { obj(m, "counters")["lastNonce"] = "one" },
			want: "counters: json: cannot unmarshal string into Go struct field stateCounters.lastNonce of type uint64"},
		// Counters the fake could not go on from, and more than the
		// service allows.
		{name: "nonces at their end", edit: func(m stateDoc) {
			obj(m, "counters")["lastNonce"] = uint64(1<<64 - 2)
			obj(m, "counters")["expiredNonce"] = uint64(1<<64 - 2)
		}, want: "counters: lastNonce 18446744073709551614 is past 18446744069414584319: the fake could not go on handing out iterators"},
		{name: "incarnations at their end", edit: func(m stateDoc) { obj(m, "counters")["lastIncarnation"] = uint64(1<<64 - 1) },
			want: "counters: lastIncarnation 18446744073709551615 is past 18446744069414584319: the fake could not go on making streams"},
		{name: "sequence counter at its end", edit: func(m stateDoc) { obj(m, "streams", 1)["sequenceCounter"] = uint64(1<<63 - 4) },
			want: `streams[1] ("s"): sequenceCounter 9223372036854775804 is past 9223372032559808511: the fake could not go on numbering records`},
		{name: "51 tags on a stream", edit: func(m stateDoc) {
			tags := map[string]any{}
			for i := range 51 {
				tags[fmt.Sprint("k", i)] = "v"
			}
			obj(m, "streams", 1)["tags"] = tags
		}, want: `streams[1] ("s"): tags: 51, more than the 50 a stream may have`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := tt.text
			m := decodeDoc(t, base)
			want := strings.NewReplacer("{seq0}", shardRecords(m, 0)[0].(map[string]any)["sequenceNumber"].(string),
				"{seq1}", shardRecords(m, 0)[1].(map[string]any)["sequenceNumber"].(string)).Replace(tt.want)
			if tt.edit != nil {
				tt.edit(m)
				b, err := json.MarshalIndent(m, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				text = string(b)
			}
			err := newStateReader(strings.NewReader(text)).read(newClient())
			if err == nil || err.Error() != want {
				t.Errorf("restore: %v\nwant        %s", err, want)
			}
			// New panics with it, naming the option.
			if got, want := fmt.Sprint(newPanic(WithState(strings.NewReader(text)))), "kinesisfake: WithState: "+want; got != want {
				t.Errorf("New panicked with %q\nwant             %q", got, want)
			}
		})
	}
}

func TestWithStateNilOrFailingReader(t *testing.T) {
	for _, tt := range []struct {
		r    io.Reader
		want string
	}{
		{nil, "kinesisfake: WithState(nil): an io.Reader is required"},
		{(*bytes.Buffer)(nil), "kinesisfake: WithState((*bytes.Buffer)(nil)): an io.Reader is required"},
		{io.MultiReader(strings.NewReader(`{"format": "kinesisfake-state", "version": 1, "streams": [`), errReader{}),
			"kinesisfake: WithState: streams: disk on fire"},
	} {
		if got := fmt.Sprint(newPanic(WithState(tt.r))); got != tt.want {
			t.Errorf("New panicked with %q\nwant             %q", got, tt.want)
		}
	}
}

type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

// A state written by hand, with its members in another order and only
// what it needs, is read too.
func TestWithStateByHand(t *testing.T) {
	const state = `{
  "format": "kinesisfake-state", "version": 1,
  "streams": [{
    "shards": [{
      "records": [
        {"data": "aGk=", "partitionKey": "k", "arrival": "2026-11-26T09:00:00.250Z", "sequenceNumber": "49680578626440926412635683558673742786188269273384747010"}
      ],
      "shardId": "shardId-000000000000", "startingHashKey": "0", "endingHashKey": "340282366920938463463374607431768211455",
      "sequenceEpoch": 1795683600, "opened": "2026-11-26T09:00:00Z"
    }],
    "name": "hand", "incarnation": 1, "created": "2026-11-26T09:00:00Z", "lifecycle": {},
    "mode": "PROVISIONED", "recordDistributionStrategy": "USER_PARTITION_KEY",
    "retentionPeriodHours": 24, "maxRecordSizeInKiB": 1024, "sequenceCounter": 2, "latestSequenceSecond": 1795683600
  }],
  "accountId": "123456789012", "region": "us-east-1", "counters": {"lastIncarnation": 1, "lastNonce": 0, "expiredNonce": 0}
}`
	c := NewT(t, WithState(strings.NewReader(state)), WithClock(NewFakeClock(epoch)))
	recs, err := c.Records("hand")
	if err != nil || len(recs) != 1 || string(recs[0].Data) != "hi" || recs[0].SequenceNumber != "49680578626440926412635683558673742786188269273384747010" {
		t.Fatalf("Records: %+v, %v", recs, err)
	}
	out := put(t, c, "hand", "k", "more")
	if !sequenceLess(recs[0].SequenceNumber, *out.SequenceNumber) {
		t.Errorf("new record's sequence number %s is not above %s", *out.SequenceNumber, recs[0].SequenceNumber)
	}
	summary, err := c.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("hand")})
	if err != nil || summary.StreamDescriptionSummary.StreamStatus != types.StreamStatusActive {
		t.Errorf("DescribeStreamSummary: %v, %v", summary, err)
	}
}

// A value larger than any the fake writes is refused before it is held:
// reading a tag value of 1 GB allocates what the decoder's buffer takes to
// reach the bound, 16 MiB, whatever the value's size.
func TestWithStateRefusesAHugeValueEarly(t *testing.T) {
	head := `{"format": "kinesisfake-state", "version": 1, "region": "us-east-1", "accountId": "123456789012", "streams": [{"name": "s", "tags": {"k": "`
	huge := io.MultiReader(strings.NewReader(head), io.LimitReader(repeatReader('a'), 1<<30), strings.NewReader(`"}}]}`))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := newStateReader(huge).read(newClient())
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), `streams[0] ("s"): tags: a value of more than 16 MiB after byte 131: the fake writes none so large`) {
		t.Errorf("restore: %v", err)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 160<<20 {
		t.Errorf("refusing a 1 GB value allocated %d MB", allocated>>20)
	}
}

// repeatReader reads as an endless run of its byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}
