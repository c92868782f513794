package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"math/big"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/streamfake/kinesis/internal/boltstore"
	"github.com/streamfake/kinesis/kinesisfake"
)

var killRuns = flag.Int("kill.runs", 20, "how many times TestDataSurvivesKill kills the server")

// process is the built command running as a process of its own.
type process struct {
	cmd  *exec.Cmd
	addr string
	done chan struct{} // closed once stderr is read to its end
	log  []string      // stderr after the ready line, once done
}

// startProcess starts bin with args on a loopback port and waits for its
// ready line.
func startProcess(t *testing.T, bin string, args ...string) *process {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-addr", "127.0.0.1:0", "-quiet"}, args...)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("%q: no ready line: %v", args, lines.Err())
	}
	const prefix = "kinesisfake: ready on http://"
	line := lines.Text()
	if !strings.HasPrefix(line, prefix) {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("%q: first line %q", args, line)
	}
	p := &process{cmd: cmd, addr: strings.Fields(strings.TrimPrefix(line, prefix))[0], done: make(chan struct{})}
	go func() {
		defer close(p.done)
		for lines.Scan() {
			p.log = append(p.log, lines.Text())
		}
	}()
	t.Cleanup(func() {
		p.kill()
		if t.Failed() {
			t.Logf("%q wrote:\n%s", args, strings.Join(p.log, "\n"))
		}
	})
	return p
}

// kill kills the process with SIGKILL and waits for it.
func (p *process) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Kill()
	<-p.done
	p.cmd.Wait()
}

// writer is an SDK client of the process's own, which does not retry: a
// call that fails was not acknowledged.
func (p *process) writer() *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://" + p.addr),
		Credentials:  fakeCredentials,
		Retryer:      aws.NopRetryer{},
	})
}

// reader is an SDK client of the process's own, which retries as the SDK
// does by default: over HTTP/1.1 to a server on the same machine, a
// response can come before the SDK's transport has finished with the
// request, which then closes the connection under the response
// ("use of closed network connection", aws/aws-sdk-go-v2#2737), an error
// the SDK retries since v1.32.8 (#2949).
func (p *process) reader() *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String("http://" + p.addr),
		Credentials:  fakeCredentials,
	})
}

// ack is an acknowledged record.
type ack struct {
	data, shard, seq string
}

// TestDataSurvivesKill puts records from several clients at once, with
// PutRecord and PutRecords, kills the server with SIGKILL in the middle of
// it, starts it again on the same directory and reads every shard: every
// acknowledged record is there exactly once, with its sequence number and
// shard, in the order it was acknowledged; of the calls in flight, each
// PutRecords is there whole or not at all; and nothing is there that was
// not sent. A reader at the tip, checkpointing what it read as the KCL
// does, read nothing that is not there after the restart, and, resuming
// from its checkpoints, gets every record acknowledged after it.
// -kill.runs sets how many times (20; 200 by hand).
func TestDataSurvivesKill(t *testing.T) {
	bin := build(t)
	for run := range *killRuns {
		mode := []string{"batch", "always", "never"}[run%3]
		t.Run(fmt.Sprint(run, "-", mode), func(t *testing.T) {
			killAndCheck(t, bin, mode, 40+run*7%160)
		})
	}
}

func killAndCheck(t *testing.T, bin, mode string, killAfter int) {
	dir := t.TempDir()
	args := []string{"-data", dir, "-fsync", mode}
	p := startProcess(t, bin, append(args, "-streams", "s:3")...)

	const clients = 6
	var (
		mu       sync.Mutex
		acked    = make([][]ack, clients) // by client, in order
		batches  = map[string][]string{}  // the first record of each PutRecords in flight at the kill → all its records
		sent     = map[string]bool{}      // every record sent
		ackCount atomic.Int64
		killed   = make(chan struct{})
		inFlight atomic.Int64
		wg       sync.WaitGroup
	)
	for c := range clients {
		k := p.writer()
		wg.Go(func() {
			for n := 0; ; n++ {
				select {
				case <-killed:
					return
				default:
				}
				size := 1
				if c%2 == 1 {
					size = 1 + n%25
				}
				entries := make([]types.PutRecordsRequestEntry, size)
				datas := make([]string, size)
				mu.Lock()
				for i := range entries {
					datas[i] = fmt.Sprintf("c%d-n%d-i%d", c, n, i)
					sent[datas[i]] = true
					entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(datas[i]), Data: []byte(datas[i])}
				}
				mu.Unlock()
				inFlight.Add(1)
				var got []ack
				if c%2 == 0 {
					out, err := k.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: entries[0].PartitionKey, Data: entries[0].Data})
					if err == nil {
						got = []ack{{datas[0], *out.ShardId, *out.SequenceNumber}}
					}
				} else {
					out, err := k.PutRecords(context.Background(), &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries})
					if err == nil {
						if n := aws.ToInt32(out.FailedRecordCount); n != 0 {
							t.Errorf("PutRecords: %d failed", n)
						}
						for i, r := range out.Records {
							got = append(got, ack{datas[i], *r.ShardId, *r.SequenceNumber})
						}
					} else {
						mu.Lock()
						batches[datas[0]] = datas
						mu.Unlock()
					}
				}
				inFlight.Add(-1)
				if got == nil {
					return // the server is gone
				}
				mu.Lock()
				acked[c] = append(acked[c], got...)
				mu.Unlock()
				if ackCount.Add(int64(len(got))) >= int64(killAfter) && c == 0 {
					// Killed by a writer, so that others are in flight.
					flying := inFlight.Load()
					p.kill()
					close(killed)
					t.Logf("killed after %d acknowledged records, %d calls in flight", ackCount.Load(), flying)
					return
				}
			}
		})
	}
	tip := newTipReader(p.writer(), "s")
	wg.Go(func() {
		for {
			select {
			case <-killed:
				return
			default:
			}
			if tip.read(context.Background()) != nil {
				return // the server is gone
			}
		}
	})
	wg.Wait()

	// Started again on the same directory, it has every acknowledged
	// record.
	p = startProcess(t, bin, append(args, "-streams", "s:3")...)
	k := p.reader()
	stored := readAll(t, k, "s")
	storedSeqs := map[string]bool{}
	for _, r := range stored {
		storedSeqs[r.seq] = true
	}
	lostRead := 0
	for seq := range tip.seen {
		if !storedSeqs[seq] {
			lostRead++
		}
	}
	if lostRead > 0 {
		t.Errorf("%d of the %d records the reader at the tip read before the kill are not there after it", lostRead, len(tip.seen))
	}
	where := map[string]ack{} // data → where it is stored
	for _, r := range stored {
		if _, twice := where[r.data]; twice {
			t.Errorf("%s is stored twice", r.data)
		}
		if !sent[r.data] {
			t.Errorf("%s is stored but was never sent", r.data)
		}
		where[r.data] = r
	}
	position := map[string]int{}
	for i, r := range stored {
		position[r.data] = i
	}
	total := 0
	for c, records := range acked {
		last := map[string]int{} // shard → where the client's last record there is stored
		for _, a := range records {
			total++
			got, ok := where[a.data]
			switch {
			case !ok:
				t.Errorf("client %d: acknowledged %s (%s %s) is lost", c, a.data, a.shard, a.seq)
				continue
			case got != a:
				t.Errorf("client %d: acknowledged %+v, stored %+v", c, a, got)
			}
			if before, ok := last[a.shard]; ok && position[a.data] < before {
				t.Errorf("client %d: %s is stored before a record acknowledged before it", c, a.data)
			}
			last[a.shard] = position[a.data]
		}
	}
	for first, datas := range batches {
		n := 0
		for _, d := range datas {
			if _, ok := where[d]; ok {
				n++
			}
		}
		if n != 0 && n != len(datas) {
			t.Errorf("PutRecords from %s in flight at the kill: %d of its %d records are stored", first, n, len(datas))
		}
	}
	if total < killAfter {
		t.Errorf("%d records acknowledged, want %d or more", total, killAfter)
	}
	// New records come after the stored ones, and the reader resuming
	// from its checkpoints gets all of them, and nothing it read before.
	var after []string
	for i := range 30 {
		data := fmt.Sprint("after-", i)
		out, err := k.PutRecord(context.Background(), &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(data), Data: []byte(data)})
		if err != nil {
			t.Fatal(err)
		}
		if tip.seen[*out.SequenceNumber] {
			t.Errorf("%s, acknowledged after the restart, has the sequence number of a record the reader read before it", data)
		}
		for _, r := range stored {
			if r.shard == *out.ShardId && !seqLess(r.seq, *out.SequenceNumber) {
				t.Errorf("the record put after the restart, %s, is not after %s", *out.SequenceNumber, r.seq)
			}
		}
		after = append(after, data)
	}
	resumed := newTipReader(k, "s")
	resumed.checkpoints = tip.checkpoints
	if err := resumed.read(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, data := range resumed.data {
		got[data] = true
	}
	for _, data := range after {
		if !got[data] {
			t.Errorf("the reader resuming from its checkpoints skips %s, acknowledged after the restart", data)
		}
	}
	t.Logf("%d acknowledged, %d stored, %d read at the tip before the kill", total, len(stored), len(tip.seen))
}

// tipReader reads a stream's shards from where it last stopped, as a
// consumer that checkpoints each record it reads does.
type tipReader struct {
	k           *kinesis.Client
	stream      string
	checkpoints map[string]string // shard → the sequence number of the last record read
	seen        map[string]bool   // the sequence numbers read
	data        []string          // the data read, in order
}

func newTipReader(k *kinesis.Client, stream string) *tipReader {
	return &tipReader{k: k, stream: stream, checkpoints: map[string]string{}, seen: map[string]bool{}}
}

// read reads every shard from its checkpoint to its tip, once.
func (r *tipReader) read(ctx context.Context) error {
	shards, err := r.k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(r.stream)})
	if err != nil {
		return err
	}
	for _, sh := range shards.Shards {
		in := &kinesis.GetShardIteratorInput{StreamName: aws.String(r.stream), ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon}
		if seq, ok := r.checkpoints[*sh.ShardId]; ok {
			in.ShardIteratorType, in.StartingSequenceNumber = types.ShardIteratorTypeAfterSequenceNumber, aws.String(seq)
		}
		it, err := r.k.GetShardIterator(ctx, in)
		if err != nil {
			return err
		}
		for next := it.ShardIterator; next != nil; {
			out, err := r.k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next})
			if err != nil {
				return err
			}
			for _, rec := range out.Records {
				r.checkpoints[*sh.ShardId] = *rec.SequenceNumber
				r.seen[*rec.SequenceNumber] = true
				r.data = append(r.data, string(rec.Data))
			}
			next = out.NextShardIterator
			if len(out.Records) == 0 {
				break
			}
		}
	}
	return nil
}

func seqLess(a, b string) bool {
	x, _ := new(big.Int).SetString(a, 10)
	y, _ := new(big.Int).SetString(b, 10)
	return x.Cmp(y) < 0
}

// readAll reads every record of every shard of stream, shard by shard, in
// order.
func readAll(t *testing.T, k *kinesis.Client, stream string) []ack {
	t.Helper()
	ctx := context.Background()
	shards, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String(stream)})
	if err != nil {
		t.Fatal(err)
	}
	var all []ack
	for _, sh := range shards.Shards {
		it, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String(stream), ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			t.Fatal(err)
		}
		next := it.ShardIterator
		for next != nil {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: next})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range out.Records {
				all = append(all, ack{string(r.Data), *sh.ShardId, *r.SequenceNumber})
			}
			next = out.NextShardIterator
			if len(out.Records) == 0 && aws.ToInt64(out.MillisBehindLatest) == 0 {
				break
			}
		}
	}
	return all
}

// Stopped and started again on its -data, the server has every region's
// state: streams, records, consumers and tags, and /health counts the
// streams of regions no request has reached since the start. -streams
// leaves a stream that is there as it is, and another -account is refused.
func TestDataKeepsEveryRegion(t *testing.T) {
	dir := t.TempDir()
	s := start(t, "-data", dir, "-streams", "orders:2")
	url := "http://" + s.addr
	west := signedFor(t, url, "eu-west-1")
	createStream(t, west, "west")
	ctx := t.Context()
	put, err := west.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("west"), PartitionKey: aws.String("k"), Data: []byte("kept")})
	if err != nil {
		t.Fatal(err)
	}
	east := signedFor(t, url, "us-east-1")
	if _, err := east.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("orders"), Tags: map[string]string{"team": "a"}}); err != nil {
		t.Fatal(err)
	}
	summary, err := east.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	consumer, err := east.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: summary.StreamDescriptionSummary.StreamARN, ConsumerName: aws.String("app")})
	if err != nil {
		t.Fatal(err)
	}
	s.stop()

	s = start(t, "-data", dir, "-streams", "orders:3")
	_, body := fetch(t, s.web, "GET", "http://"+s.addr+"/health", nil, "")
	if !strings.Contains(string(body), `"streams":2`) {
		t.Errorf("/health after the restart: %s, want 2 streams", body)
	}
	url = "http://" + s.addr
	west, east = signedFor(t, url, "eu-west-1"), signedFor(t, url, "us-east-1")
	it, err := west.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("west"), ShardId: put.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	records, err := west.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil || len(records.Records) != 1 || *records.Records[0].SequenceNumber != *put.SequenceNumber || string(records.Records[0].Data) != "kept" {
		t.Errorf("eu-west-1's record after the restart: %+v, %v", records, err)
	}
	tags, err := east.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("orders")})
	if err != nil || len(tags.Tags) != 1 || *tags.Tags[0].Key != "team" {
		t.Errorf("orders' tags after the restart: %+v, %v", tags, err)
	}
	shards, err := east.ListShards(ctx, &kinesis.ListShardsInput{StreamName: aws.String("orders")})
	if err != nil || len(shards.Shards) != 2 {
		t.Errorf("orders after the restart with -streams orders:3: %+v, %v; want its 2 shards", shards, err)
	}
	got, err := east.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: consumer.Consumer.ConsumerARN})
	if err != nil || got.ConsumerDescription.ConsumerStatus != types.ConsumerStatusActive {
		t.Errorf("the consumer after the restart: %+v, %v", got, err)
	}
	s.stop()

	var out strings.Builder
	if err := run(ctx, []string{"-addr", "127.0.0.1:0", "-data", dir, "-account", "111122223333"}, &out, nil); err == nil || !strings.Contains(err.Error(), "the state is of account 123456789012, but WithAccountID gives 111122223333") {
		t.Errorf("another -account: %v", err)
	}
}

// On the real clock, the state's times are absolute across restarts: a
// stream CREATING for an hour is still CREATING when the server is started
// again a moment later, and an iterator from before the restart still
// reads.
func TestDataTimeOnTheRealClock(t *testing.T) {
	dir := t.TempDir()
	s := start(t, "-data", dir)
	sdk := signedFor(t, "http://"+s.addr, "us-east-1")
	createStream(t, sdk, "now")
	ctx := t.Context()
	put, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("now"), PartitionKey: aws.String("k"), Data: []byte("before")})
	if err != nil {
		t.Fatal(err)
	}
	it, err := sdk.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String("now"), ShardId: put.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
	if err != nil {
		t.Fatal(err)
	}
	s.stop()

	s = start(t, "-data", dir, "-create-stream-delay", "1h")
	createStream(t, signedFor(t, "http://"+s.addr, "us-east-1"), "slow")
	s.stop()

	s = start(t, "-data", dir)
	sdk = signedFor(t, "http://"+s.addr, "us-east-1")
	for name, want := range map[string]types.StreamStatus{"now": types.StreamStatusActive, "slow": types.StreamStatusCreating} {
		out, err := sdk.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
		if err != nil || out.StreamDescriptionSummary.StreamStatus != want {
			t.Errorf("%s after the restart: %+v, %v; want %s", name, out, err, want)
		}
	}
	records, err := sdk.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
	if err != nil || len(records.Records) != 1 || string(records.Records[0].Data) != "before" {
		t.Errorf("GetRecords with an iterator from before the restart: %+v, %v", records, err)
	}
}

// With -data, a region a request only reads stores nothing, a stored
// region that holds nothing (as an earlier release left one for each
// region a request named) is dropped at start, and the server starts again
// with any -region: no client can lock regions out.
func TestDataKeepsNoEmptyRegions(t *testing.T) {
	dir := t.TempDir()
	// An earlier release's leftovers: a region stored with nothing in it,
	// here by a change that changed nothing.
	db, err := boltstore.Open(dir, boltstore.Batch)
	if err != nil {
		t.Fatal(err)
	}
	old, err := kinesisfake.Open(db.Region("ap-south-1"), kinesisfake.WithRegion("ap-south-1"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.DeleteStream(t.Context(), &kinesis.DeleteStreamInput{StreamName: aws.String("none")}); err == nil {
		t.Fatal("DeleteStream of no stream succeeded")
	}
	old.Close()
	if regions, err := db.Regions(); err != nil || !slices.Equal(regions, []string{"ap-south-1"}) {
		t.Fatalf("the leftover regions: %q, %v", regions, err)
	}
	db.Close()

	s := start(t, "-data", dir)
	url := "http://" + s.addr
	for _, region := range []string{"eu-west-3", "sa-east-1"} {
		listStreams(t, signedFor(t, url, region))
	}
	for i := range 63 {
		signedFor(t, url, fmt.Sprintf("junk-%d", i+1)).ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	}
	createStream(t, signedFor(t, url, "eu-west-1"), "kept")
	s.stop()

	db, err = boltstore.Open(dir, boltstore.Batch)
	if err != nil {
		t.Fatal(err)
	}
	regions, err := db.Regions()
	db.Close()
	if err != nil || !slices.Equal(regions, []string{"eu-west-1"}) {
		t.Errorf("-data holds the regions %q (%v), want eu-west-1's only", regions, err)
	}
	s = start(t, "-data", dir, "-region", "ca-central-1")
	if got := listStreams(t, signedFor(t, "http://"+s.addr, "eu-west-1")); !slices.Equal(got, []string{"kept"}) {
		t.Errorf("eu-west-1 after the restart: %q", got)
	}
	s.stop()
}
