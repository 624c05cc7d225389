package server

// This file turns fixes into one LSP WorkspaceEdit: merged per file,
// overlapping fixes refused, new files created with a CreateFile resource
// operation when the client supports it.

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// editSet merges the changes of several fixes, file by file.
type editSet struct {
	order   []string
	changes map[string]*fix.FileChange
}

// add merges fx's changes unless one of them clashes with an edit already
// in the set, in which case nothing of fx is added: all edits of a
// WorkspaceEdit refer to the original text, so overlapping ones would
// garble it. An edit identical to one in the set is merged once.
func (e *editSet) add(fx fix.Fix) error {
	if e.changes == nil {
		e.changes = map[string]*fix.FileChange{}
	}
	for _, c := range fx.Changes {
		have := e.changes[c.File]
		if have == nil {
			continue
		}
		if have.Create || c.Create {
			if have.Create && c.Create && slices.Equal(have.Edits, c.Edits) {
				continue // the same new file, twice
			}
			return fmt.Errorf("another chosen fix also writes %s", c.File)
		}
		for _, a := range c.Edits {
			for _, b := range have.Edits {
				if clash(a, b) {
					return fmt.Errorf("it overlaps another chosen fix's edit of %s at %v; repair again to apply it", c.File, b.Range.Start)
				}
			}
		}
	}
	for _, c := range fx.Changes {
		have := e.changes[c.File]
		if have == nil {
			e.order = append(e.order, c.File)
			e.changes[c.File] = &fix.FileChange{File: c.File, Create: c.Create, Edits: slices.Clone(c.Edits)}
			continue
		}
		if have.Create {
			continue // identical, checked above
		}
		for _, a := range c.Edits {
			if !slices.Contains(have.Edits, a) {
				have.Edits = append(have.Edits, a)
			}
		}
	}
	return nil
}

// clash reports whether two edits of one file cannot both be applied:
// their ranges overlap, one inserts inside the other's range, or both start
// at one point and one of them inserts there. The last is refused even
// though LSP would keep the order: two fixes computed on the same text
// that insert at one place usually insert the same thing (two "use" lines
// for one module). Edits that merely touch do not clash, nor do identical
// ones.
func clash(a, b fix.TextEdit) bool {
	if a == b {
		return false
	}
	ra, rb := a.Range, b.Range
	if ra.Start.Less(rb.End) && rb.Start.Less(ra.End) {
		return true
	}
	return ra.Start == rb.Start && (ra.Start == ra.End || rb.Start == rb.End)
}

func (e *editSet) empty() bool { return len(e.order) == 0 }

// list returns the merged changes in the order files were first added, each
// file's edits sorted by position.
func (e *editSet) list() []fix.FileChange {
	out := make([]fix.FileChange, 0, len(e.order))
	for _, f := range e.order {
		c := *e.changes[f]
		slices.SortStableFunc(c.Edits, func(a, b fix.TextEdit) int {
			switch {
			case a.Range.Start.Less(b.Range.Start):
				return -1
			case b.Range.Start.Less(a.Range.Start):
				return 1
			}
			return 0
		})
		out = append(out, c)
	}
	return out
}

// renderEdit renders changes for this client. With documentChanges
// support, edits are versioned TextDocumentEdits (the editor rejects them if
// the buffer moved on) and a created file is a CreateFile operation
// followed by its content; without it, plain per-URI edits — and a new
// file is then an edit of a URI that does not exist yet, which is the best
// such a client allows.
func renderEdit(snap *workspace.Snapshot, caps clientCapabilities, changes []fix.FileChange) *workspaceEdit {
	canCreate := slices.Contains(caps.Workspace.WorkspaceEdit.ResourceOperations, "create")
	creates := slices.ContainsFunc(changes, func(c fix.FileChange) bool { return c.Create })
	if !caps.Workspace.WorkspaceEdit.DocumentChanges && !(creates && canCreate) {
		we := &workspaceEdit{Changes: map[string][]fix.TextEdit{}}
		for _, c := range changes {
			uri := hostfs.PathToURI(c.File)
			we.Changes[uri] = append(we.Changes[uri], c.Edits...)
		}
		return we
	}
	we := &workspaceEdit{DocumentChanges: []any{}}
	for _, c := range changes {
		uri := hostfs.PathToURI(c.File)
		doc := optionalVersionedDocument{URI: uri}
		if c.Create && canCreate {
			we.DocumentChanges = append(we.DocumentChanges, createFile{
				Kind: "create", URI: uri, Options: createFileOptions{IgnoreIfExists: true},
			})
		} else if o, ok := snap.Overlay(c.File); ok {
			v := o.Version
			doc.Version = &v
		}
		edits := c.Edits
		if edits == nil {
			edits = []fix.TextEdit{}
		}
		we.DocumentChanges = append(we.DocumentChanges, textDocumentEdit{TextDocument: doc, Edits: edits})
	}
	return we
}

// offerable reports why fx must not be offered, or nil: every file it
// writes must lie inside a workspace folder both as spelled and with
// symlinks resolved (or be the .code-workspace file itself). In the editor
// the server is the only place to hold this invariant; `gomend fix` holds
// it in fix.Plan.
func offerable(snap *workspace.Snapshot, fx fix.Fix) error {
	for _, c := range fx.Changes {
		if err := inScope(snap, c.File); err != nil {
			return err
		}
	}
	return nil
}

func inScope(snap *workspace.Snapshot, path string) error {
	path = filepath.Clean(path)
	real := resolve(path)
	if cw := snap.CodeWorkspace(); cw != nil && path == filepath.Clean(cw.Path) && real == resolve(cw.Path) {
		return nil
	}
	lexical := false
	for _, f := range snap.Folders() {
		if hostfs.StrictlyWithin(f.Path, path) {
			lexical = true
			if hostfs.StrictlyWithin(resolve(f.Path), real) {
				return nil
			}
		}
	}
	if lexical {
		return fmt.Errorf("%s resolves to %s, outside the workspace folders", path, real)
	}
	return fmt.Errorf("%s is outside the workspace folders", path)
}

// resolve returns path with its symlinks resolved; for a path that does
// not exist yet, its nearest existing ancestor's. A dangling link resolves
// to where it points, since writing through it would create the target.
func resolve(path string) string { return resolveDepth(path, 0) }

func resolveDepth(path string, depth int) string {
	if real, err := filepath.EvalSymlinks(path); err == nil {
		return real
	}
	if fi, err := os.Lstat(path); err == nil {
		target, rerr := os.Readlink(path)
		if fi.Mode()&os.ModeSymlink == 0 || rerr != nil || depth > 40 {
			return path
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		return resolveDepth(target, depth+1)
	}
	parent := filepath.Dir(path)
	if parent == path {
		return path
	}
	return filepath.Join(resolveDepth(parent, depth), filepath.Base(path))
}
