package kinesisfake

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
)

// Lengths count UTF-16 code units, as the service's Java does: a
// 256-character partition key of non-ASCII letters fits, 257 do not.
func TestLengthsCountCharacters(t *testing.T) {
	c, _ := newFake(t)
	createStream(t, c, "s", 1)
	key := strings.Repeat("é", 256) // 512 bytes
	if _, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key), Data: []byte("x")}); err != nil {
		t.Fatalf("256 characters: %v", err)
	}
	_, err := c.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("s"), PartitionKey: aws.String(key + "é"), Data: []byte("x")})
	wantAPIError(t, err, "PutRecord", "ValidationException", "")
	if n := javaLength("a😀"); n != 3 {
		t.Errorf("javaLength(a😀) = %d, want 3 (a surrogate pair counts twice)", n)
	}
}
