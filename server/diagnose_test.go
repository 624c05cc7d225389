package server

import (
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/docs"
	"github.com/gomend/gomend/internal/textpos"
)

// forgetful is a go.work that forgets module b.
var forgetful = map[string]string{
	"go.work":   "go 1.22\n\nuse ./a\n",
	"a/go.mod":  "module example.com/a\n\ngo 1.22\n",
	"a/a.go":    "package a\n",
	"b/go.mod":  "module example.com/b\n\ngo 1.22\n",
	"b/b.go":    "package b\n",
	"模块/go.mod": "module example.com/mokuai\n\ngo 1.22\n",
	"模块/m.go":   "package mokuai\n",
}

func withFiles(base map[string]string, extra map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range extra {
		out[k] = v
	}
	return out
}

// TestQuickFixClearsTheDiagnostic is the editor's whole loop: diagnostics
// arrive, a code action's edit is applied and the change reported, and the
// file's diagnostics are cleared.
func TestQuickFixClearsTheDiagnostic(t *testing.T) {
	c := startInitialized(t, testConfig{files: withFiles(forgetful, map[string]string{"go.work": "go 1.22\n\nuse (\n\t./a\n\t./模块\n)\n"})})

	d := c.waitCheck("b/go.mod", "gowork-missing-module")
	if d.Source != "gomend" || d.Range.Start.Line != 0 || d.Severity != int(protocol.DiagnosticSeverityWarning) {
		t.Errorf("diagnostic = %+v, want source gomend, warning, on line 0 (the module line)", d)
	}
	if d.CodeDescription == nil || d.CodeDescription.Href != docs.HrefBase+"gowork-missing-module.md" {
		t.Errorf("codeDescription = %+v", d.CodeDescription)
	}
	if d.Data == nil || d.Data.Check != "gowork-missing-module" || d.Data.File != c.path("b/go.mod") {
		t.Errorf("data = %+v", d.Data)
	}

	var actions []json.RawMessage
	c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]string{"uri": c.uri("b/go.mod")},
		"range":        d.Range,
		"context":      map[string]any{"diagnostics": []json.RawMessage{rawDiagnostic(t, d)}, "only": []string{"quickfix"}},
	}, &actions)
	var use *codeActionWire
	for _, raw := range actions {
		var a codeActionWire
		if err := json.Unmarshal(raw, &a); err != nil {
			t.Fatal(err)
		}
		if a.Kind != "quickfix" || len(a.Diagnostics) != 1 {
			t.Errorf("action %q: kind %q, %d diagnostics", a.Title, a.Kind, len(a.Diagnostics))
		}
		if a.Title == "Use this module in your go.work file" {
			use = &a
		}
	}
	if use == nil || use.Edit == nil {
		t.Fatalf("no edit titled %q among %s", "Use this module in your go.work file", actions)
	}
	if err := c.applyEdit(use.Edit); err != nil {
		t.Fatal(err)
	}
	if got := c.read("go.work"); !strings.Contains(got, "./b") || !strings.Contains(got, "./模块") {
		t.Fatalf("go.work after the fix:\n%s", got)
	}
	c.watched(protocol.FileChangeTypeChanged, "go.work")
	c.waitClear("b/go.mod")
}

type codeActionWire struct {
	Title       string            `json:"title"`
	Kind        string            `json:"kind"`
	Diagnostics []json.RawMessage `json:"diagnostics"`
	IsPreferred bool              `json:"isPreferred"`
	Edit        json.RawMessage   `json:"edit"`
	Command     *protocol.Command `json:"command"`
}

// TestIncrementalChangesOfAnOpenGoWork edits an open go.work with range
// changes (UTF-16 positions past Chinese characters included) and follows
// the text through the diagnostics it produces.
func TestIncrementalChangesOfAnOpenGoWork(t *testing.T) {
	text := "go 1.22\n\nuse ./a\nuse ./模块\n"
	c := startInitialized(t, testConfig{files: withFiles(forgetful, map[string]string{"go.work": text})})
	c.waitCheck("b/go.mod", "gowork-missing-module")

	c.notify(protocol.MethodTextDocumentDidOpen, map[string]any{"textDocument": map[string]any{
		"uri": c.uri("go.work"), "languageId": "go.work", "version": 1, "text": text,
	}})
	change := func(version int, changes ...map[string]any) {
		c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
			"textDocument":   map[string]any{"uri": c.uri("go.work"), "version": version},
			"contentChanges": changes,
		})
	}
	at := func(line, from, to int) textpos.Range {
		return textpos.Range{Start: textpos.Position{Line: line, Character: from}, End: textpos.Position{Line: line, Character: to}}
	}

	// Append "use ./b": b is used, its diagnostic goes.
	change(2, map[string]any{"range": at(4, 0, 0), "text": "use ./b\n"})
	c.waitClear("b/go.mod")

	// Line 3 is "use ./模块": characters 4–8 in UTF-16 are "./模块"
	// (8 bytes). Point it at a directory that does not exist.
	change(3, map[string]any{"range": at(3, 4, 8), "text": "./gone"})
	c.waitCheck("模块/go.mod", "gowork-missing-module")
	d := c.waitCheck("go.work", "gowork-use-missing")
	if d.Range.Start.Line != 3 {
		t.Errorf("gowork-use-missing on line %d, want 3", d.Range.Start.Line)
	}
	c.mu.Lock()
	v := c.versions[c.uri("go.work")]
	c.mu.Unlock()
	if v == nil || *v != 3 {
		t.Errorf("go.work diagnostics carry version %v, want 3", v)
	}

	// Two changes in one notification apply in order: delete line 3, then
	// insert the original line where it was.
	change(4,
		map[string]any{"range": textpos.Range{Start: textpos.Position{Line: 3}, End: textpos.Position{Line: 4}}, "text": ""},
		map[string]any{"range": at(3, 0, 0), "text": "use ./模块\n"})
	c.waitClear("go.work")
	c.waitClear("模块/go.mod")

	// A full-text change (no range) replaces everything: 模块 is forgotten.
	change(5, map[string]any{"text": "go 1.22\n\nuse ./a\nuse ./b\n"})
	c.waitCheck("模块/go.mod", "gowork-missing-module")

	// Closing the buffer makes the disk's text count again: 模块 is used, b is not.
	c.notify(protocol.MethodTextDocumentDidClose, map[string]any{"textDocument": map[string]any{"uri": c.uri("go.work")}})
	c.waitClear("模块/go.mod")
	c.waitCheck("b/go.mod", "gowork-missing-module")
}

func TestWorkspaceFoldersChange(t *testing.T) {
	c := startInitialized(t, testConfig{folders: []string{"one"}, files: map[string]string{
		"one/go.mod":   "module example.com/one\n\ngo 1.22\n",
		"one/x.go":     "package one\n",
		"two/go.work":  "go 1.22\n\nuse ./gone\n",
		"two/a/go.mod": "module example.com/two/a\n\ngo 1.22\n",
		"two/a/x.go":   "package a\n",
	}})
	var res reportResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, &res)
	if strings.Contains(res.Markdown, "gowork-use-missing") || !strings.Contains(res.Markdown, "Folder `"+c.path("one")+"`") {
		t.Errorf("report with folder one only:\n%s", res.Markdown)
	}
	c.notify(protocol.MethodWorkspaceDidChangeWorkspaceFolders, map[string]any{"event": map[string]any{
		"added":   []map[string]string{{"uri": c.uri("two"), "name": "two"}},
		"removed": []map[string]string{},
	}})
	c.waitCheck("two/go.work", "gowork-use-missing")
	c.notify(protocol.MethodWorkspaceDidChangeWorkspaceFolders, map[string]any{"event": map[string]any{
		"added":   []map[string]string{},
		"removed": []map[string]string{{"uri": c.uri("two"), "name": "two"}},
	}})
	c.waitClear("two/go.work")
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
