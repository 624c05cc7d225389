package server

// This file frames JSON-RPC messages with LSP's Content-Length headers. It
// differs from jsonrpc2.NewStream in one way: a frame whose body is not a
// JSON-RPC message is answered with an error and skipped. jsonrpc2's stream
// returns a decode error from Read, and jsonrpc2's connection then closes
// for good — one bad message would end the session. Broken headers still
// end it: after them, where the next message starts is unknowable.

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// maxMessage bounds a frame's body so a corrupt header cannot make us
// allocate gigabytes.
const maxMessage = 256 << 20

type stream struct {
	rwc io.ReadWriteCloser
	in  *bufio.Reader
	// out writes (and closes) exactly as jsonrpc2 does; we never read from it.
	out jsonrpc2.Stream
	// writeMu serialises the connection's writes with our error replies.
	writeMu sync.Mutex
	log     *zap.Logger
}

func newStream(rwc io.ReadWriteCloser, log *zap.Logger) *stream {
	return &stream{rwc: rwc, in: bufio.NewReader(rwc), out: jsonrpc2.NewStream(rwc), log: log}
}

// Read returns the next message, answering and skipping undecodable ones.
func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	var total int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, total, err
		}
		body, n, err := s.readFrame()
		total += n
		if err != nil {
			return nil, total, err
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err == nil {
			return msg, total, nil
		}
		s.log.Warn("skipping a message that is not JSON-RPC", zap.Int("bytes", len(body)), zap.Error(err))
		// Not from this goroutine: the read loop must keep reading, or a
		// peer blocked writing to us could never read our reply.
		go func() {
			if err := s.replyInvalid(body, err); err != nil {
				s.log.Debug("cannot answer an invalid message", zap.Error(err))
			}
		}()
	}
}

// readFrame reads one header block and its body.
func (s *stream) readFrame() ([]byte, int64, error) {
	var total, length int64
	for {
		line, err := s.in.ReadString('\n')
		total += int64(len(line))
		if err != nil {
			return nil, total, fmt.Errorf("reading a header line: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		if strings.EqualFold(strings.TrimSpace(name), jsonrpc2.HdrContentLength) {
			length, err = strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || length <= 0 || length > maxMessage {
				return nil, total, fmt.Errorf("invalid %s %q", jsonrpc2.HdrContentLength, value)
			}
		}
	}
	if length == 0 {
		return nil, total, fmt.Errorf("missing %s header", jsonrpc2.HdrContentLength)
	}
	body := make([]byte, length)
	n, err := io.ReadFull(s.in, body)
	total += int64(n)
	if err != nil {
		return nil, total, fmt.Errorf("reading a %d-byte message: %w", length, err)
	}
	return body, total, nil
}

// replyInvalid answers a request we could not decode, as JSON-RPC 2.0 asks:
// ParseError for invalid JSON, InvalidRequest otherwise, with the request's
// id when it can be read and null when not. Something that looks like a
// response is never answered (two peers doing this would loop forever).
func (s *stream) replyInvalid(body []byte, cause error) error {
	code, id := jsonrpc2.ParseError, json.RawMessage("null")
	if json.Valid(body) {
		code = jsonrpc2.InvalidRequest
		var probe struct {
			ID     json.RawMessage `json:"id"`
			Method *string         `json:"method"`
			Result json.RawMessage `json:"result"`
			Error  json.RawMessage `json:"error"`
		}
		if json.Unmarshal(body, &probe) == nil {
			if probe.Method == nil && (probe.Result != nil || probe.Error != nil) {
				return nil
			}
			if len(probe.ID) > 0 && (probe.ID[0] == '"' || probe.ID[0] == '-' || '0' <= probe.ID[0] && probe.ID[0] <= '9') {
				id = probe.ID
			}
		}
	}
	data, err := json.Marshal(struct {
		JSONRPC string          `json:"jsonrpc"`
		ID      json.RawMessage `json:"id"`
		Error   jsonrpc2.Error  `json:"error"`
	}{"2.0", id, jsonrpc2.Error{Code: code, Message: cause.Error()}})
	if err != nil {
		return err
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if _, err := fmt.Fprintf(s.rwc, "%s: %d\r\n\r\n%s", jsonrpc2.HdrContentLength, len(data), data); err != nil {
		return fmt.Errorf("replying to an invalid message: %w", err)
	}
	return nil
}

// Write implements jsonrpc2.Stream.
func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	return s.out.Write(ctx, msg)
}

// Close implements jsonrpc2.Stream.
func (s *stream) Close() error { return s.out.Close() }
