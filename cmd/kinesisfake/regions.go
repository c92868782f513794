package main

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"html"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/fxamacker/cbor/v2"

	"github.com/streamfake/kinesis/internal/awsid"
	"github.com/streamfake/kinesis/kinesisfake"
)

// router serves each request with the fake of the region the request's
// SigV4 credential scope names, as the service keeps each region's streams
// apart: a stream created in eu-west-1 is not found in us-east-1, and its
// ARN names eu-west-1. The fake of a region is made when a request first
// names it.
//
// An unsigned request, one whose signature it cannot read, and one whose
// scope's region is not of a region's form (awsid.CheckRegion: an empty
// region, say, as an SDK left without one signs) are served in the default
// region, the command's -region: signatures are not checked, and any
// credentials are accepted, as before regions were told apart. A request
// scoped to a region the service does not have (awsid.KnownRegion), but
// for the default region, is refused as the service refuses it (see
// badRegionCode): the regions a router makes fakes for are bounded by the
// service's, however many names clients make up.
type router struct {
	defaultRegion string
	// newFake makes the fake of a region. The region is passed so that what
	// the fake reports (a log, say) can name it.
	newFake func(region string) (*kinesisfake.Client, error)

	// mu guards everything below.
	mu      sync.Mutex
	closed  bool
	regions map[string]*regionFake
}

// regionFake is the fake that serves one region, and the handler that
// serves it.
type regionFake struct {
	region  string
	fake    *kinesisfake.Client
	handler http.Handler
}

// newRouter returns a router with the fake of defaultRegion already made.
func newRouter(defaultRegion string, newFake func(region string) (*kinesisfake.Client, error)) (*router, error) {
	rt := &router{defaultRegion: defaultRegion, newFake: newFake, regions: make(map[string]*regionFake)}
	rf, err := rt.make(defaultRegion)
	if err != nil {
		return nil, err
	}
	rt.regions[defaultRegion] = rf
	return rt, nil
}

// make makes the fake of region.
func (rt *router) make(region string) (*regionFake, error) {
	fake, err := rt.newFake(region)
	if err != nil {
		return nil, err
	}
	// Server's handler lets SubscribeToShard outlive the server's timeouts.
	return &regionFake{region: region, fake: fake, handler: fake.Server().Handler}, nil
}

// Server returns an *http.Server, as kinesisfake.Client.Server makes it,
// that serves every region through rt.
func (rt *router) Server() *http.Server {
	srv := rt.defaultFake().Server()
	srv.Handler = rt
	return srv
}

// defaultFake returns the fake of the default region.
func (rt *router) defaultFake() *kinesisfake.Client {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	return rt.regions[rt.defaultRegion].fake
}

// ServeHTTP serves r in the region its credential scope names.
func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	region, ok := rt.regionOf(r)
	if !ok {
		answerError(w, r, http.StatusBadRequest, badRegionCode, badRegionMessage)
		return
	}
	rf, err := rt.lookup(region)
	switch {
	case err != nil:
		// Its stored state could not be read: say so as the fake says a
		// failure of its own.
		answerError(w, r, http.StatusInternalServerError, "InternalFailure", err.Error())
	default:
		rf.handler.ServeHTTP(w, r)
	}
}

// regionOf returns the region r is served in, and false if it is scoped
// to one the service does not have.
func (rt *router) regionOf(r *http.Request) (string, bool) {
	region, ok := credentialRegion(r)
	if !ok || awsid.CheckRegion(region) != nil {
		return rt.defaultRegion, true
	}
	return region, region == rt.defaultRegion || awsid.KnownRegion(region)
}

// lookup returns the fake of region, made if it is new, or the error that
// kept it from being made. Once rt is closed, a new region is served by the
// default region's fake, closed too, which answers as a closed fake does.
func (rt *router) lookup(region string) (*regionFake, error) {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	if rf, ok := rt.regions[region]; ok {
		return rf, nil
	}
	if rt.closed {
		return rt.regions[rt.defaultRegion], nil
	}
	rf, err := rt.make(region)
	if err != nil {
		return nil, fmt.Errorf("region %s: %w", region, err)
	}
	rt.regions[region] = rf
	return rf, nil
}

// fake returns the fake of region, made if it is new, or, if it cannot be
// made, the default region's: the command's start-up streams, its only
// caller, have their regions checked beforehand.
func (rt *router) fake(region string) *kinesisfake.Client {
	if rf, err := rt.lookup(region); err == nil {
		return rf.fake
	}
	return rt.defaultFake()
}

// drop closes the fake of region and forgets it.
func (rt *router) drop(region string) {
	rt.mu.Lock()
	rf := rt.regions[region]
	delete(rt.regions, region)
	rt.mu.Unlock()
	if rf != nil {
		rf.fake.Close()
	}
}

// all returns the fakes of every region rt has state for.
func (rt *router) all() []*regionFake {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	fakes := make([]*regionFake, 0, len(rt.regions))
	for _, rf := range rt.regions {
		fakes = append(fakes, rf)
	}
	return fakes
}

// Close closes the fake of every region, which ends their subscriptions.
// It is safe to call more than once.
func (rt *router) Close() error {
	for _, rf := range rt.closeRegions() {
		rf.fake.Close()
	}
	return nil
}

// closeRegions marks rt closed, so that it makes no more fakes, and returns
// those it made.
func (rt *router) closeRegions() []*regionFake {
	rt.mu.Lock()
	defer rt.mu.Unlock()
	rt.closed = true
	fakes := make([]*regionFake, 0, len(rt.regions))
	for _, rf := range rt.regions {
		fakes = append(fakes, rf)
	}
	return fakes
}

// streamCount counts the streams of every region, DELETING ones included,
// as ListStreams lists them, without calling it: /health must not spend the
// ListStreams rate -rates enforces.
func (rt *router) streamCount() int {
	n := 0
	for _, rf := range rt.all() {
		n += len(rf.fake.Streams())
	}
	return n
}

// The service's answer to a request signed with a credential scoped to a
// region it does not serve: InvalidSignatureException, "Credential should
// be scoped to a valid region. " (with its trailing space), as AWS's JSON
// services answer it (fsouza/s3-upload-proxy#241 shows MediaStore's;
// earlier answers added ", not 'us-east-1'", aws/aws-sdk-ruby#508). The
// status and format are those of Kinesis's authentication errors as
// kinesalite's index.js (sendError) records them: 400 with a JSON body for
// a request in JSON 1.1, and otherwise 403 with an XML body, as Kinesis
// answered a credential scoped to another service in patrobinson/gokini#13
// ("<InvalidSignatureException>\n  <Message>Credential should be scoped to
// correct service: 'kinesis'. </Message>\n</InvalidSignatureException>").
// A request in CBOR gets the JSON answer's fields in CBOR, as the fake
// answers CBOR requests.
const (
	badRegionCode    = "InvalidSignatureException"
	badRegionMessage = "Credential should be scoped to a valid region. "
)

// answerError answers r with an error in its protocol: the status given and
// a JSON or CBOR body for those protocols, and otherwise 403 with an XML
// body, as the service answers a request it cannot read.
func answerError(w http.ResponseWriter, r *http.Request, status int, code, message string) {
	header := w.Header()
	header.Set("x-amzn-RequestId", requestID())
	contentType, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	var body []byte
	switch contentType = strings.TrimSpace(contentType); contentType {
	case "application/x-amz-json-1.1":
		body = fmt.Appendf(nil, `{"__type":%q,"message":%q}`, code, message)
		header.Set("x-amzn-ErrorType", code)
	case "application/x-amz-cbor-1.1":
		var b bytes.Buffer
		enc := cbor.NewEncoder(&b)
		enc.StartIndefiniteMap()
		for _, s := range []string{"__type", code, "message", message} {
			enc.Encode(s)
		}
		enc.EndIndefinite()
		body = b.Bytes()
		header.Set("x-amzn-ErrorType", code)
	default:
		contentType = ""
		status = http.StatusForbidden
		body = fmt.Appendf(nil, "<%s>\n  <Message>%s</Message>\n</%[1]s>\n", code, html.EscapeString(message))
	}
	if contentType != "" {
		header.Set("Content-Type", contentType)
	} else {
		header["Content-Type"] = nil // none, as the service sends none with XML
	}
	header.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	w.Write(body)
}

// requestID is a request ID in the service's form, a random UUID.
func requestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
