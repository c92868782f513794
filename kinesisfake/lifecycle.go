package kinesisfake

import "time"

// The lifecycle of streams, consumers and channels: where each stands in
// its transitions, read against the clock.

// lifecycle is where a stream, consumer or channel stands in its
// transitions. Those that take time (CREATING → ACTIVE, UPDATING → ACTIVE,
// DELETING → gone) are stored as the instant they complete and read against
// the clock, so they happen exactly when the clock passes that instant,
// whichever clock it is, with no goroutine to run them. A clock set back
// makes a thing CREATING or UPDATING again until it passes again; a thing
// once forgotten as gone stays so. The state document writes it as it is;
// its instants are in UTC, as the document has them.
type lifecycle struct {
	ActiveAt      time.Time `json:"activeAt,omitzero"`      // CREATING before this
	UpdatingUntil time.Time `json:"updatingUntil,omitzero"` // UPDATING before this
	Deleting      bool      `json:"deleting,omitempty"`
	GoneAt        time.Time `json:"goneAt,omitzero"` // once deleting, gone from this instant
}

// phase is a lifecycle's status at an instant, spelt as the service spells
// the statuses of streams, consumers and channels alike.
type phase string

const (
	phaseCreating phase = "CREATING"
	phaseActive   phase = "ACTIVE"
	phaseUpdating phase = "UPDATING"
	phaseDeleting phase = "DELETING"
)

// born is the lifecycle of a thing made at now, CREATING for d.
func born(now time.Time, d time.Duration) lifecycle {
	return lifecycle{ActiveAt: now.Add(d).UTC()}
}

// phase is the status at now. Deletion comes first: the service deletes a
// thing in any state, even CREATING. A thing whose deletion has completed
// still reads DELETING; whoever finds it gone forgets it.
func (l *lifecycle) phase(now time.Time) phase {
	switch {
	case l.Deleting:
		return phaseDeleting
	case now.Before(l.ActiveAt):
		return phaseCreating
	case now.Before(l.UpdatingUntil):
		return phaseUpdating
	}
	return phaseActive
}

// gone reports whether the thing's deletion has completed by now.
func (l *lifecycle) gone(now time.Time) bool {
	return l.Deleting && !now.Before(l.GoneAt)
}

// ready reports whether the thing is ACTIVE or UPDATING at now: made, and
// not being deleted.
func (l *lifecycle) ready(now time.Time) bool {
	p := l.phase(now)
	return p == phaseActive || p == phaseUpdating
}

// update makes the thing UPDATING for d from now.
func (l *lifecycle) update(now time.Time, d time.Duration) {
	l.UpdatingUntil = now.Add(d).UTC()
}

// delete starts the thing's deletion, gone d from now, and reports whether
// it did: deleting it again does not restart the clock.
func (l *lifecycle) delete(now time.Time, d time.Duration) bool {
	if l.Deleting {
		return false
	}
	l.Deleting, l.GoneAt = true, now.Add(d).UTC()
	return true
}
