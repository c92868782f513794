package kinesisfake

import (
	"net/http"
	"time"
)

// Server returns an *http.Server that serves the fake's [Client.Handler]
// over HTTP/1.1 and unencrypted HTTP/2 (h2c).
func (c *Client) Server() *http.Server {
	srv := &http.Server{Handler: c.Handler(), Protocols: new(http.Protocols), ReadHeaderTimeout: 10 * time.Second}
	srv.Protocols.SetHTTP1(true)
	srv.Protocols.SetUnencryptedHTTP2(true)
	return srv
}
