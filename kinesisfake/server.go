package kinesisfake

import (
	"net/http"
	"time"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// Server returns an *http.Server that serves the fake's [Client.Handler]
// over HTTP/1.1 and unencrypted HTTP/2 (h2c), as cmd/kinesisfake does, and
// over TLS, when served with ServeTLS or ListenAndServeTLS, HTTP/2 or
// HTTP/1.1 as the client's ALPN asks (h2 preferred). Set its Addr and call
// ListenAndServe, or call Serve with a listener; in tests, make it the
// Config of an httptest.Server:
//
//	srv := httptest.NewUnstartedServer(nil)
//	srv.Config = fake.Server()
//	srv.Start()
//	defer srv.Close()
//
// Go clients reach it best through [HTTPClient].
//
// Its timeouts free the connections that clients leave open: idle ones
// after 2 minutes (longer than the SDK's 90 seconds, so that clients close
// first), ones that send a request too slowly (10 seconds for the header, a
// minute for the whole), and HTTP/2 ones whose peer sends nothing for a
// minute and then fails to answer a ping within 15 seconds. A
// SubscribeToShard response is exempt from the read timeout, and from any
// write timeout you set: it lasts up to 5 minutes, while the fake writes
// events and the client sends nothing. Near the process's limit of open
// files, its ConnState closes the oldest idle connections as new ones
// come, so that they get through; setting ConnState replaces that.
func (c *Client) Server() *http.Server {
	srv := &http.Server{
		Handler:           wire.SubscriptionsOutliveTimeouts(c.Handler()),
		Protocols:         new(http.Protocols),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		IdleTimeout:       2 * time.Minute,
		HTTP2:             &http.HTTP2Config{SendPingTimeout: time.Minute, PingTimeout: 15 * time.Second},
		ConnState:         wire.NewIdleConns().State,
	}
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetUnencryptedHTTP2(true)
	// HTTP/2 over TLS: ServeTLS offers h2 in ALPN only if this is set (the
	// Java SDK's async client, which SubscribeToShard needs, and the KCL
	// expect it). It changes nothing on a listener without TLS.
	srv.Protocols.SetHTTP2(true)
	return srv
}
