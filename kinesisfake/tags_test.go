package kinesisfake

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/recorded"
)

// showTags shows tags as k=v pairs in the order given.
func showTags(tags []types.Tag) string {
	parts := make([]string, len(tags))
	for i, t := range tags {
		parts[i] = aws.ToString(t.Key) + "=" + aws.ToString(t.Value)
	}
	return strings.Join(parts, ",")
}

func listStreamTags(t *testing.T, c *Client, in *kinesis.ListTagsForStreamInput) (string, bool) {
	t.Helper()
	out, err := c.ListTagsForStream(ctx, in)
	if err != nil {
		t.Fatalf("ListTagsForStream: %v", err)
	}
	if out.Tags == nil || out.HasMoreTags == nil {
		t.Fatalf("ListTagsForStream: Tags %v, HasMoreTags %v: both are required", out.Tags, out.HasMoreTags)
	}
	return showTags(out.Tags), *out.HasMoreTags
}

func listResourceTags(t *testing.T, c *Client, arn string) string {
	t.Helper()
	out, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
	if err != nil {
		t.Fatalf("ListTagsForResource(%s): %v", arn, err)
	}
	return showTags(out.Tags)
}

// numberedTags is n tags k0=v … k(n-1)=v, starting at from.
func numberedTags(from, n int) map[string]string {
	m := make(map[string]string, n)
	for i := range n {
		m[fmt.Sprint("k", from+i)] = "v"
	}
	return m
}

func TestTagsOnCreationAreListed(t *testing.T) {
	c, _ := newFake(t)
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1),
		Tags: map[string]string{"team": "data", "env": "prod"}}); err != nil {
		t.Fatal(err)
	}
	out, err := c.RegisterStreamConsumer(ctx, &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(testStreamARN),
		ConsumerName: aws.String("app"), Tags: map[string]string{"owner": "me"}})
	if err != nil {
		t.Fatal(err)
	}
	consumerARN := *out.Consumer.ConsumerARN

	if got, more := listStreamTags(t, c, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")}); got != "env=prod,team=data" || more {
		t.Errorf("ListTagsForStream: %s, HasMoreTags %v; want env=prod,team=data, false", got, more)
	}
	for arn, want := range map[string]string{testStreamARN: "env=prod,team=data", consumerARN: "owner=me"} {
		if got := listResourceTags(t, c, arn); got != want {
			t.Errorf("ListTagsForResource(%s) = %s, want %s", arn, got, want)
		}
	}
}

func TestAddAndRemoveTags(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumerARN := register(t, c, "s", "app")
	list := func() string {
		got, _ := listStreamTags(t, c, &kinesis.ListTagsForStreamInput{StreamARN: aws.String(testStreamARN)})
		return got
	}

	// The characters kinesalite's tests, checked against the service, show
	// it accepts, and ':', which production accepts (kinesalite#107).
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"),
		Tags: map[string]string{"a": "a", "ü0 _.": "a", "/=+-@:": "a", "b": "ü0 _./=+-@:", "c": ""}}); err != nil {
		t.Fatal(err)
	}
	if got, want := list(), "/=+-@:=a,a=a,b=ü0 _./=+-@:,c=,ü0 _.=a"; got != want {
		t.Errorf("after AddTagsToStream: %s, want %s", got, want)
	}
	// A key the stream has gets the new value.
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamARN: aws.String(testStreamARN), Tags: map[string]string{"a": "b"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := list(), "/=+-@:=a,a=b,b=ü0 _./=+-@:,c=,ü0 _.=a"; got != want {
		t.Errorf("after replacing a: %s, want %s", got, want)
	}
	// Keys the stream does not have are ignored.
	if _, err := c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{"ü0 _.", "/=+-@:", "nope"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := list(), "a=b,b=ü0 _./=+-@:,c="; got != want {
		t.Errorf("after RemoveTagsFromStream: %s, want %s", got, want)
	}

	// TagResource and UntagResource reach the same tags by ARN.
	if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN), Tags: map[string]string{"d": "x"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testStreamARN), TagKeys: []string{"a", "b"}}); err != nil {
		t.Fatal(err)
	}
	if got, want := list(), "c=,d=x"; got != want {
		t.Errorf("after TagResource and UntagResource: %s, want %s", got, want)
	}

	// A consumer's tags are its own.
	if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(consumerARN), Tags: map[string]string{"z": "1", "y": "2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(consumerARN), TagKeys: []string{"z"}}); err != nil {
		t.Fatal(err)
	}
	if got := listResourceTags(t, c, consumerARN); got != "y=2" {
		t.Errorf("consumer tags %s, want y=2", got)
	}
	if got := list(); got != "c=,d=x" {
		t.Errorf("stream tags changed with the consumer's: %s", got)
	}
}

// The paging of kinesalite's listTagsForStream tests, checked against the
// service: keys in code point order, ExclusiveStartTagKey need not exist.
func TestListTagsForStreamPaging(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"),
		Tags: map[string]string{"a": "b", " ": "a", "ÿ": "a", "_": "a", "/": "a", "=": "a", "+": "a", "Zb": "z", "0": "a", "@": "a"}}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		start *string
		limit *int32
		want  string
		more  bool
	}{
		{nil, nil, " =a,+=a,/=a,0=a,==a,@=a,Zb=z,_=a,a=b,ÿ=a", false},
		{aws.String("@"), aws.Int32(2), "Zb=z,_=a", true},
		{aws.String("$Z%*(*&@,,.,,ZAC"), nil, "+=a,/=a,0=a,==a,@=a,Zb=z,_=a,a=b,ÿ=a", false},
		{aws.String("Za$Z%*(*&@,,.,,"), nil, "Zb=z,_=a,a=b,ÿ=a", false},
		{aws.String("a"), aws.Int32(1), "ÿ=a", false},
		{aws.String("ÿ"), aws.Int32(1), "", false},
		{nil, aws.Int32(10), " =a,+=a,/=a,0=a,==a,@=a,Zb=z,_=a,a=b,ÿ=a", false},
		{nil, aws.Int32(9), " =a,+=a,/=a,0=a,==a,@=a,Zb=z,_=a,a=b", true},
	}
	for _, tt := range tests {
		got, more := listStreamTags(t, c, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s"), ExclusiveStartTagKey: tt.start, Limit: tt.limit})
		if got != tt.want || more != tt.more {
			t.Errorf("start %q, limit %v: %s, HasMoreTags %v; want %s, %v", aws.ToString(tt.start), aws.ToInt32(tt.limit), got, more, tt.want, tt.more)
		}
	}
}

func TestTagLimit(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	consumerARN := register(t, c, "s", "app")

	// 49 tags, then two more is one too many; replacing values does not
	// count, and the failed call changes nothing.
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: numberedTags(0, 49)}); err != nil {
		t.Fatal(err)
	}
	_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: numberedTags(48, 3)})
	wantAPIError(t, err, "AddTagsToStream", "InvalidArgumentException",
		recorded.TooManyTags("s", "123456789012"))
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN), Tags: numberedTags(48, 3)})
	wantAPIError(t, err, "TagResource", "InvalidArgumentException",
		recorded.TooManyTags("s", "123456789012"))
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: numberedTags(0, 49)}); err != nil {
		t.Errorf("replacing 49 values: %v", err)
	}
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: numberedTags(40, 10)}); err != nil {
		t.Errorf("the 50th tag: %v", err)
	}
	out, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Tags) != 50 || *out.HasMoreTags {
		t.Errorf("ListTagsForStream: %d tags, HasMoreTags %v; want 50, false", len(out.Tags), *out.HasMoreTags)
	}

	// A consumer holds 50 too.
	if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(consumerARN), Tags: numberedTags(0, 50)}); err != nil {
		t.Fatal(err)
	}
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(consumerARN), Tags: numberedTags(50, 1)})
	wantAPIError(t, err, "TagResource", "InvalidArgumentException",
		"Failed to add tags to resource "+consumerARN+" under account 123456789012 because a given resource cannot have more than 50 tags associated with it.")
}

// A stream's tags cannot change while it is CREATING, though they can be
// listed; once ACTIVE they can.
func TestTagsWhileCreating(t *testing.T) {
	c, clock := newFake(t, WithDelays(Delays{CreateStream: time.Minute}))
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(1), Tags: map[string]string{"a": "1"}}); err != nil {
		t.Fatal(err)
	}
	inUse := recorded.StreamNotActive("s", "123456789012", "CREATING")
	_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"b": "2"}})
	wantAPIError(t, err, "AddTagsToStream", "ResourceInUseException", inUse)
	_, err = c.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("s"), TagKeys: []string{"a"}})
	wantAPIError(t, err, "RemoveTagsFromStream", "ResourceInUseException", inUse)
	_, err = c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN), Tags: map[string]string{"b": "2"}})
	wantAPIError(t, err, "TagResource", "ResourceInUseException", inUse)
	_, err = c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testStreamARN), TagKeys: []string{"a"}})
	wantAPIError(t, err, "UntagResource", "ResourceInUseException", inUse)
	if got, _ := listStreamTags(t, c, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")}); got != "a=1" {
		t.Errorf("tags while CREATING: %s, want a=1", got)
	}

	clock.Advance(time.Minute)
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"b": "2"}}); err != nil {
		t.Fatal(err)
	}
	if got := listResourceTags(t, c, testStreamARN); got != "a=1,b=2" {
		t.Errorf("tags once ACTIVE: %s, want a=1,b=2", got)
	}
}

// A stream created again under a deleted one's name starts with its own tags.
func TestNewIncarnationHasNoOldTags(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"old": "1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
		t.Fatal(err)
	}
	_, err := c.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("s")})
	wantAPIError(t, err, "ListTagsForStream", "ResourceNotFoundException", recorded.StreamNotFound("s", "123456789012"))

	createStream(t, c, "s", 1)
	if got := listResourceTags(t, c, testStreamARN); got != "" {
		t.Errorf("new stream's tags: %s, want none", got)
	}
	if _, err := c.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("t"), ShardCount: aws.Int32(1), Tags: map[string]string{"new": "2"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("t")}); err != nil {
		t.Fatal(err)
	}
	createStream(t, c, "t", 1)
	if got, _ := listStreamTags(t, c, &kinesis.ListTagsForStreamInput{StreamName: aws.String("t")}); got != "" {
		t.Errorf("new stream t's tags: %s, want none", got)
	}
}

// A consumer registered again under a deregistered one's name has a new ARN
// and its own tags; the old ARN names nothing.
func TestNewConsumerHasNoOldTags(t *testing.T) {
	c, clock := newFake(t)
	createStream(t, c, "s", 1)
	oldARN := register(t, c, "s", "app")
	if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(oldARN), Tags: map[string]string{"old": "1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(oldARN)}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Second)
	newARN := register(t, c, "s", "app")
	if got := listResourceTags(t, c, newARN); got != "" {
		t.Errorf("new consumer's tags: %s, want none", got)
	}
	_, err := c.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(oldARN)})
	wantAPIError(t, err, "ListTagsForResource", "ResourceNotFoundException", "")
}

// Channels are reached by ARN in Client.channels.
func TestChannelTags(t *testing.T) {
	c, _ := newMemoryFake(t) // the channel is planted by hand
	const arn = "arn:aws:kinesis:us-east-1:123456789012:channel/apu0zt8ge6utbndxe"
	c.mu.Lock()
	c.channels[arn] = &channel{onStream: onStream{arn: arn}}
	c.mu.Unlock()
	if _, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(arn), Tags: map[string]string{"b": "2", "a": "1"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(arn), TagKeys: []string{"b"}}); err != nil {
		t.Fatal(err)
	}
	if got := listResourceTags(t, c, arn); got != "a=1" {
		t.Errorf("channel tags %s, want a=1", got)
	}
}

// Every rule of the tagging operations, with the error the service returns
// for it. Each case runs on stream "s", of 1 shard, with consumer "app".
func TestTagErrors(t *testing.T) {
	long := strings.Repeat("a", 129)
	s := aws.String("s")
	// The character messages as kinesalite's addTagsToStream and
	// removeTagsFromStream tests recorded them against the service: neither
	// lists ':', though the service accepts it.
	invalidChars := recorded.BadTagCharacters
	addPercent := recorded.IllegalTagCharacters("add tags to", "stream s", "123456789012")
	removePercent := recorded.IllegalTagCharacters("remove tags from", "stream s", "123456789012")
	arnPattern := "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"
	add := func(tags map[string]string) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: s, Tags: tags})
			return err
		}
	}
	keys51 := make([]string, 51)
	for i := range keys51 {
		keys51[i] = fmt.Sprint(i)
	}

	errorTable{
		setup: streamWithConsumer,
		cases: []errorCase{
			// AddTagsToStream: kinesalite's tests, checked against the service.
			{name: "AddTagsToStream empty tags and name", op: "AddTagsToStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String(""), Tags: map[string]string{}})
				return err
			}, code: "ValidationException", message: "3 validation errors detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "AddTagsToStream long name", op: "AddTagsToStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String(long), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
			{name: "AddTagsToStream long key", op: "AddTagsToStream", call: add(map[string]string{long: "3"}),
				code: "ValidationException", message: "1 validation error detected: Value '{" + long + "=3}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
			{name: "AddTagsToStream long value", op: "AddTagsToStream", call: add(map[string]string{"c": strings.Repeat("a", 257)}),
				code: "ValidationException", message: "1 validation error detected: Value '{c=" + strings.Repeat("a", 257) + "}' at 'tags' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"},
			{name: "AddTagsToStream more than 200 tags", op: "AddTagsToStream", call: add(numberedTags(0, 201)), code: "ValidationException", message: ""},
			{name: "AddTagsToStream unknown stream", op: "AddTagsToStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("nope"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "AddTagsToStream ; in key", op: "AddTagsToStream", call: add(map[string]string{"abc;def": "1"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream tab in key", op: "AddTagsToStream", call: add(map[string]string{"abc\tdef": "1"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream newline in key", op: "AddTagsToStream", call: add(map[string]string{"abc\ndef": "1"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream comma in key", op: "AddTagsToStream", call: add(map[string]string{"abc,def": "1"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream ; in value", op: "AddTagsToStream", call: add(map[string]string{"a": "abc;def"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream comma in value", op: "AddTagsToStream", call: add(map[string]string{"a": "abc,def"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream emoji in value", op: "AddTagsToStream", call: add(map[string]string{"a": "🙂"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream invalid character before %", op: "AddTagsToStream", call: add(map[string]string{"a%": "b;"}), code: "InvalidArgumentException", message: invalidChars},
			{name: "AddTagsToStream % in key", op: "AddTagsToStream", call: add(map[string]string{"abc%def": "1"}), code: "InvalidArgumentException", message: addPercent},
			{name: "AddTagsToStream % in value", op: "AddTagsToStream", call: add(map[string]string{"a": "abc%def"}), code: "InvalidArgumentException", message: addPercent},
			{name: "AddTagsToStream aws: prefix", op: "AddTagsToStream", call: add(map[string]string{"AWS:x": "1"}), code: "InvalidArgumentException", message: "Tag keys starting with 'aws:' are reserved for use by AWS."},

			// RemoveTagsFromStream
			{name: "RemoveTagsFromStream empty keys and name", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String(""), TagKeys: []string{}})
				return err
			}, code: "ValidationException", message: "3 validation errors detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "RemoveTagsFromStream long key", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: s, TagKeys: []string{"a", long, "b"}})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '[a, " + long + ", b]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
			{name: "RemoveTagsFromStream empty key", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: s, TagKeys: []string{""}})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"},
			{name: "RemoveTagsFromStream 51 keys", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: s, TagKeys: keys51})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '[" + strings.Join(keys51, ", ") + "]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50"},
			{name: "RemoveTagsFromStream unknown stream", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: aws.String("nope"), TagKeys: []string{";"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "RemoveTagsFromStream ; in key", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: s, TagKeys: []string{"abc;def"}})
				return err
			}, code: "InvalidArgumentException", message: invalidChars},
			{name: "RemoveTagsFromStream % in key", op: "RemoveTagsFromStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.RemoveTagsFromStream(ctx, &kinesis.RemoveTagsFromStreamInput{StreamName: s, TagKeys: []string{"abc%def"}})
				return err
			}, code: "InvalidArgumentException", message: removePercent},

			// ListTagsForStream
			{name: "ListTagsForStream empty name, key and limit", op: "ListTagsForStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String(""), ExclusiveStartTagKey: aws.String(""), Limit: aws.Int32(0)})
				return err
			}, code: "ValidationException", message: "4 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
				"Value '' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
				"Value '' at 'streamName' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "ListTagsForStream long name and key, large limit", op: "ListTagsForStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String(long), ExclusiveStartTagKey: aws.String(long), Limit: aws.Int32(51)})
				return err
			}, code: "ValidationException", message: "3 validation errors detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50; " +
				"Value '" + long + "' at 'exclusiveStartTagKey' failed to satisfy constraint: Member must have length less than or equal to 128; " +
				"Value '" + long + "' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 128"},
			{name: "ListTagsForStream unknown stream", op: "ListTagsForStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{StreamName: aws.String("nope"), ExclusiveStartTagKey: aws.String("a"), Limit: aws.Int32(1)})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "ListTagsForStream neither name nor ARN", op: "ListTagsForStream", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForStream(ctx, &kinesis.ListTagsForStreamInput{})
				return err
			}, code: "InvalidArgumentException", message: "Either StreamName or StreamARN must be provided."},

			// TagResource, UntagResource and ListTagsForResource
			{name: "TagResource ARN of another service", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String("arn:aws:sqs:us-east-1:123456789012:q"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:sqs:us-east-1:123456789012:q' at 'resourceARN' failed to satisfy constraint: " + arnPattern},
			{name: "TagResource empty tags and ARN", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(""), Tags: map[string]string{}})
				return err
			}, code: "ValidationException", message: "3 validation errors detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
				"Value '' at 'resourceARN' failed to satisfy constraint: " + arnPattern + "; " +
				"Value '' at 'resourceARN' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "TagResource unknown stream", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "TagResource stream of another account", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:210987654321:stream/s"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "210987654321")},
			{name: "TagResource unknown consumer", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN + "/consumer/nope:1700000000"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.ConsumerNotFound("nope", "1700000000", "s", "123456789012")},
			{name: "TagResource unknown channel", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:channel/nope"), Tags: map[string]string{"a": "b"}})
				return err
			}, code: "ResourceNotFoundException", message: "Channel arn:aws:kinesis:us-east-1:123456789012:channel/nope not found."},
			{name: "TagResource ; in a consumer's key", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testConsumerARN), Tags: map[string]string{"a;": "b"}})
				return err
			}, code: "InvalidArgumentException", message: invalidChars},
			{name: "TagResource % in a stream's key", op: "TagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN), Tags: map[string]string{"a%": "b"}})
				return err
			}, code: "InvalidArgumentException", message: addPercent},
			{name: "UntagResource % in a stream's key", op: "UntagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testStreamARN), TagKeys: []string{"a%"}})
				return err
			}, code: "InvalidArgumentException", message: removePercent},
			{name: "UntagResource aws: prefix on a consumer", op: "UntagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testConsumerARN), TagKeys: []string{"aws:cloudformation:stack-name"}})
				return err
			}, code: "InvalidArgumentException", message: "Tag keys starting with 'aws:' are reserved for use by AWS."},
			{name: "UntagResource no keys", op: "UntagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testConsumerARN), TagKeys: []string{}})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "UntagResource unknown stream", op: "UntagResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope"), TagKeys: []string{"a"}})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "ListTagsForResource long ARN", op: "ListTagsForResource", call: func(c *Client, k API, _ *FakeClock) error {
				arn := testStreamARN + strings.Repeat("a", 2049-len(testStreamARN))
				_, err := k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(arn)})
				return err
			}, code: "ValidationException", message: ""},
			{name: "ListTagsForResource bad StreamId", op: "ListTagsForResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(testStreamARN), StreamId: aws.String("x")})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'x' at 'streamId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9]{20}-[a-z0-9]{3}"},
			{name: "ListTagsForResource unknown consumer", op: "ListTagsForResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(testStreamARN + "/consumer/nope:1700000000")})
				return err
			}, code: "ResourceNotFoundException", message: recorded.ConsumerNotFound("nope", "1700000000", "s", "123456789012")},
			{name: "ListTagsForResource unparsable stream ARN", op: "ListTagsForResource", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.ListTagsForResource(ctx, &kinesis.ListTagsForResourceInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:mystream/s")})
				return err
			}, code: "ResourceNotFoundException", message: ""},
		},
	}.run(t)
}

// A failed call leaves the tags as they were.
func TestFailedTagCallsChangeNothing(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	if _, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"a": "1"}}); err != nil {
		t.Fatal(err)
	}
	calls := []func() error{
		func() error {
			_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"a": "2", "b;": "2"}})
			return err
		},
		func() error {
			_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s"), Tags: map[string]string{"a": "2", "b": "%"}})
			return err
		},
		func() error {
			_, err := c.TagResource(ctx, &kinesis.TagResourceInput{ResourceARN: aws.String(testStreamARN), Tags: map[string]string{"a": "2", "aws:b": "2"}})
			return err
		},
		func() error {
			_, err := c.UntagResource(ctx, &kinesis.UntagResourceInput{ResourceARN: aws.String(testStreamARN), TagKeys: []string{"a", "b%"}})
			return err
		},
	}
	for i, call := range calls {
		if call() == nil {
			t.Errorf("call %d succeeded", i)
		}
	}
	if got := listResourceTags(t, c, testStreamARN); got != "a=1" {
		t.Errorf("tags %s, want a=1", got)
	}
}

// The SDK's own client-side checks of required members, compared with the
// real client's.
func TestTagOperationsRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	tests := []requiredMembers{
		{func(c API) error {
			_, err := c.AddTagsToStream(ctx, &kinesis.AddTagsToStreamInput{StreamName: aws.String("s")})
			return err
		},
			missing("AddTagsToStream", "AddTagsToStreamInput", "Tags")},
		{func(c API) error { _, err := c.RemoveTagsFromStream(ctx, nil); return err },
			missing("RemoveTagsFromStream", "RemoveTagsFromStreamInput", "TagKeys")},
		{func(c API) error { _, err := c.TagResource(ctx, nil); return err },
			missing("TagResource", "TagResourceInput", "Tags", "ResourceARN")},
		{func(c API) error { _, err := c.UntagResource(ctx, nil); return err },
			missing("UntagResource", "UntagResourceInput", "TagKeys", "ResourceARN")},
		{func(c API) error { _, err := c.ListTagsForResource(ctx, nil); return err },
			missing("ListTagsForResource", "ListTagsForResourceInput", "ResourceARN")},
	}
	checkRequiredMembers(t, fake, tests)
}
