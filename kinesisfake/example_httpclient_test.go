package kinesisfake_test

import (
	"context"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/streamfake/kinesis/kinesisfake"
)

// The real SDK over a socket, through HTTPClient: unencrypted HTTP/2.
func ExampleHTTPClient() {
	ctx := context.Background()
	fake := kinesisfake.New()
	defer fake.Close()
	srv := httptest.NewUnstartedServer(nil)
	srv.Config = fake.Server()
	srv.Start()
	defer srv.Close()

	cfg := aws.Config{Region: "us-east-1", Credentials: aws.AnonymousCredentials{}} // or config.LoadDefaultConfig
	sdk := kinesis.NewFromConfig(cfg, func(o *kinesis.Options) {
		o.BaseEndpoint = aws.String(srv.URL)
		o.HTTPClient = kinesisfake.HTTPClient()
	})
	if _, err := sdk.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	out, err := sdk.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("customer-1"), Data: []byte("apple")})
	if err != nil {
		panic(err)
	}
	resp := awsmiddleware.GetRawResponse(out.ResultMetadata).(*smithyhttp.Response)
	fmt.Println(resp.Proto, *out.ShardId)
	// Output: HTTP/2.0 shardId-000000000000
}
