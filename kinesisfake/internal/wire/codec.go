package wire

import (
	"context"
	"io"

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
	// reader returns a reader of a whole request body, or the error for a
	// body that does not parse.
	reader(body []byte) (smithy.ShapeDeserializer, error)
	// write writes an output.
	write(ctx context.Context, schema *smithy.OperationSchema, out smithy.Serializable) ([]byte, error)
	// errorBody writes an error's type and message under key, or only its
	// type if message is empty.
	errorBody(w *chunks, code, key, message string)
	// events returns a writer of a subscription's messages to w.
	events(w io.Writer) events
}

// jsonCodec is the JSON 1.1 protocol: outputs written by the SDK's own
// awsJson 1.1 codec, inputs read by jsonReader.
type jsonCodec struct{ protocol *awsjson.Protocol }

var jsonFormat codec = jsonCodec{awsjson.New11(schemas.Kinesis_20131202)}

func (jsonCodec) contentType() string { return jsonType }

func (jsonCodec) reader(body []byte) (smithy.ShapeDeserializer, error) { return newJSONReader(body) }

// write writes an output with the SDK's own JSON serializer, which writes
// requests: the output stands as the input.
func (c jsonCodec) write(ctx context.Context, schema *smithy.OperationSchema, out smithy.Serializable) ([]byte, error) {
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	if err := c.protocol.SerializeRequest(ctx, smithy.NewOperationSchema(schema.Schema, schema.Output, nil), out, req); err != nil {
		return nil, err
	}
	return io.ReadAll(req.GetStream())
}

func (jsonCodec) errorBody(w *chunks, code, key, message string) {
	w.WriteString(`{"__type":`)
	writeJSONString(w, code)
	if message != "" {
		w.WriteString(`,"` + key + `":`)
		writeJSONString(w, message)
	}
	w.WriteByte('}')
}

func (jsonCodec) events(w io.Writer) events { return eventstream.NewEncoder(w) }

// cborCodec is AWS CBOR 1.1, as the Java SDK speaks it (see cbor.go).
type cborCodec struct{}

var cborFormat codec = cborCodec{}

func (cborCodec) contentType() string { return cborType }

func (cborCodec) reader(body []byte) (smithy.ShapeDeserializer, error) { return newCBORReader(body) }

// readInput reads body whole, and from it in, in the format given.
func readInput(format codec, body io.Reader, in smithy.Deserializable) error {
	b, err := readBody(body)
	if err != nil {
		return err
	}
	r, err := format.reader(b)
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
func (cborCodec) errorBody(w *chunks, code, key, message string) {
	w.WriteByte(0xbf)
	writeCBORText(w, "__type")
	writeCBORText(w, code)
	if message != "" {
		writeCBORText(w, key)
		writeCBORText(w, message)
	}
	w.WriteByte(cborBreak)
}
