package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/fxamacker/cbor/v2"

	"github.com/streamfake/kinesis/internal/recorded"
	"github.com/streamfake/kinesis/kinesisfake"
)

// signedFor returns an SDK client for the server at url, over h2c, signed
// for region, that does not retry.
func signedFor(t *testing.T, url, region string) *kinesis.Client {
	client := kinesisfake.HTTPClient()
	t.Cleanup(client.CloseIdleConnections)
	return kinesis.New(kinesis.Options{Region: region, BaseEndpoint: aws.String(url), Credentials: fakeCredentials, HTTPClient: client, Retryer: aws.NopRetryer{}})
}

func createStream(t *testing.T, sdk *kinesis.Client, name string) {
	t.Helper()
	if _, err := sdk.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatalf("CreateStream %s in %s: %v", name, sdk.Options().Region, err)
	}
}

func listStreams(t *testing.T, sdk *kinesis.Client) []string {
	t.Helper()
	out, err := sdk.ListStreams(t.Context(), &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatalf("ListStreams in %s: %v", sdk.Options().Region, err)
	}
	return out.StreamNames
}

// Clients signed for two regions see each their own streams; a stream's
// ARN names its region, and from the other region it is not found, in the
// service's words.
func TestRegionsFromCredentialScope(t *testing.T) {
	cmd := start(t)
	url := "http://" + cmd.addr
	us, eu := signedFor(t, url, "us-east-1"), signedFor(t, url, "eu-west-1")

	createStream(t, us, "orders")
	createStream(t, eu, "orders") // no clash: another region
	createStream(t, eu, "audit")
	if got := listStreams(t, us); !slices.Equal(got, []string{"orders"}) {
		t.Errorf("us-east-1 streams %q", got)
	}
	if got := listStreams(t, eu); !slices.Equal(got, []string{"audit", "orders"}) {
		t.Errorf("eu-west-1 streams %q", got)
	}

	out, err := eu.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String("audit")})
	if err != nil {
		t.Fatal(err)
	}
	arn := *out.StreamDescriptionSummary.StreamARN
	if arn != "arn:aws:kinesis:eu-west-1:123456789012:stream/audit" {
		t.Errorf("StreamARN %s", arn)
	}
	_, err = us.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamARN: aws.String(arn)})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) || notFound.ErrorMessage() != recorded.StreamNotFound("audit", "123456789012") {
		t.Errorf("the eu-west-1 ARN from us-east-1: %v", err)
	}
	// So is an enhanced fan-out consumer of it.
	_, err = us.RegisterStreamConsumer(t.Context(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(arn), ConsumerName: aws.String("app")})
	if !errors.As(err, &notFound) {
		t.Errorf("RegisterStreamConsumer with the eu-west-1 ARN from us-east-1: %v", err)
	}
}

// A request that is not signed, whether from the SDK with anonymous
// credentials or a plain POST, is served in -region.
func TestUnsignedRequestsInDefaultRegion(t *testing.T) {
	cmd := start(t, "-region", "eu-west-2")
	url := "http://" + cmd.addr

	// A plain POST over HTTP/1.1, as curl sends it.
	if resp, body := post(t, url, "CreateStream", "application/x-amz-json-1.1", `{"StreamName":"plain","ShardCount":1}`); resp.StatusCode != http.StatusOK {
		t.Fatalf("unsigned CreateStream: %s %s", resp.Status, body)
	}

	client := kinesisfake.HTTPClient()
	defer client.CloseIdleConnections()
	anonymous := kinesis.New(kinesis.Options{Region: "ap-south-1", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{}, HTTPClient: client, Retryer: aws.NopRetryer{}})
	createStream(t, anonymous, "anonymous")

	if got := listStreams(t, signedFor(t, url, "eu-west-2")); !slices.Equal(got, []string{"anonymous", "plain"}) {
		t.Errorf("eu-west-2 streams %q, want the unsigned requests' streams", got)
	}
	if got := listStreams(t, signedFor(t, url, "ap-south-1")); len(got) != 0 {
		t.Errorf("ap-south-1 streams %q, want none", got)
	}
}

// serveRouter serves a router with at most max regions, us-east-1 the
// default, until the test ends.
func serveRouter(t *testing.T) (*router, string) {
	t.Helper()
	rt := memoryRouter(t)
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = rt.Server()
	srv.Start()
	t.Cleanup(func() {
		rt.Close()
		srv.Close()
	})
	return rt, srv.URL
}

// regionNames returns the regions rt has state for, in order.
func (rt *router) regionNames() []string {
	var names []string
	for _, rf := range rt.all() {
		names = append(names, rf.region)
	}
	slices.Sort(names)
	return names
}

// post sends a Kinesis request, with the headers given, and returns the
// response with its body read.
func post(t *testing.T, url, target, contentType, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set("X-Amz-Target", "Kinesis_20131202."+target)
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	t.Cleanup(http.DefaultClient.CloseIdleConnections)
	return fetch(t, http.DefaultClient, http.MethodPost, url, h, body)
}

// A presigned request is served in its X-Amz-Credential's region; a
// scope's region that is not of a region's form, or a signature that
// cannot be read, leaves the request in the default region.
func TestRouterRegions(t *testing.T) {
	rt, url := serveRouter(t)
	for _, tc := range []struct {
		name, query, auth, want string
	}{
		{"presigned", "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260102%2Fap-south-1%2Fkinesis%2Faws4_request&X-Amz-Signature=00", "", "ap-south-1"},
		{"header", "", "AWS4-HMAC-SHA256 Credential=AKID/20260102/sa-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=00", "sa-east-1"},
		{"empty region", "", "AWS4-HMAC-SHA256 Credential=AKID/20260102//kinesis/aws4_request, SignedHeaders=host, Signature=00", "us-east-1"},
		{"uppercase region", "", "AWS4-HMAC-SHA256 Credential=AKID/20260102/EU-WEST-1/kinesis/aws4_request, SignedHeaders=host, Signature=00", "us-east-1"},
		{"no scope", "", "AWS4-HMAC-SHA256 Signature=00", "us-east-1"},
		{"SigV4a", "", "AWS4-ECDSA-P256-SHA256 Credential=AKID/20260102/kinesis/aws4_request, SignedHeaders=host, Signature=00", "us-east-1"},
	} {
		var header []string
		if tc.auth != "" {
			header = []string{"Authorization", tc.auth}
		}
		resp, body := post(t, url+"/"+tc.query, "CreateStream", "application/x-amz-json-1.1", `{"StreamName":"`+strings.ReplaceAll(tc.name, " ", "-")+`","ShardCount":1}`, header...)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %s %s", tc.name, resp.Status, body)
		}
		rf, _ := rt.lookup(tc.want)
		if _, err := rf.fake.DescribeStreamSummary(t.Context(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(strings.ReplaceAll(tc.name, " ", "-"))}); err != nil {
			t.Errorf("%s: not in %s: %v", tc.name, tc.want, err)
		}
	}
	if got, want := rt.regionNames(), []string{"ap-south-1", "sa-east-1", "us-east-1"}; !slices.Equal(got, want) {
		t.Errorf("regions %q, want %q", got, want)
	}
}

// A request scoped to a region the service does not have is refused as the
// service refuses it, in the request's format, and makes no fake: however
// many made-up regions clients name (63 here, as many as once filled the
// router's cap), every region the service has goes on serving.
func TestRouterRefusesUnknownRegions(t *testing.T) {
	rt, url := serveRouter(t)
	createStream(t, signedFor(t, url, "eu-west-1"), "s")
	for i := range 63 {
		_, err := signedFor(t, url, fmt.Sprintf("junk-%d", i+1)).ListStreams(t.Context(), &kinesis.ListStreamsInput{})
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InvalidSignatureException" || apiErr.ErrorMessage() != "Credential should be scoped to a valid region. " {
			t.Fatalf("junk-%d: %v, want InvalidSignatureException", i+1, err)
		}
		var respErr interface{ HTTPStatusCode() int }
		if !errors.As(err, &respErr) || respErr.HTTPStatusCode() != http.StatusBadRequest {
			t.Errorf("junk-%d: %v, want status 400", i+1, err)
		}
	}
	if got := listStreams(t, signedFor(t, url, "eu-west-1")); !slices.Equal(got, []string{"s"}) {
		t.Errorf("eu-west-1 streams %q", got)
	}
	for _, region := range []string{"eu-west-3", "ap-southeast-7", "us-gov-west-1", "cn-northwest-1"} {
		createStream(t, signedFor(t, url, region), "after-junk")
	}
	if got, want := rt.regionNames(), []string{"ap-southeast-7", "cn-northwest-1", "eu-west-1", "eu-west-3", "us-east-1", "us-gov-west-1"}; !slices.Equal(got, want) {
		t.Errorf("regions %q, want %q", got, want)
	}

	auth := "AWS4-HMAC-SHA256 Credential=AKID/20260102/junk-1/kinesis/aws4_request, SignedHeaders=host, Signature=00"
	// JSON, as the SDK asked above.
	resp, body := post(t, url, "ListStreams", "application/x-amz-json-1.1", "{}", "Authorization", auth)
	if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/x-amz-json-1.1" ||
		string(body) != `{"__type":"InvalidSignatureException","message":"Credential should be scoped to a valid region. "}` ||
		resp.Header.Get("x-amzn-ErrorType") != "InvalidSignatureException" || len(resp.Header.Get("x-amzn-RequestId")) != 36 {
		t.Errorf("JSON: %s %q %s", resp.Status, resp.Header, body)
	}
	// CBOR, as the Java SDK asks.
	resp, body = post(t, url, "ListStreams", "application/x-amz-cbor-1.1", "\xa0", "Authorization", auth)
	var fields map[string]string
	if err := cbor.Unmarshal(body, &fields); err != nil || resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Content-Type") != "application/x-amz-cbor-1.1" ||
		fields["__type"] != "InvalidSignatureException" || fields["message"] != "Credential should be scoped to a valid region. " || body[0] != 0xbf {
		t.Errorf("CBOR: %s %q % x (%v)", resp.Status, resp.Header, body, err)
	}
	// Anything else: XML, 403.
	resp, body = post(t, url, "ListStreams", "text/plain", "{}", "Authorization", auth)
	if want := "<InvalidSignatureException>\n  <Message>Credential should be scoped to a valid region. </Message>\n</InvalidSignatureException>\n"; resp.StatusCode != http.StatusForbidden || string(body) != want || resp.Header.Get("Content-Type") != "" {
		t.Errorf("other: %s %q %q", resp.Status, resp.Header, body)
	}
}

// streamCount counts the streams of every region, past a page of
// ListStreams.
func TestRouterStreamCount(t *testing.T) {
	rt := memoryRouter(t)
	defer rt.Close()
	if n := rt.streamCount(); n != 0 {
		t.Errorf("streamCount of a new router: %d", n)
	}
	counts := map[string]int{"us-east-1": 2, "eu-west-1": 101, "ap-south-1": 1}
	for region, n := range counts {
		rf, _ := rt.lookup(region)
		for i := range n {
			if _, err := rf.fake.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String(fmt.Sprint("s", i)), ShardCount: aws.Int32(1)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := rt.streamCount(); n != 104 {
		t.Errorf("streamCount: %d; want 104", n)
	}
}

// Close closes the fake of every region: their calls fail, and a region
// asked for afterwards gets no fake of its own.
func TestRouterClose(t *testing.T) {
	rt := memoryRouter(t)
	for _, region := range []string{"eu-west-1", "ap-south-1"} {
		rt.lookup(region)
	}
	rt.Close()
	rt.Close() // twice is fine
	for _, rf := range rt.all() {
		if _, err := rf.fake.ListStreams(t.Context(), &kinesis.ListStreamsInput{}); err == nil {
			t.Errorf("%s: ListStreams after Close succeeded", rf.region)
		}
	}
	if rf, err := rt.lookup("sa-east-1"); err != nil || rf.region != "us-east-1" {
		t.Errorf("a new region after Close got %+v, %v; want the default region's fake", rf, err)
	}
	if got, want := rt.regionNames(), []string{"ap-south-1", "eu-west-1", "us-east-1"}; !slices.Equal(got, want) {
		t.Errorf("regions %q, want %q", got, want)
	}
}

// Stopping the command ends the subscriptions of every region, not only
// the default one's: it stops at once, not after its 5 seconds' grace
// for requests in flight, and the stream ends.
func TestStopClosesEveryRegion(t *testing.T) {
	cmd := start(t)
	eu := signedFor(t, "http://"+cmd.addr, "eu-west-1")
	createStream(t, eu, "s")
	consumer, err := eu.RegisterStreamConsumer(t.Context(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String("arn:aws:kinesis:eu-west-1:123456789012:stream/s"), ConsumerName: aws.String("app")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := eu.SubscribeToShard(t.Context(), &kinesis.SubscribeToShardInput{ConsumerARN: consumer.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest}})
	if err != nil {
		t.Fatal(err)
	}
	stream := sub.GetStream()
	defer stream.Close()

	cmd.stop()
	for range stream.Events() {
	}
	if all := cmd.stderr.written(); all[len(all)-1] != "kinesisfake: stopped" {
		t.Errorf("stderr %q", all)
	}
}

// memoryRouter is a router of fakes in memory, as without -data.
func memoryRouter(t *testing.T) *router {
	t.Helper()
	rt, err := newRouter("us-east-1", func(region string) (*kinesisfake.Client, error) {
		return kinesisfake.New(kinesisfake.WithRegion(region)), nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rt
}
