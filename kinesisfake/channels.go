package kinesisfake

// The channel operations: CreateChannel, DescribeChannel, ListChannels,
// UpdateChannel and DeleteChannel.

// channel is a Kinesis channel delivering streams to S3 or S3 Tables.
type channel struct {
	arn  string
	tags map[string]string // TagResource, UntagResource and ListTagsForResource reach them by ARN
}
