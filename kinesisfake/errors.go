package kinesisfake

import (
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// errClosed is returned by every call made after Close.
var errClosed = errors.New("kinesisfake: client is closed")

// The service's errors, with messages in its wording. Formats follow the
// service as recorded by kinesalite, whose messages were checked against it.

func invalidArgument(format string, args ...any) error {
	return &types.InvalidArgumentException{Message: ptr(fmt.Sprintf(format, args...))}
}

func resourceNotFound(format string, args ...any) error {
	return &types.ResourceNotFoundException{Message: ptr(fmt.Sprintf(format, args...))}
}

func resourceInUse(format string, args ...any) error {
	return &types.ResourceInUseException{Message: ptr(fmt.Sprintf(format, args...))}
}

func limitExceeded(format string, args ...any) error {
	return &types.LimitExceededException{Message: ptr(fmt.Sprintf(format, args...))}
}

// internalFailure is the service failing itself: a 500 InternalFailure with
// no message (kinesalite's tests, checked against it).
func internalFailure() error {
	return &smithy.GenericAPIError{Code: "InternalFailure", Fault: smithy.FaultServer}
}

func ptr[T any](v T) *T { return &v }

// dryRun answers a request that would have succeeded but asked only to be
// checked. The service's wording is not on record; this is EC2's, whose
// DryRun the parameter follows.
func dryRun(flag *bool) error {
	if flag != nil && *flag {
		return &types.DryRunOperationException{Message: ptr("Request would have succeeded, but DryRun flag is set.")}
	}
	return nil
}
