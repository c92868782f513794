package kinesisfake

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// jsonReader reads a JSON document piece by piece, for WithState: the
// structure of objects and arrays, and strings, it reads itself, and any
// other value it hands whole to encoding/json, which checks it. It reads
// strings a buffer at a time, so that WithState reads a million records in
// a second or two; through encoding/json's Decoder, which reflects on every
// value it decodes and scans it twice, they took about 6 s.
type jsonReader struct {
	r   *bufio.Reader
	off int64  // bytes read
	buf []byte // the last string or value read; valid until the next read
}

func newJSONReader(r io.Reader) *jsonReader {
	return &jsonReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// syntaxError is JSON that is not.
type syntaxError struct {
	off int64
	msg string
}

func (e *syntaxError) Error() string { return fmt.Sprintf("not JSON at byte %d: %s", e.off, e.msg) }

// syntaxError is an error at the next byte, which it names by its place,
// counted from 1.
func (j *jsonReader) syntaxError(format string, args ...any) error {
	return &syntaxError{j.off + 1, fmt.Sprintf(format, args...)}
}

// readErr is the error for err, an error of the reader: the end of the input
// where more was due is io.ErrUnexpectedEOF.
func readErr(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

// peek returns the next byte that is not white space, without reading it.
// At the end of the input, it returns io.EOF.
func (j *jsonReader) peek() (byte, error) {
	for {
		c, err := j.r.ReadByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\n', '\r':
			j.off++
			continue
		}
		_ = j.r.UnreadByte() // cannot fail after ReadByte
		return c, nil
	}
}

// skip reads the byte peek returned.
func (j *jsonReader) skip() {
	_, _ = j.r.ReadByte() // cannot fail after peek
	j.off++
}

// expect reads the next byte that is not white space, which must be c.
func (j *jsonReader) expect(c byte) error {
	got, err := j.peek()
	if err != nil {
		return readErr(err)
	}
	if got != c {
		return j.syntaxError("want '%c', not %s", c, describeByte(got))
	}
	j.skip()
	return nil
}

// describeByte names the value a byte starts.
func describeByte(c byte) string {
	switch {
	case c == '{':
		return "an object"
	case c == '[':
		return "an array"
	case c == '"':
		return "a string"
	case c == 't' || c == 'f':
		return "a boolean"
	case c == 'n':
		return "null"
	case c == '-' || '0' <= c && c <= '9':
		return "a number"
	}
	return fmt.Sprintf("%q", c)
}

// objectReader reads an object's members.
type objectReader struct {
	j     *jsonReader
	first bool
}

// object reads the start of an object, what a document calls it.
func (j *jsonReader) object(what string) (*objectReader, error) {
	c, err := j.peek()
	if err != nil {
		return nil, readErr(err)
	}
	if c != '{' {
		return nil, fmt.Errorf("want %s, not %s", what, describeByte(c))
	}
	j.skip()
	return &objectReader{j: j, first: true}, nil
}

// next reads up to the next member's value and returns the member's name,
// valid until the next read; or it reads the end of the object and returns
// ok false.
func (o *objectReader) next() (key []byte, ok bool, err error) {
	j := o.j
	c, err := j.peek()
	if err != nil {
		return nil, false, readErr(err)
	}
	if c == '}' {
		j.skip()
		return nil, false, nil
	}
	if !o.first {
		if c != ',' {
			return nil, false, j.syntaxError("want ',' or '}', not %s", describeByte(c))
		}
		j.skip()
		if c, err = j.peek(); err != nil {
			return nil, false, readErr(err)
		}
	}
	if c != '"' {
		return nil, false, j.syntaxError("want a member's name, not %s", describeByte(c))
	}
	o.first = false
	if key, err = j.stringBytes(); err != nil {
		return nil, false, err
	}
	if err := j.expect(':'); err != nil {
		return nil, false, err
	}
	return key, true, nil
}

// arrayReader reads an array's items.
type arrayReader struct {
	j     *jsonReader
	first bool
}

// array reads the start of an array, what a document calls it.
func (j *jsonReader) array(what string) (*arrayReader, error) {
	c, err := j.peek()
	if err != nil {
		return nil, readErr(err)
	}
	if c != '[' {
		return nil, fmt.Errorf("want %s, not %s", what, describeByte(c))
	}
	j.skip()
	return &arrayReader{j: j, first: true}, nil
}

// more reads up to the next item and reports whether there is one, or
// reads the end of the array.
func (a *arrayReader) more() (bool, error) {
	j := a.j
	c, err := j.peek()
	if err != nil {
		return false, readErr(err)
	}
	if c == ']' {
		j.skip()
		return false, nil
	}
	if !a.first {
		if c != ',' {
			return false, j.syntaxError("want ',' or ']', not %s", describeByte(c))
		}
		j.skip()
	}
	a.first = false
	return true, nil
}

// appendRawString reads a string, quotes included, as it stands, appending
// it to dst.
func (j *jsonReader) appendRawString(dst []byte) ([]byte, error) {
	if err := j.expect('"'); err != nil {
		return dst, err
	}
	start := len(dst)
	dst = append(dst, '"')
	for {
		s, err := j.r.ReadSlice('"')
		j.off += int64(len(s))
		dst = append(dst, s...)
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil:
			return dst, readErr(err)
		}
		// The quote ends the string unless an odd number of backslashes
		// escape it.
		n := 0
		for i := len(dst) - 2; i > start && dst[i] == '\\'; i-- {
			n++
		}
		if n%2 == 0 {
			return dst, nil
		}
	}
}

// stringBytes reads a string and returns its text, valid until the next
// read.
func (j *jsonReader) stringBytes() ([]byte, error) {
	raw, err := j.appendRawString(j.buf[:0])
	j.buf = raw
	if err != nil {
		return nil, err
	}
	text := raw[1 : len(raw)-1]
	ascii, plain := true, true
	for _, c := range text {
		if c < 0x20 || c == '\\' {
			plain = false
			break
		}
		if c >= utf8.RuneSelf {
			ascii = false
		}
	}
	if plain && (ascii || utf8.Valid(text)) {
		return text, nil
	}
	// Escapes, or text JSON does not allow: encoding/json decides.
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, j.syntaxError("%v", err)
	}
	j.buf = append(j.buf[:0], s...)
	return j.buf, nil
}

// rawValue reads a value as it stands, for encoding/json to decode and
// check: only its extent is found here. The value is valid until the next
// read.
func (j *jsonReader) rawValue() ([]byte, error) {
	c, err := j.peek()
	if err != nil {
		return nil, readErr(err)
	}
	j.buf = j.buf[:0]
	switch c {
	case '"':
		j.buf, err = j.appendRawString(j.buf)
		return j.buf, err
	case '{', '[':
		for depth := 0; ; {
			c, err := j.r.ReadByte()
			if err != nil {
				return nil, readErr(err)
			}
			if c == '"' {
				_ = j.r.UnreadByte() // cannot fail after ReadByte
				if j.buf, err = j.appendRawString(j.buf); err != nil {
					return nil, err
				}
				continue
			}
			j.off++
			j.buf = append(j.buf, c)
			switch c {
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j.buf, nil
				}
			}
		}
	}
	// A number, true, false or null.
	for {
		c, err := j.r.ReadByte()
		if err != nil {
			return nil, readErr(err)
		}
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'E') {
			_ = j.r.UnreadByte() // cannot fail after ReadByte
			break
		}
		j.off++
		j.buf = append(j.buf, c)
	}
	if len(j.buf) == 0 {
		return nil, j.syntaxError("want a value, not %s", describeByte(c))
	}
	return j.buf, nil
}

// decode reads a value into v with encoding/json, refusing members v does
// not have.
func (j *jsonReader) decode(v any) error {
	raw, err := j.rawValue()
	if err != nil {
		return err
	}
	return decodeStrict(raw, v)
}

func decodeStrict(raw []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return fmt.Errorf("not JSON: %w", err)
		}
		return err
	}
	return nil
}

// end checks that nothing but white space follows.
func (j *jsonReader) end() error {
	c, err := j.peek()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return err
	}
	return fmt.Errorf("%s, want nothing more", describeByte(c))
}
