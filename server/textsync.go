package server

// This file keeps the editor's buffers as snapshot overlays: the checks see
// unsaved text.

import (
	"context"
	"fmt"

	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

func (s *server) didOpen(ctx context.Context, r *request) (any, error) {
	var p protocol.DidOpenTextDocumentParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	path, err := hostfs.URIToPath(string(p.TextDocument.URI))
	if err != nil {
		return nil, nil // not a file: nothing of ours
	}
	s.setBuffer(path, &workspace.Overlay{Version: p.TextDocument.Version, Text: []byte(p.TextDocument.Text)})
	return nil, nil
}

func (s *server) didChange(ctx context.Context, r *request) (any, error) {
	var p didChangeParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	path, err := hostfs.URIToPath(string(p.TextDocument.URI))
	if err != nil {
		return nil, nil
	}
	s.mu.Lock()
	o, open := s.state.buffers[path]
	s.mu.Unlock()
	if !open && (len(p.ContentChanges) == 0 || p.ContentChanges[0].Range != nil) {
		return nil, fmt.Errorf("didChange of %s, which is not open", path)
	}
	text, err := applyChanges(o.Text, p.ContentChanges)
	if err != nil {
		// Keep the last good text; the client's next full sync (a reopen)
		// repairs it, and the error is logged.
		return nil, fmt.Errorf("applying didChange to %s (version %d): %w", path, p.TextDocument.Version, err)
	}
	s.setBuffer(path, &workspace.Overlay{Version: p.TextDocument.Version, Text: text})
	return nil, nil
}

// setBuffer records an editor buffer (nil: closed). Opening or closing a
// document is a new snapshot (the symlink checks look at open documents);
// only a buffer whose content a check reads becomes a snapshot overlay.
// Typing in a .go file is bookkeeping, never a new snapshot or diagnosis.
func (s *server) setBuffer(path string, o *workspace.Overlay) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o == nil {
		delete(s.state.buffers, path)
	} else {
		s.state.buffers[path] = *o
	}
	snap := s.ensureSnapshot()
	next := snap
	if open := o != nil; open != snap.IsOpen(path) {
		next = next.WithOpen(path, open)
	}
	if _, overlaid := snap.Overlay(path); overlaid || snap.Reads(path) {
		next = next.WithOverlay(path, o)
	}
	if next != snap {
		s.state.snap = next
		s.scheduleDiagnosis(s.opts.Debounce)
	}
}

// applyChanges applies content changes in order: a change without a range
// replaces the text, one with a range replaces that range (LSP positions,
// UTF-16) of the text as left by the previous change.
func applyChanges(text []byte, changes []contentChange) ([]byte, error) {
	for _, ch := range changes {
		if ch.Range == nil {
			text = []byte(ch.Text)
			continue
		}
		next, err := fix.Apply(text, []fix.TextEdit{{Range: *ch.Range, NewText: ch.Text}})
		if err != nil {
			return nil, err
		}
		text = next
	}
	return text, nil
}

func (s *server) didSave(ctx context.Context, r *request) (any, error) {
	var p protocol.DidSaveTextDocumentParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	path, err := hostfs.URIToPath(string(p.TextDocument.URI))
	if err != nil {
		return nil, nil
	}
	// The buffer already holds the saved text (we ask for no text on save);
	// the disk now agrees with it, so forget what we read from disk. A file
	// no check reads (a .go file) needs nothing.
	s.mu.Lock()
	snap := s.ensureSnapshot()
	_, overlaid := snap.Overlay(path)
	s.mu.Unlock()
	if !overlaid && !snap.Reads(path) {
		return nil, nil
	}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot {
		return snap.WithFileChanges(ctx, []workspace.FileChange{{Path: path, Kind: workspace.Changed}})
	})
	return nil, nil
}

func (s *server) didClose(ctx context.Context, r *request) (any, error) {
	var p protocol.DidCloseTextDocumentParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	path, err := hostfs.URIToPath(string(p.TextDocument.URI))
	if err != nil {
		return nil, nil
	}
	s.setBuffer(path, nil)
	return nil, nil
}
