package workspace

import (
	"context"
	"maps"
	"path/filepath"

	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/vscode"
)

// FileChangeKind is what happened to a watched file.
type FileChangeKind int

const (
	Created FileChangeKind = iota + 1
	Changed
	Deleted
)

// FileChange is one watched-file event.
type FileChange struct {
	Path string
	Kind FileChangeKind
}

// clone copies s with a new sequence number. Maps are copied so s stays
// untouched; memoized reads are carried over except for the paths in
// invalid (nil: keep all).
func (s *Snapshot) clone(invalid map[string]bool) *Snapshot {
	c := &Snapshot{
		seq:           seqCounter.Add(1),
		folders:       s.folders,
		codeWorkspace: s.codeWorkspace,
		env:           s.env,
		exec:          s.exec,
		untrusted:     s.untrusted,
		runner:        s.runner,
		goVersion:     s.goVersion,
		host:          s.host,
		open:          s.open,
		traces:        s.traces,
		log:           s.log,
		walks:         s.walks,
		overlays:      maps.Clone(s.overlays),
		layouts:       maps.Clone(s.layouts),
		walkErrs:      maps.Clone(s.walkErrs),
		settings:      maps.Clone(s.settings),
	}
	c.resetCaches()
	s.mu.Lock()
	defer s.mu.Unlock()
	// A changed path may be a directory (created or deleted with what is in
	// it, as a checkout does): what is known below it is forgotten too.
	stale := func(p string) bool {
		if invalid[p] {
			return true
		}
		for q := range invalid {
			if hostfs.StrictlyWithin(q, p) {
				return true
			}
		}
		return false
	}
	for p, e := range s.disk {
		if !stale(p) {
			c.disk[p] = e
		}
	}
	for p, m := range s.mods {
		if !stale(p) {
			c.mods[p] = m
		}
	}
	for p, w := range s.works {
		if !stale(p) {
			c.works[p] = w
		}
	}
	// A created file may come with a created directory: forget the stat of
	// each changed path and of its parent.
	parents := make(map[string]bool, len(invalid))
	for p := range invalid {
		parents[filepath.Dir(p)] = true
	}
	for p, m := range s.exists {
		if !stale(p) && !parents[p] {
			c.exists[p] = m
		}
	}
	return c
}

// WithOverlay returns a snapshot in which path's content is the editor's
// buffer (o == nil: the buffer was closed; the disk counts again).
// It never re-walks.
func (s *Snapshot) WithOverlay(path string, o *Overlay) *Snapshot {
	c := s.clone(map[string]bool{path: true})
	if o == nil {
		delete(c.overlays, path)
	} else {
		c.overlays[path] = *o
	}
	c.refreshConfig(path)
	return c
}

// WithOpen returns a snapshot in which path is open in the editor, or
// closed. Opening and closing a document matter to the symlink checks;
// typing in it does not (see Reads).
func (s *Snapshot) WithOpen(path string, open bool) *Snapshot {
	c := s.clone(map[string]bool{})
	c.open = maps.Clone(s.open)
	if open {
		c.open[path] = true
	} else {
		delete(c.open, path)
	}
	return c
}

// WithFileChanges returns a snapshot that reflects watched-file events.
// A created or deleted go.mod/go.work updates the layout in place; only a
// change of gopls's directoryFilters re-walks, and only that folder.
func (s *Snapshot) WithFileChanges(ctx context.Context, changes []FileChange) *Snapshot {
	invalid := map[string]bool{}
	for _, ch := range changes {
		invalid[ch.Path] = true
	}
	c := s.clone(invalid)
	var rewalk []Folder
	for _, ch := range changes {
		base := filepath.Base(ch.Path)
		if ch.Kind != Changed && (base == "go.mod" || base == "go.work") {
			for folder, l := range c.layouts {
				if !hostfs.Within(folder, ch.Path) {
					continue
				}
				if base == "go.mod" {
					c.layouts[folder] = l.WithModFile(ch.Path, ch.Kind == Created)
				} else {
					c.layouts[folder] = l.WithWorkFile(ch.Path, ch.Kind == Created)
				}
			}
		}
		if f, changed := c.refreshConfig(ch.Path); changed {
			rewalk = append(rewalk, f)
		}
	}
	if len(rewalk) > 0 {
		c.walkAll(ctx, rewalk, nil)
	}
	return c
}

// refreshConfig re-reads a settings.json or the .code-workspace if path is
// one, and reports a folder whose directoryFilters changed.
func (s *Snapshot) refreshConfig(path string) (Folder, bool) {
	if s.codeWorkspace != nil && path == s.codeWorkspace.Path {
		if data, err := s.ReadFile(path); err == nil {
			s.codeWorkspace = vscode.ParseCodeWorkspace(path, data)
			folders := make([]Folder, len(s.folders)) // shared with the parent: copy
			for i, f := range s.folders {
				folders[i] = s.newFolder(f.Path)
			}
			s.folders = folders
		}
		return Folder{}, false
	}
	if filepath.Base(path) != "settings.json" || filepath.Base(filepath.Dir(path)) != ".vscode" {
		return Folder{}, false
	}
	for _, f := range s.folders {
		if filepath.Join(f.Path, ".vscode", "settings.json") != path {
			continue
		}
		old := s.directoryFilters(s.Settings(f.Path))
		s.settings[f.Path] = s.readSettings(f.Path)
		return f, !equal(old, s.directoryFilters(s.settings[f.Path]))
	}
	return Folder{}, false
}

// WithFolders returns a snapshot with the given folders; folders already
// known keep their walk, new ones are walked.
func (s *Snapshot) WithFolders(ctx context.Context, paths []string) *Snapshot {
	c := s.clone(nil)
	c.folders = nil
	var fresh []Folder
	for _, p := range paths {
		f := c.newFolder(p)
		c.folders = append(c.folders, f)
		if _, ok := c.layouts[f.Path]; !ok {
			fresh = append(fresh, f)
		}
	}
	keep := map[string]bool{}
	for _, f := range c.folders {
		keep[f.Path] = true
	}
	for p := range c.layouts {
		if !keep[p] {
			delete(c.layouts, p)
			delete(c.settings, p)
		}
	}
	c.walkAll(ctx, fresh, nil)
	return c
}

// SameLayout is for benchmarks and tests that need to prove no
// re-walk happened: it reports whether two snapshots share a folder's walk.
func SameLayout(a, b *Snapshot, folder string) bool {
	return a.layouts[folder] != nil && a.layouts[folder] == b.layouts[folder]
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
