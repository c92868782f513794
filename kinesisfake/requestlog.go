package kinesisfake

import (
	"log/slog"
	"net/http"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// logRequest logs a request the handler served to the request log.
func (c *Client) logRequest(r *http.Request, ex wire.Exchange) {
	ctx := r.Context()
	if !c.requestLog.Enabled(ctx, slog.LevelInfo) {
		return
	}
	var stream string
	if op := operationNamed(ex.Operation); op != nil {
		stream, _ = op.about(ex.Input)
	}
	c.requestLog.LogAttrs(ctx, slog.LevelInfo, "request",
		slog.String("operation", ex.Operation),
		slog.String("stream", stream),
		slog.Int("status", ex.Status),
		slog.String("error", ex.ErrorCode),
		slog.Duration("duration", ex.Duration),
		slog.String("requestId", ex.RequestID),
	)
}
