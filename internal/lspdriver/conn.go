package lspdriver

// This file is the wire: Content-Length framing and the JSON-RPC envelope.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxFrame bounds one message body, so a corrupt header cannot make the
// client allocate without limit. gopls's largest replies are a few MiB.
const maxFrame = 256 << 20

// errProtocol marks a frame that is not a JSON-RPC message: the stream
// cannot be trusted after it.
var errProtocol = errors.New("invalid message from server")

// readFrame reads one Content-Length framed body. Other headers (such as
// Content-Type) are accepted and ignored. A clean end of stream between
// frames is io.EOF; one inside a frame is io.ErrUnexpectedEOF.
func readFrame(r *bufio.Reader) ([]byte, error) {
	length := -1
	for first := true; ; first = false {
		line, err := r.ReadString('\n')
		if err != nil {
			if err == io.EOF && (!first || line != "") {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: malformed header %q", errProtocol, line)
		}
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n < 0 || n > maxFrame {
				return nil, fmt.Errorf("%w: bad Content-Length %q", errProtocol, value)
			}
			length = n
		}
	}
	if length < 0 {
		return nil, fmt.Errorf("%w: frame without Content-Length", errProtocol)
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return body, nil
}

// writeFrame writes body as one framed message in a single Write, so that
// concurrent writers serialized by a mutex never interleave.
func writeFrame(w io.Writer, body []byte) error {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "Content-Length: %d\r\n\r\n", len(body))
	buf.Write(body)
	_, err := w.Write(buf.Bytes())
	return err
}

// envelope is every JSON-RPC 2.0 message: request, notification or response.
type envelope struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id,omitempty"`
	Method  string          `json:"method,omitempty"`
	Params  json.RawMessage `json:"params,omitempty"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *RPCError       `json:"error,omitempty"`
}

// decodeEnvelope parses and sanity-checks one body.
func decodeEnvelope(body []byte) (envelope, error) {
	var e envelope
	if err := json.Unmarshal(body, &e); err != nil {
		return e, fmt.Errorf("%w: %v: %q", errProtocol, err, clip(body))
	}
	if e.JSONRPC != "2.0" {
		return e, fmt.Errorf("%w: jsonrpc is %q, not \"2.0\": %q", errProtocol, e.JSONRPC, clip(body))
	}
	if e.Method == "" && e.ID == nil {
		return e, fmt.Errorf("%w: neither method nor id: %q", errProtocol, clip(body))
	}
	return e, nil
}

// clip shortens a body for an error message.
func clip(b []byte) []byte {
	if len(b) > 200 {
		return b[:200]
	}
	return b
}

// RPCError is a JSON-RPC error object, from a response to one of our calls
// or recorded in a Message.
type RPCError struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *RPCError) Error() string {
	return fmt.Sprintf("JSON-RPC error %d: %s", e.Code, e.Message)
}

// Error codes the client sends back.
const (
	codeMethodNotFound = -32601
	codeInvalidParams  = -32602
	codeInternalError  = -32603
)
