package kinesisfake

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// Input validation is declared once, as data. A shape is a named set of
// constraints from the Kinesis API model (the traits of the Smithy model the
// SDK is generated from); each operation lists its input members and the shape
// each one has. validate applies them in two passes, as production does:
//
//  1. the SDK's client-side check that required members are present, failing
//     with smithy.InvalidParamsError before anything is sent;
//  2. the service's constraint check, failing with a ValidationException that
//     lists every violation in the service's wording.
//
// Checks that depend on state (does the stream exist, is the shard open) live
// with the operations.

// shape is a set of constraints. Lengths apply to strings, blobs, lists and
// maps; values to integers.
type shape struct {
	minLen, maxLen int64 // -1: no bound
	minVal, maxVal int64 // used when hasVal
	hasVal         bool
	pattern        *pattern
}

// pattern is a regular expression that must match a whole value. match is a
// faster equivalent where one exists; the expression is what messages quote.
type pattern struct {
	expr  string
	match func(string) bool
}

func regexPattern(expr string) *pattern {
	re := regexp.MustCompile(`^(?:` + expr + `)$`)
	return &pattern{expr: expr, match: re.MatchString}
}

// nameChars is the pattern of stream, shard and consumer names.
var nameChars = &pattern{expr: "[a-zA-Z0-9_.-]+", match: func(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}}

func lengths(min, max int64) shape { return shape{minLen: min, maxLen: max} }
func values(min, max int64) shape {
	return shape{minLen: -1, maxLen: -1, minVal: min, maxVal: max, hasVal: true}
}

// The shapes of the Kinesis API model (com.amazonaws.kinesis), by their model
// names.
var (
	shapeStreamName = shape{minLen: 1, maxLen: 128, pattern: nameChars}
	shapeStreamARN  = shape{minLen: 1, maxLen: 2048, pattern: regexPattern(`arn:aws.*:kinesis:.*:\d{12}:stream/\S+`)}
	shapeStreamID   = shape{minLen: 1, maxLen: 24, pattern: regexPattern(`[a-z0-9]{20}-[a-z0-9]{3}`)}
	shapeShardID    = shape{minLen: 1, maxLen: 128, pattern: nameChars}
	shapePartition  = lengths(1, 256)
	shapeHashKey    = shape{minLen: -1, maxLen: -1, pattern: regexPattern(`0|([1-9]\d{0,38})`)}
	shapeSequence   = shape{minLen: -1, maxLen: -1, pattern: regexPattern(`0|([1-9]\d{0,128})`)}
	shapeData       = lengths(0, 10<<20)
	shapeIterator   = lengths(1, 512)
	shapeNextToken  = lengths(1, 1<<20)
	shapeRecords    = lengths(1, 500)
	shapeTagMap     = lengths(1, 200)
	shapeLimit      = values(1, 10000) // GetRecords, DescribeStream, ListStreams and ListShards limits
	shapePositive   = values(1, 1<<31-1)
	shapeNatural    = values(0, 1<<31-1)
	shapeRecordSize = values(1024, 10240)
)

// checker collects what validation finds.
type checker struct {
	sdk      smithy.InvalidParamsError // required members the SDK finds missing
	problems []string                  // the service's constraint violations
}

// maxViolations is how many violations the service lists at most; the count
// it reports is the number listed.
const maxViolations = 10

func (c *checker) violation(value, at, constraint string) {
	c.add("Value " + value + " at '" + at + "' failed to satisfy constraint: " + constraint)
}

func (c *checker) add(problem string) {
	if len(c.problems) < maxViolations {
		c.problems = append(c.problems, problem)
	}
}

// err reports the first pass that failed, or nil.
func (c *checker) err() error {
	if c.sdk.Len() > 0 {
		return c.sdk
	}
	if n := len(c.problems); n > 0 {
		plural := "s"
		if n == 1 {
			plural = ""
		}
		msg := fmt.Sprintf("%d validation error%s detected: %s", n, plural, strings.Join(c.problems, "; "))
		return &types.ValidationException{Message: &msg}
	}
	return nil
}

func (sh shape) checkLen(value string, n int, at string, c *checker) {
	if sh.minLen >= 0 && int64(n) < sh.minLen {
		c.violation(value, at, "Member must have length greater than or equal to "+strconv.FormatInt(sh.minLen, 10))
	}
	if sh.maxLen >= 0 && int64(n) > sh.maxLen {
		c.violation(value, at, "Member must have length less than or equal to "+strconv.FormatInt(sh.maxLen, 10))
	}
}

// checkString reports a pattern violation before length ones, as the
// service does.
func (sh shape) checkString(s, at string, c *checker) {
	if sh.pattern != nil && !sh.pattern.match(s) {
		c.violation(quote(s), at, "Member must satisfy regular expression pattern: "+sh.pattern.expr)
	}
	sh.checkLen(quote(s), len(s), at, c)
}

func (sh shape) checkInt(v int64, at string, c *checker) {
	if !sh.hasVal {
		return
	}
	if v < sh.minVal {
		c.violation(quote(strconv.FormatInt(v, 10)), at, "Member must have value greater than or equal to "+strconv.FormatInt(sh.minVal, 10))
	}
	if v > sh.maxVal {
		c.violation(quote(strconv.FormatInt(v, 10)), at, "Member must have value less than or equal to "+strconv.FormatInt(sh.maxVal, 10))
	}
}

func quote(s string) string { return "'" + s + "'" }

// member is one input member: its SDK name, whether the SDK requires it, and
// how to check it. The service names members in lowerCamelCase.
type member[In any] struct {
	name     string
	required bool
	present  func(*In) bool
	check    func(in *In, at string, c *checker)
}

// required marks a member the SDK's client-side validation requires.
func required[In any](m member[In]) member[In] {
	m.required = true
	return m
}

func validate[In any](in *In, context string, members []member[In]) error {
	c := checker{sdk: smithy.InvalidParamsError{Context: context}}
	checkMembers(in, "", members, &c)
	return c.err()
}

func checkMembers[In any](in *In, path string, members []member[In], c *checker) {
	for _, m := range members {
		if !m.present(in) {
			if m.required {
				c.sdk.Add(smithy.NewErrParamRequired(m.name))
			}
			continue
		}
		m.check(in, path+wireName(m.name), c)
	}
}

// wireName is a member's name as the service's messages spell it.
func wireName(name string) string {
	return strings.ToLower(name[:1]) + name[1:]
}

func stringMember[In any](name string, sh shape, get func(*In) *string) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check:   func(in *In, at string, c *checker) { sh.checkString(*get(in), at, c) },
	}
}

func intMember[In any](name string, sh shape, get func(*In) *int32) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check:   func(in *In, at string, c *checker) { sh.checkInt(int64(*get(in)), at, c) },
	}
}

// blobMember checks a blob's length. The service's messages show a blob as the
// Java buffer it reads it into.
func blobMember[In any](name string, sh shape, get func(*In) []byte) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at string, c *checker) {
			n := len(get(in))
			sh.checkLen(fmt.Sprintf("'java.nio.HeapByteBuffer[pos=0 lim=%d cap=%d]'", n, n), n, at, c)
		},
	}
}

// enumMember checks an enum. The service lists the allowed values in an
// order of its own; order gives it where it is known, else the model's order
// is used.
func enumMember[In any, E interface {
	~string
	Values() []E
}](name string, get func(*In) E, order ...E) member[In] {
	if order == nil {
		order = E("").Values()
	}
	names := make([]string, len(order))
	for i, v := range order {
		names[i] = string(v)
	}
	allowed := "Member must satisfy enum value set: [" + strings.Join(names, ", ") + "]"
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != "" },
		check: func(in *In, at string, c *checker) {
			v := get(in)
			for _, ok := range order {
				if v == ok {
					return
				}
			}
			c.violation(quote(string(v)), at, allowed)
		},
	}
}

// structMember checks a nested structure; context is its SDK type name.
func structMember[In, S any](name, context string, get func(*In) *S, members ...member[S]) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at string, c *checker) {
			nested := checker{sdk: smithy.InvalidParamsError{Context: context}, problems: c.problems}
			checkMembers(get(in), at+".", members, &nested)
			c.problems = nested.problems
			c.sdk.AddNested(name, nested.sdk)
		},
	}
}

// listMember checks a list of structures; listContext and elemContext are the
// SDK's type names for the list and its element. The service numbers elements
// from 1: records.1.member.data.
func listMember[In, E any](name, listContext, elemContext string, sh shape, get func(*In) []E, members ...member[E]) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at string, c *checker) {
			list := get(in)
			// The service prints the list as Java does, with object hashes
			// that cannot be reproduced; the fake abbreviates the elements.
			shown := "'[...]'"
			if len(list) == 0 {
				shown = "'[]'"
			}
			sh.checkLen(shown, len(list), at, c)
			listSDK := smithy.InvalidParamsError{Context: listContext}
			for i := range list {
				nested := checker{sdk: smithy.InvalidParamsError{Context: elemContext}, problems: c.problems}
				checkMembers(&list[i], at+"."+strconv.Itoa(i+1)+".member.", members, &nested)
				c.problems = nested.problems
				listSDK.AddNested("["+strconv.Itoa(i)+"]", nested.sdk)
			}
			c.sdk.AddNested(name, listSDK)
		},
	}
}

// tagsMember checks a map of tags. The service checks map keys and values as
// a whole, and shows the map as Java prints it.
func tagsMember[In any](name string, get func(*In) map[string]string) member[In] {
	return member[In]{
		name:    name,
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at string, c *checker) {
			tags := get(in)
			keys := slices.Sorted(maps.Keys(tags))
			entries := make([]string, len(keys))
			keysOK, valuesOK := true, true
			for i, k := range keys {
				entries[i] = k + "=" + tags[k]
				keysOK = keysOK && len(k) >= 1 && len(k) <= 128
				valuesOK = valuesOK && len(tags[k]) <= 256
			}
			value := quote("{" + strings.Join(entries, ", ") + "}")
			shapeTagMap.checkLen(value, len(tags), at, c)
			if !keysOK {
				c.violation(value, at, "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")
			}
			if !valuesOK {
				c.violation(value, at, "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]")
			}
		},
	}
}
