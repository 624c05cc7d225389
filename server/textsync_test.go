package server

import (
	"testing"

	"go.lsp.dev/protocol"
)

// Typing in (and saving) a .go file is bookkeeping: no new snapshot, no
// rerun, no walk.
// A go.mod buffer, which the checks read, reruns them.
func TestGoFileEditsTriggerNothing(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful})
	c.waitCheck("b/go.mod", "gowork-missing-module")
	// Opening a document is a new snapshot (the symlink checks look at
	// open documents); typing in it is not.
	uri := protocol.DocumentURI(c.uri("a/a.go"))
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uri, LanguageID: "go", Version: 1, Text: "package a\n"}})
	var before statsResult
	c.call(methodStats, nil, &before)
	c.waitChecked("the diagnosis of the open", func(p checkedParams) bool { return p.Snapshot >= before.Snapshot })
	c.call(methodStats, nil, &before)
	for v := int32(2); v < 50; v++ {
		c.notify(protocol.MethodTextDocumentDidChange, map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": v},
			"contentChanges": []map[string]any{{"range": map[string]any{"start": map[string]int{"line": 1, "character": 0}, "end": map[string]int{"line": 1, "character": 0}}, "text": "// x\n"}},
		})
	}
	c.notify(protocol.MethodTextDocumentDidSave, map[string]any{"textDocument": map[string]any{"uri": uri}})
	var after statsResult
	c.call(methodStats, nil, &after) // answered after every didChange and the save were handled
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
