package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap/zaptest"
)

func TestInitializeAnswersCapabilities(t *testing.T) {
	c := start(t, testConfig{})
	res := c.initialize(nil)
	caps := res.Capabilities
	if caps.TextDocumentSync.Change != protocol.TextDocumentSyncKindIncremental || !caps.TextDocumentSync.OpenClose {
		t.Errorf("textDocumentSync = %+v, want incremental with openClose", caps.TextDocumentSync)
	}
	if !slices.Equal(caps.CodeActionProvider.CodeActionKinds, []protocol.CodeActionKind{"quickfix", "source.fixAll.gomend"}) {
		t.Errorf("codeActionKinds = %v", caps.CodeActionProvider.CodeActionKinds)
	}
	if !slices.Equal(caps.ExecuteCommandProvider.Commands, []string{"gomend.repairWorkspace", "gomend.explain", "gomend.report", "gomend.runGo", "gomend.analyzeTrace"}) {
		t.Errorf("commands = %v", caps.ExecuteCommandProvider.Commands)
	}
	if !caps.Workspace.WorkspaceFolders.Supported || caps.Workspace.WorkspaceFolders.ChangeNotifications != true {
		t.Errorf("workspaceFolders = %+v", caps.Workspace.WorkspaceFolders)
	}
	if res.ServerInfo.Name != "gomend" || res.ServerInfo.Version == "" {
		t.Errorf("serverInfo = %+v", res.ServerInfo)
	}
}

func TestWatchersRegisteredOnlyWhenTheClientCan(t *testing.T) {
	for _, tc := range []struct {
		name string
		caps map[string]any
		want bool
	}{{"vscode", vscodeCaps, true}, {"plain", plainCaps, false}} {
		t.Run(tc.name, func(t *testing.T) {
			c := startInitialized(t, testConfig{caps: tc.caps})
			// initialized registers in its turn, so once a later request
			// is answered the registration has arrived, or never will.
			c.call(protocol.MethodShutdown, nil, nil)
			c.mu.Lock()
			regs := c.registrations
			c.mu.Unlock()
			if !tc.want {
				if len(regs) != 0 {
					t.Errorf("registered %v with a client that cannot", regs)
				}
				return
			}
			if len(regs) != 1 || regs[0].Method != protocol.MethodWorkspaceDidChangeWatchedFiles {
				t.Fatalf("registrations = %+v", regs)
			}
			data, _ := json.Marshal(regs[0].RegisterOptions)
			for _, glob := range watchedGlobs {
				if !strings.Contains(string(data), strconv.Quote(glob)) {
					t.Errorf("watchers %s lack %s", data, glob)
				}
			}
		})
	}
}

func TestRequestBeforeInitializeIsAnError(t *testing.T) {
	c := start(t, testConfig{})
	err := c.tryCall(context.Background(), protocol.MethodShutdown, nil, nil)
	if code := errorCode(t, err); code != jsonrpc2.ServerNotInitialized {
		t.Errorf("code = %d, want %d", code, jsonrpc2.ServerNotInitialized)
	}
	c.initialize(nil) // and the server still serves
	err = c.tryCall(context.Background(), protocol.MethodInitialize, map[string]any{"capabilities": map[string]any{}}, nil)
	if code := errorCode(t, err); code != jsonrpc2.InvalidRequest {
		t.Errorf("second initialize: code = %d, want %d", code, jsonrpc2.InvalidRequest)
	}
}

func TestUnknownMethodIsMethodNotFound(t *testing.T) {
	c := startInitialized(t, testConfig{})
	err := c.tryCall(context.Background(), "textDocument/hover", map[string]any{}, nil)
	if code := errorCode(t, err); code != jsonrpc2.MethodNotFound {
		t.Errorf("code = %d, want %d", code, jsonrpc2.MethodNotFound)
	}
	c.notify("$/somethingNew", map[string]any{}) // ignored
	c.call(protocol.MethodShutdown, nil, nil)
}

func TestShutdownThenExitReturnsNil(t *testing.T) {
	c := startInitialized(t, testConfig{})
	c.call(protocol.MethodShutdown, nil, nil)
	err := c.tryCall(context.Background(), protocol.MethodTextDocumentCodeAction, map[string]any{}, nil)
	if code := errorCode(t, err); code != jsonrpc2.InvalidRequest {
		t.Errorf("request after shutdown: code = %d, want %d", code, jsonrpc2.InvalidRequest)
	}
	c.notify(protocol.MethodExit, nil)
	if err := waitServe(t, c); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
}

// TestExitThenCloseReturnsNil: an editor closes our stdin right after
// sending exit; that is still a clean exit.
func TestExitThenCloseReturnsNil(t *testing.T) {
	c := startInitialized(t, testConfig{})
	c.call(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	c.conn.Close()
	if err := waitServe(t, c); err != nil {
		t.Errorf("Serve = %v, want nil", err)
	}
}

func TestExitWithoutShutdownIsAnError(t *testing.T) {
	c := startInitialized(t, testConfig{})
	c.notify(protocol.MethodExit, nil)
	if err := waitServe(t, c); !errors.Is(err, errExitBeforeShutdown) {
		t.Errorf("Serve = %v, want %v", err, errExitBeforeShutdown)
	}
}

func TestClosedConnectionEndsServe(t *testing.T) {
	c := startInitialized(t, testConfig{files: map[string]string{"go.mod": "module m\n\ngo 1.22\n"}})
	c.conn.Close()
	if err := waitServe(t, c); err == nil {
		t.Error("Serve = nil after the connection closed without shutdown")
	}
}

func waitServe(t *testing.T, c *testClient) error {
	t.Helper()
	select {
	case err := <-c.serve:
		c.serve <- err // for the cleanup
		return err
	case <-time.After(waitLimit):
		t.Fatal("Serve did not return")
		return nil
	}
}

// TestGarbageGetsAnErrorAndServingGoesOn talks raw JSON-RPC: a frame whose
// body is not JSON gets a ParseError reply with a null id, one that is
// JSON but not JSON-RPC gets InvalidRequest with its id, and the next
// request is served.
func TestGarbageGetsAnErrorAndServingGoesOn(t *testing.T) {
	serverSide, clientSide := net.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- serve(context.Background(), serverSide, Options{Logger: zaptest.NewLogger(t)}, registryChecker{})
	}()
	t.Cleanup(func() {
		clientSide.Close()
		<-done
	})
	clientSide.SetDeadline(time.Now().Add(waitLimit))
	in := bufio.NewReader(clientSide)
	send := func(body string) {
		t.Helper()
		if _, err := fmt.Fprintf(clientSide, "Content-Length: %d\r\n\r\n%s", len(body), body); err != nil {
			t.Fatal(err)
		}
	}

	send(`{"jsonrpc": "2.0", "id": 1, "method": `)
	if resp := readFrame(t, in); string(resp.ID) != "null" || resp.Error == nil || resp.Error.Code != jsonrpc2.ParseError {
		t.Errorf("reply to invalid JSON = %+v, want a ParseError with a null id", resp)
	}
	send(`{"jsonrpc": "1.0", "id": 7, "method": "initialize"}`)
	if resp := readFrame(t, in); string(resp.ID) != "7" || resp.Error == nil || resp.Error.Code != jsonrpc2.InvalidRequest {
		t.Errorf("reply to a JSON-RPC 1.0 request = %+v, want InvalidRequest for id 7", resp)
	}
	send(`{"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}}}`)
	resp := readFrame(t, in)
	if string(resp.ID) != "2" || resp.Error != nil || !strings.Contains(string(resp.Result), `"gomend"`) {
		t.Errorf("initialize after garbage = %+v %s", resp, resp.Result)
	}
}

type rawResponse struct {
	ID     json.RawMessage `json:"id"`
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Code    jsonrpc2.Code `json:"code"`
		Message string        `json:"message"`
	} `json:"error"`
}

func readFrame(t *testing.T, in *bufio.Reader) rawResponse {
	t.Helper()
	length := 0
	for {
		line, err := in.ReadString('\n')
		if err != nil {
			t.Fatalf("reading a reply: %v", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Content-Length:"); ok {
			length, _ = strconv.Atoi(strings.TrimSpace(v))
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(in, body); err != nil {
		t.Fatal(err)
	}
	var resp rawResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatalf("reply %s: %v", body, err)
	}
	return resp
}
