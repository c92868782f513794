package wire

import (
	"container/list"
	"net"
	"net/http"
	"sync"
)

// IdleConns closes the oldest idle connections when a server nears the
// process's limit of open files, so that a new connection, and its request,
// gets through however many others clients leave idle: at the limit the
// server could accept nothing until an idle one timed out. Its State is an
// http.Server's ConnState.
type IdleConns struct {
	limit int // open connections at which idle ones are closed, oldest first

	mu     sync.Mutex
	open   int
	idle   list.List                  // idle connections, oldest first
	idleAt map[net.Conn]*list.Element // their places in idle
	closed map[net.Conn]bool          // closed here, not yet reported closed
}

// reservedFiles are the files left to the rest of the process (the -data
// database, logs, TLS files, the listener) below the limit.
const reservedFiles = 64

// NewIdleConns returns an IdleConns for the process's limit of open files,
// or one that closes nothing if the limit cannot be read.
func NewIdleConns() *IdleConns {
	limit := openFileLimit() - reservedFiles
	if limit <= 0 {
		limit = int(^uint(0) >> 1)
	}
	return newIdleConns(limit)
}

func newIdleConns(limit int) *IdleConns {
	return &IdleConns{limit: limit, idleAt: map[net.Conn]*list.Element{}, closed: map[net.Conn]bool{}}
}

// State notes a connection's new state, and, for a new connection at the
// limit, closes the oldest idle ones.
func (ic *IdleConns) State(c net.Conn, state http.ConnState) {
	ic.mu.Lock()
	defer ic.mu.Unlock()
	if e, ok := ic.idleAt[c]; ok {
		ic.idle.Remove(e)
		delete(ic.idleAt, c)
	}
	switch state {
	case http.StateNew:
		ic.open++
		for ic.open > ic.limit && ic.idle.Len() > 0 {
			oldest := ic.idle.Remove(ic.idle.Front()).(net.Conn)
			delete(ic.idleAt, oldest)
			ic.closed[oldest] = true
			ic.open--
			oldest.Close()
		}
	case http.StateIdle:
		ic.idleAt[c] = ic.idle.PushBack(c)
	case http.StateHijacked, http.StateClosed:
		if ic.closed[c] {
			delete(ic.closed, c) // counted out when it was closed
		} else {
			ic.open--
		}
	}
}
