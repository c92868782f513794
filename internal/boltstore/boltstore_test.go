package boltstore

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func open(t *testing.T, dir string, mode Sync) *DB {
	t.Helper()
	db, err := Open(dir, mode)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func scan(t *testing.T, s kinesisfake.Store, prefix string) []string {
	t.Helper()
	var got []string
	err := s.Scan([]byte(prefix), func(k, v []byte) error {
		got = append(got, string(k)+"="+string(v))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func set(k, v string) kinesisfake.StoreOp {
	return kinesisfake.StoreOp{Key: []byte(k), Value: []byte(v)}
}

// Writes apply in order, deletes take a range, scans a prefix in key order,
// each region's keys are its own, and all of it is there after reopening.
func TestWriteScanReopen(t *testing.T) {
	for _, mode := range []Sync{Batch, Always, Never} {
		t.Run(fmt.Sprint(mode), func(t *testing.T) {
			dir := t.TempDir()
			db := open(t, dir, mode)
			east, west := db.Region("us-east-1"), db.Region("eu-west-1")
			if err := east.Write([]kinesisfake.StoreOp{set("a1", "x"), set("a2", "y"), set("a3", "z"), set("b1", "w"), set("a2", "y2")})(); err != nil {
				t.Fatal(err)
			}
			if err := west.Write([]kinesisfake.StoreOp{set("a1", "west")})(); err != nil {
				t.Fatal(err)
			}
			if err := east.Write([]kinesisfake.StoreOp{{Key: []byte("a1"), End: []byte("a3")}, set("a0", "new")})(); err != nil {
				t.Fatal(err)
			}
			if got, want := scan(t, east, "a"), []string{"a0=new", "a3=z"}; !slices.Equal(got, want) {
				t.Errorf("east a: %q, want %q", got, want)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			db = open(t, dir, mode)
			defer db.Close()
			if got, want := scan(t, db.Region("us-east-1"), ""), []string{"a0=new", "a3=z", "b1=w"}; !slices.Equal(got, want) {
				t.Errorf("east after reopening: %q, want %q", got, want)
			}
			if got, want := scan(t, db.Region("eu-west-1"), ""), []string{"a1=west"}; !slices.Equal(got, want) {
				t.Errorf("west after reopening: %q, want %q", got, want)
			}
			if got := scan(t, db.Region("ap-south-1"), ""); len(got) != 0 {
				t.Errorf("a region never written: %q", got)
			}
			regions, err := db.Regions()
			if err != nil || !slices.Equal(regions, []string{"eu-west-1", "us-east-1"}) {
				t.Errorf("Regions: %q, %v", regions, err)
			}
			// A delete to the end of the keys.
			if err := db.Region("us-east-1").Write([]kinesisfake.StoreOp{{Key: []byte("a3")}})(); err != nil {
				t.Fatal(err)
			}
			if got, want := scan(t, db.Region("us-east-1"), ""), []string{"a0=new"}; !slices.Equal(got, want) {
				t.Errorf("after deleting from a3 on: %q, want %q", got, want)
			}
		})
	}
}

// Concurrent writers share commits under Batch, each is committed on its
// own under Always, and every write is there afterwards.
func TestGroupCommit(t *testing.T) {
	for _, mode := range []Sync{Batch, Always} {
		db := open(t, t.TempDir(), mode)
		store := db.Region("r")
		commits := func() int {
			db.mu.Lock()
			defer db.mu.Unlock()
			return db.commits
		}
		before := commits()
		var wg sync.WaitGroup
		for w := range 8 {
			wg.Go(func() {
				for i := range 50 {
					if err := store.Write([]kinesisfake.StoreOp{set(fmt.Sprintf("%d/%03d", w, i), "v")})(); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		n := commits() - before
		if n := len(scan(t, store, "")); n != 400 {
			t.Errorf("%v: %d keys, want 400", mode, n)
		}
		switch {
		case mode == Always && n != 400:
			t.Errorf("Always: %d commits for 400 writes, want one each", n)
		case mode == Batch && n >= 400:
			t.Errorf("Batch: %d commits for 400 writes from 8 writers, want fewer", n)
		}
		t.Logf("%v: 400 writes in %d commits", mode, n)
		db.Close()
	}
}

// A second server on the same directory is refused while the first has it.
func TestInUse(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir, Batch)
	defer db.Close()
	if _, err := Open(dir, Batch); err == nil || !strings.Contains(err.Error(), "is in use by another process") {
		t.Errorf("second Open: %v", err)
	}
}

// Writes after Close fail; Close commits what was queued before it.
func TestClose(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir, Batch)
	wait := db.Region("r").Write([]kinesisfake.StoreOp{set("k", "v")})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := wait(); err != nil {
		t.Errorf("a write queued before Close: %v", err)
	}
	if err := db.Region("r").Write([]kinesisfake.StoreOp{set("k2", "v")})(); err == nil {
		t.Error("a write after Close succeeded")
	}
	db = open(t, dir, Batch)
	defer db.Close()
	if got := scan(t, db.Region("r"), ""); !slices.Equal(got, []string{"k=v"}) {
		t.Errorf("after reopening: %q", got)
	}
}

// A failed commit fails every write after it: the fake has moved on in
// memory, and the store must not pretend to follow.
func TestFailedCommitSticks(t *testing.T) {
	db := open(t, t.TempDir(), Batch)
	defer db.Close()
	store := db.Region("r")
	if err := store.Write([]kinesisfake.StoreOp{set("", "empty key")})(); err == nil {
		t.Fatal("bbolt took an empty key")
	}
	if err := store.Write([]kinesisfake.StoreOp{set("k", "v")})(); err == nil || !strings.Contains(err.Error(), "a commit failed") {
		t.Errorf("a write after a failed commit: %v", err)
	}
	// Writes queued behind the failing one, each its own commit, fail too.
	db2 := open(t, t.TempDir(), Always)
	defer db2.Close()
	store = db2.Region("r")
	bad := store.Write([]kinesisfake.StoreOp{set("", "empty key")})
	var behind []func() error
	for i := range 5 {
		behind = append(behind, store.Write([]kinesisfake.StoreOp{set(fmt.Sprint("k", i), "v")}))
	}
	if err := bad(); err == nil {
		t.Fatal("bbolt took an empty key")
	}
	for i, wait := range behind {
		if err := wait(); err == nil {
			t.Errorf("write %d queued behind a failed commit succeeded", i)
		}
	}
	if got := scan(t, store, ""); len(got) != 0 {
		t.Errorf("stored behind a failed commit: %q", got)
	}
}

func TestParseSync(t *testing.T) {
	for s, want := range map[string]Sync{"batch": Batch, "always": Always, "never": Never} {
		if got, err := ParseSync(s); err != nil || got != want {
			t.Errorf("ParseSync(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseSync("sometimes"); err == nil || err.Error() != `"sometimes" is not always, batch or never` {
		t.Errorf("ParseSync(sometimes): %v", err)
	}
}

// A fake on the database, closed and opened again, is the fake it was.
func TestFakeReopened(t *testing.T) {
	dir := t.TempDir()
	db := open(t, dir, Batch)
	clock := kinesisfake.NewFakeClock(time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC))
	fake, err := kinesisfake.Open(db.Region("us-east-1"), kinesisfake.WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(3)}); err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		clock.Advance(time.Millisecond)
		if _, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(fmt.Sprint(i)), Data: []byte{byte(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	var want bytes.Buffer
	if err := fake.Snapshot(&want); err != nil {
		t.Fatal(err)
	}
	fake.Close()
	db.Close()

	db = open(t, dir, Batch)
	defer db.Close()
	reopened, err := kinesisfake.Open(db.Region("us-east-1"), kinesisfake.WithClock(kinesisfake.NewFakeClock(clock.Now())))
	if err != nil {
		t.Fatal(err)
	}
	defer reopened.Close()
	var got bytes.Buffer
	if err := reopened.Snapshot(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want.Bytes()) {
		t.Errorf("the reopened fake's snapshot differs:\n%s\nwant\n%s", got.String(), want.String())
	}
}
