package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"

	"github.com/streamfake/kinesis/internal/awsid"
)

func TestAuthorizationRegion(t *testing.T) {
	for _, tt := range []struct {
		header string
		region string
		ok     bool
	}{
		{"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc", "eu-west-1", true},
		{"AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc, Credential=AKID/20260102/us-gov-west-1/kinesis/aws4_request", "us-gov-west-1", true},
		{"  AWS4-HMAC-SHA256   Credential=AKID/20260102/local/kinesis/aws4_request,SignedHeaders=host,Signature=abc", "local", true},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260102//kinesis/aws4_request, Signature=abc", "", true},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260102/eu-west-1/kinesis/aws4_requests", "", false},
		{"AWS4-HMAC-SHA256 Credential=AKID/20260102/kinesis/aws4_request", "", false},
		{"AWS4-HMAC-SHA256 Signature=abc", "", false},
		{"AWS4-ECDSA-P256-SHA256 Credential=AKID/20260102/kinesis/aws4_request, SignedHeaders=host, Signature=abc", "", false},
		{"AWS AKID:signature", "", false},
		{"Bearer token", "", false},
		{"AWS4-HMAC-SHA256", "", false},
		{"", "", false},
	} {
		region, ok := authorizationRegion(tt.header)
		if region != tt.region || ok != tt.ok {
			t.Errorf("authorizationRegion(%q) = %q, %v; want %q, %v", tt.header, region, ok, tt.region, tt.ok)
		}
	}
}

func TestCredentialRegion(t *testing.T) {
	for _, tt := range []struct {
		name   string
		target string
		auth   string
		region string
		ok     bool
	}{
		{"header", "/", "AWS4-HMAC-SHA256 Credential=AKID/20260102/eu-west-1/kinesis/aws4_request, Signature=abc", "eu-west-1", true},
		{"presigned", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260102%2Fap-south-1%2Fkinesis%2Faws4_request", "", "ap-south-1", true},
		{"header first", "/?X-Amz-Credential=AKID%2F20260102%2Fap-south-1%2Fkinesis%2Faws4_request", "AWS4-HMAC-SHA256 Credential=AKID/20260102/eu-west-1/kinesis/aws4_request", "eu-west-1", true},
		{"unsigned", "/", "", "", false},
		{"other query", "/?Action=ListStreams", "", "", false},
	} {
		r, err := http.NewRequest(http.MethodPost, "http://kinesis.invalid"+tt.target, nil)
		if err != nil {
			t.Fatal(err)
		}
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		if region, ok := credentialRegion(r); region != tt.region || ok != tt.ok {
			t.Errorf("%s: credentialRegion = %q, %v; want %q, %v", tt.name, region, ok, tt.region, tt.ok)
		}
	}
}

// Whatever the header, authorizationRegion does not panic, and a region it
// finds is one part of the credential, found in the header.
func FuzzAuthorizationRegion(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/eu-west-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc")
	f.Add("AWS4-HMAC-SHA256 Credential=a/b/c/d/e/aws4_request")
	f.Add("AWS4-HMAC-SHA256 Credential=////aws4_request")
	f.Add("AWS4-HMAC-SHA256 Credential=,")
	f.Fuzz(func(t *testing.T, header string) {
		region, ok := authorizationRegion(header)
		if !ok {
			if region != "" {
				t.Errorf("not ok, but region %q", region)
			}
			return
		}
		if strings.ContainsAny(region, "/, ") || !strings.Contains(header, "/"+region+"/") {
			t.Errorf("region %q from %q", region, header)
		}
	})
}

// Whatever the region, a request that the SDK's own signer signs or
// presigns for it is served in it, if it is of a region's form.
func FuzzSignedRegion(f *testing.F) {
	for _, region := range []string{"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "local", "", "EU-WEST-1", "a/b", "a, b", "a b"} {
		f.Add(region)
	}
	credentials := aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret"}
	const emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	signingTime := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f.Fuzz(func(t *testing.T, region string) {
		signer := v4.NewSigner()
		r, err := http.NewRequest(http.MethodPost, "https://kinesis.invalid/", nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := signer.SignHTTP(context.Background(), credentials, r, emptySHA256, "kinesis", region, signingTime); err != nil {
			t.Skip(err)
		}
		got, ok := credentialRegion(r)
		if awsid.CheckRegion(region) == nil && (got != region || !ok) {
			t.Errorf("signed for %q: credentialRegion = %q, %v (Authorization %q)", region, got, ok, r.Header.Get("Authorization"))
		}

		presigned, _, err := signer.PresignHTTP(context.Background(), credentials, r, emptySHA256, "kinesis", region, signingTime)
		if err != nil {
			t.Skip(err)
		}
		p, err := http.NewRequest(http.MethodPost, presigned, nil)
		if err != nil {
			t.Skip(err) // a URL the signer made but net/http refuses
		}
		got, ok = credentialRegion(p)
		if awsid.CheckRegion(region) == nil && (got != region || !ok) {
			t.Errorf("presigned for %q: credentialRegion = %q, %v (query %q)", region, got, ok, p.URL.RawQuery)
		}
		if q, _ := url.ParseQuery(p.URL.RawQuery); ok && !strings.Contains(q.Get("X-Amz-Credential"), "/"+got+"/") {
			t.Errorf("presigned for %q: region %q not in %q", region, got, q.Get("X-Amz-Credential"))
		}
	})
}
