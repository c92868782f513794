package kinesisfake

import (
	"log/slog"
	"net/http"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// WithRequestLog makes the fake's [Client.Handler], and so [Client.Server]
// and [Client.SDKClient], log each request it serves to logger, as
// cmd/kinesisfake does on stderr: one record at [slog.LevelInfo] with the
// message "request" and these attributes, in this order:
//
//   - operation: the operation X-Amz-Target names, such as PutRecord; ""
//     for a request that names none of the service's (a GET, say).
//   - stream: the stream the request is about, read as [Call].Stream is;
//     "" where the input names none or could not be read.
//   - status: the HTTP status of the answer, such as 200 or 400.
//   - error: the type of the error the answer carries, such as
//     ResourceNotFoundException; "" for a success.
//   - duration: how long the handler took to serve the request, on the
//     fake's clock, as every time it reports (a [slog.Duration]: text such
//     as 1.2ms from a TextHandler, nanoseconds from a JSONHandler). On a
//     [FakeClock] that is the time the clock was moved meanwhile, such as a
//     fault's Latency.
//   - requestId: the answer's x-amzn-RequestId, as errors carry it.
//
// SubscribeToShard is logged once, when its event stream ends: its status
// is 200 once the stream has begun, its duration is the whole subscription,
// and its error is the exception that ended the stream, if one did (such as
// ResourceNotFoundException when the stream is deleted, or one given to
// [Client.EndSubscriptions]), "" when it ran its course or the client went
// away.
//
// Only requests served over the wire are logged: the methods of [Client]
// called directly are not. Without WithRequestLog the handler logs nothing
// and does no work towards it. Given a nil logger, [New] panics.
func WithRequestLog(logger *slog.Logger) Option {
	return func(c *Client) {
		if logger == nil {
			panic("kinesisfake: WithRequestLog(nil): a *slog.Logger is required; leave WithRequestLog out for no log")
		}
		c.requestLog = logger
	}
}

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
