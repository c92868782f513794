package kinesisfake

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/google/go-cmp/cmp"
)

// methodSetGaps names every method of want that have lacks, or has with
// another signature (the receiver aside).
func methodSetGaps(want, have reflect.Type) []string {
	var gaps []string
	for i := range want.NumMethod() {
		w := want.Method(i)
		h, ok := have.MethodByName(w.Name)
		switch {
		case !ok:
			gaps = append(gaps, w.Name+": missing")
		case signature(h) != signature(w):
			gaps = append(gaps, fmt.Sprintf("%s: %s, want %s", w.Name, signature(h), signature(w)))
		}
	}
	return gaps
}

// signature is a method's type without its receiver.
func signature(m reflect.Method) string {
	var in, out []string
	for i := 1; i < m.Type.NumIn(); i++ {
		in = append(in, m.Type.In(i).String())
	}
	if m.Type.IsVariadic() {
		in[len(in)-1] = "..." + m.Type.In(m.Type.NumIn()-1).Elem().String()
	}
	for i := range m.Type.NumOut() {
		out = append(out, m.Type.Out(i).String())
	}
	return "func(" + strings.Join(in, ", ") + ") (" + strings.Join(out, ", ") + ")"
}

// The fake has every method of the SDK's client, with the same signature.
// An SDK upgrade that adds an operation fails here, naming it.
func TestMethodSetMatchesTheSDK(t *testing.T) {
	if gaps := methodSetGaps(reflect.TypeFor[*kinesis.Client](), reflect.TypeFor[*Client]()); len(gaps) > 0 {
		t.Errorf("*kinesisfake.Client differs from *kinesis.Client:\n  %s", strings.Join(gaps, "\n  "))
	}
	if n := reflect.TypeFor[API]().NumMethod(); n != reflect.TypeFor[*kinesis.Client]().NumMethod() {
		t.Errorf("API lists %d methods, *kinesis.Client has %d", n, reflect.TypeFor[*kinesis.Client]().NumMethod())
	}
}

// A synthetic SDK that gained an operation, and a fake whose other method
// drifted, show what the check reports.
type syntheticSDK struct{}

func (*syntheticSDK) Get(context.Context, *int, ...func(*int)) (*string, error) { return nil, nil }
func (*syntheticSDK) Put(context.Context, *int, ...func(*int)) (*string, error) { return nil, nil }
func (*syntheticSDK) Delete(context.Context, *int, ...func(*int)) (*string, error) {
	return nil, nil
}

type syntheticFake struct{}

func (*syntheticFake) Get(context.Context, *int, ...func(*int)) (*string, error) { return nil, nil }
func (*syntheticFake) Put(context.Context, *int) (*string, error)                { return nil, nil }

func TestMethodSetCheckNamesWhatIsMissing(t *testing.T) {
	got := methodSetGaps(reflect.TypeFor[*syntheticSDK](), reflect.TypeFor[*syntheticFake]())
	want := []string{
		"Delete: missing",
		"Put: func(context.Context, *int) (*string, error), want func(context.Context, *int, ...func(*int)) (*string, error)",
	}
	if !cmp.Equal(got, want) {
		t.Errorf("gaps = %q, want %q", got, want)
	}
}
