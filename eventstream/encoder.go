package eventstream

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	smithyes "github.com/aws/smithy-go/eventstream"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// Encoder writes a SubscribeToShard response body in the event-stream wire
// format, as the service sends it over HTTP: an initial-response message,
// then one message per event, and an exception message for an error that
// ends the stream. Events are serialised by the SDK's own awsJson 1.1
// protocol. An Encoder is not safe for concurrent use.
type Encoder struct {
	w        io.Writer
	protocol *awsjson.Protocol
	frames   *smithyes.Encoder
}

// NewEncoder returns an Encoder writing to w.
func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{w: w, protocol: awsjson.New11(schemas.Kinesis_20131202), frames: smithyes.NewEncoder()}
}

// InitialResponse writes the message that must open the stream: the SDK
// fails a response without it ("expected initial-response").
func (e *Encoder) InitialResponse() error {
	var msg smithyes.Message
	msg.Headers.Set(smithyes.EventTypeHeader, smithyes.StringValue("initial-response"))
	msg.Headers.Set(smithyes.MessageTypeHeader, smithyes.StringValue(smithyes.EventMessageType))
	msg.Headers.Set(smithyes.ContentTypeHeader, smithyes.StringValue("application/json"))
	msg.Payload = []byte("{}")
	return e.frames.Encode(e.w, msg)
}

// Event writes one SubscribeToShardEvent.
func (e *Encoder) Event(event types.SubscribeToShardEvent) error {
	return e.protocol.SerializeEventMessage(schemas.SubscribeToShardEventStream,
		schemas.SubscribeToShardEventStream_SubscribeToShardEvent,
		&types.SubscribeToShardEventStreamMemberSubscribeToShardEvent{Value: event}, e.w)
}

// Exception writes err as the exception that ends the stream. An error that
// is not a smithy.APIError is sent as InternalFailureException.
func (e *Encoder) Exception(err error) error {
	code, message := "InternalFailureException", err.Error()
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		code, message = apiErr.ErrorCode(), apiErr.ErrorMessage()
	}
	payload, jerr := json.Marshal(struct {
		Message string `json:"message"`
	}{message})
	if jerr != nil {
		return jerr
	}
	var msg smithyes.Message
	msg.Headers.Set(smithyes.ExceptionTypeHeader, smithyes.StringValue(code))
	msg.Headers.Set(smithyes.MessageTypeHeader, smithyes.StringValue(smithyes.ExceptionMessageType))
	msg.Headers.Set(smithyes.ContentTypeHeader, smithyes.StringValue("application/json"))
	msg.Payload = payload
	return e.frames.Encode(e.w, msg)
}
