package kinesisfake

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// SDKClient returns a real *kinesis.Client that talks to the fake's Handler
// in memory, with no sockets: every request goes through the SDK's own
// serialisation and the fake's wire protocol. It needs no further
// configuration; it makes no retries, so an error reaches the caller as the
// fake returned it. optFns adjust the options, as for kinesis.New.
func (c *Client) SDKClient(optFns ...func(*kinesis.Options)) *kinesis.Client {
	return kinesis.New(kinesis.Options{
		Region:           c.region,
		BaseEndpoint:     aws.String("http://kinesisfake.invalid"),
		Credentials:      aws.AnonymousCredentials{},
		RetryMaxAttempts: 1,
		HTTPClient:       wire.InMemory(c.Handler()),
	}, optFns...)
}
