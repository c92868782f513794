package main

import (
	"errors"
	"io"
	"log/slog"
	"sync"
)

// checkLogFormat accepts the formats of -log-format.
func checkLogFormat(format string) error {
	if format != "text" && format != "json" {
		return errors.New("the request log's format is text or json")
	}
	return nil
}

// requestLogger is the request log, in format, on w: see
// kinesisfake.WithRequestLog for its lines.
func requestLogger(w io.Writer, format string) *slog.Logger {
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// lockedWriter serialises writes, so that the request log and the
// command's own lines, written from different goroutines, stay whole.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
