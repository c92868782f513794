package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
)

// The JSON 1.1 protocol's inputs are read here, not by the SDK's own JSON
// reader, which reads responses: it copies the body into a buffer that
// doubles as it fills, two to four times the body's size, and reads every
// value of a member that comes more than once. jsonReader reads the body
// where it lies, once encoding/json has found it well formed, as cborReader
// reads CBOR, and answers in the service's words what the SDK's reader
// answers in its own. Where the two could differ, it does as the SDK's does:
// a member whose value is null is not there, strings without escapes are
// taken as they are, and a number may be sent as "NaN" or "Infinity" where
// it is read as a float.

// jsonReader reads an input from a well-formed JSON body; it is a
// smithy.ShapeDeserializer.
type jsonReader struct {
	b    []byte          // the rest of the body, from the next value or separator on
	open []jsonContainer // the objects and arrays being read, innermost last
}

// jsonContainer is an object or array being read.
type jsonContainer struct {
	schema *smithy.Schema // a structure's, to find its members by name
	later  repeats
}

// newJSONReader returns a reader of body, or a SerializationException with no
// message, as the service answers a body it cannot parse, if body is not one
// well-formed JSON value.
func newJSONReader(body []byte) (*jsonReader, error) {
	if !json.Valid(body) {
		return nil, errMalformed
	}
	return &jsonReader{b: body}, nil
}

// next drops the white space before the next token and returns its first
// byte; the body is well formed, so there is one.
func (r *jsonReader) next() byte {
	r.b = skipSpace(r.b)
	if len(r.b) == 0 {
		return 0
	}
	return r.b[0]
}

// jsonStringSize is the size of the string at the start of b, its quotes
// included.
func jsonStringSize(b []byte) int {
	for i := 1; ; {
		end := i + bytes.IndexByte(b[i:], '"')
		escapes := 0
		for j := end - 1; b[j] == '\\'; j-- {
			escapes++
		}
		if escapes%2 == 0 {
			return end + 1
		}
		i = end + 1
	}
}

// jsonValueSize is the size of the well-formed value at the start of b.
func jsonValueSize(b []byte) int {
	switch b[0] {
	case '"':
		return jsonStringSize(b)
	case '{', '[':
		depth := 0
		for i := 0; ; i++ {
			switch b[i] {
			case '"':
				i += jsonStringSize(b[i:]) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
		}
	}
	// A number, true, false or null.
	for i, c := range b {
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			return i
		}
	}
	return len(b)
}

// token returns the value at the start of the rest, and moves past it.
func (r *jsonReader) token() []byte {
	r.next()
	n := jsonValueSize(r.b)
	tok := r.b[:n]
	r.b = r.b[n:]
	return tok
}

// unquote is the text of the string tok, its quotes included: the bytes
// between them as they are if it has no escapes, as the SDK's reader takes
// them, and otherwise as encoding/json reads them.
func unquote(tok []byte) string {
	raw := tok[1 : len(tok)-1]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw)
	}
	var s string
	json.Unmarshal(tok, &s) // well formed: it cannot fail
	return s
}

// kind is the kind of the next value, and its text if it is a string, for
// the service's message about a value of the wrong type; null, where a
// value is read, is a body that does not parse, as it is to the SDK's
// reader.
func (r *jsonReader) kind() (kind, string, error) {
	switch r.next() {
	case '"':
		return kindString, unquote(r.b[:jsonStringSize(r.b)]), nil
	case 't', 'f':
		return kindBool, "", nil
	case '[':
		return kindList, "", nil
	case '{':
		return kindMap, "", nil
	case 'n':
		return 0, "", errMalformed
	}
	return kindNumber, "", nil
}

// expect returns nil if the next value starts with first, and otherwise the
// service's error for a value of the wrong type where s belongs.
func (r *jsonReader) expect(s *smithy.Schema, first byte) error {
	if r.next() == first {
		return nil
	}
	got, text, err := r.kind()
	if err != nil {
		return err
	}
	return mismatch(s, got, text)
}

func (r *jsonReader) ReadNil(*smithy.Schema) (bool, error) {
	if r.next() == 'n' {
		r.b = r.b[len("null"):]
		return true, nil
	}
	return false, nil
}

func (r *jsonReader) ReadString(s *smithy.Schema, v *string) error {
	if err := r.expect(s, '"'); err != nil {
		return err
	}
	*v = unquote(r.token())
	return nil
}

func (r *jsonReader) ReadBool(s *smithy.Schema, v *bool) error {
	switch r.next() {
	case 't':
		*v = true
		r.b = r.b[len("true"):]
		return nil
	case 'f':
		*v = false
		r.b = r.b[len("false"):]
		return nil
	}
	got, text, err := r.kind()
	if err != nil {
		return err
	}
	return mismatch(s, got, text)
}

// readFloat reads a number, or as the SDK's reader does, the strings NaN,
// Infinity and -Infinity in any case. A number past float64's range is an
// infinity of its sign.
func (r *jsonReader) readFloat(s *smithy.Schema) (float64, error) {
	got, text, err := r.kind()
	switch {
	case err != nil:
		return 0, err
	case got == kindString && strings.EqualFold(text, "NaN"):
		r.token()
		return math.NaN(), nil
	case got == kindString && strings.EqualFold(text, "Infinity"):
		r.token()
		return math.Inf(1), nil
	case got == kindString && strings.EqualFold(text, "-Infinity"):
		r.token()
		return math.Inf(-1), nil
	case got != kindNumber:
		return 0, mismatch(s, got, text)
	}
	f, _ := strconv.ParseFloat(string(r.token()), 64) // a JSON number is Go's too
	return f, nil
}

// ReadInt32 reads any number, fractions, exponents and numbers past int32
// or even float64 among them, as the service reads an Integer (int32Of). A
// string is a string to the service, NaN and Infinity among them.
func (r *jsonReader) ReadInt32(s *smithy.Schema, v *int32) error {
	if got, text, err := r.kind(); err != nil || got == kindString {
		if err != nil {
			return err
		}
		return mismatch(s, got, text)
	}
	f, err := r.readFloat(s)
	*v = int32Of(f)
	return err
}

func (r *jsonReader) ReadInt8(s *smithy.Schema, v *int8) error {
	n, err := r.readInt(s, math.MinInt8, math.MaxInt8)
	*v = int8(n)
	return err
}

func (r *jsonReader) ReadInt16(s *smithy.Schema, v *int16) error {
	n, err := r.readInt(s, math.MinInt16, math.MaxInt16)
	*v = int16(n)
	return err
}

func (r *jsonReader) ReadInt64(s *smithy.Schema, v *int64) error {
	n, err := r.readInt(s, math.MinInt64, math.MaxInt64)
	*v = n
	return err
}

// readInt reads an integer between lo and hi; no Kinesis input holds one
// but as an Integer, which ReadInt32 reads.
func (r *jsonReader) readInt(s *smithy.Schema, lo, hi int64) (int64, error) {
	if got, text, err := r.kind(); err != nil || got != kindNumber {
		if err != nil {
			return 0, err
		}
		return 0, mismatch(s, got, text)
	}
	tok := r.token()
	n, err := strconv.ParseInt(string(tok), 10, 64)
	if err != nil || n < lo || n > hi {
		return 0, &serializationError{fmt.Sprintf("kinesisfake: %s is not an integer in [%d, %d]", tok, lo, hi)}
	}
	return n, nil
}

func (r *jsonReader) ReadFloat32(s *smithy.Schema, v *float32) error {
	f, err := r.readFloat(s)
	*v = float32(f)
	return err
}

func (r *jsonReader) ReadFloat64(s *smithy.Schema, v *float64) error {
	f, err := r.readFloat(s)
	*v = f
	return err
}

// ReadTime reads a timestamp in epoch seconds, the JSON protocols' format.
func (r *jsonReader) ReadTime(s *smithy.Schema, v *time.Time) error {
	seconds, err := r.readFloat(s)
	if err != nil {
		return err
	}
	*v, err = epochMillis(seconds * 1000)
	return err
}

// ReadBlob reads a blob as base64 text, decoded from the body itself unless
// it has escapes. A blob sent as null is not there, as to the SDK's reader.
func (r *jsonReader) ReadBlob(s *smithy.Schema, v *[]byte) error {
	if isNil, _ := r.ReadNil(s); isNil {
		return nil
	}
	if err := r.expect(s, '"'); err != nil {
		return err
	}
	tok := r.token()
	if raw := tok[1 : len(tok)-1]; bytes.IndexByte(raw, '\\') < 0 {
		b := make([]byte, strictBase64.DecodedLen(len(raw)))
		if n, err := strictBase64.Decode(b, raw); err == nil {
			*v = b[:n]
			return nil
		}
	}
	b, err := decodeBase64(unquote(tok))
	*v = b
	return err
}

// push opens the object or array that starts the rest, first its first
// byte: of a structure's, finding which members come again.
func (r *jsonReader) push(s *smithy.Schema, first byte, structure *smithy.Schema) error {
	if err := r.expect(s, first); err != nil {
		return err
	}
	var later repeats
	if structure != nil {
		later = r.laterMembers(structure)
	}
	r.b = r.b[1:]
	r.open = append(r.open, jsonContainer{schema: structure, later: later})
	return nil
}

// more reports whether the innermost object or array has another element
// (member, in an object), and closes it if not.
func (r *jsonReader) more() bool {
	switch r.next() {
	case ',':
		r.b = r.b[1:]
		return true
	case '}', ']':
		r.b = r.b[1:]
		r.open = r.open[:len(r.open)-1]
		return false
	}
	return true // the first
}

// key reads an object's key and the colon after it.
func (r *jsonReader) key() []byte {
	r.next()
	n := jsonStringSize(r.b)
	key := r.b[:n]
	r.b = r.b[n:]
	r.next()
	r.b = r.b[1:] // the colon
	return key
}

// memberKey is the name a key gives, unquoted only if it has escapes.
func memberKey(key []byte) []byte {
	if raw := key[1 : len(key)-1]; bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	return []byte(unquote(key))
}

// laterMembers counts, for the members of structure s that the object
// starting the rest gives a value other than null more than once, how many
// times each comes after the first; nil, and nothing allocated, if none
// does.
func (r *jsonReader) laterMembers(s *smithy.Schema) repeats {
	var keys [16][]byte // the member keys met so far; a structure has few
	seen := keys[:0]
	var later repeats
	b := r.b[1:]
	for {
		b = skipSpace(b)
		if b[0] == '}' {
			return later
		}
		if b[0] == ',' {
			b = skipSpace(b[1:])
		}
		n := jsonStringSize(b)
		key := memberKey(b[:n])
		b = skipSpace(skipSpace(b[n:])[1:])
		if b[0] != 'n' && s.Member(string(key)) != nil {
			later, seen = later.meet(key, seen)
		}
		b = b[jsonValueSize(b):]
	}
}

// skipSpace drops the white space JSON allows at the start of b.
func skipSpace(b []byte) []byte {
	for i, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return b[i:]
		}
	}
	return b[len(b):]
}

func (r *jsonReader) ReadStruct(s *smithy.Schema) error { return r.push(s, '{', s) }

// ReadStructMember returns the schema of the next member the structure
// knows, skipping the others, members sent as null and all but the last of
// a member sent more than once.
func (r *jsonReader) ReadStructMember() (*smithy.Schema, error) {
	for r.more() {
		key := memberKey(r.key())
		top := &r.open[len(r.open)-1]
		m := top.schema.Member(string(key))
		if isNil, _ := r.ReadNil(m); isNil {
			continue
		}
		if m != nil && isLast(top.later, key) {
			return m, nil
		}
		r.token()
	}
	return nil, nil
}

func (r *jsonReader) ReadList(s *smithy.Schema) error { return r.push(s, '[', nil) }

func (r *jsonReader) ReadListItem(*smithy.Schema) (bool, error) { return r.more(), nil }

func (r *jsonReader) ReadMap(s *smithy.Schema) error { return r.push(s, '{', nil) }

func (r *jsonReader) ReadMapKey(*smithy.Schema) (string, bool, error) {
	if !r.more() {
		return "", false, nil
	}
	return unquote(r.key()), true, nil
}

// No Kinesis input holds a union, document or big number.

func (r *jsonReader) ReadBigInt(*smithy.Schema, *big.Int) error          { return errNotInKinesis }
func (r *jsonReader) ReadBigFloat(*smithy.Schema, *big.Float) error      { return errNotInKinesis }
func (r *jsonReader) ReadUnion(*smithy.Schema) (*smithy.Schema, error)   { return nil, errNotInKinesis }
func (r *jsonReader) ReadDocument(*smithy.Schema, *document.Value) error { return errNotInKinesis }
