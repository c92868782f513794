package kinesisfake

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
	"github.com/google/go-cmp/cmp"
)

// model is a deliberately simple reference for a slice of the API: streams
// of one shard, their records and their tags. It knows only what the API
// reference says of these operations, with none of the fake's machinery.
type model struct {
	streams map[string]*modelStream
}

type modelStream struct {
	records []string
	tags    map[string]string
}

var streamNamePattern = regexp.MustCompile(`^[a-zA-Z0-9_.-]{1,128}$`)

// result is what a call produced, in a form both sides can give: a value
// to compare, or an error code.
type result struct {
	Value any
	Code  string
}

func (m *model) stream(name string) (*modelStream, string) {
	if !streamNamePattern.MatchString(name) {
		return nil, "ValidationException"
	}
	s := m.streams[name]
	if s == nil {
		return nil, "ResourceNotFoundException"
	}
	return s, ""
}

// step is one generated operation: what it does to the model, and to the
// fake.
type step struct {
	desc  string
	model func(m *model) result
	fake  func(c API) result
}

// codeOf is an error's code: the service's, or InvalidParams for the SDK
// client's own check.
func codeOf(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	var params smithy.InvalidParamsError
	if errors.As(err, &params) {
		return "InvalidParams"
	}
	return "untyped: " + err.Error()
}

func fakeResult(value any, err error) result {
	if err != nil {
		return result{Code: codeOf(err)}
	}
	return result{Value: value}
}

// generate picks an operation with arguments drawn from small sets, so that
// names collide and bad inputs turn up often.
func generate(r *rand.Rand) step {
	pick := func(options ...string) string { return options[r.IntN(len(options))] }
	name := pick("a", "b", "c", "", "bad name!")
	switch r.IntN(7) {
	case 0:
		shards := int32(r.IntN(3)) // 0 is out of range
		return step{fmt.Sprintf("CreateStream(%q, %d)", name, shards),
			func(m *model) result {
				if !streamNamePattern.MatchString(name) || shards < 1 {
					return result{Code: "ValidationException"}
				}
				if m.streams[name] != nil {
					return result{Code: "ResourceInUseException"}
				}
				// Every stream here has one shard, whatever was asked for:
				// routing is not what this model checks.
				m.streams[name] = &modelStream{tags: map[string]string{}}
				return result{}
			},
			func(c API) result {
				_, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(min(shards, 1))})
				return fakeResult(nil, err)
			}}
	case 1:
		return step{fmt.Sprintf("DeleteStream(%q)", name),
			func(m *model) result {
				if _, code := m.stream(name); code != "" {
					return result{Code: code}
				}
				delete(m.streams, name)
				return result{}
			},
			func(c API) result {
				_, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String(name)})
				return fakeResult(nil, err)
			}}
	case 2, 3:
		key, data := pick("k1", "k2", ""), fmt.Sprint(r.IntN(1000))
		return step{fmt.Sprintf("PutRecord(%q, %q, %q)", name, key, data),
			func(m *model) result {
				if key == "" {
					return result{Code: "ValidationException"}
				}
				s, code := m.stream(name)
				if code != "" {
					return result{Code: code}
				}
				s.records = append(s.records, data)
				return result{Value: "shardId-000000000000"}
			},
			func(c API) result {
				out, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String(name), PartitionKey: aws.String(key), Data: []byte(data)})
				if err != nil {
					return fakeResult(nil, err)
				}
				return result{Value: *out.ShardId}
			}}
	case 4:
		return step{fmt.Sprintf("read(%q)", name),
			func(m *model) result {
				s, code := m.stream(name)
				if code != "" {
					return result{Code: code}
				}
				return result{Value: slices.Clone(s.records)}
			},
			func(c API) result {
				it, err := c.GetShardIterator(ctx, &kinesis.GetShardIteratorInput{StreamName: aws.String(name), ShardId: aws.String("shardId-000000000000"), ShardIteratorType: types.ShardIteratorTypeTrimHorizon})
				if err != nil {
					return fakeResult(nil, err)
				}
				out, err := c.GetRecords(ctx, &kinesis.GetRecordsInput{ShardIterator: it.ShardIterator})
				if err != nil {
					return fakeResult(nil, err)
				}
				var data []string
				for _, rec := range out.Records {
					data = append(data, string(rec.Data))
				}
				return result{Value: data}
			}}
	case 5:
		key, value := pick("team", "env", ""), pick("x", "y", "")
		return step{fmt.Sprintf("AddTagsToStream(%q, %q=%q)", name, key, value),
			func(m *model) result {
				if key == "" {
					return result{Code: "ValidationException"}
				}
				s, code := m.stream(name)
				if code != "" {
					return result{Code: code}
				}
				s.tags[key] = value
				return result{}
			},
			func(c API) result {
				_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String(name), Tags: map[string]string{key: value}})
				return fakeResult(nil, err)
			}}
	default:
		return step{"ListStreams and ListTagsForStream",
			func(m *model) result {
				tags := map[string]map[string]string{}
				for name, s := range m.streams {
					tags[name] = maps.Clone(s.tags)
				}
				return result{Value: tags}
			},
			func(c API) result {
				out, err := c.ListStreams(ctx, &kinesis.ListStreamsInput{})
				if err != nil {
					return fakeResult(nil, err)
				}
				tags := map[string]map[string]string{}
				for _, name := range out.StreamNames {
					list, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String(name)})
					if err != nil {
						return fakeResult(nil, err)
					}
					tags[name] = map[string]string{}
					for _, tag := range list.Tags {
						tags[name][*tag.Key] = aws.ToString(tag.Value)
					}
				}
				return result{Value: tags}
			}}
	}
}

// Random sequences of operations, bad inputs among them, run on the fake
// and on the model; every result and every error code agrees. A failure
// names its seed and the steps that led to it. It runs in every mode (see
// inModes): 300 seeds by direct calls, the cheapest, 60 in each other.
func TestAgainstModel(t *testing.T) {
	for i, mode := range modes {
		t.Run(mode.name, func(t *testing.T) {
			seeds := uint64(60)
			if i == 0 {
				seeds = 300
			}
			steps := 0
			for seed := range seeds {
				r := rand.New(rand.NewPCG(seed, 1))
				_, k, _, done := mode.fake(t)
				m := &model{streams: map[string]*modelStream{}}
				var history []string
				for range 40 {
					s := generate(r)
					history = append(history, s.desc)
					want, got := s.model(m), s.fake(k)
					steps++
					if diff := cmp.Diff(want, got, cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })); diff != "" {
						t.Fatalf("seed %d, after\n  %s\nmodel and fake differ (-model +fake):\n%s", seed, strings.Join(history, "\n  "), diff)
					}
				}
				done()
			}
			t.Logf("%d steps agreed", steps)
		})
	}
}
