package eventstream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"unsafe"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
)

// streamField is where a SubscribeToShardOutput keeps its event stream. It
// is checked once, when the program starts: if a future SDK renames or
// retypes the field, haveStreamField is false and NewOutput takes the slower
// path that uses only the SDK's public API.
var streamField, haveStreamField = func() (reflect.StructField, bool) {
	f, ok := reflect.TypeFor[kinesis.SubscribeToShardOutput]().FieldByName("eventStream")
	return f, ok && f.Type == reflect.TypeFor[*kinesis.SubscribeToShardEventStream]()
}()

// NewOutput returns a *kinesis.SubscribeToShardOutput whose GetStream reads
// from r, as the output of a real SubscribeToShard call reads from the
// network: Events, Err and Close of the stream reach r. When r ends with a
// context's error, as a stream whose call was cancelled does, the stream's
// Err satisfies errors.Is with that error, as the SDK's does over HTTP.
func NewOutput(r kinesis.SubscribeToShardEventStreamReader) *kinesis.SubscribeToShardOutput {
	if haveStreamField {
		return outputWithField(r)
	}
	return outputOverWire(r)
}

// outputWithField sets the output's unexported stream field: the one place
// this package reaches into the SDK's internals.
func outputWithField(r kinesis.SubscribeToShardEventStreamReader) *kinesis.SubscribeToShardOutput {
	out := &kinesis.SubscribeToShardOutput{}
	stream := kinesis.NewSubscribeToShardEventStream(func(s *kinesis.SubscribeToShardEventStream) { s.Reader = r })
	*(**kinesis.SubscribeToShardEventStream)(unsafe.Add(unsafe.Pointer(out), streamField.Offset)) = stream
	return out
}

// outputOverWire gets a real output from a real *kinesis.Client, whose
// transport answers in memory with r's events in the wire format.
func outputOverWire(r kinesis.SubscribeToShardEventStreamReader) *kinesis.SubscribeToShardOutput {
	pr, pw := io.Pipe()
	go pump(r, pw)
	client := kinesis.New(kinesis.Options{
		Region:           "us-east-1",
		BaseEndpoint:     aws.String("http://eventstream.invalid"),
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		// A protocol of its own: the SDK's event-stream decoder is not safe
		// for several streams at once (smithy-go#714).
		Protocol: awsjson.New11(schemas.Kinesis_20131202),
		HTTPClient: transport(func(req *http.Request) (*http.Response, error) {
			return &http.Response{
				StatusCode: http.StatusOK,
				Header:     http.Header{"Content-Type": {"application/vnd.amazon.eventstream"}},
				Body:       body{pr, r},
				Request:    req,
			}, nil
		}),
	})
	out, err := client.SubscribeToShard(context.Background(), &kinesis.SubscribeToShardInput{
		ConsumerARN:      aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/in-memory/consumer/in-memory:1"),
		ShardId:          aws.String("shardId-000000000000"),
		StartingPosition: &types.StartingPosition{Type: types.ShardIteratorTypeLatest},
	})
	if err != nil {
		// Only a broken SDK gets here: the transport cannot fail.
		panic(fmt.Sprintf("eventstream: in-memory SubscribeToShard failed: %v", err))
	}
	return out
}

// pump writes r's events to w in the wire format until r ends, then the
// error r ended with, if any. A context's error is no message of the
// service's: it fails the read of the body, as a cancelled request's
// response body does, and the SDK's reader reports it wrapped
// ("decode event: context canceled").
func pump(r kinesis.SubscribeToShardEventStreamReader, w *io.PipeWriter) {
	enc := NewEncoder(w)
	err := enc.InitialResponse()
	for ev := range r.Events() {
		if e, ok := ev.(*types.SubscribeToShardEventStreamMemberSubscribeToShardEvent); ok && err == nil {
			err = enc.Event(e.Value)
		}
		if err != nil {
			break // the consumer closed the stream
		}
	}
	if err == nil {
		switch rerr := r.Err(); {
		case errors.Is(rerr, context.Canceled), errors.Is(rerr, context.DeadlineExceeded):
			err = rerr
		case rerr != nil:
			err = enc.Exception(rerr)
		}
	}
	r.Close()
	w.CloseWithError(err)
}

// body is the response body: closing it, as the SDK's stream does on Close,
// also closes the reader it is fed from.
type body struct {
	*io.PipeReader
	r kinesis.SubscribeToShardEventStreamReader
}

func (b body) Close() error {
	b.r.Close()
	return b.PipeReader.Close()
}

type transport func(*http.Request) (*http.Response, error)

func (t transport) Do(req *http.Request) (*http.Response, error) { return t(req) }
