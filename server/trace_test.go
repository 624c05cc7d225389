package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"
)

// traceFixture is a real gopls trace, cut (corpus scenario 09a: GOCACHE
// under a regular file).
func traceFixture(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "e2e", "traces", "gopls-gocache.log"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestAnalyzeTrace: gomend.analyzeTrace adds a trace the user picked, and
// its evidence is published on it.
func TestAnalyzeTrace(t *testing.T) {
	c := startInitialized(t, testConfig{files: map[string]string{
		"go.mod":               "module example.com/app\n\ngo 1.22\n",
		"logs/gopls-trace.txt": traceFixture(t),
	}})
	var res analyzeTraceResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.analyzeTrace",
		"arguments": []string{c.path("logs/gopls-trace.txt")}}, &res)
	if res.File != c.path("logs/gopls-trace.txt") || res.Problems != 1 {
		t.Errorf("result %+v; want one problem on the trace", res)
	}
	d := c.waitCheck("logs/gopls-trace.txt", "cache-unwritable")
	if !strings.Contains(d.Message, "failed to initialize build cache") {
		t.Errorf("message %q", d.Message)
	}
	err := c.tryCall(t.Context(), protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.analyzeTrace",
		"arguments": []string{"relative/trace.log"}}, nil)
	if err == nil {
		t.Error("a relative path was accepted")
	}
}

// TestOpenTraceGetsDiagnostics: any open document that looks like a gopls
// trace is analysed; one that does not is left alone.
func TestOpenTraceGetsDiagnostics(t *testing.T) {
	c := startInitialized(t, testConfig{files: map[string]string{
		"go.mod":    "module example.com/app\n\ngo 1.22\n",
		"gopls.log": traceFixture(t),
		"build.log": "go build ./...\nok\n",
	}})
	for _, name := range []string{"build.log", "gopls.log"} {
		c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
			"uri": c.uri(name), "languageId": "log", "version": 1, "text": c.read(name)}})
	}
	c.waitCheck("gopls.log", "cache-unwritable")
	c.mu.Lock()
	_, published := c.diags[c.uri("build.log")]
	c.mu.Unlock()
	if published {
		t.Error("a build log was analysed as a trace")
	}
}
