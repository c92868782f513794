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
	"syscall"
	"time"

	"github.com/streamfake/kinesis/kinesisfake"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		log.Fatal(err)
	}
}

// run serves until ctx is done. ready, if not nil, receives the address the
// server listens on once it accepts connections.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- string) error {
	flags := flag.NewFlagSet("kinesisfake", flag.ContinueOnError)
	flags.SetOutput(stderr)
	var (
		addr    = flags.String("addr", "127.0.0.1:4567", "address to listen on")
		region  = flags.String("region", "us-east-1", "region in ARNs")
		account = flags.String("account", "123456789012", "12-digit account ID in ARNs and messages")
		rates   = flags.Bool("rates", false, "enforce the service's throughput limits (shard writes and reads, subscriptions, call rates)")
		seed    = flags.Uint64("seed", 0, "seed for the fake's random choices")
		delays  kinesisfake.Delays
	)
	flags.DurationVar(&delays.CreateStream, "create-stream-delay", 0, "how long streams stay CREATING")
	flags.DurationVar(&delays.DeleteStream, "delete-stream-delay", 0, "how long streams stay DELETING")
	flags.DurationVar(&delays.UpdateStream, "update-stream-delay", 0, "how long streams stay UPDATING")
	flags.DurationVar(&delays.RegisterConsumer, "register-consumer-delay", 0, "how long consumers stay CREATING")
	flags.DurationVar(&delays.DeregisterConsumer, "deregister-consumer-delay", 0, "how long consumers stay DELETING")
	flags.DurationVar(&delays.CreateChannel, "create-channel-delay", 0, "how long channels stay CREATING")
	flags.DurationVar(&delays.UpdateChannel, "update-channel-delay", 0, "how long channels stay UPDATING")
	flags.DurationVar(&delays.DeleteChannel, "delete-channel-delay", 0, "how long channels stay DELETING")
	if err := flags.Parse(args); err != nil {
		return err
	}

	opts := []kinesisfake.Option{kinesisfake.WithRegion(*region), kinesisfake.WithAccountID(*account), kinesisfake.WithDelays(delays), kinesisfake.WithSeed(*seed)}
	if *rates {
		opts = append(opts, kinesisfake.WithRates(kinesisfake.Rates{}))
	}
	fake := kinesisfake.New(opts...)
	defer fake.Close()
	listener, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := fake.Server()
	fmt.Fprintf(stderr, "kinesisfake: serving Kinesis on http://%s (region %s, account %s)\n", listener.Addr(), *region, *account)
	if ready != nil {
		ready <- listener.Addr().String()
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(listener) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	// Streams end when the fake closes; give requests in flight a moment.
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	fake.Close()
	if err := srv.Shutdown(shutdown); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	fmt.Fprintln(stderr, "kinesisfake: stopped")
	return nil
}
