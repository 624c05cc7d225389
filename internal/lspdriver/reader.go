package lspdriver

// This file is the two goroutines behind a session: the reader, which
// records and dispatches what the server says, and the waiter, which reaps
// the process.

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"
)

// read records every message until the stream ends or breaks.
func (s *Session) read(r *bufio.Reader) {
	defer close(s.drained)
	defer s.stdout.Close()
	for {
		body, err := readFrame(r)
		at := time.Now() // as soon as the body is in: the benchmark's clock
		if err == nil {
			var e envelope
			if e, err = decodeEnvelope(body); err == nil {
				s.deliver(at, e)
				continue
			}
		}
		if errors.Is(err, errProtocol) {
			s.fail(fmt.Errorf("%w%s", err, s.stderr.suffix()))
			// Keep reading so the server never blocks writing to us.
			_, _ = io.Copy(io.Discard, r)
		} else {
			s.fail(s.endError(err))
		}
		return
	}
}

// endError says why stdout ended: with the exit status once the server
// exited, which it normally does right after closing stdout.
func (s *Session) endError(err error) error {
	what := "the server closed its output"
	if err != io.EOF {
		what = fmt.Sprintf("reading from the server: %v", err)
	}
	select {
	case <-s.exited:
		return fmt.Errorf("%s: the server exited (%s)%s", what, s.state, s.stderr.suffix())
	case <-time.After(exitGrace):
		return fmt.Errorf("%s but is still running%s", what, s.stderr.suffix())
	}
}

// fail stops the session's recording: pending and later calls get err.
func (s *Session) fail(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.readErr == nil {
		s.readErr = err
		close(s.readDone)
	}
}

// deliver records one message, hands a response to its caller and answers
// a server request.
func (s *Session) deliver(at time.Time, e envelope) {
	m := Message{At: at, Method: e.Method, ID: e.ID, Params: e.Params, Result: e.Result, Error: e.Error}
	var caller chan Message
	s.mu.Lock()
	m.Index = len(s.msgs)
	s.msgs = append(s.msgs, m)
	s.taken = append(s.taken, false)
	close(s.grew)
	s.grew = make(chan struct{})
	if m.IsResponse() {
		var id int64
		if json.Unmarshal(m.ID, &id) == nil {
			caller = s.pending[id]
			delete(s.pending, id)
		}
	}
	s.mu.Unlock()
	if caller != nil {
		caller <- m // buffered: never blocks
	}
	if m.IsRequest() {
		// Answered off the reader, so that a slow write can never delay
		// the timestamps of the messages behind it.
		go s.answer(m)
	}
}

func (s *Session) answer(m Message) {
	result, rpcErr := reply(m, s.folders)
	resp := response{JSONRPC: "2.0", ID: m.ID, Error: rpcErr}
	if rpcErr == nil {
		raw, err := json.Marshal(result)
		if err != nil {
			rpcErr = &RPCError{Code: codeInternalError, Message: err.Error()}
			resp.Error = rpcErr
		} else {
			resp.Result = raw
		}
	}
	body, err := json.Marshal(resp)
	if err != nil {
		return // cannot happen: every field is already JSON
	}
	_, _ = s.write(body) // fails only once the server is gone
}

// wait reaps the server.
func (s *Session) wait() {
	_ = s.cmd.Wait() // the status is in ProcessState
	s.state = s.cmd.ProcessState
	close(s.exited)
	// A child of the server that inherited its stdout could keep the pipe
	// open for ever: give the reader a moment, then cut the pipe.
	select {
	case <-s.drained:
	case <-time.After(drainGrace):
		s.stdout.Close()
	}
}
