package boltstore

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/kinesisfake"
)

var updateFormats = flag.Bool("update-formats", false, "write testdata/formats/v<version>/ from the fake's golden store of that version, if it is not there")

// The fake's goldens: for each store version, the golden fixture as a
// store (store.json).
const fakeFormats = "../../kinesisfake/testdata/formats"

// goldenAt is when the fake's golden fixture was made (its FakeClock's).
var goldenAt = time.Date(2026, 11, 26, 9, 5, 0, 0, time.UTC)

// Every -data directory kept in testdata/formats, one for each store
// version the fake reads, opens to the state its keys hold: the state a
// fresh -data directory with the fake's golden keys of that version
// (store.json) opens to. The directory's format (the database's file, a
// bucket per region, the fake's keys in it) is read by this release as the
// release that wrote it left it; that the keys themselves open to the
// golden fixture's state, kinesisfake's TestFormatsOpen checks.
func TestFormatsOpen(t *testing.T) {
	if *updateFormats {
		writeFormats(t)
	}
	fakeDirs, _ := filepath.Glob(filepath.Join(fakeFormats, "v*"))
	var stores []string // the versions of the fake's goldens that hold a store
	for _, d := range fakeDirs {
		if _, err := os.Stat(filepath.Join(d, "store.json")); err == nil {
			stores = append(stores, filepath.Base(d))
		}
	}
	dirs, _ := filepath.Glob("testdata/formats/v*")
	if names := func(ds []string) (n []string) {
		for _, d := range ds {
			n = append(n, filepath.Base(d))
		}
		return n
	}; !slices.Equal(names(dirs), stores) {
		t.Errorf("-data directories for %v, the fake's golden stores for %v: write the missing with -update-formats", names(dirs), stores)
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			golden, err := os.ReadFile(filepath.Join(dir, FileName))
			if err != nil {
				t.Fatal(err)
			}
			data := t.TempDir()
			if err := os.WriteFile(filepath.Join(data, FileName), golden, 0o644); err != nil {
				t.Fatal(err)
			}
			fresh := t.TempDir()
			writeStore(t, fresh, filepath.Join(fakeFormats, filepath.Base(dir), "store.json"))
			if diff := cmp.Diff(openedState(t, fresh), openedState(t, data)); diff != "" {
				t.Errorf("opened on %s, the fake snapshots otherwise than on its keys written today (-today +golden):\n%s", dir, diff)
			}
		})
	}
}

// openedState is the snapshot of a fake opened on the -data directory
// given, at the golden fixture's time.
func openedState(t *testing.T, dir string) string {
	t.Helper()
	db, err := Open(dir, Batch)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	regions, err := db.Regions()
	if err != nil || !slices.Equal(regions, []string{"us-east-1"}) {
		t.Fatalf("Regions() = %v, %v; want [us-east-1]", regions, err)
	}
	c, err := kinesisfake.Open(db.Region("us-east-1"), kinesisfake.WithClock(kinesisfake.NewFakeClock(goldenAt)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var got bytes.Buffer
	if err := c.Snapshot(&got); err != nil {
		t.Fatal(err)
	}
	return got.String()
}

// writeFormats writes a -data directory for each of the fake's golden
// stores that has none: the store's keys, written to the region's bucket
// as the fake wrote them.
func writeFormats(t *testing.T) {
	fakeDirs, _ := filepath.Glob(filepath.Join(fakeFormats, "v*"))
	for _, fakeDir := range fakeDirs {
		dir := filepath.Join("testdata/formats", filepath.Base(fakeDir))
		stored := filepath.Join(fakeDir, "store.json")
		if _, err := os.Stat(stored); err != nil {
			continue // the version is the document's only
		}
		if _, err := os.Stat(dir); err == nil {
			continue // written once, never again
		}
		writeStore(t, dir, stored)
		t.Logf("wrote %s", strings.TrimPrefix(dir, "testdata/"))
	}
}

// writeStore writes the keys of a store.json to a -data directory, in the
// region's bucket, as the fake wrote them.
func writeStore(t *testing.T, dir, storeJSON string) {
	t.Helper()
	raw, err := os.ReadFile(storeJSON)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []struct{ Key, Value []byte }
	if err := json.Unmarshal(raw, &pairs); err != nil {
		t.Fatal(err)
	}
	db, err := Open(dir, Batch)
	if err != nil {
		t.Fatal(err)
	}
	var ops []kinesisfake.StoreOp
	for _, p := range pairs {
		ops = append(ops, kinesisfake.StoreOp{Key: p.Key, Value: p.Value})
	}
	err = db.Region("us-east-1").Write(ops)()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
}
