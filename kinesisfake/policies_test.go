package kinesisfake

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/internal/recorded"
)

const testPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"210987654321"},"Action":"kinesis:GetRecords","Resource":"*"}]}`

func getPolicy(t *testing.T, c *Client, arn string) string {
	t.Helper()
	out, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(arn)})
	if err != nil {
		t.Fatalf("GetResourcePolicy(%s): %v", arn, err)
	}
	return aws.ToString(out.Policy)
}

func putPolicy(t *testing.T, c *Client, arn, policy string) {
	t.Helper()
	if _, err := c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(arn), Policy: aws.String(policy)}); err != nil {
		t.Fatalf("PutResourcePolicy(%s): %v", arn, err)
	}
}

// Policies round-trip on streams and consumers, each resource its own.
func TestResourcePolicyRoundTrip(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	createStream(t, c, "other", 1)
	consumerARN := register(t, c, "s", "app")
	otherARN := "arn:aws:kinesis:us-east-1:123456789012:stream/other"

	for _, arn := range []string{testStreamARN, consumerARN} {
		if got := getPolicy(t, c, arn); got != "{}" {
			t.Errorf("%s before any policy: %q, want {}", arn, got)
		}
	}
	putPolicy(t, c, testStreamARN, testPolicy)
	consumerPolicy := `{"Statement": []}`
	putPolicy(t, c, consumerARN, consumerPolicy)
	for arn, want := range map[string]string{testStreamARN: testPolicy, consumerARN: consumerPolicy, otherARN: "{}"} {
		if got := getPolicy(t, c, arn); got != want {
			t.Errorf("%s: %q, want %q", arn, got, want)
		}
	}

	// A second policy replaces the first.
	putPolicy(t, c, testStreamARN, consumerPolicy)
	if got := getPolicy(t, c, testStreamARN); got != consumerPolicy {
		t.Errorf("after replacing: %q, want %q", got, consumerPolicy)
	}

	if _, err := c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(testStreamARN)}); err != nil {
		t.Fatal(err)
	}
	if got := getPolicy(t, c, testStreamARN); got != "{}" {
		t.Errorf("after DeleteResourcePolicy: %q, want {}", got)
	}
	if got := getPolicy(t, c, consumerARN); got != consumerPolicy {
		t.Errorf("consumer's policy after deleting the stream's: %q, want %q", got, consumerPolicy)
	}
	_, err := c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(testStreamARN)})
	wantAPIError(t, err, "DeleteResourcePolicy", "ResourceNotFoundException", recorded.PolicyNotFound(testStreamARN))
}

// A resource that is gone has no policy to get, even before forgetResource
// runs; forgetResource drops a stream's policy and its consumers'.
func TestResourcePolicyOfDeletedResources(t *testing.T) {
	c, clock := newMemoryFake(t) // forgetResource is called by hand
	createStream(t, c, "s", 1)
	consumerARN := register(t, c, "s", "app")
	putPolicy(t, c, testStreamARN, testPolicy)
	putPolicy(t, c, consumerARN, testPolicy)

	if _, err := c.DeregisterStreamConsumer(ctx, &kinesis.DeregisterStreamConsumerInput{ConsumerARN: aws.String(consumerARN)}); err != nil {
		t.Fatal(err)
	}
	_, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(consumerARN)})
	wantAPIError(t, err, "GetResourcePolicy", "ResourceNotFoundException", "")

	if _, err := c.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String("s")}); err != nil {
		t.Fatal(err)
	}
	for _, op := range []struct {
		name string
		call func() error
	}{
		{"GetResourcePolicy", func() error {
			_, err := c.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(testStreamARN)})
			return err
		}},
		{"PutResourcePolicy", func() error {
			_, err := c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(testStreamARN), Policy: aws.String(testPolicy)})
			return err
		}},
		{"DeleteResourcePolicy", func() error {
			_, err := c.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(testStreamARN)})
			return err
		}},
	} {
		wantAPIError(t, op.call(), op.name, "ResourceNotFoundException", recorded.StreamNotFound("s", "123456789012"))
	}

	// forgetResource, as deletion calls it, drops the stream's policy and its
	// consumers', and no other.
	clock.Advance(time.Second)
	createStream(t, c, "s", 1)
	createStream(t, c, "s2", 1)
	newConsumer := register(t, c, "s", "app")
	s2ARN := "arn:aws:kinesis:us-east-1:123456789012:stream/s2"
	putPolicy(t, c, testStreamARN, testPolicy)
	putPolicy(t, c, newConsumer, testPolicy)
	putPolicy(t, c, s2ARN, testPolicy)
	c.mu.Lock()
	c.forgetResource(testStreamARN)
	c.mu.Unlock()
	for arn, want := range map[string]string{testStreamARN: "{}", newConsumer: "{}", s2ARN: testPolicy} {
		if got := getPolicy(t, c, arn); got != want {
			t.Errorf("%s after forgetResource: %q, want %q", arn, got, want)
		}
	}
	putPolicy(t, c, newConsumer, testPolicy)
	c.mu.Lock()
	c.forgetResource(newConsumer)
	c.mu.Unlock()
	if got := getPolicy(t, c, newConsumer); got != "{}" {
		t.Errorf("consumer after forgetResource: %q, want {}", got)
	}
}

// Every rule of the policy operations, with the error the service returns
// for it. Each case runs on stream "s", of 1 shard, with consumer "app"; a
// failed call leaves the stream without a policy.
func TestResourcePolicyErrors(t *testing.T) {
	arnPattern := "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"
	put := func(arn, policy string) func(c *Client, k API, _ *FakeClock) error {
		return func(c *Client, k API, _ *FakeClock) error {
			_, err := k.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(arn), Policy: aws.String(policy)})
			return err
		}
	}
	errorTable{
		setup: streamWithConsumer,
		after: func(t *testing.T, c *Client) {
			if got := getPolicy(t, c, testStreamARN); got != "{}" {
				t.Errorf("the stream's policy after a failed call: %q", got)
			}
		},
		cases: []errorCase{
			{name: "PutResourcePolicy ARN of another service", op: "PutResourcePolicy", call: put("arn:aws:sqs:us-east-1:123456789012:q", testPolicy),
				code: "ValidationException", message: "1 validation error detected: Value 'arn:aws:sqs:us-east-1:123456789012:q' at 'resourceARN' failed to satisfy constraint: " + arnPattern},
			{name: "PutResourcePolicy empty ARN", op: "PutResourcePolicy", call: put("", testPolicy),
				code: "ValidationException", message: "2 validation errors detected: Value '' at 'resourceARN' failed to satisfy constraint: " + arnPattern +
					"; Value '' at 'resourceARN' failed to satisfy constraint: Member must have length greater than or equal to 1"},
			{name: "PutResourcePolicy unknown stream", op: "PutResourcePolicy", call: put("arn:aws:kinesis:us-east-1:123456789012:stream/nope", testPolicy),
				code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "PutResourcePolicy stream of another region", op: "PutResourcePolicy", call: put("arn:aws:kinesis:eu-west-1:123456789012:stream/s", testPolicy),
				code: "ResourceNotFoundException", message: recorded.StreamNotFound("s", "123456789012")},
			{name: "PutResourcePolicy unknown consumer", op: "PutResourcePolicy", call: put(testStreamARN+"/consumer/nope:1700000000", testPolicy),
				code: "ResourceNotFoundException", message: recorded.ConsumerNotFound("nope", "1700000000", "s", "123456789012")},
			{name: "PutResourcePolicy channel", op: "PutResourcePolicy", call: put("arn:aws:kinesis:us-east-1:123456789012:channel/apu0zt8ge6utbndxe", testPolicy),
				code: "ResourceNotFoundException", message: "Resource arn:aws:kinesis:us-east-1:123456789012:channel/apu0zt8ge6utbndxe not found."},
			{name: "PutResourcePolicy not JSON", op: "PutResourcePolicy", call: put(testStreamARN, "allow everyone"),
				code: "InvalidArgumentException", message: "Policy is not a valid JSON object."},
			{name: "PutResourcePolicy empty", op: "PutResourcePolicy", call: put(testStreamARN, ""),
				code: "InvalidArgumentException", message: "Policy is not a valid JSON object."},
			{name: "PutResourcePolicy JSON array", op: "PutResourcePolicy", call: put(testStreamARN, "[]"),
				code: "InvalidArgumentException", message: "Policy is not a valid JSON object."},
			{name: "PutResourcePolicy JSON null", op: "PutResourcePolicy", call: put(testStreamARN, "null"),
				code: "InvalidArgumentException", message: "Policy is not a valid JSON object."},
			{name: "PutResourcePolicy truncated JSON on a consumer", op: "PutResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(testConsumerARN), Policy: aws.String(testPolicy[:20])})
				return err
			}, code: "InvalidArgumentException", message: "Policy is not a valid JSON object."},
			{name: "PutResourcePolicy unknown stream before a bad policy", op: "PutResourcePolicy", call: put("arn:aws:kinesis:us-east-1:123456789012:stream/nope", "x"),
				code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "GetResourcePolicy bad StreamId", op: "GetResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String(testStreamARN), StreamId: aws.String("x")})
				return err
			}, code: "ValidationException", message: "1 validation error detected: Value 'x' at 'streamId' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z0-9]{20}-[a-z0-9]{3}"},
			{name: "GetResourcePolicy unknown stream", op: "GetResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:stream/nope")})
				return err
			}, code: "ResourceNotFoundException", message: recorded.StreamNotFound("nope", "123456789012")},
			{name: "GetResourcePolicy channel", op: "GetResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.GetResourcePolicy(ctx, &kinesis.GetResourcePolicyInput{ResourceARN: aws.String("arn:aws:kinesis:us-east-1:123456789012:channel/x")})
				return err
			}, code: "ResourceNotFoundException", message: "Resource arn:aws:kinesis:us-east-1:123456789012:channel/x not found."},
			{name: "DeleteResourcePolicy without a policy", op: "DeleteResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(testConsumerARN)})
				return err
			}, code: "ResourceNotFoundException", message: ""},
			{name: "DeleteResourcePolicy unknown consumer", op: "DeleteResourcePolicy", call: func(c *Client, k API, _ *FakeClock) error {
				_, err := k.DeleteResourcePolicy(ctx, &kinesis.DeleteResourcePolicyInput{ResourceARN: aws.String(testStreamARN + "/consumer/app:1")})
				return err
			}, code: "ResourceNotFoundException", message: recorded.ConsumerNotFound("app", "1", "s", "123456789012")},
		},
	}.run(t)
}

// The SDK's own client-side checks of required members, compared with the
// real client's.
func TestResourcePolicyRequiredMembers(t *testing.T) {
	fake, _ := newFake(t)
	tests := []requiredMembers{
		{func(c API) error { _, err := c.PutResourcePolicy(ctx, nil); return err },
			missing("PutResourcePolicy", "PutResourcePolicyInput", "ResourceARN", "Policy")},
		{func(c API) error {
			_, err := c.PutResourcePolicy(ctx, &kinesis.PutResourcePolicyInput{ResourceARN: aws.String(testStreamARN)})
			return err
		}, missing("PutResourcePolicy", "PutResourcePolicyInput", "Policy")},
		{func(c API) error { _, err := c.GetResourcePolicy(ctx, nil); return err },
			missing("GetResourcePolicy", "GetResourcePolicyInput", "ResourceARN")},
		{func(c API) error { _, err := c.DeleteResourcePolicy(ctx, nil); return err },
			missing("DeleteResourcePolicy", "DeleteResourcePolicyInput", "ResourceARN")},
	}
	checkRequiredMembers(t, fake, tests)
}
