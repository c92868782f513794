package conformance

import (
	"errors"

	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/arn"
)

// WantError checks that err is the service's error for the operation op:
// an OperationError of the Kinesis service wrapping an API error with the
// code, and, unless message is empty, the message.
func (t *T) WantError(err error, op, code, message string) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: no error, want %s", op, code)
	}
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.ServiceID != "Kinesis" || oe.OperationName != op {
		t.Fatalf("%s: error %v is not an OperationError of Kinesis %s", op, err, op)
	}
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("%s: error %v carries no API error", op, err)
	}
	if apiErr.ErrorCode() != code {
		t.Fatalf("%s: error code %s (%v), want %s", op, apiErr.ErrorCode(), err, code)
	}
	if message != "" && apiErr.ErrorMessage() != message {
		t.Fatalf("%s: message %q, want %q", op, apiErr.ErrorMessage(), message)
	}
}

// Account returns the account ID in a stream's ARN, for the messages that
// name it.
func (t *T) Account(streamARN string) string {
	t.Helper()
	a, err := arn.ParseStream(streamARN)
	if err != nil {
		t.Fatalf("stream ARN %q: %v", streamARN, err)
	}
	return a.AccountID
}
