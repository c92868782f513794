package kinesisfake

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/internal/recorded"
)

// The resource policy operations: PutResourcePolicy, GetResourcePolicy and
// DeleteResourcePolicy, on a stream or a consumer named by its ARN. Policies
// are kept in Client.policies by the resource's ARN.

// noPolicy is what GetResourcePolicy returns for a resource without a
// policy: an empty JSON object, as LocalStack's implementation, whose
// snapshot tests were recorded against the service (localstack#12961), and
// moto's tests have it.
const noPolicy = "{}"

// The shapes of the policy operations, by their model names.
var (
	shapePolicy = shape{minLen: -1, maxLen: -1} // a JSON string; the model sets no bounds
)

// policyTarget finds the stream, consumer or queue a ResourceARN names and returns
// the ARN its policy is kept under.
func (c *Client) policyTarget(resourceARN string, now time.Time) (string, error) {
	switch {
	case strings.Contains(resourceARN, "/consumer/"):
		k, err := c.consumerByARN(resourceARN, now)
		if err != nil {
			return "", err
		}
		return k.arn, nil
	case isChannelARN(resourceARN):
		// Policies attach to streams and consumers only; the API reference
		// says a ResourceNotFoundException means the ARN names neither. The
		// wording is the fake's own.
		return "", resourceNotFound("Resource %s not found.", resourceARN)
	case isQueueARN(resourceARN):
		// "Queue pattern: arn:aws.*:kinesis:.*:\d{12}:queue/\S+" (the
		// resource-policy operations' doc comments, v1.57.0).
		q, err := c.queueByARN(resourceARN, now)
		if err != nil {
			return "", err
		}
		return q.arn, nil
	}
	s, err := c.resolveStream(nil, &resourceARN, now)
	if err != nil {
		return "", err
	}
	return s.arn, nil
}

// checkPolicy checks that a policy is a JSON object. The service checks it
// as an IAM policy; the fake checks only its form, in its own wording.
func checkPolicy(policy string) error {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(policy), &doc); err != nil || doc == nil {
		return invalidArgument("Policy is not a valid JSON object.")
	}
	return nil
}

var putResourcePolicyOp = newOperation(smithy.NewOperationSchema(schemas.PutResourcePolicy, schemas.PutResourcePolicyInput, nil), changes, callRate{}, (*Client).putResourcePolicy,
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.PutResourcePolicyInput) *string { return in.ResourceARN })),
	required(stringMember("Policy", shapePolicy, func(in *kinesis.PutResourcePolicyInput) *string { return in.Policy })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.PutResourcePolicyInput) *string { return in.StreamId }),
)

// PutResourcePolicy attaches a resource policy, a JSON object, to the stream
// or consumer ResourceARN names, replacing any it has. The fake keeps the
// policy as given and enforces nothing it says.
func (c *Client) PutResourcePolicy(ctx context.Context, params *kinesis.PutResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.PutResourcePolicyOutput, error) {
	return putResourcePolicyOp.call(ctx, c, params)
}

func (c *Client) putResourcePolicy(in *kinesis.PutResourcePolicyInput, now time.Time) (*kinesis.PutResourcePolicyOutput, error) {
	key, err := c.policyTarget(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	if err := checkPolicy(*in.Policy); err != nil {
		return nil, err
	}
	c.policies[key] = *in.Policy
	return &kinesis.PutResourcePolicyOutput{}, nil
}

var getResourcePolicyOp = newOperation(smithy.NewOperationSchema(schemas.GetResourcePolicy, schemas.GetResourcePolicyInput, schemas.GetResourcePolicyOutput), reads, callRate{}, (*Client).getResourcePolicy,
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.GetResourcePolicyInput) *string { return in.ResourceARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.GetResourcePolicyInput) *string { return in.StreamId }),
)

// GetResourcePolicy returns the policy of the stream or consumer ResourceARN
// names, or "{}" when it has none.
func (c *Client) GetResourcePolicy(ctx context.Context, params *kinesis.GetResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.GetResourcePolicyOutput, error) {
	return getResourcePolicyOp.call(ctx, c, params)
}

func (c *Client) getResourcePolicy(in *kinesis.GetResourcePolicyInput, now time.Time) (*kinesis.GetResourcePolicyOutput, error) {
	key, err := c.policyTarget(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	policy, ok := c.policies[key]
	if !ok {
		policy = noPolicy
	}
	return &kinesis.GetResourcePolicyOutput{Policy: ptr(policy)}, nil
}

var deleteResourcePolicyOp = newOperation(smithy.NewOperationSchema(schemas.DeleteResourcePolicy, schemas.DeleteResourcePolicyInput, nil), changes, callRate{}, (*Client).deleteResourcePolicy,
	required(stringMember("ResourceARN", shapeResourceARN, func(in *kinesis.DeleteResourcePolicyInput) *string { return in.ResourceARN })),
	stringMember("StreamId", shapeStreamID, func(in *kinesis.DeleteResourcePolicyInput) *string { return in.StreamId }),
)

// DeleteResourcePolicy removes the policy of the stream or consumer
// ResourceARN names. A resource without a policy is an error.
func (c *Client) DeleteResourcePolicy(ctx context.Context, params *kinesis.DeleteResourcePolicyInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteResourcePolicyOutput, error) {
	return deleteResourcePolicyOp.call(ctx, c, params)
}

func (c *Client) deleteResourcePolicy(in *kinesis.DeleteResourcePolicyInput, now time.Time) (*kinesis.DeleteResourcePolicyOutput, error) {
	key, err := c.policyTarget(*in.ResourceARN, now)
	if err != nil {
		return nil, err
	}
	if _, ok := c.policies[key]; !ok {
		return nil, resourceNotFound("%s", recorded.PolicyNotFound(key))
	}
	delete(c.policies, key)
	return &kinesis.DeleteResourcePolicyOutput{}, nil
}
