package kinesisfake

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"
)

// The tagging operations: AddTagsToStream, RemoveTagsFromStream and
// ListTagsForStream on a stream named as every stream operation names one,
// and TagResource, UntagResource and ListTagsForResource on a stream, a
// consumer or a channel named by its ARN.

// listTagsForStreamMax is ListTagsForStream's largest Limit, which the fake
// also applies when Limit is omitted: the model gives no default.
const listTagsForStreamMax = 50

// The shapes of the tagging operations, by their model names.
var (
	shapeTagKey        = lengths(1, 128)
	shapeTagKeyList    = lengths(1, 50).of("TagKeyList")
	shapeListTagsLimit = values(1, listTagsForStreamMax) // ListTagsForStreamInputLimit
	tagKeyConstraint   = "Member must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]"
)

// tagKeysMember checks a list of tag keys, reporting keys of the wrong
// length once for the whole list (kinesalite's removeTagsFromStream tests,
// checked against the service).
func tagKeysMember[In any](name string, get func(*In) []string) member[In] {
	return valueListMember(name, shapeTagKeyList, get, tagKeyConstraint, func(k string) bool {
		return shapeTagKey.lengthViolation(javaLength(k)) == ""
	})
}

// taggedByARN finds the stream, consumer, channel or queue a ResourceARN
// names.
func (c *Client) taggedByARN(resourceARN string, now time.Time) (tagged, error) {
	switch {
	case strings.Contains(resourceARN, "/consumer/"):
		k, err := c.consumerByARN(resourceARN, now)
		if err != nil {
			return tagged{}, err
		}
		if k.Tags == nil {
			k.Tags = map[string]string{}
		}
		return tagged{tags: k.Tags, arn: k.arn}, nil
	case isChannelARN(resourceARN):
		ch := c.lookupChannel(resourceARN, now)
		if ch == nil {
			// The fake's own wording: the service's is not on record.
			return tagged{}, resourceNotFound("Channel %s not found.", resourceARN)
		}
		if ch.Tags == nil {
			ch.Tags = map[string]string{}
		}
		return tagged{tags: ch.Tags, arn: ch.arn}, nil
	case isQueueARN(resourceARN):
		q, err := c.queueByARN(resourceARN, now)
		if err != nil {
			return tagged{}, err
		}
		return tagged{tags: q.Tags, arn: q.arn}, nil
	}
	s, err := c.resolveStream(nil, &resourceARN, now)
	if err != nil {
		return tagged{}, err
	}
	return streamTagged(s), nil
}

// checkTaggable refuses changes to a stream's tags while it is CREATING: the
// API reference says tags "take effect from the CREATING status of the
// stream, but you can't make any updates to the tags until the stream is in
// ACTIVE state". The wording is the service's for streams that are not
// ACTIVE (kinesis-hot-shard-advisor#37).
func (c *Client) checkTaggable(t tagged, now time.Time) error {
	if t.stream == nil {
		return nil
	}
	if st := t.stream.status(now); st == types.StreamStatusCreating {
		return c.streamNotActive(t.stream, st)
	}
	return nil
}

// addTags adds tags to a resource, replacing the values of keys it has.
func (c *Client) addTags(t tagged, add map[string]string, now time.Time) error {
	if err := c.checkTaggable(t, now); err != nil {
		return err
	}
	if err := c.checkNewTags(t, add); err != nil {
		return err
	}
	maps.Copy(t.tags, add)
	return nil
}

// removeTags removes tags from a resource; keys it does not have are ignored.
func (c *Client) removeTags(t tagged, keys []string, now time.Time) error {
	if err := c.checkTaggable(t, now); err != nil {
		return err
	}
	if err := c.checkTagText(t, "remove tags from", keys, nil); err != nil {
		return err
	}
	for _, k := range keys {
		delete(t.tags, k)
	}
	return nil
}

// tagList lists tags in key order, as the service does.
func tagList(tags map[string]string, keys []string) []types.Tag {
	list := make([]types.Tag, len(keys))
	for i, k := range keys {
		list[i] = types.Tag{Key: ptr(k), Value: ptr(tags[k])}
	}
	return list
}

var addTagsToStreamOp = newOperation(smithy.NewOperationSchema(schemas.AddTagsToStream, schemas.AddTagsToStreamInput, nil), changes, callRate{5, perAccount}, (*Client).addTagsToStream,
	required(tagsMember("Tags", func(in *kinesis.AddTagsToStreamInput) map[string]string { return in.Tags })),
	streamMembers(func(in *kinesis.AddTagsToStreamInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// AddTagsToStream adds tags to a stream, replacing the values of keys it
// already has. A stream carries at most 50 tags, and its tags cannot change
// while it is CREATING.
func (c *Client) AddTagsToStream(ctx context.Context, params *kinesis.AddTagsToStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.AddTagsToStreamOutput, error) {
	return addTagsToStreamOp.call(ctx, c, params)
}

func (c *Client) addTagsToStream(in *kinesis.AddTagsToStreamInput, now time.Time) (*kinesis.AddTagsToStreamOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.addTags(streamTagged(s), in.Tags, now); err != nil {
		return nil, err
	}
	return &kinesis.AddTagsToStreamOutput{}, nil
}

var removeTagsFromStreamOp = newOperation(smithy.NewOperationSchema(schemas.RemoveTagsFromStream, schemas.RemoveTagsFromStreamInput, nil), changes, callRate{5, perAccount}, (*Client).removeTagsFromStream,
	required(tagKeysMember("TagKeys", func(in *kinesis.RemoveTagsFromStreamInput) []string { return in.TagKeys })),
	streamMembers(func(in *kinesis.RemoveTagsFromStreamInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// RemoveTagsFromStream removes tags from a stream by key. Keys the stream
// does not have are ignored.
func (c *Client) RemoveTagsFromStream(ctx context.Context, params *kinesis.RemoveTagsFromStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.RemoveTagsFromStreamOutput, error) {
	return removeTagsFromStreamOp.call(ctx, c, params)
}

func (c *Client) removeTagsFromStream(in *kinesis.RemoveTagsFromStreamInput, now time.Time) (*kinesis.RemoveTagsFromStreamOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.removeTags(streamTagged(s), in.TagKeys, now); err != nil {
		return nil, err
	}
	return &kinesis.RemoveTagsFromStreamOutput{}, nil
}

var listTagsForStreamOp = newOperation(smithy.NewOperationSchema(schemas.ListTagsForStream, schemas.ListTagsForStreamInput, schemas.ListTagsForStreamOutput), reads, callRate{5, perAccount}, (*Client).listTagsForStream,
	intMember("Limit", shapeListTagsLimit, func(in *kinesis.ListTagsForStreamInput) *int32 { return in.Limit }),
	stringMember("ExclusiveStartTagKey", shapeTagKey, func(in *kinesis.ListTagsForStreamInput) *string { return in.ExclusiveStartTagKey }),
	streamMembers(func(in *kinesis.ListTagsForStreamInput) (*string, *string, *string) {
		return in.StreamName, in.StreamARN, in.StreamId
	}),
)

// ListTagsForStream lists a stream's tags in key order: up to Limit (at most
// 50) of them, starting after ExclusiveStartTagKey, which need not be a key
// the stream has. HasMoreTags says whether more follow.
func (c *Client) ListTagsForStream(ctx context.Context, params *kinesis.ListTagsForStreamInput, optFns ...func(*kinesis.Options)) (*kinesis.ListTagsForStreamOutput, error) {
	return listTagsForStreamOp.call(ctx, c, params)
}

func (c *Client) listTagsForStream(in *kinesis.ListTagsForStreamInput, now time.Time) (*kinesis.ListTagsForStreamOutput, error) {
	s, err := c.resolveStream(in.StreamName, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	keys := slices.Sorted(maps.Keys(s.Tags))
	if in.ExclusiveStartTagKey != nil {
		after := *in.ExclusiveStartTagKey
		keys = keys[sort.Search(len(keys), func(i int) bool { return keys[i] > after }):]
	}
	limit := pageLimit(in.Limit, listTagsForStreamMax)
	more := len(keys) > limit
	if more {
		keys = keys[:limit]
	}
	return &kinesis.ListTagsForStreamOutput{Tags: tagList(s.Tags, keys), HasMoreTags: ptr(more)}, nil
}

var tagResourceOp = newOperation(smithy.NewOperationSchema(schemas.TagResource, schemas.TagResourceInput, nil), changes, callRate{}, (*Client).tagResource,
	required(tagsMember("Tags", func(in *kinesis.TagResourceInput) map[string]string { return in.Tags })),
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.TagResourceInput) *string { return in.ResourceARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.TagResourceInput) *string { return in.StreamId }),
)

// TagResource adds tags to the stream, consumer or channel ResourceARN
// names, replacing the values of keys it already has. A resource carries at
// most 50 tags.
func (c *Client) TagResource(ctx context.Context, params *kinesis.TagResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.TagResourceOutput, error) {
	return tagResourceOp.call(ctx, c, params)
}

func (c *Client) tagResource(in *kinesis.TagResourceInput, now time.Time) (*kinesis.TagResourceOutput, error) {
	t, err := c.taggedByARN(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.addTags(t, in.Tags, now); err != nil {
		return nil, err
	}
	return &kinesis.TagResourceOutput{}, nil
}

var untagResourceOp = newOperation(smithy.NewOperationSchema(schemas.UntagResource, schemas.UntagResourceInput, nil), changes, callRate{}, (*Client).untagResource,
	required(tagKeysMember("TagKeys", func(in *kinesis.UntagResourceInput) []string { return in.TagKeys })),
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.UntagResourceInput) *string { return in.ResourceARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.UntagResourceInput) *string { return in.StreamId }),
)

// UntagResource removes tags by key from the stream, consumer or channel
// ResourceARN names. Keys it does not have are ignored.
func (c *Client) UntagResource(ctx context.Context, params *kinesis.UntagResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.UntagResourceOutput, error) {
	return untagResourceOp.call(ctx, c, params)
}

func (c *Client) untagResource(in *kinesis.UntagResourceInput, now time.Time) (*kinesis.UntagResourceOutput, error) {
	t, err := c.taggedByARN(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.removeTags(t, in.TagKeys, now); err != nil {
		return nil, err
	}
	return &kinesis.UntagResourceOutput{}, nil
}

var listTagsForResourceOp = newOperation(smithy.NewOperationSchema(schemas.ListTagsForResource, schemas.ListTagsForResourceInput, schemas.ListTagsForResourceOutput), reads, callRate{}, (*Client).listTagsForResource,
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.ListTagsForResourceInput) *string { return in.ResourceARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.ListTagsForResourceInput) *string { return in.StreamId }),
)

// ListTagsForResource lists all the tags of the stream, consumer or channel
// ResourceARN names, in key order.
func (c *Client) ListTagsForResource(ctx context.Context, params *kinesis.ListTagsForResourceInput, optFns ...func(*kinesis.Options)) (*kinesis.ListTagsForResourceOutput, error) {
	return listTagsForResourceOp.call(ctx, c, params)
}

func (c *Client) listTagsForResource(in *kinesis.ListTagsForResourceInput, now time.Time) (*kinesis.ListTagsForResourceOutput, error) {
	t, err := c.taggedByARN(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.ListTagsForResourceOutput{Tags: tagList(t.tags, slices.Sorted(maps.Keys(t.tags)))}, nil
}
