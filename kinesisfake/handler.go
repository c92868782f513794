package kinesisfake

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/streamfake/kinesis/eventstream"
)

// The fake over the wire: the Kinesis JSON 1.1 protocol, served from the
// same state the direct calls use. Requests are read and responses written
// by the SDK's own awsJson 1.1 protocol.

const (
	targetPrefix = "Kinesis_20131202."
	jsonType     = "application/x-amz-json-1.1"
	maxBody      = 32 << 20 // well above PutRecords' 10 MiB of data, base64-encoded
)

// wireOperation serves one operation over the wire.
type wireOperation struct {
	schema *smithy.OperationSchema
	call   func(ctx context.Context, c *Client, read func(smithy.Deserializable) error) (smithy.Serializable, error)
}

// unary serves an operation with one request and one response: the input is
// read by its schema, passed to the fake's method, and its output written
// back.
func unary[In any, Out any, PO interface {
	*Out
	smithy.Serializable
}](op, input, output *smithy.Schema, method func(*Client, context.Context, *In, ...func(*kinesis.Options)) (*Out, error)) wireOperation {
	return wireOperation{
		schema: smithy.NewOperationSchema(op, input, output),
		call: func(ctx context.Context, c *Client, read func(smithy.Deserializable) error) (smithy.Serializable, error) {
			in := new(In)
			if err := read(inputReader{input, reflect.ValueOf(in).Elem()}); err != nil {
				return nil, err
			}
			out, err := method(c, ctx, in)
			if err != nil {
				return nil, err
			}
			return PO(out), nil
		},
	}
}

// wireOperations are the operations the handler serves, by name.
var wireOperations = map[string]wireOperation{
	"AddTagsToStream":                        unary(schemas.AddTagsToStream, schemas.AddTagsToStreamInput, nil, (*Client).AddTagsToStream),
	"CreateChannel":                          unary(schemas.CreateChannel, schemas.CreateChannelInput, schemas.CreateChannelOutput, (*Client).CreateChannel),
	"CreateStream":                           unary(schemas.CreateStream, schemas.CreateStreamInput, nil, (*Client).CreateStream),
	"DecreaseStreamRetentionPeriod":          unary(schemas.DecreaseStreamRetentionPeriod, schemas.DecreaseStreamRetentionPeriodInput, nil, (*Client).DecreaseStreamRetentionPeriod),
	"DeleteChannel":                          unary(schemas.DeleteChannel, schemas.DeleteChannelInput, nil, (*Client).DeleteChannel),
	"DeleteResourcePolicy":                   unary(schemas.DeleteResourcePolicy, schemas.DeleteResourcePolicyInput, nil, (*Client).DeleteResourcePolicy),
	"DeleteStream":                           unary(schemas.DeleteStream, schemas.DeleteStreamInput, nil, (*Client).DeleteStream),
	"DeregisterStreamConsumer":               unary(schemas.DeregisterStreamConsumer, schemas.DeregisterStreamConsumerInput, nil, (*Client).DeregisterStreamConsumer),
	"DescribeAccountSettings":                unary(schemas.DescribeAccountSettings, schemas.DescribeAccountSettingsInput, schemas.DescribeAccountSettingsOutput, (*Client).DescribeAccountSettings),
	"DescribeChannel":                        unary(schemas.DescribeChannel, schemas.DescribeChannelInput, schemas.DescribeChannelOutput, (*Client).DescribeChannel),
	"DescribeLimits":                         unary(schemas.DescribeLimits, schemas.DescribeLimitsInput, schemas.DescribeLimitsOutput, (*Client).DescribeLimits),
	"DescribeStream":                         unary(schemas.DescribeStream, schemas.DescribeStreamInput, schemas.DescribeStreamOutput, (*Client).DescribeStream),
	"DescribeStreamConsumer":                 unary(schemas.DescribeStreamConsumer, schemas.DescribeStreamConsumerInput, schemas.DescribeStreamConsumerOutput, (*Client).DescribeStreamConsumer),
	"DescribeStreamSummary":                  unary(schemas.DescribeStreamSummary, schemas.DescribeStreamSummaryInput, schemas.DescribeStreamSummaryOutput, (*Client).DescribeStreamSummary),
	"DisableEnhancedMonitoring":              unary(schemas.DisableEnhancedMonitoring, schemas.DisableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput, (*Client).DisableEnhancedMonitoring),
	"EnableEnhancedMonitoring":               unary(schemas.EnableEnhancedMonitoring, schemas.EnableEnhancedMonitoringInput, schemas.EnhancedMonitoringOutput, (*Client).EnableEnhancedMonitoring),
	"GetRecords":                             unary(schemas.GetRecords, schemas.GetRecordsInput, schemas.GetRecordsOutput, (*Client).GetRecords),
	"GetResourcePolicy":                      unary(schemas.GetResourcePolicy, schemas.GetResourcePolicyInput, schemas.GetResourcePolicyOutput, (*Client).GetResourcePolicy),
	"GetShardIterator":                       unary(schemas.GetShardIterator, schemas.GetShardIteratorInput, schemas.GetShardIteratorOutput, (*Client).GetShardIterator),
	"IncreaseStreamRetentionPeriod":          unary(schemas.IncreaseStreamRetentionPeriod, schemas.IncreaseStreamRetentionPeriodInput, nil, (*Client).IncreaseStreamRetentionPeriod),
	"ListChannels":                           unary(schemas.ListChannels, schemas.ListChannelsInput, schemas.ListChannelsOutput, (*Client).ListChannels),
	"ListShards":                             unary(schemas.ListShards, schemas.ListShardsInput, schemas.ListShardsOutput, (*Client).ListShards),
	"ListStreamConsumers":                    unary(schemas.ListStreamConsumers, schemas.ListStreamConsumersInput, schemas.ListStreamConsumersOutput, (*Client).ListStreamConsumers),
	"ListStreams":                            unary(schemas.ListStreams, schemas.ListStreamsInput, schemas.ListStreamsOutput, (*Client).ListStreams),
	"ListTagsForResource":                    unary(schemas.ListTagsForResource, schemas.ListTagsForResourceInput, schemas.ListTagsForResourceOutput, (*Client).ListTagsForResource),
	"ListTagsForStream":                      unary(schemas.ListTagsForStream, schemas.ListTagsForStreamInput, schemas.ListTagsForStreamOutput, (*Client).ListTagsForStream),
	"MergeShards":                            unary(schemas.MergeShards, schemas.MergeShardsInput, nil, (*Client).MergeShards),
	"PutRecord":                              unary(schemas.PutRecord, schemas.PutRecordInput, schemas.PutRecordOutput, (*Client).PutRecord),
	"PutRecords":                             unary(schemas.PutRecords, schemas.PutRecordsInput, schemas.PutRecordsOutput, (*Client).PutRecords),
	"PutResourcePolicy":                      unary(schemas.PutResourcePolicy, schemas.PutResourcePolicyInput, nil, (*Client).PutResourcePolicy),
	"RegisterStreamConsumer":                 unary(schemas.RegisterStreamConsumer, schemas.RegisterStreamConsumerInput, schemas.RegisterStreamConsumerOutput, (*Client).RegisterStreamConsumer),
	"RemoveTagsFromStream":                   unary(schemas.RemoveTagsFromStream, schemas.RemoveTagsFromStreamInput, nil, (*Client).RemoveTagsFromStream),
	"SplitShard":                             unary(schemas.SplitShard, schemas.SplitShardInput, nil, (*Client).SplitShard),
	"StartStreamEncryption":                  unary(schemas.StartStreamEncryption, schemas.StartStreamEncryptionInput, nil, (*Client).StartStreamEncryption),
	"StopStreamEncryption":                   unary(schemas.StopStreamEncryption, schemas.StopStreamEncryptionInput, nil, (*Client).StopStreamEncryption),
	"TagResource":                            unary(schemas.TagResource, schemas.TagResourceInput, nil, (*Client).TagResource),
	"UntagResource":                          unary(schemas.UntagResource, schemas.UntagResourceInput, nil, (*Client).UntagResource),
	"UpdateAccountSettings":                  unary(schemas.UpdateAccountSettings, schemas.UpdateAccountSettingsInput, schemas.UpdateAccountSettingsOutput, (*Client).UpdateAccountSettings),
	"UpdateChannel":                          unary(schemas.UpdateChannel, schemas.UpdateChannelInput, schemas.UpdateChannelOutput, (*Client).UpdateChannel),
	"UpdateMaxRecordSize":                    unary(schemas.UpdateMaxRecordSize, schemas.UpdateMaxRecordSizeInput, nil, (*Client).UpdateMaxRecordSize),
	"UpdateShardCount":                       unary(schemas.UpdateShardCount, schemas.UpdateShardCountInput, schemas.UpdateShardCountOutput, (*Client).UpdateShardCount),
	"UpdateStreamMode":                       unary(schemas.UpdateStreamMode, schemas.UpdateStreamModeInput, nil, (*Client).UpdateStreamMode),
	"UpdateStreamRecordDistributionStrategy": unary(schemas.UpdateStreamRecordDistributionStrategy, schemas.UpdateStreamRecordDistributionStrategyInput, nil, (*Client).UpdateStreamRecordDistributionStrategy),
	"UpdateStreamWarmThroughput":             unary(schemas.UpdateStreamWarmThroughput, schemas.UpdateStreamWarmThroughputInput, schemas.UpdateStreamWarmThroughputOutput, (*Client).UpdateStreamWarmThroughput),
}

// Handler returns an http.Handler that serves the fake in the Kinesis JSON
// 1.1 protocol: POST with X-Amz-Target Kinesis_20131202.<Operation> and
// Content-Type application/x-amz-json-1.1. Requests may be signed or not;
// signatures are not checked. Errors come back as the service sends them.
func (c *Client) Handler() http.Handler {
	return &handler{c: c, protocol: awsjson.New11(schemas.Kinesis_20131202)}
}

type handler struct {
	c        *Client
	protocol *awsjson.Protocol
}

// ServeHTTP answers malformed requests as the service does, as kinesalite's
// tests, made against it, record: XML errors before the operation is known,
// JSON ones after.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := h.c.newRequestID()
	w.Header().Set("x-amzn-RequestId", id)
	defer recoverAsInternalFailure(w)
	if r.Method != http.MethodPost {
		writeXMLError(w, http.StatusForbidden, "AccessDeniedException", "Unable to determine service/operation name to be authorized")
		return
	}
	contentType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	contentType = strings.TrimSpace(contentType)
	name, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	op, known := wireOperations[name]
	if contentType != jsonType && contentType != "application/json" {
		if !ok || name == "" {
			writeXMLError(w, http.StatusForbidden, "AccessDeniedException", "Unable to determine service/operation name to be authorized")
			return
		}
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "<UnknownOperationException/>\n")
		return
	}
	if r.ContentLength > maxBody {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		return
	}
	// The SDK's reader reads the body into a buffer of its own; reading it
	// here first would hold it twice.
	body := http.MaxBytesReader(w, r.Body, maxBody)
	switch {
	case name == "SubscribeToShard":
		h.subscribe(w, r, body)
		return
	case !ok || !known:
		writeJSONError(w, http.StatusBadRequest, "UnknownOperationException", "")
		return
	}
	out, err := op.call(r.Context(), h.c, h.reader(r.Context(), op.schema, body))
	if err != nil {
		h.writeError(w, err)
		return
	}
	payload, err := h.encode(r.Context(), op, out)
	if err != nil {
		h.writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	w.Write(payload)
}

// reader returns a function that reads a request body into an operation's
// input with the SDK's own JSON deserializer.
func (h *handler) reader(ctx context.Context, schema *smithy.OperationSchema, body io.ReadCloser) func(smithy.Deserializable) error {
	return func(in smithy.Deserializable) error {
		resp := &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusOK, Body: body}}
		return h.protocol.DeserializeResponse(ctx, smithy.NewOperationSchema(schema.Schema, schema.Input, schema.Input), kinesis.TypeRegistry, resp, in)
	}
}

// subscribe serves SubscribeToShard: a response in the event-stream format
// that carries the subscription's events as they come, then the error that
// ends it, if any. A client that goes away ends the subscription, through
// the request's context.
func (h *handler) subscribe(w http.ResponseWriter, r *http.Request, body io.ReadCloser) {
	schema := smithy.NewOperationSchema(schemas.SubscribeToShard, schemas.SubscribeToShardInput, schemas.SubscribeToShardOutput)
	in := new(kinesis.SubscribeToShardInput)
	if err := h.reader(r.Context(), schema, body)(inputReader{schemas.SubscribeToShardInput, reflect.ValueOf(in).Elem()}); err != nil {
		h.writeError(w, err)
		return
	}
	out, err := h.c.SubscribeToShard(r.Context(), in)
	if err != nil {
		h.writeError(w, err)
		return
	}
	stream := out.GetStream()
	defer stream.Close()
	w.Header().Set("Content-Type", "application/vnd.amazon.eventstream")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	flush := func() {
		if flusher != nil {
			flusher.Flush()
		}
	}
	enc := eventstream.NewEncoder(w)
	if enc.InitialResponse() != nil {
		return
	}
	flush()
	for ev := range stream.Events() {
		e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent)
		if !ok {
			continue
		}
		if enc.Event(e.Value) != nil {
			return // the client has gone
		}
		flush()
	}
	if err := stream.Err(); err != nil && r.Context().Err() == nil {
		enc.Exception(err)
		flush()
	}
}

// encode writes an output with the SDK's own JSON serializer.
func (h *handler) encode(ctx context.Context, op wireOperation, out smithy.Serializable) ([]byte, error) {
	if op.schema.Output == nil {
		return []byte("{}"), nil
	}
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := h.protocol.SerializeRequest(ctx, smithy.NewOperationSchema(op.schema.Schema, op.schema.Output, nil), out, req); err != nil {
		return nil, err
	}
	return io.ReadAll(req.GetStream())
}

// writeError sends an error as the service does: the error's type and
// message as JSON, with the status its fault calls for. A request the SDK's
// client would have refused for a missing member reaches the service, which
// reports it as a ValidationException. Another error from the call (the
// fake closed, or a hook's own error) is an InternalFailure; anything else is
// a body the fake could not read, or one past maxBody.
func (h *handler) writeError(w http.ResponseWriter, err error) {
	var invalid smithy.InvalidParamsError
	var apiErr smithy.APIError
	var opErr *smithy.OperationError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	case errors.As(err, &invalid):
		writeJSONError(w, http.StatusBadRequest, "ValidationException", missingMembersMessage(invalid))
	case errors.As(err, &apiErr):
		status := http.StatusBadRequest
		if apiErr.ErrorFault() == smithy.FaultServer {
			status = http.StatusInternalServerError
		}
		writeJSONError(w, status, apiErr.ErrorCode(), apiErr.ErrorMessage())
	case errors.As(err, &opErr):
		// The call failed with an error that is not the service's: one a
		// hook or fault returned, or the fake's own once it is closed.
		writeJSONError(w, http.StatusInternalServerError, "InternalFailure", opErr.Err.Error())
	default:
		writeJSONError(w, http.StatusBadRequest, "SerializationException", err.Error())
	}
}

// recoverAsInternalFailure answers a request whose handling panicked (in a
// user's hook, fault or PutRecordsFault) with an InternalFailure naming the
// panic, as the service answers a failure of its own, instead of letting the
// panic drop the connection or, on SDKClient's goroutines, end the process.
// User code runs only before a response is begun, so the answer is whole.
func recoverAsInternalFailure(w http.ResponseWriter) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	writeJSONError(w, http.StatusInternalServerError, "InternalFailure", fmt.Sprintf("kinesisfake: panic: %v", p))
}

// missingMembersMessage words missing required members as the service's
// constraint check does.
func missingMembersMessage(invalid smithy.InvalidParamsError) string {
	var c checker
	for _, e := range invalid.Errs() {
		var p smithy.InvalidParamError
		if errors.As(e, &p) {
			c = c.add("Value null at '" + servicePath(p.Field()) + "' failed to satisfy constraint: Member must not be null")
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

func writeJSONError(w http.ResponseWriter, status int, code, message string) {
	body, _ := json.Marshal(struct {
		Type    string `json:"__type"`
		Message string `json:"message,omitempty"`
	}{code, message})
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("x-amzn-ErrorType", code)
	w.WriteHeader(status)
	w.Write(body)
}

func writeXMLError(w http.ResponseWriter, status int, code, message string) {
	w.WriteHeader(status)
	fmt.Fprintf(w, "<%s>\n  <Message>%s</Message>\n</%s>\n", code, message, code)
}
