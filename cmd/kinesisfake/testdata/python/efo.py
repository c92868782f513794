"""Enhanced fan-out through boto3 against a kinesisfake server.

Registers a consumer, waits for it to be ACTIVE, puts records before and
during a subscription, splits the shard while subscribed, and reads until the
event that carries ChildShards. Prints what it saw as one JSON object.

Usage: python3 efo.py ENDPOINT_URL [CA_BUNDLE]
"""
import json
import sys
import time

import boto3

endpoint = sys.argv[1]
verify = sys.argv[2] if len(sys.argv) > 2 else None
kinesis = boto3.client(
    "kinesis",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="fake",
    aws_secret_access_key="fake",
    verify=verify,
)


def put(prefix, n):
    for i in range(n):
        kinesis.put_record(StreamName="py", PartitionKey="k", Data=f"{prefix}-{i}".encode())


kinesis.create_stream(StreamName="py", ShardCount=1)
kinesis.get_waiter("stream_exists").wait(StreamName="py")
stream_arn = kinesis.describe_stream_summary(StreamName="py")["StreamDescriptionSummary"]["StreamARN"]

consumer = kinesis.register_stream_consumer(StreamARN=stream_arn, ConsumerName="py")["Consumer"]
registered_as = consumer["ConsumerStatus"]
while True:
    status = kinesis.describe_stream_consumer(ConsumerARN=consumer["ConsumerARN"])["ConsumerDescription"]["ConsumerStatus"]
    if status == "ACTIVE":
        break
    time.sleep(0.05)

put("before", 3)
response = kinesis.subscribe_to_shard(
    ConsumerARN=consumer["ConsumerARN"],
    ShardId="shardId-000000000000",
    StartingPosition={"Type": "TRIM_HORIZON"},
)
records, children, split = [], [], False
for event in response["EventStream"]:
    shard_event = event["SubscribeToShardEvent"]
    records += [r["Data"].decode() for r in shard_event["Records"]]
    if records == ["before-0", "before-1", "before-2"]:
        put("during", 3)
    elif len(records) == 6 and not split:
        split = True
        kinesis.split_shard(
            StreamName="py",
            ShardToSplit="shardId-000000000000",
            NewStartingHashKey=str(2**127),
        )
    if shard_event.get("ChildShards"):
        children = [c["ShardId"] for c in shard_event["ChildShards"]]
        continuation = shard_event.get("ContinuationSequenceNumber")
        break

print(json.dumps({
    "registeredAs": registered_as,
    "records": records,
    "children": children,
    "continuationAtEnd": continuation,
}))
