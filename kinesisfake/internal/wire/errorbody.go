package wire

import (
	"encoding/binary"
	"io"
	"unicode/utf8"
)

// An error's message may hold a value as long as the request that sent it
// (a ValidationException quotes the value it refuses), so an error body is
// written through a buffer of a few kilobytes, not built whole: once to
// count its size, for Content-Length, and once to send it.

// chunks writes to w through a buffer of its own; with w nil, it only counts
// what it is given.
type chunks struct {
	w   io.Writer
	buf []byte
	n   int // the bytes written
}

func (c *chunks) WriteByte(b byte) error {
	c.n++
	if c.w != nil {
		if len(c.buf) == cap(c.buf) {
			c.flush()
		}
		c.buf = append(c.buf, b)
	}
	return nil
}

func (c *chunks) WriteString(s string) {
	c.n += len(s)
	for c.w != nil && len(s) > 0 {
		if len(c.buf) == cap(c.buf) {
			c.flush()
		}
		k := copy(c.buf[len(c.buf):cap(c.buf)], s)
		c.buf = c.buf[:len(c.buf)+k]
		s = s[k:]
	}
}

// flush sends what the buffer holds. A failure to send is the client's
// going away, which ends the response in any case.
func (c *chunks) flush() {
	c.w.Write(c.buf)
	c.buf = c.buf[:0]
}

// writeJSONString writes s as a JSON string, escaped byte for byte as
// encoding/json escapes it.
func writeJSONString(w *chunks, s string) {
	const hex = "0123456789abcdef"
	w.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		escape := ""
		size := 1
		if b := s[i]; b < utf8.RuneSelf {
			switch {
			case b == '\\':
				escape = `\\`
			case b == '"':
				escape = `\"`
			case b == '\b':
				escape = `\b`
			case b == '\f':
				escape = `\f`
			case b == '\n':
				escape = `\n`
			case b == '\r':
				escape = `\r`
			case b == '\t':
				escape = `\t`
			case b < 0x20 || b == '<' || b == '>' || b == '&':
				w.WriteString(s[start:i])
				w.WriteString(`\u00`)
				w.WriteByte(hex[b>>4])
				w.WriteByte(hex[b&0xf])
				i++
				start = i
				continue
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				escape = `\ufffd`
			case r == '\u2028':
				escape = `\u2028`
			case r == '\u2029':
				escape = `\u2029`
			}
		}
		if escape != "" {
			w.WriteString(s[start:i])
			w.WriteString(escape)
			start = i + size
		}
		i += size
	}
	w.WriteString(s[start:])
	w.WriteByte('"')
}

// writeCBORText writes s as a CBOR text string of definite length.
func writeCBORText(w *chunks, s string) {
	var buf [9]byte
	head := buf[:1]
	switch n := len(s); {
	case n < 24:
		head[0] = majorText<<5 | byte(n)
	case n <= 0xff:
		head[0] = majorText<<5 | 24
		head = append(head, byte(n))
	case n <= 0xffff:
		head[0] = majorText<<5 | 25
		head = binary.BigEndian.AppendUint16(head, uint16(n))
	case uint64(n) <= 0xffffffff:
		head[0] = majorText<<5 | 26
		head = binary.BigEndian.AppendUint32(head, uint32(n))
	default:
		head[0] = majorText<<5 | 27
		head = binary.BigEndian.AppendUint64(head, uint64(n))
	}
	for _, b := range head {
		w.WriteByte(b)
	}
	w.WriteString(s)
}
