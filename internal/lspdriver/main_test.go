package lspdriver

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sync"
	"testing"

	"github.com/gomend/gomend/internal/hostfs"
)

// The test binary doubles as a fake language server: a test runs it again
// with LSPDRIVER_FAKE set to the behaviour it wants.
func TestMain(m *testing.M) {
	if mode := os.Getenv("LSPDRIVER_FAKE"); mode != "" {
		runFake(mode)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeEnv is the environment that makes the test binary a fake server.
// Under -race a process exiting 0 otherwise sleeps a second first.
func fakeEnv(mode string, extra ...string) []string {
	return append(append(os.Environ(), "LSPDRIVER_FAKE="+mode, "GORACE=atexit_sleep_ms=0"), extra...)
}

// fakeServer speaks just enough LSP to script one scenario. Any surprise
// ends it with status 4 and a reason on stderr, which the test shows.
type fakeServer struct {
	r *bufio.Reader
	w io.Writer
}

func (f *fakeServer) die(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "fake: "+format+"\n", args...)
	os.Exit(4)
}

func (f *fakeServer) recv() envelope {
	body, err := readFrame(f.r)
	if err != nil {
		f.die("reading: %v", err)
	}
	e, err := decodeEnvelope(body)
	if err != nil {
		f.die("%v", err)
	}
	return e
}

func (f *fakeServer) send(v any) {
	body, err := json.Marshal(v)
	if err != nil {
		f.die("encoding: %v", err)
	}
	if err := writeFrame(f.w, body); err != nil {
		f.die("writing: %v", err)
	}
}

func (f *fakeServer) notify(method string, params any) {
	f.send(map[string]any{"jsonrpc": "2.0", "method": method, "params": params})
}

// ask sends a request and returns the client's response to it.
func (f *fakeServer) ask(id any, method string, params any) envelope {
	f.send(map[string]any{"jsonrpc": "2.0", "id": id, "method": method, "params": params})
	want, _ := json.Marshal(id)
	for {
		e := f.recv()
		if e.Method == "" && bytes.Equal(e.ID, want) {
			return e
		}
	}
}

// handshake answers initialize (returning its params) and reads initialized.
func (f *fakeServer) handshake() json.RawMessage {
	init := f.recv()
	if init.Method != "initialize" {
		f.die("first message is %q, not initialize", init.Method)
	}
	f.send(map[string]any{"jsonrpc": "2.0", "id": init.ID, "result": map[string]any{
		"capabilities": map[string]any{}, "serverInfo": map[string]any{"name": "fake"},
	}})
	if e := f.recv(); e.Method != "initialized" {
		f.die("second message is %q, not initialized", e.Method)
	}
	return init.Params
}

// serveShutdown answers shutdown and exits on exit, as a server must.
func (f *fakeServer) serveShutdown() {
	shutdown := false
	for {
		e := f.recv()
		switch e.Method {
		case "shutdown":
			shutdown = true
			f.send(map[string]any{"jsonrpc": "2.0", "id": e.ID, "result": nil})
		case "exit":
			if !shutdown {
				f.die("exit before shutdown")
			}
			os.Exit(0)
		}
	}
}

func runFake(mode string) {
	f := &fakeServer{r: bufio.NewReader(os.Stdin), w: os.Stdout}
	switch mode {
	case "exit":
		fmt.Fprintln(os.Stderr, "fake: exiting on purpose")
		os.Exit(3)
	case "garbage":
		io.WriteString(os.Stdout, "Content-Length: 5\r\n\r\nhello")
		io.Copy(io.Discard, os.Stdin)
	case "silent":
		io.Copy(io.Discard, os.Stdin)
	case "die":
		f.handshake()
		f.notify("fake/ready", map[string]any{})
		fmt.Fprintln(os.Stderr, "fake: dying after the handshake")
		os.Exit(5)
	case "late-garbage":
		f.handshake()
		io.WriteString(os.Stdout, "Content-Length: 2\r\n\r\n[]")
		io.Copy(io.Discard, os.Stdin)
	case "progress":
		runProgressFake(f)
	default:
		f.die("unknown mode %q", mode)
	}
}

// runProgressFake checks the client's initialize and its answers to server
// requests, then reports progress and publishes diagnostics like gopls.
func runProgressFake(f *fakeServer) {
	root := os.Getenv("LSPDRIVER_ROOT")
	var init struct {
		ProcessID  int `json:"processId"`
		ClientInfo struct {
			Name string `json:"name"`
		} `json:"clientInfo"`
		RootURI          string            `json:"rootUri"`
		WorkspaceFolders []workspaceFolder `json:"workspaceFolders"`
		Capabilities     struct {
			Window struct {
				WorkDoneProgress bool `json:"workDoneProgress"`
			} `json:"window"`
			Workspace struct {
				Configuration bool `json:"configuration"`
			} `json:"workspace"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(f.handshake(), &init); err != nil {
		f.die("initialize params: %v", err)
	}
	switch {
	case init.ProcessID != os.Getppid():
		f.die("processId %d, want the client's %d", init.ProcessID, os.Getppid())
	case init.ClientInfo.Name != clientName:
		f.die("clientInfo.name %q", init.ClientInfo.Name)
	case init.RootURI != hostfs.PathToURI(root):
		f.die("rootUri %q, want %q", init.RootURI, hostfs.PathToURI(root))
	case len(init.WorkspaceFolders) != 1 || init.WorkspaceFolders[0].URI != hostfs.PathToURI(root):
		f.die("workspaceFolders %+v", init.WorkspaceFolders)
	case !init.Capabilities.Window.WorkDoneProgress || !init.Capabilities.Workspace.Configuration:
		f.die("capabilities %+v", init.Capabilities)
	}

	if e := f.ask("cfg", "workspace/configuration", map[string]any{
		"items": []any{map[string]any{"section": "gopls"}, map[string]any{"section": "go"}},
	}); e.Error != nil || string(e.Result) != "[{},{}]" {
		f.die("workspace/configuration answered %s %v", e.Result, e.Error)
	}
	if e := f.ask(7, "fake/unknown", nil); e.Error == nil || e.Error.Code != codeMethodNotFound {
		f.die("fake/unknown answered %s %v", e.Result, e.Error)
	}
	if e := f.ask("c1", "window/workDoneProgress/create", map[string]any{"token": 42}); e.Error != nil || string(e.Result) != "null" {
		f.die("workDoneProgress/create answered %q %v", e.Result, e.Error)
	}
	progress := func(value map[string]any) { f.notify("$/progress", map[string]any{"token": 42, "value": value}) }
	progress(map[string]any{"kind": "begin", "title": "Setting up workspace", "message": "Loading packages..."})
	progress(map[string]any{"kind": "report", "message": "half", "percentage": 50})
	progress(map[string]any{"kind": "end", "message": "Finished loading packages."})
	f.notify("textDocument/publishDiagnostics", map[string]any{"uri": hostfs.PathToURI(root) + "/go.mod", "diagnostics": []any{}})
	f.serveShutdown()
}

// syncBuffer is a bytes.Buffer for a server's stderr, read by the test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
