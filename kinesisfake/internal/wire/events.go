package wire

import (
	"errors"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	smithyes "github.com/aws/smithy-go/eventstream"
)

// events writes a subscription's messages in the event-stream format, with
// payloads in a codec's format: eventstream.Encoder for JSON, cborEvents for
// CBOR.
type events interface {
	InitialResponse() error
	Event(types.SubscribeToShardEvent) error
	Exception(error) error
}

// cborEvents writes a subscription's messages with CBOR payloads. The Java
// SDK v2's Kinesis client is generated for CBOR as a whole ("protocol":
// "cbor" in its customization.config) and reads event payloads with the
// same readers as its other answers, so a client that asks in CBOR is
// answered in CBOR to the end.
type cborEvents struct {
	w      io.Writer
	frames *smithyes.Encoder
}

func (e cborEvents) send(messageType, typeHeader, typeName string, payload []byte) error {
	var msg smithyes.Message
	msg.Headers.Set(typeHeader, smithyes.StringValue(typeName))
	msg.Headers.Set(smithyes.MessageTypeHeader, smithyes.StringValue(messageType))
	msg.Headers.Set(smithyes.ContentTypeHeader, smithyes.StringValue(cborType))
	msg.Payload = payload
	return e.frames.Encode(e.w, msg)
}

// InitialResponse opens the stream with an empty structure.
func (e cborEvents) InitialResponse() error {
	w := newCBORWriter()
	w.WriteStruct(schemas.SubscribeToShardOutput)
	w.CloseStruct()
	return e.send(smithyes.EventMessageType, smithyes.EventTypeHeader, "initial-response", w.Bytes())
}

func (e cborEvents) Event(event types.SubscribeToShardEvent) error {
	w := newCBORWriter()
	event.Serialize(w)
	if w.err != nil {
		return w.err
	}
	return e.send(smithyes.EventMessageType, smithyes.EventTypeHeader, "SubscribeToShardEvent", w.Bytes())
}

// Exception ends the stream with err, as eventstream.Encoder does in JSON:
// an error that is not a smithy.APIError is an InternalFailureException.
func (e cborEvents) Exception(err error) error {
	code, message := exceptionCode(err), err.Error()
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		message = apiErr.ErrorMessage()
	}
	w := newCBORWriter()
	w.keep(w.enc.StartIndefiniteMap())
	w.keep(w.enc.Encode("message"))
	w.keep(w.enc.Encode(message))
	w.keep(w.enc.EndIndefinite())
	return e.send(smithyes.ExceptionMessageType, smithyes.ExceptionTypeHeader, code, w.Bytes())
}
