package awsid

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCheckAccountID(t *testing.T) {
	for _, id := range []string{"123456789012", "000000000000"} {
		if err := CheckAccountID(id); err != nil {
			t.Errorf("CheckAccountID(%q) = %v, want nil", id, err)
		}
	}
	for _, id := range []string{"", "12", "12345678901", "1234567890123", "12345678901a", " 23456789012", "１23456789012", "-12345678901"} {
		if err := CheckAccountID(id); err == nil {
			t.Errorf("CheckAccountID(%q) = nil, want an error", id)
		}
	}
}

func TestCheckRegion(t *testing.T) {
	good := []string{"us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1", "us-iso-east-1", "eu-isoe-west-1", "local", "x", strings.Repeat("a", 63)}
	for _, r := range good {
		if err := CheckRegion(r); err != nil {
			t.Errorf("CheckRegion(%q) = %v, want nil", r, err)
		}
	}
	bad := []string{"", "US-EAST-1", "us_east_1", "us-east-1:", "us:east-1", "us east 1", "1us-east", "-us-east-1", "us-east-", "us-east-1\n", "é", strings.Repeat("a", 64)}
	for _, r := range bad {
		if err := CheckRegion(r); err == nil {
			t.Errorf("CheckRegion(%q) = nil, want an error", r)
		}
	}
}

// The known regions are the SDK's: the regions of every partition in the
// SDK that go.mod takes, but for the global pseudo-regions.
func TestKnownRegionsAreTheSDKs(t *testing.T) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/aws/aws-sdk-go-v2").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	src, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "internal", "endpoints", "awsrulesfn", "partitions.go"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range regexp.MustCompile(`(?m)^\t\t\t"([a-z0-9-]+)": \{`).FindAllSubmatch(src, -1) {
		region := string(m[1])
		if strings.HasSuffix(region, "-global") {
			if KnownRegion(region) {
				t.Errorf("KnownRegion(%q) = true for a global pseudo-region", region)
			}
			continue
		}
		n++
		if !KnownRegion(region) {
			t.Errorf("KnownRegion(%q) = false for a region of the SDK's partitions", region)
		}
	}
	known := regexp.MustCompile(`"[a-z0-9-]+"`).FindAll(must(os.ReadFile("regions.go")), -1)
	if n < 30 || len(known) != n {
		t.Errorf("the SDK's partitions have %d regions, regions.go %d", n, len(known))
	}
	for _, r := range []string{"", "junk-1", "us-east-1 ", "US-EAST-1", "aws-global"} {
		if KnownRegion(r) {
			t.Errorf("KnownRegion(%q) = true", r)
		}
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}
