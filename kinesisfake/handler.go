package kinesisfake

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// Handler returns an http.Handler that serves the fake as the service
// does: POST with X-Amz-Target Kinesis_20131202.<Operation> and Content-Type
// application/x-amz-json-1.1 (the JSON 1.1 protocol) or
// application/x-amz-cbor-1.1 (CBOR, as the Java SDK and so the KCL send by
// default). Requests may be signed or not; signatures are not checked.
// Errors, malformed requests and CORS preflights are answered as the service
// answers them. With [WithRequestLog], it logs each request it serves.
func (c *Client) Handler() http.Handler {
	cfg := wire.Config{
		Operations:       c.wireOperations(),
		SubscribeToShard: c.SubscribeToShard,
		RequestID:        c.newRequestID,
		MaxLen:           collectionMaxLen(),
		MissingMembers:   missingMembersMessage,
	}
	if c.requestLog != nil {
		cfg.Served, cfg.Now = c.logRequest, c.clock.Now
	}
	return wire.NewHandler(cfg)
}

// wireOperations are the operations the handler serves with one request
// and one response: all but SubscribeToShard.
func (c *Client) wireOperations() []wire.Operation {
	var ops []wire.Operation
	for _, op := range operations {
		if w, ok := op.served(c); ok {
			ops = append(ops, w)
		}
	}
	return ops
}

// collectionMaxLen is the most elements each list and map shape of the
// operations' inputs may hold, by its model name: the wire keeps no more
// of one than validation reports.
func collectionMaxLen() func(shape string) (int, bool) {
	maxLen := map[string]int{}
	for _, op := range operations {
		for _, sh := range op.collections() {
			maxLen[sh.model] = int(sh.maxLen)
		}
	}
	return func(shape string) (int, bool) {
		n, ok := maxLen[shape]
		return n, ok
	}
}

// missingMembersMessage words missing required members as the service's
// constraint check does.
func missingMembersMessage(invalid smithy.InvalidParamsError) string {
	var c checker
	for _, e := range invalid.Errs() {
		var p smithy.InvalidParamError
		if errors.As(e, &p) {
			c = c.add(recorded.Violation{Value: "null", Member: servicePath(p.Field()), Constraint: "Member must not be null"})
		}
	}
	return c.err().(*types.ValidationException).ErrorMessage()
}

// servicePath turns the SDK's name for a member, PutRecordsInput.Records[0].Data,
// into the service's, records.1.member.data.
func servicePath(field string) string {
	_, field, _ = strings.Cut(field, ".")
	var b strings.Builder
	for part := range strings.SplitSeq(field, ".") {
		name, index, list := strings.Cut(part, "[")
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(wireName(name))
		if list {
			n, _ := strconv.Atoi(strings.TrimSuffix(index, "]"))
			fmt.Fprintf(&b, ".%d.member", n+1)
		}
	}
	return b.String()
}
