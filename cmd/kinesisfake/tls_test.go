package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// trust returns a pool that trusts the certificates in the PEM file.
func trust(t *testing.T, file string) *x509.CertPool {
	t.Helper()
	pemBytes, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pemBytes) {
		t.Fatalf("%s holds no certificate:\n%s", file, pemBytes)
	}
	return pool
}

// tlsTransport is the SDK's default transport, trusting pool.
func tlsTransport(t *testing.T, pool *x509.CertPool) *http.Transport {
	transport := awshttp.NewBuildableClient().GetTransport()
	transport.TLSClientConfig.RootCAs = pool
	t.Cleanup(transport.CloseIdleConnections)
	return transport
}

// responses records every response that passes through it.
type responses struct {
	http.RoundTripper
	mu    sync.Mutex
	proto []string
	tls   []*tls.ConnectionState
}

func (r *responses) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.RoundTripper.RoundTrip(req)
	if err == nil {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.proto = append(r.proto, resp.Proto)
		r.tls = append(r.tls, resp.TLS)
	}
	return resp, err
}

// protos returns the protocols of the responses so far.
func (r *responses) protos() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.proto)
}

// sdkOver returns an SDK client for the command at url through rt, signed
// for region, that does not retry.
func sdkOver(url, region string, rt http.RoundTripper) *kinesis.Client {
	return kinesis.New(kinesis.Options{Region: region, BaseEndpoint: aws.String(url), Credentials: fakeCredentials, HTTPClient: &http.Client{Transport: rt}, Retryer: aws.NopRetryer{}})
}

// With -tls the Go SDK reaches the command over HTTPS, trusting the
// certificate -tls-cert-out wrote, and negotiates HTTP/2 for every call,
// SubscribeToShard's stream included.
func TestTLSWithHTTP2(t *testing.T) {
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	cmd := start(t, "-tls", "-tls-cert-out", certFile)
	if got, want := cmd.stderr.next(t), "kinesisfake: ready on https://"+cmd.addr+" "; !strings.HasPrefix(got, want) {
		t.Errorf("first line of stderr %q, want it to start %q", got, want)
	}
	seen := &responses{RoundTripper: tlsTransport(t, trust(t, certFile))}
	sdk := sdkOver("https://"+cmd.addr, "us-east-1", seen)
	ctx := t.Context()

	if _, err := sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("before")}); err != nil {
		t.Fatal(err)
	}
	consumer, err := sdk.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/s"), ConsumerName: aws.String("app")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := sdk.SubscribeToShard(ctx, &kinesis.SubscribeToShardInput{ConsumerARN: consumer.Consumer.ConsumerARN, ShardId: aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeTrimHorizon}})
	if err != nil {
		t.Fatal(err)
	}
	stream := sub.GetStream()
	defer stream.Close()
	if got := nextRecords(t, stream); !slices.Equal(got, []string{"before"}) {
		t.Fatalf("first records %q", got)
	}
	if _, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("during")}); err != nil {
		t.Fatal(err)
	}
	if got := nextRecords(t, stream); !slices.Equal(got, []string{"during"}) {
		t.Fatalf("next records %q", got)
	}

	got := seen.protos()
	if len(got) != 5 {
		t.Errorf("%d responses, want 5: %q", len(got), got)
	}
	for i, p := range got {
		if p != "HTTP/2.0" {
			t.Errorf("response %d: %s, want HTTP/2.0", i, p)
		}
	}
}

// nextRecords returns the data of the stream's next records, passing over
// events without any; it fails the test if the stream ends first.
func nextRecords(t *testing.T, stream *kinesis.SubscribeToShardEventStream) []string {
	t.Helper()
	for ev := range stream.Events() {
		e := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent).Value
		if len(e.Records) == 0 {
			continue
		}
		var data []string
		for _, r := range e.Records {
			data = append(data, string(r.Data))
		}
		return data
	}
	t.Fatalf("the stream ended: %v", stream.Err())
	return nil
}

// A client that offers only HTTP/1.1 in ALPN, as the SDK's transport does
// with its protocols set so, gets HTTP/1.1 over TLS.
func TestTLSWithHTTP1(t *testing.T) {
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	cmd := start(t, "-tls-cert-out", certFile) // -tls-cert-out implies -tls
	transport := tlsTransport(t, trust(t, certFile))
	transport.Protocols = new(http.Protocols)
	transport.Protocols.SetHTTP1(true)
	seen := &responses{RoundTripper: transport}
	// The SDK's standard retryer, as by default: over HTTP/1.1 it retries
	// what the SDK's fault there cuts (docs/upstream.md, "Known issue").
	sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String("https://" + cmd.addr), Credentials: fakeCredentials, HTTPClient: &http.Client{Transport: seen}})
	ctx := t.Context()
	if _, err := sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
		t.Fatal(err)
	}
	if _, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String("k"), Data: []byte("x")}); err != nil {
		t.Fatal(err)
	}
	out, err := sdk.ListStreams(ctx, &kinesis.ListStreamsInput{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(out.StreamNames, []string{"s"}) {
		t.Errorf("StreamNames %q", out.StreamNames)
	}
	for i, p := range seen.protos() {
		if p != "HTTP/1.1" {
			t.Errorf("response %d: %s, want HTTP/1.1", i, p)
		}
	}
}

// curl --http2 negotiates HTTP/2 with the command, trusting the written
// certificate for localhost and 127.0.0.1.
func TestTLSWithCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		t.Skip("curl is not installed")
	}
	certFile := filepath.Join(t.TempDir(), "cert.pem")
	cmd := start(t, "-tls", "-tls-cert-out", certFile)
	_, port, _ := net.SplitHostPort(cmd.addr)
	for _, tc := range []struct {
		url     string
		version string
		want    string
	}{
		{"https://127.0.0.1:" + port + "/", "--http2", "2"},
		{"https://localhost:" + port + "/", "--http2", "2"},
		{"https://localhost:" + port + "/", "--http1.1", "1.1"},
	} {
		out, err := exec.Command(curl, "-sS", tc.version, "--cacert", certFile, "--resolve", "localhost:"+port+":127.0.0.1",
			"-X", "POST", "-H", "X-Amz-Target: Kinesis_20131202.ListStreams", "-H", "Content-Type: application/x-amz-json-1.1", "-d", "{}",
			"-w", "\n%{http_version} %{http_code}", tc.url).CombinedOutput()
		if err != nil {
			t.Fatalf("curl %s %s: %v\n%s", tc.version, tc.url, err, out)
		}
		body, status, _ := strings.Cut(string(out), "\n")
		if want := tc.want + " 200"; status != want {
			t.Errorf("curl %s %s: version and status %q, want %q", tc.version, tc.url, status, want)
		}
		if !strings.Contains(body, `"StreamNames":[]`) {
			t.Errorf("curl %s %s: body %s", tc.version, tc.url, body)
		}
	}
}

// writeKeyPair writes a certificate for 127.0.0.1 and its key as PEM
// files, and returns their paths and the certificate. It is made as -tls
// makes one, but with a key of its own, so that it is not the one -tls
// would serve.
func writeKeyPair(t *testing.T) (certFile, keyFile string, cert *x509.Certificate) {
	t.Helper()
	pair, certPEM, err := selfSigned([]string{"127.0.0.1"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if cert, err = x509.ParseCertificate(pair.Certificate[0]); err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(pair.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "own.crt"), filepath.Join(dir, "own.key")
	if err := os.WriteFile(certFile, certPEM, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return certFile, keyFile, cert
}

// -cert and -key serve one's own certificate, over HTTP/2.
func TestOwnCertificate(t *testing.T) {
	certFile, keyFile, cert := writeKeyPair(t)
	cmd := start(t, "-cert", certFile, "-key", keyFile)
	if got := cmd.stderr.next(t); !strings.Contains(got, "https://"+cmd.addr) {
		t.Errorf("first line of stderr %q, want https://%s", got, cmd.addr)
	}
	seen := &responses{RoundTripper: tlsTransport(t, trust(t, certFile))}
	sdk := sdkOver("https://"+cmd.addr, "us-east-1", seen)
	if _, err := sdk.ListStreams(t.Context(), &kinesis.ListStreamsInput{}); err != nil {
		t.Fatal(err)
	}
	seen.mu.Lock()
	defer seen.mu.Unlock()
	if len(seen.tls) != 1 || seen.tls[0] == nil || !seen.tls[0].PeerCertificates[0].Equal(cert) {
		t.Errorf("the server did not present the certificate -cert gives")
	}
	if !slices.Equal(seen.proto, []string{"HTTP/2.0"}) {
		t.Errorf("protocols %q, want HTTP/2.0", seen.proto)
	}
}

// A -cert and -key that do not load stop the command at start, before it
// listens, with an error that names them: not a usage error.
func TestOwnCertificateMissing(t *testing.T) {
	certFile, _, _ := writeKeyPair(t)
	missing := filepath.Join(t.TempDir(), "missing.key")
	err := run(t.Context(), []string{"-addr", "127.0.0.1:0", "-cert", certFile, "-key", missing}, io.Discard, nil)
	var usage usageError
	if err == nil || errors.As(err, &usage) || !strings.Contains(err.Error(), missing) {
		t.Errorf("run returned %v, want an error naming %s", err, missing)
	}
}

// The TLS flags that cannot go together are usage errors, reported as the
// flag package reports a bad flag, with exit status 2.
func TestTLSFlagUsageErrors(t *testing.T) {
	certFile, keyFile, _ := writeKeyPair(t)
	out := filepath.Join(t.TempDir(), "out.pem")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-cert", certFile}, "-cert needs -key"},
		{[]string{"-tls", "-key", keyFile}, "-key needs -cert"},
		{[]string{"-cert", certFile, "-key", keyFile, "-tls-cert-out", out}, "-tls-cert-out writes the certificate -tls makes, not the one -cert gives"},
	}
	for _, tt := range tests {
		stderr, err := wantUsageError(t, tt.args, tt.want)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: run returned %v, want the usageError %q", tt.args, err, tt.want)
		}
		if !strings.Contains(stderr, "-tls-cert-out file") {
			t.Errorf("%q: no usage of the TLS flags on stderr:\n%s", tt.args, stderr)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("-tls-cert-out was written despite the usage error: %v", err)
	}

	bin := build(t)
	for _, tt := range tests {
		if stderr := wantExit2(t, bin, tt.args); !strings.HasPrefix(stderr, tt.want+"\n") {
			t.Errorf("%q: stderr starts %q, want %q", tt.args, stderr, tt.want)
		}
	}
}

// The certificate -tls makes is valid for the loopback names and
// addresses and the host of -addr, from a little before now for a year,
// and is its own issuer.
func TestSelfSignedCertificate(t *testing.T) {
	for _, tt := range []struct {
		addr      string
		dns, ips  []string
		checkHost string
	}{
		{"127.0.0.1:4567", []string{"localhost"}, []string{"127.0.0.1", "::1"}, "127.0.0.1"},
		{"[::1]:0", []string{"localhost"}, []string{"127.0.0.1", "::1"}, "::1"},
		{":4567", []string{"localhost"}, []string{"127.0.0.1", "::1"}, "localhost"},
		{"kinesis.local:4567", []string{"localhost", "kinesis.local"}, []string{"127.0.0.1", "::1"}, "kinesis.local"},
		{"0.0.0.0:4567", []string{"localhost"}, []string{"127.0.0.1", "::1", "0.0.0.0"}, "0.0.0.0"},
		{"[fe80::1%eth0]:4567", []string{"localhost"}, []string{"127.0.0.1", "::1", "fe80::1"}, "fe80::1"},
	} {
		now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		pair, certPEM, err := selfSigned(certHosts(tt.addr), now)
		if err != nil {
			t.Fatalf("%s: %v", tt.addr, err)
		}
		block, _ := pem.Decode(certPEM)
		if block == nil || block.Type != "CERTIFICATE" {
			t.Fatalf("%s: PEM %q", tt.addr, certPEM)
		}
		cert, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(pair.Certificate[0], block.Bytes) {
			t.Errorf("%s: the PEM is not the certificate served", tt.addr)
		}
		var ips []string
		for _, ip := range cert.IPAddresses {
			ips = append(ips, ip.String())
		}
		if !slices.Equal(cert.DNSNames, tt.dns) || !slices.Equal(ips, tt.ips) {
			t.Errorf("%s: DNSNames %q, IPAddresses %q; want %q, %q", tt.addr, cert.DNSNames, ips, tt.dns, tt.ips)
		}
		if !cert.NotBefore.Equal(now.Add(-time.Hour)) || !cert.NotAfter.Equal(now.AddDate(1, 0, 0)) {
			t.Errorf("%s: valid from %v to %v", tt.addr, cert.NotBefore, cert.NotAfter)
		}
		key, ok := cert.PublicKey.(*ecdsa.PublicKey)
		if !ok || key.Curve != elliptic.P256() {
			t.Errorf("%s: public key %T, want ECDSA P-256", tt.addr, cert.PublicKey)
		}
		pool := x509.NewCertPool()
		pool.AddCert(cert)
		if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: tt.checkHost, CurrentTime: now}); err != nil {
			t.Errorf("%s: %v", tt.addr, err)
		}
	}
}
