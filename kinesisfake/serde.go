package kinesisfake

import (
	"fmt"
	"reflect"
	"time"

	"github.com/aws/smithy-go"
)

// The SDK generates code to write operation inputs and to read outputs, as a
// client needs; a server needs the reverse. Outputs are written by their own
// Serialize methods. Inputs are read here, by their schemas, through the
// SDK's own JSON deserializer: member by member into the Go fields of the
// same names, handing nested SDK types to their own Deserialize methods.
// Between the two stands a wireReader, which reads some values as the
// service does rather than as a client reading the service's answers may.

// inputReader reads an operation input; it is a smithy.Deserializable.
type inputReader struct {
	schema *smithy.Schema
	v      reflect.Value // the input struct, addressable
}

func (r inputReader) Deserialize(d smithy.ShapeDeserializer) error {
	return readStruct(&wireReader{ShapeDeserializer: d}, r.schema, r.v)
}

// wireReader is the SDK's JSON deserializer with the checks the service
// makes on what it reads, which the SDK, reading the service's own
// answers, need not make.
type wireReader struct {
	smithy.ShapeDeserializer
}

// ReadTime reads a timestamp in epoch seconds, the awsJson protocols'
// format. The service holds it in milliseconds in a Java long, and cannot
// read a number outside that, nor NaN or an infinity; the SDK's own reader
// panics on NaN and wraps the others around, as it keeps nanoseconds.
func (r *wireReader) ReadTime(s *smithy.Schema, v *time.Time) error {
	var seconds float64
	if err := r.ShapeDeserializer.ReadFloat64(s, &seconds); err != nil {
		return err
	}
	if ms := seconds * 1000; -1<<63 <= ms && ms < 1<<63 { // false for NaN
		*v = time.UnixMilli(int64(ms)).UTC()
		return nil
	}
	return fmt.Errorf("timestamp %v out of range", seconds)
}

var (
	timeType       = reflect.TypeFor[time.Time]()
	deserializable = reflect.TypeFor[smithy.Deserializable]()
)

func readStruct(d smithy.ShapeDeserializer, schema *smithy.Schema, v reflect.Value) error {
	return smithy.ReadStruct(d, schema, func(m *smithy.Schema) error {
		f := v.FieldByName(m.MemberName())
		if !f.IsValid() {
			return fmt.Errorf("kinesisfake: %s has no field %s", v.Type(), m.MemberName())
		}
		if isNil, err := d.ReadNil(m); err != nil || isNil {
			return err
		}
		return readValue(d, m, f)
	})
}

// readValue reads one value of schema s into f, allocating as f's type needs.
func readValue(d smithy.ShapeDeserializer, s *smithy.Schema, f reflect.Value) error {
	t := f.Type()
	if t.Kind() == reflect.Pointer {
		p := reflect.New(t.Elem())
		if err := readValue(d, s, p.Elem()); err != nil {
			return err
		}
		f.Set(p)
		return nil
	}
	if reflect.PointerTo(t).Implements(deserializable) {
		return f.Addr().Interface().(smithy.Deserializable).Deserialize(d)
	}
	switch {
	case t == timeType:
		return d.ReadTime(s, f.Addr().Interface().(*time.Time))
	case t.Kind() == reflect.String: // strings and the SDK's enums
		var str string
		if err := d.ReadString(s, &str); err != nil {
			return err
		}
		f.SetString(str)
		return nil
	case t.Kind() == reflect.Bool:
		return d.ReadBool(s, f.Addr().Interface().(*bool))
	case t.Kind() == reflect.Int32:
		return d.ReadInt32(s, f.Addr().Interface().(*int32))
	case t.Kind() == reflect.Int64:
		return d.ReadInt64(s, f.Addr().Interface().(*int64))
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Uint8:
		return d.ReadBlob(s, f.Addr().Interface().(*[]byte))
	case t.Kind() == reflect.Slice:
		f.Set(reflect.MakeSlice(t, 0, 0))
		return smithy.ReadList(d, s, func() error {
			elem := reflect.New(t.Elem()).Elem()
			if err := readValue(d, s.ListMember(), elem); err != nil {
				return err
			}
			f.Set(reflect.Append(f, elem))
			return nil
		})
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String:
		f.Set(reflect.MakeMap(t))
		return smithy.ReadMap(d, s, func(key string) error {
			elem := reflect.New(t.Elem()).Elem()
			if isNil, err := d.ReadNil(s.MapValue()); err != nil || isNil {
				f.SetMapIndex(reflect.ValueOf(key), elem)
				return err
			}
			if err := readValue(d, s.MapValue(), elem); err != nil {
				return err
			}
			f.SetMapIndex(reflect.ValueOf(key), elem)
			return nil
		})
	}
	return fmt.Errorf("kinesisfake: cannot read %s into %s", s.ID(), t)
}
