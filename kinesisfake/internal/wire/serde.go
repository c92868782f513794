package wire

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/aws/smithy-go"
)

// The SDK generates code to write operation inputs and to read outputs, as a
// client needs; a server needs the reverse. Outputs are written by their own
// Serialize methods. Inputs are read here, by their schemas, through a
// codec's smithy.ShapeDeserializer (jsonReader for JSON, cborReader for
// CBOR): member by member into the Go fields of the same names, handing
// nested SDK types to their own Deserialize methods. Between the two stands
// a wireReader, which keeps lists and maps to what validation needs, and
// notes what the input cannot hold that validation needs: where an enum was
// sent as "".

// inputReader reads an operation input; it is a smithy.Deserializable.
type inputReader struct {
	schema     *smithy.Schema
	v          reflect.Value // the input struct, addressable
	maxLen     func(shape string) (int, bool)
	emptyEnums []string // once read, where enums were sent as "" (EmptyEnums)
}

// Deserialize reads the input. A body that is not a structure at all is
// answered as one that does not parse: a SerializationException with no
// message (kinesalite's test/connection.js, run against the service, for
// bodies of true and null).
func (r *inputReader) Deserialize(d smithy.ShapeDeserializer) error {
	w := &wireReader{ShapeDeserializer: d, maxLen: r.maxLen}
	if err := w.ReadStruct(r.schema); err != nil {
		return errMalformed
	}
	err := readMembers(w, r.v)
	r.emptyEnums = w.emptyEnums
	return err
}

type emptyEnumsKey struct{}

// withEmptyEnums returns ctx carrying paths for EmptyEnums.
func withEmptyEnums(ctx context.Context, paths []string) context.Context {
	if len(paths) == 0 {
		return ctx
	}
	return context.WithValue(ctx, emptyEnumsKey{}, paths)
}

// EmptyEnums returns where the request a call serves sent an enum as "", by
// the paths the service's messages give members (shardIteratorType,
// shardFilter.type, partitionFields.2.member.transform). The SDK's input
// types hold an enum by value, so that one sent as "" looks as if it were not
// sent at all; the service checks it as any value outside the enum's set
// (kinesalite's test/getShardIterator.js and test/updateShardCount.js,
// "should return ValidationException for empty StreamName"). A direct Go
// call carries none.
func EmptyEnums(ctx context.Context) []string {
	paths, _ := ctx.Value(emptyEnumsKey{}).([]string)
	return paths
}

// wireReader is a codec's deserializer with the limits the service puts on
// lists and maps, which the SDK, reading the service's own answers, need not
// put.
type wireReader struct {
	smithy.ShapeDeserializer
	maxLen     func(shape string) (int, bool) // Config.MaxLen
	open       []level                        // the structures, lists and maps being read, innermost last
	emptyEnums []string                       // where enums were sent as "", by path
	skipped    skipped                        // where skip reads values, so as not to allocate
}

// skipped holds a value of each type skip reads.
type skipped struct {
	time time.Time
	blob []byte
	str  string
	n    int32
	b    bool
}

// epochMillis is the time ms milliseconds after the epoch. The service holds
// a timestamp in milliseconds in a Java long, and cannot read a number
// outside that, nor NaN or an infinity.
func epochMillis(ms float64) (time.Time, error) {
	if -1<<63 <= ms && ms < 1<<63 { // false for NaN
		return time.UnixMilli(int64(ms)).UTC(), nil
	}
	return time.Time{}, fmt.Errorf("timestamp %v out of range", ms)
}

// level is a structure, list or map being read.
type level struct {
	shape  smithy.ShapeType    // structure, list or map
	member string              // in a structure, the member being read
	elem   *smithy.Schema      // in a list or map, its elements' schema, or its values'
	keep   int                 // how many elements, or distinct keys, to keep
	kept   int                 // how many elements were kept
	keys   map[string]struct{} // the keys kept, as a later value for one replaces it
}

// path is where the value being read sits, as the service's messages name
// it (kinesisfake's validate.go spells the same paths): members by their
// names with the first letter in lower case, a list's elements by their
// position from 1 (records.3.member.partitionKey). No Kinesis input holds a
// structure in a map, so maps add nothing.
func (r *wireReader) path() string {
	var b strings.Builder
	for _, l := range r.open {
		switch l.shape {
		case smithy.ShapeTypeStructure:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(strings.ToLower(l.member[:1]))
			b.WriteString(l.member[1:])
		case smithy.ShapeTypeList:
			b.WriteString("." + strconv.Itoa(l.kept) + ".member")
		}
	}
	return b.String()
}

// ReadStruct and ReadStructMember follow the structures being read, for path.
func (r *wireReader) ReadStruct(s *smithy.Schema) error {
	if err := r.ShapeDeserializer.ReadStruct(s); err != nil {
		return err
	}
	r.open = append(r.open, level{shape: smithy.ShapeTypeStructure})
	return nil
}

func (r *wireReader) ReadStructMember() (*smithy.Schema, error) {
	m, err := r.ShapeDeserializer.ReadStructMember()
	top := len(r.open) - 1
	if err != nil || m == nil {
		r.open = r.open[:top]
		return m, err
	}
	r.open[top].member = m.MemberName()
	return m, nil
}

// ReadString notes where an enum member is sent as "" (EmptyEnums).
func (r *wireReader) ReadString(s *smithy.Schema, v *string) error {
	if err := r.ShapeDeserializer.ReadString(s, v); err != nil {
		return err
	}
	if *v == "" && s.Type() == smithy.ShapeTypeEnum && r.open[len(r.open)-1].shape == smithy.ShapeTypeStructure {
		r.emptyEnums = append(r.emptyEnums, r.path())
	}
	return nil
}

// push opens a list or map. Of one longer than its shape allows, a
// wireReader keeps one element past the maximum, enough for validation to
// report the length as it would for the whole, and reads the rest only to
// check that they are well formed: millions of elements cost little more
// than their bytes. (A violation in an element past those kept goes
// unreported; the service reports at most ten, and the length is one of
// them.)
func (r *wireReader) push(s, elem *smithy.Schema) {
	keep := math.MaxInt
	if n, ok := r.maxLen(s.TargetID().Name); ok {
		keep = n + 1
	}
	r.open = append(r.open, level{shape: s.Type(), elem: elem, keep: keep})
}

func (r *wireReader) ReadList(s *smithy.Schema) error {
	if err := r.ShapeDeserializer.ReadList(s); err != nil {
		return err
	}
	r.push(s, s.ListMember())
	return nil
}

// ReadListItem reports whether the list has another element to keep,
// skipping those past its keep.
func (r *wireReader) ReadListItem(s *smithy.Schema) (bool, error) {
	top := len(r.open) - 1
	for {
		more, err := r.ShapeDeserializer.ReadListItem(s)
		if err != nil || !more {
			r.open = r.open[:top]
			return more, err
		}
		if c := &r.open[top]; c.kept < c.keep {
			c.kept++
			return true, nil
		}
		if err := r.skip(r.open[top].elem); err != nil {
			return true, err // with false, smithy.ReadList would drop err
		}
	}
}

func (r *wireReader) ReadMap(s *smithy.Schema) error {
	if err := r.ShapeDeserializer.ReadMap(s); err != nil {
		return err
	}
	r.push(s, s.MapValue())
	return nil
}

// ReadMapKey returns the map's next key to keep, skipping the entries of
// new keys once it keeps as many as it may.
func (r *wireReader) ReadMapKey(s *smithy.Schema) (string, bool, error) {
	top := len(r.open) - 1
	for {
		key, more, err := r.ShapeDeserializer.ReadMapKey(s)
		if err != nil || !more {
			r.open = r.open[:top]
			return key, more, err
		}
		c := &r.open[top]
		if _, ok := c.keys[key]; ok {
			return key, true, nil
		}
		if len(c.keys) < c.keep {
			if c.keys == nil {
				c.keys = make(map[string]struct{})
			}
			c.keys[key] = struct{}{}
			return key, true, nil
		}
		if err := r.skip(c.elem); err != nil {
			return key, true, err // with false, smithy.ReadMap would drop err
		}
	}
}

// skip reads a value of schema s as reading it would, failing where that
// would, and keeps nothing of it: skipping {} allocates nothing.
func (r *wireReader) skip(s *smithy.Schema) error {
	if isNil, err := r.ReadNil(s); err != nil || isNil {
		return err
	}
	switch s.Type() {
	case smithy.ShapeTypeStructure:
		if err := r.ReadStruct(s); err != nil {
			return err
		}
		for {
			m, err := r.ReadStructMember()
			if err != nil || m == nil {
				return err
			}
			if err := r.skip(m); err != nil {
				return err
			}
		}
	case smithy.ShapeTypeList:
		if err := r.ReadList(s); err != nil {
			return err
		}
		for {
			more, err := r.ReadListItem(s.ListMember())
			if err != nil || !more {
				return err
			}
			if err := r.skip(s.ListMember()); err != nil {
				return err
			}
		}
	case smithy.ShapeTypeMap:
		if err := r.ReadMap(s); err != nil {
			return err
		}
		for {
			_, more, err := r.ReadMapKey(s.MapKey())
			if err != nil || !more {
				return err
			}
			if err := r.skip(s.MapValue()); err != nil {
				return err
			}
		}
	case smithy.ShapeTypeTimestamp:
		return r.ReadTime(s, &r.skipped.time)
	case smithy.ShapeTypeBlob:
		return r.ReadBlob(s, &r.skipped.blob)
	case smithy.ShapeTypeBoolean:
		return r.ReadBool(s, &r.skipped.b)
	case smithy.ShapeTypeInteger:
		return r.ReadInt32(s, &r.skipped.n)
	}
	// Strings and enums, the rest of what inputs hold; past ReadString, as
	// nothing skipped is validated.
	return r.ShapeDeserializer.ReadString(s, &r.skipped.str)
}

var (
	timeType       = reflect.TypeFor[time.Time]()
	deserializable = reflect.TypeFor[smithy.Deserializable]()
)

// readMembers reads the members of a structure whose start has been read
// into v.
func readMembers(d smithy.ShapeDeserializer, v reflect.Value) error {
	for {
		m, err := d.ReadStructMember()
		if err != nil || m == nil {
			return err
		}
		f := v.FieldByName(m.MemberName())
		if !f.IsValid() {
			return fmt.Errorf("kinesisfake: %s has no field %s", v.Type(), m.MemberName())
		}
		if isNil, err := d.ReadNil(m); err != nil {
			return err
		} else if !isNil {
			if err := readValue(d, m, f); err != nil {
				return err
			}
		}
	}
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

// repeats counts, for the members of a structure that a body sends more than
// once, how many times each comes again. Only the last is read, as the last
// of a JSON object's duplicate keys is, so that a body repeating a member
// costs no more than reading past it.
type repeats map[string]int

// meet counts key, a member met in a scan of a structure after those in
// seen, and returns the counts and the keys seen as they grow; it allocates
// only for a key met before.
func (r repeats) meet(key []byte, seen [][]byte) (repeats, [][]byte) {
	if !slices.ContainsFunc(seen, func(k []byte) bool { return bytes.Equal(k, key) }) {
		return r, append(seen, key)
	}
	if r == nil {
		r = repeats{}
	}
	r[string(key)]++
	return r, seen
}

// isLast reports whether the member named key comes for the last time, and
// counts it off if not.
func isLast[K string | []byte](r repeats, key K) bool {
	n := r[string(key)]
	if n > 0 {
		r[string(key)] = n - 1
	}
	return n == 0
}
