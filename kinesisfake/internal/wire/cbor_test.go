package wire

import (
	"encoding/binary"
	"encoding/hex"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/smithy-go"
)

// skip reads all that reading reads in CBOR too: every operation's input,
// with every member present, in maps and arrays of definite length (as other
// CBOR writers than the Java SDK's write them), skipped whole.
func TestSkipReadsEveryInputInCBOR(t *testing.T) {
	everyInput(func(operation string, schema *smithy.Schema) {
		body := cborSample(schema)
		if err := readInput(cborFormat, strings.NewReader(string(body)), skipAll{schema}); err != nil {
			t.Errorf("%s %x: %v", operation, body, err)
		}
	})
}

// cborSample is a CBOR value of schema s with every member present and two
// elements in each list and map, written byte by byte: heads of definite
// length, timestamps as tag 1 over milliseconds, blobs as byte strings.
func cborSample(s *smithy.Schema) []byte {
	head := func(major byte, n int) []byte { // n < 256
		if n < 24 {
			return []byte{major<<5 | byte(n)}
		}
		return []byte{major<<5 | 24, byte(n)}
	}
	text := func(v string) []byte { return append(head(majorText, len(v)), v...) }
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		members := s.Members()
		b := head(majorMap, len(members))
		for _, name := range slices.Sorted(maps.Keys(members)) {
			b = append(append(b, text(name)...), cborSample(members[name])...)
		}
		return b
	case smithy.ShapeTypeList:
		elem := cborSample(s.ListMember())
		return slices.Concat(head(majorArray, 2), elem, elem)
	case smithy.ShapeTypeMap:
		value := cborSample(s.MapValue())
		return slices.Concat(head(majorMap, 2), text("a"), value, text("b"), value)
	case smithy.ShapeTypeTimestamp:
		b := []byte{0xc1, 0x1b, 0, 0, 0, 0, 0, 0, 0, 0}
		binary.BigEndian.PutUint64(b[2:], uint64(time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC).UnixMilli()))
		return b
	case smithy.ShapeTypeBlob:
		return []byte{0x41, 0x00}
	case smithy.ShapeTypeBoolean:
		return []byte{cborTrue}
	case smithy.ShapeTypeInteger, smithy.ShapeTypeLong:
		return []byte{0x01}
	}
	return text("a")
}

// Reading CBOR: the values the Java SDK and other writers send, read by
// their schemas, and the heads of arrays and maps walked as they come.
func TestCBORReader(t *testing.T) {
	for _, tt := range []struct {
		name, hex string
		read      func(r *cborReader) (any, error)
		want      any
	}{
		{"a timestamp under tag 1, in ms", "c1 1b 000001a217154680", func(r *cborReader) (any, error) {
			var v time.Time
			err := r.ReadTime(schemaOf(smithy.ShapeTypeTimestamp), &v)
			return v, err
		}, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)},
		{"a timestamp as a double, untagged", "fb 427a217154680000", func(r *cborReader) (any, error) {
			var v time.Time
			err := r.ReadTime(schemaOf(smithy.ShapeTypeTimestamp), &v)
			return v, err
		}, time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)},
		{"a negative integer", "38 63", func(r *cborReader) (any, error) {
			var v int32
			err := r.ReadInt32(schemaOf(smithy.ShapeTypeInteger), &v)
			return v, err
		}, int32(-100)},
		{"a text string in chunks", "7f 62 6162 61 63 ff", func(r *cborReader) (any, error) {
			var v string
			err := r.ReadString(schemaOf(smithy.ShapeTypeString), &v)
			return v, err
		}, "abc"},
		{"a byte string in chunks", "5f 41 00 41 ff ff", func(r *cborReader) (any, error) {
			var v []byte
			err := r.ReadBlob(schemaOf(smithy.ShapeTypeBlob), &v)
			return v, err
		}, []byte{0, 0xff}},
		{"a blob as base64 text", "64 41413d3d", func(r *cborReader) (any, error) {
			var v []byte
			err := r.ReadBlob(schemaOf(smithy.ShapeTypeBlob), &v)
			return v, err
		}, []byte{0}},
		// An integer is read as the service reads one (int32Of): held to
		// int32, floored, but not NaN.
		{"an integer past int32", "1a 80000000", func(r *cborReader) (any, error) {
			var v int32
			err := r.ReadInt32(schemaOf(smithy.ShapeTypeInteger), &v)
			return v, err
		}, int32(2147483647)},
		{"a fraction for an integer", "f9 3e00", func(r *cborReader) (any, error) {
			var v int32
			err := r.ReadInt32(schemaOf(smithy.ShapeTypeInteger), &v)
			return v, err
		}, int32(1)},
		{"NaN for an integer", "f9 7e00", func(r *cborReader) (any, error) {
			var v int32
			err := r.ReadInt32(schemaOf(smithy.ShapeTypeInteger), &v)
			return err.Error(), nil
		}, "kinesisfake: cannot read NaN as an integer"},
		{"true for a string", "f5", func(r *cborReader) (any, error) {
			var v string
			err := r.ReadString(schemaOf(smithy.ShapeTypeString), &v)
			return err.Error(), nil
		}, "SerializationException: class java.lang.Boolean can not be converted to an String"},
		{"text for a boolean", "62 6e6f", func(r *cborReader) (any, error) {
			var v bool
			err := r.ReadBool(schemaOf(smithy.ShapeTypeBoolean), &v)
			return err.Error(), nil
		}, "SerializationException: 'NO' can not be converted to an Boolean"},
		{"a list of definite length", "82 01 02", func(r *cborReader) (any, error) {
			var n []int32
			s := schemaOf(smithy.ShapeTypeList)
			if err := r.ReadList(s); err != nil {
				return nil, err
			}
			for more, _ := r.ReadListItem(s); more; more, _ = r.ReadListItem(s) {
				var v int32
				if err := r.ReadInt32(s, &v); err != nil {
					return nil, err
				}
				n = append(n, v)
			}
			return n, nil
		}, []int32{1, 2}},
	} {
		b, err := hex.DecodeString(strings.ReplaceAll(tt.hex, " ", ""))
		if err != nil {
			t.Fatal(err)
		}
		r, err := newCBORReader(b)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := tt.read(r)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v (%v), want %v", tt.name, got, err, tt.want)
		}
	}
}

// schemaOf is a schema of type typ.
func schemaOf(typ smithy.ShapeType) *smithy.Schema {
	return smithy.NewSchema(smithy.ShapeID{Namespace: "test", Name: "Value"}, typ, 0)
}
