package wire

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	"github.com/fxamacker/cbor/v2"
)

// CBOR as the Java SDK speaks it to Kinesis (AWS CBOR 1.1): the JSON 1.1
// protocol's shapes in CBOR, with blobs as byte strings and timestamps as
// tag 1 over epoch milliseconds, not the seconds RFC 8949 gives tag 1 (the
// SDK's SdkCborGenerator writes Instant.toEpochMilli() under tag 1; its
// readers, v1's DateCborUnmarshaller and v2's UNIX_TIMESTAMP_MILLIS format,
// read milliseconds, tag or not). Values are decoded and encoded by
// fxamacker/cbor; cborReader only walks the heads of arrays and maps itself,
// so that a list of millions of elements is read one element at a time.

var (
	cborDecoding = mustDecMode(cbor.DecOptions{
		// Lists and maps are walked here, element by element, and only
		// scalars and skipped values are handed to the decoder: the body's
		// size bounds them, as it does in JSON.
		MaxArrayElements: math.MaxInt32,
		MaxMapPairs:      math.MaxInt32,
	})
	cborEncoding = mustEncMode(cbor.EncOptions{})
)

func mustDecMode(o cbor.DecOptions) cbor.DecMode {
	dm, err := o.DecMode()
	if err != nil {
		panic(err)
	}
	return dm
}

func mustEncMode(o cbor.EncOptions) cbor.EncMode {
	em, err := o.EncMode()
	if err != nil {
		panic(err)
	}
	return em
}

// indefinite is a head's argument for an indefinite length.
const indefinite = math.MaxUint64

// cborHead reads the head of the data item at the start of b, which is well
// formed: its major type, its argument (a value, a length or a count) and
// the head's size in bytes.
func cborHead(b []byte) (major byte, arg uint64, size int) {
	major, info := b[0]>>5, b[0]&0x1f
	switch {
	case info < 24:
		return major, uint64(info), 1
	case info == 24:
		return major, uint64(b[1]), 2
	case info == 25:
		return major, uint64(binary.BigEndian.Uint16(b[1:])), 3
	case info == 26:
		return major, uint64(binary.BigEndian.Uint32(b[1:])), 5
	case info == 27:
		return major, binary.BigEndian.Uint64(b[1:]), 9
	}
	return major, indefinite, 1
}

// CBOR's major types, and the simple values and break code of major type 7.
const (
	majorUint = iota
	majorNegInt
	majorBytes
	majorText
	majorArray
	majorMap
	majorTag
	majorSimple

	cborFalse     = 0xf4
	cborTrue      = 0xf5
	cborNull      = 0xf6
	cborUndefined = 0xf7
	cborBreak     = 0xff
)

// cborReader reads an input, or in tests an output, from a well-formed CBOR
// body; it is a smithy.ShapeDeserializer.
type cborReader struct {
	b    []byte          // the rest of the body, from the next data item on
	open []cborContainer // the arrays and maps being read, innermost last
}

// cborContainer is an array or map being read.
type cborContainer struct {
	left   uint64         // items (pairs, in a map) left, or indefinite
	schema *smithy.Schema // a structure's, to find its members by name
	later  repeats
}

// newCBORReader returns a reader of body, or a SerializationException with no
// message, as the service answers a body it cannot parse, if body is not one
// well-formed CBOR data item.
func newCBORReader(body []byte) (*cborReader, error) {
	if err := cborDecoding.Wellformed(body); err != nil {
		return nil, errMalformed
	}
	return &cborReader{b: body}, nil
}

// skipTags drops the tags before the next data item: values are read by
// their schema, whatever a tag says of them.
func (r *cborReader) skipTags() {
	for {
		major, _, size := cborHead(r.b)
		if major != majorTag {
			return
		}
		r.b = r.b[size:]
	}
}

// kind is the kind of the next data item, and its text if it is a text
// string, for the service's message about a value of the wrong type.
func (r *cborReader) kind() (kind, string) {
	r.skipTags()
	switch major, _, _ := cborHead(r.b); major {
	case majorUint, majorNegInt:
		return kindNumber, ""
	case majorBytes:
		return kindBytes, ""
	case majorText:
		var s string
		cborDecoding.UnmarshalFirst(r.b, &s)
		return kindString, s
	case majorArray:
		return kindList, ""
	case majorMap:
		return kindMap, ""
	}
	switch r.b[0] {
	case cborFalse, cborTrue:
		return kindBool, ""
	case 0xf9, 0xfa, 0xfb: // half, single and double precision
		return kindNumber, ""
	}
	return kindOther, ""
}

// expect returns nil if the next data item, past its tags, has one of the
// major types a value of s may take, and otherwise the service's error for
// a value of the wrong type.
func (r *cborReader) expect(s *smithy.Schema, majors ...byte) error {
	r.skipTags()
	major, _, _ := cborHead(r.b)
	for _, m := range majors {
		if m == major {
			return nil
		}
	}
	got, text := r.kind()
	return mismatch(s, got, text)
}

// decode decodes the next data item into v with fxamacker/cbor, but for a
// string in chunks (of indefinite length), which it joins in one
// allocation however many chunks there are.
func (r *cborReader) decode(v any) error {
	if major, arg, _ := cborHead(r.b); (major == majorText || major == majorBytes) && arg == indefinite {
		switch v := v.(type) {
		case *string:
			var joined strings.Builder
			if !r.chunks(majorText, func(n int) { joined.Grow(n) }, func(c []byte) { joined.Write(c) }) || !utf8.ValidString(joined.String()) {
				return errMalformed
			}
			*v = joined.String()
			return nil
		case *[]byte:
			var joined []byte
			if !r.chunks(majorBytes, func(n int) { joined = make([]byte, 0, n) }, func(c []byte) { joined = append(joined, c...) }) {
				return errMalformed
			}
			*v = joined
			return nil
		}
	}
	rest, err := cborDecoding.UnmarshalFirst(r.b, v)
	if err != nil {
		return err
	}
	r.b = rest
	return nil
}

// chunks reads a string of indefinite length: it gives grow the chunks'
// total size, then each chunk to add. It returns false, reading nothing, if
// the string is not of major type want or a chunk is not a definite string
// of its type.
func (r *cborReader) chunks(want byte, grow func(int), add func([]byte)) bool {
	major, _, n := cborHead(r.b)
	total := 0
	for i := n; r.b[i] != cborBreak; {
		m, arg, size := cborHead(r.b[i:])
		if m != want || major != want || arg == indefinite {
			return false
		}
		total += int(arg)
		i += size + int(arg)
	}
	grow(total)
	for r.b[n] != cborBreak {
		_, arg, size := cborHead(r.b[n:])
		add(r.b[n+size : n+size+int(arg)])
		n += size + int(arg)
	}
	r.b = r.b[n+1:]
	return true
}

// skip reads past the next data item, keeping nothing of it.
func (r *cborReader) skip() error {
	r.b = r.b[cborItemSize(r.b):]
	return nil
}

// cborItemSize is the size in bytes of the well-formed data item at the
// start of b, its tags included, found from the heads alone.
func cborItemSize(b []byte) int {
	major, arg, n := cborHead(b)
	switch {
	case major == majorTag:
		return n + cborItemSize(b[n:])
	case major > majorMap:
		return n // a simple value or float, whose head holds it
	case major < majorBytes:
		return n
	case arg == indefinite:
		for b[n] != cborBreak {
			n += cborItemSize(b[n:])
		}
		return n + 1
	case major == majorBytes || major == majorText:
		return n + int(arg)
	}
	items := arg
	if major == majorMap {
		items *= 2
	}
	for range items {
		n += cborItemSize(b[n:])
	}
	return n
}

// laterMembers counts, for the members of structure s that the map at the
// start of b holds more than once, how many times each comes after the
// first; nil, and nothing allocated, if none does.
func laterMembers(b []byte, s *smithy.Schema) repeats {
	_, pairs, n := cborHead(b)
	var keys [16][]byte // the member keys met so far; a structure has few
	seen := keys[:0]
	var later repeats
	for i := uint64(0); pairs == indefinite && b[n] != cborBreak || pairs != indefinite && i < pairs; i++ {
		major, arg, size := cborHead(b[n:])
		keySize := cborItemSize(b[n:])
		if key := b[n+size : n+keySize]; major == majorText && arg != indefinite && s.Member(string(key)) != nil {
			later, seen = later.meet(key, seen)
		}
		n += keySize
		n += cborItemSize(b[n:])
	}
	return later
}

func (r *cborReader) ReadNil(*smithy.Schema) (bool, error) {
	if r.b[0] == cborNull || r.b[0] == cborUndefined {
		r.b = r.b[1:]
		return true, nil
	}
	return false, nil
}

func (r *cborReader) ReadString(s *smithy.Schema, v *string) error {
	if err := r.expect(s, majorText); err != nil {
		return err
	}
	return r.decode(v)
}

func (r *cborReader) ReadBool(s *smithy.Schema, v *bool) error {
	r.skipTags()
	if r.b[0] != cborFalse && r.b[0] != cborTrue {
		got, text := r.kind()
		return mismatch(s, got, text)
	}
	*v = r.b[0] == cborTrue
	r.b = r.b[1:]
	return nil
}

// readInt reads an integer between lo and hi.
func (r *cborReader) readInt(s *smithy.Schema, lo, hi int64) (int64, error) {
	if err := r.expect(s, majorUint, majorNegInt, majorSimple); err != nil {
		return 0, err
	}
	major, arg, size := cborHead(r.b)
	if major == majorSimple {
		if got, _ := r.kind(); got != kindNumber {
			return 0, mismatch(s, got, "")
		}
		var f float64
		if err := r.decode(&f); err != nil {
			return 0, err
		}
		return 0, fmt.Errorf("%v is not an integer", f)
	}
	n := int64(arg)
	if major == majorNegInt {
		n = -1 - n
	}
	if arg > math.MaxInt64 || n < lo || n > hi {
		return 0, fmt.Errorf("integer out of range [%d, %d]", lo, hi)
	}
	r.b = r.b[size:]
	return n, nil
}

func (r *cborReader) ReadInt8(s *smithy.Schema, v *int8) error {
	n, err := r.readInt(s, math.MinInt8, math.MaxInt8)
	*v = int8(n)
	return err
}

func (r *cborReader) ReadInt16(s *smithy.Schema, v *int16) error {
	n, err := r.readInt(s, math.MinInt16, math.MaxInt16)
	*v = int16(n)
	return err
}

// ReadInt32 reads any number, an integer or a floating-point one, as the
// service reads an Integer (int32Of), but NaN and the infinities, which JSON
// cannot send.
func (r *cborReader) ReadInt32(s *smithy.Schema, v *int32) error {
	f, err := r.readFloat(s)
	if err != nil {
		return err
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return fmt.Errorf("kinesisfake: cannot read %v as an integer", f)
	}
	*v = int32Of(f)
	return nil
}

func (r *cborReader) ReadInt64(s *smithy.Schema, v *int64) error {
	n, err := r.readInt(s, math.MinInt64, math.MaxInt64)
	*v = n
	return err
}

// readFloat reads a number, an integer or a floating-point one.
func (r *cborReader) readFloat(s *smithy.Schema) (float64, error) {
	if got, text := r.kind(); got != kindNumber {
		return 0, mismatch(s, got, text)
	}
	major, arg, size := cborHead(r.b)
	switch major {
	case majorUint:
		r.b = r.b[size:]
		return float64(arg), nil
	case majorNegInt:
		r.b = r.b[size:]
		return -1 - float64(arg), nil
	}
	var f float64
	err := r.decode(&f)
	return f, err
}

func (r *cborReader) ReadFloat32(s *smithy.Schema, v *float32) error {
	f, err := r.readFloat(s)
	*v = float32(f)
	return err
}

func (r *cborReader) ReadFloat64(s *smithy.Schema, v *float64) error {
	f, err := r.readFloat(s)
	*v = f
	return err
}

// ReadTime reads a timestamp in epoch milliseconds, tagged or not.
func (r *cborReader) ReadTime(s *smithy.Schema, v *time.Time) error {
	ms, err := r.readFloat(s)
	if err != nil {
		return err
	}
	*v, err = epochMillis(ms)
	return err
}

// ReadBlob reads a byte string, as the Java SDK writes a blob, or a text
// string in base64, as JSON carries one.
func (r *cborReader) ReadBlob(s *smithy.Schema, v *[]byte) error {
	if err := r.expect(s, majorBytes, majorText); err != nil {
		return err
	}
	if major, _, _ := cborHead(r.b); major == majorBytes {
		return r.decode(v)
	}
	var text string
	if err := r.decode(&text); err != nil {
		return err
	}
	b, err := decodeBase64(text)
	*v = b
	return err
}

func (r *cborReader) push(s *smithy.Schema, major byte, structure *smithy.Schema) error {
	if err := r.expect(s, major); err != nil {
		return err
	}
	var later repeats
	if structure != nil {
		later = laterMembers(r.b, structure)
	}
	_, n, size := cborHead(r.b)
	r.b = r.b[size:]
	r.open = append(r.open, cborContainer{left: n, schema: structure, later: later})
	return nil
}

// more reports whether the innermost array or map has another item (pair,
// in a map), and closes it if not.
func (r *cborReader) more() bool {
	top := &r.open[len(r.open)-1]
	switch {
	case top.left == indefinite && r.b[0] == cborBreak:
		r.b = r.b[1:]
	case top.left == indefinite:
		return true
	case top.left > 0:
		top.left--
		return true
	}
	r.open = r.open[:len(r.open)-1]
	return false
}

// key reads a map's key, which the Java SDK writes as a text string.
func (r *cborReader) key() (string, error) {
	var key string
	if err := r.decode(&key); err != nil {
		return "", errMalformed
	}
	return key, nil
}

func (r *cborReader) ReadStruct(s *smithy.Schema) error { return r.push(s, majorMap, s) }

// ReadStructMember returns the schema of the next member the structure
// knows, skipping the others, as the JSON reader does.
func (r *cborReader) ReadStructMember() (*smithy.Schema, error) {
	for r.more() {
		key, err := r.key()
		if err != nil {
			return nil, err
		}
		top := &r.open[len(r.open)-1]
		if m := top.schema.Member(key); m != nil && isLast(top.later, key) {
			return m, nil
		}
		if err := r.skip(); err != nil {
			return nil, err
		}
	}
	return nil, nil
}

func (r *cborReader) ReadList(s *smithy.Schema) error { return r.push(s, majorArray, nil) }

func (r *cborReader) ReadListItem(*smithy.Schema) (bool, error) { return r.more(), nil }

func (r *cborReader) ReadMap(s *smithy.Schema) error { return r.push(s, majorMap, nil) }

func (r *cborReader) ReadMapKey(*smithy.Schema) (string, bool, error) {
	if !r.more() {
		return "", false, nil
	}
	key, err := r.key()
	return key, err == nil, err
}

// No Kinesis input or output holds a union, document or big number.

var errNotInKinesis = errors.New("kinesisfake: not a Kinesis shape")

func (r *cborReader) ReadBigInt(*smithy.Schema, *big.Int) error          { return errNotInKinesis }
func (r *cborReader) ReadBigFloat(*smithy.Schema, *big.Float) error      { return errNotInKinesis }
func (r *cborReader) ReadUnion(*smithy.Schema) (*smithy.Schema, error)   { return nil, errNotInKinesis }
func (r *cborReader) ReadDocument(*smithy.Schema, *document.Value) error { return errNotInKinesis }

// cborWriter writes an output, an error or in tests an input in CBOR, with
// maps and arrays of indefinite length as the Java SDK's generator writes
// them; it is a smithy.ShapeSerializer.
type cborWriter struct {
	buf bytes.Buffer
	enc *cbor.Encoder
	// inStruct holds, for each map and array open, whether it is a
	// structure, whose members are written under their names.
	inStruct []bool
	err      error
}

func newCBORWriter() *cborWriter {
	w := new(cborWriter)
	w.enc = cborEncoding.NewEncoder(&w.buf)
	return w
}

// Bytes returns what was written, or nil if writing failed.
func (w *cborWriter) Bytes() []byte {
	if w.err != nil {
		return nil
	}
	return w.buf.Bytes()
}

func (w *cborWriter) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

// name writes a structure member's name before its value.
func (w *cborWriter) name(s *smithy.Schema) {
	if n := len(w.inStruct); n > 0 && w.inStruct[n-1] {
		w.keep(w.enc.Encode(s.MemberName()))
	}
}

func (w *cborWriter) value(s *smithy.Schema, v any) {
	w.name(s)
	w.keep(w.enc.Encode(v))
}

func (w *cborWriter) WriteInt8(s *smithy.Schema, v int8)       { w.value(s, v) }
func (w *cborWriter) WriteInt16(s *smithy.Schema, v int16)     { w.value(s, v) }
func (w *cborWriter) WriteInt32(s *smithy.Schema, v int32)     { w.value(s, v) }
func (w *cborWriter) WriteInt64(s *smithy.Schema, v int64)     { w.value(s, v) }
func (w *cborWriter) WriteFloat32(s *smithy.Schema, v float32) { w.value(s, v) }
func (w *cborWriter) WriteFloat64(s *smithy.Schema, v float64) { w.value(s, v) }
func (w *cborWriter) WriteBool(s *smithy.Schema, v bool)       { w.value(s, v) }
func (w *cborWriter) WriteString(s *smithy.Schema, v string)   { w.value(s, v) }
func (w *cborWriter) WriteBlob(s *smithy.Schema, v []byte)     { w.value(s, v) }
func (w *cborWriter) WriteNil(s *smithy.Schema)                { w.value(s, nil) }

// WriteTime writes tag 1 over epoch milliseconds, as the Java SDK does.
func (w *cborWriter) WriteTime(s *smithy.Schema, v time.Time) {
	w.value(s, cbor.Tag{Number: 1, Content: v.UnixMilli()})
}

func (w *cborWriter) open(s *smithy.Schema, structure bool, start func() error) {
	w.name(s)
	w.keep(start())
	w.inStruct = append(w.inStruct, structure)
}

func (w *cborWriter) close() {
	w.inStruct = w.inStruct[:len(w.inStruct)-1]
	w.keep(w.enc.EndIndefinite())
}

func (w *cborWriter) WriteStruct(s *smithy.Schema) { w.open(s, true, w.enc.StartIndefiniteMap) }
func (w *cborWriter) CloseStruct()                 { w.close() }
func (w *cborWriter) WriteList(s *smithy.Schema)   { w.open(s, false, w.enc.StartIndefiniteArray) }
func (w *cborWriter) CloseList()                   { w.close() }
func (w *cborWriter) WriteMap(s *smithy.Schema)    { w.open(s, false, w.enc.StartIndefiniteMap) }
func (w *cborWriter) WriteKey(_ *smithy.Schema, key string) {
	w.keep(w.enc.Encode(key))
}
func (w *cborWriter) CloseMap() { w.close() }

func (w *cborWriter) WriteBigInt(*smithy.Schema, *big.Int)         { w.keep(errNotInKinesis) }
func (w *cborWriter) WriteBigFloat(*smithy.Schema, *big.Float)     { w.keep(errNotInKinesis) }
func (w *cborWriter) WriteUnion(*smithy.Schema, *smithy.Schema)    { w.keep(errNotInKinesis) }
func (w *cborWriter) CloseUnion()                                  {}
func (w *cborWriter) WriteDocument(*smithy.Schema, document.Value) { w.keep(errNotInKinesis) }

// NewCBORReader returns a smithy.ShapeDeserializer of a CBOR body as the
// Java SDK writes it, for a client of the fake in CBOR (the tests' Go SDK
// client, which reads its outputs with it).
func NewCBORReader(body []byte) (smithy.ShapeDeserializer, error) { return newCBORReader(body) }

// NewCBORWriter returns a smithy.ShapeSerializer writing CBOR as the Java
// SDK does, for a client of the fake in CBOR (the tests' Go SDK client,
// which writes its inputs with it).
func NewCBORWriter() smithy.ShapeSerializer { return newCBORWriter() }
