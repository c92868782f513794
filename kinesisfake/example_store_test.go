package kinesisfake_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"

	"github.com/streamfake/kinesis/kinesisfake"
)

// mapStore is a kinesisfake.Store in a map, enough for an example: the
// standalone server's -data keeps one in a bbolt database.
type mapStore map[string][]byte

func (m mapStore) Scan(prefix []byte, f func(key, value []byte) error) error {
	var keys []string
	for k := range m {
		if strings.HasPrefix(k, string(prefix)) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		if err := f([]byte(k), m[k]); err != nil {
			return err
		}
	}
	return nil
}

func (m mapStore) Write(ops []kinesisfake.StoreOp) (wait func() error) {
	for _, op := range ops {
		if op.Value != nil {
			m[string(op.Key)] = bytes.Clone(op.Value)
			continue
		}
		for k := range m {
			if k >= string(op.Key) && (op.End == nil || k < string(op.End)) {
				delete(m, k)
			}
		}
	}
	return func() error { return nil }
}

// A fake opened on a store keeps its state there: opened again on it, as
// after a restart, it has the records it acknowledged, under the same
// sequence numbers, and goes on from them.
func ExampleOpen() {
	ctx := context.Background()
	store := mapStore{}
	fake, err := kinesisfake.Open(store)
	if err != nil {
		panic(err)
	}
	if _, err := fake.CreateStream(ctx, &kinesis.CreateStreamInput{StreamName: aws.String("orders"), ShardCount: aws.Int32(1)}); err != nil {
		panic(err)
	}
	put, err := fake.PutRecord(ctx, &kinesis.PutRecordInput{StreamName: aws.String("orders"), PartitionKey: aws.String("k"), Data: []byte("hello")})
	if err != nil {
		panic(err)
	}
	fake.Close()

	again, err := kinesisfake.Open(store)
	if err != nil {
		panic(err)
	}
	defer again.Close()
	records, _ := again.Records("orders")
	fmt.Println(len(records), string(records[0].Data), records[0].SequenceNumber == *put.SequenceNumber)
	// Output: 1 hello true
}
