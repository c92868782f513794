package kinesisfake

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/service/kinesis"
	"github.com/aws/aws-sdk-go-v2/service/kinesis/schemas"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/aws/smithy-go/transport/http/protocol/awsjson"
	"github.com/fxamacker/cbor/v2"

	"github.com/streamfake/kinesis/kinesisfake/internal/wire"
)

// cborProtocol is the client side of CBOR as the Java SDK speaks it to
// Kinesis, for the Go SDK's client, which speaks only JSON to it: requests
// written and answers read with the wire's CBOR codec. Errors come back as
// the SDK's typed errors, as its JSON protocol gives them; event streams
// are the SDK's own.
type cborProtocol struct{ *awsjson.Protocol }

// cborSDKClient is SDKClient speaking CBOR.
func cborSDKClient(c *Client) *kinesis.Client {
	return c.SDKClient(func(o *kinesis.Options) {
		o.Protocol = cborProtocol{awsjson.New11(schemas.Kinesis_20131202)}
	})
}

func (cborProtocol) SerializeRequest(_ context.Context, schema *smithy.OperationSchema, in smithy.Serializable, req *smithyhttp.Request) error {
	req.Method = http.MethodPost
	req.URL.Path = "/"
	req.Header.Set("X-Amz-Target", "Kinesis_20131202."+schema.ID().Name)
	req.Header.Set("Content-Type", cborType)
	w := wire.NewCBORWriter()
	in.Serialize(w)
	sreq, err := req.SetStream(bytes.NewReader(w.Bytes()))
	if err != nil {
		return err
	}
	*req = *sreq
	return nil
}

func (cborProtocol) DeserializeResponse(_ context.Context, schema *smithy.OperationSchema, registry *smithy.TypeRegistry, resp *smithyhttp.Response, out smithy.Deserializable) error {
	if resp.StatusCode < 300 && (schema.IsOutputEventStream() || schema.Output == nil) {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Type    string `cbor:"__type"`
			Message string `cbor:"message"`
		}
		if err := cbor.Unmarshal(body, &e); err != nil {
			return fmt.Errorf("error %d: %x: %w", resp.StatusCode, body, err)
		}
		typed, ok := registry.DeserializableError(e.Type)
		if !ok {
			return &smithy.GenericAPIError{Code: e.Type, Message: e.Message}
		}
		r, err := wire.NewCBORReader(body)
		if err != nil {
			return err
		}
		if err := typed.Deserialize(r); err != nil {
			return err
		}
		return typed
	}
	r, err := wire.NewCBORReader(body)
	if err != nil {
		return err
	}
	return out.Deserialize(r)
}
