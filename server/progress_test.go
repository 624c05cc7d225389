package server

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"
)

// withProgress are VS Code's capabilities plus work-done progress.
func withProgress() map[string]any {
	caps := map[string]any{}
	for k, v := range vscodeCaps {
		caps[k] = v
	}
	caps["window"] = map[string]any{"workDoneProgress": true}
	return caps
}

// waitProgressEnd waits for the walk's progress to end and returns every
// progress event.
func (c *testClient) waitProgressEnd() []string {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		ch, got := c.changed, slices.Clone(c.progress)
		c.mu.Unlock()
		if slices.Contains(got, "gomend/walk end") {
			return got
		}
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for the end of progress; got %q", got)
		}
	}
}

// The first walk is shown as progress: the token is created before it is
// used, then begin, reports and end.
func TestFirstWalkReportsProgress(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress(), progressDelay: -1})
	c.initialize(nil)
	got := c.waitProgressEnd()
	want := []string{"create gomend/walk", "gomend/walk begin"}
	if len(got) < 3 || !slices.Equal(got[:2], want) || got[len(got)-1] != "gomend/walk end" {
		t.Fatalf("progress = %q, want %q, reports…, end", got, want)
	}
	for _, p := range got[2 : len(got)-1] {
		if p != "gomend/walk report" {
			t.Errorf("between begin and end: %q", p)
		}
	}
}

// A walk faster than the delay shows no progress at all: no flicker.
func TestFastWalkShowsNoProgress(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress()})
	c.initialize(nil)
	c.waitChecked("the first diagnosis", func(checkedParams) bool { return true })
	var st statsResult
	c.call(methodStats, nil, &st) // handled after initialized: the walk is over
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.progress) != 0 {
		t.Errorf("progress on a tiny workspace: %q", c.progress)
	}
}

// The end message says how much was read.
func TestProgressEndCountsEntries(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress(), progressDelay: -1})
	var ends []string
	c.onProgress = func(v progressValue) {
		if v.Kind == "end" {
			ends = append(ends, v.Message)
		}
	}
	c.initialize(nil)
	c.waitProgressEnd()
	c.mu.Lock()
	defer c.mu.Unlock()
	// forgetful: the root, 3 folders and 7 files.
	if len(ends) != 1 || ends[0] != "Read 11 files and folders" {
		t.Errorf("end messages = %q", ends)
	}
}

// Typing in a .go file is bookkeeping: no new snapshot, no rerun, no walk.
// A go.mod buffer, which the checks read, reruns them.
func TestGoFileEditsTriggerNothing(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful})
	c.waitCheck("b/go.mod", "gowork-missing-module")
	var before statsResult
	c.call(methodStats, nil, &before)

	uri := protocol.DocumentURI(c.uri("a/a.go"))
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: 1, Text: "package a\n"}})
	for v := int32(2); v < 50; v++ {
		c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"range": map[string]any{"start": map[string]int{"line": 1, "character": 0}, "end": map[string]int{"line": 1, "character": 0}}, "text": "// x\n"}},
		})
	}
	var after statsResult
	c.call(methodStats, nil, &after) // answered after every didChange was handled
	if after.Snapshot != before.Snapshot || after.Diagnoses != before.Diagnoses || after.Walks != before.Walks {
		t.Errorf("editing a .go file: stats went from %+v to %+v, want unchanged", before, after)
	}
	if after.Buffers != 1 {
		t.Errorf("buffers = %d, want the .go file", after.Buffers)
	}

	// The same edits to go.work rerun the checks (and still walk nothing).
	workURI := protocol.DocumentURI(c.uri("go.work"))
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: workURI, LanguageID: "go.work", Version: 1, Text: "go 1.22\n\nuse (\n\t./a\n\t./b\n\t./模块\n)\n"}})
	c.waitClear("b/go.mod")
	var edited statsResult
	c.call(methodStats, nil, &edited)
	if edited.Snapshot == after.Snapshot || edited.Diagnoses == after.Diagnoses || edited.Walks != after.Walks {
		t.Errorf("editing go.work: stats went from %+v to %+v, want a new snapshot and diagnosis, no walk", after, edited)
	}
	if edited.Buffers != 2 {
		t.Errorf("buffers = %d, want 2", edited.Buffers)
	}
}

// The first diagnosis does not wait for the debounce: here the debounce
// outlives the test, and the diagnostics still arrive.
func TestFirstDiagnosisIsNotDebounced(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful, debounce: waitLimit * 10})
	c.waitCheck("b/go.mod", "gowork-missing-module")
	p := c.waitChecked("the first diagnosis", func(checkedParams) bool { return true })
	raw, _ := json.Marshal(p)
	if !strings.Contains(string(raw), `"durationMs":`) {
		t.Errorf("gomend/checked %s has no durationMs", raw)
	}
}
