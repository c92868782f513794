package main

import (
	"net/http"
	"strings"
)

// No parser of SigV4 signatures is exported by aws-sdk-go-v2 or smithy-go
// (aws/signer/internal/v4 builds credential scopes, and only for signing),
// hence these few lines.

// credentialRegion returns the region of the SigV4 credential scope that r
// is signed with, from its Authorization header or, for a presigned
// request, its X-Amz-Credential query parameter. ok is false for a request
// with neither, or whose credential is not of the form
// AKID/DATE/REGION/SERVICE/aws4_request. The signature is not checked.
func credentialRegion(r *http.Request) (region string, ok bool) {
	if auth := r.Header.Get("Authorization"); auth != "" {
		return authorizationRegion(auth)
	}
	if strings.Contains(r.URL.RawQuery, "X-Amz-Credential=") {
		return scopeRegion(r.URL.Query().Get("X-Amz-Credential"))
	}
	return "", false
}

// authorizationRegion reads the region from a SigV4 Authorization header:
//
//	AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/kinesis/aws4_request, SignedHeaders=host;x-amz-date, Signature=…
func authorizationRegion(header string) (string, bool) {
	algorithm, params, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || algorithm != "AWS4-HMAC-SHA256" {
		return "", false
	}
	for param := range strings.FieldsFuncSeq(params, func(r rune) bool { return r == ',' || r == ' ' }) {
		if credential, ok := strings.CutPrefix(param, "Credential="); ok {
			return scopeRegion(credential)
		}
	}
	return "", false
}

// scopeRegion reads the region from a credential,
// AKID/DATE/REGION/SERVICE/aws4_request, counting from its end.
func scopeRegion(credential string) (string, bool) {
	parts := strings.Split(credential, "/")
	if len(parts) < 5 || parts[len(parts)-1] != "aws4_request" {
		return "", false
	}
	return parts[len(parts)-3], true
}
