package filegraph

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A file uses another when it names a type, function, method, field or
// variable declared there; locals and other packages' names do not count.
func TestLoad(t *testing.T) {
	g, names, err := LoadNames("testdata/layered", false)
	if err != nil {
		t.Fatal(err)
	}
	want := Graph{
		"high.go":   {"low.go": true, "helper.go": true},
		"low.go":    {},
		"helper.go": {},
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("graph (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]bool{"thing": true, "grow": true, "n": true}, names[[2]string{"high.go", "low.go"}]); diff != "" {
		t.Errorf("names from high.go to low.go (-want +got):\n%s", diff)
	}
	if n := g.Edges(); n != 2 {
		t.Errorf("Edges() = %d, want 2", n)
	}
}
