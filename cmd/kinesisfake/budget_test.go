package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/synctest"
)

// Bodies are served while their bytes fit the budget; the rest wait until
// room is freed, or give up with their client. Eight bodies of 33 MB (each
// counted as the 32 MiB read at most) with a budget of four are served four
// at a time.
func TestBodyBudget(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		release := make(chan struct{})
		var mu sync.Mutex
		serving, most := 0, 0
		h := newBodyBudget(4 * maxBodyBytes).limit(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			serving++
			most = max(most, serving)
			mu.Unlock()
			<-release
			mu.Lock()
			serving--
			mu.Unlock()
		}))
		request := func(ctx context.Context) *http.Request {
			r := httptest.NewRequest("POST", "/", http.NoBody).WithContext(ctx)
			r.ContentLength = 33 << 20
			return r
		}
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), request(context.Background())) })
		}
		synctest.Wait()
		if serving != 4 {
			t.Errorf("%d bodies served at once, want 4", serving)
		}
		// One whose client gives up while it waits leaves.
		ctx, cancel := context.WithCancel(context.Background())
		gaveUp := make(chan struct{})
		go func() { h.ServeHTTP(httptest.NewRecorder(), request(ctx)); close(gaveUp) }()
		synctest.Wait()
		cancel()
		<-gaveUp
		// A subscription does not wait: its body is a few bytes held
		// for minutes.
		subscribe := request(context.Background())
		subscribe.Header.Set("X-Amz-Target", "Kinesis_20131202.SubscribeToShard")
		subscribed := make(chan struct{})
		go func() { h.ServeHTTP(httptest.NewRecorder(), subscribe); close(subscribed) }()
		synctest.Wait()
		if serving != 5 {
			t.Errorf("%d served with a subscription, want 5", serving)
		}
		close(release)
		<-subscribed
		wg.Wait()
		if most != 5 {
			t.Errorf("at most %d served at once, want 4 bodies and the subscription", most)
		}
	})
}
