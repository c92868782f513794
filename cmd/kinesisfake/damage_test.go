package main

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"

	"github.com/streamfake/kinesis/internal/boltstore"
	"github.com/streamfake/kinesis/kinesisfake"
)

// damageTrials is how many random corruptions TestDamagedDataIsRefused
// tries, each of 16 bytes flipped.
const damageTrials = 40

// A damaged -data file is refused, by -check and by a start, with a clear
// message naming the file: truncated to half, to 100 pages or to nothing, or
// with 16 random bytes flipped (40 times); never a panic or a signal, and
// never some of the records served. A corruption that damages nothing
// (free pages, say) reads as the intact file does, to the digest.
func TestDamagedDataIsRefused(t *testing.T) {
	bin := build(t)
	dir := t.TempDir()
	db, err := boltstore.Open(dir, boltstore.Batch)
	if err != nil {
		t.Fatal(err)
	}
	fake, err := kinesisfake.Open(db.Region("us-east-1"), kinesisfake.WithRegion("us-east-1"), kinesisfake.WithDelays(kinesisfake.Delays{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fake.CreateStream(t.Context(), &kinesis.CreateStreamInput{StreamName: aws.String("s"), ShardCount: aws.Int32(2)}); err != nil {
		t.Fatal(err)
	}
	for batch := range 4 {
		entries := make([]types.PutRecordsRequestEntry, 500)
		for i := range entries {
			data := fmt.Sprintf("record %d of batch %d %s", i, batch, strings.Repeat("x", i%200))
			entries[i] = types.PutRecordsRequestEntry{PartitionKey: aws.String(data), Data: []byte(data)}
		}
		if _, err := fake.PutRecords(t.Context(), &kinesis.PutRecordsInput{StreamName: aws.String("s"), Records: entries}); err != nil {
			t.Fatal(err)
		}
	}
	fake.Close()
	db.Close()
	original, err := os.ReadFile(filepath.Join(dir, boltstore.FileName))
	if err != nil {
		t.Fatal(err)
	}
	check := func(file []byte) (string, error) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, boltstore.FileName), file, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin, "-data", dir, "-check").CombinedOutput()
		return string(out), err
	}
	intact, err := check(original)
	digest := regexp.MustCompile(`region us-east-1: 1 streams, 2000 records, sha256 [0-9a-f]{64}`).FindString(intact)
	if err != nil || digest == "" {
		t.Fatalf("-check of the intact file: %v\n%s", err, intact)
	}

	crashed := regexp.MustCompile(`panic|goroutine \d|SIGSEGV|SIGBUS|fatal error`)
	refusal := regexp.MustCompile(`kinesisfake\.db (is damaged|is truncated|is empty)|does not match its checksum|the stored state`)
	trials := []struct {
		name string
		file []byte
	}{
		{"truncated to half", original[:len(original)/2]},
		{"truncated to 100 pages", original[:100*4096]}, // it holds about 155
		{"truncated to nothing", []byte{}},
	}
	random := rand.New(rand.NewPCG(1, 2))
	for i := range damageTrials {
		file := append([]byte(nil), original...)
		for range 16 {
			file[random.IntN(len(file))] ^= byte(1 + random.IntN(255))
		}
		trials = append(trials, struct {
			name string
			file []byte
		}{fmt.Sprintf("16 bytes flipped, %d", i), file})
	}
	refused, unharmed := 0, 0
	for _, tr := range trials {
		out, err := check(tr.file)
		var exit *exec.ExitError
		switch {
		case crashed.MatchString(out):
			t.Errorf("%s: -check crashed:\n%s", tr.name, out)
		case err == nil && strings.Contains(out, digest):
			unharmed++
		case err == nil:
			t.Errorf("%s: -check found no damage, but the records differ:\n%s", tr.name, out)
		case errors.As(err, &exit) && exit.ExitCode() == 1 && refusal.MatchString(out):
			refused++
		default:
			t.Errorf("%s: -check: %v\n%s", tr.name, err, out)
		}
	}
	t.Logf("%d damaged files: %d refused cleanly, %d read whole (the damage was in pages in no use)", len(trials), refused, unharmed)
	if refused < len(trials)/2 {
		t.Errorf("only %d of %d damaged files refused", refused, len(trials))
	}

	// A start refuses as -check does.
	for _, tr := range trials[:3] {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, boltstore.FileName), tr.file, 0o644)
		ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second) // a start that does not refuse serves until killed
		out, err := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-data", dir).CombinedOutput()
		cancel()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 || !refusal.MatchString(string(out)) || crashed.Match(out) {
			t.Errorf("%s: the server: %v\n%s", tr.name, err, out)
		}
	}
}
