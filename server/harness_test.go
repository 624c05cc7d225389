package server

// The wire-test harness: the real server over net.Pipe with a real jsonrpc2
// client that records published diagnostics, answers registerCapability, and
// answers workspace/applyEdit by applying the edit to the files on disk.
// Tests wait for notifications with a deadline; they never sleep.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap/zaptest"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/testfiles"
)

// waitLimit bounds every wait; a correct server answers in milliseconds.
const waitLimit = 20 * time.Second

// vscodeCaps are the client capabilities that matter, as VS Code sends them.
var vscodeCaps = map[string]any{
	"workspace": map[string]any{
		"workspaceEdit":         map[string]any{"documentChanges": true, "resourceOperations": []string{"create", "rename", "delete"}},
		"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true},
		"workspaceFolders":      true,
		"configuration":         true,
	},
	"textDocument": map[string]any{
		"publishDiagnostics": map[string]any{"relatedInformation": true, "versionSupport": true, "codeDescriptionSupport": true, "dataSupport": true},
	},
}

// plainCaps are a minimal client's: no documentChanges, no dynamic registration.
var plainCaps = map[string]any{}

type testConfig struct {
	files   map[string]string // relative path → content, written under root
	caps    map[string]any    // nil: vscodeCaps
	checker checker           // nil: the real checks
	// debounce is the server's; 0 means 5ms. A test that must know who
	// runs the checks sets it beyond the test's life: no diagnosis runs.
	debounce time.Duration
	// folders are the workspace folders, relative to the root; nil: the root.
	folders []string
	// progressDelay is the server's (0: its default).
	progressDelay time.Duration
	// runner runs the go command (nil: the checks that need it are skipped).
	runner gocmd.Runner
	// env is the server's environment (nil: a PATH with a stand-in go).
	env map[string]string
}

type testClient struct {
	t       *testing.T
	conn    jsonrpc2.Conn
	root    string
	caps    map[string]any
	folders []string
	calls   atomic.Int32 // Calls made; jsonrpc2 numbers them 1, 2, 3… so this is the last ID
	decline atomic.Bool  // answer workspace/applyEdit with applied: false
	// askFirst makes the client, before answering workspace/applyEdit,
	// send a request of its own and wait for its answer (as an editor may
	// send didChange and codeAction while it applies an edit).
	askFirst atomic.Bool
	serve    chan error

	mu            sync.Mutex
	diags         map[string][]diagnostic // the latest list per URI
	versions      map[string]*int32
	changed       chan struct{} // closed and replaced on every publish
	applyEdits    int
	createOps     int
	registrations []protocol.Registration
	checked       []checkedParams // every gomend/checked notification, in order
	messages      []string        // "window/showMessage: text", "window/logMessage: text"
	// progress is every window/workDoneProgress/create token ("create
	// TOKEN") and $/progress value ("TOKEN KIND"), in order.
	progress []string
	// onProgress, if set before initialize, sees every $/progress value
	// (called with c.mu held).
	onProgress func(progressValue)
}

// start writes the files and runs the server, not yet initialized.
func start(t *testing.T, cfg testConfig) *testClient {
	t.Helper()
	root := t.TempDir()
	testfiles.Write(t, root, cfg.files)
	if cfg.caps == nil {
		cfg.caps = vscodeCaps
	}
	if cfg.checker == nil {
		cfg.checker = registryChecker{}
	}
	serverSide, clientSide := net.Pipe()
	c := &testClient{
		t: t, root: root, caps: cfg.caps, folders: cfg.folders, serve: make(chan error, 1),
		diags: map[string][]diagnostic{}, versions: map[string]*int32{}, changed: make(chan struct{}),
	}
	if cfg.debounce == 0 {
		cfg.debounce = 5 * time.Millisecond
	}
	env := cfg.env
	if env == nil {
		env = map[string]string{"PATH": fakeGo(t)}
	}
	opts := Options{Logger: zaptest.NewLogger(t), Env: env, Debounce: cfg.debounce, ProgressDelay: cfg.progressDelay, Runner: cfg.runner}
	go func() { c.serve <- serve(context.Background(), serverSide, opts, cfg.checker) }()
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewStream(clientSide))
	c.conn.Go(context.Background(), c.handle)
	t.Cleanup(func() {
		c.conn.Close()
		select {
		case <-c.serve:
		case <-time.After(waitLimit):
			t.Error("Serve did not return after the connection closed")
		}
	})
	return c
}

// startInitialized starts the server and initializes it on the root folder.
func startInitialized(t *testing.T, cfg testConfig) *testClient {
	c := start(t, cfg)
	c.initialize(nil)
	return c
}

// fakeGo is a PATH directory holding a go (never run: the checks only look
// for it), so the server sees a machine with Go installed.
func fakeGo(t *testing.T) string {
	t.Helper()
	sdk := t.TempDir()
	testfiles.Write(t, sdk, map[string]string{"VERSION": "go1.26.8\n", "bin/go": "#!/bin/sh\n"})
	if err := os.Chmod(filepath.Join(sdk, "bin", "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(sdk, "bin")
}

func (c *testClient) path(rel string) string { return filepath.Join(c.root, filepath.FromSlash(rel)) }
func (c *testClient) uri(rel string) string  { return hostfs.PathToURI(c.path(rel)) }

func (c *testClient) read(rel string) string {
	c.t.Helper()
	data, err := os.ReadFile(c.path(rel))
	if err != nil {
		c.t.Fatal(err)
	}
	return string(data)
}

// initialize sends initialize (on the root folder) and initialized.
func (c *testClient) initialize(options map[string]any) initializeResult {
	c.t.Helper()
	if options == nil {
		// The tests name modules in Chinese on purpose (UTF-16 columns):
		// path-special-chars's hint on them would be in every list.
		// Trusted, but the default harness has no go command runner: the
		// checks that need one are skipped unless a test brings one.
		options = map[string]any{"trusted": true, "locale": "en", "checks": []string{"-path-special-chars"}}
	}
	folders := []map[string]string{}
	for _, rel := range c.folders {
		folders = append(folders, map[string]string{"uri": c.uri(rel), "name": rel})
	}
	if c.folders == nil {
		folders = append(folders, map[string]string{"uri": c.uri(""), "name": filepath.Base(c.root)})
	}
	var res initializeResult
	c.call(protocol.MethodInitialize, map[string]any{
		"processId":             nil,
		"rootUri":               c.uri(""),
		"workspaceFolders":      folders,
		"capabilities":          c.caps,
		"initializationOptions": options,
	}, &res)
	c.notify(protocol.MethodInitialized, map[string]any{})
	return res
}

// call makes a request that must succeed.
func (c *testClient) call(method string, params, result any) {
	c.t.Helper()
	if err := c.tryCall(context.Background(), method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *testClient) tryCall(ctx context.Context, method string, params, result any) error {
	c.calls.Add(1)
	ctx, cancel := context.WithTimeout(ctx, waitLimit)
	defer cancel()
	_, err := c.conn.Call(ctx, method, params, result)
	return err
}

func (c *testClient) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// errorCode returns the JSON-RPC code of a failed call.
func errorCode(t *testing.T, err error) jsonrpc2.Code {
	t.Helper()
	var je *jsonrpc2.Error
	if !errors.As(err, &je) {
		t.Fatalf("want a JSON-RPC error, got %v", err)
	}
	return je.Code
}

// handle is the client side: it runs on the client's read loop.
func (c *testClient) handle(ctx context.Context, reply jsonrpc2.Replier, req jsonrpc2.Request) error {
	switch req.Method() {
	case protocol.MethodTextDocumentPublishDiagnostics:
		var p publishDiagnosticsParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad publishDiagnostics: %v", err)
			return reply(ctx, nil, nil)
		}
		if p.Diagnostics == nil {
			c.t.Errorf("publishDiagnostics for %s sent null, not a list", p.URI)
		}
		c.mu.Lock()
		c.diags[p.URI] = p.Diagnostics
		c.versions[p.URI] = p.Version
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		return reply(ctx, nil, nil)
	case methodChecked:
		var p checkedParams
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad %s: %v", methodChecked, err)
		}
		c.mu.Lock()
		c.checked = append(c.checked, p)
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		return reply(ctx, nil, nil)
	case methodProgressCreate, methodProgress:
		var p struct {
			Token any           `json:"token"`
			Value progressValue `json:"value"`
		}
		if err := json.Unmarshal(req.Params(), &p); err != nil {
			c.t.Errorf("bad %s: %v", req.Method(), err)
		}
		c.mu.Lock()
		if req.Method() == methodProgressCreate {
			c.progress = append(c.progress, fmt.Sprintf("create %v", p.Token))
		} else {
			c.progress = append(c.progress, fmt.Sprintf("%v %s", p.Token, p.Value.Kind))
			if c.onProgress != nil {
				c.onProgress(p.Value)
			}
		}
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		return reply(ctx, nil, nil)
	case protocol.MethodWindowShowMessage, protocol.MethodWindowLogMessage:
		var p struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.messages = append(c.messages, req.Method()+": "+p.Message)
		close(c.changed)
		c.changed = make(chan struct{})
		c.mu.Unlock()
		return reply(ctx, nil, nil)
	case protocol.MethodClientRegisterCapability:
		var p protocol.RegistrationParams
		_ = json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.registrations = append(c.registrations, p.Registrations...)
		c.mu.Unlock()
		return reply(ctx, nil, nil)
	case protocol.MethodWorkspaceApplyEdit:
		var p struct {
			Edit json.RawMessage `json:"edit"`
		}
		_ = json.Unmarshal(req.Params(), &p)
		c.mu.Lock()
		c.applyEdits++
		c.mu.Unlock()
		if c.askFirst.Load() {
			go func() {
				err := c.tryCall(ctx, protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.explain", "arguments": []string{"gomod-syntax"}}, nil)
				if err != nil {
					reply(ctx, nil, err)
					return
				}
				if err := c.applyEdit(p.Edit); err != nil {
					reply(ctx, protocol.ApplyWorkspaceEditResponse{Applied: false, FailureReason: err.Error()}, nil)
					return
				}
				reply(ctx, protocol.ApplyWorkspaceEditResponse{Applied: true}, nil)
			}()
			return nil
		}
		if c.decline.Load() {
			return reply(ctx, protocol.ApplyWorkspaceEditResponse{Applied: false, FailureReason: "the user said no"}, nil)
		}
		if err := c.applyEdit(p.Edit); err != nil {
			return reply(ctx, protocol.ApplyWorkspaceEditResponse{Applied: false, FailureReason: err.Error()}, nil)
		}
		return reply(ctx, protocol.ApplyWorkspaceEditResponse{Applied: true}, nil)
	}
	return reply(ctx, nil, jsonrpc2.ErrMethodNotFound)
}

// wireEdit reads a WorkspaceEdit in either form; a documentChanges element
// is a resource operation (kind set) or a TextDocumentEdit.
type wireEdit struct {
	Changes         map[string][]fix.TextEdit `json:"changes"`
	DocumentChanges []struct {
		Kind         string `json:"kind"`
		URI          string `json:"uri"`
		TextDocument struct {
			URI     string `json:"uri"`
			Version *int32 `json:"version"`
		} `json:"textDocument"`
		Edits []fix.TextEdit `json:"edits"`
	} `json:"documentChanges"`
}

// applyEdit applies a WorkspaceEdit to the files on disk, as an editor does.
func (c *testClient) applyEdit(raw json.RawMessage) error {
	var we wireEdit
	if err := json.Unmarshal(raw, &we); err != nil {
		return err
	}
	for uri, edits := range we.Changes {
		if err := editFile(uri, edits, false); err != nil {
			return err
		}
	}
	for _, dc := range we.DocumentChanges {
		switch dc.Kind {
		case "create":
			c.mu.Lock()
			c.createOps++
			c.mu.Unlock()
			path, err := hostfs.URIToPath(dc.URI)
			if err != nil {
				return err
			}
			f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o644)
			if err != nil {
				return err
			}
			f.Close()
		case "":
			if err := editFile(dc.TextDocument.URI, dc.Edits, true); err != nil {
				return err
			}
		default:
			return errors.New("unexpected resource operation " + dc.Kind)
		}
	}
	return nil
}

// editFile applies edits to a file; mustExist is how a strict editor treats
// a TextDocumentEdit of a file that is not there.
func editFile(uri string, edits []fix.TextEdit, mustExist bool) error {
	path, err := hostfs.URIToPath(uri)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(path)
	if err != nil && (mustExist || !os.IsNotExist(err)) {
		return err
	}
	out, err := fix.Apply(data, edits)
	if err != nil {
		return err
	}
	return os.WriteFile(path, out, 0o644)
}

// waitDiagnostics waits until the latest list published for rel satisfies ok.
func (c *testClient) waitDiagnostics(rel, what string, ok func([]diagnostic) bool) []diagnostic {
	c.t.Helper()
	uri := c.uri(rel)
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		d, seen := c.diags[uri]
		ch := c.changed
		c.mu.Unlock()
		if seen && ok(d) {
			return d
		}
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for %s on %s; last published: %+v", what, rel, d)
		}
	}
}

// waitCheck waits for a diagnostic of check on rel, and returns it.
func (c *testClient) waitCheck(rel, check string) diagnostic {
	c.t.Helper()
	var found diagnostic
	c.waitDiagnostics(rel, check, func(ds []diagnostic) bool {
		for _, d := range ds {
			if d.Code == check {
				found = d
				return true
			}
		}
		return false
	})
	return found
}

// waitClear waits for rel's diagnostics to be published as an empty list.
func (c *testClient) waitClear(rel string) {
	c.t.Helper()
	c.waitDiagnostics(rel, "an empty list", func(ds []diagnostic) bool { return len(ds) == 0 })
}

// rawDiagnostic is d as the client would send it back in a codeAction.
func rawDiagnostic(t *testing.T, d diagnostic) json.RawMessage {
	t.Helper()
	data, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// watched tells the server that files changed on disk, as a file watcher does.
func (c *testClient) watched(kind protocol.FileChangeType, rels ...string) {
	c.t.Helper()
	var changes []map[string]any
	for _, rel := range rels {
		changes = append(changes, map[string]any{"uri": c.uri(rel), "type": kind})
	}
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, map[string]any{"changes": changes})
}

// counts returns how many applyEdit requests and create operations arrived.
func (c *testClient) counts() (applyEdits, createOps int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.applyEdits, c.createOps
}
