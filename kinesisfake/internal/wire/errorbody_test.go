package wire

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// An error body is written as encoding/json and fxamacker/cbor would write
// it, through any buffer size, and counted as it is written.
func FuzzErrorBody(f *testing.F) {
	for _, s := range []string{"", "plain", `q"b\s`, "\x00\x1f\b\f\n\r\t", "<a>&", "\u2028\u2029é", "\xff\xc3(", strings.Repeat("x", 5000)} {
		f.Add(s, 1)
		f.Add(s, 4096)
	}
	f.Fuzz(func(t *testing.T, message string, bufSize int) {
		bufSize = 1 + bufSize&0xfff
		code, key := "ValidationException", "message"
		quoted := func(s string) string { b, _ := json.Marshal(s); return string(b) }
		text := func(s string) string { b, _ := cbor.Marshal(s); return string(b) }
		for _, tc := range []struct {
			format codec
			want   string
		}{
			{jsonFormat, `{"__type":` + quoted(code) + `,"` + key + `":` + quoted(message) + `}`},
			{cborFormat, "\xbf" + text("__type") + text(code) + text(key) + text(message) + "\xff"},
		} {
			if message == "" {
				continue
			}
			var size chunks
			tc.format.errorBody(&size, code, key, message)
			var got bytes.Buffer
			body := chunks{w: &got, buf: make([]byte, 0, bufSize)}
			tc.format.errorBody(&body, code, key, message)
			body.flush()
			if got.String() != tc.want || size.n != len(tc.want) || body.n != size.n {
				t.Fatalf("%s %q: wrote %q (counted %d, then %d), want %q", tc.format.contentType(), message, got.String(), size.n, body.n, tc.want)
			}
		}
	})
}
