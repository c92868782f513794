// Command compare runs one workload through the fake and, when their
// endpoints are given, through the emulators, and prints each one's time and
// its ratio to direct calls.
//
// The workload: create a stream, put 100,000 records of 100 bytes with
// PutRecords, read them all back with GetRecords, then read them all again
// through one enhanced fan-out consumer (RegisterStreamConsumer and
// SubscribeToShard, resubscribing from the ContinuationSequenceNumber).
//
//	go run ./examples/compare
//	go run ./examples/compare -kinesalite http://127.0.0.1:4567 -kinesis-mock https://127.0.0.1:4568
//
// kinesalite (npm kinesalite) and kinesis-mock (npm kinesis-local) must be
// started first; see docs/performance.md.
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"text/tabwriter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/streamfake/kinesis/kinesisfake"
)

// workload sizes the run.
type workload struct {
	records, recordSize, shards int
	// wait is how long to poll for a stream or consumer to become ACTIVE.
	wait time.Duration
}

// phases are the workload's timings.
type phases struct {
	create, put, get, subscribe time.Duration
	subscribeErr                error
}

func (p phases) total() time.Duration { return p.create + p.put + p.get + p.subscribe }

func main() {
	kinesalite := flag.String("kinesalite", "", "endpoint of a running kinesalite, such as http://127.0.0.1:4567")
	kinesisMock := flag.String("kinesis-mock", "", "endpoint of a running kinesis-mock, such as https://127.0.0.1:4568")
	records := flag.Int("records", 100_000, "records to put and read")
	flag.Parse()
	w := workload{records: *records, recordSize: 100, shards: 1, wait: time.Minute}
	if err := run(context.Background(), os.Stdout, w, map[string]string{"kinesalite": *kinesalite, "kinesis-mock": *kinesisMock}); err != nil {
		log.Fatal(err)
	}
}

// target is one way of reaching a Kinesis.
type target struct {
	name  string
	k     kinesisfake.API
	close func()
}

func run(ctx context.Context, out io.Writer, w workload, emulators map[string]string) error {
	targets, err := fakeTargets()
	if err != nil {
		return err
	}
	for _, name := range []string{"kinesalite", "kinesis-mock"} {
		if endpoint := emulators[name]; endpoint != "" {
			targets = append(targets, target{name: name, k: sdkClient(endpoint, emulatorClient()), close: func() {}})
		}
	}
	results := make([]phases, len(targets))
	for i, t := range targets {
		results[i], err = w.run(ctx, t.k, fmt.Sprintf("compare-%d", time.Now().UnixNano()))
		t.close()
		if err != nil {
			return fmt.Errorf("%s: %w", t.name, err)
		}
	}

	fmt.Fprintf(out, "%d records of %d B, %d shard(s)\n\n", w.records, w.recordSize, w.shards)
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "target\tcreate\tPutRecords\tGetRecords\tSubscribeToShard\ttotal\t× direct\t")
	for i, t := range targets {
		r := results[i]
		sub := ms(r.subscribe)
		if r.subscribeErr != nil {
			sub = "failed"
		}
		// A target whose subscription failed is compared without that phase.
		base := results[0].total()
		if r.subscribeErr != nil {
			base -= results[0].subscribe
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%.0f\t\n", t.name, ms(r.create), ms(r.put), ms(r.get), sub, ms(r.total()), float64(r.total())/float64(base))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for i, t := range targets {
		if err := results[i].subscribeErr; err != nil {
			fmt.Fprintf(out, "\n%s: SubscribeToShard failed: %v\n", t.name, err)
		}
	}
	return nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// fakeTargets are the fake three ways: direct calls, SDKClient, and the real
// SDK client over loopback HTTP to its handler.
func fakeTargets() ([]target, error) {
	direct, viaSDK, viaLoopback := kinesisfake.New(), kinesisfake.New(), kinesisfake.New()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// HTTP/2 without TLS, through kinesisfake.HTTPClient: over HTTP/1.1
	// loopback the SDK now and then fails a call (see docs/upstream.md).
	srv := viaLoopback.Server()
	go srv.Serve(ln)
	return []target{
		{"direct", direct, func() { direct.Close() }},
		{"SDKClient", viaSDK.SDKClient(), func() { viaSDK.Close() }},
		{"loopback HTTP/2", sdkClient("http://"+ln.Addr().String(), kinesisfake.HTTPClient()), func() { srv.Close(); viaLoopback.Close() }},
	}, nil
}

// emulatorClient is an HTTP client for the emulators. It trusts any
// certificate, as they serve self-signed ones.
func emulatorClient() *http.Client {
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}, MaxIdleConnsPerHost: 8}}
}

// sdkClient is a real SDK client for endpoint, reached through httpClient.
func sdkClient(endpoint string, httpClient *http.Client) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(endpoint),
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "x", SecretAccessKey: "x"}, nil
		}),
		HTTPClient: httpClient,
	})
}

// run times each phase of the workload on a new stream.
func (w workload) run(ctx context.Context, k kinesisfake.API, stream string) (phases, error) {
	var p phases
	start := time.Now()
	if _, err := k.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: &stream, ShardCount: aws.Int32(int32(w.shards))}); err != nil {
		return p, err
	}
	summary, err := w.active(ctx, func() (bool, error) {
		out, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: &stream})
		return err == nil && out.StreamDescriptionSummary.StreamStatus == types.StreamStatusActive, err
	})
	if err != nil || !summary {
		return p, fmt.Errorf("stream not ACTIVE: %v", err)
	}
	p.create = time.Since(start)

	start = time.Now()
	entries := make([]types.PutRecordsRequestEntry, 500)
	for i := 0; i < w.records; i += len(entries) {
		n := min(len(entries), w.records-i)
		for j := range n {
			entries[j] = types.PutRecordsRequestEntry{PartitionKey: aws.String(fmt.Sprint("key-", i+j)), Data: make([]byte, w.recordSize)}
		}
		out, err := k.PutRecords(ctx, &kinesis.PutRecordsInput{StreamName: &stream, Records: entries[:n]})
		if err != nil {
			return p, err
		}
		if failed := aws.ToInt32(out.FailedRecordCount); failed > 0 {
			return p, fmt.Errorf("PutRecords failed %d records", failed)
		}
	}
	p.put = time.Since(start)

	start = time.Now()
	shards, err := k.ListShards(ctx, &kinesis.ListShardsInput{StreamName: &stream})
	if err != nil {
		return p, err
	}
	read := 0
	for _, sh := range shards.Shards {
		it, err := k.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: &stream, ShardId: sh.ShardId, ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
		if err != nil {
			return p, err
		}
		for iter := it.ShardIterator; iter != nil; {
			out, err := k.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: iter, Limit: aws.Int32(10000)})
			if err != nil {
				return p, err
			}
			if len(out.Records) == 0 {
				break // caught up
			}
			read += len(out.Records)
			iter = out.NextShardIterator
		}
	}
	if read != w.records {
		return p, fmt.Errorf("GetRecords read %d records, want %d", read, w.records)
	}
	p.get = time.Since(start)

	start = time.Now()
	p.subscribeErr = w.subscribe(ctx, k, stream, shards.Shards)
	p.subscribe = time.Since(start)
	return p, nil
}

// subscribe reads every record through one enhanced fan-out consumer.
func (w workload) subscribe(ctx context.Context, k kinesisfake.API, stream string, shards []types.Shard) error {
	summary, err := k.DescribeStreamSummary(ctx, &kinesis.DescribeStreamSummaryInput{StreamName: &stream})
	if err != nil {
		return err
	}
	reg, err := k.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: summary.StreamDescriptionSummary.StreamARN, ConsumerName: aws.String("compare")})
	if err != nil {
		return err
	}
	ok, err := w.active(ctx, func() (bool, error) {
		out, err := k.DescribeStreamConsumer(ctx, &kinesis.DescribeStreamConsumerInput{ConsumerARN: reg.Consumer.ConsumerARN})
		return err == nil && out.ConsumerDescription.ConsumerStatus == types.ConsumerStatusActive, err
	})
	if err != nil || !ok {
		return fmt.Errorf("consumer not ACTIVE: %v", err)
	}
	received := 0
	for _, sh := range shards {
		pos := types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}
		for attempt := 0; received < w.records; attempt++ {
			if attempt == 100 {
				return fmt.Errorf("received %d of %d records after %d subscriptions", received, w.records, attempt)
			}
			// A protocol per call: the SDK's event-stream decoder is not safe
			// for several streams on one client (smithy-go#714).
			out, err := k.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: reg.Consumer.ConsumerARN, ShardId: sh.ShardId, StartingPosition: &pos},
				func(o *kinesis.Options) { o.Protocol = awsjson.New11(schemas.Kinesis_20131202) })
			if err != nil {
				var inUse *types.ResourceInUseException
				if errors.As(err, &inUse) {
					time.Sleep(time.Second)
					continue
				}
				return err
			}
			events := out.GetStream()
			idle := time.NewTimer(5 * time.Second)
		read:
			for received < w.records {
				select {
				case ev, open := <-events.Events():
					if !open {
						break read
					}
					e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
					received += len(e.Records)
					if e.ContinuationSequenceNumber != nil {
						pos = types.StartingPosition{Type: types.ShardIteratorTypeAfterSequenceNumber, SequenceNumber: e.ContinuationSequenceNumber}
					}
					idle.Reset(5 * time.Second)
				case <-idle.C:
					events.Close()
					return fmt.Errorf("no event for 5 s after %d of %d records", received, w.records)
				}
			}
			idle.Stop()
			events.Close()
			if err := events.Err(); err != nil {
				return err
			}
		}
	}
	return nil
}

// active polls until ready reports true, for up to w.wait.
func (w workload) active(ctx context.Context, ready func() (bool, error)) (bool, error) {
	deadline := time.Now().Add(w.wait)
	for {
		ok, err := ready()
		if ok || err != nil || time.Now().After(deadline) {
			return ok, err
		}
		time.Sleep(50 * time.Millisecond)
	}
}
