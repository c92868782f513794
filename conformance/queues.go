package conformance

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// queueDocs names the SDK's doc comments a queue scenario rests on: the
// operations and types of service/kinesis v1.58.0 (2026-11-18), the first
// record of queues, which the API reference does not have yet.
func queueDocs(names ...string) string {
	return "SDK doc comments (service/kinesis v1.58.0): " + strings.Join(names, ", ")
}

// entryErrorCodes are the codes a failed entry of a queue batch carries:
// "One of ResourceNotFoundException, InvalidArgumentException,
// ThrottlingException, or InternalFailureException".
var entryErrorCodes = []string{"ResourceNotFoundException", "InvalidArgumentException", "ThrottlingException", "InternalFailureException"}

func queueScenarios() []Scenario {
	return []Scenario{
		{Group: "queues", Name: "a new queue is CREATING, then ACTIVE with the documented defaults",
			Source: queueDocs("CreateQueue", "DescribeQueue", "QueueAttributes", "DeadLetterConfiguration", "QueueStartingPosition"), Run: func(t *T) {
				_, streamARN := t.OnDemandStream()
				name := t.StreamName()
				out, err := t.K.CreateQueue(t.Ctx(), &kinesis.CreateQueueInput{QueueName: aws.String(name),
					StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(streamARN)}}})
				t.NoError(err)
				queueARN := aws.ToString(out.QueueDescription.QueueARN)
				t.Cleanup(func() { t.deleteQueue(queueARN) })
				// "immediately returns a queue description with a QueueStatus
				// of CREATING"
				if got := out.QueueDescription.QueueStatus; got != types.QueueStatusCreating {
					t.Errorf("CreateQueue's QueueStatus %s, want CREATING", got)
				}
				if !strings.Contains(queueARN, ":queue/") {
					t.Errorf("QueueARN %q is not a queue's ARN", queueARN)
				}
				d := t.WaitForQueue(queueARN)
				if aws.ToString(d.QueueName) != name || len(d.StreamConfigurationList) != 1 || aws.ToString(d.StreamConfigurationList[0].StreamARN) != streamARN {
					t.Errorf("DescribeQueue: name %q, streams %+v; want %q on %s", aws.ToString(d.QueueName), d.StreamConfigurationList, name, streamARN)
				}
				// "The default is LATEST"; "Once the queue is ACTIVE, the
				// response always includes this member."
				if start := d.StreamConfigurationList[0].StartingPosition; start == nil || start.Type != types.QueueStartingPositionTypeLatest || start.Timestamp == nil {
					t.Errorf("StartingPosition %+v, want LATEST with a Timestamp", start)
				}
				// "If you omit this attribute when you create a queue, the
				// queue uses 30 seconds"; "enabled by default, with a
				// MaxReceiveCount of 6".
				a := d.QueueAttributes
				if a == nil || aws.ToInt32(a.VisibilityTimeoutSeconds) != 30 || a.DeadLetterConfiguration == nil ||
					a.DeadLetterConfiguration.TargetType != types.TargetTypeBuiltIn || aws.ToInt32(a.DeadLetterConfiguration.MaxReceiveCount) != 6 {
					t.Errorf("QueueAttributes %+v, want a visibility timeout of 30 and BUILT_IN dead letters after 6", a)
				}
			}},
		{Group: "queues", Name: "a queue needs an ON_DEMAND stream", Source: queueDocs("CreateQueue (\"supported only on data streams in on-demand capacity mode\")", "ValidationException"), Run: func(t *T) {
			_, streamARN := t.CreateStream(1)
			_, err := t.K.CreateQueue(t.Ctx(), &kinesis.CreateQueueInput{QueueName: aws.String(t.StreamName()),
				StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(streamARN)}}})
			t.WantError(err, "CreateQueue", "ValidationException", "")
		}},
		{Group: "queues", Name: "a queue counts in QueueCount, not in ConsumerCount", Source: queueDocs("StreamDescriptionSummary (ConsumerCount, QueueCount)"), Run: func(t *T) {
			name, streamARN := t.OnDemandStream()
			t.CreateQueue(streamARN, nil, nil)
			s := t.WaitForStream(name)
			if aws.ToInt32(s.ConsumerCount) != 0 || aws.ToInt32(s.QueueCount) != 1 {
				t.Errorf("ConsumerCount %d, QueueCount %d; want 0 and 1", aws.ToInt32(s.ConsumerCount), aws.ToInt32(s.QueueCount))
			}
		}},
		{Group: "queues", Name: "a stream with a queue is neither deleted, whatever EnforceConsumerDeletion says, nor made PROVISIONED",
			Source: queueDocs("DeleteStream (EnforceConsumerDeletion)", "UpdateStreamMode"), Run: func(t *T) {
				name, streamARN := t.OnDemandStream()
				t.CreateQueue(streamARN, nil, nil)
				if _, err := t.K.DeleteStream(t.Ctx(), &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(true)}); err == nil {
					t.Errorf("DeleteStream of a stream with a queue succeeded")
				}
				if _, err := t.K.UpdateStreamMode(t.Ctx(), &kinesis.UpdateStreamModeInput{StreamARN: aws.String(streamARN),
					StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeProvisioned}}); err == nil {
					t.Errorf("UpdateStreamMode to PROVISIONED of a stream with a queue succeeded")
				}
				if s := t.WaitForStream(name); s.StreamModeDetails == nil || s.StreamModeDetails.StreamMode != types.StreamModeOnDemand {
					t.Errorf("the stream is %+v, want it ON_DEMAND still", s.StreamModeDetails)
				}
			}},
		{Group: "queues", Name: "TRIM_HORIZON delivers the records put before the queue, LATEST only those after",
			Source: queueDocs("QueueStartingPosition", "QueueStartingPositionType", "QueueRecord (RecordId)"), Run: func(t *T) {
				name, streamARN := t.OnDemandStream()
				t.PutData(name, "before", []byte("before"))
				latest := t.CreateQueue(streamARN, nil, nil)
				trim := t.CreateQueue(streamARN, nil, &types.QueueStartingPosition{Type: types.QueueStartingPositionTypeTrimHorizon})
				t.PutData(name, "after", []byte("after"))
				fromTrim := t.receiveRecords(trim, 2, 300)
				if got := dataOf(fromTrim); !slices.Equal(got, []string{"after", "before"}) {
					t.Fatalf("from TRIM_HORIZON the queue delivered %q, want both records", got)
				}
				fromLatest := t.receiveRecords(latest, 1, 300)
				if got := dataOf(fromLatest); !slices.Equal(got, []string{"after"}) {
					t.Fatalf("from LATEST the queue delivered %q, want the record put after it", got)
				}
				// RecordId: "the same in every queue on the stream".
				if a, b := aws.ToString(fromTrim[0].RecordId), aws.ToString(fromLatest[0].RecordId); a == "" || a != b {
					t.Errorf("the record's RecordId is %q in one queue and %q in the other", a, b)
				}
			}},
		{Group: "queues", Name: "a received record is in flight for its visibility timeout, and visible again at once with 0",
			Source: queueDocs("ReceiveQueueRecords", "UpdateQueueRecordsVisibility", "QueueRecord"), Run: func(t *T) {
				name, streamARN := t.OnDemandStream()
				queueARN := t.CreateQueue(streamARN, nil, nil)
				t.PutData(name, "k", []byte("d"))
				first := t.receiveRecords(queueARN, 1, 300)[0]
				if aws.ToInt32(first.ReceiveCount) != 1 || first.RecordId == nil || first.ReceiptHandle == nil || first.FirstReceiveTimestamp == nil ||
					first.ApproximateArrivalTimestamp == nil || aws.ToString(first.PartitionKey) != "k" || string(first.Data) != "d" {
					t.Errorf("record %+v, want every member, a ReceiveCount of 1", first)
				}
				t.wantNothing(queueARN)
				vis, err := t.K.UpdateQueueRecordsVisibility(t.Ctx(), &kinesis.UpdateQueueRecordsVisibilityInput{QueueARN: aws.String(queueARN),
					Entries: []types.UpdateQueueRecordsVisibilityRequestEntry{{ReceiptHandle: first.ReceiptHandle, VisibilityTimeoutSeconds: aws.Int32(0)}}})
				t.NoError(err)
				if len(vis.Successful) != 1 || len(vis.Failed) != 0 {
					t.Fatalf("UpdateQueueRecordsVisibility: %d successful, %d failed; want 1 and 0", len(vis.Successful), len(vis.Failed))
				}
				// "Each delivery issues a new receipt handle"; RecordId "is
				// the same across deliveries".
				again := t.receiveRecords(queueARN, 1, 300)[0]
				if aws.ToString(again.RecordId) != aws.ToString(first.RecordId) || aws.ToString(again.ReceiptHandle) == aws.ToString(first.ReceiptHandle) ||
					aws.ToInt32(again.ReceiveCount) != 2 || !aws.ToTime(again.FirstReceiveTimestamp).Equal(aws.ToTime(first.FirstReceiveTimestamp)) {
					t.Errorf("delivered again as %+v, first as %+v; want the same RecordId and first receive, a new handle, a ReceiveCount of 2", again, first)
				}
			}},
		{Group: "queues", Name: "an acknowledged record is not delivered again, and a batch answers each entry",
			Source: queueDocs("AcknowledgeQueueRecords", "AcknowledgeQueueRecordsErrorEntry"), Run: func(t *T) {
				name, streamARN := t.OnDemandStream()
				queueARN := t.CreateQueue(streamARN, nil, nil)
				t.PutData(name, "k", []byte("d"))
				got := t.receiveRecords(queueARN, 1, 0)
				ack, err := t.K.AcknowledgeQueueRecords(t.Ctx(), &kinesis.AcknowledgeQueueRecordsInput{QueueARN: aws.String(queueARN),
					Entries: []types.AcknowledgeQueueRecordsRequestEntry{{ReceiptHandle: got[0].ReceiptHandle}, {ReceiptHandle: aws.String("not-a-receipt-handle")}}})
				t.NoError(err)
				if len(ack.Successful) != 1 || aws.ToString(ack.Successful[0].ReceiptHandle) != aws.ToString(got[0].ReceiptHandle) {
					t.Errorf("Successful %+v, want the record's handle", ack.Successful)
				}
				if len(ack.Failed) != 1 || aws.ToString(ack.Failed[0].ReceiptHandle) != "not-a-receipt-handle" || !slices.Contains(entryErrorCodes, aws.ToString(ack.Failed[0].ErrorCode)) {
					t.Errorf("Failed %+v, want the other handle with one of %v", ack.Failed, entryErrorCodes)
				}
				t.wantNothing(queueARN)
			}},
		{Group: "queues", Name: "a record received MaxReceiveCount times is a dead letter, and restored is delivered with its count reset",
			Source: queueDocs("CreateQueue", "DeadLetterConfiguration", "ReceiveDeadLetterQueueRecords", "RestoreDeadLetterQueueRecords"), Run: func(t *T) {
				name, streamARN := t.OnDemandStream()
				queueARN := t.CreateQueue(streamARN, &types.QueueAttributes{
					DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(1)}}, nil)
				t.PutData(name, "k", []byte("poison"))
				first := t.receiveRecords(queueARN, 1, 0)[0]
				var dead []types.QueueRecord
				t.Eventually("a dead letter", func() (bool, error) {
					out, err := t.K.ReceiveDeadLetterQueueRecords(t.Ctx(), &kinesis.ReceiveDeadLetterQueueRecordsInput{QueueARN: aws.String(queueARN), WaitTimeSeconds: aws.Int32(1)})
					if err != nil {
						return false, err
					}
					dead = out.QueueRecords
					return len(dead) > 0, nil
				})
				if len(dead) != 1 || aws.ToString(dead[0].RecordId) != aws.ToString(first.RecordId) {
					t.Fatalf("dead letters %+v, want the record received once", dead)
				}
				restore, err := t.K.RestoreDeadLetterQueueRecords(t.Ctx(), &kinesis.RestoreDeadLetterQueueRecordsInput{QueueARN: aws.String(queueARN),
					Entries: []types.RestoreDeadLetterQueueRecordsRequestEntry{{ReceiptHandle: dead[0].ReceiptHandle}}})
				t.NoError(err)
				if len(restore.Successful) != 1 {
					t.Fatalf("RestoreDeadLetterQueueRecords: %+v failed", restore.Failed)
				}
				// "Restoring a record clears its dead-letter state and resets
				// its receive count"
				again := t.receiveRecords(queueARN, 1, 300)[0]
				if aws.ToString(again.RecordId) != aws.ToString(first.RecordId) || aws.ToInt32(again.ReceiveCount) != 1 {
					t.Errorf("restored, delivered as %+v; want RecordId %s with a ReceiveCount of 1", again, aws.ToString(first.RecordId))
				}
			}},
		{Group: "queues", Name: "UpdateQueue changes the attributes given and leaves the others", Source: queueDocs("UpdateQueue", "QueueStatus"), Run: func(t *T) {
			_, streamARN := t.OnDemandStream()
			queueARN := t.CreateQueue(streamARN, &types.QueueAttributes{
				DeadLetterConfiguration: &types.DeadLetterConfiguration{TargetType: types.TargetTypeBuiltIn, MaxReceiveCount: aws.Int32(3)}}, nil)
			t.Must(t.K.UpdateQueue(t.Ctx(), &kinesis.UpdateQueueInput{QueueARN: aws.String(queueARN), QueueAttributes: &types.QueueAttributes{VisibilityTimeoutSeconds: aws.Int32(45)}}))
			a := t.WaitForQueue(queueARN).QueueAttributes
			if aws.ToInt32(a.VisibilityTimeoutSeconds) != 45 || a.DeadLetterConfiguration == nil || aws.ToInt32(a.DeadLetterConfiguration.MaxReceiveCount) != 3 {
				t.Errorf("after UpdateQueue: %+v; want a visibility timeout of 45 and MaxReceiveCount 3 as before", a)
			}
		}},
		{Group: "queues", Name: "ListQueues with StreamFilter lists the queues of the streams given", Source: queueDocs("ListQueues", "QueueStreamFilter"), Run: func(t *T) {
			_, streamARN := t.OnDemandStream()
			_, otherARN := t.OnDemandStream()
			want := []string{t.CreateQueue(streamARN, nil, nil), t.CreateQueue(streamARN, nil, nil)}
			t.CreateQueue(otherARN, nil, nil)
			var got []string
			p := kinesis.NewListQueuesPaginator(t.K, &kinesis.ListQueuesInput{StreamFilter: []types.QueueStreamFilter{{StreamARN: aws.String(streamARN)}}})
			for p.HasMorePages() {
				page, err := p.NextPage(t.Ctx())
				t.NoError(err)
				for _, q := range page.QueueSummaries {
					got = append(got, aws.ToString(q.QueueARN))
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("ListQueues on one stream: %q, want %q", got, want)
			}
		}},
		{Group: "queues", Name: "AT_TIMESTAMP needs a Timestamp, which the other types refuse", Source: queueDocs("QueueStartingPosition (Timestamp)"), Run: func(t *T) {
			_, streamARN := t.OnDemandStream()
			for _, start := range []types.QueueStartingPosition{
				{Type: types.QueueStartingPositionTypeAtTimestamp},
				{Type: types.QueueStartingPositionTypeLatest, Timestamp: aws.Time(time.Now().Add(-time.Minute))},
			} {
				_, err := t.K.CreateQueue(t.Ctx(), &kinesis.CreateQueueInput{QueueName: aws.String(t.StreamName()),
					StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(streamARN), StartingPosition: &start}}})
				t.WantError(err, "CreateQueue", "ValidationException", "")
			}
		}},
		{Group: "queues", Name: "a queue's tags are listed on its ARN", Source: queueDocs("CreateQueue (Tags)", "ListTagsForResource"), Run: func(t *T) {
			_, streamARN := t.OnDemandStream()
			name := t.StreamName()
			out, err := t.K.CreateQueue(t.Ctx(), &kinesis.CreateQueueInput{QueueName: aws.String(name), Tags: map[string]string{"team": "billing"},
				StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(streamARN)}}})
			t.NoError(err)
			queueARN := aws.ToString(out.QueueDescription.QueueARN)
			t.Cleanup(func() { t.deleteQueue(queueARN) })
			t.WaitForQueue(queueARN)
			tags, err := t.K.ListTagsForResource(t.Ctx(), &kinesis.ListTagsForResourceInput{ResourceARN: aws.String(queueARN)})
			t.NoError(err)
			if len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "team" || aws.ToString(tags.Tags[0].Value) != "billing" {
				t.Errorf("tags %+v, want team=billing", tags.Tags)
			}
		}},
		{Group: "queues", Name: "DeleteQueue leaves the stream and its records", Source: queueDocs("DeleteQueue"), Run: func(t *T) {
			name, streamARN := t.OnDemandStream()
			queueARN := t.CreateQueue(streamARN, nil, nil)
			put := t.PutData(name, "k", []byte("kept"))
			t.receiveRecords(queueARN, 1, 300)
			t.Must(t.K.DeleteQueue(t.Ctx(), &kinesis.DeleteQueueInput{QueueARN: aws.String(queueARN)}))
			t.Eventually("the queue gone", func() (bool, error) {
				_, err := t.K.DescribeQueue(t.Ctx(), &kinesis.DescribeQueueInput{QueueARN: aws.String(queueARN)})
				var notFound *types.ResourceNotFoundException
				if errors.As(err, &notFound) {
					return true, nil
				}
				return false, err
			})
			records := t.ReadShard(name, aws.ToString(put.ShardId), 1)
			if len(records) != 1 || string(records[0].Data) != "kept" {
				t.Errorf("the stream holds %d records after DeleteQueue, want the one put", len(records))
			}
		}},
	}
}

// OnDemandStream creates an ON_DEMAND stream, waits until it is ACTIVE
// and deletes it when the scenario ends. It returns the stream's name and
// ARN.
func (t *T) OnDemandStream() (name, arn string) {
	t.Helper()
	name = t.StreamName()
	t.Must(t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name),
		StreamModeDetails: &types.StreamModeDetails{StreamMode: types.StreamModeOnDemand}}))
	t.Cleanup(func() { t.deleteStream(name) })
	return name, aws.ToString(t.WaitForStream(name).StreamARN)
}

// CreateQueue creates a queue on the stream, with the attributes and
// starting position given (nil for the defaults), waits until it is
// ACTIVE and deletes it when the scenario ends, before its stream. It
// returns the queue's ARN.
func (t *T) CreateQueue(streamARN string, attributes *types.QueueAttributes, start *types.QueueStartingPosition) string {
	t.Helper()
	out, err := t.K.CreateQueue(t.Ctx(), &kinesis.CreateQueueInput{QueueName: aws.String(t.StreamName()), QueueAttributes: attributes,
		StreamConfigurationList: []types.QueueStreamConfiguration{{StreamARN: aws.String(streamARN), StartingPosition: start}}})
	t.NoError(err)
	queueARN := aws.ToString(out.QueueDescription.QueueARN)
	t.Cleanup(func() { t.deleteQueue(queueARN) })
	t.WaitForQueue(queueARN)
	return queueARN
}

// deleteQueue deletes a queue, whatever state the scenario left it in; one
// gone already is fine.
func (t *T) deleteQueue(queueARN string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := t.K.DeleteQueue(ctx, &kinesis.DeleteQueueInput{QueueARN: aws.String(queueARN)}); err != nil {
		var notFound *types.ResourceNotFoundException
		if !errors.As(err, &notFound) {
			t.Logf("queue %s was left behind: %v", queueARN, err)
		}
	}
}

// WaitForQueue waits until the queue is ACTIVE and returns its description.
func (t *T) WaitForQueue(queueARN string) *types.QueueDescription {
	t.Helper()
	var d *types.QueueDescription
	t.Eventually("queue "+queueARN+" ACTIVE", func() (bool, error) {
		out, err := t.K.DescribeQueue(t.Ctx(), &kinesis.DescribeQueueInput{QueueARN: aws.String(queueARN)})
		if err != nil {
			return false, err
		}
		d = out.QueueDescription
		return d.QueueStatus == types.QueueStatusActive, nil
	})
	return d
}

// receiveRecords receives from the queue, with the visibility timeout
// given, until it has n records, and returns them ordered by data: "Records
// are not necessarily received in the order they were written".
func (t *T) receiveRecords(queueARN string, n int, visibility int32) []types.QueueRecord {
	t.Helper()
	var got []types.QueueRecord
	t.Eventually("records from the queue", func() (bool, error) {
		out, err := t.K.ReceiveQueueRecords(t.Ctx(), &kinesis.ReceiveQueueRecordsInput{QueueARN: aws.String(queueARN),
			VisibilityTimeoutSeconds: aws.Int32(visibility), WaitTimeSeconds: aws.Int32(1)})
		if err != nil {
			return false, err
		}
		got = append(got, out.QueueRecords...)
		return len(got) >= n, nil
	})
	if len(got) != n {
		t.Fatalf("received %d records, want %d", len(got), n)
	}
	slices.SortFunc(got, func(a, b types.QueueRecord) int { return strings.Compare(string(a.Data), string(b.Data)) })
	return got
}

// wantNothing checks that a receive waiting a second gets no record.
func (t *T) wantNothing(queueARN string) {
	t.Helper()
	out, err := t.K.ReceiveQueueRecords(t.Ctx(), &kinesis.ReceiveQueueRecordsInput{QueueARN: aws.String(queueARN), WaitTimeSeconds: aws.Int32(1)})
	t.NoError(err)
	if len(out.QueueRecords) != 0 {
		t.Errorf("received %d records, want none", len(out.QueueRecords))
	}
}

// dataOf lists the data of records.
func dataOf(records []types.QueueRecord) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = string(r.Data)
	}
	return out
}
