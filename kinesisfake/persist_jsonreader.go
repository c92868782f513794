package kinesisfake

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// jsonReader reads a document for WithState a token at a time, with
// encoding/json's Decoder, so that however many records a state holds, no
// more than one is held as text: objects and arrays are walked member by
// member and item by item, and the values inside them decoded whole.
type jsonReader struct {
	dec *json.Decoder
	buf []byte // the last value read raw; valid until the next read
}

func newJSONReader(r io.Reader) *jsonReader {
	in := &boundedInput{r: r}
	dec := json.NewDecoder(in)
	dec.DisallowUnknownFields()
	in.dec = dec
	return &jsonReader{dec: dec}
}

// maxValueBytes bounds the text of a value decoded whole: the largest
// record (10 MiB of data, in base64) with room to spare. A larger value is
// refused before it is held, however large it is.
const maxValueBytes = 16 << 20

// boundedInput is the decoder's input, which fails once the decoder holds
// more than maxValueBytes it has not yet read past.
type boundedInput struct {
	r    io.Reader
	dec  *json.Decoder
	read int64
}

func (b *boundedInput) Read(p []byte) (int, error) {
	if b.read-b.dec.InputOffset() > maxValueBytes {
		return 0, fmt.Errorf("a value of more than %d MiB after byte %d: the fake writes none so large", maxValueBytes>>20, b.dec.InputOffset())
	}
	n, err := b.r.Read(p)
	b.read += int64(n)
	return n, err
}

// token reads the next token. The end of the input where more was due is
// io.ErrUnexpectedEOF, and JSON that is not says where.
func (j *jsonReader) token() (json.Token, error) {
	t, err := j.dec.Token()
	return t, j.readErr(err)
}

func (j *jsonReader) readErr(err error) error {
	var syntax *json.SyntaxError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, io.EOF):
		return io.ErrUnexpectedEOF
	case errors.As(err, &syntax):
		return fmt.Errorf("not JSON after byte %d: %w", syntax.Offset, err)
	}
	return err
}

// describe names the value a token starts.
func describe(t json.Token) string {
	switch t := t.(type) {
	case json.Delim:
		switch t {
		case '{':
			return "an object"
		case '[':
			return "an array"
		case '}':
			return "the end of an object"
		}
		return "the end of an array"
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case nil:
		return "null"
	}
	return "a number"
}

// open reads the start of an object or array, what a document calls it.
func (j *jsonReader) open(delim json.Delim, what string) error {
	t, err := j.token()
	if err != nil {
		return err
	}
	if t != delim {
		return fmt.Errorf("want %s, not %s", what, describe(t))
	}
	return nil
}

// more reports whether the object or array being read has another member
// or item, and if not reads its end.
func (j *jsonReader) more() (bool, error) {
	if j.dec.More() {
		return true, nil
	}
	_, err := j.token()
	return false, err
}

// key reads up to the next member's value and returns the member's name;
// or it reads the end of the object and returns ok false.
func (j *jsonReader) key() (key string, ok bool, err error) {
	if more, err := j.more(); !more || err != nil {
		return "", false, err
	}
	t, err := j.token()
	if err != nil {
		return "", false, err
	}
	return t.(string), true, nil // the Decoder reads only strings as names
}

// rawValue reads a value as it stands, valid until the next read.
func (j *jsonReader) rawValue() ([]byte, error) {
	var raw json.RawMessage
	if err := j.dec.Decode(&raw); err != nil {
		return nil, j.readErr(err)
	}
	j.buf = raw
	return raw, nil
}

// decode reads a value into v, refusing members v does not have.
func (j *jsonReader) decode(v any) error {
	return j.readErr(j.dec.Decode(v))
}

func decodeStrict(raw []byte, v any) error {
	return newJSONReader(bytes.NewReader(raw)).decode(v)
}

// end checks that nothing but white space follows.
func (j *jsonReader) end() error {
	t, err := j.dec.Token()
	switch {
	case errors.Is(err, io.EOF):
		return nil
	case err != nil:
		return j.readErr(err)
	}
	return fmt.Errorf("%s, want nothing more", describe(t))
}
