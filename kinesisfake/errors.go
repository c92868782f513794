package kinesisfake

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// errClosed is returned by every call made after Close.
var errClosed = errors.New("kinesisfake: client is closed")

// wrapError wraps err as the SDK's client wraps what the service returns: in
// a *smithy.OperationError naming the operation, and, for an error the
// service sent, an *awshttp.ResponseError carrying the HTTP status and a
// request ID. errors.As and smithy.APIError work on the result exactly as
// they do in production.
func (c *Client) wrapError(operation string, err error) error {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		status := http.StatusBadRequest
		if apiErr.ErrorFault() == smithy.FaultServer {
			status = http.StatusInternalServerError
		}
		id := c.newRequestID()
		err = &awshttp.ResponseError{
			RequestID: id,
			ResponseError: &smithyhttp.ResponseError{
				Response: &smithyhttp.Response{Response: &http.Response{
					StatusCode: status,
					Status:     strconv.Itoa(status) + " " + http.StatusText(status),
					Header:     http.Header{"X-Amzn-Requestid": {id}},
				}},
				Err: err,
			},
		}
	}
	return &smithy.OperationError{ServiceID: "Kinesis", OperationName: operation, Err: err}
}

// newRequestID makes a request ID in the service's UUID form.
func (c *Client) newRequestID() string {
	return fmt.Sprintf("00000000-0000-4000-8000-%012x", c.requestIDs.Add(1))
}

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
