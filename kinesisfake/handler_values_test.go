package kinesisfake

import (
	"encoding/json"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"
	"github.com/fxamacker/cbor/v2"
)

// answer sends body to op through the handler, in JSON or in CBOR, and
// returns the status and the error's type and message, if any.
func answer(t *testing.T, c *Client, inCBOR bool, op string, body map[string]any) (status int, errType, message string) {
	t.Helper()
	var e struct {
		Type          string `json:"__type" cbor:"__type"`
		Message       string `json:"message" cbor:"message"`
		Serialization string `json:"Message" cbor:"Message"`
	}
	if inCBOR {
		b, err := cbor.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		var resp []byte
		status, _, resp = postCBOR(t, c.Handler(), op, b)
		if status != 200 {
			if err := cbor.Unmarshal(resp, &e); err != nil {
				t.Fatalf("%s: %d %x: %v", op, status, resp, err)
			}
		}
	} else {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		var resp string
		status, resp = send(c, op, string(b))
		if status != 200 {
			if err := json.Unmarshal([]byte(resp), &e); err != nil {
				t.Fatalf("%s: %d %s: %v", op, status, resp, err)
			}
		}
	}
	return status, e.Type, e.Message + e.Serialization
}

var formats = []struct {
	name string
	cbor bool
}{{"JSON", false}, {"CBOR", true}}

// sameViolations reports whether message lists the violations want, in any
// order, as kinesalite's assertValidation compares a list of them.
func sameViolations(message string, want []string) bool {
	prefix := "1 validation error detected: "
	if len(want) > 1 {
		prefix = strconv.Itoa(len(want)) + " validation errors detected: "
	}
	rest, ok := strings.CutPrefix(message, prefix)
	if !ok {
		return false
	}
	got := strings.Split(rest, "; ")
	slices.Sort(got)
	want = slices.Sorted(slices.Values(want))
	return slices.Equal(got, want)
}

// An enum sent as "" is a value, outside the enum's set, not a member left
// out: the service lists it so, in JSON and CBOR alike.
func TestHandlerEmptyEnumsAreValues(t *testing.T) {
	c, _ := newFake(t)
	for _, tt := range []struct {
		op   string
		body map[string]any
		want []string
	}{
		// kinesalite's test/getShardIterator.js, "should return
		// ValidationException for empty StreamName", against the service.
		{"GetShardIterator", map[string]any{"StreamName": "", "ShardIteratorType": "", "ShardId": "", "StartingSequenceNumber": ""}, []string{
			`Value '' at 'shardId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
			`Value '' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 1`,
			`Value '' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`,
			`Value '' at 'startingSequenceNumber' failed to satisfy constraint: Member must satisfy regular expression pattern: 0|([1-9]\d{0,128})`,
			`Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
			`Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
		}},
		// kinesalite's test/updateShardCount.js, the same test.
		{"UpdateShardCount", map[string]any{"StreamName": "", "ScalingType": "", "TargetShardCount": 0}, []string{
			`Value '' at 'scalingType' failed to satisfy constraint: Member must satisfy enum value set: [UNIFORM_SCALING]`,
			`Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+`,
			`Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1`,
			`Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1`,
		}},
	} {
		for _, f := range formats {
			status, errType, message := answer(t, c, f.cbor, tt.op, tt.body)
			if status != 400 || errType != "ValidationException" || !sameViolations(message, tt.want) {
				t.Errorf("%s in %s: %d %s %s, want the violations %q", tt.op, f.name, status, errType, message, tt.want)
			}
		}
	}
}

// Every enum of every input, in structures and lists at any depth, is
// answered sent as "" as it is sent as any other value outside its set (the
// records above show the service making no difference), once the members
// the SDK requires are there, so that its constraints are checked at all.
func TestHandlerEveryEmptyEnumIsAValue(t *testing.T) {
	c, _ := newFake(t)
	inputs := map[string]*smithy.Schema{"SubscribeToShard": schemas.SubscribeToShardInput}
	for _, op := range c.wireOperations() {
		inputs[op.Name()] = op.Schema.Input
	}
	missing := regexp.MustCompile(`Value null at '([^']+)' failed to satisfy constraint: Member must not be null`)
	// What a value outside the set gets, with "" for it as the service
	// prints it: alone, or as a list's one element.
	outside := strings.NewReplacer("Value 'x' at", "Value '' at", "Value '[x]' at", "Value '[]' at")
	for _, op := range slices.Sorted(maps.Keys(inputs)) {
		members := inputMembers(inputs[op])
		for _, path := range slices.Sorted(maps.Keys(members)) {
			enum := members[path]
			if enum.schema.Type() != smithy.ShapeTypeEnum {
				continue
			}
			for _, f := range formats {
				with := func(v any) map[string]any {
					body := map[string]any{}
					setMember(body, enum.at, v)
					return body
				}
				// Add what is missing until nothing is.
				body := with("x")
				_, _, want := answer(t, c, f.cbor, op, body)
				for range 10 {
					found := missing.FindAllStringSubmatch(want, -1)
					if found == nil {
						break
					}
					for _, m := range found {
						setMember(body, members[m[1]].at, filler(members[m[1]].schema))
					}
					_, _, want = answer(t, c, f.cbor, op, body)
				}
				if !strings.Contains(want, "'x'") && !strings.Contains(want, "'[x]'") {
					t.Errorf("%s %s in %s: %q is not refused: %s", op, path, f.name, "x", want)
				}
				setMember(body, enum.at, "")
				status, errType, got := answer(t, c, f.cbor, op, body)
				if status != 400 || errType != "ValidationException" || got != outside.Replace(want) {
					t.Errorf("%s %s in %s: \"\" gets %d %s %s\nwant %s", op, path, f.name, status, errType, got, outside.Replace(want))
				}
			}
		}
	}
}

// inputMember is a member of an input, reached through structures and
// lists: the names of the members on the way, and "[]" for a list's element.
type inputMember struct {
	at     []string
	schema *smithy.Schema
}

// inputMembers are the members of an input, by the paths the service's
// messages give them (shardFilter.type, records.1.member.data).
func inputMembers(input *smithy.Schema) map[string]inputMember {
	members := map[string]inputMember{}
	var walk func(at []string, path string, s *smithy.Schema)
	walk = func(at []string, path string, s *smithy.Schema) {
		if path != "" {
			members[path] = inputMember{at, s}
		}
		switch s.Type() {
		case smithy.ShapeTypeStructure:
			for name, m := range s.Members() {
				p := wireName(name)
				if path != "" {
					p = path + "." + p
				}
				walk(append(slices.Clip(at), name), p, m)
			}
		case smithy.ShapeTypeList:
			walk(append(slices.Clip(at), "[]"), path+".1.member", s.ListMember())
		}
	}
	walk(nil, "", input)
	return members
}

// setMember sets the member at at in body to v, making the structures and
// lists on the way (a list of one element).
func setMember(body map[string]any, at []string, v any) {
	for len(at) > 1 {
		name := at[0]
		if at[1] == "[]" {
			if len(at) == 2 {
				body[name] = []any{v}
				return
			}
			list, _ := body[name].([]any)
			if list == nil {
				list = []any{map[string]any{}}
				body[name] = list
			}
			body, at = list[0].(map[string]any), at[2:]
			continue
		}
		next, _ := body[name].(map[string]any)
		if next == nil {
			next = map[string]any{}
			body[name] = next
		}
		body, at = next, at[1:]
	}
	body[at[0]] = v
}

// filler is a value of s's type, for a member that must be there.
func filler(s *smithy.Schema) any {
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		return map[string]any{}
	case smithy.ShapeTypeList:
		return []any{}
	case smithy.ShapeTypeMap:
		return map[string]any{"k": "v"}
	case smithy.ShapeTypeInteger, smithy.ShapeTypeTimestamp:
		return 1
	case smithy.ShapeTypeBoolean:
		return true
	case smithy.ShapeTypeBlob:
		return []byte("a")
	case smithy.ShapeTypeEnum:
		return "y"
	}
	return "a"
}

// An Integer may be sent as any number: past int32, with a fraction or an
// exponent. The service reads it (the record shows as much) and checks the
// model's range; which integer it reads is not on record, and the fake
// reads kinesalite's (int32Of in the wire): the floor, held to int32.
func TestHandlerReadsIntegersAsTheServiceDoes(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	long := strings.Repeat("a", 129)
	for _, tt := range []struct {
		op            string
		body          map[string]any // the other members
		member        string
		json          string // the number in JSON, or "" for none
		cbor          any    // the number in CBOR, or nil for none
		wantType      string
		wantInMessage string
	}{
		// kinesalite's test/createStream.js, "should return
		// ValidationException for long StreamName", against the service:
		// a ShardCount past int32 is no violation.
		{"CreateStream", map[string]any{"StreamName": long}, "ShardCount", "100000000000", uint64(100000000000), "ValidationException",
			"1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		{"CreateStream", map[string]any{"StreamName": long}, "ShardCount", "1e11", float64(1e11), "ValidationException",
			"1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
		// The integer read is kinesalite's (validations/index.js): capped
		// at 2147483647, even from past what a float64 holds, and floored.
		{"CreateStream", map[string]any{"StreamName": "n"}, "ShardCount", "1e11", float64(1e11), "LimitExceededException",
			"Number of additional shards that would have resulted from this request: 2147483647."},
		{"ListShards", map[string]any{"StreamName": "s"}, "MaxResults", "18446744073709551616", uint64(math.MaxUint64), "ValidationException",
			"1 validation error detected: Value '2147483647' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"GetRecords", map[string]any{"ShardIterator": "x"}, "Limit", "1e400", nil, "ValidationException",
			"1 validation error detected: Value '2147483647' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000"},
		{"ListStreams", nil, "Limit", "0.5", float64(0.5), "ValidationException",
			"1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"ListStreams", nil, "Limit", "-0.5", float64(-0.5), "ValidationException",
			"1 validation error detected: Value '-1' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		{"UpdateShardCount", map[string]any{"StreamName": "s", "ScalingType": "UNIFORM_SCALING"}, "TargetShardCount", "4.9e0", float32(4.9), "LimitExceededException",
			"Current open shard count: 1, Target shard count: 4"},
		// Below int32 the fake holds the number at -2147483648; kinesalite
		// keeps it whole.
		{"ListStreams", nil, "Limit", "-1e11", int64(-1e11), "ValidationException",
			"1 validation error detected: Value '-2147483648' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"},
		// What is not a number is not read: a string (test/helpers.js,
		// assertType), and in CBOR, which has them, NaN and the
		// infinities.
		{"ListStreams", nil, "Limit", `"NaN"`, math.NaN(), "SerializationException", ""},
		{"ListStreams", nil, "Limit", `"Infinity"`, math.Inf(1), "SerializationException", ""},
	} {
		for _, f := range formats {
			body := maps.Clone(tt.body)
			if body == nil {
				body = map[string]any{}
			}
			switch {
			case !f.cbor && tt.json != "":
				body[tt.member] = json.RawMessage(tt.json)
			case f.cbor && tt.cbor != nil:
				body[tt.member] = tt.cbor
			default:
				continue
			}
			status, errType, message := answer(t, c, f.cbor, tt.op, body)
			if status != 400 || errType != tt.wantType || !strings.Contains(message, tt.wantInMessage) {
				t.Errorf("%s %s %s in %s: %d %s %s, want %s %s", tt.op, tt.member, tt.json, f.name, status, errType, message, tt.wantType, tt.wantInMessage)
			}
		}
	}
}
