package kinesisfake

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// The README's "Supported operations" table lists every operation of the
// SDK's client, and says "yes" exactly for those the fake has, with the
// SDK's signatures.
func TestReadmeSupportedOperations(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	table := readmeTable(t, string(readme), "## Supported operations")

	sdk := sdkOperations(reflect.TypeFor[*kinesis.Client]())
	fake := reflect.TypeFor[*Client]()
	for name, supported := range table {
		sdkMethod, ok := sdk[name]
		if !ok {
			t.Errorf("README lists %s, which *kinesis.Client does not have", name)
			continue
		}
		fakeMethod, has := fake.MethodByName(name)
		switch {
		case supported && !has:
			t.Errorf("README says %s is supported; *kinesisfake.Client has no such method", name)
		case !supported && has:
			t.Errorf("README says %s is not supported; *kinesisfake.Client has it", name)
		case has && fakeMethod.Type.String() != strings.Replace(sdkMethod.Type.String(), "*kinesis.Client", "*kinesisfake.Client", 1):
			t.Errorf("%s: signature %s differs from the SDK's %s", name, fakeMethod.Type, sdkMethod.Type)
		}
	}
	for name := range sdk {
		if _, ok := table[name]; !ok {
			t.Errorf("README does not list %s", name)
		}
	}
}

// readmeTable reads the table under heading: operation name → whether its
// second column says "yes".
func readmeTable(t *testing.T, readme, heading string) map[string]bool {
	t.Helper()
	_, section, ok := strings.Cut(readme, heading+"\n")
	if !ok {
		t.Fatalf("README has no %q section", heading)
	}
	section, _, _ = strings.Cut(section, "\n## ")
	rows := map[string]bool{}
	for _, line := range strings.Split(section, "\n") {
		cells := strings.Split(line, "|")
		if len(cells) < 4 || strings.TrimSpace(cells[1]) == "Operation" || strings.HasPrefix(strings.TrimSpace(cells[1]), "---") {
			continue
		}
		name := strings.TrimSpace(cells[1])
		if _, dup := rows[name]; dup {
			t.Errorf("README lists %s twice", name)
		}
		rows[name] = strings.TrimSpace(cells[2]) == "yes"
	}
	if len(rows) == 0 {
		t.Fatal("README's operations table is empty")
	}
	return rows
}
