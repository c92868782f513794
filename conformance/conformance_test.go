package conformance

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
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
	for _, target := range targets(t) {
		t.Run(target.Name, func(t *testing.T) {
			results = append(results, Run(t, target))
		})
	}
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
func targets(t *testing.T) []Target {
	remote := remoteTargets(t)
	if len(remote) == 0 || *withFake {
		return append(fakeTargets(), remote...)
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
// HTTP, a new fake for each scenario.
func fakeTargets() []Target {
	return []Target{
		{Name: "fake", Client: func(t *testing.T) kinesisfake.API { return kinesisfake.NewT(t) }},
		{Name: "fake via SDKClient", Client: func(t *testing.T) kinesisfake.API { return kinesisfake.NewT(t).SDKClient() }},
		{Name: "fake over HTTP", Client: func(t *testing.T) kinesisfake.API {
			fake := kinesisfake.NewT(t)
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
		}},
	}
}
