package wire

import (
	"encoding/base64"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// serializationError is a body the service cannot read: a
// SerializationException, with the service's Message, or none.
type serializationError struct{ message string }

func (e *serializationError) Error() string {
	if e.message == "" {
		return "SerializationException"
	}
	return "SerializationException: " + e.message
}

// errMalformed is a body that does not parse, which the service answers
// with no message (kinesalite's test/connection.js, "should return
// SerializationException if non-JSON body").
var errMalformed = &serializationError{}

// kind is the type of a value as read off the wire.
type kind int

const (
	kindString kind = iota
	kindNumber
	kindBool
	kindList
	kindMap
	kindBytes // CBOR only
	kindOther // CBOR's other simple values
)

var kindNames = [...]string{"a string", "a number", "a boolean", "a list", "a map", "a byte string", "a simple value"}

// serviceMismatch is the service's message for a value of kind got (with
// its text, if a string) where a value of type want belongs, if it is on
// record: kinesalite's tests record them, run against the service
// (test/helpers.js, assertType, which each operation's "serializations"
// tests call), and kinesalite words timestamps' from the service
// (validations/index.js).
func serviceMismatch(want smithy.ShapeType, got kind, text string) (string, bool) {
	switch {
	case got == kindList && want != smithy.ShapeTypeList:
		return "Start of list found where not expected", true
	case got == kindMap && want != smithy.ShapeTypeMap && want != smithy.ShapeTypeStructure:
		return "Start of structure or map found where not expected.", true
	case got == kindBytes || got == kindOther:
		return "", false
	case want == smithy.ShapeTypeList && got != kindList:
		return "Expected list or null", true
	case want == smithy.ShapeTypeMap && got != kindMap:
		return "Expected map or null", true
	case want == smithy.ShapeTypeStructure && got != kindMap:
		return "Expected null", true
	}
	var target string
	switch want {
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		target = "an String"
	case smithy.ShapeTypeInteger:
		target = "an Integer"
	case smithy.ShapeTypeLong:
		target = "an Long"
	case smithy.ShapeTypeBoolean:
		target = "an Boolean"
	case smithy.ShapeTypeBlob:
		target = "a Blob"
	case smithy.ShapeTypeTimestamp:
		target = "milliseconds since epoch"
	default:
		return "", false
	}
	var class string
	switch {
	case got == kindString && want == smithy.ShapeTypeBoolean:
		class = "'" + strings.ToUpper(text) + "'"
	case got == kindString && want != smithy.ShapeTypeString && want != smithy.ShapeTypeEnum && want != smithy.ShapeTypeBlob:
		class = "class java.lang.String"
	case got == kindBool && want != smithy.ShapeTypeBoolean:
		class = "class java.lang.Boolean"
	case got == kindNumber && (want == smithy.ShapeTypeString || want == smithy.ShapeTypeEnum || want == smithy.ShapeTypeBoolean || want == smithy.ShapeTypeBlob):
		class = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber"
	default:
		return "", false // not a mismatch, or not on record
	}
	return class + " can not be converted to " + target, true
}

// mismatch is the SerializationException for a value of kind got where s
// takes another: in the service's words if on record, else in the fake's.
func mismatch(s *smithy.Schema, got kind, text string) error {
	if msg, ok := serviceMismatch(s.Type(), got, text); ok {
		return &serializationError{msg}
	}
	return &serializationError{"kinesisfake: cannot read " + kindNames[got] + " as " + s.TargetID().Name}
}

// int32Of is the integer the service reads a number as where the model has
// an Integer: its floor, held to int32's range. The service takes any number
// there: kinesalite's tests, run against it, list only strings, booleans,
// lists and maps as what it refuses for an Integer (test/helpers.js,
// assertType), and record it taking a ShardCount of 100000000000 without a
// violation of its range (test/createStream.js, "should return
// ValidationException for long StreamName"). Which integer it reads is not
// on record: kinesalite floors a number, read as a float64 as here, and caps
// it at 2147483647 (validations/index.js); the fake holds one below int32 at
// -2147483648 too.
func int32Of(f float64) int32 {
	switch f = math.Floor(f); {
	case f > math.MaxInt32:
		return math.MaxInt32
	case f < math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

// strictBase64 refuses padding bits that are not zero, as the service does.
var strictBase64 = base64.StdEncoding.Strict()

// decodeBase64 decodes a blob sent as base64 text, failing as the service
// does, in its words (kinesalite's assertType for Blob, and its
// validations/index.js for the order of the checks).
func decodeBase64(text string) ([]byte, error) {
	b, err := strictBase64.DecodeString(text)
	if err == nil {
		return b, nil
	}
	prefix := "'" + text + "' can not be converted to a Blob: "
	if len(text)%4 != 0 {
		return nil, &serializationError{prefix + "Base64 encoded length is expected a multiple of 4 bytes but found: " + strconv.Itoa(len(text))}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		valid := c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '='
		if !valid || c == '=' && i+1 < len(text) && text[i+1] != '=' {
			return nil, &serializationError{prefix + "Invalid Base64 character: '" + string(c) + "'"}
		}
	}
	// The service's own misspelling.
	return nil, &serializationError{prefix + "Invalid last non-pad Base64 character dectected"}
}

// jsonReader is the SDK's JSON deserializer answering as the service does:
// a value of the wrong type in the service's words, a body that does not
// parse with no message, and timestamps and blobs read as the service reads
// them.
type jsonReader struct{ smithy.ShapeDeserializer }

// check turns an error of the SDK's reader into the service's. Its errors
// name the token it could not read ("expected string, got 23"; "invalid int:
// true"), which tells the kind of the value; other failures are syntax.
// A Long out of range keeps the SDK's words: the service's are not on
// record (no Kinesis input holds one).
func (r jsonReader) check(s *smithy.Schema, err error) error {
	if err == nil {
		return nil
	}
	var num *strconv.NumError
	msg := err.Error()
	tok, named := "", false
	switch {
	case errors.As(err, &num):
		tok, named = num.Num, true
	case strings.HasPrefix(msg, "unexpected string value for float: "):
		tok, named = strconv.Quote(strings.TrimPrefix(msg, "unexpected string value for float: ")), true
	case strings.Contains(msg, "exceeds range"):
		return err
	default:
		if _, tok, named = strings.Cut(msg, ", got "); !named {
			_, tok, named = strings.Cut(msg, "invalid int: ")
		}
	}
	if !named || tok == "" {
		return errMalformed
	}
	var got kind
	text := ""
	switch tok[0] {
	case '"':
		got = kindString
		text, _ = strconv.Unquote(tok)
	case 't', 'f':
		got = kindBool
	case '[':
		got = kindList
	case '{':
		got = kindMap
	case 'n':
		return errMalformed
	default:
		got = kindNumber
	}
	if msg, ok := serviceMismatch(s.Type(), got, text); ok {
		return &serializationError{msg}
	}
	return err
}

// malformed answers a failure to read the body's structure as one that
// does not parse.
func malformed(err error) error {
	if err != nil {
		return errMalformed
	}
	return nil
}

func (r jsonReader) ReadString(s *smithy.Schema, v *string) error {
	return r.check(s, r.ShapeDeserializer.ReadString(s, v))
}

func (r jsonReader) ReadBool(s *smithy.Schema, v *bool) error {
	return r.check(s, r.ShapeDeserializer.ReadBool(s, v))
}

// ReadInt32 reads any number, fractions, exponents and numbers past int32
// or even float64 among them, as the service reads an Integer (int32Of).
func (r jsonReader) ReadInt32(s *smithy.Schema, v *int32) error {
	var f float64
	err := r.ShapeDeserializer.ReadFloat64(s, &f)
	var num *strconv.NumError
	switch {
	case errors.As(err, &num) && num.Err == strconv.ErrRange:
		// A number past float64's: f is an infinity of its sign.
	case err != nil:
		return r.check(s, err)
	case math.IsNaN(f) || math.IsInf(f, 0):
		// The SDK's reader takes the strings "NaN" and "Infinity" for
		// floats; for the service they are strings.
		return mismatch(s, kindString, "")
	}
	*v = int32Of(f)
	return nil
}

func (r jsonReader) ReadInt64(s *smithy.Schema, v *int64) error {
	return r.check(s, r.ShapeDeserializer.ReadInt64(s, v))
}

func (r jsonReader) ReadStruct(s *smithy.Schema) error {
	return r.check(s, r.ShapeDeserializer.ReadStruct(s))
}

func (r jsonReader) ReadList(s *smithy.Schema) error {
	return r.check(s, r.ShapeDeserializer.ReadList(s))
}

func (r jsonReader) ReadMap(s *smithy.Schema) error {
	return r.check(s, r.ShapeDeserializer.ReadMap(s))
}

func (r jsonReader) ReadNil(s *smithy.Schema) (bool, error) {
	isNil, err := r.ShapeDeserializer.ReadNil(s)
	return isNil, malformed(err)
}

func (r jsonReader) ReadStructMember() (*smithy.Schema, error) {
	m, err := r.ShapeDeserializer.ReadStructMember()
	return m, malformed(err)
}

func (r jsonReader) ReadListItem(s *smithy.Schema) (bool, error) {
	more, err := r.ShapeDeserializer.ReadListItem(s)
	return more, malformed(err)
}

func (r jsonReader) ReadMapKey(s *smithy.Schema) (string, bool, error) {
	key, more, err := r.ShapeDeserializer.ReadMapKey(s)
	return key, more, malformed(err)
}

// ReadTime reads a timestamp in epoch seconds, the JSON protocols' format.
// (The SDK's own reader panics on NaN and wraps the others around, as it
// keeps nanoseconds.)
func (r jsonReader) ReadTime(s *smithy.Schema, v *time.Time) error {
	var seconds float64
	if err := r.check(s, r.ShapeDeserializer.ReadFloat64(s, &seconds)); err != nil {
		return err
	}
	t, err := epochMillis(seconds * 1000)
	*v = t
	return err
}

// ReadBlob reads a blob as base64 text.
func (r jsonReader) ReadBlob(s *smithy.Schema, v *[]byte) error {
	var text string
	if err := r.ReadString(s, &text); err != nil {
		return err
	}
	b, err := decodeBase64(text)
	*v = b
	return err
}
