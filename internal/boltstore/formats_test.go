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

// The fake's goldens: for each format version, the golden fixture as a
// store (store.json), and the fixture's state as this release writes it.
const (
	fakeFormats = "../../kinesisfake/testdata/formats"
	fakeState   = "../../kinesisfake/testdata/state.json"
)

// goldenAt is when the fake's golden fixture was made (its FakeClock's).
var goldenAt = time.Date(2026, 11, 26, 9, 5, 0, 0, time.UTC)

// Every -data directory kept in testdata/formats, one for each store
// version the fake reads, opens to the golden fixture's state: the
// directory's format (the database's file, a bucket per region, the fake's
// keys in it) is read by this release as the release that wrote it left
// it.
func TestFormatsOpen(t *testing.T) {
	if *updateFormats {
		writeFormats(t)
	}
	want, err := os.ReadFile(fakeState)
	if err != nil {
		t.Fatal(err)
	}
	fakeDirs, _ := filepath.Glob(filepath.Join(fakeFormats, "v*"))
	dirs, _ := filepath.Glob("testdata/formats/v*")
	if names := func(ds []string) (n []string) {
		for _, d := range ds {
			n = append(n, filepath.Base(d))
		}
		return n
	}; !slices.Equal(names(dirs), names(fakeDirs)) {
		t.Errorf("-data directories for %v, the fake's goldens for %v: write the missing with -update-formats", names(dirs), names(fakeDirs))
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			data := t.TempDir()
			golden, err := os.ReadFile(filepath.Join(dir, FileName))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(data, FileName), golden, 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(data, Batch)
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
			if diff := cmp.Diff(string(want), got.String()); diff != "" {
				t.Errorf("opened on %s, the fake snapshots otherwise (-golden +opened):\n%s", dir, diff)
			}
		})
	}
}

// writeFormats writes a -data directory for each of the fake's golden
// stores that has none: the store's keys, written to the region's bucket
// as the fake wrote them.
func writeFormats(t *testing.T) {
	fakeDirs, _ := filepath.Glob(filepath.Join(fakeFormats, "v*"))
	for _, fakeDir := range fakeDirs {
		dir := filepath.Join("testdata/formats", filepath.Base(fakeDir))
		if _, err := os.Stat(dir); err == nil {
			continue // written once, never again
		}
		raw, err := os.ReadFile(filepath.Join(fakeDir, "store.json"))
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
		t.Logf("wrote %s", strings.TrimPrefix(dir, "testdata/"))
	}
}
