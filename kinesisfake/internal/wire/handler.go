// Package wire serves Kinesis over HTTP for package kinesisfake: it reads
// requests, hands their inputs to the functions a [Config] gives, and
// writes their outputs and errors as the service does. Requests and
// responses are in the JSON 1.1 protocol, read and written by the SDK's own
// awsJson 1.1 codec, or in CBOR, as the Java SDK sends them, read and written
// with fxamacker/cbor; SubscribeToShard's events go out in the event-stream
// format, with payloads in the request's. The fake's state is out of its
// reach: it does not import kinesisfake.
package wire

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

const (
	service      = "Kinesis_20131202"
	targetPrefix = service + "."
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
	// Served, if not nil, is told of each request served, once its answer
	// is written: for SubscribeToShard, once the subscription ends. It
	// runs on the request's goroutine. With Served nil, a Handler does no
	// more work than it needs to answer.
	Served func(*http.Request, Exchange)
	// Now reads the clock that Exchange.Duration is measured on: the
	// fake's, as every time it reports. Required with Served.
	Now func() time.Time
}

// Handler serves Kinesis as the service does: POST with X-Amz-Target
// Kinesis_20131202.<Operation> and Content-Type application/x-amz-json-1.1
// (the JSON 1.1 protocol) or application/x-amz-cbor-1.1 (the same in CBOR,
// as the Java SDK sends it). Requests may be signed or not; signatures are
// not checked.
type Handler struct {
	cfg        Config
	operations map[string]Operation // cfg.Operations, by name
}

// NewHandler returns a Handler that serves what cfg gives.
func NewHandler(cfg Config) *Handler {
	operations := make(map[string]Operation, len(cfg.Operations))
	for _, op := range cfg.Operations {
		operations[op.Name()] = op
	}
	return &Handler{cfg: cfg, operations: operations}
}

// ServeHTTP answers requests as the service does, malformed ones as
// kinesalite's test/connection.js records its answers, in this order:
// a CORS preflight; XML errors for a method other than POST; an answer in
// CBOR, or in JSON if the content type is JSON 1.1, for a request with no
// body; XML errors for a content type the service does not serve; the old
// JSON envelope for application/json; then the operation, in the request's
// format.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if h.cfg.Served != nil {
		h.serveRecorded(w, r)
		return
	}
	h.serveHTTP(w, r)
}

// serveHTTP is ServeHTTP; w is a recorder if the Handler tells what it
// serves.
func (h *Handler) serveHTTP(w http.ResponseWriter, r *http.Request) {
	rec := recorded(w)
	header := w.Header()
	id := h.cfg.RequestID()
	header.Set("x-amzn-RequestId", id)
	if rec != nil {
		rec.ex.RequestID = id
	}
	if r.Header.Get("Origin") != "" {
		if r.Method == http.MethodOptions {
			preflight(w, r)
			return
		}
		header.Set("Access-Control-Allow-Origin", "*")
		header.Set("Access-Control-Expose-Headers", exposedHeaders)
	}
	header["X-Amz-Id-2"] = []string{extendedRequestID()} // canonical already: Set would allocate to make it so
	contentType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	contentType = strings.TrimSpace(contentType)
	format := jsonFormat // the format of the answer to a request that reaches an operation
	if contentType == cborType {
		format = cborFormat
	}
	defer recoverAsInternalFailure(w, format)
	if r.Method != http.MethodPost {
		writeXMLError(w, http.StatusForbidden, "AccessDeniedException", "Unable to determine service/operation name to be authorized")
		return
	}
	target := r.Header.Get("X-Amz-Target")
	api, name, _ := strings.Cut(target, ".")
	if rec != nil && api == service {
		rec.ex.Operation = name
	}
	op, known := h.operations[name]
	known = api == service && (known || name == "SubscribeToShard")
	if r.ContentLength > maxBody {
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		return
	}
	if emptyBody(r) {
		format := cborFormat
		if contentType == jsonType {
			format = jsonFormat
		}
		if known {
			writeError(w, format, http.StatusBadRequest, "SerializationException", "")
		} else {
			writeError(w, format, http.StatusBadRequest, "UnknownOperationException", "")
		}
		return
	}
	body := sizedBody{http.MaxBytesReader(w, r.Body, maxBody), r.ContentLength}
	switch contentType {
	case jsonType, cborType:
	case "application/json":
		deprecatedJSON(w, body)
		return
	default:
		if api == "" || name == "" {
			writeXMLError(w, http.StatusForbidden, "AccessDeniedException", "Unable to determine service/operation name to be authorized")
			return
		}
		header["Content-Type"] = nil // none, as the service sends none
		noteError(w, "UnknownOperationException")
		w.WriteHeader(http.StatusNotFound)
		io.WriteString(w, "<UnknownOperationException/>\n")
		return
	}
	switch {
	case !known:
		writeError(w, format, http.StatusBadRequest, "UnknownOperationException", "")
	case name == "SubscribeToShard":
		h.subscribe(w, r, format, body)
	default:
		h.serve(w, r, format, op, body)
	}
}

// exposedHeaders are the response headers a browser may read, as the
// service exposes them to a request with an Origin (kinesalite's
// test/connection.js, "should return CBOR UnknownOperationException and set
// CORS if using Origin").
const exposedHeaders = "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date"

// preflight answers a CORS preflight as the service does: 200 with an empty
// body, allowing any origin and what the request asks for, and no
// x-amz-id-2 (kinesalite's test/connection.js, "should set CORS if OPTIONS
// and Origin", and its index.js).
func preflight(w http.ResponseWriter, r *http.Request) {
	header := w.Header()
	header.Set("Access-Control-Allow-Origin", "*")
	if h := r.Header.Get("Access-Control-Request-Headers"); h != "" {
		header.Set("Access-Control-Allow-Headers", h)
	}
	if m := r.Header.Get("Access-Control-Request-Method"); m != "" {
		header.Set("Access-Control-Allow-Methods", m)
	}
	header.Set("Access-Control-Max-Age", "172800")
	header.Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
}

// extendedRequestID is an x-amz-id-2, which the service sends with every
// answer but a preflight: 72 random bytes in base64, as kinesalite's
// index.js makes it (its test/connection.js checks 64 to 80 bytes against
// the service).
func extendedRequestID() string {
	var b [72]byte
	for i := 0; i < len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], rand.Uint64())
	}
	var text [96]byte
	base64.StdEncoding.Encode(text[:], b[:])
	return string(text[:])
}

// emptyBody reports whether r has no body, reading at most its first byte
// when its length is not declared.
func emptyBody(r *http.Request) bool {
	if r.ContentLength >= 0 {
		return r.ContentLength == 0
	}
	var first [1]byte
	n, _ := io.ReadFull(r.Body, first[:])
	if n == 0 {
		return true
	}
	r.Body = readCloser{io.MultiReader(bytes.NewReader(first[:]), r.Body), r.Body}
	return false
}

type readCloser struct {
	io.Reader
	io.Closer
}

// sizedBody is a request body with the length its request declares, or -1.
type sizedBody struct {
	io.ReadCloser
	size int64
}

// readBody reads body whole: into one buffer of its declared length, if it
// declares one, and otherwise in chunks of at most 64 KiB, joined once at the
// end. Either way the body costs at most twice its size, where a buffer that
// doubles as it fills costs up to four times (io.ReadAll's chunks grow by
// half without bound, up to 2.4 times).
func readBody(body io.Reader) ([]byte, error) {
	if sb, ok := body.(sizedBody); ok && sb.size > 0 && sb.size <= maxBody {
		b := make([]byte, sb.size)
		if _, err := io.ReadFull(sb, b); err != nil {
			return nil, err
		}
		// On to its end, which a reader of the body may wait for
		// (clearDeadlinesAtEOF); there is nothing past the declared length.
		_, err := io.Copy(io.Discard, sb)
		return b, err
	}
	var chunks [][]byte
	total := 0
	for size := 512; ; size = min(2*size, 64<<10) {
		chunk := make([]byte, size)
		n, err := io.ReadFull(body, chunk)
		chunks = append(chunks, chunk[:n])
		total += n
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	joined := make([]byte, 0, total)
	for _, chunk := range chunks {
		joined = append(joined, chunk...)
	}
	return joined, nil
}

// deprecatedJSON answers application/json as the service does: with 200
// and the old envelope, an UnknownOperationException for a body that parses
// as an object or array and a SerializationException for any other
// (kinesalite's test/connection.js, "...application/json").
func deprecatedJSON(w http.ResponseWriter, body io.Reader) {
	b, _ := io.ReadAll(body)
	b = bytes.TrimSpace(b)
	code := "SerializationException"
	reply := `{"Output":{"__type":"com.amazon.coral.service#SerializationException","Message":null},"Version":"1.0"}`
	if json.Valid(b) && (b[0] == '{' || b[0] == '[') {
		code = "UnknownOperationException"
		reply = `{"Output":{"__type":"com.amazon.coral.service#UnknownOperationException","message":null},"Version":"1.0"}`
	}
	noteError(w, code)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(reply)))
	io.WriteString(w, reply)
}

// serve serves a unary operation.
func (h *Handler) serve(w http.ResponseWriter, r *http.Request, format codec, op Operation, body io.ReadCloser) {
	out, err := op.call(h.decoder(r.Context(), recorded(w), format, op.Schema, body))
	if err != nil {
		h.writeError(w, format, err)
		return
	}
	// An operation without output answers 200 with an empty body, as the API
	// reference says ("an HTTP 200 response with an empty HTTP body").
	var payload []byte
	if op.Schema.Output != nil {
		if payload, err = format.write(r.Context(), op.Schema, out); err != nil {
			h.writeError(w, format, err)
			return
		}
	}
	w.Header().Set("Content-Type", format.contentType())
	w.Header().Set("Content-Length", strconv.Itoa(len(payload)))
	w.Write(payload)
}

// decoder returns a function that reads a request body into an operation's
// input, a pointer to its struct, and returns ctx with what validation needs
// of the body that the input cannot hold (EmptyEnums). The input read is
// noted in rec, if not nil.
func (h *Handler) decoder(ctx context.Context, rec *recorder, format codec, schema *smithy.OperationSchema, body io.ReadCloser) func(in any) (context.Context, error) {
	return func(in any) (context.Context, error) {
		r := &inputReader{schema: schema.Input, v: reflect.ValueOf(in).Elem(), maxLen: h.cfg.MaxLen}
		if err := readInput(format, body, r); err != nil {
			return ctx, err
		}
		if rec != nil {
			rec.ex.Input = in
		}
		return withEmptyEnums(ctx, r.emptyEnums), nil
	}
}

// subscribeToShard is SubscribeToShard's schema.
var subscribeToShard = smithy.NewOperationSchema(schemas.SubscribeToShard, schemas.SubscribeToShardInput, schemas.SubscribeToShardOutput)

// subscribe serves SubscribeToShard: a response in the event-stream format
// that carries the subscription's events as they come, then the error that
// ends it, if any. A client that goes away ends the subscription, through
// the request's context.
func (h *Handler) subscribe(w http.ResponseWriter, r *http.Request, format codec, body io.ReadCloser) {
	in := new(kinesis.SubscribeToShardInput)
	ctx, err := h.decoder(r.Context(), recorded(w), format, subscribeToShard, body)(in)
	if err != nil {
		h.writeError(w, format, err)
		return
	}
	out, err := h.cfg.SubscribeToShard(ctx, in)
	if err != nil {
		h.writeError(w, format, err)
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
	enc := format.events(w)
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
		noteError(w, exceptionCode(err))
		enc.Exception(err)
		flush()
	}
}

// writeError sends an error as the service does: the error's type and
// message in the request's format, with the status its fault calls for. A
// request the SDK's client would have refused for a missing member reaches
// the service, which reports it as a ValidationException. Another error from
// the call (the fake closed, or a hook's own error) is an InternalFailure;
// anything else is a body the fake could not read, or one past maxBody.
func (h *Handler) writeError(w http.ResponseWriter, format codec, err error) {
	var unread *serializationError
	var invalid smithy.InvalidParamsError
	var apiErr smithy.APIError
	var opErr *smithy.OperationError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		w.WriteHeader(http.StatusRequestEntityTooLarge)
	case errors.As(err, &unread):
		writeError(w, format, http.StatusBadRequest, "SerializationException", unread.message)
	case errors.As(err, &invalid):
		writeError(w, format, http.StatusBadRequest, "ValidationException", h.cfg.MissingMembers(invalid))
	case errors.As(err, &apiErr):
		status := http.StatusBadRequest
		if apiErr.ErrorFault() == smithy.FaultServer {
			status = http.StatusInternalServerError
		}
		writeError(w, format, status, apiErr.ErrorCode(), apiErr.ErrorMessage())
	case errors.As(err, &opErr):
		// The call failed with an error that is not the service's: one a
		// hook or fault returned, or the fake's own once it is closed.
		writeError(w, format, http.StatusInternalServerError, "InternalFailure", opErr.Err.Error())
	default:
		writeError(w, format, http.StatusBadRequest, "SerializationException", err.Error())
	}
}

// recoverAsInternalFailure answers a request whose handling panicked (in a
// user's hook, fault or PutRecordsFault) with an InternalFailure naming the
// panic, as the service answers a failure of its own, instead of letting the
// panic drop the connection or, on SDKClient's goroutines, end the process.
// User code runs only before a response is begun, so the answer is whole.
func recoverAsInternalFailure(w http.ResponseWriter, format codec) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	writeError(w, format, http.StatusInternalServerError, "InternalFailure", fmt.Sprintf("kinesisfake: panic: %v", p))
}

// writeError writes an error in format. Its message goes under "message",
// but a SerializationException's under "Message", as the service's
// framework writes it (kinesalite's test/helpers.js, assertSerialization).
func writeError(w http.ResponseWriter, format codec, status int, code, message string) {
	key := "message"
	if code == "SerializationException" {
		key = "Message"
	}
	var size chunks
	format.errorBody(&size, code, key, message)
	noteError(w, code)
	w.Header().Set("Content-Type", format.contentType())
	w.Header().Set("Content-Length", strconv.Itoa(size.n))
	w.Header().Set("x-amzn-ErrorType", code)
	w.WriteHeader(status)
	body := chunks{w: w, buf: make([]byte, 0, min(size.n, 4<<10))}
	format.errorBody(&body, code, key, message)
	body.flush()
}

// writeXMLError writes the service's XML error, with no content type, as
// the service sends none (kinesalite's test/connection.js, assertBody).
func writeXMLError(w http.ResponseWriter, status int, code, message string) {
	noteError(w, code)
	w.Header()["Content-Type"] = nil
	w.WriteHeader(status)
	fmt.Fprintf(w, "<%s>\n  <Message>%s</Message>\n</%s>\n", code, message, code)
}
