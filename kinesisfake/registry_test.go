package kinesisfake

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"

	"github.com/streamfake/kinesis/arn"
)

// The registry in api.go lists each operation of the SDK's client once, by
// the name its schema gives, with the input the method of that name takes.
func TestOperationsMatchAPI(t *testing.T) {
	sdk := sdkOperations(reflect.TypeFor[*kinesis.Client]())
	seen := map[string]bool{}
	for _, op := range operations {
		name := op.name()
		if seen[name] {
			t.Errorf("%s is registered twice", name)
		}
		seen[name] = true
		m, ok := sdk[name]
		if !ok {
			t.Errorf("%s is registered, but *kinesis.Client has no such method", name)
			continue
		}
		if got, want := op.(interface{ inputType() reflect.Type }).inputType(), m.Type.In(2); got != want {
			t.Errorf("%s takes %v, the SDK's method %v", name, got, want)
		}
	}
	if diff := cmp.Diff(slices.Sorted(maps.Keys(sdk)), slices.Sorted(maps.Keys(seen))); diff != "" {
		t.Errorf("registered operations (-SDK +registry):\n%s", diff)
	}
}

func (op *operation[In, Out]) inputType() reflect.Type { return reflect.TypeFor[*In]() }

// Every operation the wire serves with one response returns an output the
// wire can write: served asserts it at run time.
func TestOperationsAreServed(t *testing.T) {
	serializable := reflect.TypeFor[smithy.Serializable]()
	fake := reflect.TypeFor[*Client]()
	c, _ := newFake(t)
	for _, op := range operations {
		w, ok := op.served(c)
		m, _ := fake.MethodByName(op.name())
		if !ok {
			if op.name() != "SubscribeToShard" {
				t.Errorf("%s is not served over the wire", op.name())
			}
			continue
		}
		if w.Name() != op.name() {
			t.Errorf("%s is served as %s", op.name(), w.Name())
		}
		if out := m.Type.Out(0); !out.Implements(serializable) {
			t.Errorf("%s returns %v, which the wire cannot write", op.name(), out)
		}
	}
}

// An operation's effect is what its name says it is: the service names
// the operations that only read Describe, Get, List and Subscribe, and
// PutRecord and PutRecords only append. (The store checks behind it,
// TestStoreKeepsEveryOperation among them, would find a wrong effect only
// for the calls they make.)
func TestOperationEffects(t *testing.T) {
	for _, op := range operations {
		effect, _ := op.facts()
		want := changes
		switch name := op.name(); {
		case name == "PutRecord" || name == "PutRecords":
			want = appends
		case hasAnyPrefix(name, "Describe", "Get", "List", "Subscribe"):
			want = reads
		}
		if effect != want {
			t.Errorf("%s's effect is %d, want %d", op.name(), effect, want)
		}
	}
}

func hasAnyPrefix(s string, prefixes ...string) bool {
	return slices.ContainsFunc(prefixes, func(p string) bool { return len(s) >= len(p) && s[:len(p)] == p })
}

// The stream and shard an operation finds in its input are those its
// input's members of those names give: every input that has a StreamName,
// StreamARN, ConsumerARN, ShardId, ShardToSplit, ShardToMerge or
// ShardIterator declares the member as naming what it names, so a new
// operation's faults match by stream and shard without more work.
func TestOperationsNameTheirTargets(t *testing.T) {
	it := shardIterator{stream: "from-iterator", tag: 1, shard: 3, nonce: 1}.String()
	values := map[string][]string{
		"StreamName":    {"", "by-name"},
		"StreamARN":     {"", "arn:aws:kinesis:us-east-1:123456789012:stream/by-arn", "not an ARN"},
		"ConsumerARN":   {"", "arn:aws:kinesis:us-east-1:123456789012:stream/by-consumer/consumer/k:1"},
		"ShardId":       {"", "shardId-000000000001"},
		"ShardToSplit":  {"", "shardId-000000000002"},
		"ShardToMerge":  {"", "shardId-000000000003"},
		"ShardIterator": {"", it, "garbage"},
	}
	names := slices.Sorted(maps.Keys(values))
	for _, op := range operations {
		in := reflect.New(op.(interface{ inputType() reflect.Type }).inputType().Elem())
		var fields []string
		for _, name := range names {
			if f := in.Elem().FieldByName(name); f.IsValid() {
				fields = append(fields, name)
			}
		}
		// Every combination of the values of the fields it has.
		var try func(i int)
		try = func(i int) {
			if i < len(fields) {
				for _, v := range values[fields[i]] {
					f := in.Elem().FieldByName(fields[i])
					f.Set(reflect.Zero(f.Type()))
					if v != "" {
						f.Set(reflect.ValueOf(&v))
					}
					try(i + 1)
				}
				return
			}
			stream, shard := op.about(in.Interface())
			wantStream, wantShard := fieldTarget(in.Interface())
			if stream != wantStream || shard != wantShard {
				t.Errorf("%s: %+v names stream %q and shard %q; its members give %q and %q", op.name(), in.Elem().Interface(), wantStream, wantShard, stream, shard)
			}
		}
		try(0)
	}
}

// fieldTarget reads the stream and shard an input names by its fields'
// names: what the operations' declarations must agree with.
func fieldTarget(in any) (stream, shard string) {
	v := reflect.ValueOf(in).Elem()
	field := func(name string) string {
		if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.Pointer && !f.IsNil() && f.Elem().Kind() == reflect.String {
			return f.Elem().String()
		}
		return ""
	}
	if iterator := field("ShardIterator"); iterator != "" {
		if it, ok := parseShardIterator(iterator); ok {
			return it.stream, shardID(it.shard)
		}
		return "", ""
	}
	stream = field("StreamName")
	if a, err := arn.ParseStream(field("StreamARN")); stream == "" && err == nil {
		stream = a.Name
	}
	if a, err := arn.ParseConsumer(field("ConsumerARN")); stream == "" && err == nil {
		stream = a.Stream.Name
	}
	for _, name := range []string{"ShardId", "ShardToSplit", "ShardToMerge"} {
		if shard = field(name); shard != "" {
			break
		}
	}
	return stream, shard
}
