// Command kinesisfake serves the in-process Kinesis fake over HTTP, so that
// the AWS CLI, boto3, the JavaScript SDK or any other client can use it as
// they would kinesalite or kinesis-mock.
//
//	go install github.com/streamfake/kinesis/cmd/kinesisfake@latest
//	kinesisfake -addr 127.0.0.1:4567 -streams orders:2,audit:1
//	aws --endpoint-url http://127.0.0.1:4567 kinesis list-streams
//
// It speaks the Kinesis JSON 1.1 and CBOR protocols over HTTP/1.1 and
// unencrypted HTTP/2, accepts any credentials, closes connections left
// idle, and shuts down cleanly on SIGINT or SIGTERM. Go programs using the
// AWS SDK should reach it through kinesisfake.HTTPClient, which speaks
// HTTP/2 only.
//
// -streams, or the environment variable KINESISFAKE_STREAMS when the flag
// is not given, names streams to create at start, in the form of
// kinesis-mock's INITIALIZE_STREAMS: name[:shards[:region]], comma-separated,
// with 4 shards where the count is empty or left out. Once they are all
// ACTIVE (-create-stream-delay included), the server listens, and prints
// one line on stderr, which scripts can wait for:
//
//	kinesisfake: ready on http://127.0.0.1:4567 (region us-east-1, account 123456789012)
//
// From then on, GET /health answers 200 with a JSON body such as
// {"status":"ready","version":"(devel)","uptimeSeconds":12.5,"streams":2}
// (HEAD too, without the body). Any other request that is not a Kinesis
// one is answered as the service answers it.
//
// Each request served is logged on stderr, one line per request with
// log/slog, at its end (for SubscribeToShard, when the subscription ends):
// operation, stream, HTTP status, error type (such as
// ResourceNotFoundException; empty on success), duration and request ID, as
// kinesisfake.WithRequestLog writes them. -log-format json writes JSON
// lines instead of text; -quiet leaves the log out, but not the ready line.
// Requests to /health are not logged.
//
// With -tls it serves HTTPS instead, HTTP/2 or HTTP/1.1 as the client's
// ALPN asks, with a self-signed certificate made at start for localhost,
// 127.0.0.1, ::1 and the host of -addr; -tls-cert-out writes it out for
// clients to trust. -cert and -key serve one's own certificate instead.
//
// -data keeps the state in a directory, in a bbolt database, so that it
// survives a restart, a crash or kill -9: a call that changes the state is
// answered once the change is committed. -fsync says what also survives a
// power loss: batch (the default) fsyncs each commit before answering, the
// changes of concurrent calls sharing one; always fsyncs each call's change
// on its own; never leaves the writes to the operating system. Started
// again on the directory, the server has every region's state as it was,
// and what fell due while it was stopped has happened.
//
// As the service does, it keeps each region's streams apart: a request is
// served in the region of its SigV4 credential scope, and an unsigned one
// (or one whose scope names no region of a region's form) in -region.
//
// A flag value the fake cannot use, such as an -account that is not 12
// digits, an empty -region, a negative delay or a -streams entry the fake
// cannot create (a bad name or shard count, a stream given twice), is
// refused at start with a message naming the flag (and the entry) and exit
// status 2, as for any bad flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/streamfake/kinesis/internal/awsid"
	"github.com/streamfake/kinesis/internal/boltstore"
	"github.com/streamfake/kinesis/kinesisfake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stderr, nil)
	stop()
	var usage usageError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		// -h: the flag package has printed the usage.
	case errors.As(err, &usage):
		// The flag package has printed the error and the usage; exit as
		// flag.ExitOnError does.
		os.Exit(2)
	default:
		log.Fatal(err)
	}
}

// usageError is a mistake in the command line, which the flag package has
// already reported.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// run serves until ctx is done. ready, if not nil, receives the address the
// server listens on once it accepts connections. A bad command line is
// reported on stderr and returned as a usageError.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) error {
	start := time.Now()
	stderr = &lockedWriter{w: stderr}
	flags := flag.NewFlagSet("kinesisfake", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var (
		addr      = flags.String("addr", "127.0.0.1:4567", "address to listen on")
		region    = "us-east-1"
		account   = "123456789012"
		rates     = flags.Bool("rates", false, "enforce the service's throughput limits (shard writes and reads, subscriptions, call rates)")
		seed      = flags.Uint64("seed", 0, "seed for the fake's random choices")
		delays    kinesisfake.Delays
		tlsOpts   = addTLSFlags(flags)
		logFormat = "text"
		quiet     = flags.Bool("quiet", false, "log nothing while serving: no requests, no failed TLS handshakes (the ready line is still printed, for scripts that wait for it)")
		data      = flags.String("data", "", "keep the state in `dir`, so that it survives a restart, a crash or kill -9; without it, the state is in memory only")
		check     = flags.Bool("check", false, "with -data, read the directory as a start does, report what each region holds or the first damage found, and exit without serving or changing it")
		fsync     = boltstore.Batch
	)
	flags.String("streams", "", "streams to create before the server is ready: `name[:shards[:region]]`, comma-separated, as kinesis-mock's INITIALIZE_STREAMS (4 shards if the count is left out); overrides $"+streamsEnv)
	// The flags whose values New would refuse are checked as they are
	// parsed, so that the flag package reports them as it does any bad value.
	flags.Var(checkedString{&region, awsid.CheckRegion}, "region", "the `region` of unsigned requests; a signed one is served in its credential scope's region")
	flags.Var(checkedString{&account, awsid.CheckAccountID}, "account", "the 12-digit account `ID` in ARNs and messages")
	flags.Var(checkedString{&logFormat, checkLogFormat}, "log-format", "`format` of the request log on stderr: text or json")
	flags.TextVar(&fsync, "fsync", boltstore.Batch, "with -data, when writes reach the disk, by `mode`: batch (fsynced before they are acknowledged, concurrent writes sharing an fsync), always (each write fsynced on its own) or never (not fsynced, bbolt's NoSync: they survive a crash of the server, but a crash of the machine may lose the whole database)")
	for _, d := range []struct {
		field      *time.Duration
		name, what string
	}{
		{&delays.CreateStream, "create-stream-delay", "how long streams stay CREATING"},
		{&delays.DeleteStream, "delete-stream-delay", "how long streams stay DELETING"},
		{&delays.UpdateStream, "update-stream-delay", "how long streams stay UPDATING"},
		{&delays.RegisterConsumer, "register-consumer-delay", "how long consumers stay CREATING"},
		{&delays.DeregisterConsumer, "deregister-consumer-delay", "how long consumers stay DELETING"},
		{&delays.CreateChannel, "create-channel-delay", "how long channels stay CREATING"},
		{&delays.UpdateChannel, "update-channel-delay", "how long channels stay UPDATING"},
		{&delays.DeleteChannel, "delete-channel-delay", "how long channels stay DELETING"},
	} {
		flags.Var(delayFlag{d.field}, d.name, d.what+" (a `duration` such as 2s)")
	}
	if err := flags.Parse(args); err != nil {
		return usageError{err}
	}
	err := tlsOpts.check()
	if err == nil && *data == "" && isSet(flags, "fsync") {
		err = errors.New("-fsync goes with -data")
	}
	if err == nil && *data == "" && *check {
		err = errors.New("-check goes with -data")
	}
	if err != nil {
		// Reported as the flag package reports a bad flag.
		fmt.Fprintln(stderr, err)
		flags.Usage()
		return usageError{err}
	}
	if *check {
		return checkData(*data, stderr)
	}
	streams, err := startupStreams(flags, region, defaultShardLimit)
	if err != nil {
		return err
	}

	opts := []kinesisfake.Option{kinesisfake.WithRegion(region), kinesisfake.WithAccountID(account), kinesisfake.WithDelays(delays), kinesisfake.WithSeed(*seed)}
	if *rates {
		opts = append(opts, kinesisfake.WithRates(kinesisfake.Rates{}))
	}
	var logger *slog.Logger
	if !*quiet {
		logger = requestLogger(stderr, logFormat)
	}
	open := func(_ string, opts []kinesisfake.Option) (*kinesisfake.Client, error) {
		return kinesisfake.New(opts...), nil
	}
	var stored []string // the regions -data has state for
	drop := func(string) error { return nil }
	if *data != "" {
		db, err := boltstore.Open(*data, fsync)
		if err != nil {
			return fmt.Errorf("-data: %w", err)
		}
		defer db.Close()
		if stored, err = db.Regions(); err != nil {
			return fmt.Errorf("-data: %w", err)
		}
		open = func(r string, opts []kinesisfake.Option) (*kinesisfake.Client, error) {
			return kinesisfake.Open(db.Region(r), opts...)
		}
		drop = db.DropRegion
	}
	// One fake per region, by the requests' credential scopes (regions.go).
	regions, err := newRouter(region, func(r string) (*kinesisfake.Client, error) {
		regionOpts := append(slices.Clip(opts), kinesisfake.WithRegion(r))
		if logger != nil {
			regionOpts = append(regionOpts, kinesisfake.WithRequestLog(logger.With("region", r)))
		}
		return open(r, regionOpts)
	})
	if err != nil {
		return fmt.Errorf("-data: %w", err)
	}
	defer regions.Close()
	// The stored regions start at once, so that what is due in them
	// happens on time and /health counts their streams; those that hold
	// nothing (made by an earlier release for a request that only read, or
	// left by a call that changed nothing) are dropped.
	for _, r := range stored {
		rf, err := regions.lookup(r)
		if err != nil {
			return fmt.Errorf("-data: %w", err)
		}
		if r != region && rf.fake.Empty() {
			regions.drop(r)
			if err := drop(r); err != nil {
				return fmt.Errorf("-data: region %s: %w", r, err)
			}
		}
	}
	if err := createStreams(ctx, regions.fake, streams); err != nil {
		if ctx.Err() != nil { // stopped while starting
			fmt.Fprintln(stderr, "kinesisfake: stopped")
			return nil
		}
		return err
	}
	tlsConfig, err := tlsOpts.config(*addr, time.Now())
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := regions.Server()
	srv.Handler = &health{kinesis: newBodyBudget(bodiesInFlight).limit(srv.Handler), start: start, version: version(), streams: regions.streamCount}
	srv.TLSConfig = tlsConfig
	// net/http logs each failed TLS handshake, here with the rest; quiet
	// means none of it.
	srv.ErrorLog = log.New(stderr, "kinesisfake: ", 0)
	if *quiet {
		srv.ErrorLog.SetOutput(io.Discard)
	}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	fmt.Fprintf(stderr, "kinesisfake: ready on %s://%s (region %s, account %s)\n", scheme, listener.Addr(), region, account)
	if ready != nil {
		ready <- listener.Addr().String()
	}

	served := make(chan error, 1)
	go func() {
		if tlsConfig != nil {
			served <- srv.ServeTLS(listener, "", "") // the certificate is in TLSConfig
		} else {
			served <- srv.Serve(listener)
		}
	}()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Streams end when the fakes close; give requests in flight a moment.
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	regions.Close()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stderr, "kinesisfake: stopped")
	return nil
}

// isSet reports whether the command line gave the flag.
func isSet(flags *flag.FlagSet, name string) bool {
	set := false
	flags.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// checkedString is a string flag whose values check must accept.
type checkedString struct {
	value *string
	check func(string) error
}

func (f checkedString) String() string {
	if f.value == nil { // the zero value, which the flag package prints
		return ""
	}
	return *f.value
}

func (f checkedString) Set(s string) error {
	if err := f.check(s); err != nil {
		return err
	}
	*f.value = s
	return nil
}

// delayFlag is a duration flag that refuses negative durations, as
// kinesisfake.WithDelays does.
type delayFlag struct{ value *time.Duration }

func (f delayFlag) String() string {
	if f.value == nil { // the zero value, which the flag package prints
		return "0s"
	}
	return f.value.String()
}

func (f delayFlag) Set(s string) error {
	d, err := time.ParseDuration(s)
	if err != nil {
		return errors.New("parse error") // as the flag package says of a bad duration
	}
	if d < 0 {
		return errors.New("a delay is 0 or more")
	}
	*f.value = d
	return nil
}
