// Module layout checks (CHECKS.md §A): go.mod, go.work and how workspace
// folders line up with modules. This file registers them and holds the
// index they share; the checks live in modules_*.go.
package diagnostics

import (
	"context"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "multi-module-no-gowork", Family: "modules", Severity: Warning,
			Title: "A folder holds several modules and no go.work",
			Run:   deduped(checkMultiModuleNoGoWork)},
		&Rule{ID: "gowork-missing-module", Family: "modules", Severity: Warning,
			Title: "A module under the folder is missing from go.work",
			Run:   deduped(checkGoWorkMissingModule)},
		&Rule{ID: "gowork-use-missing", Family: "modules", Severity: Error,
			Title: "A go.work use directory does not exist or holds no go.mod",
			Run:   deduped(checkGoWorkUseMissing)},
		&Rule{ID: "gowork-go-version", Family: "modules", Severity: Error,
			Title: "go.work's go version is lower than a used module's",
			Run:   deduped(checkGoWorkGoVersion)},
		&Rule{ID: "replace-missing-dir", Family: "modules", Severity: Error,
			Title: "A replace points at a directory that does not exist or holds no go.mod",
			Run:   deduped(checkReplaceMissingDir)},
		&Rule{ID: "replace-module-mismatch", Family: "modules", Severity: Error,
			Title: "A replace directory declares a different module path",
			Run:   deduped(checkReplaceModuleMismatch)},
		&Rule{ID: "replace-absolute-path", Family: "modules", Severity: Warning,
			Title: "A replace uses an absolute path",
			Run:   deduped(checkReplaceAbsolutePath)},
		&Rule{ID: "folder-inside-module", Family: "modules", Severity: Info,
			Title: "A workspace folder is a subdirectory of a module",
			Run:   deduped(checkFolderInsideModule)},
		&Rule{ID: "no-module", Family: "modules", Severity: Warning,
			Title: "Go files with no go.mod or go.work",
			Run:   deduped(checkNoModule)},
		&Rule{ID: "gomod-syntax", Family: "modules", Severity: Error,
			Title: "go.mod or go.work does not parse",
			Run:   deduped(checkGoModSyntax)},
	)
}

// deduped drops repeated findings (same check, file and range): folders
// that overlap see the same go.mod twice.
func deduped(run func(context.Context, *workspace.Snapshot) []Finding) func(context.Context, *workspace.Snapshot) []Finding {
	return func(ctx context.Context, snap *workspace.Snapshot) []Finding {
		fs := run(ctx, snap)
		type key struct {
			check, file string
			rng         textpos.Range
		}
		seen := make(map[key]bool, len(fs))
		out := fs[:0]
		for _, f := range fs {
			k := key{f.Check, f.File, f.Range}
			if !seen[k] {
				seen[k] = true
				out = append(out, f)
			}
		}
		return out
	}
}

// modEntry is one go.mod found by walking some workspace folder.
type modEntry struct {
	Path, Dir string
	// File is nil when the go.mod cannot be read; File.File is nil when it
	// does not parse (gomod-syntax reports it; other checks skip it).
	File *modules.ModFile
	// HasGo: the module owns .go files. A module that owns none (a
	// docs/assets carve-out) does not count as a module to build.
	HasGo bool
	// Folder is the first workspace folder whose walk found it.
	Folder workspace.Folder
	// Work is the go.work the go command would use in Dir.
	Work workspace.GoWorkState
}

func (m *modEntry) parsed() bool { return m.File != nil && m.File.File != nil }

// workEntry is one go.work the snapshot knows: found by a walk, by walking
// up from a folder or a module, or named by GOWORK.
type workEntry struct {
	Path string
	// File is nil when unreadable; File.File is nil when it does not parse.
	File    *modules.WorkFile
	FromEnv bool
	// useDirs are the resolved directories of its use lines, in order;
	// used is the same as a set.
	useDirs []string
	used    map[string]bool
}

func (w *workEntry) parsed() bool { return w.File != nil && w.File.File != nil }

// layoutIndex is what the §A checks share about a snapshot, built once per
// snapshot with maps so that no check compares modules pairwise. It is
// immutable once buildIndex returns (checks may run concurrently).
type layoutIndex struct {
	snap      *workspace.Snapshot
	mods      []*modEntry // sorted by path
	byDir     map[string]*modEntry
	byModPath map[string][]*modEntry // parsed go.mods by declared module path
	works     map[string]*workEntry
	workPaths []string // sorted keys of works

	// envWork is the go.work state every directory shares when GOWORK is
	// set (to a path or off); else workMemo memoizes the walk up per
	// directory, so modules that share parents share the stats.
	envWork  *workspace.GoWorkState
	workMemo map[string]workspace.GoWorkState
}

// indexKey memoizes the layout index on each snapshot.
type indexKey struct{}

// indexOf returns the layout index of snap, built once per snapshot (every
// §A rule shares it); nil when ctx is cancelled.
func indexOf(ctx context.Context, snap *workspace.Snapshot) *layoutIndex {
	idx, _ := snap.Memo(indexKey{}, func() any {
		if idx := buildIndex(ctx, snap); idx != nil {
			return idx
		}
		return nil
	}).(*layoutIndex)
	return idx
}

func buildIndex(ctx context.Context, snap *workspace.Snapshot) *layoutIndex {
	idx := &layoutIndex{
		snap:      snap,
		byDir:     map[string]*modEntry{},
		byModPath: map[string][]*modEntry{},
		works:     map[string]*workEntry{},
		workMemo:  map[string]workspace.GoWorkState{},
	}
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		st := snap.GoWork(folder.Path)
		if st.FromEnv || st.Off {
			idx.envWork = &st
		}
		idx.addWork(st)
		l := snap.Layout(folder.Path)
		if l == nil {
			continue
		}
		for _, w := range l.WorkFiles {
			idx.addWork(workspace.GoWorkState{Path: w})
		}
		for _, p := range l.ModFiles {
			dir := filepath.Dir(p)
			if m := idx.byDir[dir]; m != nil {
				m.HasGo = m.HasGo || l.HasGoFiles(p)
				continue
			}
			m := &modEntry{Path: p, Dir: dir, File: snap.ModFile(p), HasGo: l.HasGoFiles(p), Folder: folder, Work: idx.goWork(dir)}
			idx.byDir[dir] = m
			idx.mods = append(idx.mods, m)
			idx.addWork(m.Work)
			if mp := modulePath(m.File); mp != "" {
				idx.byModPath[mp] = append(idx.byModPath[mp], m)
			}
		}
	}
	sort.Slice(idx.mods, func(i, j int) bool { return idx.mods[i].Path < idx.mods[j].Path })
	for p := range idx.works {
		idx.workPaths = append(idx.workPaths, p)
	}
	sort.Strings(idx.workPaths)
	return idx
}

// addWork records a go.work. A GOWORK that is not an absolute path is the
// go command's error to report (gowork-invalid), and would be read against
// our working directory, so it is not followed.
func (idx *layoutIndex) addWork(st workspace.GoWorkState) {
	if st.Off || st.Path == "" || !filepath.IsAbs(st.Path) {
		return
	}
	if w := idx.works[st.Path]; w != nil {
		w.FromEnv = w.FromEnv || st.FromEnv
		return
	}
	w := &workEntry{Path: st.Path, File: idx.snap.WorkFile(st.Path), FromEnv: st.FromEnv, used: map[string]bool{}}
	if w.parsed() {
		dir := w.File.Dir()
		for _, u := range w.File.File.Use {
			d := modules.ResolveDir(dir, u.Path)
			w.useDirs = append(w.useDirs, d)
			w.used[d] = true
		}
	}
	idx.works[st.Path] = w
}

// goWork is snap.GoWork(dir), sharing the walk up between directories.
func (idx *layoutIndex) goWork(dir string) workspace.GoWorkState {
	if idx.envWork != nil {
		return *idx.envWork
	}
	if st, ok := idx.workMemo[dir]; ok {
		return st
	}
	var st workspace.GoWorkState
	if p := filepath.Join(dir, "go.work"); idx.snap.FileExists(p) {
		st.Path = p
	} else if parent := filepath.Dir(dir); parent != dir {
		st = idx.goWork(parent)
	}
	idx.workMemo[dir] = st
	return st
}

// modFileIn returns the parsed go.mod in dir: the walk's, else read through
// the snapshot (a directory outside every folder); nil if there is none.
func (idx *layoutIndex) modFileIn(dir string) *modules.ModFile {
	if m := idx.byDir[dir]; m != nil && m.File != nil {
		return m.File
	}
	p := filepath.Join(dir, "go.mod")
	if !idx.snap.FileExists(p) {
		return nil
	}
	return idx.snap.ModFile(p)
}

// workFor returns the parsed go.work in effect for a module, or nil.
func (idx *layoutIndex) workFor(m *modEntry) *workEntry {
	if m.Work.Off || m.Work.Path == "" {
		return nil
	}
	if w := idx.works[m.Work.Path]; w != nil && w.parsed() {
		return w
	}
	return nil
}

// lineRange is the range of a go.mod/go.work directive: from its first
// token to the end of its last (a use in a block: the directory token).
func lineRange(content []byte, l *modfile.Line) textpos.Range {
	if l == nil {
		return textpos.NewMapper(content).LineRange(0)
	}
	return textpos.NewMapper(content).Range(l.Start.Byte, l.End.Byte)
}

// moduleLineRange anchors on a go.mod's module line (line 1 if it has none).
func moduleLineRange(mf *modules.ModFile) textpos.Range {
	if mf.File == nil || mf.File.Module == nil {
		return textpos.NewMapper(mf.Content).LineRange(0)
	}
	return lineRange(mf.Content, mf.File.Module.Syntax)
}

// display names path for a message: relative to base when inside it or a
// couple of levels above, else absolute; always with forward slashes.
func display(base, path string) string {
	rel, err := filepath.Rel(base, path)
	if err != nil {
		return path
	}
	up := 0
	for r := filepath.ToSlash(rel); r == ".." || strings.HasPrefix(r, "../"); r = strings.TrimPrefix(r[2:], "/") {
		up++
	}
	if up > 2 {
		return path
	}
	return filepath.ToSlash(rel)
}

// workSource names a go.work and where it came from, for messages.
func workSource(w *workEntry, base string) string {
	if w.FromEnv {
		return w.Path + ", which GOWORK names (from the environment)"
	}
	return display(base, w.Path) + ", the nearest go.work above it"
}

// moduleName is how messages name a module: its path and where it is.
func moduleName(m *modEntry, base string) string {
	name := display(base, m.Dir)
	if mp := modulePath(m.File); mp != "" {
		return mp + " (" + name + ")"
	}
	return name
}

// modulePath is the module path a go.mod declares; "" when it cannot be
// read, does not parse or has no module line.
func modulePath(mf *modules.ModFile) string {
	if mf == nil {
		return ""
	}
	return mf.ModulePath()
}

// goVersion is a go.mod's go directive; "" when unknown.
func goVersion(mf *modules.ModFile) string {
	if mf == nil {
		return ""
	}
	return mf.GoVersion()
}
