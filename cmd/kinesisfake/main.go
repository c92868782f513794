// Command kinesisfake serves the in-process Kinesis fake over HTTP, so that
// the AWS CLI, boto3, the JavaScript SDK or any other client can use it as
// they would kinesalite.
//
//	go run ./cmd/kinesisfake -addr 127.0.0.1:4567
//	aws --endpoint-url http://127.0.0.1:4567 kinesis list-streams
//
// It speaks the Kinesis JSON 1.1 protocol over HTTP/1.1 and unencrypted
// HTTP/2, accepts any credentials, closes connections left idle, and shuts
// down cleanly on SIGINT or SIGTERM. Go programs using the AWS SDK should
// reach it through kinesisfake.HTTPClient, which speaks HTTP/2 only.
//
// With -tls it serves HTTPS instead, HTTP/2 or HTTP/1.1 as the client's
// ALPN asks, with a self-signed certificate made at start for localhost,
// 127.0.0.1, ::1 and the host of -addr; -tls-cert-out writes it out for
// clients to trust. -cert and -key serve one's own certificate instead.
//
// As the service does, it keeps each region's streams apart: a request is
// served in the region of its SigV4 credential scope, and an unsigned one
// (or one whose scope names no region of a region's form) in -region.
//
// A flag value the fake cannot use, such as an -account that is not 12
// digits, an empty -region or a negative delay, is refused at start with a
// message naming the flag and exit status 2, as for any bad flag.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"slices"
	"syscall"
	"time"

	"github.com/streamfake/kinesis/internal/awsid"
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
	flags := flag.NewFlagSet("kinesisfake", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var (
		addr    = flags.String("addr", "127.0.0.1:4567", "address to listen on")
		region  = "us-east-1"
		account = "123456789012"
		rates   = flags.Bool("rates", false, "enforce the service's throughput limits (shard writes and reads, subscriptions, call rates)")
		seed    = flags.Uint64("seed", 0, "seed for the fake's random choices")
		delays  kinesisfake.Delays
		tlsOpts = addTLSFlags(flags)
	)
	// The flags whose values New would refuse are checked as they are
	// parsed, so that the flag package reports them as it does any bad value.
	flags.Var(checkedString{&region, awsid.CheckRegion}, "region", "the `region` of unsigned requests; a signed one is served in its credential scope's region")
	flags.Var(checkedString{&account, awsid.CheckAccountID}, "account", "the 12-digit account `ID` in ARNs and messages")
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
	if err := tlsOpts.check(); err != nil {
		// Reported as the flag package reports a bad flag.
		fmt.Fprintln(stderr, err)
		flags.Usage()
		return usageError{err}
	}

	opts := []kinesisfake.Option{kinesisfake.WithRegion(region), kinesisfake.WithAccountID(account), kinesisfake.WithDelays(delays), kinesisfake.WithSeed(*seed)}
	if *rates {
		opts = append(opts, kinesisfake.WithRates(kinesisfake.Rates{}))
	}
	// One fake per region, by the requests' credential scopes (regions.go).
	regions := newRouter(region, maxRegions, func(r string) *kinesisfake.Client {
		return kinesisfake.New(append(slices.Clip(opts), kinesisfake.WithRegion(r))...)
	})
	defer regions.Close()
	tlsConfig, err := tlsOpts.config(*addr, time.Now())
	if err != nil {
		return err
	}
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := regions.Server()
	srv.TLSConfig = tlsConfig
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
	}
	fmt.Fprintf(stderr, "kinesisfake: serving Kinesis on %s://%s (region %s, account %s)\n", scheme, listener.Addr(), region, account)
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
