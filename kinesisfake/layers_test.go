package kinesisfake

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/streamfake/kinesis/internal/filegraph"
)

// layers are the package's files from the bottom up, as ARCHITECTURE.md
// describes them: a file uses the files of its own layer and those below.
var layers = []struct {
	name  string
	files []string
}{
	{"base", []string{"clock.go", "deliveries.go", "delays.go", "doc.go", "errors.go", "hashkey.go", "httpclient.go", "index.go", "iterator.go", "lifecycle.go", "recordlog.go", "sequence.go", "validate.go"}},
	{"state", []string{"state.go"}},
	{"engine", []string{"engine.go", "token.go"}},
	{"client", []string{"call.go", "client.go", "faults.go", "rates.go"}},
	{"operations", []string{"account.go", "channels.go", "consumers.go", "inspect.go", "limits.go", "policies.go", "queues.go", "records.go", "reshard.go", "shards.go", "streamconfig.go", "streams.go", "subscriptions.go", "tags.go"}},
	{"registry", []string{"api.go"}},
	{"outside", []string{"handler.go", "options.go", "requestlog.go", "sdkclient.go", "server.go",
		"persist.go", "persist_journal.go", "persist_jsonreader.go", "persist_restore.go", "persist_snapshot.go"}},
}

// usedBothWays are the pairs of files allowed to use each other, and why.
var usedBothWays = map[[2]string]string{
	{"client.go", "faults.go"}: "Client holds the hooks and faults that its methods AddHook, InjectFault, FailPutRecords and FailQueueEntries add; each type is kept with the method that adds it",
}

// The files keep to their layers: no file uses one of a higher layer, or
// one that uses it, but for the pairs listed with their reason.
func TestLayers(t *testing.T) {
	g, names, err := filegraph.LoadNames(".", false)
	if err != nil {
		t.Fatal(err)
	}
	layerOf := map[string]int{}
	for i, l := range layers {
		for _, f := range l.files {
			layerOf[f] = i
		}
	}
	for _, f := range slices.Sorted(maps.Keys(g)) {
		if _, ok := layerOf[f]; !ok {
			t.Errorf("%s is in no layer: place it in layers", f)
		}
	}
	edges, up := 0, 0
	for _, from := range slices.Sorted(maps.Keys(g)) {
		for _, to := range slices.Sorted(maps.Keys(g[from])) {
			edges++
			used := strings.Join(slices.Sorted(maps.Keys(names[[2]string{from, to}])), ", ")
			if g[to][from] && from < to {
				if _, ok := usedBothWays[[2]string{from, to}]; !ok {
					t.Errorf("%s and %s use each other: %s uses %s; %s uses %s", from, to, from, used, to,
						strings.Join(slices.Sorted(maps.Keys(names[[2]string{to, from}])), ", "))
				}
			}
			lf, lt := layerOf[from], layerOf[to]
			if lt > lf {
				up++
				t.Errorf("%s (%s) uses %s (%s), a higher layer: %s", from, layers[lf].name, to, layers[lt].name, used)
			}
		}
	}
	for pair := range usedBothWays {
		if !g[pair[0]][pair[1]] || !g[pair[1]][pair[0]] {
			t.Errorf("%s and %s are listed as using each other, but do not: take them off usedBothWays", pair[0], pair[1])
		}
	}
	t.Logf("%d files, %d uses between them, %d of them up the layers", len(g), edges, up)
}
