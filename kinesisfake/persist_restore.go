package kinesisfake

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/arn"
	"github.com/streamfake/kinesis/internal/awsid"
)

func newStateReader(r io.Reader) *stateReader {
	return &stateReader{j: newJSONReader(r), streams: map[string]*stream{}}
}

// read reads a state into c, a fake just made, whose options have been
// applied: its region and account ID are empty unless WithRegion or
// WithAccountID gave them. Once c is made, resumeReshards must follow.
func (d *stateReader) read(c *Client) error {
	if err := d.document(); err != nil {
		return err
	}
	return d.install(c)
}

// stateReader reads a document.
type stateReader struct {
	j        *jsonReader
	h        stateHeader
	streams  map[string]*stream
	order    []*stream // in the document's order
	channels []channelJSON
	queues   []queueJSON
	policies []policyIn
	rec      recordIn // the record being read
	// fill, if not nil, adds the records kept apart from the document
	// (a store's) to a stream's shards, once its members are read.
	fill func(doc *streamJSON, shards []*shardIn) error
}

// policyIn is a policy read with its stream or consumer, which gets its
// ARN last.
type policyIn struct {
	s    *stream
	k    *consumer
	text string
}

func (p policyIn) owner() string {
	if p.k != nil {
		return p.k.arn
	}
	return p.s.arn
}

// members reads an object, calling member with each member's name; member
// must read the value. A member may come once.
func (d *stateReader) members(where, what string, member func(key string) error) error {
	if err := d.j.open('{', what); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	seen := map[string]bool{}
	for {
		key, ok, err := d.j.key()
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if !ok {
			return nil
		}
		if seen[key] {
			return fmt.Errorf("%s: member %q comes twice", where, key)
		}
		seen[key] = true
		if err := member(key); err != nil {
			return err
		}
	}
}

// items reads an array, calling item for each item, which must read it.
func (d *stateReader) items(where, what string, item func(i int) error) error {
	if err := d.j.open('[', what); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	for i := 0; ; i++ {
		more, err := d.j.more()
		if err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
		if !more {
			return nil
		}
		if err := item(i); err != nil {
			return err
		}
	}
}

// value decodes the next value into v.
func (d *stateReader) value(where string, v any) error {
	if err := d.j.decode(v); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// rawObject gathers an object's members, but for the one a streamed
// member reads, for decodeStrict: the object's text without that member.
type rawObject struct{ text []byte }

// add adds the next value as the member key.
func (o *rawObject) add(d *stateReader, where, key string) error {
	raw, err := d.j.rawValue()
	if err != nil {
		return fmt.Errorf("%s: %s: %w", where, key, err)
	}
	if len(o.text) == 0 {
		o.text = append(o.text, '{')
	} else {
		o.text = append(o.text, ',')
	}
	name, _ := json.Marshal(key)
	o.text = append(append(append(o.text, name...), ':'), raw...)
	return nil
}

// decode decodes the members gathered into v.
func (o *rawObject) decode(where string, v any) error {
	if len(o.text) == 0 {
		o.text = append(o.text, '{')
	}
	if err := decodeStrict(append(o.text, '}'), v); err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	return nil
}

// document reads the whole document. Its members may come in any order, as
// tools that sort keys leave them; format and version are checked where
// they come, which is first in what Snapshot writes.
func (d *stateReader) document() error {
	var format string
	var version int
	seen := map[string]bool{}
	err := d.members("the state", "a JSON object", func(key string) error {
		seen[key] = true
		switch key {
		case "format":
			if err := d.value(key, &format); err != nil {
				return err
			}
			if format != stateFormat {
				return fmt.Errorf("format is %q, not %q", format, stateFormat)
			}
		case "version":
			if err := d.value(key, &version); err != nil {
				return err
			}
			if version < oldestStateVersion || version > stateVersion {
				return fmt.Errorf("version %d is not one this package reads: it reads %s", version, versions(oldestStateVersion, stateVersion))
			}
		case "region":
			return d.value(key, &d.h.Region)
		case "accountId":
			return d.value(key, &d.h.AccountID)
		case "counters":
			return d.value(key, &d.h.Counters)
		case "accountSettings":
			return d.value(key, &d.h.AccountSettings)
		case "consumerEpochs":
			return d.value(key, &d.h.ConsumerEpochs)
		case "sequenceEpochs":
			return d.value(key, &d.h.SequenceEpochs)
		case "channels":
			return d.value(key, &d.channels)
		case "queues":
			return d.value(key, &d.queues)
		case "streams":
			return d.items("streams", "an array of streams", d.stream)
		default:
			return fmt.Errorf("unknown member %q", key)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, key := range []string{"format", "version", "region", "accountId"} {
		if !seen[key] {
			return fmt.Errorf("the state has no %s", key)
		}
	}
	if seen["queues"] && version < firstQueuesVersion {
		return fmt.Errorf("the state has queues, which came with version %d; it is of version %d", firstQueuesVersion, version)
	}
	if err := d.j.end(); err != nil {
		return fmt.Errorf("after the state: %w", err)
	}
	return nil
}

// shardIn is a shard as it is read: its records come first, in a log, and
// what checking them against the shard needs.
type shardIn struct {
	doc shardJSON
	log recordLog
	// Of the records: the creation second and shard index the first's
	// sequence number carries, which all must share; the last's counter
	// and arrival; the latest time in one; and how many there are.
	created      uint64
	index        int32
	last         uint64
	lastArrival  int64
	latestSecond uint64
	n            int
}

// stream reads streams[i].
func (d *stateReader) stream(i int) error {
	where := fmt.Sprintf("streams[%d]", i)
	var meta rawObject
	var shards []*shardIn
	err := d.members(where, "a stream object", func(key string) error {
		if key == "shards" {
			return d.items(where+": shards", "an array of shards", func(j int) error {
				sh, err := d.shard(fmt.Sprintf("%s: shards[%d]", where, j))
				shards = append(shards, sh)
				return err
			})
		}
		if err := meta.add(d, where, key); err != nil {
			return err
		}
		if key == "name" {
			var name string
			if json.Unmarshal(d.j.buf, &name) == nil {
				where = fmt.Sprintf("streams[%d] (%q)", i, name)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	var doc streamJSON
	if err := meta.decode(where, &doc); err != nil {
		return err
	}
	if d.fill != nil {
		if err := d.fill(&doc, shards); err != nil {
			return fmt.Errorf("%s: %w", where, err)
		}
	}
	s, err := d.buildStream(doc, shards)
	if err != nil {
		return fmt.Errorf("%s: %w", where, err)
	}
	d.streams[s.name] = s
	d.order = append(d.order, s)
	return nil
}

// shard reads a shard and its records.
func (d *stateReader) shard(where string) (*shardIn, error) {
	sh := &shardIn{}
	var meta rawObject
	err := d.members(where, "a shard object", func(key string) error {
		if key == "records" {
			return d.items(where+": records", "an array of records", func(i int) error {
				if err := d.record(sh); err != nil {
					return fmt.Errorf("%s: records[%d]: %w", where, i, err)
				}
				return nil
			})
		}
		return meta.add(d, where, key)
	})
	if err != nil {
		return nil, err
	}
	if err := meta.decode(where, &sh.doc); err != nil {
		return nil, err
	}
	return sh, nil
}

// recordIn is a record as it is read. Its key and data are reused from one
// record to the next.
type recordIn struct {
	seq        []byte
	arrival    int64
	hasArrival bool
	key, data  []byte
	keyFrom    string // the member the key came from, if any
}

// recordJSON is a record as the document has it.
type recordJSON struct {
	SequenceNumber     string  `json:"sequenceNumber"`
	Arrival            *string `json:"arrival"`
	PartitionKey       *string `json:"partitionKey"`
	PartitionKeyBase64 *string `json:"partitionKeyBase64"`
	Data               string  `json:"data"`
}

// record reads a record and adds it to sh.
func (d *stateReader) record(sh *shardIn) error {
	var doc recordJSON
	if err := d.j.decode(&doc); err != nil {
		return err
	}
	r := &d.rec
	r.seq, r.hasArrival, r.key, r.keyFrom = append(r.seq[:0], doc.SequenceNumber...), doc.Arrival != nil, r.key[:0], ""
	var err error
	if r.hasArrival {
		if r.arrival, err = parseArrival(*doc.Arrival); err != nil {
			return err
		}
	}
	switch {
	case doc.PartitionKey != nil && doc.PartitionKeyBase64 != nil:
		return errors.New("a record has partitionKey or partitionKeyBase64, not both")
	case doc.PartitionKey != nil:
		r.key, r.keyFrom = append(r.key, *doc.PartitionKey...), "partitionKey"
	case doc.PartitionKeyBase64 != nil:
		if r.key, err = base64.StdEncoding.AppendDecode(r.key, []byte(*doc.PartitionKeyBase64)); err != nil {
			return fmt.Errorf("partitionKeyBase64: %w", err)
		}
		r.keyFrom = "partitionKeyBase64"
	}
	if r.data, err = base64.StdEncoding.AppendDecode(r.data[:0], []byte(doc.Data)); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	return sh.add(r)
}

// parseArrival reads a record's arrival, an RFC 3339 time in whole
// milliseconds: at once if it has the form Snapshot writes, else with
// time.Parse.
func parseArrival(b string) (int64, error) {
	if len(b) == len(recordArrivalLayout)-5 && b[4] == '-' && b[7] == '-' && b[10] == 'T' && b[13] == ':' && b[16] == ':' && b[19] == '.' && b[23] == 'Z' {
		n := func(from, to int) int {
			v := 0
			for _, c := range b[from:to] {
				if c < '0' || c > '9' {
					return -1
				}
				v = v*10 + int(c-'0')
			}
			return v
		}
		y, mo, d, h, mi, s, ms := n(0, 4), n(5, 7), n(8, 10), n(11, 13), n(14, 16), n(17, 19), n(20, 23)
		t := time.Date(y, time.Month(mo), d, h, mi, s, ms*int(time.Millisecond), time.UTC)
		if min(y, mo, d, h, mi, s, ms) >= 0 && t.Year() == y && int(t.Month()) == mo && t.Day() == d && t.Hour() == h && t.Minute() == mi && t.Second() == s {
			return t.UnixMilli(), nil
		}
	}
	t, err := time.Parse(time.RFC3339Nano, b)
	if err != nil {
		return 0, fmt.Errorf("arrival %q is not an RFC 3339 time: %w", b, err)
	}
	ms := t.UnixMilli()
	if !t.Equal(time.UnixMilli(ms)) {
		return 0, fmt.Errorf("arrival %s is not in whole milliseconds", b)
	}
	return ms, nil
}

// maxStoredRecord bounds a record's data: the largest MaxRecordSizeInKiB.
const maxStoredRecord = 10240 << 10

// add checks a record against those before it and appends it to the log.
// What it must share with its shard is checked once the shard is read.
func (sh *shardIn) add(r *recordIn) error {
	seq, version, ok := parseSequenceNumber(r.seq)
	var canonical [sequenceNumberLen]byte
	if !ok || version != 2 || string(seq.appendTo(canonical[:0])) != string(r.seq) {
		return fmt.Errorf("sequence number %q is not one the fake gives", r.seq)
	}
	if !r.hasArrival {
		return errors.New("a record has no arrival")
	}
	ms := r.arrival
	arrival := func() string { return time.UnixMilli(ms).UTC().Format(recordArrivalLayout) }
	switch {
	case seq.time != arrivalSeconds(ms):
		return fmt.Errorf("sequence number %s carries the time %d, not its arrival's second, %d", r.seq, seq.time, arrivalSeconds(ms))
	case seq.index == 0:
		return fmt.Errorf("sequence number %s has the index 0, which starts a shard's range and is no record's", r.seq)
	case sh.n > 0 && (seq.created != sh.created || seq.shard != sh.index):
		return fmt.Errorf("sequence number %s is of another shard than the records before it", r.seq)
	case sh.n > 0 && seq.index <= sh.last:
		return fmt.Errorf("sequence number %s is not above the one before it", r.seq)
	case sh.n > 0 && ms < sh.lastArrival:
		return fmt.Errorf("arrival %s is before the one before it", arrival())
	case len(r.data) > maxStoredRecord:
		return fmt.Errorf("data of %d bytes, over the %d a record may have", len(r.data), maxStoredRecord)
	}
	key := string(r.key)
	if n := javaLength(key); n > 256 {
		return fmt.Errorf("%s of %d characters, over the 256 a key may have", r.keyFrom, n)
	}
	if sh.n == 0 {
		sh.created, sh.index = seq.created, seq.shard
	}
	sh.last, sh.lastArrival, sh.latestSecond = seq.index, ms, max(sh.latestSecond, seq.time)
	sh.n++
	sh.log.append(r.data, key, seq.index, ms)
	return nil
}

// buildStream checks a stream and its shards and makes it, but for what
// depends on the region and account: its ARN, and its consumers'.
func (d *stateReader) buildStream(doc streamJSON, shards []*shardIn) (*stream, error) {
	switch {
	case !validName(doc.Name):
		return nil, fmt.Errorf("name %q is not a stream name: 1 to 128 letters, digits, '_', '.' and '-'", doc.Name)
	case d.streams[doc.Name] != nil:
		return nil, fmt.Errorf("a stream named %q comes twice", doc.Name)
	case doc.Incarnation == 0:
		return nil, errors.New("incarnation is missing: it is 1 or more")
	case !wholeSeconds(doc.Created):
		return nil, fmt.Errorf("created %s is not in whole seconds", doc.Created.Format(time.RFC3339Nano))
	case doc.Mode != types.StreamModeProvisioned && doc.Mode != types.StreamModeOnDemand:
		return nil, fmt.Errorf("mode %q is neither PROVISIONED nor ON_DEMAND", doc.Mode)
	case doc.RecordDistributionStrategy != types.RecordDistributionStrategyUserPartitionKey && doc.RecordDistributionStrategy != types.RecordDistributionStrategyAuto:
		return nil, fmt.Errorf("recordDistributionStrategy %q is neither USER_PARTITION_KEY nor AUTO", doc.RecordDistributionStrategy)
	case doc.WarmThroughputMiBps != nil && (*doc.WarmThroughputMiBps < 0 || *doc.WarmThroughputMiBps > maxWarmMiBps):
		return nil, fmt.Errorf("warmThroughputMiBps %d is not from 0 to %d", *doc.WarmThroughputMiBps, maxWarmMiBps)
	case doc.RetentionPeriodHours < minRetentionHours || doc.RetentionPeriodHours > maxRetentionHours:
		return nil, fmt.Errorf("retentionPeriodHours %d is not from %d to %d", doc.RetentionPeriodHours, minRetentionHours, maxRetentionHours)
	case doc.MaxRecordSizeInKiB < 1024 || doc.MaxRecordSizeInKiB > 10240:
		return nil, fmt.Errorf("maxRecordSizeInKiB %d is not from 1024 to 10240", doc.MaxRecordSizeInKiB)
	case doc.SequenceCounter > maxIndex-counterRoom:
		return nil, fmt.Errorf("sequenceCounter %d is past %d: the fake could not go on numbering records", doc.SequenceCounter, uint64(maxIndex-counterRoom))
	case len(doc.Tags) > maxTagsPerResource:
		return nil, fmt.Errorf("tags: %d, more than the %d a stream may have", len(doc.Tags), maxTagsPerResource)
	case doc.LatestSequenceSecond > maxSeconds:
		return nil, fmt.Errorf("latestSequenceSecond %d is past %d", doc.LatestSequenceSecond, maxSeconds)
	case len(shards) == 0:
		return nil, errors.New("it has no shards")
	}
	if err := checkMetrics(doc.ShardLevelMetrics); err != nil {
		return nil, err
	}
	if err := checkPolicyText("policy", doc.Policy); err != nil {
		return nil, err
	}
	s := &stream{
		name:           doc.Name,
		tag:            doc.Incarnation,
		created:        doc.Created.UTC(),
		life:           doc.Lifecycle,
		scalings:       utcTimes(doc.Scalings),
		streamSettings: doc.streamSettings,
		encryption:     types.EncryptionTypeNone,
		spread:         doc.Spread,
		consumers:      map[string]*consumer{},
		consumerList:   newSortedSet(consumerOrder),
		consumerCensus: newCensus(),
		counter:        doc.SequenceCounter,
		latest:         doc.LatestSequenceSecond,
	}
	s.Tags = nonNil(s.Tags)
	if doc.WarmThroughputMiBps != nil {
		s.warm = warmThroughput(*doc.WarmThroughputMiBps)
	}
	if doc.Policy != "" {
		d.policies = append(d.policies, policyIn{s: s, text: doc.Policy})
	}
	for i, e := range doc.EncryptionChanges {
		switch {
		case e.Type != types.EncryptionTypeNone && e.Type != types.EncryptionTypeKms:
			return nil, fmt.Errorf("encryptionChanges[%d]: type %q is neither NONE nor KMS", i, e.Type)
		case e.From == 0 || e.From > s.counter+1:
			return nil, fmt.Errorf("encryptionChanges[%d]: from %d is not from 1 to the next sequence counter, %d", i, e.From, s.counter+1)
		case i > 0 && e.From < doc.EncryptionChanges[i-1].From:
			return nil, fmt.Errorf("encryptionChanges[%d]: from %d is before the change before it", i, e.From)
		}
		s.encryptionChanges = append(s.encryptionChanges, encryptionChange{from: e.From, kms: e.Type == types.EncryptionTypeKms})
		s.encryption = e.Type
	}
	if (s.encryption == types.EncryptionTypeKms) != (s.KeyID != "") {
		return nil, fmt.Errorf("keyId %q does not fit the encryption type, %s: KMS has a key, NONE none", s.KeyID, s.encryption)
	}
	if err := d.buildShards(s, shards); err != nil {
		return nil, err
	}
	if p := doc.PendingReshard; p != nil {
		plan, err := pendingReshard(s, p)
		if err != nil {
			return nil, fmt.Errorf("pendingReshard: %w", err)
		}
		s.pendingReshard = plan
	}
	for i, kd := range doc.Consumers {
		switch {
		case !validName(kd.Name):
			return nil, fmt.Errorf("consumers[%d]: name %q is not a consumer name: 1 to 128 letters, digits, '_', '.' and '-'", i, kd.Name)
		case len(kd.Tags) > maxTagsPerResource:
			return nil, fmt.Errorf("consumers[%d]: tags: %d, more than the %d a consumer may have", i, len(kd.Tags), maxTagsPerResource)
		case s.consumers[kd.Name] != nil:
			return nil, fmt.Errorf("consumers[%d]: a consumer named %q comes twice", i, kd.Name)
		case !wholeSeconds(kd.Created):
			return nil, fmt.Errorf("consumers[%d]: created %s is not in whole seconds", i, kd.Created.Format(time.RFC3339Nano))
		}
		if err := checkPolicyText(fmt.Sprintf("consumers[%d]: policy", i), kd.Policy); err != nil {
			return nil, err
		}
		k := &consumer{
			name:             kd.Name,
			stream:           s,
			created:          kd.Created.UTC(),
			life:             kd.Lifecycle,
			consumerSettings: kd.consumerSettings,
			subs:             map[int]*subscription{},
			lastSubscribed:   map[int]time.Time{},
		}
		k.Tags = nonNil(k.Tags)
		s.addConsumer(k)
		if k.life.Deleting {
			s.consumerCensus.deleting(k.name, &k.life)
		}
		if kd.Policy != "" {
			d.policies = append(d.policies, policyIn{k: k, text: kd.Policy})
		}
	}
	return s, nil
}

// buildShards checks the shards of s and their records, and gives them to
// s.
func (d *stateReader) buildShards(s *stream, shards []*shardIn) error {
	for i, in := range shards {
		doc := &in.doc
		sh := &shard{
			id:             shardID(i),
			index:          i,
			created:        doc.SequenceEpoch,
			parent:         doc.ParentShardID,
			adjacentParent: doc.AdjacentParentShardID,
			opened:         doc.Opened.UTC(),
			closed:         doc.Closed.UTC(),
			log:            in.log,
		}
		where := fmt.Sprintf("shards[%d]", i)
		start, okStart := parseHashKey(doc.StartingHashKey)
		end, okEnd := parseHashKey(doc.EndingHashKey)
		switch {
		case doc.ShardID != sh.id:
			return fmt.Errorf("%s: shardId %q is not %s, the ID of the shard at its place", where, doc.ShardID, sh.id)
		case !okStart || start.String() != doc.StartingHashKey:
			return fmt.Errorf("%s: startingHashKey %q is not a hash key, a decimal number below 2^128 without leading zeros", where, doc.StartingHashKey)
		case !okEnd || end.String() != doc.EndingHashKey:
			return fmt.Errorf("%s: endingHashKey %q is not a hash key, a decimal number below 2^128 without leading zeros", where, doc.EndingHashKey)
		case end.less(start):
			return fmt.Errorf("%s: endingHashKey %s is below startingHashKey %s", where, doc.EndingHashKey, doc.StartingHashKey)
		case doc.SequenceEpoch > maxSeconds:
			return fmt.Errorf("%s: sequenceEpoch %d is past %d", where, doc.SequenceEpoch, maxSeconds)
		case !sh.opened.Equal(sh.opened.Truncate(time.Millisecond)) || !sh.closed.Equal(sh.closed.Truncate(time.Millisecond)):
			return fmt.Errorf("%s: opened and closed are in whole milliseconds", where)
		case s.latest < sh.created || !sh.open() && s.latest < seconds(sh.closed):
			return fmt.Errorf("%s: the stream's latestSequenceSecond, %d, is before the shard's sequence numbers", where, s.latest)
		case in.n > 0 && (in.created != sh.created || int(in.index) != i):
			return fmt.Errorf("%s: records: sequence numbers are of another shard", where)
		case in.n > 0 && in.last > s.counter:
			return fmt.Errorf("%s: records: sequence counter %d is above the stream's sequenceCounter, %d", where, in.last, s.counter)
		case in.n > 0 && in.latestSecond > s.latest:
			return fmt.Errorf("%s: records: time %d is past the stream's latestSequenceSecond, %d", where, in.latestSecond, s.latest)
		}
		sh.hashRange = hashKeyRange{start, end}
		sh.startingHashKey, sh.endingHashKey = doc.StartingHashKey, doc.EndingHashKey
		sh.startingSeq = sh.sequence(0, sh.created).String()
		if !sh.open() {
			sh.endingSeq = sh.sequence(maxIndex, seconds(sh.closed)).String()
		}
		for _, p := range []struct{ what, id string }{{"parentShardId", sh.parent}, {"adjacentParentShardId", sh.adjacentParent}} {
			if p.id == "" {
				continue
			}
			j, ok := parseShardID(p.id)
			switch {
			case !ok || shardID(j) != p.id || j >= i:
				return fmt.Errorf("%s: %s %q is not the ID of a shard before it", where, p.what, p.id)
			case s.shards[j].open():
				return fmt.Errorf("%s: %s %s is open: a parent is closed", where, p.what, p.id)
			}
			s.shards[j].children = append(s.shards[j].children, sh)
		}
		if sh.adjacentParent != "" && (sh.parent == "" || sh.adjacentParent == sh.parent) {
			return fmt.Errorf("%s: adjacentParentShardId %s comes with another parentShardId", where, sh.adjacentParent)
		}
		s.shards = append(s.shards, sh)
	}
	s.reroute(s.shards)
	// The open shards must divide the hash key space between them, for
	// routing to find every key's.
	next, covered := hashKey{}, false
	for _, sh := range s.open {
		if covered || sh.hashRange.start != next {
			return fmt.Errorf("the open shards do not divide the hash key space between them: %s starts at %s", sh.id, sh.startingHashKey)
		}
		next, covered = sh.hashRange.end.next(), sh.hashRange.end == hashKey{^uint64(0), ^uint64(0)}
	}
	if !covered {
		return fmt.Errorf("the open shards do not divide the hash key space between them: none holds %s", next)
	}
	return nil
}

// pendingReshard checks a pending reshard against the stream's shards.
func pendingReshard(s *stream, p *reshardJSON) (*reshardPlan, error) {
	if s.life.UpdatingUntil.IsZero() {
		return nil, errors.New("the stream has no lifecycle.updatingUntil for it to wait for")
	}
	openShard := func(what, id string) (*shard, error) {
		i, ok := parseShardID(id)
		if !ok || shardID(i) != id || i >= len(s.shards) || !s.shards[i].open() {
			return nil, fmt.Errorf("%s %q is not the ID of an open shard", what, id)
		}
		return s.shards[i], nil
	}
	switch p.Operation {
	case "SplitShard":
		sh, err := openShard("shardToSplit", p.ShardToSplit)
		if err != nil {
			return nil, err
		}
		key, ok := parseHashKey(p.NewStartingHashKey)
		if !ok || !sh.hashRange.start.next().less(key) || !key.less(sh.hashRange.end) {
			return nil, fmt.Errorf("newStartingHashKey %q is not inside the range of %s", p.NewStartingHashKey, sh.id)
		}
		if p.ShardToMerge != "" || p.AdjacentShardToMerge != "" || p.TargetShardCount != 0 {
			break
		}
		return &reshardPlan{op: reshardSplit, shard: sh.index, key: key}, nil
	case "MergeShards":
		a, err := openShard("shardToMerge", p.ShardToMerge)
		if err != nil {
			return nil, err
		}
		b, err := openShard("adjacentShardToMerge", p.AdjacentShardToMerge)
		if err != nil {
			return nil, err
		}
		if !adjacent(a, b) {
			return nil, fmt.Errorf("%s and %s are not adjacent, the second's range after the first's", a.id, b.id)
		}
		if p.ShardToSplit != "" || p.NewStartingHashKey != "" || p.TargetShardCount != 0 {
			break
		}
		return &reshardPlan{op: reshardMerge, shard: a.index, adjacent: b.index}, nil
	case "UpdateShardCount":
		if p.TargetShardCount < 1 || p.TargetShardCount > maxShardsPerStream {
			return nil, fmt.Errorf("targetShardCount %d is not from 1 to %d", p.TargetShardCount, maxShardsPerStream)
		}
		if p.ShardToSplit != "" || p.NewStartingHashKey != "" || p.ShardToMerge != "" || p.AdjacentShardToMerge != "" {
			break
		}
		return &reshardPlan{op: reshardScale, target: p.TargetShardCount}, nil
	default:
		return nil, fmt.Errorf("operation %q is not SplitShard, MergeShards or UpdateShardCount", p.Operation)
	}
	return nil, fmt.Errorf("%s has members of another operation", p.Operation)
}

// install checks what the document's parts say of one another, and makes
// them c's state.
func (d *stateReader) install(c *Client) error {
	h := &d.h
	if err := awsid.CheckRegion(h.Region); err != nil {
		return fmt.Errorf("region %q: %w", h.Region, err)
	}
	if err := awsid.CheckAccountID(h.AccountID); err != nil {
		return fmt.Errorf("accountId %q: %w", h.AccountID, err)
	}
	switch {
	case c.region != "" && c.region != h.Region:
		return fmt.Errorf("the state is of region %s, but WithRegion gives %s; leave WithRegion out to take the state's", h.Region, c.region)
	case c.accountID != "" && c.accountID != h.AccountID:
		return fmt.Errorf("the state is of account %s, but WithAccountID gives %s; leave WithAccountID out to take the state's", h.AccountID, c.accountID)
	case h.Counters.ExpiredNonce > h.Counters.LastNonce:
		return fmt.Errorf("counters: expiredNonce %d is above lastNonce %d", h.Counters.ExpiredNonce, h.Counters.LastNonce)
	case h.Counters.LastNonce > math.MaxUint64-counterRoom:
		return fmt.Errorf("counters: lastNonce %d is past %d: the fake could not go on handing out iterators", h.Counters.LastNonce, uint64(math.MaxUint64-counterRoom))
	case h.Counters.LastIncarnation > math.MaxUint64-counterRoom:
		return fmt.Errorf("counters: lastIncarnation %d is past %d: the fake could not go on making streams", h.Counters.LastIncarnation, uint64(math.MaxUint64-counterRoom))
	}
	if a := h.AccountSettings; a != nil {
		m := a.Commitment
		switch {
		case m.StartedAt.IsZero() || !m.EarliestAllowedEndAt.Equal(m.StartedAt.Add(minCommitment)):
			return fmt.Errorf("accountSettings: the commitment's earliestAllowedEndAt is not 24 hours after its startedAt")
		case !m.EndsAt.IsZero() && m.EndsAt.Before(m.EarliestAllowedEndAt):
			return fmt.Errorf("accountSettings: the commitment's endsAt is before its earliestAllowedEndAt")
		}
	}
	for key, t := range h.ConsumerEpochs {
		if s, k, ok := strings.Cut(key, "/"); !ok || !validName(s) || !validName(k) || !wholeSeconds(t) {
			return fmt.Errorf("consumerEpochs: %q: %s is not a stream name, a slash and a consumer name, with a time in whole seconds", key, t.Format(time.RFC3339Nano))
		}
	}
	for name, sec := range h.SequenceEpochs {
		if !validName(name) || sec > maxSeconds {
			return fmt.Errorf("sequenceEpochs: %q: %d is not a stream name with a second up to %d", name, sec, maxSeconds)
		}
	}
	incarnations := map[uint64]*stream{}
	for _, s := range d.order {
		where := fmt.Sprintf("stream %s", s.name)
		switch prev := incarnations[s.tag]; {
		case prev != nil:
			return fmt.Errorf("%s: incarnation %d is also stream %s's", where, s.tag, prev.name)
		case s.tag > h.Counters.LastIncarnation:
			return fmt.Errorf("%s: incarnation %d is above counters.lastIncarnation, %d", where, s.tag, h.Counters.LastIncarnation)
		}
		incarnations[s.tag] = s
		for k := range s.consumerList.skip(0) {
			if epoch, ok := h.ConsumerEpochs[s.name+"/"+k.name]; !ok || epoch.Before(k.created) {
				return fmt.Errorf("%s: consumer %s: consumerEpochs has no time for %s/%s at or after its creation", where, k.name, s.name, k.name)
			}
		}
	}
	channels := map[string]*channel{}
	names := map[string]bool{}
	nonces := map[uint64]bool{}
	for i, doc := range d.channels {
		ch, err := d.buildChannel(doc, h.Counters.LastNonce)
		switch {
		case err != nil:
			return fmt.Errorf("channels[%d]: %w", i, err)
		case names[ch.name]:
			return fmt.Errorf("channels[%d]: a channel named %q comes twice", i, ch.name)
		case nonces[ch.seq]:
			return fmt.Errorf("channels[%d]: nonce %d is another channel's", i, ch.seq)
		}
		for _, other := range channels {
			if other.id == ch.id {
				return fmt.Errorf("channels[%d]: id %s is also channel %s's", i, ch.id, other.name)
			}
		}
		names[ch.name], nonces[ch.seq] = true, true
		channels[ch.id] = ch
	}

	queues := make([]*queue, len(d.queues))
	for i, doc := range d.queues {
		q, err := d.buildQueue(doc, h.Counters.LastNonce)
		switch {
		case err != nil:
			return fmt.Errorf("queues[%d]: %w", i, err)
		case names["queue/"+q.name]:
			return fmt.Errorf("queues[%d]: a queue named %q comes twice", i, q.name)
		case nonces[q.seq]:
			return fmt.Errorf("queues[%d]: nonce %d is another channel's or queue's", i, q.seq)
		}
		for _, other := range queues[:i] {
			if other.id == q.id {
				return fmt.Errorf("queues[%d]: id %s is also queue %s's", i, q.id, other.name)
			}
		}
		names["queue/"+q.name], nonces[q.seq] = true, true
		queues[i] = q
	}

	// All is well: make it the fake's.
	c.region, c.accountID, c.partition = h.Region, h.AccountID, partitionOf(h.Region)
	c.stateCounters = h.Counters
	if a := h.AccountSettings; a != nil {
		c.account = *a
	}
	for key, t := range h.ConsumerEpochs {
		c.consumerEpochs[key] = t.Unix()
	}
	for name, sec := range h.SequenceEpochs {
		c.shardEpochs[name] = sec
	}
	for _, s := range d.order {
		s.arn = c.streamARN(s.name)
		for k := range s.consumerList.skip(0) {
			k.arn = arn.Consumer{Stream: arn.Stream{Partition: c.partition, Region: c.region, AccountID: c.accountID, Name: s.name}, Name: k.name, CreationTime: k.created}.String()
		}
		for _, sh := range s.shards {
			sh.log.publish(sh.log.next) // as stored, or as the document has them
		}
		s.published = s.counter
		c.addStream(s)
		if s.life.Deleting {
			c.index.census.deleting(s.name, &s.life)
		}
		if s.pendingReshard != nil {
			c.index.resharding.insert(timed[*stream]{s.life.UpdatingUntil, s.name, s})
		}
	}
	for _, ch := range channels {
		c.placeOnStream("channel", &ch.onStream)
		c.channels[ch.arn] = ch
	}
	for i, q := range queues {
		c.placeOnStream("queue", &q.onStream)
		placeDeliveries(q, d.queues[i])
		c.queues[q.arn] = q
	}
	for _, p := range d.policies {
		c.policies[p.owner()] = p.text
	}
	return nil
}

// buildQueue checks a queue and makes it, but for what depends on the
// region and account, and on its stream's records: its ARN, its stream's,
// and where it is in the stream.
func (d *stateReader) buildQueue(doc queueJSON, lastNonce uint64) (*queue, error) {
	base, err := d.buildOnStream("queue", doc.onStreamJSON, len(doc.Tags), lastNonce)
	if err != nil {
		return nil, err
	}
	s := base.stream
	dead := doc.DeadLetter
	switch {
	case doc.VisibilityTimeoutSeconds < 0 || doc.VisibilityTimeoutSeconds > 43200:
		return nil, fmt.Errorf("visibilityTimeoutSeconds %d is not from 0 to 43200", doc.VisibilityTimeoutSeconds)
	case doc.VisibilityBeforeUpdate != nil && (*doc.VisibilityBeforeUpdate < 0 || *doc.VisibilityBeforeUpdate > 43200):
		return nil, fmt.Errorf("visibilityBeforeUpdate %d is not from 0 to 43200", *doc.VisibilityBeforeUpdate)
	case dead.TargetType == types.TargetTypeBuiltIn && (dead.MaxReceiveCount < 1 || dead.MaxReceiveCount > 1000),
		dead.TargetType == types.TargetTypeNone && dead.MaxReceiveCount != 0,
		dead.TargetType != types.TargetTypeBuiltIn && dead.TargetType != types.TargetTypeNone:
		return nil, fmt.Errorf("deadLetter %+v is neither BUILT_IN with a maxReceiveCount from 1 to 1000 nor NONE without one", dead)
	case !slices.Contains(types.QueueStartingPositionType("").Values(), doc.Start.Type):
		return nil, fmt.Errorf("startingPosition type %q is not one the API has", doc.Start.Type)
	case len(doc.Cursors) > len(s.shards):
		return nil, fmt.Errorf("cursors: %d, more than the stream's %d shards", len(doc.Cursors), len(s.shards))
	case doc.LastReceipt > math.MaxUint64-counterRoom:
		return nil, fmt.Errorf("lastReceipt %d leaves no room to go on", doc.LastReceipt)
	}
	slots := map[int32]bool{}
	for i, dd := range doc.Deliveries {
		switch {
		case dd.Slot < 0 || int(dd.Slot) >= len(doc.Deliveries)+maxFreeSlots || slots[dd.Slot]:
			return nil, fmt.Errorf("deliveries[%d]: slot %d is negative, another's, or more than %d past the deliveries", i, dd.Slot, maxFreeSlots)
		case dd.Shard < 0 || int(dd.Shard) >= len(s.shards):
			return nil, fmt.Errorf("deliveries[%d]: shard %d is not one of the stream's", i, dd.Shard)
		case !slices.Contains([]string{"inFlight", "lastChance", "deadLetter"}, dd.State):
			return nil, fmt.Errorf("deliveries[%d]: state %q is not inFlight, lastChance or deadLetter", i, dd.State)
		case dd.Receipt > doc.LastReceipt || dd.Receives < 0:
			return nil, fmt.Errorf("deliveries[%d]: receipt %d is after lastReceipt, or receives %d is negative", i, dd.Receipt, dd.Receives)
		}
		slots[dd.Slot] = true
	}
	q := &queue{onStream: base, queueSettings: doc.queueSettings}
	q.Tags = nonNil(q.Tags)
	q.nonce = doc.LastReceipt
	return q, nil
}

// maxFreeSlots is how many free slots a queue read from a state may have
// among those in use: the slots are made up to the highest one a delivery
// names, so a hand-made state naming a slot far out would otherwise take
// that much memory. A queue makes free slots only as records in flight are
// acknowledged, never more than it had in flight and dead-lettered at
// once: the service allows 120,000 in flight ("Maximum in-flight records
// per queue").
const maxFreeSlots = 1 << 20

// placeDeliveries sets where q is in its stream's shards, and the records
// it has delivered, from their sequence counters, once the stream's records
// are in place. A delivery whose record has expired since is dropped, as
// the queue would drop it.
func placeDeliveries(q *queue, doc queueJSON) {
	for i, counter := range doc.Cursors {
		sh := q.stream.shards[i]
		q.advance(sh, sh.log.find(position{counter: counter}))
	}
	piles := map[string]pile{}
	for p, name := range pileNames {
		piles[name] = p
	}
	used := map[int32]bool{}
	for _, dd := range doc.Deliveries {
		sh := q.stream.shards[dd.Shard]
		n := sh.log.find(position{counter: dd.Counter})
		if n >= sh.log.end() || sh.log.at(n).counter != dd.Counter {
			continue
		}
		for int(dd.Slot) >= len(q.slots) {
			q.slots = append(q.slots, delivery{})
		}
		q.slots[dd.Slot] = delivery{number: int64(n), due: dd.Due.UnixMilli(), first: dd.First.UnixMilli(), handle: dd.Receipt, shard: dd.Shard, receives: dd.Receives}
		q.place(dd.Slot, piles[dd.State])
		used[dd.Slot] = true
	}
	for slot := range q.slots {
		if !used[int32(slot)] {
			q.free = append(q.free, int32(slot))
		}
	}
}

// buildChannel checks a channel and makes it, but for what depends on the
// region and account: its ARN and its stream's.
func (d *stateReader) buildChannel(doc channelJSON, lastNonce uint64) (*channel, error) {
	base, err := d.buildOnStream("channel", doc.onStreamJSON, len(doc.Tags), lastNonce)
	if err != nil {
		return nil, err
	}
	kind := doc.DestinationType
	switch {
	case kind == types.ChannelDestinationTypeS3 && (doc.Storage == nil || doc.Storage.BucketARN == nil || doc.Storage.ExpectedBucketOwner == nil || doc.Tables != nil):
		return nil, errors.New("destinationType S3 has storage, with a bucketARN and an expectedBucketOwner, and no tables")
	case kind == types.ChannelDestinationTypeS3Tables && (doc.Storage != nil || len(doc.Tables) == 0):
		return nil, errors.New("destinationType S3_TABLES has tables and no storage")
	case kind != types.ChannelDestinationTypeS3 && kind != types.ChannelDestinationTypeS3Tables:
		return nil, fmt.Errorf("destinationType %q is neither S3 nor S3_TABLES", doc.DestinationType)
	case doc.Logging.Enabled == nil:
		return nil, errors.New("logging has no enabled")
	}
	ch := &channel{onStream: base, channelSettings: doc.channelSettings}
	ch.Tags = nonNil(ch.Tags)
	return ch, nil
}

// buildOnStream checks what a channel's or queue's document (kind
// "channel" or "queue") shares with the other's, and makes it, but for
// what depends on the region and account: its ARN and its stream's.
func (d *stateReader) buildOnStream(kind string, doc onStreamJSON, tags int, lastNonce uint64) (onStream, error) {
	s := d.streams[doc.Stream.Name]
	switch {
	case tags > maxTagsPerResource:
		return onStream{}, fmt.Errorf("tags: %d, more than the %d a %s may have", tags, maxTagsPerResource, kind)
	case len(doc.ID) != resourceIDLen || strings.IndexFunc(doc.ID, func(r rune) bool { return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z') }) >= 0:
		return onStream{}, fmt.Errorf("id %q is not a %s ID: %d lowercase letters and digits", doc.ID, kind, resourceIDLen)
	case !validName(doc.Name):
		return onStream{}, fmt.Errorf("name %q is not a %s name: 1 to 128 letters, digits, '_', '.' and '-'", doc.Name, kind)
	case doc.Nonce == 0 || doc.Nonce > lastNonce:
		return onStream{}, fmt.Errorf("nonce %d is not from 1 to counters.lastNonce, %d", doc.Nonce, lastNonce)
	case !wholeSeconds(doc.Created):
		return onStream{}, fmt.Errorf("created %s is not in whole seconds", doc.Created.Format(time.RFC3339Nano))
	case s == nil || s.tag != doc.Stream.Incarnation:
		return onStream{}, fmt.Errorf("stream %s, incarnation %d, is not one of the streams", doc.Stream.Name, doc.Stream.Incarnation)
	}
	return onStream{id: doc.ID, name: doc.Name, seq: doc.Nonce, created: doc.Created.UTC(), life: doc.Lifecycle, stream: s}, nil
}

// placeOnStream gives a channel or queue read from a document what depends
// on the region and account: its ARN and its stream's.
func (e *engine) placeOnStream(kind string, r *onStream) {
	r.arn = e.resourceARN(kind, r.id)
	r.streamARN = r.stream.arn
	r.streamCreated = r.stream.created
}

// counterRoom is how far below its largest value a counter read from a
// state must be, so that the fake can go on counting from it: four
// billion more records, iterators or streams, past what any test makes.
const counterRoom = 1 << 32

// validName reports whether s is a name of a stream, consumer or channel.
func validName(s string) bool { return len(s) <= 128 && nameChars.match(s) }

func wholeSeconds(t time.Time) bool { return t.Equal(t.Truncate(time.Second)) }

func utcTimes(ts []time.Time) []time.Time {
	var out []time.Time
	for _, t := range ts {
		out = append(out, t.UTC())
	}
	return out
}

func nonNil(m map[string]string) map[string]string {
	if m == nil {
		return map[string]string{}
	}
	return m
}

// checkMetrics checks shard-level metrics as a stream keeps them: known
// ones, once each, in the model's order, without ALL.
func checkMetrics(metrics []types.MetricsName) error {
	known := slices.DeleteFunc(types.MetricsName("").Values(), func(m types.MetricsName) bool { return m == types.MetricsNameAll })
	at := 0
	for _, m := range metrics {
		i := slices.Index(known[at:], m)
		if i < 0 {
			return fmt.Errorf("shardLevelMetrics: %q is not a metric, or comes out of the order %v, once each", m, known)
		}
		at += i + 1
	}
	return nil
}

// checkPolicyText checks a resource policy's form, as PutResourcePolicy
// does.
func checkPolicyText(where, policy string) error {
	if policy != "" && checkPolicy(policy) != nil {
		return fmt.Errorf("%s is not a JSON object", where)
	}
	return nil
}

// resumeReshards sets the timers that apply the reshards a restored state
// holds pending when their time comes, as reshard sets them, so that
// subscriptions to the shards they close learn of it then. Those due
// already are applied by the first call that looks.
func (c *Client) resumeReshards() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.resumeReshardsLocked()
}

func (c *Client) resumeReshardsLocked() {
	now := c.clock.Now()
	for e := range c.index.resharding.skip(0) {
		if d := e.at.Sub(now); d > 0 {
			c.settleLater(e.v, d)
		}
	}
}

// versions names the versions from oldest to newest: "version 1", or
// "versions 1 to 2".
func versions(oldest, newest int) string {
	if oldest == newest {
		return fmt.Sprintf("version %d", newest)
	}
	return fmt.Sprintf("versions %d to %d", oldest, newest)
}
