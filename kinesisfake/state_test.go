package kinesisfake

import (
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// A lifecycle's phase at instants before, at and after each of its
// boundaries, including instants a clock set back returns to. Each row
// builds a lifecycle by its events and reads it at offsets from epoch.
func TestLifecycle(t *testing.T) {
	const sec = time.Second
	at := func(d time.Duration) time.Time { return epoch.Add(d) }
	type reading struct {
		at    time.Duration
		phase phase
		gone  bool
	}
	tests := []struct {
		name     string
		life     func() lifecycle
		readings []reading
	}{
		{"created with a delay", func() lifecycle { return born(epoch, 10*sec) }, []reading{
			{-sec, phaseCreating, false}, // a clock set back before the creation
			{0, phaseCreating, false},
			{10*sec - 1, phaseCreating, false},
			{10 * sec, phaseActive, false},
			{time.Hour, phaseActive, false},
		}},
		{"created with no delay", func() lifecycle { return born(epoch, 0) }, []reading{
			{-1, phaseCreating, false}, // a clock set back
			{0, phaseActive, false},
			{sec, phaseActive, false},
		}},
		{"updating", func() lifecycle {
			l := born(epoch, 0)
			l.update(at(10*sec), 5*sec)
			return l
		}, []reading{
			{-1, phaseCreating, false},
			{0, phaseUpdating, false}, // read against the clock, not the order of events
			{10 * sec, phaseUpdating, false},
			{15*sec - 1, phaseUpdating, false},
			{15 * sec, phaseActive, false},
		}},
		{"updating with no delay", func() lifecycle {
			l := born(epoch, 0)
			l.update(at(10*sec), 0)
			return l
		}, []reading{
			{10*sec - 1, phaseUpdating, false},
			{10 * sec, phaseActive, false},
		}},
		{"updated while creating", func() lifecycle {
			l := born(epoch, 10*sec)
			l.update(at(sec), 5*sec)
			return l
		}, []reading{
			{sec, phaseCreating, false},
			{6 * sec, phaseCreating, false},
			{10 * sec, phaseActive, false},
		}},
		{"deleted with a delay", func() lifecycle {
			l := born(epoch, 0)
			l.delete(at(10*sec), 5*sec)
			return l
		}, []reading{
			{-sec, phaseDeleting, false}, // deletion is a fact, not an instant
			{10 * sec, phaseDeleting, false},
			{15*sec - 1, phaseDeleting, false},
			{15 * sec, phaseDeleting, true},
			{time.Hour, phaseDeleting, true},
		}},
		{"deleted with no delay", func() lifecycle {
			l := born(epoch, 0)
			l.delete(at(10*sec), 0)
			return l
		}, []reading{
			{10*sec - 1, phaseDeleting, false},
			{10 * sec, phaseDeleting, true},
		}},
		{"deleted while creating", func() lifecycle {
			l := born(epoch, 10*sec)
			l.delete(at(sec), 5*sec)
			return l
		}, []reading{
			{sec, phaseDeleting, false},
			{6 * sec, phaseDeleting, true},
		}},
		{"deleted while updating", func() lifecycle {
			l := born(epoch, 0)
			l.update(at(sec), time.Minute)
			l.delete(at(2*sec), 5*sec)
			return l
		}, []reading{
			{2 * sec, phaseDeleting, false},
			{7 * sec, phaseDeleting, true},
		}},
		{"deleted twice", func() lifecycle {
			l := born(epoch, 0)
			if !l.delete(at(sec), 5*sec) {
				t.Fatal("the first delete did not start the deletion")
			}
			if l.delete(at(2*sec), time.Hour) {
				t.Fatal("the second delete started the deletion again")
			}
			return l
		}, []reading{
			{6*sec - 1, phaseDeleting, false},
			{6 * sec, phaseDeleting, true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := tt.life()
			for _, r := range tt.readings {
				if got := l.phase(at(r.at)); got != r.phase {
					t.Errorf("phase at %v: %s, want %s", r.at, got, r.phase)
				}
				if got := l.gone(at(r.at)); got != r.gone {
					t.Errorf("gone at %v: %t, want %t", r.at, got, r.gone)
				}
				if got, want := l.ready(at(r.at)), r.phase == phaseActive || r.phase == phaseUpdating; got != want {
					t.Errorf("ready at %v: %t, want %t", r.at, got, want)
				}
			}
		})
	}
}

// The phases are spelt as the API's statuses, which streams, consumers and
// channels report them as.
func TestPhasesAreTheServiceStatuses(t *testing.T) {
	for _, p := range []phase{phaseCreating, phaseActive, phaseUpdating, phaseDeleting} {
		if !slices.Contains(types.StreamStatus("").Values(), types.StreamStatus(p)) {
			t.Errorf("%s is no stream status", p)
		}
		if !slices.Contains(types.ChannelStatus("").Values(), types.ChannelStatus(p)) {
			t.Errorf("%s is no channel status", p)
		}
		if p != phaseUpdating && !slices.Contains(types.ConsumerStatus("").Values(), types.ConsumerStatus(p)) {
			t.Errorf("%s is no consumer status", p)
		}
	}
}
