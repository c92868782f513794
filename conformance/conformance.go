// Package conformance holds scenarios that any Kinesis Data Streams endpoint
// can be held to: the fake, an emulator, or the real service.
//
// Each [Scenario] is written once against [kinesisfake.API], which both
// *kinesisfake.Client and the SDK's *kinesis.Client satisfy, asserts only
// what the API reference documents or a recording of the service shows, and
// names its source. [Run] runs every scenario against a [Target]:
//
//	conformance.Run(t, conformance.Target{Name: "mine", Client: func(t *testing.T) kinesisfake.API { return client }, Remote: true})
//
// `go test ./conformance` runs them against the fake (directly, through
// SDKClient and over loopback HTTP), against any server named by
// KINESIS_CONFORMANCE_ENDPOINT, or against the real service when
// KINESIS_CONFORMANCE_AWS=1; see docs/fidelity.md.
package conformance

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/kinesisfake"
)

// A Scenario is one behaviour of the service, checked against a target.
type Scenario struct {
	// Group is the family of behaviour: streams, records, resharding,
	// fan-out, queues or errors.
	Group string
	// Name says what is checked, as a test name.
	Name string
	// Source is where the behaviour is documented or recorded: a page of the
	// API reference, a recording in kinesalite's tests, a public issue.
	Source string
	// Run checks the behaviour.
	Run func(t *T)
}

// A Target is an endpoint the scenarios run against.
type Target struct {
	// Name heads the target's column in the report.
	Name string
	// Client returns the client a scenario uses. It is called once per
	// scenario, so a fake target can give each scenario a fresh fake.
	Client func(t *testing.T) kinesisfake.API
	// Remote is true for a target whose resources outlive the scenario and
	// take real time to change state: an emulator or the real service.
	// Scenarios then name their resources with Prefix, delete them at the
	// end, and poll for states more patiently.
	Remote bool
	// Prefix starts the name of every stream a scenario creates, so that
	// runs do not collide and leftovers are easy to find.
	Prefix string
	// Poll is how often a scenario asks whether a stream or consumer has
	// changed state: 50 ms if zero.
	Poll time.Duration
	// Timeout bounds each scenario, so that a target that never answers
	// fails the scenario instead of hanging the run: 2 minutes if zero.
	Timeout time.Duration
	// WithDelays, if not nil, returns a client of a new, empty target
	// whose transitions take d: a fake can be made slow where a scenario
	// needs to see a state the service holds for a while, such as
	// UPDATING. A remote target, which has its own timing, leaves it nil.
	WithDelays func(t *testing.T, d kinesisfake.Delays) kinesisfake.API
}

// T is what a scenario gets: a [testing.T], the client of the target under
// test, and helpers that create resources and clean them up.
type T struct {
	*testing.T
	// K is the target's client.
	K      kinesisfake.API
	target *Target
	result *result
	names  *atomic.Uint64 // numbers the streams of one run
	ctx    context.Context
}

// Ctx is the scenario's context, cancelled when it ends or runs out of
// Target.Timeout.
func (t *T) Ctx() context.Context { return t.ctx }

// Errorf records the first difference for the report and marks the scenario
// failed.
func (t *T) Errorf(format string, args ...any) {
	t.Helper()
	t.result.note(fmt.Sprintf(format, args...))
	t.T.Errorf(format, args...)
}

// Fatalf records the first difference for the report and ends the scenario.
func (t *T) Fatalf(format string, args ...any) {
	t.Helper()
	t.result.note(fmt.Sprintf(format, args...))
	t.T.Fatalf(format, args...)
}

// Fatal is Fatalf with the default format.
func (t *T) Fatal(args ...any) {
	t.Helper()
	t.Fatalf("%s", fmt.Sprint(args...))
}

// Error is Errorf with the default format.
func (t *T) Error(args ...any) {
	t.Helper()
	t.Errorf("%s", fmt.Sprint(args...))
}

// UseDelays makes the rest of the scenario run against a new target whose
// transitions take d, if the target can make one (Target.WithDelays);
// otherwise the target keeps its own timing. Call it first: what the
// scenario made before is not in the new target.
func (t *T) UseDelays(d kinesisfake.Delays) {
	if t.target.WithDelays != nil {
		t.K = t.target.WithDelays(t.T, d)
	}
}

// Remote reports whether the target is an emulator or the real service
// rather than an in-process fake.
func (t *T) Remote() bool { return t.target.Remote }

// StreamName returns a name no other scenario of the run uses.
func (t *T) StreamName() string {
	return fmt.Sprintf("%sconf-%d", t.target.Prefix, t.names.Add(1))
}

// CreateStream creates a PROVISIONED stream of n shards, waits until it is
// ACTIVE and deletes it when the scenario ends. It returns the stream's name
// and ARN.
func (t *T) CreateStream(n int32) (name, arn string) {
	t.Helper()
	name = t.StreamName()
	t.Must(t.K.CreateStream(t.Ctx(), &kinesis.CreateStreamInput{StreamName: aws.String(name), ShardCount: aws.Int32(n)}))
	t.Cleanup(func() { t.deleteStream(name) })
	out := t.WaitForStream(name)
	return name, aws.ToString(out.StreamARN)
}

// deleteStream deletes a stream and its consumers, whatever state the
// scenario left them in: while the stream is busy (UPDATING, say) or the
// account's DeleteStream rate is spent, it tries again, for up to 5 minutes.
// A stream that is gone already is fine.
func (t *T) deleteStream(name string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	for {
		_, err := t.K.DeleteStream(ctx, &kinesis.DeleteStreamInput{StreamName: aws.String(name), EnforceConsumerDeletion: aws.Bool(true)})
		var inUse *types.ResourceInUseException
		var limited *types.LimitExceededException
		if !errors.As(err, &inUse) && !errors.As(err, &limited) {
			return
		}
		select {
		case <-time.After(time.Second):
		case <-ctx.Done():
			t.Logf("stream %s was left behind: %v", name, err)
			return
		}
	}
}

// WaitForStream waits until the stream is ACTIVE and returns its summary.
func (t *T) WaitForStream(name string) *types.StreamDescriptionSummary {
	t.Helper()
	var summary *types.StreamDescriptionSummary
	t.Eventually("stream "+name+" ACTIVE", func() (bool, error) {
		out, err := t.K.DescribeStreamSummary(t.Ctx(), &kinesis.DescribeStreamSummaryInput{StreamName: aws.String(name)})
		if err != nil {
			return false, err
		}
		summary = out.StreamDescriptionSummary
		return summary.StreamStatus == types.StreamStatusActive, nil
	})
	return summary
}

// RegisterConsumer registers a consumer of the stream and waits until it is
// ACTIVE. It returns the consumer's ARN.
func (t *T) RegisterConsumer(streamARN, name string) string {
	t.Helper()
	out, err := t.K.RegisterStreamConsumer(t.Ctx(), &kinesis.RegisterStreamConsumerInput{StreamARN: aws.String(streamARN), ConsumerName: aws.String(name)})
	t.NoError(err)
	arn := aws.ToString(out.Consumer.ConsumerARN)
	t.WaitForConsumer(arn)
	return arn
}

// WaitForConsumer waits until the consumer is ACTIVE.
func (t *T) WaitForConsumer(consumerARN string) {
	t.Helper()
	t.Eventually("consumer ACTIVE", func() (bool, error) {
		out, err := t.K.DescribeStreamConsumer(t.Ctx(), &kinesis.DescribeStreamConsumerInput{ConsumerARN: aws.String(consumerARN)})
		if err != nil {
			return false, err
		}
		return out.ConsumerDescription.ConsumerStatus == types.ConsumerStatusActive, nil
	})
}

// Eventually polls done until it reports true: at once, then every
// Target.Poll, for at most 5 minutes.
func (t *T) Eventually(what string, done func() (bool, error)) {
	t.Helper()
	every := t.target.Poll
	if every <= 0 {
		every = 50 * time.Millisecond
	}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		ok, err := done()
		if err != nil {
			t.Fatalf("waiting for %s: %v", what, err)
		}
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waiting for %s: gave up after 5 minutes", what)
		}
		select {
		case <-time.After(every):
		case <-t.Ctx().Done():
			t.Fatalf("waiting for %s: %v", what, t.Ctx().Err())
		}
	}
}

// Must fails the scenario if the call it is given failed:
// t.Must(t.K.PutRecord(…)).
func (t *T) Must(_ any, err error) {
	t.Helper()
	t.NoError(err)
}

// NoError fails the scenario if err is not nil.
func (t *T) NoError(err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%v", err)
	}
}

// Scenarios returns every scenario, group by group.
func Scenarios() []Scenario {
	return slices.Concat(streamScenarios(), recordScenarios(), reshardScenarios(), fanOutScenarios(), queueScenarios(), errorScenarios())
}

// Run runs every scenario against the target, each as a subtest named
// group/name, and returns what happened to each group.
func Run(t *testing.T, target Target) Results {
	t.Helper()
	results := Results{Target: target.Name}
	var mu sync.Mutex
	names := new(atomic.Uint64)
	for _, s := range Scenarios() {
		t.Run(s.Group+"/"+s.Name, func(tt *testing.T) {
			r := &result{scenario: s.Group + "/" + s.Name}
			timeout := target.Timeout
			if timeout <= 0 {
				timeout = 2 * time.Minute
			}
			ctx, cancel := context.WithTimeout(tt.Context(), timeout)
			tt.Cleanup(cancel)
			tt.Cleanup(func() {
				r.failed = tt.Failed()
				r.skipped = tt.Skipped()
				mu.Lock()
				defer mu.Unlock()
				results.add(s.Group, r)
			})
			s.Run(&T{T: tt, K: target.Client(tt), target: &target, result: r, names: names, ctx: ctx})
		})
	}
	return results
}
