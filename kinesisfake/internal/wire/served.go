package wire

import (
	"errors"
	"net/http"
	"time"

	"github.com/aws/smithy-go"
)

// Exchange is a request a Handler served and its answer, as [Config].Served
// is told of it.
type Exchange struct {
	// Operation is the operation X-Amz-Target names, such as PutRecord,
	// when it names one of the service's, known or not; "" otherwise.
	Operation string
	// Input is the operation's input as read from the request, such as
	// *kinesis.PutRecordInput; nil if the request was not read that far.
	Input any
	// RequestID is the x-amzn-RequestId of the answer.
	RequestID string
	// Status is the answer's HTTP status.
	Status int
	// ErrorCode is the type of the error the answer carries, such as
	// ResourceNotFoundException; "" for a success. For a subscription
	// answered 200, it is the exception that ended the event stream, if
	// one did.
	ErrorCode string
	// Duration is how long the Handler took to serve the request, on
	// Config.Now's clock: for SubscribeToShard, the whole subscription.
	Duration time.Duration
}

// recorder is the ResponseWriter a Handler serves through when
// Config.Served is set: it notes what the answer is as it is written.
type recorder struct {
	http.ResponseWriter
	ex Exchange
}

func (w *recorder) WriteHeader(status int) {
	if w.ex.Status == 0 {
		w.ex.Status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *recorder) Write(b []byte) (int, error) {
	if w.ex.Status == 0 {
		w.ex.Status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush flushes the response under it, if it can: subscriptions flush each
// event.
func (w *recorder) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap is for http.ResponseController.
func (w *recorder) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// recorded returns w's recorder, or nil if w is not one: if the Handler
// tells no one what it serves.
func recorded(w http.ResponseWriter) *recorder {
	rec, _ := w.(*recorder)
	return rec
}

// noteError records that the answer on w carries the error code.
func noteError(w http.ResponseWriter, code string) {
	if rec := recorded(w); rec != nil {
		rec.ex.ErrorCode = code
	}
}

// serveRecorded serves r through a recorder and tells Config.Served what
// was served. A request whose handling panics to abort the response
// (http.ErrAbortHandler) is not told of.
func (h *Handler) serveRecorded(w http.ResponseWriter, r *http.Request) {
	start := h.cfg.Now()
	rec := &recorder{ResponseWriter: w}
	h.serveHTTP(rec, r)
	rec.ex.Duration = h.cfg.Now().Sub(start)
	if rec.ex.Status == 0 {
		rec.ex.Status = http.StatusOK // as net/http answers a handler that writes nothing
	}
	h.cfg.Served(r, rec.ex)
}

// exceptionCode is the type of the exception that ends an event stream
// with err: an error that is not a smithy.APIError is an
// InternalFailureException, as eventstream.Encoder sends it.
func exceptionCode(err error) string {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		return apiErr.ErrorCode()
	}
	return "InternalFailureException"
}
