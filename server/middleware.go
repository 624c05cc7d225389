package server

// This file is the one middleware every message goes through: our own
// $/cancelRequest (protocol.CancelHandler never matches the float64 IDs the
// decoder yields), exit, ordering, the initialize-first guard, per-method logging,
// panic recovery, and the mapping of errors to JSON-RPC codes.
//
// Ordering: jsonrpc2 calls handle on its read loop, which must never block
// (responses to our own calls to the client arrive on that loop). So handle
// only takes the message's turn and starts a goroutine. Each message waits for
// the previous one to finish or to release its turn early (request.release),
// like jsonrpc2.AsyncHandler but with the release in our hands — so
// executeCommand can let the client's didChange notifications through while
// it waits for the reply to its workspace/applyEdit. $/cancelRequest is
// handled on the read loop itself, so it never queues behind the request it
// cancels.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"
)

// request is one incoming message on its way to a handler.
type request struct {
	method string
	params json.RawMessage
	id     jsonrpc2.ID
	isCall bool
	// release lets the next message start before this one replies.
	release func()
}

// decode unmarshals the params; a failure is an InvalidParams error.
func (r *request) decode(v any) error {
	if len(r.params) == 0 {
		return nil
	}
	if err := json.Unmarshal(r.params, v); err != nil {
		return fmt.Errorf("%w: %s: %v", jsonrpc2.ErrInvalidParams, r.method, err)
	}
	return nil
}

// handle runs on jsonrpc2's read loop: it must not block.
func (s *server) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	switch req.Method() {
	case protocol.MethodCancelRequest:
		s.cancelRequest(req.Params())
		return nil
	case protocol.MethodShutdown:
		s.shutdownAsked.Store(true)
	case protocol.MethodExit:
		// Here rather than in turn: exit means now, and Serve must know of
		// it before it sees the connection close right after.
		s.exitOnce.Do(func() { close(s.exited) })
		return nil
	}
	r := &request{method: req.Method(), params: json.RawMessage(req.Params())}
	ctx, cancel := context.WithCancel(ctx)
	if call, ok := req.(*jsonrpc2.Call); ok {
		r.id, r.isCall = call.ID(), true
		s.inflightMu.Lock()
		s.inflight[r.id] = cancel
		s.inflightMu.Unlock()
	}
	prev, mine := s.tail, make(chan struct{})
	s.tail = mine
	r.release = sync.OnceFunc(func() { close(mine) })

	started := s.goBackground(func() {
		defer cancel()
		defer r.release()
		select {
		case <-prev:
		case <-s.ctx.Done():
			return // the connection is gone; nobody to answer
		}
		s.run(ctx, reply, r)
	})
	if !started {
		cancel()
		r.release()
	}
	return nil
}

// run dispatches r and replies to it.
func (s *server) run(ctx context.Context, reply jsonrpc2.Replier, r *request) {
	start := time.Now()
	result, err := s.dispatch(ctx, r)
	if r.isCall {
		s.inflightMu.Lock()
		delete(s.inflight, r.id)
		s.inflightMu.Unlock()
		err = s.wireError(ctx, err)
		// Reply with the connection's context: the request's may be
		// cancelled, and the stream would then not write the reply at all.
		if rerr := reply(s.ctx, result, err); rerr != nil && s.ctx.Err() == nil {
			s.log.Warn("cannot reply", zap.String("method", r.method), zap.Error(rerr))
		}
	} else if err != nil && s.ctx.Err() == nil {
		s.log.Warn("notification failed", zap.String("method", r.method), zap.Error(err))
	}
	r.release()
	if ce := s.log.Check(zap.DebugLevel, "handled"); ce != nil {
		fields := []zap.Field{zap.String("method", r.method), zap.Duration("duration", time.Since(start))}
		if r.isCall {
			fields = append(fields, zap.String("id", fmt.Sprint(r.id)))
		}
		if err != nil {
			fields = append(fields, zap.Error(err))
		}
		ce.Write(fields...)
	}
}

// dispatch applies the lifecycle guard, finds the handler and runs it,
// turning a panic into an error so the server keeps serving.
func (s *server) dispatch(ctx context.Context, r *request) (result any, err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("handler panicked", zap.String("method", r.method), zap.Any("panic", p), zap.Stack("stack"))
			result, err = nil, fmt.Errorf("%w: gomend failed while handling %s: %v", jsonrpc2.ErrInternal, r.method, p)
		}
	}()
	if ctx.Err() != nil {
		return nil, ctx.Err() // cancelled while waiting for its turn
	}
	s.mu.Lock()
	ph := s.state.phase
	s.mu.Unlock()
	switch {
	case r.method == protocol.MethodInitialize && ph != uninitialized:
		return nil, fmt.Errorf("%w: initialize was already called", jsonrpc2.ErrInvalidRequest)
	case ph == uninitialized && r.method != protocol.MethodInitialize:
		if !r.isCall {
			return nil, nil // notifications before initialize are dropped, per the spec
		}
		return nil, jsonrpc2.Errorf(jsonrpc2.ServerNotInitialized, "the first request must be %q, not %q", protocol.MethodInitialize, r.method)
	case ph == shutDown:
		if !r.isCall {
			return nil, nil
		}
		return nil, fmt.Errorf("%w: the server is shut down; only exit is accepted", jsonrpc2.ErrInvalidRequest)
	}
	h := handlers[r.method]
	if h == nil {
		if !r.isCall {
			return nil, nil // unknown notifications, $/… included, are ignored
		}
		return nil, fmt.Errorf("%w: %q", jsonrpc2.ErrMethodNotFound, r.method)
	}
	return h(s, ctx, r)
}

// wireError gives err a JSON-RPC code: RequestCancelled when the client
// cancelled the request, the code of a wrapped *jsonrpc2.Error (keeping the
// whole message — jsonrpc2 itself would keep only the inner one), else
// InternalError.
func (s *server) wireError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if ctx.Err() != nil && s.ctx.Err() == nil {
		return protocol.ErrRequestCancelled
	}
	var je *jsonrpc2.Error
	if errors.As(err, &je) {
		if je == err {
			return je
		}
		return &jsonrpc2.Error{Code: je.Code, Message: err.Error()}
	}
	return &jsonrpc2.Error{Code: jsonrpc2.InternalError, Message: err.Error()}
}

// cancelRequest cancels the context of the request named by a
// $/cancelRequest. Unknown IDs (already answered) are ignored.
func (s *server) cancelRequest(params json.RawMessage) {
	var p cancelParams
	if err := json.Unmarshal(params, &p); err != nil {
		s.log.Debug("malformed $/cancelRequest", zap.Error(err))
		return
	}
	var raw any
	_ = json.Unmarshal(p.ID, &raw)
	id, ok := parseID(raw)
	if !ok {
		s.log.Debug("$/cancelRequest with an unusable id", zap.ByteString("id", p.ID))
		return
	}
	s.inflightMu.Lock()
	cancel := s.inflight[id]
	s.inflightMu.Unlock()
	if cancel != nil {
		s.log.Debug("cancelling", zap.String("id", fmt.Sprint(id)))
		cancel()
	}
}

// parseID turns a decoded request ID into jsonrpc2's: a number (float64 as
// JSON decoders give it, an int, or a json.Number) or a string.
func parseID(v any) (jsonrpc2.ID, bool) {
	switch x := v.(type) {
	case float64:
		if x != math.Trunc(x) || x < math.MinInt32 || x > math.MaxInt32 {
			return jsonrpc2.ID{}, false
		}
		return jsonrpc2.NewNumberID(int32(x)), true
	case int:
		if x < math.MinInt32 || x > math.MaxInt32 {
			return jsonrpc2.ID{}, false
		}
		return jsonrpc2.NewNumberID(int32(x)), true
	case json.Number:
		n, err := x.Int64()
		if err != nil || n < math.MinInt32 || n > math.MaxInt32 {
			return jsonrpc2.ID{}, false
		}
		return jsonrpc2.NewNumberID(int32(n)), true
	case string:
		return jsonrpc2.NewStringID(x), true
	}
	return jsonrpc2.ID{}, false
}
