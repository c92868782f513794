package main

import (
	"net/http"
	"strings"
	"sync"
)

// The bytes of request bodies the server takes in at once, and the most it
// reads of one: a body past that (32 MiB) is refused, so a request that
// does not declare its length is counted as that large.
const (
	bodiesInFlight = 128 << 20
	maxBodyBytes   = 32 << 20
)

// bodyBudget bounds the bytes of the request bodies being served at once,
// so that many large bodies arriving together cannot take the server's
// memory: a request waits for room for as long as its client waits.
type bodyBudget struct {
	mu   sync.Mutex
	free int64
	room chan struct{} // closed, and replaced, whenever room is freed
}

func newBodyBudget(total int64) *bodyBudget {
	return &bodyBudget{free: total, room: make(chan struct{})}
}

// limit serves h with each request's body counted against the budget, but
// for SubscribeToShard's, a few bytes held for the subscription's minutes.
func (b *bodyBudget) limit(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := r.ContentLength
		if n < 0 || n > maxBodyBytes {
			n = maxBodyBytes
		}
		if strings.HasSuffix(r.Header.Get("X-Amz-Target"), ".SubscribeToShard") {
			n = 0
		}
		if n > 0 {
			if !b.take(r, n) {
				return // the client went away while it waited
			}
			defer b.give(n)
		}
		h.ServeHTTP(w, r)
	})
}

// take waits until n bytes are free and takes them, or until the request
// is done, and reports which.
func (b *bodyBudget) take(r *http.Request, n int64) bool {
	for {
		b.mu.Lock()
		if n <= b.free {
			b.free -= n
			b.mu.Unlock()
			return true
		}
		room := b.room
		b.mu.Unlock()
		select {
		case <-room:
		case <-r.Context().Done():
			return false
		}
	}
}

// give frees n bytes and wakes those waiting.
func (b *bodyBudget) give(n int64) {
	b.mu.Lock()
	b.free += n
	close(b.room)
	b.room = make(chan struct{})
	b.mu.Unlock()
}
