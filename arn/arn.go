// Package arn formats and parses the Amazon Resource Names (ARNs) of Kinesis
// Data Streams resources: streams, enhanced fan-out consumers and queues.
//
// A stream ARN has the form
//
//	arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME
//
// and a consumer ARN extends the ARN of its stream:
//
//	arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:EPOCH
//
// where EPOCH is the consumer's creation time in whole seconds since the Unix
// epoch. A queue's ARN names it by an ID the service generates, not by its
// name or its stream's:
//
//	arn:PARTITION:kinesis:REGION:ACCOUNT:queue/ID
//
// For example:
//
//	arn:aws:kinesis:us-east-1:123456789012:stream/orders
//	arn:aws:kinesis:us-east-1:123456789012:stream/orders/consumer/billing:1700000000
//	arn:aws:kinesis:us-east-1:123456789012:queue/q7b2k4x9m1p3
//
// Parsing follows the constraints of the Kinesis API reference: PARTITION
// starts with "aws", the service is "kinesis", REGION is non-empty, ACCOUNT
// is exactly 12 digits, and NAME and CONSUMER are 1 to 128 characters from
// [a-zA-Z0-9_.-]. EPOCH is a decimal number without sign or leading zeros.
// A queue ID is 1 to 63 characters from [a-zA-Z0-9-], neither starting nor
// ending with '-': the SDK's endpoint rules put it in a host name and refuse
// any other ("Invalid ARN: Invalid queue id.").
// The rules are strict so that every ARN that parses formats back to exactly
// the same string: equal resources always have equal ARN strings.
package arn

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/streamfake/kinesis/internal/awsid"
)

// maxNameLen is the longest stream or consumer name Kinesis accepts.
const maxNameLen = 128

// maxEpoch is 9999-12-31T23:59:59Z. Bounding the creation timestamp keeps
// every accepted value representable as a time.Time, so parsing and
// formatting round-trip exactly; real creation times are far below it.
const maxEpoch = 253402300799

// Stream identifies a Kinesis data stream.
type Stream struct {
	Partition string // e.g. "aws" or "aws-cn"
	Region    string // e.g. "us-east-1"
	AccountID string // 12 decimal digits
	Name      string // the stream name
}

// String returns the stream ARN, arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME.
// It does not validate the fields; ParseStream accepts the result only if
// they satisfy the rules described in the package documentation.
func (s Stream) String() string {
	return "arn:" + s.Partition + ":kinesis:" + s.Region + ":" + s.AccountID + ":stream/" + s.Name
}

// Consumer identifies an enhanced fan-out consumer registered with a stream.
type Consumer struct {
	Stream Stream // the stream the consumer is registered with
	Name   string // the consumer name

	// CreationTime is part of the ARN, so a consumer that is deregistered
	// and registered again under the same name gets a new ARN. The ARN
	// keeps whole seconds only.
	CreationTime time.Time
}

// String returns the consumer ARN,
// arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:EPOCH,
// with CreationTime truncated to whole Unix seconds. It does not validate
// the fields; ParseConsumer accepts the result only if they satisfy the rules
// described in the package documentation (in particular, CreationTime must
// not be before 1970, so the zero time.Time does not round-trip).
func (c Consumer) String() string {
	return c.Stream.String() + "/consumer/" + c.Name + ":" + strconv.FormatInt(c.CreationTime.Unix(), 10)
}

// Queue identifies a queue, which delivers the records of one stream to
// queue consumers.
type Queue struct {
	Partition string // e.g. "aws" or "aws-cn"
	Region    string // e.g. "us-east-1"
	AccountID string // 12 decimal digits
	ID        string // generated when the queue is created
}

// String returns the queue ARN, arn:PARTITION:kinesis:REGION:ACCOUNT:queue/ID.
// It does not validate the fields; ParseQueue accepts the result only if
// they satisfy the rules described in the package documentation.
func (q Queue) String() string {
	return "arn:" + q.Partition + ":kinesis:" + q.Region + ":" + q.AccountID + ":queue/" + q.ID
}

// ParseError reports why a string is not a valid stream, consumer or queue
// ARN. ParseStream, ParseConsumer and ParseQueue return all parse failures
// as *ParseError.
type ParseError struct {
	Kind   string // what was being parsed: "stream", "consumer" or "queue"
	Input  string // the string that failed to parse
	Reason string // what is wrong, e.g. "account ID must be 12 digits"
}

// Error returns a message such as
// arn: invalid stream ARN "arn:aws:kinesis:us-east-1:42:stream/s": account ID must be 12 digits.
func (e *ParseError) Error() string {
	return fmt.Sprintf("arn: invalid %s ARN %q: %s", e.Kind, e.Input, e.Reason)
}

// ParseStream parses a stream ARN of the form
// arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME. It rejects consumer
// ARNs; use ParseConsumer for those.
func ParseStream(s string) (Stream, error) {
	st, reason := parseStream(s)
	if reason != "" {
		return Stream{}, &ParseError{Kind: "stream", Input: s, Reason: reason}
	}
	return st, nil
}

// ParseConsumer parses a consumer ARN of the form
// arn:PARTITION:kinesis:REGION:ACCOUNT:stream/NAME/consumer/CONSUMER:EPOCH.
// The returned CreationTime is in UTC. It rejects stream ARNs; use
// ParseStream for those.
func ParseConsumer(s string) (Consumer, error) {
	c, reason := parseConsumer(s)
	if reason != "" {
		return Consumer{}, &ParseError{Kind: "consumer", Input: s, Reason: reason}
	}
	return c, nil
}

// ParseQueue parses a queue ARN of the form
// arn:PARTITION:kinesis:REGION:ACCOUNT:queue/ID.
func ParseQueue(s string) (Queue, error) {
	st, id, reason := parseCommon(s, "queue/")
	if reason == "" {
		reason = checkQueueID(id)
	}
	if reason != "" {
		return Queue{}, &ParseError{Kind: "queue", Input: s, Reason: reason}
	}
	return Queue{Partition: st.Partition, Region: st.Region, AccountID: st.AccountID, ID: id}, nil
}

// maxQueueIDLen is the longest label a host name may hold.
const maxQueueIDLen = 63

// checkQueueID validates a queue ID as the SDK's endpoint rules do
// (rulesfn.IsValidHostLabel).
func checkQueueID(id string) string {
	switch {
	case id == "":
		return "queue ID is empty"
	case len(id) > maxQueueIDLen:
		return fmt.Sprintf("queue ID is longer than %d characters", maxQueueIDLen)
	case id[0] == '-' || id[len(id)-1] == '-':
		return "queue ID starts or ends with '-'"
	}
	for _, r := range id {
		if !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-') {
			return fmt.Sprintf("queue ID contains invalid character %q", r)
		}
	}
	return ""
}

// The parse helpers below return a non-empty reason instead of an error so
// that the exported functions build every ParseError in one place.

func parseStream(s string) (Stream, string) {
	st, name, reason := parseCommon(s, "stream/")
	if reason != "" {
		return Stream{}, reason
	}
	// Without this check a consumer ARN would be reported as a stream name
	// with an invalid '/', which hides the actual mistake.
	if strings.Contains(name, "/consumer/") {
		return Stream{}, "this looks like a consumer ARN; use ParseConsumer"
	}
	if reason := checkName("stream", name); reason != "" {
		return Stream{}, reason
	}
	st.Name = name
	return st, ""
}

func parseConsumer(s string) (Consumer, string) {
	st, rest, reason := parseCommon(s, "stream/")
	if reason != "" {
		return Consumer{}, reason
	}
	streamName, tail, ok := strings.Cut(rest, "/consumer/")
	if !ok {
		if checkName("stream", rest) == "" {
			return Consumer{}, "this is a stream ARN; use ParseStream"
		}
		return Consumer{}, `missing "/consumer/" after the stream name`
	}
	if reason := checkName("stream", streamName); reason != "" {
		return Consumer{}, reason
	}
	st.Name = streamName

	name, epoch, ok := strings.Cut(tail, ":")
	if !ok {
		return Consumer{}, `missing ":EPOCH" creation timestamp after the consumer name`
	}
	if reason := checkName("consumer", name); reason != "" {
		return Consumer{}, reason
	}
	created, reason := parseEpoch(epoch)
	if reason != "" {
		return Consumer{}, reason
	}
	return Consumer{Stream: st, Name: name, CreationTime: created}, ""
}

// parseCommon checks the parts every ARN shares, up to and including the
// resource's kind, kind ("stream/" or "queue/"). It returns the partition,
// region and account as a Stream without its name, and the rest of the
// resource after kind.
func parseCommon(s, kind string) (Stream, string, string) {
	rest, ok := strings.CutPrefix(s, "arn:")
	if !ok {
		return Stream{}, "", `must start with "arn:"`
	}
	// The resource is the last section and, for consumers, contains a colon
	// itself, so split into at most 5 parts.
	parts := strings.SplitN(rest, ":", 5)
	if len(parts) != 5 {
		return Stream{}, "", "must have 6 colon-separated sections"
	}
	partition, service, region, account, resource := parts[0], parts[1], parts[2], parts[3], parts[4]
	switch {
	case !strings.HasPrefix(partition, "aws"):
		return Stream{}, "", `partition must start with "aws"`
	case service != "kinesis":
		return Stream{}, "", `service must be "kinesis"`
	case region == "":
		return Stream{}, "", "region is empty"
	case !awsid.IsAccountID(account):
		return Stream{}, "", "account ID must be 12 digits"
	}
	name, ok := strings.CutPrefix(resource, kind)
	if !ok {
		return Stream{}, "", `resource must start with "` + kind + `"`
	}
	return Stream{Partition: partition, Region: region, AccountID: account}, name, ""
}

// checkName validates a stream or consumer name; what names the kind of
// name in the reason.
func checkName(what, name string) string {
	if name == "" {
		return what + " name is empty"
	}
	for _, r := range name {
		if !isNameChar(r) {
			return fmt.Sprintf("%s name contains invalid character %q", what, r)
		}
	}
	// Checked after the characters, so len counts ASCII characters here.
	if len(name) > maxNameLen {
		return fmt.Sprintf("%s name is longer than %d characters", what, maxNameLen)
	}
	return ""
}

func isNameChar(r rune) bool {
	return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
		r == '_' || r == '.' || r == '-'
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }

// parseEpoch parses the creation timestamp of a consumer ARN. Only the
// canonical decimal form is accepted, so that formatting reproduces the input.
func parseEpoch(s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, "creation timestamp is empty"
	}
	for i := range len(s) {
		if !isDigit(s[i]) {
			return time.Time{}, "creation timestamp must be decimal seconds since the Unix epoch"
		}
	}
	if len(s) > 1 && s[0] == '0' {
		return time.Time{}, "creation timestamp has leading zeros"
	}
	sec, err := strconv.ParseInt(s, 10, 64)
	if err != nil || sec > maxEpoch {
		return time.Time{}, "creation timestamp is after the year 9999"
	}
	return time.Unix(sec, 0).UTC(), ""
}
