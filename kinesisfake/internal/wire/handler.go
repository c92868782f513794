// Package wire serves Kinesis over HTTP for package kinesisfake: it reads
// requests, hands their inputs to the functions a [Config] gives, and
// writes their outputs and errors as the service does. Requests and
// responses are in the JSON 1.1 protocol, read and written by the SDK's own
// awsJson 1.1 codec, but for SubscribeToShard's events, which go out in the
// event-stream format. The fake's state is out of its reach: it does not
// import kinesisfake.
package wire

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

const (
	targetPrefix = "Kinesis_20131202."
	jsonType     = "application/x-amz-json-1.1"
	maxBody      = 32 << 20 // well above PutRecords' 10 MiB of data, base64-encoded
)

// Config is what a Handler serves, and what it takes from the fake to
// answer as the service does.
type Config struct {
	// Operations are the operations with one request and one response.
	Operations []Operation
	// SubscribeToShard serves the operation whose response is an event
	// stream.
	SubscribeToShard func(context.Context, *kinesis.SubscribeToShardInput, ...func(*kinesis.Options)) (*kinesis.SubscribeToShardOutput, error)
	// RequestID returns the ID that a response carries.
	RequestID func() string
	// MaxLen returns the most elements the service allows in a list or map
	// of an input, by the shape's model name, and whether that shape has
	// a maximum.
	MaxLen func(shape string) (n int, ok bool)
	// MissingMembers words what the SDK's client finds missing in an input
	// as the service's ValidationException does.
	MissingMembers func(smithy.InvalidParamsError) string
}

// Handler serves the Kinesis JSON 1.1 protocol: POST with X-Amz-Target
// Kinesis_20131202.<Operation> and Content-Type application/x-amz-json-1.1.
// Requests may be signed or not; signatures are not checked.
type Handler struct {
	cfg        Config
	operations map[string]Operation // cfg.Operations, by name
	protocol   *awsjson.Protocol
}

// NewHandler returns a Handler that serves what cfg gives.
func NewHandler(cfg Config) *Handler {
	operations := make(map[string]Operation, len(cfg.Operations))
	for _, op := range cfg.Operations {
		operations[op.Name()] = op
	}
	return &Handler{cfg: cfg, operations: operations, protocol: awsjson.New11(schemas.Kinesis_20131202)}
}

// ServeHTTP answers malformed requests as the service does, as kinesalite's
// tests, made against it, record: XML errors before the operation is known,
// JSON ones after.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("x-amzn-RequestId", h.cfg.RequestID())
	defer recoverAsInternalFailure(w)
	if r.Method != http.MethodPost {
		writeXMLError(w, http.StatusForbidden, "AccessDeniedException", "Unable to determine service/operation name to be authorized")
		return
	}
	contentType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	contentType = strings.TrimSpace(contentType)
	name, ok := strings.CutPrefix(r.Header.Get("X-Amz-Target"), targetPrefix)
	op, known := h.operations[name]
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
	out, err := op.call(r.Context(), h.decoder(r.Context(), op.Schema, body))
	if err != nil {
		h.writeError(w, err)
		return
	}
	payload, err := h.encode(r.Context(), op.Schema, out)
	if err != nil {
		h.writeError(w, err)
		return
	}
	w.Header().Set("Content-Type", jsonType)
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	w.Write(payload)
}

// decoder returns a function that reads a request body into an operation's
// input, a pointer to its struct.
func (h *Handler) decoder(ctx context.Context, schema *smithy.OperationSchema, body io.ReadCloser) func(in any) error {
	return func(in any) error {
		return h.read(ctx, schema, body, inputReader{schema.Input, reflect.ValueOf(in).Elem(), h.cfg.MaxLen})
	}
}

// read reads a request body into d with the SDK's own JSON deserializer,
// which reads responses: the input stands as the output.
func (h *Handler) read(ctx context.Context, schema *smithy.OperationSchema, body io.ReadCloser, d smithy.Deserializable) error {
	resp := &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusOK, Body: body}}
	return h.protocol.DeserializeResponse(ctx, smithy.NewOperationSchema(schema.Schema, schema.Input, schema.Input), kinesis.TypeRegistry, resp, d)
}

// subscribeToShard is SubscribeToShard's schema.
var subscribeToShard = smithy.NewOperationSchema(schemas.SubscribeToShard, schemas.SubscribeToShardInput, schemas.SubscribeToShardOutput)

// subscribe serves SubscribeToShard: a response in the event-stream format
// that carries the subscription's events as they come, then the error that
// ends it, if any. A client that goes away ends the subscription, through
// the request's context.
func (h *Handler) subscribe(w http.ResponseWriter, r *http.Request, body io.ReadCloser) {
	in := new(kinesis.SubscribeToShardInput)
	if err := h.decoder(r.Context(), subscribeToShard, body)(in); err != nil {
		h.writeError(w, err)
		return
	}
	out, err := h.cfg.SubscribeToShard(r.Context(), in)
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
func (h *Handler) encode(ctx context.Context, schema *smithy.OperationSchema, out smithy.Serializable) ([]byte, error) {
	if schema.Output == nil {
		return []byte("{}"), nil
	}
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := h.protocol.SerializeRequest(ctx, smithy.NewOperationSchema(schema.Schema, schema.Output, nil), out, req); err != nil {
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
func (h *Handler) writeError(w http.ResponseWriter, err error) {
	var invalid smithy.InvalidParamsError
	var apiErr smithy.APIError
	var opErr *smithy.OperationError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	case errors.As(err, &invalid):
		writeJSONError(w, http.StatusBadRequest, "ValidationException", h.cfg.MissingMembers(invalid))
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
