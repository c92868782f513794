package kinesisfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var updateFormats = flag.Bool("update-formats", false, "write testdata/formats/v<version>/ for the format this release writes, if it is not there")

// formatsDir holds, for each format version this release reads, the golden
// fixture as a document (state.json) and as a store (store.json, the
// store's keys and values) of that version, written by the release that
// introduced it and never rewritten: a later release must open them for as
// long as docs/persistence.md promises. internal/boltstore keeps the same
// store as a -data directory.
const formatsDir = "testdata/formats"

// storedPair is one key of a store, as store.json lists them.
type storedPair struct{ Key, Value []byte }

// Every format this release reads opens to the golden fixture's state, as
// this release writes it (testdata/state.json), or, for a golden whose
// document is of an older version, to the state the fixture's steps up to
// that version make (goldenSteps): the document with WithState, the store
// with Open. A new version of either fails this test until its goldens
// are written (go test -run TestFormatsOpen -update-formats); a version no
// longer read fails it until its goldens are removed, as
// docs/persistence.md allows.
func TestFormatsOpen(t *testing.T) {
	if *updateFormats {
		writeFormats(t)
	}
	want, err := os.ReadFile(goldenState)
	if err != nil {
		t.Fatal(err)
	}
	// wantFor is the state a golden of the document version given opens to.
	wantFor := func(t *testing.T, version int) string {
		if version == stateVersion {
			return string(want)
		}
		c, clock := newFake(t)
		goldenCallsTo(t, c, clock, version)
		return string(snapshot(t, c))
	}
	seen := map[int]bool{}
	dirs, _ := filepath.Glob(filepath.Join(formatsDir, "v*"))
	for _, dir := range dirs {
		v, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(dir), "v"))
		if err != nil {
			t.Errorf("%s: not a version's directory", dir)
			continue
		}
		seen[v] = true
		if v < min(oldestStateVersion, oldestStoreVersion) || v > max(stateVersion, storeVersion) {
			t.Errorf("%s holds version %d, which this release does not read: remove it if docs/persistence.md lets it go", dir, v)
			continue
		}
		at := epoch.Add(5 * time.Minute) // when goldenFixture ends
		t.Run(filepath.Base(dir)+"/document", func(t *testing.T) {
			doc, err := os.ReadFile(filepath.Join(dir, "state.json"))
			if errors.Is(err, fs.ErrNotExist) && v > stateVersion {
				t.Skipf("no document of version %d: the document is of version %d", v, stateVersion)
			}
			if err != nil {
				t.Fatal(err)
			}
			c, _ := restored(t, doc, at)
			if diff := cmp.Diff(wantFor(t, documentVersion(t, doc)), string(snapshot(t, c))); diff != "" {
				t.Errorf("restored from %s, the fake snapshots otherwise (-golden +restored):\n%s", dir, diff)
			}
		})
		t.Run(filepath.Base(dir)+"/store", func(t *testing.T) {
			if _, err := os.Stat(filepath.Join(dir, "store.json")); errors.Is(err, fs.ErrNotExist) && v > storeVersion {
				t.Skipf("no store of version %d: the store is of version %d", v, storeVersion)
			}
			store := newMemStore()
			for _, p := range readStoreFile(t, filepath.Join(dir, "store.json")) {
				store.keys[string(p.Key)] = p.Value
			}
			header := store.keys[string(headerKey)]
			if v >= firstSealedVersion {
				header = header[4:]
			}
			version := documentVersion(t, header)
			c, err := Open(store, WithClock(NewFakeClock(at)))
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if diff := cmp.Diff(wantFor(t, version), string(snapshot(t, c))); diff != "" {
				t.Errorf("opened on %s, the fake snapshots otherwise (-golden +opened):\n%s", dir, diff)
			}
		})
	}
	for _, v := range []int{stateVersion, storeVersion} {
		if !seen[v] {
			t.Errorf("no goldens of version %d, the one this release writes: write them with -update-formats", v)
		}
	}
}

// writeFormats writes the goldens of the versions this release writes,
// unless they are there: those of a version, once written, stay as they
// are. The directory of a version holds the document, the store or both,
// as that version is the document's, the store's or both's.
func writeFormats(t *testing.T) {
	writeFormat(t, stateVersion)
	if storeVersion != stateVersion {
		writeFormat(t, storeVersion)
	}
}

func writeFormat(t *testing.T, v int) {
	dir := filepath.Join(formatsDir, fmt.Sprintf("v%d", v))
	files := map[string]bool{"state.json": v == stateVersion, "store.json": v == storeVersion}
	for name, due := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); due && err == nil {
			t.Logf("%s/%s is there already; left as it is", dir, name)
			files[name] = false
		}
	}
	if !files["state.json"] && !files["store.json"] {
		return
	}
	store := newMemStore()
	clock := NewFakeClock(epoch)
	c, err := Open(store, WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	goldenCalls(t, c, clock)
	doc := snapshot(t, c)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	var pairs []storedPair
	store.Scan(nil, func(k, v []byte) error {
		pairs = append(pairs, storedPair{bytes.Clone(k), bytes.Clone(v)})
		return nil
	})
	list, err := json.MarshalIndent(pairs, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	written := map[string][]byte{"state.json": doc, "store.json": append(list, '\n')}
	for name, due := range files {
		if !due {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, name), written[name], 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// documentVersion reads the version of a state document, or of a store's
// header.
func documentVersion(t *testing.T, doc []byte) int {
	t.Helper()
	var header struct{ Version int }
	if err := json.Unmarshal(doc, &header); err != nil || header.Version == 0 {
		t.Fatalf("no version in the document: %v", err)
	}
	return header.Version
}

// readStoreFile reads a store.json.
func readStoreFile(t *testing.T, path string) []storedPair {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []storedPair
	if err := json.Unmarshal(data, &pairs); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return pairs
}

// A store of version 1 as the release of 2026-12-01 wrote it, with no
// version key, opens as version 1, and Open writes it again in this
// release's layout; a version that is not a number is refused.
func TestStoreVersionKey(t *testing.T) {
	pairs := readStoreFile(t, filepath.Join(formatsDir, "v1", "store.json"))
	load := func(version []byte) *memStore {
		store := newMemStore()
		for _, p := range pairs {
			store.keys[string(p.Key)] = p.Value
		}
		delete(store.keys, string(versionKey))
		if version != nil {
			store.keys[string(versionKey)] = version
		}
		return store
	}
	store := load(nil)
	c, err := Open(store, WithClock(NewFakeClock(epoch.Add(5*time.Minute))))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if got := string(store.keys[string(versionKey)]); got != strconv.Itoa(storeVersion) {
		t.Errorf("after Open, the store's version is %q, want %d, this release's", got, storeVersion)
	}
	_, err = Open(load([]byte("one")))
	if want := `kinesisfake: Open: the store's version, "one", is not a number`; err == nil || err.Error() != want {
		t.Errorf("Open on a version that is no number: %v, want %s", err, want)
	}
}
