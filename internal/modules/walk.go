// Package modules finds the modules and workspaces under a folder with one
// parallel walk, and parses go.mod and go.work with x/mod/modfile.
package modules

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/charlievieth/fastwalk"
	"go.uber.org/zap"
)

// Layout is what one walk of a folder found. It is immutable once built and
// shared between snapshots: a content-only change never re-walks.
type Layout struct {
	Root string
	// ModFiles are the go.mod files under Root (Root's own included), sorted.
	ModFiles []string
	// WorkFiles are the go.work files under Root, sorted.
	WorkFiles []string
	// FirstGoFile is the lexically first .go file of the shallowest directory
	// holding any, or "" if none was found.
	FirstGoFile string
	// DirLinks are symbolic links to directories, not followed.
	DirLinks []string
	// Skipped are directories the walk could not read.
	Skipped []string

	// goFiles counts the directories holding .go files per module directory
	// (the nearest enclosing go.mod); those outside every module are
	// counted under "".
	goFiles map[string]int
}

// WalkOptions configure Walk.
type WalkOptions struct {
	// Filter excludes directories, as gopls's build.directoryFilters do.
	Filter *DirFilter
	Logger *zap.Logger
	// Seen, if set, counts the directory entries visited as the walk goes,
	// for progress reports while a big tree is being read.
	Seen *atomic.Int64
}

// Walk walks root in parallel, skipping what the go command skips (testdata,
// vendor, names starting with "." or "_") and node_modules, plus whatever
// opts.Filter excludes. Unreadable directories are logged and skipped; the
// walk never follows symlinks, so loops cannot hang it.
func Walk(ctx context.Context, root string, opts WalkOptions) (*Layout, error) {
	log := opts.Logger
	if log == nil {
		log = zap.NewNop()
	}
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, &fs.PathError{Op: "walk", Path: root, Err: errors.New("not a directory")}
	}
	var (
		mu      sync.Mutex
		l       = &Layout{Root: root}
		goDirs  sync.Map // directory → struct{}: it holds a .go file
		cleaned = filepath.Clean(root)
		filter  = opts.Filter
	)
	if filter.Redundant(skippedByGo) {
		filter = nil
	}
	conf := fastwalk.Config{Follow: false}
	err = fastwalk.Walk(&conf, cleaned, func(path string, d fs.DirEntry, err error) error {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			// Unreadable or vanished mid-walk: note it and go on.
			log.Debug("walk: skipping", zap.String("path", path), zap.Error(err))
			mu.Lock()
			l.Skipped = append(l.Skipped, path)
			mu.Unlock()
			if d != nil && d.IsDir() {
				return fastwalk.SkipDir
			}
			return nil
		}
		if opts.Seen != nil {
			opts.Seen.Add(1)
		}
		name := d.Name()
		switch {
		case d.IsDir():
			if path != cleaned && (skippedByGo(name) || filter.Excludes(rel(cleaned, path))) {
				return fastwalk.SkipDir
			}
		case d.Type()&fs.ModeSymlink != 0:
			// fastwalk reports symlinks without following them; we only
			// want to know about links to directories.
			if fi, err := os.Stat(path); err == nil && fi.IsDir() && !skippedByGo(name) {
				mu.Lock()
				l.DirLinks = append(l.DirLinks, path)
				mu.Unlock()
			}
		case name == "go.mod":
			mu.Lock()
			l.ModFiles = append(l.ModFiles, path)
			mu.Unlock()
		case name == "go.work":
			mu.Lock()
			l.WorkFiles = append(l.WorkFiles, path)
			mu.Unlock()
		case strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_"):
			// Only whether a directory holds Go files matters. Most .go
			// files share a directory with the one before, and a lock-free
			// load (no lock, no allocation: path minus "/name") is the
			// cheapest way to say "already known".
			dir := path[:len(path)-len(name)-1]
			if _, known := goDirs.Load(dir); !known {
				goDirs.Store(dir, struct{}{})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(l.ModFiles)
	sort.Strings(l.WorkFiles)
	sort.Strings(l.DirLinks)
	sort.Strings(l.Skipped)
	var dirs []string
	goDirs.Range(func(k, _ any) bool {
		dirs = append(dirs, k.(string))
		return true
	})
	l.goFiles = countGoDirs(l.ModFiles, dirs)
	l.FirstGoFile = firstGoFile(dirs)
	return l, nil
}

// HasGoFiles reports whether the module whose go.mod is modFile owns any .go
// file (nested modules own their own files).
func (l *Layout) HasGoFiles(modFile string) bool {
	return l.goFiles[filepath.Dir(modFile)] > 0
}

// WithModFile returns a copy of l with a go.mod added or removed, so a
// created or deleted go.mod does not cost a re-walk.
func (l *Layout) WithModFile(path string, present bool) *Layout {
	c := *l
	c.ModFiles = withPath(l.ModFiles, path, present)
	return &c
}

// WithWorkFile is WithModFile for go.work.
func (l *Layout) WithWorkFile(path string, present bool) *Layout {
	c := *l
	c.WorkFiles = withPath(l.WorkFiles, path, present)
	return &c
}

// withPath returns a new sorted list with path present or absent.
func withPath(list []string, path string, present bool) []string {
	out := make([]string, 0, len(list)+1)
	for _, p := range list {
		if p != path {
			out = append(out, p)
		}
	}
	if present {
		out = append(out, path)
		sort.Strings(out)
	}
	return out
}

// skippedByGo reports whether the go command ignores a directory of this
// name when matching "./..." (see `go help packages`), or it is node_modules.
func skippedByGo(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") ||
		name == "testdata" || name == "vendor" || name == "node_modules"
}

func rel(root, path string) string {
	r, err := filepath.Rel(root, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(r)
}

// countGoDirs attributes each directory holding .go files to its nearest
// module.
func countGoDirs(modFiles []string, goDirs []string) map[string]int {
	modDirs := make(map[string]bool, len(modFiles))
	for _, m := range modFiles {
		modDirs[filepath.Dir(m)] = true
	}
	counts := map[string]int{}
	for _, dir := range goDirs {
		owner := ""
		for d := dir; ; {
			if modDirs[d] {
				owner = d
				break
			}
			parent := filepath.Dir(d)
			if parent == d {
				break
			}
			d = parent
		}
		counts[owner]++
	}
	return counts
}

func firstGoFile(goDirs []string) string {
	best := ""
	for _, dir := range goDirs {
		if best == "" || depth(dir) < depth(best) || depth(dir) == depth(best) && dir < best {
			best = dir
		}
	}
	if best == "" {
		return ""
	}
	entries, err := os.ReadDir(best)
	if err != nil {
		return ""
	}
	for _, e := range entries { // ReadDir sorts by name
		n := e.Name()
		if strings.HasSuffix(n, ".go") && !strings.HasPrefix(n, ".") && !strings.HasPrefix(n, "_") && !e.IsDir() {
			return filepath.Join(best, n)
		}
	}
	return ""
}

func depth(path string) int { return strings.Count(path, string(filepath.Separator)) }
