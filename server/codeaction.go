package server

// This file answers textDocument/codeAction: the quick fixes of the
// diagnostics the client sends back, rebuilt from the current snapshot's
// findings, and a source.fixAll.gomend action bundling a file's exact fixes.

import (
	"context"
	"encoding/json"
	"strings"

	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

func (s *server) codeAction(ctx context.Context, r *request) (any, error) {
	var p codeActionParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	actions := []codeAction{}
	path, err := hostfs.URIToPath(string(p.TextDocument.URI))
	if err != nil {
		return actions, nil
	}
	quick := wants(p.Context.Only, protocol.QuickFix)
	fixAll := wants(p.Context.Only, fixAllKind)
	// Unasked, a fix-all is lightbulb noise: offer it only when invoked, and
	// only when it does more than a single quick fix would.
	minFixAll := 1
	if len(p.Context.Only) == 0 {
		fixAll = p.Context.TriggerKind != triggerAutomatic
		minFixAll = 2
	}

	snap := s.snapshot()
	findings, err := s.findingsFor(ctx, snap)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	caps := s.state.caps
	s.mu.Unlock()

	if quick {
		for _, raw := range p.Context.Diagnostics {
			if f := matchFinding(findings, path, raw); f != nil {
				actions = append(actions, quickFixes(snap, caps, f, raw)...)
			}
		}
	}
	if fixAll {
		if a := fixAllAction(snap, caps, findings, path, minFixAll); a != nil {
			actions = append(actions, *a)
		}
	}
	return actions, nil
}

// wants reports whether kind is asked for by only, whose entries match
// hierarchically ("source" asks for "source.fixAll.gomend"). An empty only
// asks for everything.
func wants(only []protocol.CodeActionKind, kind protocol.CodeActionKind) bool {
	if len(only) == 0 {
		return true
	}
	for _, o := range only {
		if kind == o || strings.HasPrefix(string(kind), string(o)+".") {
			return true
		}
	}
	return false
}

// matchFinding finds the current finding a client diagnostic stands for:
// same check, file and range as published (from its data), the fix-set
// fingerprint breaking ties. A diagnostic that is not ours matches nothing.
func matchFinding(findings []diagnostics.Finding, path string, raw json.RawMessage) *diagnostics.Finding {
	var cd clientDiagnostic
	if json.Unmarshal(raw, &cd) != nil {
		return nil
	}
	var data diagnosticData
	if len(cd.Data) == 0 || json.Unmarshal(cd.Data, &data) != nil || data.Check == "" {
		// A client that drops data: fall back to the code and the range.
		var code string
		if cd.Source != diagnosticSource || json.Unmarshal(cd.Code, &code) != nil {
			return nil
		}
		data = diagnosticData{Check: code, File: path, Range: cd.Range}
	}
	if data.File == "" {
		data.File = path
	}
	var match *diagnostics.Finding
	for i := range findings {
		f := &findings[i]
		if f.Check != data.Check || f.File != data.File || f.Range != data.Range {
			continue
		}
		if match == nil || fingerprint(f.Fixes) == data.Fixes {
			match = f
		}
	}
	return match
}

// quickFixes is one quickfix action per fix of f that may be offered. A fix
// with edits carries them; a command fix carries the command for the
// client to run.
func quickFixes(snap *workspace.Snapshot, caps clientCapabilities, f *diagnostics.Finding, raw json.RawMessage) []codeAction {
	exact := 0
	for _, fx := range f.Fixes {
		if fx.Applicability == fix.Exact && len(fx.Changes) > 0 && offerable(snap, fx) == nil {
			exact++
		}
	}
	var actions []codeAction
	for _, fx := range f.Fixes {
		if offerable(snap, fx) != nil {
			continue
		}
		a := codeAction{Title: fx.Title, Kind: protocol.QuickFix, Diagnostics: []json.RawMessage{raw}}
		if len(fx.Changes) > 0 {
			a.Edit = renderEdit(snap, caps, fx.Changes)
			a.IsPreferred = exact == 1 && fx.Applicability == fix.Exact
		}
		if fx.Command != nil {
			a.Command = &protocol.Command{Title: fx.Command.Title, Command: fx.Command.Command, Arguments: fx.Command.Arguments}
		}
		if a.Edit == nil && a.Command == nil {
			continue // a manual fix: explained in the report, nothing to apply
		}
		actions = append(actions, a)
	}
	return actions
}

// fixAllAction bundles, in one edit, the first exact fix of every finding
// in the file, skipping fixes that overlap ones already taken. It returns
// nil when fewer than min fixes would be applied.
func fixAllAction(snap *workspace.Snapshot, caps clientCapabilities, findings []diagnostics.Finding, path string, min int) *codeAction {
	var set editSet
	n := 0
	for _, f := range findings {
		if f.File != path {
			continue
		}
		for _, fx := range f.Fixes {
			if fx.Applicability != fix.Exact || len(fx.Changes) == 0 || offerable(snap, fx) != nil {
				continue
			}
			if set.add(fx) == nil {
				n++
			}
			break
		}
	}
	if n < min || set.empty() {
		return nil
	}
	return &codeAction{
		Title: "Fix all gomend problems in this file",
		Kind:  fixAllKind,
		Edit:  renderEdit(snap, caps, set.list()),
	}
}
