package kinesisfake

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"math/big"
	"net"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/google/go-cmp/cmp"
)

// serveTLS serves srv with ServeTLS on a loopback port, with a certificate
// for 127.0.0.1, until the test ends, and returns its URL and a pool that
// trusts the certificate.
func serveTLS(t testing.TB, srv *http.Server) (string, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kinesisfake test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- srv.ServeTLS(ln, "", "") }()
	t.Cleanup(func() {
		srv.Close()
		if err := <-served; !errors.Is(err, http.ErrServerClosed) {
			t.Errorf("ServeTLS: %v", err)
		}
	})
	return "https://" + ln.Addr().String(), pool
}

// protos records the protocol of every response that passes through it.
type protos struct {
	http.RoundTripper
	mu   sync.Mutex
	seen []string
}

func (p *protos) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := p.RoundTripper.RoundTrip(req)
	if err == nil {
		p.mu.Lock()
		defer p.mu.Unlock()
		p.seen = append(p.seen, resp.Proto)
	}
	return resp, err
}

func (p *protos) get() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.seen...)
}

// Served with ServeTLS, Server negotiates HTTP/2 with a client that offers
// it in ALPN, as the SDK's default transport does, and a subscription
// streams over it; a client that offers only HTTP/1.1 gets HTTP/1.1.
func TestServerNegotiatesHTTP2OverTLS(t *testing.T) {
	for _, tc := range []struct {
		name  string
		http1 bool
		want  string
	}{
		{"h2", false, "HTTP/2.0"},
		{"HTTP/1.1", true, "HTTP/1.1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := newFake(t)
			url, pool := serveTLS(t, c.Server())
			transport := awshttp.NewBuildableClient().GetTransport()
			transport.TLSClientConfig.RootCAs = pool
			if tc.http1 {
				transport.Protocols = new(http.Protocols)
				transport.Protocols.SetHTTP1(true)
			}
			defer transport.CloseIdleConnections()
			seen := &protos{RoundTripper: transport}
			if tc.http1 {
				// The SDK's fault over HTTP/1.1 (see readOnlyBodies)
				// would cut the subscription now and then.
				seen.RoundTripper = readOnlyBodies{transport}
			}
			sdk := kinesis.New(kinesis.Options{Region: "us-east-1", BaseEndpoint: aws.String(url), Credentials: aws.AnonymousCredentials{},
				HTTPClient: &http.Client{Transport: seen}, Retryer: aws.NopRetryer{}})

			if _, err := sdk.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1)}); err != nil {
				t.Fatal(err)
			}
			stream := subscribe(t, sdk, register(t, c, "s", "app"), "shardId-000000000000", types.StartingPosition{Type: types.ShardIteratorTypeLatest})
			defer stream.Close()
			put(t, c, "s", "k", "over TLS")
			if ev, ok := nextEvent(t, stream); !ok || !cmp.Equal(eventData(ev), []string{"over TLS"}) {
				t.Fatalf("event: %+v (ok %v, err %v)", ev, ok, stream.Err())
			}
			if got := seen.get(); !cmp.Equal(got, []string{tc.want, tc.want}) {
				t.Errorf("protocols of CreateStream and SubscribeToShard: %q, want %s", got, tc.want)
			}
		})
	}
}
