package kinesisfake

import (
	"net/http"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
)

// HTTPClient returns an HTTP client for reaching the fake over a socket, as
// served by [Client.Server] or cmd/kinesisfake, with the real SDK:
//
//	sdk := kinesis.NewFromConfig(cfg, func(o *kinesis.Options) {
//		o.BaseEndpoint = aws.String("http://127.0.0.1:4567")
//		o.HTTPClient = kinesisfake.HTTPClient()
//	})
//
// It speaks only unencrypted HTTP/2 (h2c, with prior knowledge), because
// over HTTP/1.1 the SDK fails a call now and then with "use of closed
// network connection" when the server answers as fast as the fake does
// (docs/upstream.md tells why). Otherwise its transport is the
// SDK's default one. It cannot reach https:// URLs, nor servers that speak
// only HTTP/1.1.
func HTTPClient() *http.Client {
	transport := awshttp.NewBuildableClient().GetTransport()
	transport.Protocols = new(http.Protocols)
	transport.Protocols.SetUnencryptedHTTP2(true)
	// A proxy from the environment would be asked for h2c it does not speak.
	transport.Proxy = nil
	return &http.Client{Transport: transport}
}
