package kinesisfake

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/kinesis/types"
)

// pageToken is what a NextToken carries: enough to continue a listing. Like
// the service's, tokens are opaque, self-contained and expire after 300
// seconds.
type pageToken struct {
	After  string             `json:"a,omitempty"` // the last item returned
	Stream string             `json:"s,omitempty"`
	Tag    uint64             `json:"t,omitempty"`
	Filter *types.ShardFilter `json:"f,omitempty"`
	Skip   int                `json:"k,omitempty"` // items already listed
	Issued int64              `json:"i"`           // Unix nanoseconds
	Nonce  uint64             `json:"n"`
}

const tokenLife = 300 * time.Second

// pageLimit is how many items a call returns at most: the number it asks
// for, if any, up to the operation's most.
func pageLimit(asked *int32, most int) int {
	if asked != nil && int(*asked) < most {
		return int(*asked)
	}
	return most
}

func (e *engine) newToken(t pageToken, now time.Time) string {
	e.LastNonce++
	t.Issued, t.Nonce = now.UnixNano(), e.LastNonce
	b, err := json.Marshal(t)
	if err != nil {
		panic(err) // a pageToken always marshals
	}
	return base64.StdEncoding.EncodeToString(b)
}

// parseToken reads a NextToken this fake issued, failing as the service does
// for one it did not issue or one that has expired.
func (e *engine) parseToken(s string, now time.Time) (pageToken, error) {
	var t pageToken
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &t) != nil || t.Nonce == 0 {
		return t, invalidArgument("Invalid NextToken.")
	}
	if issued := time.Unix(0, t.Issued); now.Sub(issued) > tokenLife {
		return t, &types.ExpiredNextTokenException{Message: ptr("The requested token has expired.")}
	}
	return t, nil
}

// pageOnStream is a page of a listing of channels or queues in order of
// creation: those of all that keep passes, after the one a NextToken marked
// prefix names (from the start without one), at most limit, and the token
// of the next page, if there is more.
func pageOnStream[R interface{ base() *onStream }](e *engine, all []R, token *string, limit int, prefix string, keep func(R) bool, now time.Time) ([]R, *string, error) {
	var after uint64
	if token != nil {
		t, err := e.parseToken(*token, now)
		if err != nil {
			return nil, nil, err
		}
		seq, ok := strings.CutPrefix(t.After, prefix)
		if after, err = strconv.ParseUint(seq, 10, 64); !ok || err != nil {
			return nil, nil, invalidArgument("Invalid NextToken.")
		}
	}
	var page []R
	for _, r := range all {
		if r.base().seq > after && keep(r) {
			page = append(page, r)
		}
	}
	if len(page) <= limit {
		return page, nil, nil
	}
	page = page[:limit]
	next := e.newToken(pageToken{After: prefix + strconv.FormatUint(page[limit-1].base().seq, 10)}, now)
	return page, &next, nil
}
