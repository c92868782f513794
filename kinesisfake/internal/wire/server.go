package wire

import (
	"io"
	"net/http"
	"time"
)

// SubscriptionsOutliveTimeouts lets h's SubscribeToShard responses outlast
// a server's read and write timeouts: a subscription lasts up to 5 minutes,
// during which the client sends nothing and the fake writes events.
func SubscriptionsOutliveTimeouts(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subscribes(r) {
			r.Body = &clearDeadlinesAtEOF{r.Body, http.NewResponseController(w)}
		}
		h.ServeHTTP(w, r)
	})
}

// subscribes reports whether r calls SubscribeToShard.
func subscribes(r *http.Request) bool {
	return r.Header.Get("X-Amz-Target") == targetPrefix+"SubscribeToShard"
}

// clearDeadlinesAtEOF is a request body that lifts the connection's
// deadlines once it has all been read, so that the request itself still
// arrives under the read timeout.
type clearDeadlinesAtEOF struct {
	io.ReadCloser
	rc *http.ResponseController
}

func (b *clearDeadlinesAtEOF) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err == io.EOF {
		b.rc.SetReadDeadline(time.Time{})
		b.rc.SetWriteDeadline(time.Time{})
	}
	return n, err
}
