package wire

import (
	"encoding/base64"
	"math"
	"strconv"
	"strings"

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
