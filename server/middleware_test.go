package server

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/workspace"
)

// faultyChecker injects faults into the checks once armed: it blocks until
// its context is cancelled, or panics.
type faultyChecker struct {
	block   atomic.Bool
	panics  atomic.Bool
	entered chan struct{}
}

func (f *faultyChecker) Run(ctx context.Context, snap *workspace.Snapshot, sel diagnostics.Selection, phase diagnostics.Phase) []diagnostics.Finding {
	switch {
	case f.panics.Load():
		panic("a check fell over")
	case f.block.Load():
		f.entered <- struct{}{}
		<-ctx.Done()
		return nil
	}
	return diagnostics.RunPhase(ctx, snap, sel, phase)
}

func TestCancelRequestWithANumericID(t *testing.T) {
	chk := &faultyChecker{entered: make(chan struct{}, 1)}
	// After the first diagnosis no other runs (debounce), so the report is
	// the only caller.
	c := startInitialized(t, testConfig{checker: chk, debounce: time.Hour})
	c.waitChecked("the first diagnosis", func(checkedParams) bool { return true })
	chk.block.Store(true)

	errc := make(chan error, 1)
	go func() {
		errc <- c.tryCall(context.Background(), protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, nil)
	}()
	select {
	case <-chk.entered:
	case <-time.After(waitLimit):
		t.Fatal("the report never ran the checks")
	}
	// The report's ID is the number of calls made so far. VS Code sends it
	// as a JSON number, which decodes to float64.
	c.notify(protocol.MethodCancelRequest, map[string]any{"id": float64(c.calls.Load())})
	select {
	case err := <-errc:
		if code := errorCode(t, err); code != protocol.CodeRequestCancelled {
			t.Errorf("code = %d, want %d (RequestCancelled)", code, protocol.CodeRequestCancelled)
		}
	case <-time.After(waitLimit):
		t.Fatal("the cancelled request was never answered")
	}

	chk.block.Store(false)
	var res explanation
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.explain", "arguments": []string{"gowork-missing-module"}}, &res)
	if res.ID != "gowork-missing-module" {
		t.Errorf("after a cancel, explain = %+v", res)
	}
}

func TestPanicInAHandlerIsAnErrorReply(t *testing.T) {
	chk := &faultyChecker{entered: make(chan struct{}, 1)}
	c := startInitialized(t, testConfig{checker: chk, debounce: time.Hour})
	c.waitChecked("the first diagnosis", func(checkedParams) bool { return true })
	chk.panics.Store(true)
	err := c.tryCall(context.Background(), protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, nil)
	if code := errorCode(t, err); code != jsonrpc2.InternalError {
		t.Errorf("code = %d, want %d (InternalError)", code, jsonrpc2.InternalError)
	}
	chk.panics.Store(false)
	var res reportResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, &res)
	if res.Markdown == "" {
		t.Error("no report after a panic")
	}
}

func TestParseID(t *testing.T) {
	for _, tc := range []struct {
		in   any
		want jsonrpc2.ID
		ok   bool
	}{
		{float64(7), jsonrpc2.NewNumberID(7), true},
		{7, jsonrpc2.NewNumberID(7), true},
		{json.Number("7"), jsonrpc2.NewNumberID(7), true},
		{"abc", jsonrpc2.NewStringID("abc"), true},
		{7.5, jsonrpc2.ID{}, false},
		{float64(1 << 40), jsonrpc2.ID{}, false},
		{nil, jsonrpc2.ID{}, false},
	} {
		got, ok := parseID(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseID(%#v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
