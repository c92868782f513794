package main

import (
	"encoding/json"
	"math"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"
)

// healthPath is where the server says it is ready, for docker-compose
// health checks and scripts.
const healthPath = "/health"

// health answers GET and HEAD /health, and hands every other request to
// the Kinesis handler, which answers it as it always has.
type health struct {
	kinesis http.Handler
	start   time.Time // the server's start, which uptime is measured from
	version string
	// streams counts the streams the server keeps.
	streams func() int
}

// healthStatus is the body of an answer to GET /health.
type healthStatus struct {
	Status        string  `json:"status"`
	Version       string  `json:"version"`
	UptimeSeconds float64 `json:"uptimeSeconds"`
	Streams       int     `json:"streams"`
}

func (h *health) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != healthPath || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		h.kinesis.ServeHTTP(w, r)
		return
	}
	body, _ := json.Marshal(healthStatus{
		Status:        "ready",
		Version:       h.version,
		UptimeSeconds: math.Round(time.Since(h.start).Seconds()*1000) / 1000,
		Streams:       h.streams(),
	})
	body = append(body, '\n')
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodGet {
		w.Write(body)
	}
}

// version is the command's module version, as go install stamps it, or
// "(devel)" for a build from source without one.
func version() string {
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
		return info.Main.Version
	}
	return "(devel)"
}
