package kinesisfake

// The queue operations: CreateQueue, DescribeQueue, ListQueues,
// UpdateQueue and DeleteQueue; ReceiveQueueRecords,
// AcknowledgeQueueRecords and UpdateQueueRecordsVisibility; and the
// dead-letter path's ReceiveDeadLetterQueueRecords,
// AcknowledgeDeadLetterQueueRecords, UpdateDeadLetterQueueRecordsVisibility
// and RestoreDeadLetterQueueRecords.
//
// A queue delivers the records of one ON_DEMAND stream to queue consumers,
// which receive up to 10 at a time, each in flight for its visibility
// timeout, and acknowledge them; a record received MaxReceiveCount times
// without being acknowledged becomes a dead letter. Sources: the SDK's doc
// comments (service/kinesis v1.57.0, 2026-11-17, and v1.58.0), which quote
// below; the constraints of botocore 1.44.18's model, the first with queues;
// the Developer Guide's queue pages for the quotas. What none of them says
// is listed in docs/fidelity.md's Known differences.

import (
	"context"
	"maps"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
	"github.com/aws/smithy-go"

	"github.com/streamfake/kinesis/arn"
)

const (
	// "If you omit this attribute when you create a queue, the queue uses
	// 30 seconds"; "Dead-letter handling is enabled by default, with a
	// MaxReceiveCount of 6" (the SDK's doc comments).
	defaultVisibilitySeconds = 30
	defaultMaxReceiveCount   = 6
	// "The maximum number of records to return ... The default is 10";
	// WaitTimeSeconds: "The default is 9."
	defaultReceiveLimit = 10
	defaultWaitSeconds  = 9
	// "Concurrent queues in CREATING or DELETING state per account per
	// Region | 5" (Developer Guide, queue quotas).
	changingQueues = 5
	// queueTokenPrefix marks the NextTokens of ListQueues.
	queueTokenPrefix = "queue:"
	// listQueuesMax is the most queues ListQueues returns at once: the
	// model's MaxResults ceiling, as no other is documented.
	listQueuesMax = 10000
)

// entryMessage is the ErrorMessage of an entry of q's that failed with
// code. The wording is the fake's own, none being on record.
func entryMessage(code string, q *queue) string {
	switch code {
	case entryInvalid:
		return "The receipt handle is not one of queue " + q.name + "'s."
	case entryNotFound:
		return "The receipt handle is no longer valid: its record was acknowledged, received again, or dead-lettered, or the queue's records moved on."
	case entryThrottled:
		return "Rate exceeded for queue " + q.name + "."
	}
	return "Internal service failure."
}

// The constraints of the queue shapes (botocore 1.44.18's model).
var (
	shapeQueueName = matching(1, 128, nameChars)
	// Every ARN package arn parses matches the model's pattern.
	shapeQueueARN = matching(1, 2048, regexPattern(`arn:aws.*:kinesis:.*:\d{12}:queue/\S+`).orFirst(func(s string) bool {
		_, err := arn.ParseQueue(s)
		return err == nil
	}))
	shapeReceiptHandle = lengths(1, 1024)
	shapeVisibility    = values(0, 43200)
	shapeReceiveLimit  = values(1, 10)
	shapeWaitSeconds   = values(1, 20)
	shapeMaxReceives   = values(1, 1000)
	shapeQueueEntries  = lengths(1, 10)
)

// queueARNMember is the QueueARN by which an input names its queue.
func queueARNMember[In any](get func(*In) *string) member[In] {
	return required(stringMember("QueueARN", shapeQueueARN, get))
}

// queueAttributesMember checks a QueueAttributes.
func queueAttributesMember[In any](get func(*In) *types.QueueAttributes) member[In] {
	return structMember("QueueAttributes", "QueueAttributes", get,
		intMember("VisibilityTimeoutSeconds", shapeVisibility, func(in *types.QueueAttributes) *int32 { return in.VisibilityTimeoutSeconds }),
		structMember("DeadLetterConfiguration", "DeadLetterConfiguration",
			func(in *types.QueueAttributes) *types.DeadLetterConfiguration { return in.DeadLetterConfiguration },
			required(enumMember("TargetType", func(in *types.DeadLetterConfiguration) types.TargetType { return in.TargetType })),
			intMember("MaxReceiveCount", shapeMaxReceives, func(in *types.DeadLetterConfiguration) *int32 { return in.MaxReceiveCount }),
		),
	)
}

var createQueueOp = newOperation(smithy.NewOperationSchema(schemas.CreateQueue, schemas.CreateQueueInput, schemas.CreateQueueOutput), changes, callRate{}, (*Client).createQueue,
	required(stringMember("QueueName", shapeQueueName, func(in *kinesis.CreateQueueInput) *string { return in.QueueName })),
	required(listMember("StreamConfigurationList", "QueueStreamConfigurationList", "QueueStreamConfiguration", shapeChannelList,
		func(in *kinesis.CreateQueueInput) []types.QueueStreamConfiguration { return in.StreamConfigurationList },
		required(stringMember("StreamARN", shapeStreamARN, func(in *types.QueueStreamConfiguration) *string { return in.StreamARN })),
		structMember("StartingPosition", "QueueStartingPosition",
			func(in *types.QueueStreamConfiguration) *types.QueueStartingPosition { return in.StartingPosition },
			required(enumMember("Type", func(in *types.QueueStartingPosition) types.QueueStartingPositionType { return in.Type })),
		),
	)),
	queueAttributesMember(func(in *kinesis.CreateQueueInput) *types.QueueAttributes { return in.QueueAttributes }),
	tagsMember("Tags", func(in *kinesis.CreateQueueInput) map[string]string { return in.Tags }),
)

// CreateQueue creates a queue on an ON_DEMAND stream, delivering from
// LATEST unless StartingPosition says otherwise. It is CREATING until
// Delays.CreateQueue has passed. A queue counts as one of the stream's
// registered consumers ("A queue counts as a registered consumer on the
// stream and shares the stream's registered consumer limit with enhanced
// fan-out consumers").
func (c *Client) CreateQueue(ctx context.Context, params *kinesis.CreateQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.CreateQueueOutput, error) {
	return createQueueOp.call(ctx, c, params)
}

func (c *Client) createQueue(in *kinesis.CreateQueueInput, now time.Time) (*kinesis.CreateQueueOutput, error) {
	if n := len(in.StreamConfigurationList); n != 1 {
		// "The list must contain exactly one entry, because a queue
		// delivers records from a single data stream." The wording is the
		// fake's own.
		return nil, invalidArgument("A queue delivers records from exactly one stream; StreamConfigurationList has %d entries.", n)
	}
	source := in.StreamConfigurationList[0]
	start := types.QueueStartingPosition{Type: types.QueueStartingPositionTypeLatest}
	if source.StartingPosition != nil {
		start = *source.StartingPosition
	}
	if err := checkQueueStart(start, now); err != nil {
		return nil, err
	}
	settings := queueSettings{
		VisibilityTimeoutSeconds: defaultVisibilitySeconds,
		DeadLetter:               deadLetterConfig{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: defaultMaxReceiveCount},
		Tags:                     make(map[string]string, len(in.Tags)),
	}
	if err := settings.apply(in.QueueAttributes); err != nil {
		return nil, err
	}
	name := *in.QueueName
	live := c.liveQueues(now)
	changing := 0
	for _, q := range live {
		if q.name == name {
			// The fake's own wording, after the stream's.
			return nil, resourceInUse("Queue %s under account %s already exists.", name, c.accountID)
		}
		if p := q.life.phase(now); p == phaseCreating || p == phaseDeleting {
			changing++
		}
	}
	s, err := c.resolveStream(nil, source.StreamARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.requireReady(s, now); err != nil {
		return nil, err
	}
	if s.Mode != types.StreamModeOnDemand {
		// "Queues are supported only on data streams in on-demand capacity
		// mode"; ValidationException is the error the SDK's doc comment
		// names for "the operation is not supported for the stream's
		// capacity mode". The wording is the fake's own, as a channel's.
		return nil, &types.ValidationException{Message: ptr("Request is invalid. Stream " + s.name + " under account " + c.accountID + " is in Provisioned mode.")}
	}
	if err := c.checkConsumerRoom(s, now); err != nil {
		return nil, err
	}
	if changing >= changingQueues {
		return nil, limitExceeded("Account %s already has %d queues in CREATING or DELETING state, the limit is %d.", c.accountID, changing, changingQueues)
	}
	q := &queue{
		onStream:      c.newOnStream("queue", name, s, c.delays.CreateQueue, func(arn string) bool { _, taken := c.queues[arn]; return taken }, now),
		queueSettings: settings,
	}
	if err := c.checkNewTags(tagged{tags: q.Tags, arn: q.arn}, in.Tags); err != nil {
		return nil, err
	}
	maps.Copy(q.Tags, in.Tags)
	c.startQueue(q, start, now)
	c.queues[q.arn] = q
	// "Upon receiving a CreateQueue request, Amazon Kinesis Data Streams
	// immediately returns a queue description with a QueueStatus of
	// CREATING", however short Delays.CreateQueue is, as a consumer's
	// registration does.
	return &kinesis.CreateQueueOutput{QueueDescription: q.describeAs(types.QueueStatusCreating)}, nil
}

// checkQueueStart applies the rules of QueueStartingPosition's Timestamp:
// "specify this value only when Type is AT_TIMESTAMP. It is required in
// that case, and specifying it for any other type returns a
// ValidationException." The wording is the fake's own.
func checkQueueStart(start types.QueueStartingPosition, now time.Time) error {
	switch {
	case start.Type == types.QueueStartingPositionTypeAtTimestamp && start.Timestamp == nil:
		return &types.ValidationException{Message: ptr("StartingPosition.Timestamp is required when StartingPosition.Type is AT_TIMESTAMP.")}
	case start.Type != types.QueueStartingPositionTypeAtTimestamp && start.Timestamp != nil:
		return &types.ValidationException{Message: ptr("StartingPosition.Timestamp may be specified only when StartingPosition.Type is AT_TIMESTAMP.")}
	}
	return nil
}

// apply sets the attributes given and leaves the others: "Attributes you
// do not specify are left unchanged" (UpdateQueue). A BUILT_IN dead-letter
// configuration needs its MaxReceiveCount ("If you specify it with a
// TargetType of BUILT_IN, you must also specify MaxReceiveCount"); the
// error is not on record, and the wording is the fake's own.
func (s *queueSettings) apply(a *types.QueueAttributes) error {
	if a == nil {
		return nil
	}
	if d := a.DeadLetterConfiguration; d != nil {
		if d.TargetType == types.TargetTypeBuiltIn && d.MaxReceiveCount == nil {
			return &types.ValidationException{Message: ptr("DeadLetterConfiguration.MaxReceiveCount is required when TargetType is BUILT_IN.")}
		}
		s.DeadLetter = deadLetterConfig{TargetType: d.TargetType}
		if d.TargetType == types.TargetTypeBuiltIn {
			s.DeadLetter.MaxReceiveCount = *d.MaxReceiveCount
		}
	}
	if v := a.VisibilityTimeoutSeconds; v != nil {
		s.VisibilityTimeoutSeconds = *v
	}
	return nil
}

// startQueue sets where q starts delivering in each shard, and the start
// it reports once ACTIVE: LATEST "Delivers records that arrive after you
// create the queue"; TRIM_HORIZON starts "at the last untrimmed record in
// the stream"; AT_TIMESTAMP "Delivers records that arrive at or after a
// time stamp that you provide", and reports "the timestamp you provided or
// the earliest time the stream can be read from, whichever is later".
func (c *Client) startQueue(q *queue, start types.QueueStartingPosition, now time.Time) {
	s := q.stream
	earliest := now.Add(-s.retention()).UTC()
	if s.created.After(earliest) {
		earliest = s.created
	}
	q.Start = queueStart{Type: start.Type, Effective: now.Truncate(time.Millisecond).UTC()}
	switch start.Type {
	case types.QueueStartingPositionTypeTrimHorizon:
		q.Start.Effective = earliest
		for _, sh := range s.shards {
			q.advance(sh, sh.log.start())
			if r, ok := sh.log.oldest(); ok && time.UnixMilli(r.arrival).Before(q.Start.Effective) {
				q.Start.Effective = time.UnixMilli(r.arrival).UTC()
			}
		}
	case types.QueueStartingPositionTypeAtTimestamp:
		q.Start.Requested = start.Timestamp.UTC()
		q.Start.Effective = q.Start.Requested
		if earliest.After(q.Start.Effective) {
			q.Start.Effective = earliest
		}
		for _, sh := range s.shards {
			q.advance(sh, sh.log.find(position{arrival: start.Timestamp.UnixMilli()}))
		}
	default:
		for _, sh := range s.shards {
			q.advance(sh, sh.log.next)
		}
	}
}

// describe reports the queue as DescribeQueue does. The start's Timestamp
// follows the doc comment: "While the queue is CREATING, the response
// echoes what you configured ... Once the queue is ACTIVE, the response
// always includes this member."
func (q *queue) describe(now time.Time) *types.QueueDescription { return q.describeAs(q.status(now)) }

// describeAs is describe with the status given.
func (q *queue) describeAs(status types.QueueStatus) *types.QueueDescription {
	start := &types.QueueStartingPosition{Type: q.Start.Type}
	switch {
	case status != types.QueueStatusCreating:
		start.Timestamp = ptr(q.Start.Effective)
	case q.Start.Type == types.QueueStartingPositionTypeAtTimestamp:
		start.Timestamp = ptr(q.Start.Requested)
	}
	dead := &types.DeadLetterConfiguration{TargetType: q.DeadLetter.TargetType}
	if q.deadLetters() {
		dead.MaxReceiveCount = ptr(q.DeadLetter.MaxReceiveCount)
	}
	return &types.QueueDescription{
		QueueARN:               ptr(q.arn),
		QueueName:              ptr(q.name),
		QueueStatus:            status,
		QueueCreationTimestamp: ptr(q.created),
		StreamConfigurationList: []types.QueueStreamConfiguration{{
			StreamARN:        ptr(q.streamARN),
			StartingPosition: start,
		}},
		QueueAttributes: &types.QueueAttributes{
			VisibilityTimeoutSeconds: ptr(q.VisibilityTimeoutSeconds),
			DeadLetterConfiguration:  dead,
		},
	}
}

var describeQueueOp = newOperation(smithy.NewOperationSchema(schemas.DescribeQueue, schemas.DescribeQueueInput, schemas.DescribeQueueOutput), reads, callRate{}, (*Client).describeQueue,
	queueARNMember(func(in *kinesis.DescribeQueueInput) *string { return in.QueueARN }))

// DescribeQueue describes a queue, until its deletion completes.
func (c *Client) DescribeQueue(ctx context.Context, params *kinesis.DescribeQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.DescribeQueueOutput, error) {
	return describeQueueOp.call(ctx, c, params)
}

func (c *Client) describeQueue(in *kinesis.DescribeQueueInput, now time.Time) (*kinesis.DescribeQueueOutput, error) {
	q, err := c.queueByARN(*in.QueueARN, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.DescribeQueueOutput{QueueDescription: q.describe(now)}, nil
}

var listQueuesOp = newOperation(smithy.NewOperationSchema(schemas.ListQueues, schemas.ListQueuesInput, schemas.ListQueuesOutput), reads, callRate{}, (*Client).listQueues,
	listMember("StreamFilter", "QueueStreamFilterList", "QueueStreamFilter", shapeChannelList,
		func(in *kinesis.ListQueuesInput) []types.QueueStreamFilter { return in.StreamFilter },
		required(stringMember("StreamARN", shapeStreamARN, func(in *types.QueueStreamFilter) *string { return in.StreamARN })),
	),
	intMember("MaxResults", shapeLimit, func(in *kinesis.ListQueuesInput) *int32 { return in.MaxResults }),
	stringMember("NextToken", shapeNextToken, func(in *kinesis.ListQueuesInput) *string { return in.NextToken }),
)

// ListQueues lists queues in order of creation, up to MaxResults at a
// time. With StreamFilter it lists the queues on any of the streams given,
// each by ARN and, optionally, creation time. StreamFilter may come with
// NextToken, as the SDK's paginator sends it.
func (c *Client) ListQueues(ctx context.Context, params *kinesis.ListQueuesInput, optFns ...func(*kinesis.Options)) (*kinesis.ListQueuesOutput, error) {
	return listQueuesOp.call(ctx, c, params)
}

func (c *Client) listQueues(in *kinesis.ListQueuesInput, now time.Time) (*kinesis.ListQueuesOutput, error) {
	page, next, err := pageOnStream(&c.engine, c.liveQueues(now), in.NextToken, pageLimit(in.MaxResults, listQueuesMax), queueTokenPrefix,
		func(q *queue) bool {
			return readsAny(&q.onStream, in.StreamFilter, func(f *types.QueueStreamFilter) (string, *time.Time) { return *f.StreamARN, f.StreamCreationTimestamp })
		}, now)
	if err != nil {
		return nil, err
	}
	out := &kinesis.ListQueuesOutput{NextToken: next}
	out.QueueSummaries = make([]types.QueueSummary, len(page))
	for i, q := range page {
		out.QueueSummaries[i] = types.QueueSummary{
			QueueARN:               ptr(q.arn),
			QueueName:              ptr(q.name),
			QueueStatus:            q.status(now),
			QueueCreationTimestamp: ptr(q.created),
			Streams:                []types.QueueStreamIdentifier{{StreamARN: ptr(q.streamARN), StreamCreationTimestamp: ptr(q.streamCreated)}},
		}
	}
	return out, nil
}

var updateQueueOp = newOperation(smithy.NewOperationSchema(schemas.UpdateQueue, schemas.UpdateQueueInput, schemas.UpdateQueueOutput), changes, callRate{}, (*Client).updateQueue,
	queueARNMember(func(in *kinesis.UpdateQueueInput) *string { return in.QueueARN }),
	required(queueAttributesMember(func(in *kinesis.UpdateQueueInput) *types.QueueAttributes { return in.QueueAttributes })),
)

// UpdateQueue changes an ACTIVE queue's visibility timeout, its
// dead-letter configuration, or both, leaving what it is not given. The
// queue reports the new attributes at once and is UPDATING until
// Delays.UpdateQueue has passed. The new dead-letter configuration applies
// at once; the new visibility timeout to records received once the update
// completes, records in flight keeping the one they were received with.
func (c *Client) UpdateQueue(ctx context.Context, params *kinesis.UpdateQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateQueueOutput, error) {
	return updateQueueOp.call(ctx, c, params)
}

func (c *Client) updateQueue(in *kinesis.UpdateQueueInput, now time.Time) (*kinesis.UpdateQueueOutput, error) {
	q, err := c.queueByARN(*in.QueueARN, now)
	if err != nil {
		return nil, err
	}
	settings := q.queueSettings
	if err := settings.apply(in.QueueAttributes); err != nil {
		return nil, err
	}
	if st := q.status(now); st != types.QueueStatusActive {
		// The fake's own wording, after the stream's.
		return nil, resourceInUse("Queue %s under account %s not ACTIVE, instead in state %s", q.name, c.accountID, st)
	}
	settings.VisibilityBeforeUpdate = nil
	if before := q.VisibilityTimeoutSeconds; settings.VisibilityTimeoutSeconds != before && c.delays.UpdateQueue > 0 {
		settings.VisibilityBeforeUpdate = &before
	}
	q.queueSettings = settings
	q.life.update(now, c.delays.UpdateQueue)
	return &kinesis.UpdateQueueOutput{QueueDescription: q.describe(now)}, nil
}

var deleteQueueOp = newOperation(smithy.NewOperationSchema(schemas.DeleteQueue, schemas.DeleteQueueInput, nil), changes, callRate{}, (*Client).deleteQueue,
	queueARNMember(func(in *kinesis.DeleteQueueInput) *string { return in.QueueARN }))

// DeleteQueue deletes a queue in any state. It is DELETING until
// Delays.DeleteQueue has passed, and delivers nothing more: "Records that
// are in flight when you delete the queue are not delivered again, and
// receipt handles issued by the queue stop being valid." The stream and
// its records are untouched.
func (c *Client) DeleteQueue(ctx context.Context, params *kinesis.DeleteQueueInput, optFns ...func(*kinesis.Options)) (*kinesis.DeleteQueueOutput, error) {
	return deleteQueueOp.call(ctx, c, params)
}

func (c *Client) deleteQueue(in *kinesis.DeleteQueueInput, now time.Time) (*kinesis.DeleteQueueOutput, error) {
	q, err := c.queueByARN(*in.QueueARN, now)
	if err != nil {
		return nil, err
	}
	if q.life.delete(now, c.delays.DeleteQueue) {
		q.deliveries = deliveries{nonce: q.nonce} // handles stop being valid, and are never issued again
		c.forgetResource(q.arn)
		q.stream.signal()         // long polls end
		c.lookupQueue(q.arn, now) // a zero delay removes it now
	}
	return &kinesis.DeleteQueueOutput{}, nil
}

// --- Receiving ---

var receiveQueueRecordsOp = newOperation(smithy.NewOperationSchema(schemas.ReceiveQueueRecords, schemas.ReceiveQueueRecordsInput, schemas.ReceiveQueueRecordsOutput), changes, callRate{}, (*Client).receiveQueueRecords,
	queueARNMember(func(in *kinesis.ReceiveQueueRecordsInput) *string { return in.QueueARN }),
	intMember("Limit", shapeReceiveLimit, func(in *kinesis.ReceiveQueueRecordsInput) *int32 { return in.Limit }),
	intMember("VisibilityTimeoutSeconds", shapeVisibility, func(in *kinesis.ReceiveQueueRecordsInput) *int32 { return in.VisibilityTimeoutSeconds }),
	intMember("WaitTimeSeconds", shapeWaitSeconds, func(in *kinesis.ReceiveQueueRecordsInput) *int32 { return in.WaitTimeSeconds }),
).polling(
	func(in *kinesis.ReceiveQueueRecordsInput) time.Duration { return waitTime(in.WaitTimeSeconds) },
	func(c *Client, in *kinesis.ReceiveQueueRecordsInput, out *kinesis.ReceiveQueueRecordsOutput) (<-chan struct{}, time.Time, bool) {
		return c.receiveWake(*in.QueueARN, len(out.QueueRecords), false)
	},
)

// ReceiveQueueRecords receives up to Limit (10 by default) records from an
// ACTIVE or UPDATING queue: records visible again, then records not
// delivered before. Each is in flight for VisibilityTimeoutSeconds, or the
// queue's, and comes with a new receipt handle. With none to return, the
// call waits up to WaitTimeSeconds (9 by default) on the fake's clock and
// returns as soon as one is visible.
func (c *Client) ReceiveQueueRecords(ctx context.Context, params *kinesis.ReceiveQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.ReceiveQueueRecordsOutput, error) {
	return receiveQueueRecordsOp.call(ctx, c, params)
}

func (c *Client) receiveQueueRecords(in *kinesis.ReceiveQueueRecordsInput, now time.Time) (*kinesis.ReceiveQueueRecordsOutput, error) {
	records, err := c.receiveFrom(*in.QueueARN, in.Limit, in.VisibilityTimeoutSeconds, false, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.ReceiveQueueRecordsOutput{QueueRecords: records}, nil
}

var receiveDeadLetterQueueRecordsOp = newOperation(smithy.NewOperationSchema(schemas.ReceiveDeadLetterQueueRecords, schemas.ReceiveDeadLetterQueueRecordsInput, schemas.ReceiveDeadLetterQueueRecordsOutput), changes, callRate{}, (*Client).receiveDeadLetterQueueRecords,
	queueARNMember(func(in *kinesis.ReceiveDeadLetterQueueRecordsInput) *string { return in.QueueARN }),
	intMember("Limit", shapeReceiveLimit, func(in *kinesis.ReceiveDeadLetterQueueRecordsInput) *int32 { return in.Limit }),
	intMember("VisibilityTimeoutSeconds", shapeVisibility, func(in *kinesis.ReceiveDeadLetterQueueRecordsInput) *int32 { return in.VisibilityTimeoutSeconds }),
	intMember("WaitTimeSeconds", shapeWaitSeconds, func(in *kinesis.ReceiveDeadLetterQueueRecordsInput) *int32 { return in.WaitTimeSeconds }),
).polling(
	func(in *kinesis.ReceiveDeadLetterQueueRecordsInput) time.Duration {
		return waitTime(in.WaitTimeSeconds)
	},
	func(c *Client, in *kinesis.ReceiveDeadLetterQueueRecordsInput, out *kinesis.ReceiveDeadLetterQueueRecordsOutput) (<-chan struct{}, time.Time, bool) {
		return c.receiveWake(*in.QueueARN, len(out.QueueRecords), true)
	},
)

// ReceiveDeadLetterQueueRecords receives up to Limit (10 by default) dead
// letters from an ACTIVE or UPDATING queue, as ReceiveQueueRecords
// receives records: "The dead-letter record stays in the same queue, and
// ReceiveQueueRecords no longer returns it."
func (c *Client) ReceiveDeadLetterQueueRecords(ctx context.Context, params *kinesis.ReceiveDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.ReceiveDeadLetterQueueRecordsOutput, error) {
	return receiveDeadLetterQueueRecordsOp.call(ctx, c, params)
}

func (c *Client) receiveDeadLetterQueueRecords(in *kinesis.ReceiveDeadLetterQueueRecordsInput, now time.Time) (*kinesis.ReceiveDeadLetterQueueRecordsOutput, error) {
	records, err := c.receiveFrom(*in.QueueARN, in.Limit, in.VisibilityTimeoutSeconds, true, now)
	if err != nil {
		return nil, err
	}
	return &kinesis.ReceiveDeadLetterQueueRecordsOutput{QueueRecords: records}, nil
}

// waitTime is how long a receive waits: WaitTimeSeconds, 9 by default.
func waitTime(seconds *int32) time.Duration {
	if seconds == nil {
		return defaultWaitSeconds * time.Second
	}
	return time.Duration(*seconds) * time.Second
}

// receiveFrom is a receive from the queue with the ARN given, on the
// dead-letter path if dead.
func (c *Client) receiveFrom(queueARN string, limit, visibility *int32, dead bool, now time.Time) ([]types.QueueRecord, error) {
	q, err := c.queueByARN(queueARN, now)
	if err != nil {
		return nil, err
	}
	if err := c.queueReady(q, now); err != nil {
		return nil, err
	}
	n, seconds := defaultReceiveLimit, q.visibility(now)
	if limit != nil {
		n = int(*limit)
	}
	if visibility != nil {
		seconds = *visibility
	}
	return c.receive(q, n, time.Duration(seconds)*time.Second, dead, now), nil
}

// receiveWake is what a receive that took got records waits for, if it
// took none.
func (c *Client) receiveWake(queueARN string, got int, dead bool) (<-chan struct{}, time.Time, bool) {
	q := c.queues[queueARN]
	if got > 0 || q == nil {
		return nil, time.Time{}, false
	}
	ch, at := c.queueWake(q, dead)
	return ch, at, true
}

// --- Acknowledging, visibility, restoring ---

// entryOutcome is what became of each entry of a batch: the receipt handles
// of those that succeeded, and of those that failed with their code and
// message.
type entryOutcome struct {
	succeeded []string
	failed    []failedEntry
}

type failedEntry struct{ handle, code, message string }

// eachEntry applies act to the delivery each receipt handle of a call of
// batch names on the path given, in order, and reports each entry's
// outcome. A handle that is not the queue's fails as invalid; one that is
// no longer the latest of a delivery on the path, as not found; one a
// QueueEntriesFault chooses, with the fault's code.
func (c *Client) eachEntry(batch *smithy.Schema, queueARN string, handles []*string, dead bool, now time.Time, act func(q *queue, slot int32, entry int)) (entryOutcome, error) {
	q, err := c.queueByARN(queueARN, now)
	if err != nil {
		return entryOutcome{}, err
	}
	var out entryOutcome
	c.settleDeadLetters(q, now.UnixMilli())
	var injected []string
	if len(c.queueFaults) > 0 {
		injected = c.failedQueueEntries(batch, q, handles)
	}
	for i, h := range handles {
		handle := *h
		code := ""
		if injected != nil {
			code = injected[i]
		}
		slot, nonce, ok := parseReceiptHandle(q.id, handle)
		switch {
		case code != "":
		case !ok:
			code = entryInvalid
		case !q.current(slot, nonce, dead):
			code = entryNotFound
		}
		if code != "" {
			out.failed = append(out.failed, failedEntry{handle, code, entryMessage(code, q)})
			continue
		}
		act(q, slot, i)
		out.succeeded = append(out.succeeded, handle)
	}
	return out, nil
}

// acknowledge removes a delivery: "After a record is acknowledged, the
// queue does not deliver it again."
func acknowledge(q *queue, slot int32, _ int) { q.remove(slot) }

// setVisibility returns an act putting the delivery of each entry in
// flight for its seconds from now: "measured from when this request is
// processed. Specify 0 to make the record visible in the queue
// immediately." Making one visible wakes the receives that wait.
func setVisibility(now time.Time, seconds func(entry int) int32) func(q *queue, slot int32, entry int) {
	return func(q *queue, slot int32, entry int) {
		s := seconds(entry)
		q.reschedule(slot, now.Add(time.Duration(s)*time.Second).UnixMilli())
		if s == 0 {
			q.stream.signal()
		}
	}
}

// handles lists the receipt handles of a batch's entries.
func handles[E any](entries []E, handle func(*E) *string) []*string {
	out := make([]*string, len(entries))
	for i := range entries {
		out[i] = handle(&entries[i])
	}
	return out
}

// report turns an outcome into a batch's lists, each made even if empty, as
// the service sends them.
func report[OK, Failed any](o entryOutcome, ok func(handle *string) OK, failed func(handle, code, message *string) Failed) ([]OK, []Failed) {
	succeeded := make([]OK, len(o.succeeded))
	for i := range o.succeeded {
		succeeded[i] = ok(&o.succeeded[i])
	}
	fails := make([]Failed, len(o.failed))
	for i := range o.failed {
		f := &o.failed[i]
		fails[i] = failed(&f.handle, &f.code, &f.message)
	}
	return succeeded, fails
}

// entriesMember checks the Entries of a batch: 1 to 10, each with its
// ReceiptHandle.
func entriesMember[In, E any](list string, get func(*In) []E, handle func(*E) *string, more ...member[E]) member[In] {
	elem := strings.TrimSuffix(list, "List")
	return required(listMember("Entries", list, elem, shapeQueueEntries, get,
		append([]member[E]{required(stringMember("ReceiptHandle", shapeReceiptHandle, handle))}, more...)...))
}

var acknowledgeQueueRecordsOp = newOperation(smithy.NewOperationSchema(schemas.AcknowledgeQueueRecords, schemas.AcknowledgeQueueRecordsInput, schemas.AcknowledgeQueueRecordsOutput), changes, callRate{}, (*Client).acknowledgeQueueRecords,
	queueARNMember(func(in *kinesis.AcknowledgeQueueRecordsInput) *string { return in.QueueARN }),
	entriesMember("AcknowledgeQueueRecordsRequestEntryList",
		func(in *kinesis.AcknowledgeQueueRecordsInput) []types.AcknowledgeQueueRecordsRequestEntry {
			return in.Entries
		},
		func(in *types.AcknowledgeQueueRecordsRequestEntry) *string { return in.ReceiptHandle }),
)

// AcknowledgeQueueRecords acknowledges up to 10 records received from a
// queue, by their receipt handles, reporting each entry in Successful or
// Failed.
func (c *Client) AcknowledgeQueueRecords(ctx context.Context, params *kinesis.AcknowledgeQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.AcknowledgeQueueRecordsOutput, error) {
	return acknowledgeQueueRecordsOp.call(ctx, c, params)
}

func (c *Client) acknowledgeQueueRecords(in *kinesis.AcknowledgeQueueRecordsInput, now time.Time) (*kinesis.AcknowledgeQueueRecordsOutput, error) {
	o, err := c.eachEntry(schemas.AcknowledgeQueueRecords, *in.QueueARN, handles(in.Entries, func(e *types.AcknowledgeQueueRecordsRequestEntry) *string { return e.ReceiptHandle }), false, now, acknowledge)
	if err != nil {
		return nil, err
	}
	out := &kinesis.AcknowledgeQueueRecordsOutput{}
	out.Successful, out.Failed = report(o,
		func(h *string) types.AcknowledgeQueueRecordsResultEntry {
			return types.AcknowledgeQueueRecordsResultEntry{ReceiptHandle: h}
		},
		func(h, code, msg *string) types.AcknowledgeQueueRecordsErrorEntry {
			return types.AcknowledgeQueueRecordsErrorEntry{ReceiptHandle: h, ErrorCode: code, ErrorMessage: msg}
		})
	return out, nil
}

var acknowledgeDeadLetterQueueRecordsOp = newOperation(smithy.NewOperationSchema(schemas.AcknowledgeDeadLetterQueueRecords, schemas.AcknowledgeDeadLetterQueueRecordsInput, schemas.AcknowledgeDeadLetterQueueRecordsOutput), changes, callRate{}, (*Client).acknowledgeDeadLetterQueueRecords,
	queueARNMember(func(in *kinesis.AcknowledgeDeadLetterQueueRecordsInput) *string { return in.QueueARN }),
	entriesMember("AcknowledgeDeadLetterQueueRecordsRequestEntryList",
		func(in *kinesis.AcknowledgeDeadLetterQueueRecordsInput) []types.AcknowledgeDeadLetterQueueRecordsRequestEntry {
			return in.Entries
		},
		func(in *types.AcknowledgeDeadLetterQueueRecordsRequestEntry) *string { return in.ReceiptHandle }),
)

// AcknowledgeDeadLetterQueueRecords acknowledges, and so discards, up to
// 10 dead letters received with ReceiveDeadLetterQueueRecords.
func (c *Client) AcknowledgeDeadLetterQueueRecords(ctx context.Context, params *kinesis.AcknowledgeDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.AcknowledgeDeadLetterQueueRecordsOutput, error) {
	return acknowledgeDeadLetterQueueRecordsOp.call(ctx, c, params)
}

func (c *Client) acknowledgeDeadLetterQueueRecords(in *kinesis.AcknowledgeDeadLetterQueueRecordsInput, now time.Time) (*kinesis.AcknowledgeDeadLetterQueueRecordsOutput, error) {
	o, err := c.eachEntry(schemas.AcknowledgeDeadLetterQueueRecords, *in.QueueARN, handles(in.Entries, func(e *types.AcknowledgeDeadLetterQueueRecordsRequestEntry) *string { return e.ReceiptHandle }), true, now, acknowledge)
	if err != nil {
		return nil, err
	}
	out := &kinesis.AcknowledgeDeadLetterQueueRecordsOutput{}
	out.Successful, out.Failed = report(o,
		func(h *string) types.AcknowledgeDeadLetterQueueRecordsResultEntry {
			return types.AcknowledgeDeadLetterQueueRecordsResultEntry{ReceiptHandle: h}
		},
		func(h, code, msg *string) types.AcknowledgeDeadLetterQueueRecordsErrorEntry {
			return types.AcknowledgeDeadLetterQueueRecordsErrorEntry{ReceiptHandle: h, ErrorCode: code, ErrorMessage: msg}
		})
	return out, nil
}

var updateQueueRecordsVisibilityOp = newOperation(smithy.NewOperationSchema(schemas.UpdateQueueRecordsVisibility, schemas.UpdateQueueRecordsVisibilityInput, schemas.UpdateQueueRecordsVisibilityOutput), changes, callRate{}, (*Client).updateQueueRecordsVisibility,
	queueARNMember(func(in *kinesis.UpdateQueueRecordsVisibilityInput) *string { return in.QueueARN }),
	entriesMember("UpdateQueueRecordsVisibilityRequestEntryList",
		func(in *kinesis.UpdateQueueRecordsVisibilityInput) []types.UpdateQueueRecordsVisibilityRequestEntry {
			return in.Entries
		},
		func(in *types.UpdateQueueRecordsVisibilityRequestEntry) *string { return in.ReceiptHandle },
		required(intMember("VisibilityTimeoutSeconds", shapeVisibility, func(in *types.UpdateQueueRecordsVisibilityRequestEntry) *int32 { return in.VisibilityTimeoutSeconds })),
	),
)

// UpdateQueueRecordsVisibility changes how long up to 10 records received
// from a queue stay in flight, from now; 0 makes them visible at once.
func (c *Client) UpdateQueueRecordsVisibility(ctx context.Context, params *kinesis.UpdateQueueRecordsVisibilityInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateQueueRecordsVisibilityOutput, error) {
	return updateQueueRecordsVisibilityOp.call(ctx, c, params)
}

func (c *Client) updateQueueRecordsVisibility(in *kinesis.UpdateQueueRecordsVisibilityInput, now time.Time) (*kinesis.UpdateQueueRecordsVisibilityOutput, error) {
	o, err := c.eachEntry(schemas.UpdateQueueRecordsVisibility, *in.QueueARN, handles(in.Entries, func(e *types.UpdateQueueRecordsVisibilityRequestEntry) *string { return e.ReceiptHandle }), false, now,
		setVisibility(now, func(i int) int32 { return *in.Entries[i].VisibilityTimeoutSeconds }))
	if err != nil {
		return nil, err
	}
	out := &kinesis.UpdateQueueRecordsVisibilityOutput{}
	out.Successful, out.Failed = report(o,
		func(h *string) types.UpdateQueueRecordsVisibilityResultEntry {
			return types.UpdateQueueRecordsVisibilityResultEntry{ReceiptHandle: h}
		},
		func(h, code, msg *string) types.UpdateQueueRecordsVisibilityErrorEntry {
			return types.UpdateQueueRecordsVisibilityErrorEntry{ReceiptHandle: h, ErrorCode: code, ErrorMessage: msg}
		})
	return out, nil
}

var updateDeadLetterQueueRecordsVisibilityOp = newOperation(smithy.NewOperationSchema(schemas.UpdateDeadLetterQueueRecordsVisibility, schemas.UpdateDeadLetterQueueRecordsVisibilityInput, schemas.UpdateDeadLetterQueueRecordsVisibilityOutput), changes, callRate{}, (*Client).updateDeadLetterQueueRecordsVisibility,
	queueARNMember(func(in *kinesis.UpdateDeadLetterQueueRecordsVisibilityInput) *string { return in.QueueARN }),
	entriesMember("UpdateDeadLetterQueueRecordsVisibilityRequestEntryList",
		func(in *kinesis.UpdateDeadLetterQueueRecordsVisibilityInput) []types.UpdateDeadLetterQueueRecordsVisibilityRequestEntry {
			return in.Entries
		},
		func(in *types.UpdateDeadLetterQueueRecordsVisibilityRequestEntry) *string { return in.ReceiptHandle },
		required(intMember("VisibilityTimeoutSeconds", shapeVisibility, func(in *types.UpdateDeadLetterQueueRecordsVisibilityRequestEntry) *int32 {
			return in.VisibilityTimeoutSeconds
		})),
	),
)

// UpdateDeadLetterQueueRecordsVisibility changes how long up to 10 dead
// letters received from a queue stay in flight, from now.
func (c *Client) UpdateDeadLetterQueueRecordsVisibility(ctx context.Context, params *kinesis.UpdateDeadLetterQueueRecordsVisibilityInput, optFns ...func(*kinesis.Options)) (*kinesis.UpdateDeadLetterQueueRecordsVisibilityOutput, error) {
	return updateDeadLetterQueueRecordsVisibilityOp.call(ctx, c, params)
}

func (c *Client) updateDeadLetterQueueRecordsVisibility(in *kinesis.UpdateDeadLetterQueueRecordsVisibilityInput, now time.Time) (*kinesis.UpdateDeadLetterQueueRecordsVisibilityOutput, error) {
	o, err := c.eachEntry(schemas.UpdateDeadLetterQueueRecordsVisibility, *in.QueueARN, handles(in.Entries, func(e *types.UpdateDeadLetterQueueRecordsVisibilityRequestEntry) *string { return e.ReceiptHandle }), true, now,
		setVisibility(now, func(i int) int32 { return *in.Entries[i].VisibilityTimeoutSeconds }))
	if err != nil {
		return nil, err
	}
	out := &kinesis.UpdateDeadLetterQueueRecordsVisibilityOutput{}
	out.Successful, out.Failed = report(o,
		func(h *string) types.UpdateDeadLetterQueueRecordsVisibilityResultEntry {
			return types.UpdateDeadLetterQueueRecordsVisibilityResultEntry{ReceiptHandle: h}
		},
		func(h, code, msg *string) types.UpdateDeadLetterQueueRecordsVisibilityErrorEntry {
			return types.UpdateDeadLetterQueueRecordsVisibilityErrorEntry{ReceiptHandle: h, ErrorCode: code, ErrorMessage: msg}
		})
	return out, nil
}

var restoreDeadLetterQueueRecordsOp = newOperation(smithy.NewOperationSchema(schemas.RestoreDeadLetterQueueRecords, schemas.RestoreDeadLetterQueueRecordsInput, schemas.RestoreDeadLetterQueueRecordsOutput), changes, callRate{}, (*Client).restoreDeadLetterQueueRecords,
	queueARNMember(func(in *kinesis.RestoreDeadLetterQueueRecordsInput) *string { return in.QueueARN }),
	entriesMember("RestoreDeadLetterQueueRecordsRequestEntryList",
		func(in *kinesis.RestoreDeadLetterQueueRecordsInput) []types.RestoreDeadLetterQueueRecordsRequestEntry {
			return in.Entries
		},
		func(in *types.RestoreDeadLetterQueueRecordsRequestEntry) *string { return in.ReceiptHandle }),
)

// RestoreDeadLetterQueueRecords puts up to 10 dead letters received from a
// queue back on the normal path, visible at once: "Restoring a record
// clears its dead-letter state and resets its receive count, so
// ReceiveQueueRecords can return it again, up to MaxReceiveCount times".
func (c *Client) RestoreDeadLetterQueueRecords(ctx context.Context, params *kinesis.RestoreDeadLetterQueueRecordsInput, optFns ...func(*kinesis.Options)) (*kinesis.RestoreDeadLetterQueueRecordsOutput, error) {
	return restoreDeadLetterQueueRecordsOp.call(ctx, c, params)
}

func (c *Client) restoreDeadLetterQueueRecords(in *kinesis.RestoreDeadLetterQueueRecordsInput, now time.Time) (*kinesis.RestoreDeadLetterQueueRecordsOutput, error) {
	o, err := c.eachEntry(schemas.RestoreDeadLetterQueueRecords, *in.QueueARN, handles(in.Entries, func(e *types.RestoreDeadLetterQueueRecordsRequestEntry) *string { return e.ReceiptHandle }), true, now,
		func(q *queue, slot int32, _ int) { q.restore(slot, now.UnixMilli()); q.stream.signal() })
	if err != nil {
		return nil, err
	}
	out := &kinesis.RestoreDeadLetterQueueRecordsOutput{}
	out.Successful, out.Failed = report(o,
		func(h *string) types.RestoreDeadLetterQueueRecordsResultEntry {
			return types.RestoreDeadLetterQueueRecordsResultEntry{ReceiptHandle: h}
		},
		func(h, code, msg *string) types.RestoreDeadLetterQueueRecordsErrorEntry {
			return types.RestoreDeadLetterQueueRecordsErrorEntry{ReceiptHandle: h, ErrorCode: code, ErrorMessage: msg}
		})
	return out, nil
}
