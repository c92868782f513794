package wire

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"
	smithyes "github.com/aws/smithy-go/eventstream"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"

	"github.com/streamfake/kinesis/eventstream"
)

const (
	jsonType = "application/x-amz-json-1.1"
	cborType = "application/x-amz-cbor-1.1"
)

// codec is a format the service reads and writes: the JSON 1.1 protocol, or
// the same shapes in CBOR. Both share the operations, the reading of inputs
// by their schemas (readMembers) and the writing of outputs by their
// Serialize methods; a codec only turns bytes into values and back.
type codec interface {
	// contentType is the format's media type.
	contentType() string
	// read reads a request body into in.
	read(ctx context.Context, schema *smithy.OperationSchema, body io.ReadCloser, in smithy.Deserializable) error
	// write writes an output.
	write(ctx context.Context, schema *smithy.OperationSchema, out smithy.Serializable) ([]byte, error)
	// errorBody writes an error's type and message under key, or only its
	// type if message is empty.
	errorBody(code, key, message string) []byte
	// events returns a writer of a subscription's messages to w.
	events(w io.Writer) events
}

// jsonCodec is the JSON 1.1 protocol, read and written by the SDK's own
// awsJson 1.1 codec.
type jsonCodec struct{ protocol *awsjson.Protocol }

var jsonFormat codec = jsonCodec{awsjson.New11(schemas.Kinesis_20131202)}

func (jsonCodec) contentType() string { return jsonType }

// read reads body with the SDK's own JSON deserializer, which reads
// responses: the input stands as the output. The SDK's reader reads the body
// into a buffer of its own; reading it here first would hold it twice.
func (c jsonCodec) read(ctx context.Context, schema *smithy.OperationSchema, body io.ReadCloser, in smithy.Deserializable) error {
	resp := &smithyhttp.Response{Response: &http.Response{StatusCode: http.StatusOK, Body: body}}
	return c.protocol.DeserializeResponse(ctx, smithy.NewOperationSchema(schema.Schema, schema.Input, schema.Input), kinesis.TypeRegistry, resp, jsonInput{in})
}

// jsonInput reads an input through a jsonReader.
type jsonInput struct{ in smithy.Deserializable }

func (i jsonInput) Deserialize(d smithy.ShapeDeserializer) error {
	return i.in.Deserialize(jsonReader{d})
}

// write writes an output with the SDK's own JSON serializer, which writes
// requests: the output stands as the input.
func (c jsonCodec) write(ctx context.Context, schema *smithy.OperationSchema, out smithy.Serializable) ([]byte, error) {
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := c.protocol.SerializeRequest(ctx, smithy.NewOperationSchema(schema.Schema, schema.Output, nil), out, req); err != nil {
		return nil, err
	}
	return io.ReadAll(req.GetStream())
}

func (jsonCodec) errorBody(code, key, message string) []byte {
	var b bytes.Buffer
	b.WriteString(`{"__type":`)
	writeJSONString(&b, code)
	if message != "" {
		b.WriteString(`,"` + key + `":`)
		writeJSONString(&b, message)
	}
	b.WriteByte('}')
	return b.Bytes()
}

func (jsonCodec) events(w io.Writer) events { return eventstream.NewEncoder(w) }

func writeJSONString(b *bytes.Buffer, s string) {
	q, _ := json.Marshal(s)
	b.Write(q)
}

// cborCodec is AWS CBOR 1.1, as the Java SDK speaks it (see cbor.go).
type cborCodec struct{}

var cborFormat codec = cborCodec{}

func (cborCodec) contentType() string { return cborType }

func (cborCodec) read(_ context.Context, _ *smithy.OperationSchema, body io.ReadCloser, in smithy.Deserializable) error {
	b, err := readBody(body)
	if err != nil {
		return err
	}
	r, err := newCBORReader(b)
	if err != nil {
		return err
	}
	return in.Deserialize(r)
}

func (cborCodec) write(_ context.Context, _ *smithy.OperationSchema, out smithy.Serializable) ([]byte, error) {
	w := newCBORWriter()
	out.Serialize(w)
	return w.buf.Bytes(), w.err
}

func (cborCodec) events(w io.Writer) events {
	return cborEvents{w: w, frames: smithyes.NewEncoder()}
}

// errorBody writes a map of indefinite length, as the service does: its
// UnknownOperationException is bf, "__type", "UnknownOperationException", ff
// (kinesalite's test/connection.js, assertUnknownCbor).
func (cborCodec) errorBody(code, key, message string) []byte {
	w := newCBORWriter()
	w.keep(w.enc.StartIndefiniteMap())
	w.keep(w.enc.Encode("__type"))
	w.keep(w.enc.Encode(code))
	if message != "" {
		w.keep(w.enc.Encode(key))
		w.keep(w.enc.Encode(message))
	}
	w.keep(w.enc.EndIndefinite())
	return w.buf.Bytes()
}
