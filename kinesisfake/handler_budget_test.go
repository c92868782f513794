package kinesisfake

import (
	"bytes"
	"net/http/httptest"
	"runtime"
	"testing"
)

// A CBOR body that repeats a member costs what reading past it costs:
// PutRecords repeating Records, 500 entries each, and PutRecord repeating
// Data, in 30 MB bodies, each allocate less than twice their size (they
// took 14.5 and 3.4 times before earlier values were passed over unread).
func TestRepeatedMembersCostTheirSize(t *testing.T) {
	c, _ := newMemoryFake(t)
	createStream(t, c, "s", 1)
	h := c.Server().Handler
	text := func(b *bytes.Buffer, s string) { b.WriteByte(0x60 | byte(len(s))); b.WriteString(s) }
	var records bytes.Buffer
	records.WriteByte(0xbf)
	text(&records, "StreamName")
	text(&records, "s")
	for records.Len() < 30<<20 {
		text(&records, "Records")
		records.Write([]byte{0x99, 0x01, 0xf4}) // an array of 500
		for range 500 {
			records.WriteByte(0xa2)
			text(&records, "Data")
			records.WriteByte(0x40)
			text(&records, "PartitionKey")
			text(&records, "k")
		}
	}
	records.WriteByte(0xff)
	var data bytes.Buffer
	data.WriteByte(0xbf)
	text(&data, "StreamName")
	text(&data, "s")
	text(&data, "PartitionKey")
	text(&data, "k")
	for data.Len() < 30<<20 {
		text(&data, "Data")
		data.Write([]byte{0x59, 0x03, 0xe8}) // 1,000 bytes
		data.Write(bytes.Repeat([]byte("x"), 1000))
	}
	data.WriteByte(0xff)
	for _, tc := range []struct {
		operation string
		body      []byte
	}{{"PutRecords", records.Bytes()}, {"PutRecord", data.Bytes()}} {
		req := httptest.NewRequest("POST", "/", bytes.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/x-amz-cbor-1.1")
		req.Header.Set("X-Amz-Target", "Kinesis_20131202."+tc.operation)
		w := httptest.NewRecorder()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		h.ServeHTTP(w, req)
		runtime.ReadMemStats(&after)
		if w.Code != 200 {
			t.Errorf("%s: %d %q", tc.operation, w.Code, w.Body.String())
		}
		allocated := after.TotalAlloc - before.TotalAlloc
		if allocated > 2*uint64(len(tc.body)) {
			t.Errorf("%s of %d MB repeating a member allocated %d MB", tc.operation, len(tc.body)>>20, allocated>>20)
		}
		t.Logf("%s: %d MB allocated for %d MB, %.1f times", tc.operation, allocated>>20, len(tc.body)>>20, float64(allocated)/float64(len(tc.body)))
	}
}
