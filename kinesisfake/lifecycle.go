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
// once forgotten as gone stays so.
type lifecycle struct {
	activeAt      time.Time // CREATING before this
	updatingUntil time.Time // UPDATING before this
	deleting      bool
	goneAt        time.Time // once deleting, gone from this instant
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
	return lifecycle{activeAt: now.Add(d)}
}

// phase is the status at now. Deletion comes first: the service deletes a
// thing in any state, even CREATING. A thing whose deletion has completed
// still reads DELETING; whoever finds it gone forgets it.
func (l *lifecycle) phase(now time.Time) phase {
	switch {
	case l.deleting:
		return phaseDeleting
	case now.Before(l.activeAt):
		return phaseCreating
	case now.Before(l.updatingUntil):
		return phaseUpdating
	}
	return phaseActive
}

// gone reports whether the thing's deletion has completed by now.
func (l *lifecycle) gone(now time.Time) bool {
	return l.deleting && !now.Before(l.goneAt)
}

// ready reports whether the thing is ACTIVE or UPDATING at now: made, and
// not being deleted.
func (l *lifecycle) ready(now time.Time) bool {
	p := l.phase(now)
	return p == phaseActive || p == phaseUpdating
}

// update makes the thing UPDATING for d from now.
func (l *lifecycle) update(now time.Time, d time.Duration) {
	l.updatingUntil = now.Add(d)
}

// delete starts the thing's deletion, gone d from now, and reports whether
// it did: deleting it again does not restart the clock.
func (l *lifecycle) delete(now time.Time, d time.Duration) bool {
	if l.deleting {
		return false
	}
	l.deleting, l.goneAt = true, now.Add(d)
	return true
}
