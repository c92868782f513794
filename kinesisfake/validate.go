package kinesisfake

import (
	"fmt"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
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

// shape is a set of constraints: lengths for strings, blobs, lists and maps,
// values for integers, a pattern for strings.
type shape struct {
	minLen, maxLen int64 // -1: no bound
	minVal, maxVal int64
	pattern        *pattern
	// model names a list or map shape in the model, for the wire, which
	// keeps no more elements of one than validation reports.
	model string
}

// of names a list or map shape after its model name.
func (sh shape) of(model string) shape {
	sh.model = model
	return sh
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

// orFirst is p, matched first by accepts, which takes a subset of what p
// matches cheaply, and by p's expression only for what accepts refuses:
// the ARNs the fake makes pass without a regular expression's backtracking.
func (p *pattern) orFirst(accepts func(string) bool) *pattern {
	return &pattern{expr: p.expr, match: func(s string) bool { return accepts(s) || p.match(s) }}
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

// resourceARNChars is ResourceARN's pattern. The API reference gives the
// pattern of stream and consumer ARNs, which is what messages quote; the SDK
// also sends channel and queue ARNs in ResourceARN (its endpoint rules
// accept their resource types, and the model's pattern from v1.57.0 is
// arn:aws.*:kinesis:.*:\d{12}:.*(stream|channel|queue)/\S+), so they pass
// too.
var resourceARNChars = func() *pattern {
	p := regexPattern(`arn:aws.*:kinesis:.*:\d{12}:.*stream/\S+`)
	other := regexp.MustCompile(`^arn:aws.*:kinesis:.*:\d{12}:(channel|queue)/\S+$`)
	return &pattern{expr: p.expr, match: func(s string) bool { return p.match(s) || other.MatchString(s) }}
}()

func lengths(min, max int64) shape { return shape{minLen: min, maxLen: max} }
func values(min, max int64) shape  { return shape{minLen: -1, maxLen: -1, minVal: min, maxVal: max} }
func matching(min, max int64, p *pattern) shape {
	return shape{minLen: min, maxLen: max, pattern: p}
}

// The shapes of the Kinesis API model (com.amazonaws.kinesis), by their model
// names.
var (
	shapeStreamName   = matching(1, 128, nameChars)
	shapeStreamARN    = matching(1, 2048, regexPattern(`arn:aws.*:kinesis:.*:\d{12}:stream/\S+`))
	shapeStreamID     = matching(1, 24, regexPattern(`[a-z0-9]{20}-[a-z0-9]{3}`))
	shapeShardID      = matching(1, 128, nameChars)
	shapeConsumerName = matching(1, 128, nameChars)
	shapeConsumerARN  = matching(1, 2048, regexPattern(`^(arn):aws.*:kinesis:.*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+`))
	shapeResourceARN  = matching(1, 2048, resourceARNChars)
	shapePartition    = lengths(1, 256)
	shapeHashKey      = matching(-1, -1, regexPattern(`0|([1-9]\d{0,38})`))
	shapeSequence     = matching(-1, -1, regexPattern(`0|([1-9]\d{0,128})`))
	shapeData         = lengths(0, 10<<20)
	shapeIterator     = lengths(1, 512)
	shapeNextToken    = lengths(1, 1<<20)
	shapeRecords      = lengths(1, 500).of("PutRecordsRequestEntryList")
	shapeTagMap       = lengths(1, 200).of("TagMap")
	shapeLimit        = values(1, 10000) // the limits of GetRecords and the Describe and List operations
	shapePositive     = values(1, math.MaxInt32)
	shapeNatural      = values(0, math.MaxInt32)
	shapeRecordSize   = values(1024, 10240)
)

// checker collects what validation finds. It is passed and returned by value,
// so validation allocates nothing unless it finds something.
type checker struct {
	sdk        smithy.InvalidParamsError // required members the SDK finds missing
	problems   []recorded.Violation      // the service's constraint violations
	emptyEnums []string                  // where the request sent an enum as "" (wire.EmptyEnums)
}

// nested is c for the members of a nested structure, of SDK type context,
// whose missing members the SDK reports apart.
func (c checker) nested(context string) checker {
	c.sdk = smithy.InvalidParamsError{Context: context}
	return c
}

// sentEmpty reports whether the request sent the enum at at.to(name) as "".
func (c checker) sentEmpty(at path, name string) bool {
	return len(c.emptyEnums) > 0 && slices.Contains(c.emptyEnums, at.to(name))
}

// maxViolations is how many violations the service lists at most; the count
// it reports is the number listed.
const maxViolations = 10

// violation adds a violation by value, which the service quotes.
func (c checker) violation(value string, at path, name, constraint string) checker {
	return c.add(recorded.Violation{Value: value, Quoted: true, Member: at.to(name), Constraint: constraint})
}

func (c checker) add(problem recorded.Violation) checker {
	if len(c.problems) < maxViolations {
		c.problems = append(c.problems, problem)
	}
	return c
}

// err reports the first pass that failed, or nil.
func (c checker) err() error {
	if c.sdk.Len() > 0 {
		return c.sdk
	}
	if n := len(c.problems); n > 0 {
		return &types.ValidationException{Message: ptr(recorded.ValidationErrors(c.problems...))}
	}
	return nil
}

// path is where a member sits in an input, as the service's messages name it:
// streamName, shardFilter.type, records.3.member.data. It is spelt out only
// when a message needs it, or to match the paths by which the wire names
// enums sent as "" (wire.EmptyEnums).
type path struct {
	parent string // the enclosing member's wire name; empty at the top level
	index  int    // the 1-based position in the parent list; 0 outside lists
}

func (p path) to(name string) string {
	switch {
	case p.parent == "":
		return name
	case p.index == 0:
		return p.parent + "." + name
	}
	return p.parent + "." + strconv.Itoa(p.index) + ".member." + name
}

// lengthViolation is the constraint a length breaks, or "".
func (sh shape) lengthViolation(n int) string {
	switch {
	case sh.minLen >= 0 && int64(n) < sh.minLen:
		return "Member must have length greater than or equal to " + strconv.FormatInt(sh.minLen, 10)
	case sh.maxLen >= 0 && int64(n) > sh.maxLen:
		return "Member must have length less than or equal to " + strconv.FormatInt(sh.maxLen, 10)
	}
	return ""
}

// checkString reports a pattern violation before a length one, as the
// service does.
func (sh shape) checkString(s string, at path, name string, c checker) checker {
	if sh.pattern != nil && !sh.pattern.match(s) {
		c = c.violation(s, at, name, "Member must satisfy regular expression pattern: "+sh.pattern.expr)
	}
	if v := sh.lengthViolation(javaLength(s)); v != "" {
		c = c.violation(s, at, name, v)
	}
	return c
}

// javaLength is a string's length as the service counts it: in UTF-16 code
// units, as Java's String.length does, not in bytes.
func javaLength(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			n := 0
			for _, r := range s {
				n += utf16.RuneLen(r)
			}
			return n
		}
	}
	return len(s)
}

func (sh shape) checkInt(v int64, at path, name string, c checker) checker {
	switch {
	case v < sh.minVal:
		return c.violation(strconv.FormatInt(v, 10), at, name, "Member must have value greater than or equal to "+strconv.FormatInt(sh.minVal, 10))
	case v > sh.maxVal:
		return c.violation(strconv.FormatInt(v, 10), at, name, "Member must have value less than or equal to "+strconv.FormatInt(sh.maxVal, 10))
	}
	return c
}

// member is one input member: its SDK name, whether the SDK requires it, and
// how the service checks it.
type member[In any] struct {
	name     string // as the SDK spells it: StreamName
	wire     string // as the service's messages spell it: streamName
	required bool
	present  func(*In) bool
	// enum is set for an enum, which the SDK's types hold by value: one
	// the request sent as "" is present though present says not.
	enum  bool
	check func(in *In, at path, wire string, c checker) checker
	// text reads a string member; role says what it names, if anything
	// faults, call rates and the request log key on.
	text func(*In) *string
	role role
	// members are a group's.
	members []member[In]
	// collections are the list and map shapes of the member and those
	// inside it.
	collections []shape
}

// A role is what a string member names for faults, call rates and the
// request log: the stream or shard a call is about.
type role uint8

const (
	namesNothing role = iota
	namesStream
	namesStreamARN
	namesConsumerARN
	namesShard
	namesIterator
)

// naming marks m, a string member, as naming what r says.
func naming[In any](r role, m member[In]) member[In] {
	if m.text == nil {
		panic("kinesisfake: naming " + m.name + ", which is not a string member")
	}
	m.role = r
	return m
}

// namedBy is a member that names what a call is about.
type namedBy[In any] struct {
	role role
	text func(*In) *string
}

// namingMembers are the members, top-level or in groups, that name what
// a call is about.
func namingMembers[In any](members []member[In]) []namedBy[In] {
	var named []namedBy[In]
	for _, m := range members {
		if m.role != namesNothing {
			named = append(named, namedBy[In]{m.role, m.text})
		}
		named = append(named, namingMembers(m.members)...)
	}
	return named
}

// required marks a member the SDK's client-side validation requires.
func required[In any](m member[In]) member[In] {
	m.required = true
	return m
}

// input is the validation of one operation's input.
type input[In any] struct {
	context string // the SDK's name for the input type: PutRecordInput
	members []member[In]
}

// validate checks in; emptyEnums are where its request sent enums as ""
// (wire.EmptyEnums).
func (v input[In]) validate(in *In, emptyEnums []string) error {
	return checkMembers(in, path{}, v.members, checker{sdk: smithy.InvalidParamsError{Context: v.context}, emptyEnums: emptyEnums}).err()
}

func checkMembers[In any](in *In, at path, members []member[In], c checker) checker {
	for _, m := range members {
		if !m.present(in) && !(m.enum && c.sentEmpty(at, m.wire)) {
			if m.required {
				c.sdk.Add(smithy.NewErrParamRequired(m.name))
			}
			continue
		}
		c = m.check(in, at, m.wire, c)
	}
	return c
}

// wireName is a member's name as the service's messages spell it: the SDK's
// name with its first letter in lower case.
func wireName(name string) string {
	if name == "" || name[0] < 'A' || name[0] > 'Z' {
		return name
	}
	return string(rune(name[0]-'A'+'a')) + name[1:]
}

func stringMember[In any](name string, sh shape, get func(*In) *string) member[In] {
	return member[In]{
		name:    name,
		wire:    wireName(name),
		present: func(in *In) bool { return get(in) != nil },
		check:   func(in *In, at path, wire string, c checker) checker { return sh.checkString(*get(in), at, wire, c) },
		text:    get,
	}
}

func intMember[In any](name string, sh shape, get func(*In) *int32) member[In] {
	return member[In]{
		name:    name,
		wire:    wireName(name),
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at path, wire string, c checker) checker {
			return sh.checkInt(int64(*get(in)), at, wire, c)
		},
	}
}

// blobMember checks a blob's length. The service's messages show a blob as the
// Java buffer it reads it into.
func blobMember[In any](name string, sh shape, get func(*In) []byte) member[In] {
	return member[In]{
		name:    name,
		wire:    wireName(name),
		present: func(in *In) bool { return get(in) != nil },
		check: func(in *In, at path, wire string, c checker) checker {
			n := len(get(in))
			if v := sh.lengthViolation(n); v != "" {
				c = c.violation(fmt.Sprintf("java.nio.HeapByteBuffer[pos=0 lim=%d cap=%d]", n, n), at, wire, v)
			}
			return c
		},
	}
}

// enum is the type of an enum member: the SDK lists its values.
type enum[E any] interface {
	~string
	Values() []E
}

// enumValues is what an enum allows, in the service's order where order
// gives it, else in the model's, and the constraint as the service states it.
func enumValues[E enum[E]](order []E) (allowed []E, constraint string) {
	if order == nil {
		order = E("").Values()
	}
	return order, "Member must satisfy enum value set: [" + joinValues(order) + "]"
}

// enumMember checks an enum. The service lists the allowed values in an
// order of its own; order gives it where it is known. An enum sent as ""
// fails the constraint as any other value outside the set does.
func enumMember[In any, E enum[E]](name string, get func(*In) E, order ...E) member[In] {
	allowed, constraint := enumValues(order)
	return member[In]{
		name:    name,
		wire:    wireName(name),
		present: func(in *In) bool { return get(in) != "" },
		enum:    true,
		check: func(in *In, at path, wire string, c checker) checker {
			if v := get(in); !slices.Contains(allowed, v) {
				c = c.violation(string(v), at, wire, constraint)
			}
			return c
		},
	}
}

// enumListMember checks a list of enum values.
func enumListMember[In any, E enum[E]](name string, sh shape, get func(*In) []E) member[In] {
	allowed, constraint := enumValues[E](nil)
	return valueListMember(name, sh, get, "Member must satisfy constraint: ["+constraint+"]", func(v E) bool {
		return slices.Contains(allowed, v)
	})
}

// valueListMember checks a list of strings or enum values: its length, then
// its values, any of which that valid refuses failing constraint once for
// the whole list, as the service reports list members. Unlike a list of
// structures, the list prints as Java prints it.
func valueListMember[In any, E ~string](name string, sh shape, get func(*In) []E, constraint string, valid func(E) bool) member[In] {
	return member[In]{
		name:        name,
		wire:        wireName(name),
		present:     func(in *In) bool { return get(in) != nil },
		collections: []shape{sh},
		check: func(in *In, at path, wire string, c checker) checker {
			list := get(in)
			shown := "[" + joinValues(list) + "]"
			if v := sh.lengthViolation(len(list)); v != "" {
				c = c.violation(shown, at, wire, v)
			}
			for _, v := range list {
				if !valid(v) {
					return c.violation(shown, at, wire, constraint)
				}
			}
			return c
		},
	}
}

func joinValues[E ~string](values []E) string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}

// structMember checks a nested structure; context is its SDK type name.
func structMember[In, S any](name, context string, get func(*In) *S, members ...member[S]) member[In] {
	return member[In]{
		name:        name,
		wire:        wireName(name),
		present:     func(in *In) bool { return get(in) != nil },
		collections: collectionsOf(members),
		check: func(in *In, at path, wire string, c checker) checker {
			nested := checkMembers(get(in), path{parent: at.to(wire)}, members, c.nested(context))
			c.problems = nested.problems
			if nested.sdk.Len() > 0 {
				c.sdk.AddNested(name, nested.sdk)
			}
			return c
		},
	}
}

// listMember checks a list of structures; listContext and elemContext are the
// SDK's type names for the list and its element.
func listMember[In, E any](name, listContext, elemContext string, sh shape, get func(*In) []E, members ...member[E]) member[In] {
	return member[In]{
		name:        name,
		wire:        wireName(name),
		present:     func(in *In) bool { return get(in) != nil },
		collections: append([]shape{sh.of(listContext)}, collectionsOf(members)...),
		check: func(in *In, at path, wire string, c checker) checker {
			list := get(in)
			if v := sh.lengthViolation(len(list)); v != "" {
				// The service prints the list as Java does, with object
				// hashes that cannot be reproduced; the fake abbreviates.
				shown := "[...]"
				if len(list) == 0 {
					shown = "[]"
				}
				c = c.violation(shown, at, wire, v)
			}
			listSDK := smithy.InvalidParamsError{Context: listContext}
			parent := at.to(wire)
			for i := range list {
				nested := checkMembers(&list[i], path{parent: parent, index: i + 1}, members, c.nested(elemContext))
				c.problems = nested.problems
				if nested.sdk.Len() > 0 {
					listSDK.AddNested("["+strconv.Itoa(i)+"]", nested.sdk)
				}
			}
			if listSDK.Len() > 0 {
				c.sdk.AddNested(name, listSDK)
			}
			return c
		},
	}
}

// tagsMember checks a map of tags. The service checks map keys and values as
// a whole, and shows the map as Java prints it.
func tagsMember[In any](name string, get func(*In) map[string]string) member[In] {
	return member[In]{
		name:        name,
		wire:        wireName(name),
		present:     func(in *In) bool { return get(in) != nil },
		collections: []shape{shapeTagMap},
		check: func(in *In, at path, wire string, c checker) checker {
			tags := get(in)
			keys := slices.Sorted(maps.Keys(tags))
			entries := make([]string, len(keys))
			keysOK, valuesOK := true, true
			for i, k := range keys {
				entries[i] = k + "=" + tags[k]
				keysOK = keysOK && javaLength(k) >= 1 && javaLength(k) <= 128
				valuesOK = valuesOK && javaLength(tags[k]) <= 256
			}
			value := "{" + strings.Join(entries, ", ") + "}"
			if v := shapeTagMap.lengthViolation(len(tags)); v != "" {
				c = c.violation(value, at, wire, v)
			}
			if !keysOK {
				c = c.violation(value, at, wire, "Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]")
			}
			if !valuesOK {
				c = c.violation(value, at, wire, "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]")
			}
			return c
		},
	}
}

// collectionsOf are the list and map shapes of members.
func collectionsOf[In any](members []member[In]) []shape {
	var shapes []shape
	for _, m := range members {
		shapes = append(shapes, m.collections...)
	}
	return shapes
}

// group makes members that go together one member, checked in order.
func group[In any](members ...member[In]) member[In] {
	return member[In]{
		present:     func(*In) bool { return true },
		check:       func(in *In, at path, _ string, c checker) checker { return checkMembers(in, at, members, c) },
		members:     members,
		collections: collectionsOf(members),
	}
}

// streamMembers is the member by which every stream operation names its
// stream: StreamName, StreamARN and StreamId, which names returns in that
// order. They come last in the service's messages.
func streamMembers[In any](names func(*In) (name, streamARN, streamID *string)) member[In] {
	return group(
		naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *In) *string { _, a, _ := names(in); return a })),
		stringMember("StreamId", shapeStreamID, func(in *In) *string { _, _, id := names(in); return id }),
		naming(namesStream, stringMember("StreamName", shapeStreamName, func(in *In) *string { n, _, _ := names(in); return n })),
	)
}
