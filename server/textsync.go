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
	o := &workspace.Overlay{Version: p.TextDocument.Version, Text: []byte(p.TextDocument.Text)}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot { return snap.WithOverlay(path, o) })
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
	var failed error
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot {
		var text []byte
		if o, ok := snap.Overlay(path); ok {
			text = o.Text
		} else if len(p.ContentChanges) == 0 || p.ContentChanges[0].Range != nil {
			failed = fmt.Errorf("didChange of %s, which is not open", path)
			return snap
		}
		text, failed = applyChanges(text, p.ContentChanges)
		if failed != nil {
			// Keep the last good text; the client's next full sync (a
			// reopen) repairs it, and the error is logged.
			failed = fmt.Errorf("applying didChange to %s (version %d): %w", path, p.TextDocument.Version, failed)
			return snap
		}
		return snap.WithOverlay(path, &workspace.Overlay{Version: p.TextDocument.Version, Text: text})
	})
	return nil, failed
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
	// the disk now agrees with it, so forget what we read from disk.
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
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot { return snap.WithOverlay(path, nil) })
	return nil, nil
}
