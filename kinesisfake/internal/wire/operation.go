package wire

import (
	"context"

	"github.com/aws/smithy-go"
)

// Operation is an operation as a Handler serves it: its schemas, and a call
// that reads its input with the decoder the Handler gives and runs it.
type Operation struct {
	// Schema is the operation's, with its input's and output's.
	Schema *smithy.OperationSchema
	// call reads the input with decode, which also returns the context to
	// call the operation with, and calls it.
	call func(decode func(in any) (context.Context, error)) (smithy.Serializable, error)
}

// Name is the operation's name, as X-Amz-Target gives it.
func (op Operation) Name() string { return op.Schema.Schema.ID().Name }

// Unary serves an operation with one request and one response: the input is
// read by the schema's input, passed to method, and its output written
// back; with a nil output schema, the answer's body is empty.
func Unary[In any](schema *smithy.OperationSchema, method func(context.Context, *In) (smithy.Serializable, error)) Operation {
	return Operation{
		Schema: schema,
		call: func(decode func(any) (context.Context, error)) (smithy.Serializable, error) {
			in := new(In)
			ctx, err := decode(in)
			if err != nil {
				return nil, err
			}
			return method(ctx, in)
		},
	}
}
