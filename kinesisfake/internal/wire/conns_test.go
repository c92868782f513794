package wire

import (
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// At its limit, a new connection closes the oldest idle ones, and no
// other: not those serving a request, nor those idle since later.
func TestIdleConnsCloseTheOldestAtTheLimit(t *testing.T) {
	ic := newIdleConns(3)
	conns := make([]net.Conn, 5)
	for i := range conns {
		server, client := net.Pipe()
		defer client.Close()
		conns[i] = server
	}
	isClosed := func(c net.Conn) bool {
		c.SetWriteDeadline(time.Now()) // an open pipe times out; a closed one says so
		_, err := c.Write([]byte{0})
		return errors.Is(err, io.ErrClosedPipe)
	}
	for _, c := range conns[:3] {
		ic.State(c, http.StateNew)
	}
	ic.State(conns[1], http.StateIdle) // idle first
	ic.State(conns[0], http.StateIdle)
	ic.State(conns[2], http.StateActive)
	ic.State(conns[3], http.StateNew) // one over: conns[1] goes
	if !isClosed(conns[1]) || isClosed(conns[0]) || isClosed(conns[2]) {
		t.Fatalf("closed: %v %v %v, want only the one idle longest", isClosed(conns[0]), isClosed(conns[1]), isClosed(conns[2]))
	}
	ic.State(conns[1], http.StateClosed) // the server notices; counted already
	ic.State(conns[0], http.StateActive) // busy again: not idle
	ic.State(conns[4], http.StateNew)    // over, with none idle: nothing to close
	if isClosed(conns[0]) || isClosed(conns[2]) || isClosed(conns[3]) {
		t.Fatal("a busy or new connection was closed")
	}
	ic.State(conns[4], http.StateClosed)
	ic.State(conns[3], http.StateIdle)
	ic.State(conns[0], http.StateIdle)
	if ic.open != 3 || ic.idle.Len() != 2 {
		t.Errorf("%d open, %d idle; want 3 and 2", ic.open, ic.idle.Len())
	}
}
