package kinesisfake

import (
	"iter"
	"slices"
	"sort"
	"strings"
	"time"
)

// Indexes that keep the cost of a call independent of how many streams and
// consumers the fake holds.

// chunkMax bounds a sortedSet's chunks: inserting or removing an item moves
// at most this many.
const chunkMax = 128

// sortedSet holds distinct items in the order cmp gives, in chunks, so that
// inserting or removing one costs O(log n + chunkMax) and listing k of them
// from any point O(log n + k), however many it holds. Items must not change
// their place in the order while in the set.
type sortedSet[T any] struct {
	cmp    func(a, b T) int
	chunks [][]T // each sorted and non-empty, in order
	n      int
}

func newSortedSet[T any](cmp func(a, b T) int) sortedSet[T] {
	return sortedSet[T]{cmp: cmp}
}

func (s *sortedSet[T]) len() int { return s.n }

// seek finds the first item for which atOrAfter holds: the chunk and the
// position in it, or len(s.chunks) if none does. atOrAfter must be false
// for a leading run of items and true for the rest.
func (s *sortedSet[T]) seek(atOrAfter func(T) bool) (c, i int) {
	c = sort.Search(len(s.chunks), func(c int) bool { return atOrAfter(s.chunks[c][len(s.chunks[c])-1]) })
	if c < len(s.chunks) {
		i = sort.Search(len(s.chunks[c]), func(i int) bool { return atOrAfter(s.chunks[c][i]) })
	}
	return c, i
}

func (s *sortedSet[T]) seekItem(x T) (c, i int) {
	return s.seek(func(y T) bool { return s.cmp(y, x) >= 0 })
}

func (s *sortedSet[T]) insert(x T) {
	c, i := s.seekItem(x)
	switch {
	case len(s.chunks) == 0:
		s.chunks = [][]T{nil}
	case c == len(s.chunks): // after every item
		c--
		i = len(s.chunks[c])
	}
	s.chunks[c] = slices.Insert(s.chunks[c], i, x)
	s.n++
	if chunk := s.chunks[c]; len(chunk) > chunkMax {
		// Split in two; the right half gets room to grow.
		right := append(make([]T, 0, chunkMax), chunk[len(chunk)/2:]...)
		clear(chunk[len(chunk)/2:])
		s.chunks[c] = chunk[:len(chunk)/2]
		s.chunks = slices.Insert(s.chunks, c+1, right)
	}
}

// remove takes x out of the set, if it is there.
func (s *sortedSet[T]) remove(x T) {
	c, i := s.seekItem(x)
	if c == len(s.chunks) || s.cmp(s.chunks[c][i], x) != 0 {
		return
	}
	s.chunks[c] = slices.Delete(s.chunks[c], i, i+1)
	s.n--
	switch {
	case len(s.chunks[c]) == 0:
		s.chunks = slices.Delete(s.chunks, c, c+1)
	case c+1 < len(s.chunks) && len(s.chunks[c])+len(s.chunks[c+1]) <= chunkMax/2:
		// Merge small neighbours, so that chunks stay few.
		s.chunks[c] = append(s.chunks[c], s.chunks[c+1]...)
		s.chunks = slices.Delete(s.chunks, c+1, c+2)
	}
}

// first returns the first item, if there is one.
func (s *sortedSet[T]) first() (x T, ok bool) {
	if len(s.chunks) == 0 {
		return x, false
	}
	return s.chunks[0][0], true
}

// from lists the items from the first for which atOrAfter holds (see seek),
// in order. The set must not change while it is read.
func (s *sortedSet[T]) from(atOrAfter func(T) bool) iter.Seq[T] {
	return func(yield func(T) bool) {
		c, i := s.seek(atOrAfter)
		s.yieldFrom(c, i, yield)
	}
}

// skip lists the items after the first n, in order.
func (s *sortedSet[T]) skip(n int) iter.Seq[T] {
	return func(yield func(T) bool) {
		c := 0
		for c < len(s.chunks) && n >= len(s.chunks[c]) {
			n -= len(s.chunks[c])
			c++
		}
		s.yieldFrom(c, n, yield)
	}
}

func (s *sortedSet[T]) yieldFrom(c, i int, yield func(T) bool) {
	for ; c < len(s.chunks); c, i = c+1, 0 {
		for _, x := range s.chunks[c][i:] {
			if !yield(x) {
				return
			}
		}
	}
}

// backward lists the items from last to first.
func (s *sortedSet[T]) backward() iter.Seq[T] {
	return func(yield func(T) bool) {
		for c := len(s.chunks) - 1; c >= 0; c-- {
			for _, x := range slices.Backward(s.chunks[c]) {
				if !yield(x) {
					return
				}
			}
		}
	}
}

// timed is an item of a set ordered by an instant, ties broken by a key.
type timed[T any] struct {
	at  time.Time
	key string
	v   T
}

func byInstant[T any](a, b timed[T]) int {
	if c := a.at.Compare(b.at); c != 0 {
		return c
	}
	return strings.Compare(a.key, b.key)
}

// census follows things through their lifecycles, as streams and consumers
// have them, by a key unique among them. It counts those CREATING at any
// instant and finds those gone by it, as their lifecycles read at that
// instant, visiting no others. Each entry is ordered by an instant copied
// from its lifecycle, so that ordering reads no lifecycle; the instant does
// not change while the entry is in a set.
type census struct {
	activating sortedSet[timed[*lifecycle]] // those not being deleted, by when they are ACTIVE
	leaving    sortedSet[timed[*lifecycle]] // those being deleted, by when they are gone
}

func newCensus() census {
	return census{activating: newSortedSet(byInstant[*lifecycle]), leaving: newSortedSet(byInstant[*lifecycle])}
}

// add follows a new thing.
func (c *census) add(key string, life *lifecycle) {
	c.activating.insert(timed[*lifecycle]{life.ActiveAt, key, life})
}

// deleting notes that a thing's deletion has started.
func (c *census) deleting(key string, life *lifecycle) {
	c.activating.remove(timed[*lifecycle]{at: life.ActiveAt, key: key})
	c.leaving.insert(timed[*lifecycle]{life.GoneAt, key, life})
}

// forget stops following a thing that is gone.
func (c *census) forget(key string, life *lifecycle) {
	c.leaving.remove(timed[*lifecycle]{at: life.GoneAt, key: key})
}

// creating counts the things CREATING at now. Only those not being deleted
// can be, and of them only those that become ACTIVE last, so only they are
// visited; a clock set back counts again those it makes CREATING again.
func (c *census) creating(now time.Time) int {
	n := 0
	for e := range c.activating.backward() {
		if e.v.phase(now) != phaseCreating {
			break
		}
		n++
	}
	return n
}

// gone returns the key of a thing that is gone by now, if there is one.
func (c *census) gone(now time.Time) (key string, ok bool) {
	e, ok := c.leaving.first()
	if !ok || !e.v.gone(now) {
		return "", false
	}
	return e.key, true
}
