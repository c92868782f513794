// The AWS SDK for JavaScript v3 against kinesisfake: node e2e.mjs ENDPOINT
import {
  KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordCommand,
  ListShardsCommand, GetShardIteratorCommand, GetRecordsCommand,
  RegisterStreamConsumerCommand, ListStreamConsumersCommand, DescribeStreamCommand,
} from "@aws-sdk/client-kinesis";

const client = new KinesisClient({
  region: "us-east-1",
  endpoint: process.argv[2],
  credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
  maxAttempts: 1,
});

const stream = "js-stream";
await client.send(new CreateStreamCommand({ StreamName: stream, ShardCount: 1 }));
const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: stream }));
console.log("status", summary.StreamDescriptionSummary.StreamStatus);

const put = await client.send(new PutRecordCommand({ StreamName: stream, PartitionKey: "k", Data: new TextEncoder().encode("hello from js") }));
console.log("put", put.ShardId, put.SequenceNumber.length);

const shards = await client.send(new ListShardsCommand({ StreamName: stream }));
const it = await client.send(new GetShardIteratorCommand({ StreamName: stream, ShardId: shards.Shards[0].ShardId, ShardIteratorType: "TRIM_HORIZON" }));
const got = await client.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }));
console.log("got", new TextDecoder().decode(got.Records[0].Data), got.Records[0].ApproximateArrivalTimestamp instanceof Date);

await client.send(new RegisterStreamConsumerCommand({ StreamARN: summary.StreamDescriptionSummary.StreamARN, ConsumerName: "js-consumer" }));
const consumers = await client.send(new ListStreamConsumersCommand({ StreamARN: summary.StreamDescriptionSummary.StreamARN }));
console.log("consumers", consumers.Consumers.map((c) => c.ConsumerName).join(","));

try {
  await client.send(new DescribeStreamCommand({ StreamName: "missing" }));
  console.log("error none");
} catch (err) {
  console.log("error", err.name, err.message);
}
