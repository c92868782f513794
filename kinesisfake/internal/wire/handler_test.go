package wire

import (
	"context"
	"errors"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// listStreams is a handler that serves ListStreams with method, and the
// fake's part in the rest.
func listStreams(method func(context.Context, *kinesis.ListStreamsInput, ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error)) *Handler {
	return NewHandler(Config{
		Operations: []Operation{Unary(smithy.NewOperationSchema(schemas.ListStreams, schemas.ListStreamsInput, schemas.ListStreamsOutput),
			func(ctx context.Context, in *kinesis.ListStreamsInput) (smithy.Serializable, error) {
				out, err := method(ctx, in)
				if err != nil {
					return nil, err
				}
				return out, nil
			})},
		RequestID: func() string { return "id" },
		MaxLen:    noMaxLen,
		MissingMembers: func(invalid smithy.InvalidParamsError) string {
			return "missing from " + invalid.Context
		},
	})
}

// noStreams is ListStreams with no streams.
func noStreams(context.Context, *kinesis.ListStreamsInput, ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error) {
	return &kinesis.ListStreamsOutput{}, nil
}

func noMaxLen(string) (int, bool) { return 0, false }

// post sends body to ListStreams through h.
func post(h *Handler, body io.Reader) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", "/", body)
	req.Header.Set("X-Amz-Target", targetPrefix+"ListStreams")
	req.Header.Set("Content-Type", jsonType)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// A body past maxBody is refused, whether its length is declared or not; one
// of maxBody is read.
func TestHandlerRefusesBodiesPastMaxBody(t *testing.T) {
	h := listStreams(noStreams)
	fits := "{" + strings.Repeat(" ", maxBody-2) + "}"
	for _, tt := range []struct {
		name   string
		body   io.Reader
		status int
	}{
		{"maxBody, declared", strings.NewReader(fits), 200},
		{"maxBody, undeclared", io.MultiReader(strings.NewReader(fits)), 200},
		{"maxBody+1, declared", strings.NewReader(fits + " "), 413},
		{"maxBody+1, undeclared", io.MultiReader(strings.NewReader(fits + " ")), 413},
	} {
		if status := post(h, tt.body).Code; status != tt.status {
			t.Errorf("%s: %d, want %d", tt.name, status, tt.status)
		}
	}
}

// What a call fails with is answered as the service answers it, and a call
// that panics is an InternalFailure naming the panic.
func TestHandlerAnswersErrors(t *testing.T) {
	invalid := smithy.InvalidParamsError{Context: "ListStreamsInput"}
	invalid.Add(smithy.NewErrParamRequired("StreamName"))
	for _, tt := range []struct {
		name   string
		err    error
		status int
		body   string
	}{
		{"a missing member", invalid, 400, `{"__type":"ValidationException","message":"missing from ListStreamsInput"}`},
		{"a client fault", &types.ResourceNotFoundException{Message: aws.String("gone")}, 400, `{"__type":"ResourceNotFoundException","message":"gone"}`},
		{"a server fault", &types.InternalFailureException{Message: aws.String("down")}, 500, `{"__type":"InternalFailureException","message":"down"}`},
		{"a fault wrapped as the SDK wraps it", &smithy.OperationError{Err: &types.LimitExceededException{Message: aws.String("slow")}}, 400, `{"__type":"LimitExceededException","message":"slow"}`},
		{"a call's own error", &smithy.OperationError{Err: errors.New("a hook's")}, 500, `{"__type":"InternalFailure","message":"a hook's"}`},
		{"a body past its maximum", &http.MaxBytesError{Limit: maxBody}, 413, ""},
		{"a body not read", errors.New("not JSON"), 400, `{"__type":"SerializationException","Message":"not JSON"}`},
	} {
		w := post(listStreams(func(context.Context, *kinesis.ListStreamsInput, ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error) {
			return nil, tt.err
		}), strings.NewReader("{}"))
		if w.Code != tt.status || w.Body.String() != tt.body {
			t.Errorf("%s: %d %s, want %d %s", tt.name, w.Code, w.Body, tt.status, tt.body)
		}
	}
	w := post(listStreams(func(context.Context, *kinesis.ListStreamsInput, ...func(*kinesis.Options)) (*kinesis.ListStreamsOutput, error) {
		panic("boom")
	}), strings.NewReader("{}"))
	if want := `{"__type":"InternalFailure","message":"kinesisfake: panic: boom"}`; w.Code != 500 || w.Body.String() != want {
		t.Errorf("a call that panics: %d %s, want 500 %s", w.Code, w.Body, want)
	}
}

// everyInput calls f with the name and input schema of every operation of
// the SDK's client.
func everyInput(f func(operation string, schema *smithy.Schema)) {
	client := reflect.TypeFor[*kinesis.Client]()
	for i := range client.NumMethod() {
		m := client.Method(i)
		if m.Name == "Options" {
			continue
		}
		var input inputSchema
		reflect.New(m.Type.In(2).Elem()).Interface().(smithy.Serializable).Serialize(&input)
		f(m.Name, input.schema)
	}
}

// skip reads all that reading reads: every operation's input, with every
// member present, skipped whole.
func TestSkipReadsEveryInput(t *testing.T) {
	everyInput(func(operation string, schema *smithy.Schema) {
		body := sample(schema)
		if err := readInput(jsonFormat, strings.NewReader(body), skipAll{schema}); err != nil {
			t.Errorf("%s %s: %v", operation, body, err)
		}
	})
}

// inputSchema takes the schema of an empty input as the input writes itself.
type inputSchema struct {
	smithy.ShapeSerializer // not called: an empty input writes no member
	schema                 *smithy.Schema
}

func (s *inputSchema) WriteStruct(schema *smithy.Schema) { s.schema = schema }
func (s *inputSchema) CloseStruct()                      {}

// sample is a JSON value of schema s with every member present, and two
// elements in each list and map.
func sample(s *smithy.Schema) string {
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		members := s.Members()
		fields := make([]string, 0, len(members))
		for _, name := range slices.Sorted(maps.Keys(members)) {
			fields = append(fields, strconv.Quote(name)+":"+sample(members[name]))
		}
		return "{" + strings.Join(fields, ",") + "}"
	case smithy.ShapeTypeList:
		elem := sample(s.ListMember())
		return "[" + elem + "," + elem + "]"
	case smithy.ShapeTypeMap:
		value := sample(s.MapValue())
		return `{"a":` + value + `,"b":` + value + "}"
	case smithy.ShapeTypeTimestamp:
		return "1.5"
	case smithy.ShapeTypeBlob:
		return `"AA=="`
	case smithy.ShapeTypeBoolean:
		return "true"
	case smithy.ShapeTypeInteger, smithy.ShapeTypeLong:
		return "1"
	}
	return `"a"`
}

// skipAll skips a whole input.
type skipAll struct{ schema *smithy.Schema }

func (s skipAll) Deserialize(d smithy.ShapeDeserializer) error {
	return (&wireReader{ShapeDeserializer: d, maxLen: noMaxLen}).skip(s.schema)
}
