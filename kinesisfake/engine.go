package kinesisfake

import "sync"

// engine is the fake's state and the rules several operations share:
// adding, finding and forgetting streams, consumers and channels, applying
// reshards, the account's quotas. The operations are methods of Client,
// thin over it; Client adds what is not state: faults, rates, hooks, the
// request log. Everything here is guarded by mu, but for the options,
// which New sets before the fake is used.
type engine struct {
	// The options the rules read.
	region    string
	accountID string
	partition string
	clock     Clock
	delays    Delays
	limits    Limits
	// journal, if not nil, gathers the changes for the store Open gave.
	journal *journal

	// mu guards everything below: the fake's whole state sits behind one lock.
	mu       sync.Mutex
	closed   bool
	streams  map[string]*stream  // by name, including DELETING ones
	index    streamIndex         // the same streams, ordered and counted
	channels map[string]*channel // by ARN, including DELETING ones
	policies map[string]string   // resource policies, by the ARN of their stream or consumer
	// consumerEpochs is the creation second in the latest ARN of each
	// stream/consumer name, across the stream's incarnations.
	consumerEpochs map[string]int64
	account        accountSettings
	lastStreamTag  uint64 // tells incarnations of a stream name apart
	lastNonce      uint64 // makes every iterator and token a fresh value
	expiredNonce   uint64 // iterators with a nonce up to this have expired
	// shardEpochs is the latest creation second of the shards of each
	// stream name's forgotten incarnations; see firstCreated.
	shardEpochs map[string]uint64
}

// newEngine is an engine with no state, on the real clock.
func newEngine() engine {
	return engine{
		clock:          realClock{},
		streams:        make(map[string]*stream),
		index:          newStreamIndex(),
		channels:       make(map[string]*channel),
		policies:       make(map[string]string),
		consumerEpochs: make(map[string]int64),
		shardEpochs:    make(map[string]uint64),
	}
}
