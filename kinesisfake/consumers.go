package kinesisfake

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The enhanced fan-out consumer operations: RegisterStreamConsumer,
// DescribeStreamConsumer, ListStreamConsumers and DeregisterStreamConsumer.

const listConsumersMax = 100 // consumers ListStreamConsumers returns at most

// resolveConsumer finds the consumer an input names: by ConsumerARN, by
// StreamARN and ConsumerName, or by all three as long as they agree.
func (c *Client) resolveConsumer(consumerARN, streamARN, name *string, now time.Time) (*consumer, error) {
	if consumerARN != nil {
		k, err := c.consumerByARN(*consumerARN, now)
		if err != nil {
			return nil, err
		}
		if (streamARN != nil && *streamARN != k.stream.arn) || (name != nil && *name != k.name) {
			return nil, invalidArgument("ConsumerARN %s does not match the StreamARN and ConsumerName given.", *consumerARN)
		}
		return k, nil
	}
	if streamARN == nil || name == nil {
		return nil, invalidArgument("Either ConsumerARN or both StreamARN and ConsumerName must be provided.")
	}
	s, err := c.resolveStream(nil, streamARN, now)
	if err != nil {
		return nil, err
	}
	k := s.lookupConsumer(*name, now)
	if k == nil {
		return nil, resourceNotFound("Consumer %s under stream %s not found.", *name, s.arn)
	}
	return k, nil
}

// consumerMembers is the member by which an input names a consumer:
// ConsumerARN, StreamARN, ConsumerName and StreamId, which names returns in
// that order.
func consumerMembers[In any](names func(*In) (consumerARN, streamARN, name, streamID *string)) member[In] {
	return group(
		naming(namesConsumerARN, stringMember("ConsumerARN", shapeConsumerARN, func(in *In) *string { a, _, _, _ := names(in); return a })),
		stringMember("ConsumerName", shapeConsumerName, func(in *In) *string { _, _, n, _ := names(in); return n }),
		naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *In) *string { _, a, _, _ := names(in); return a })),
		stringMember("StreamId", shapeStreamID, func(in *In) *string { _, _, _, id := names(in); return id }),
	)
}

var registerStreamConsumerOp = newOperation(smithy.NewOperationSchema(schemas.RegisterStreamConsumer, schemas.RegisterStreamConsumerInput, schemas.RegisterStreamConsumerOutput), changes, callRate{5, perAccount}, (*Client).registerStreamConsumer,
	required(naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.RegisterStreamConsumerInput) *string { return in.StreamARN }))),
	required(stringMember("ConsumerName", shapeConsumerName, func(in *kinesis.RegisterStreamConsumerInput) *string { return in.ConsumerName })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.RegisterStreamConsumerInput) *string { return in.StreamId }),
	tagsMember("Tags", func(in *kinesis.RegisterStreamConsumerInput) map[string]string { return in.Tags }),
)

// RegisterStreamConsumer registers an enhanced fan-out consumer with a
// stream. It is CREATING until Delays.RegisterConsumer has passed, and can
// subscribe to shards once ACTIVE.
func (c *Client) RegisterStreamConsumer(ctx context.Context, params *kinesis.RegisterStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.RegisterStreamConsumerOutput, error) {
	return registerStreamConsumerOp.call(ctx, c, params)
}

func (c *Client) registerStreamConsumer(in *kinesis.RegisterStreamConsumerInput, now time.Time) (*kinesis.RegisterStreamConsumerOutput, error) {
	s, err := c.resolveStream(nil, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.requireReady(s, now); err != nil {
		return nil, err
	}
	name := *in.ConsumerName
	if s.lookupConsumer(name, now) != nil {
		return nil, resourceInUse("Consumer %s under stream %s already exists for account %s.", name, s.name, c.accountID)
	}
	k, err := c.registerConsumer(s, name, in.Tags, now)
	if err != nil {
		return nil, err
	}
	// The service answers CREATING however soon the consumer is ACTIVE (the
	// CLI's reply in an AWS re:Post answer, "RegisterStreamConsumer: how to
	// get updated consumer status"): code must wait for ACTIVE.
	registered := k.describe(now)
	registered.ConsumerStatus = types.ConsumerStatusCreating
	return &kinesis.RegisterStreamConsumerOutput{Consumer: registered}, nil
}

func (k *consumer) describe(now time.Time) *types.Consumer {
	return &types.Consumer{
		ConsumerName:              ptr(k.name),
		ConsumerARN:               ptr(k.arn),
		ConsumerStatus:            k.status(now),
		ConsumerCreationTimestamp: ptr(k.created),
	}
}

var describeStreamConsumerOp = newOperation(smithy.NewOperationSchema(schemas.DescribeStreamConsumer, schemas.DescribeStreamConsumerInput, schemas.DescribeStreamConsumerOutput), reads, callRate{20, perStream}, (*Client).describeStreamConsumer,
	consumerMembers(func(in *kinesis.DescribeStreamConsumerInput) (*string, *string, *string, *string) {
		return in.ConsumerARN, in.StreamARN, in.ConsumerName, in.StreamId
	}))

// DescribeStreamConsumer describes a consumer named by its ARN, by its
// stream's ARN and its name, or by all three.
func (c *Client) DescribeStreamConsumer(ctx context.Context, params *kinesis.DescribeStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeStreamConsumerOutput, error) {
	return describeStreamConsumerOp.call(ctx, c, params)
}

func (c *Client) describeStreamConsumer(in *kinesis.DescribeStreamConsumerInput, now time.Time) (*kinesis.DescribeStreamConsumerOutput, error) {
	k, err := c.resolveConsumer(in.ConsumerARN, in.StreamARN, in.ConsumerName, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.DescribeStreamConsumerOutput{ConsumerDescription: &types.ConsumerDescription{
		ConsumerName:              ptr(k.name),
		ConsumerARN:               ptr(k.arn),
		ConsumerStatus:            k.status(now),
		ConsumerCreationTimestamp: ptr(k.created),
		StreamARN:                 ptr(k.stream.arn),
	}}, nil
}

var listStreamConsumersOp = newOperation(smithy.NewOperationSchema(schemas.ListStreamConsumers, schemas.ListStreamConsumersInput, schemas.ListStreamConsumersOutput), reads, callRate{5, perStream}, (*Client).listStreamConsumers,
	required(naming(namesStreamARN, stringMember("StreamARN", shapeStreamARN, func(in *kinesis.ListStreamConsumersInput) *string { return in.StreamARN }))),
	stringMember("NextToken", shapeNextToken, func(in *kinesis.ListStreamConsumersInput) *string { return in.NextToken }),
	intMember("MaxResults", shapeLimit, func(in *kinesis.ListStreamConsumersInput) *int32 { return in.MaxResults }),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.ListStreamConsumersInput) *string { return in.StreamId }),
)

// ListStreamConsumers lists a stream's consumers in order of registration, up
// to MaxResults (at most 100) at a time.
func (c *Client) ListStreamConsumers(ctx context.Context, params *kinesis.ListStreamConsumersInput, optFns ...func(*kinesis.Options)) (*kinesis.ListStreamConsumersOutput, error) {
	return listStreamConsumersOp.call(ctx, c, params)
}

func (c *Client) listStreamConsumers(in *kinesis.ListStreamConsumersInput, now time.Time) (*kinesis.ListStreamConsumersOutput, error) {
	if in.NextToken != nil && in.StreamCreationTimestamp != nil {
		return nil, invalidArgument("%s", recorded.NextTokenWith("StreamCreationTimestamp"))
	}
	s, err := c.resolveStream(nil, in.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if ts := in.StreamCreationTimestamp; ts != nil && !ts.Truncate(time.Second).Equal(s.created) {
		return nil, c.streamNotFound(s.name)
	}
	skip := 0
	if in.NextToken != nil {
		t, err := c.parseToken(*in.NextToken, now)
		if err != nil {
			return nil, err
		}
		if t.Stream != s.name || t.Tag != s.tag {
			return nil, invalidArgument("Invalid NextToken.")
		}
		skip = t.Skip
	}
	limit := pageLimit(in.MaxResults, listConsumersMax)
	out := &kinesis.ListStreamConsumersOutput{Consumers: []types.Consumer{}}
	for k := range s.liveConsumers(now).skip(skip) {
		if len(out.Consumers) == limit {
			out.NextToken = ptr(c.newToken(pageToken{Stream: s.name, Tag: s.tag, Skip: skip + limit}, now))
			break
		}
		out.Consumers = append(out.Consumers, *k.describe(now))
	}
	return out, nil
}

var deregisterStreamConsumerOp = newOperation(smithy.NewOperationSchema(schemas.DeregisterStreamConsumer, schemas.DeregisterStreamConsumerInput, nil), changes, callRate{5, perStream}, (*Client).deregisterStreamConsumer,
	consumerMembers(func(in *kinesis.DeregisterStreamConsumerInput) (*string, *string, *string, *string) {
		return in.ConsumerARN, in.StreamARN, in.ConsumerName, in.StreamId
	}))

// DeregisterStreamConsumer deregisters a consumer, named as for
// DescribeStreamConsumer. Its subscriptions end at once; it is DELETING until
// Delays.DeregisterConsumer has passed.
func (c *Client) DeregisterStreamConsumer(ctx context.Context, params *kinesis.DeregisterStreamConsumerInput, optFns ...func(*kinesis.Options)) (*kinesis.DeregisterStreamConsumerOutput, error) {
	return deregisterStreamConsumerOp.call(ctx, c, params)
}

func (c *Client) deregisterStreamConsumer(in *kinesis.DeregisterStreamConsumerInput, now time.Time) (*kinesis.DeregisterStreamConsumerOutput, error) {
	k, err := c.resolveConsumer(in.ConsumerARN, in.StreamARN, in.ConsumerName, now)
	if err != nil {
		return nil, err
	}
	c.deregister(k, now)
	return &kinesis.DeregisterStreamConsumerOutput{}, nil
}
