package awsid

import (
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
