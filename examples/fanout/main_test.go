package main

import (
	"context"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/streamfake/kinesis/kinesisfake"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

func TestEachConsumerGetsEveryRecordInOrder(t *testing.T) {
	var out strings.Builder
	if err := run(context.Background(), kinesisfake.NewT(t), &out, 12); err != nil {
		t.Fatal(err)
	}
	shard0 := "  shardId-000000000000: click-02\n  shardId-000000000000: click-03\n  shardId-000000000000: click-04\n  shardId-000000000000: click-07\n  shardId-000000000000: click-08\n  shardId-000000000000: click-09\n"
	shard1 := "  shardId-000000000001: click-00\n  shardId-000000000001: click-01\n  shardId-000000000001: click-05\n  shardId-000000000001: click-06\n  shardId-000000000001: click-10\n  shardId-000000000001: click-11\n"
	want := "analytics received 12 records:\n" + shard0 + shard1 + "archive received 12 records:\n" + shard0 + shard1
	if out.String() != want {
		t.Errorf("output:\n%s\nwant:\n%s", out.String(), want)
	}
}
