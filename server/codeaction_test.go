package server

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func (c *testClient) codeActions(rel string, rng textpos.Range, ctx map[string]any) []codeActionWire {
	c.t.Helper()
	var actions []codeActionWire
	c.call(protocol.MethodTextDocumentCodeAction, map[string]any{
		"textDocument": map[string]string{"uri": c.uri(rel)}, "range": rng, "context": ctx,
	}, &actions)
	return actions
}

// TestCodeActionsForAPlainClient: without documentChanges support a quick
// fix is a plain "changes" edit, and a code action request with a
// diagnostic that lost its data still finds the finding by code and range.
func TestCodeActionsForAPlainClient(t *testing.T) {
	c := startInitialized(t, testConfig{caps: plainCaps, files: forgetful})
	d := c.waitCheck("b/go.mod", "gowork-missing-module")
	if d.CodeDescription != nil {
		t.Errorf("codeDescription sent to a client that did not ask: %+v", d.CodeDescription)
	}
	d.Data = nil
	actions := c.codeActions("b/go.mod", d.Range, map[string]any{"diagnostics": []json.RawMessage{rawDiagnostic(t, d)}})
	if len(actions) != 2 {
		t.Fatalf("actions = %+v, want Use this module and Use all modules", actions)
	}
	var we wireEdit
	if err := json.Unmarshal(actions[0].Edit, &we); err != nil {
		t.Fatal(err)
	}
	if len(we.DocumentChanges) != 0 || len(we.Changes[c.uri("go.work")]) != 1 {
		t.Errorf("edit = %s, want one plain change to go.work", actions[0].Edit)
	}
	for _, a := range actions {
		if a.IsPreferred {
			t.Errorf("%q preferred although two exact fixes are offered", a.Title)
		}
	}

	// Someone else's diagnostic gets nothing.
	other := map[string]any{"range": d.Range, "code": 42, "source": "gopls", "message": "x"}
	if got := c.codeActions("b/go.mod", d.Range, map[string]any{"diagnostics": []any{other}}); len(got) != 0 {
		t.Errorf("actions for a gopls diagnostic: %+v", got)
	}
}

// TestFixAllAndOnly: source.fixAll.gomend bundles a file's exact fixes;
// "only" and the trigger kind decide what is offered.
func TestFixAllAndOnly(t *testing.T) {
	c := startInitialized(t, testConfig{files: withFiles(forgetful, map[string]string{
		"go.work":  "go 1.21\n\nuse (\n\t./a\n\t./b\n\t./模块\n\t./gone\n)\n",
		"a/go.mod": "module example.com/a\n\ngo 1.23\n",
	})})
	c.waitCheck("go.work", "gowork-go-version")
	d := c.waitCheck("go.work", "gowork-use-missing")
	all := textpos.Range{End: textpos.Position{Line: 9}}
	diags := []json.RawMessage{rawDiagnostic(t, d)}

	kinds := func(actions []codeActionWire) string {
		var ks []string
		for _, a := range actions {
			ks = append(ks, a.Kind)
		}
		return strings.Join(ks, ",")
	}
	if got := kinds(c.codeActions("go.work", all, map[string]any{"diagnostics": diags, "triggerKind": 2})); got != "quickfix" {
		t.Errorf("automatic trigger: kinds %q, want quickfix only", got)
	}
	if got := kinds(c.codeActions("go.work", all, map[string]any{"diagnostics": diags, "triggerKind": 1})); got != "quickfix,source.fixAll.gomend" {
		t.Errorf("invoked: kinds %q, want the quick fix and the fix-all", got)
	}
	if got := kinds(c.codeActions("go.work", all, map[string]any{"diagnostics": diags, "only": []string{"quickfix"}})); got != "quickfix" {
		t.Errorf("only quickfix: kinds %q", got)
	}
	fixAll := c.codeActions("go.work", all, map[string]any{"diagnostics": []any{}, "only": []string{"source.fixAll"}})
	if len(fixAll) != 1 || fixAll[0].Kind != "source.fixAll.gomend" {
		t.Fatalf("only source.fixAll: %+v", fixAll)
	}
	if err := c.applyEdit(fixAll[0].Edit); err != nil {
		t.Fatal(err)
	}
	if got := c.read("go.work"); strings.Contains(got, "gone") || !strings.Contains(got, "go 1.23") || !strings.Contains(got, "./模块") {
		t.Errorf("go.work after fix-all:\n%s", got)
	}
	c.watched(protocol.FileChangeTypeChanged, "go.work")
	c.waitClear("go.work")
}

func TestQuickFixesPreferTheOnlyExactFix(t *testing.T) {
	dir := t.TempDir()
	snap, err := workspace.New(context.Background(), workspace.Options{Folders: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	edit := fix.FileChange{File: filepath.Join(dir, "go.work"), Edits: []fix.TextEdit{{NewText: "x"}}}
	f := &diagnostics.Finding{Fixes: []fix.Fix{
		{Title: "exact", Applicability: fix.Exact, Changes: []fix.FileChange{edit}},
		{Title: "likely", Applicability: fix.Likely, Changes: []fix.FileChange{edit}},
		{Title: "command", Applicability: fix.Likely, Command: &fix.Command{Title: "Open", Command: "gomend.openFolder", Arguments: []any{"/w"}}},
		{Title: "manual", Applicability: fix.Manual},
	}}
	actions := quickFixes(snap, clientCapabilities{}, f, json.RawMessage(`{}`))
	if len(actions) != 3 {
		t.Fatalf("actions = %+v, want three (the manual fix has nothing to apply)", actions)
	}
	if !actions[0].IsPreferred || actions[1].IsPreferred || actions[2].IsPreferred {
		t.Errorf("preferred = %v %v %v, want only the exact fix", actions[0].IsPreferred, actions[1].IsPreferred, actions[2].IsPreferred)
	}
	if actions[2].Command == nil || actions[2].Command.Command != "gomend.openFolder" || actions[2].Edit != nil {
		t.Errorf("command fix = %+v", actions[2])
	}
}

func TestEditSetRefusesClashes(t *testing.T) {
	at := func(l1, c1, l2, c2 int, text string) fix.TextEdit {
		return fix.TextEdit{Range: textpos.Range{Start: textpos.Position{Line: l1, Character: c1}, End: textpos.Position{Line: l2, Character: c2}}, NewText: text}
	}
	one := func(e fix.TextEdit) fix.Fix {
		return fix.Fix{Changes: []fix.FileChange{{File: "f", Edits: []fix.TextEdit{e}}}}
	}
	var set editSet
	for _, tc := range []struct {
		edit fix.TextEdit
		ok   bool
	}{
		{at(1, 0, 2, 0, ""), true},
		{at(2, 0, 3, 0, ""), true},    // touches the first: fine
		{at(1, 5, 1, 5, "x"), false},  // inserts inside it
		{at(1, 0, 2, 0, ""), true},    // identical: merged once
		{at(0, 3, 1, 1, "y"), false},  // overlaps
		{at(3, 0, 3, 0, "z"), true},   // inserts where the second ends
		{at(3, 0, 3, 0, "zz"), false}, // a second insertion at one point
		{at(3, 0, 3, 0, "z"), true},   // the same insertion again: merged once
	} {
		if err := set.add(one(tc.edit)); (err == nil) != tc.ok {
			t.Errorf("add %v: err = %v, want ok %v", tc.edit, err, tc.ok)
		}
	}
	got := set.list()
	if len(got) != 1 || len(got[0].Edits) != 3 || got[0].Edits[2].NewText != "z" {
		t.Errorf("merged = %+v", got)
	}
	if err := set.add(fix.Fix{Changes: []fix.FileChange{fix.Create("f", []byte("new"))}}); err == nil {
		t.Error("creating a file the set already edits was accepted")
	}
	if set.add(fix.Fix{Changes: []fix.FileChange{fix.Create("g", []byte("new"))}}) != nil ||
		set.add(fix.Fix{Changes: []fix.FileChange{fix.Create("g", []byte("new"))}}) != nil {
		t.Error("the same creation twice was refused")
	}
	if set.add(fix.Fix{Changes: []fix.FileChange{fix.Create("g", []byte("other"))}}) == nil {
		t.Error("two different creations of one file were accepted")
	}
	if got := set.list(); len(got) != 2 || len(got[1].Edits) != 1 {
		t.Errorf("merged = %+v", got)
	}
}

func TestApplyChanges(t *testing.T) {
	at := func(l1, c1, l2, c2 int) *textpos.Range {
		return &textpos.Range{Start: textpos.Position{Line: l1, Character: c1}, End: textpos.Position{Line: l2, Character: c2}}
	}
	for _, tc := range []struct {
		name, text string
		changes    []contentChange
		want       string
		fails      bool
	}{
		{"full", "old", []contentChange{{Text: "new"}}, "new", false},
		{"insert at 0:0 is not a full change", "old", []contentChange{{Range: at(0, 0, 0, 0), Text: "x"}}, "xold", false},
		{"after a surrogate pair", "a😀b\n", []contentChange{{Range: at(0, 3, 0, 4), Text: "B"}}, "a😀B\n", false},
		{"in order", "ab\ncd\n", []contentChange{{Range: at(0, 0, 1, 0), Text: ""}, {Range: at(0, 2, 0, 2), Text: "!"}}, "cd!\n", false},
		{"CRLF line ends", "ab\r\ncd\r\n", []contentChange{{Range: at(1, 0, 1, 2), Text: "CD"}}, "ab\r\nCD\r\n", false},
		{"past the end", "ab\n", []contentChange{{Range: at(5, 0, 5, 0), Text: "x"}}, "", true},
		{"reversed", "abc", []contentChange{{Range: at(0, 2, 0, 1), Text: "x"}}, "", true},
	} {
		got, err := applyChanges([]byte(tc.text), tc.changes)
		if (err != nil) != tc.fails || err == nil && string(got) != tc.want {
			t.Errorf("%s: got %q, %v; want %q (fails %v)", tc.name, got, err, tc.want, tc.fails)
		}
	}
}

// TestFixesOutsideTheFoldersAreNotOffered: the folder is a subdirectory of
// a go.work's directory; the fix that would edit that go.work is withheld
// from code actions and the plan, and the report says why.
func TestFixesOutsideTheFoldersAreNotOffered(t *testing.T) {
	c := startInitialized(t, testConfig{folders: []string{"inner"}, files: map[string]string{
		"go.work":        "go 1.22\n\nuse ./inner/a\n",
		"inner/a/go.mod": "module example.com/a\n\ngo 1.22\n",
		"inner/a/a.go":   "package a\n",
		"inner/b/go.mod": "module example.com/b\n\ngo 1.22\n",
		"inner/b/b.go":   "package b\n",
	}})
	d := c.waitCheck("inner/b/go.mod", "gowork-missing-module")
	if got := c.codeActions("inner/b/go.mod", d.Range, map[string]any{"diagnostics": []json.RawMessage{rawDiagnostic(t, d)}}); len(got) != 0 {
		t.Errorf("actions editing a go.work outside the folder: %+v", got)
	}
	for _, p := range c.plan().Problems {
		if p.Check == "gowork-missing-module" && len(p.Fixes) != 0 {
			t.Errorf("plan offers %+v", p.Fixes)
		}
	}
	var res reportResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, &res)
	if !strings.Contains(res.Markdown, "not offered in the editor: "+c.path("go.work")+" is outside the workspace folders") {
		t.Errorf("report:\n%s", res.Markdown)
	}
}

func TestInScope(t *testing.T) {
	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{"ws/a/go.mod": "module a\n", "outside/go.mod": "module o\n"})
	ws := filepath.Join(root, "ws")
	for _, link := range []struct{ name, target string }{
		{"ws/out", "../outside"},      // a directory link leaving the folder
		{"ws/in", "a"},                // one staying inside
		{"ws/dangling", "../nowhere"}, // writing through it would create ../nowhere
	} {
		if err := os.Symlink(link.target, filepath.Join(root, link.name)); err != nil {
			t.Skip("no symlinks here:", err)
		}
	}
	snap, err := workspace.New(context.Background(), workspace.Options{Folders: []string{ws}})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path string
		ok   bool
	}{
		{"ws/a/go.mod", true},
		{"ws/go.work", true}, // does not exist yet
		{"ws/new/dir/go.mod", true},
		{"ws/in/go.mod", true},
		{"ws", false}, // the folder itself is not a file in it
		{"go.work", false},
		{"ws/../outside/go.mod", false},
		{"ws/out/go.mod", false},
		{"ws/out/new.txt", false},
		{"ws/dangling", false},
	} {
		if err := inScope(snap, filepath.Join(root, filepath.FromSlash(tc.path))); (err == nil) != tc.ok {
			t.Errorf("inScope(%s) = %v, want ok %v", tc.path, err, tc.ok)
		}
	}
}
