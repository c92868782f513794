package kinesisfake

import (
	"fmt"
	"io"
	"math"
	"math/big"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

// decimal writes a number given in hex in decimal, as the service does.
func decimal(hex string) string {
	n, ok := new(big.Int).SetString(hex, 16)
	if !ok {
		panic(hex)
	}
	return n.String()
}

func TestSequenceNumberLayout(t *testing.T) {
	for _, tc := range []struct {
		seq sequenceNumber
		hex string
	}{
		{sequenceNumber{}, "2" + "000000000" + "0" + "0000000000000000" + "00" + "000000000" + "00000000" + "2"},
		{sequenceNumber{created: 0x123456789, index: 0xabc, time: 0x98765432f, shard: 0x1d}, "2" + "123456789" + "d" + "0000000000000abc" + "00" + "98765432f" + "0000001d" + "2"},
		{sequenceNumber{created: maxSeconds, index: maxIndex, time: maxSeconds, shard: math.MaxInt32}, "2" + "fffffffff" + "f" + "7fffffffffffffff" + "00" + "fffffffff" + "7fffffff" + "2"},
		{sequenceNumber{shard: -1}, "2" + "000000000" + "f" + "0000000000000000" + "00" + "000000000" + "ffffffff" + "2"},
		{sequenceNumber{shard: math.MinInt32}, "2" + "000000000" + "0" + "0000000000000000" + "00" + "000000000" + "80000000" + "2"},
	} {
		want := decimal(tc.hex)
		if got := tc.seq.String(); got != want {
			t.Errorf("%#v.String() = %s, want %s (hex %s)", tc.seq, got, want, tc.hex)
		}
		if len(want) != sequenceNumberLen {
			t.Errorf("%s has %d digits, want %d", want, len(want), sequenceNumberLen)
		}
		back, version, ok := parseSequenceNumber(want)
		if !ok || version != 2 || back != tc.seq {
			t.Errorf("parseSequenceNumber(%s) = %#v, %d, %v; want %#v, 2, true", want, back, version, ok, tc.seq)
		}
	}
}

// Sequence numbers of a shard strictly increase with the index, whatever
// the times; those of a shard created later are above them all.
func TestSequenceNumberOrder(t *testing.T) {
	indexes := []uint64{0, 1, 9, 10, 255, 256, 1 << 32, 1<<48 - 1, 1 << 48, maxIndex - 1, maxIndex}
	times := []uint64{maxSeconds, 0, 1_700_000_000, 1, maxSeconds - 1}
	for _, shard := range []int32{0, 15, 16, 401, math.MaxInt32} {
		for i := 1; i < len(indexes); i++ {
			a := sequenceNumber{created: 1_700_000_000, index: indexes[i-1], time: times[(i-1)%len(times)], shard: shard}.String()
			b := sequenceNumber{created: 1_700_000_000, index: indexes[i], time: times[i%len(times)], shard: shard}.String()
			if !(a < b) {
				t.Errorf("shard %d: index %d gives %s, not below index %d's %s", shard, indexes[i-1], a, indexes[i], b)
			}
		}
	}
	parent := sequenceNumber{created: 1_700_000_000, index: maxIndex, time: maxSeconds, shard: 15}.String()
	child := sequenceNumber{created: 1_700_000_001, shard: 16}.String()
	if !(parent < child) {
		t.Errorf("child %s is not above parent %s", child, parent)
	}
}

// Sequence numbers from the service, and numbers its recorded answers were
// given, read as the service reads them. Numbers kinesalite's tests send
// are given in hex, as those tests give them.
func TestParseSequenceNumber(t *testing.T) {
	for _, tc := range []struct {
		name    string
		s       string
		want    sequenceNumber
		version int
		ok      bool
	}{
		// The sample Kinesis event of the AWS Lambda Developer Guide: shard
		// 6, arrived at 1545084650.987.
		{"Lambda sample event", "49590338271490256608559692538361571095921575989136588898",
			sequenceNumber{created: 0x5bf4e5c2, index: 0x67648a17, time: 1545084650, shard: 6}, 2, true},
		// Checkpoints logged in production (awslabs/amazon-kinesis-client#391).
		{"shard 401 checkpoint", "49588160223248606261076875455806734688981848970781268242",
			sequenceNumber{created: 0x5b97c143, index: 0x9be6e0, time: 0x5b982fff, shard: 401}, 2, true},
		{"shard 492 checkpoint", "49588160406181619124623577364989381944926527427488784066",
			sequenceNumber{created: 0x5b97c343, index: 0x9f6ce8, time: 0x5b982fff, shard: 492}, 2, true},
		// Version 1, from 2014 (amazon-archives/amazon-kinesis-connectors#8).
		{"version 1", "49537979178794861780081237450294896636708704732336619521",
			sequenceNumber{created: 0x5335cd0a, time: 0x5335cf33, shard: 0}, 1, true},
		// Numbers below 2^129 are version 0, with 2^124 added below 2^124
		// (kinesalite's test/getShardIterator.js: "5" encodes shard 5).
		{"5", "5", sequenceNumber{shard: 5}, 0, true},
		{"0", "0", sequenceNumber{}, 0, true},
		{"version 0 with a date", decimal("13bb2cc3d7ff7fffffffffffffff0000"), sequenceNumber{created: 0x3bb2cc3d7}, 0, true},
		{"version 0, date too large", decimal("13bb2cc3d80000000000000000000000"), sequenceNumber{}, 0, false},
		{"version 3", decimal("20000000000000000000000000000000000000000000003"), sequenceNumber{}, 3, true},
		{"version 0 of 47 digits", decimal("20000000000000000000000000000000000000000000000"), sequenceNumber{}, 0, false},
		{"version 4", decimal("20000000000000000000000000000000000000000000004"), sequenceNumber{}, 0, false},
		{"initial 3", decimal("30000000000000000000000000000000000000000000001"), sequenceNumber{}, 0, false},
		{"initial 1", decimal("1ffffffffff7fffffffffffffff000000000007fffffff2"), sequenceNumber{}, 0, false},
		{"8 in the index", decimal("20000000000800000000000000000000000000000000002"), sequenceNumber{}, 0, false},
		// The service reads the shard as a signed number: "It encodes
		// shardId--02147483648" (kinesalite's test/getShardIterator.js).
		{"8 in the shard", decimal("20000000000000000000000000000000000000800000002"), sequenceNumber{shard: math.MinInt32}, 2, true},
		{"all f", decimal("2ffffffffff7fffffffffffffff000000000007fffffff2"),
			sequenceNumber{created: maxSeconds, index: maxIndex, shard: math.MaxInt32}, 2, true},
		{"all 0, version 1", decimal("20000000000000000000000000000000000000000000001"), sequenceNumber{}, 1, true},
		{"2^129", decimal("200000000000000000000000000000000"), sequenceNumber{}, 0, false},
		{"192 bits", decimal(strings.Repeat("f", 48)), sequenceNumber{}, 0, false},
		{"over 192 bits", strings.Repeat("9", 60), sequenceNumber{}, 0, false},
		{"empty", "", sequenceNumber{}, 0, false},
		{"letter", "4959033827149025660855969253836157109592157598913658889x", sequenceNumber{}, 0, false},
		{"sign", "+5", sequenceNumber{}, 0, false},
	} {
		got, version, ok := parseSequenceNumber(tc.s)
		if ok != tc.ok || ok && (version != tc.version || got != tc.want) {
			t.Errorf("%s: parseSequenceNumber(%s) = %#v, %d, %v; want %#v, %d, %v", tc.name, tc.s, got, version, ok, tc.want, tc.version, tc.ok)
		}
	}
}

func TestSequenceSeconds(t *testing.T) {
	for _, tc := range []struct {
		t    time.Time
		want uint64
	}{
		{time.Unix(1545084650, 987e6), 1545084650},
		{time.Unix(0, 0), 0},
		{time.Unix(-1, 0), 0},
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), 0},
		{time.Unix(maxSeconds, 0), maxSeconds},
		{time.Unix(maxSeconds+1, 0), maxSeconds},
		{time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC), maxSeconds},
	} {
		if got := seconds(tc.t); got != tc.want {
			t.Errorf("seconds(%v) = %d, want %d", tc.t, got, tc.want)
		}
		if got := arrivalSeconds(tc.t.UnixMilli()); got != tc.want {
			t.Errorf("arrivalSeconds(%d) = %d, want %d", tc.t.UnixMilli(), got, tc.want)
		}
	}
}

// Whatever the clock says, before 1970 or past the layout's last second,
// and however it moves, a shard's numbers have 56 digits, strictly
// increase, and lead back to their records. (Records put before 1970 were
// once never found, and iterators issued after 2262 expired at once.)
func TestSequenceNumbersUnderAnyClock(t *testing.T) {
	year := 365 * 24 * time.Hour
	for _, start := range []time.Time{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), epoch, time.Date(5000, 1, 1, 0, 0, 0, 0, time.UTC)} {
		clock := NewFakeClock(start)
		c := NewT(t, WithClock(clock))
		createStream(t, c, "s", 1)
		var last string
		for i, to := range []time.Duration{0, 100 * year, year, 3000 * year, 0, time.Second} {
			clock.Set(start.Add(to))
			seq := *put(t, c, "s", "k", fmt.Sprint(i)).SequenceNumber
			if len(seq) != sequenceNumberLen || seq <= last {
				t.Fatalf("from %v, at %v: sequence number %s after %s", start, clock.Now(), seq, last)
			}
			last = seq
			it := iterator(t, c, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: &seq})
			out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it, Limit: aws.Int32(1)})
			if err != nil || len(out.Records) != 1 || string(out.Records[0].Data) != fmt.Sprint(i) {
				t.Fatalf("from %v, at %v: reading at %s: %v, %v", start, clock.Now(), seq, out, err)
			}
		}
	}
}

// A stream created again within the second its predecessor was has its
// shards dated a second later, so a number of the predecessor still did not
// come from it.
func TestSequenceNumbersTellIncarnationsApart(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		old := put(t, k, "s", "k", "old")
		if _, err := k.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
			t.Fatal(err)
		}
		createStream(t, k, "s", 1)
		out, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		start, _, _ := parseSequenceNumber(*out.Shards[0].SequenceNumberRange.StartingSequenceNumber)
		if start.created != seconds(epoch)+1 {
			t.Errorf("the new stream's shard is created at %d, want %d", start.created, seconds(epoch)+1)
		}
		_, err = k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: old.SequenceNumber})
		wantAPIError(t, err, "GetShardIterator", "InvalidArgumentException", recorded.SequenceNotFromStream(*old.SequenceNumber, "GetShardIterator", "shardId-000000000000", "s", "123456789012"))
	})
}

// Resharding within the second the parents were created dates the
// children after them: a child's range starts above its parents', and a
// key's numbers still increase across the reshard, through UpdateShardCount's
// shards that open and close at once. (Shard 15's children, 16 and up,
// would otherwise fall below it: the shard's last hex digit comes first.)
func TestReshardDatesChildrenAfterParents(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 16)
		last := aws.String("340282366920938463463374607431768211455") // 2^128-1, in shard 15
		putLast := func() string {
			out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), ExplicitHashKey: last, Data: []byte("x")})
			if err != nil {
				t.Fatal(err)
			}
			return *out.SequenceNumber
		}
		before := putLast()
		if _, err := k.UpdateShardCount(ctx, &kinesis.UpdateShardCountInput{StreamName: aws.String("s"), TargetShardCount: aws.Int32(20), ScalingType: types.ScalingTypeUniformScaling}); err != nil {
			t.Fatal(err)
		}
		if after := putLast(); after <= before {
			t.Errorf("sequence number %s after the reshard, %s before", after, before)
		}
		out, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("s")})
		if err != nil {
			t.Fatal(err)
		}
		ending := map[string]string{}
		for _, sh := range out.Shards {
			r := sh.SequenceNumberRange
			if r.EndingSequenceNumber != nil {
				if *r.EndingSequenceNumber <= *r.StartingSequenceNumber {
					t.Errorf("%s: range %s to %s", *sh.ShardId, *r.StartingSequenceNumber, *r.EndingSequenceNumber)
				}
				ending[*sh.ShardId] = *r.EndingSequenceNumber
			}
			for _, p := range []*string{sh.ParentShardId, sh.AdjacentParentShardId} {
				if p != nil && *r.StartingSequenceNumber <= ending[*p] {
					t.Errorf("%s starts at %s, not above its parent %s's end %s", *sh.ShardId, *r.StartingSequenceNumber, *p, ending[*p])
				}
			}
		}
	})
}

// A sequence number of another stream whose shard was created in the same
// second reads as this stream's: the layout holds nothing else to tell
// them apart by.
func TestSequenceNumberOfAStreamCreatedInTheSameSecond(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		createStream(t, k, "other", 1)
		put(t, k, "s", "k", "mine")
		theirs := put(t, k, "other", "k", "theirs")
		it := iterator(t, k, &kinesis.GetShardIteratorInput{StreamName: aws.String("s"), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeAtSequenceNumber, StartingSequenceNumber: theirs.SequenceNumber})
		out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Records) != 1 || string(out.Records[0].Data) != "mine" {
			t.Errorf("read %v, want [mine]: the index of theirs is that of s's first record", out.Records)
		}
	})
}

// The service's answer to an ordering number of version 3 is a bare
// InternalFailure: status 500, no message (kinesalite's test/putRecord.js).
func TestVersion3IsABareInternalFailure(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	body := `{"StreamName":"s","PartitionKey":"k","Data":"","SequenceNumberForOrdering":"` + decimal("20000000000000000000000000000000000000000000003") + `"}`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.Header.Set("X-Amz-Target", "Kinesis_20131202.PutRecord")
	req.Header.Set("Content-Type", jsonType)
	w := httptest.NewRecorder()
	c.Handler().ServeHTTP(w, req)
	if got, _ := io.ReadAll(w.Body); w.Code != http.StatusInternalServerError || string(got) != `{"__type":"InternalFailure"}` {
		t.Errorf("answer %d %s, want 500 {\"__type\":\"InternalFailure\"}", w.Code, got)
	}
}

// Ordering numbers the service takes (kinesalite's test/putRecord.js), and
// one of its own: each puts an ordinary record.
func TestSequenceNumberForOrderingTheServiceTakes(t *testing.T) {
	inModes(t, nil, func(t *testing.T, c *Client, k API, clock *FakeClock) {
		createStream(t, k, "s", 1)
		for i, ordering := range []string{
			decimal("2ffffffffff7fffffffffffffff000000000007fffffff2"), // all f
			decimal("20000000000000000000000000000000000000000000002"), // all 0
			decimal("20000000000000000000000000000000000000000000001"), // all 0, version 1
			decimal(fmt.Sprintf("2ffffffffff7fffffff7fffffff00%09x7fffffff2", seconds(epoch)-2)),
			decimal("20000000000000000000000000000000000000800000002"), // 8 in the shard
			"49590338271490256608559692538361571095921575989136588898", // the AWS Lambda Developer Guide's sample event
		} {
			out, err := k.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x"), SequenceNumberForOrdering: aws.String(ordering)})
			if err != nil {
				t.Fatalf("ordering number %s: %v", ordering, err)
			}
			want := sequenceNumber{created: seconds(epoch), index: uint64(i + 1), time: seconds(epoch)}.String()
			if *out.SequenceNumber != want {
				t.Errorf("ordering number %s: sequence number %s, want %s", ordering, *out.SequenceNumber, want)
			}
		}
	})
}

func FuzzParseSequenceNumber(f *testing.F) {
	f.Add(sequenceNumber{}.String())
	f.Add(sequenceNumber{created: maxSeconds, index: maxIndex, time: maxSeconds, shard: -1}.String())
	f.Add("49590338271490256608559692538361571095921575989136588898")
	f.Add("49537979178794861780081237450294896636708704732336619521")
	f.Add(decimal("20000000000000000000000000000000000000800000002"))
	f.Add(decimal("20000000000000000000000000000000000000000000003"))
	f.Add(decimal("13bb2cc3d7ff7fffffffffffffff0000"))
	f.Add(decimal("200000000000000000000000000000000"))
	f.Add(strings.Repeat("9", 129))
	f.Add("")
	f.Add("0")
	f.Add("not a sequence number")
	f.Fuzz(func(t *testing.T, s string) {
		seq, version, ok := parseSequenceNumber(s)
		if !ok || version != 2 {
			return
		}
		// A version 2 number reads back as what it formats as, in 56
		// digits, whatever it held in the digits the fake writes as it
		// pleases (the shard's last digit, and 00).
		out := seq.String()
		if len(out) != sequenceNumberLen {
			t.Fatalf("parseSequenceNumber(%q) = %#v, which formats as %q", s, seq, out)
		}
		if back, v, ok := parseSequenceNumber(out); !ok || v != 2 || back != seq {
			t.Fatalf("%#v formats as %q, which reads as %#v, %d, %v", seq, out, back, v, ok)
		}
	})
}

// readWide reads any decimal number below 2^192, leading zeros and all, as
// math/big does, and refuses the rest.
func TestReadWide(t *testing.T) {
	limit := new(big.Int).Lsh(big.NewInt(1), 192)
	inputs := []string{"", "0", "007", "-1", "1a", " 1", "18446744073709551615", "18446744073709551616",
		new(big.Int).Sub(limit, big.NewInt(1)).String(), limit.String(), "000000000000000000000" + limit.String()[1:]}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		b := make([]byte, 1+rng.IntN(62))
		for i := range b {
			b[i] = byte('0' + rng.IntN(10))
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		w, ok := readWide(s)
		want, isNumber := new(big.Int).SetString(s, 10)
		wantOK := isNumber && s != "" && s[0] != '-' && s[0] != '+' && want.Cmp(limit) < 0
		if ok != wantOK {
			t.Errorf("readWide(%q): ok %v, want %v", s, ok, wantOK)
			continue
		}
		if !ok {
			continue
		}
		got := new(big.Int)
		for _, word := range w {
			got.Lsh(got, 64).Or(got, new(big.Int).SetUint64(word))
		}
		if got.Cmp(want) != 0 {
			t.Errorf("readWide(%q) = %s", s, got)
		}
	}
}
