package conformance

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

var (
	reportFile = flag.String("conformance.report", "", "write a Markdown table of the results to this `file`")
	withFake   = flag.Bool("conformance.with-fake", false, "with KINESIS_CONFORMANCE_ENDPOINT or KINESIS_CONFORMANCE_AWS, run against the fake's three modes too, for one report")
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// TestConformance runs every scenario against each target: the fake in its
// three modes, or the endpoints KINESIS_CONFORMANCE_ENDPOINT names, or the
// real service if KINESIS_CONFORMANCE_AWS=1.
func TestConformance(t *testing.T) {
	var results []Results
	var used usage
	for _, target := range targets(t, &used) {
		t.Run(target.Name, func(t *testing.T) {
			results = append(results, Run(t, target))
		})
	}
	checkCost(t, &used)
	if *reportFile == "" {
		return
	}
	f, err := os.Create(*reportFile)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := WriteReport(f, results); err != nil {
		t.Fatal(err)
	}
}

// targets are the endpoints the environment asks for, or else the fake in
// its three modes.
func targets(t *testing.T, used *usage) []Target {
	remote := remoteTargets(t)
	if len(remote) == 0 || *withFake {
		return append(fakeTargets(used), remote...)
	}
	return remote
}

// remoteTargets are the endpoints KINESIS_CONFORMANCE_ENDPOINT names, as a
// comma-separated list of URLs or name=URL pairs, or the real service if
// KINESIS_CONFORMANCE_AWS=1.
func remoteTargets(t *testing.T) []Target {
	prefix := fmt.Sprintf("c%d-", time.Now().Unix()%1e6)
	// One HTTP client, whose connections are closed at the end, for goleak.
	transport := http.DefaultTransport.(*http.Transport).Clone()
	httpClient := &http.Client{Transport: transport}
	t.Cleanup(transport.CloseIdleConnections)
	if os.Getenv("KINESIS_CONFORMANCE_AWS") == "1" {
		cfg, err := config.LoadDefaultConfig(context.Background(), config.WithHTTPClient(httpClient))
		if err != nil {
			t.Fatalf("KINESIS_CONFORMANCE_AWS: %v", err)
		}
		client := kinesis.NewFromConfig(cfg)
		return []Target{{Name: "aws " + cfg.Region, Client: func(*testing.T) kinesisfake.API { return client }, Remote: true, Prefix: prefix, Poll: 2 * time.Second, Timeout: 10 * time.Minute}}
	}
	if endpoints := os.Getenv("KINESIS_CONFORMANCE_ENDPOINT"); endpoints != "" {
		var ts []Target
		for _, e := range strings.Split(endpoints, ",") {
			name, url, ok := strings.Cut(e, "=")
			if !ok {
				name, url = e, e
			}
			client := kinesis.New(kinesis.Options{
				Region:       "us-east-1",
				BaseEndpoint: aws.String(url),
				HTTPClient:   httpClient,
				Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
					return aws.Credentials{AccessKeyID: "fake", SecretAccessKey: "fake"}, nil
				}),
			})
			ts = append(ts, Target{Name: name, Client: func(*testing.T) kinesisfake.API { return client }, Remote: true, Prefix: prefix})
		}
		return ts
	}
	return nil
}

// fakeTargets are the fake directly, through SDKClient and over loopback
// HTTP, a new fake for each scenario. The direct one counts in used what its
// calls would cost on the real service.
func fakeTargets(used *usage) []Target {
	direct := func(t *testing.T, opts ...kinesisfake.Option) kinesisfake.API {
		return &meter{API: kinesisfake.NewT(t, opts...), usage: used}
	}
	viaSDK := func(t *testing.T, opts ...kinesisfake.Option) kinesisfake.API {
		return kinesisfake.NewT(t, opts...).SDKClient()
	}
	overHTTP := func(t *testing.T, opts ...kinesisfake.Option) kinesisfake.API {
		fake := kinesisfake.NewT(t, opts...)
		srv := httptest.NewUnstartedServer(nil)
		srv.Config = fake.Server()
		srv.Start()
		t.Cleanup(srv.Close)
		return kinesis.New(kinesis.Options{
			Region:       "us-east-1",
			BaseEndpoint: aws.String(srv.URL),
			HTTPClient:   kinesisfake.HTTPClient(),
			Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
				return aws.Credentials{AccessKeyID: "fake", SecretAccessKey: "fake"}, nil
			}),
		})
	}
	var targets []Target
	for _, mode := range []struct {
		name string
		make func(*testing.T, ...kinesisfake.Option) kinesisfake.API
	}{{"fake", direct}, {"fake via SDKClient", viaSDK}, {"fake over HTTP", overHTTP}} {
		targets = append(targets, Target{
			Name:   mode.name,
			Client: func(t *testing.T) kinesisfake.API { return mode.make(t) },
			WithDelays: func(t *testing.T, d kinesisfake.Delays) kinesisfake.API {
				return mode.make(t, kinesisfake.WithDelays(d))
			},
		})
	}
	return targets
}

// The cost of a full run (docs/fidelity.md) against the real service rests on these
// ceilings: a run opens at most maxShards shards (those streams are created
// with, and those resharding makes), registers at most maxConsumers
// consumers and creates at most maxQueues queues. A run against the fake
// checks them, so the figure stays true as scenarios are added.
const (
	maxShards    = 450
	maxConsumers = 50
	maxQueues    = 20
)

// usage counts what costs money on the real service.
type usage struct{ shards, consumers, queues atomic.Int64 }

// meter counts the shards and consumers its calls made, on success.
type meter struct {
	kinesisfake.API
	usage *usage
}

func (m *meter) CreateStream(ctx context.Context, in *kinesis.CreateStreamInput, opts ...func(*kinesis.Options)) (*kinesis.CreateStreamOutput, error) {
	out, err := m.API.CreateStream(ctx, in, opts...)
	if err == nil {
		m.usage.shards.Add(int64(aws.ToInt32(in.ShardCount)))
		if in.ShardCount == nil {
			m.usage.shards.Add(4) // an ON_DEMAND stream starts with 4
		}
	}
	return out, err
}

func (m *meter) SplitShard(ctx context.Context, in *kinesis.SplitShardInput, opts ...func(*kinesis.Options)) (*kinesis.SplitShardOutput, error) {
	out, err := m.API.SplitShard(ctx, in, opts...)
	if err == nil {
		m.usage.shards.Add(2)
	}
	return out, err
}

func (m *meter) MergeShards(ctx context.Context, in *kinesis.MergeShardsInput, opts ...func(*kinesis.Options)) (*kinesis.MergeShardsOutput, error) {
	out, err := m.API.MergeShards(ctx, in, opts...)
	if err == nil {
		m.usage.shards.Add(1)
	}
	return out, err
}

func (m *meter) UpdateShardCount(ctx context.Context, in *kinesis.UpdateShardCountInput, opts ...func(*kinesis.Options)) (*kinesis.UpdateShardCountOutput, error) {
	out, err := m.API.UpdateShardCount(ctx, in, opts...)
	if err == nil {
		m.usage.shards.Add(int64(aws.ToInt32(in.TargetShardCount)))
	}
	return out, err
}

func (m *meter) RegisterStreamConsumer(ctx context.Context, in *kinesis.RegisterStreamConsumerInput, opts ...func(*kinesis.Options)) (*kinesis.RegisterStreamConsumerOutput, error) {
	out, err := m.API.RegisterStreamConsumer(ctx, in, opts...)
	if err == nil {
		m.usage.consumers.Add(1)
	}
	return out, err
}

func (m *meter) CreateQueue(ctx context.Context, in *kinesis.CreateQueueInput, opts ...func(*kinesis.Options)) (*kinesis.CreateQueueOutput, error) {
	out, err := m.API.CreateQueue(ctx, in, opts...)
	if err == nil {
		m.usage.queues.Add(1)
	}
	return out, err
}

// checkCost checks a full run against the fake stayed within the ceilings.
func checkCost(t *testing.T, used *usage) {
	shards, consumers, queues := used.shards.Load(), used.consumers.Load(), used.queues.Load()
	if shards == 0 || testing.Short() || !runsEverything() {
		return // the fake's direct target did not run, or not every scenario
	}
	t.Logf("a full run opened %d shards, registered %d consumers and created %d queues", shards, consumers, queues)
	if shards > maxShards || consumers > maxConsumers || queues > maxQueues {
		t.Errorf("a full run opened %d shards, registered %d consumers and created %d queues, over the %d, %d and %d docs/fidelity.md's cost rests on: update both",
			shards, consumers, queues, maxShards, maxConsumers, maxQueues)
	}
}

// runsEverything reports whether the run was asked for every scenario.
func runsEverything() bool {
	f := flag.Lookup("test.run")
	return f == nil || f.Value.String() == "" || f.Value.String() == "TestConformance"
}
