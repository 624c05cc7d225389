// Package workspace holds the Snapshot: an immutable view of everything the
// checks may look at — folders as given, file contents (the editor's unsaved
// text first), the module layout found by walking, settings, environment.
// Checks never do I/O of their own; they ask the snapshot.
package workspace

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"go.uber.org/zap"

	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/vscode"
)

// Folder is a workspace folder.
type Folder struct {
	// Path is absolute and lexically clean, exactly as the client or the
	// command line gave it: symlinks are NOT resolved (the symlink checks
	// depend on seeing what the editor sees).
	Path string
	Name string
	// Entry is the .code-workspace folder entry that listed this folder.
	Entry *vscode.FolderEntry
}

// Overlay is an editor buffer's text, which wins over the disk.
type Overlay struct {
	Version int32
	Text    []byte
}

// Options are the inputs of a first snapshot.
type Options struct {
	// Folders are absolute folder paths as given.
	Folders []string
	// CodeWorkspaceFile, if set, is the .code-workspace the folders came
	// from (its entries are attached to the matching folders); if Folders
	// is empty, its folders are used.
	CodeWorkspaceFile string
	// Env is the environment gopls would inherit (GOWORK, GOPATH, HOME, PATH…).
	Env map[string]string
	// Exec permits checks that run the go command (trusted workspace, no --no-exec).
	Exec bool
	// Untrusted says the editor does not trust the workspace (Exec is
	// false then); the CLI's --no-exec is not distrust.
	Untrusted bool
	// Runner runs the go command when Exec allows it (nil: never).
	Runner gocmd.Runner
	// GoVersion is the local toolchain's Go version ("1.26.8"), if known.
	GoVersion string
	Logger    *zap.Logger
	// Seen, if set, counts the directory entries the first walk visits, so
	// a caller can report progress on a big tree while New runs.
	Seen *atomic.Int64
	// Host describes the machine: probed, or read from --host FILE, so a
	// Windows, macOS or WSL host can be diagnosed (and tested) from Linux.
	Host hostfs.Host
	// Open are the documents open in the editor (paths as the client sent
	// them); the symlink checks look at them.
	Open []string
	// Traces are gopls traces or logs to analyse (gomend check --trace,
	// gomend trace); open documents that look like one are added.
	Traces []string
}

var seqCounter atomic.Uint64

// Snapshot is immutable once built: derive a new one with the With* methods.
type Snapshot struct {
	seq           uint64
	folders       []Folder
	codeWorkspace *vscode.CodeWorkspace
	env           map[string]string
	exec          bool
	untrusted     bool
	runner        gocmd.Runner
	goVersion     string
	host          hostfs.Host
	log           *zap.Logger
	// open is the set of documents open in the editor.
	open map[string]bool
	// traces are the trace files named by the caller.
	traces []string
	// walks counts the folder walks done for this snapshot and its
	// ancestors: a benchmark or test proves "no re-walk" by comparing it.
	walks int

	overlays map[string]Overlay
	layouts  map[string]*modules.Layout // by folder path
	walkErrs map[string]error
	settings map[string]*vscode.Settings // by folder path

	// Memoized reads, valid for this snapshot only (carried over to a
	// derived snapshot for files that did not change).
	mu     sync.Mutex
	disk   map[string]diskEntry
	mods   map[string]*modules.ModFile
	works  map[string]*modules.WorkFile
	exists map[string]fs.FileMode // stat results; fs.ModeIrregular = missing
	links  map[string]resolved    // symlink resolution of a path
	goDirs map[string]bool        // a directory holds Go files (bounded look)
	memo   map[any]any            // values derived from this snapshot alone
	calls  map[any]*goCall        // go command results, one run per key
}

type resolved struct {
	real  string
	links []hostfs.Link
	err   error
}

type diskEntry struct {
	data []byte
	err  error
}

// New reads the folders' settings and walks each folder once.
func New(ctx context.Context, opts Options) (*Snapshot, error) {
	s := &Snapshot{
		seq:       seqCounter.Add(1),
		env:       opts.Env,
		exec:      opts.Exec && opts.Runner != nil && !opts.Untrusted,
		untrusted: opts.Untrusted,
		runner:    opts.Runner,
		goVersion: opts.GoVersion,
		host:      opts.Host,
		log:       opts.Logger,
		open:      map[string]bool{},
		overlays:  map[string]Overlay{},
		layouts:   map[string]*modules.Layout{},
		walkErrs:  map[string]error{},
		settings:  map[string]*vscode.Settings{},
	}
	if s.log == nil {
		s.log = zap.NewNop()
	}
	if s.env == nil {
		s.env = map[string]string{}
	}
	s.resetCaches()
	for _, p := range opts.Open {
		s.open[filepath.Clean(p)] = true
	}
	for _, p := range opts.Traces {
		s.traces = append(s.traces, filepath.Clean(p))
	}
	paths := append([]string{}, opts.Folders...)
	if opts.CodeWorkspaceFile != "" {
		data, err := os.ReadFile(opts.CodeWorkspaceFile)
		if err != nil {
			return nil, err
		}
		s.codeWorkspace = vscode.ParseCodeWorkspace(opts.CodeWorkspaceFile, data)
		if len(paths) == 0 {
			for _, e := range s.codeWorkspace.Folders {
				paths = append(paths, e.Path)
			}
		}
	}
	for _, p := range paths {
		s.folders = append(s.folders, s.newFolder(p))
	}
	s.walkAll(ctx, s.folders, opts.Seen)
	return s, ctx.Err()
}

func (s *Snapshot) newFolder(path string) Folder {
	f := Folder{Path: filepath.Clean(path), Name: filepath.Base(path)}
	if s.codeWorkspace != nil {
		for i := range s.codeWorkspace.Folders {
			if e := &s.codeWorkspace.Folders[i]; e.Path == f.Path {
				f.Entry = e
				if e.Name != "" {
					f.Name = e.Name
				}
				break
			}
		}
	}
	return f
}

// walkAll reads settings and walks folders concurrently (each walk is itself
// parallel; folders rarely number more than a few).
func (s *Snapshot) walkAll(ctx context.Context, folders []Folder, seen *atomic.Int64) {
	s.walks += len(folders)
	var wg sync.WaitGroup
	var mu sync.Mutex
	for _, f := range folders {
		settings := s.readSettings(f.Path)
		s.settings[f.Path] = settings
		wg.Add(1)
		go func() {
			defer wg.Done()
			filter, _ := modules.NewDirFilter(s.directoryFilters(settings))
			l, err := modules.Walk(ctx, f.Path, modules.WalkOptions{Filter: filter, Logger: s.log, Seen: seen})
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				s.log.Warn("cannot walk folder", zap.String("folder", f.Path), zap.Error(err))
				s.walkErrs[f.Path] = err
				return
			}
			s.layouts[f.Path] = l
		}()
	}
	wg.Wait()
}

func (s *Snapshot) readSettings(folder string) *vscode.Settings {
	path := filepath.Join(folder, ".vscode", "settings.json")
	data, err := s.ReadFile(path)
	if err != nil {
		return &vscode.Settings{}
	}
	return vscode.ParseSettings(path, data)
}

// directoryFilters: a folder's own settings win over the .code-workspace's.
func (s *Snapshot) directoryFilters(folder *vscode.Settings) []string {
	if _, ok := folder.Get("gopls.build.directoryFilters"); ok {
		return folder.DirectoryFilters()
	}
	if s.codeWorkspace != nil && s.codeWorkspace.Settings != nil {
		return s.codeWorkspace.Settings.DirectoryFilters()
	}
	return folder.DirectoryFilters()
}

// Seq increases with every snapshot; later snapshots have larger numbers.
func (s *Snapshot) Seq() uint64 { return s.seq }

// Walks is how many folder walks built this snapshot and its ancestors.
func (s *Snapshot) Walks() int { return s.walks }

// Reads reports whether a check may read path's content, so that an
// editor buffer of any other file (a .go file being typed in) needs no new
// snapshot and no rerun. The §A checks read go.mod, go.work and VS Code
// configuration, and the package clause of a folder's first Go file when no
// go.mod is above it (no-module anchors on it); the §C checks read
// devcontainer.json; the go command reads go.sum and vendor/modules.txt.
func (s *Snapshot) Reads(path string) bool {
	switch base := filepath.Base(path); {
	case base == "go.mod", base == "go.work", base == "go.sum",
		base == "modules.txt" && filepath.Base(filepath.Dir(path)) == "vendor",
		base == "devcontainer.json", base == ".devcontainer.json",
		strings.HasSuffix(base, ".code-workspace"):
		return true
	case base == "settings.json":
		return filepath.Base(filepath.Dir(path)) == ".vscode"
	case strings.HasSuffix(base, ".go"):
		for _, l := range s.layouts {
			if l.FirstGoFile == path {
				return s.NearestModFile(filepath.Dir(path)) == ""
			}
		}
	}
	return false
}

// Folders are the workspace folders, in the order given.
func (s *Snapshot) Folders() []Folder { return s.folders }

// CodeWorkspace is the .code-workspace the folders came from, or nil.
func (s *Snapshot) CodeWorkspace() *vscode.CodeWorkspace { return s.codeWorkspace }

// Settings is a folder's .vscode/settings.json (empty if absent).
func (s *Snapshot) Settings(folder string) *vscode.Settings {
	if st := s.settings[folder]; st != nil {
		return st
	}
	return &vscode.Settings{}
}

// Layout is the walk of a folder; nil if the folder could not be walked
// (WalkError says why).
func (s *Snapshot) Layout(folder string) *modules.Layout { return s.layouts[folder] }

// WalkError is why a folder could not be walked, or nil.
func (s *Snapshot) WalkError(folder string) error { return s.walkErrs[folder] }

// Getenv returns an environment variable gopls would inherit.
func (s *Snapshot) Getenv(key string) string { return s.env[key] }

// LookupEnv is Getenv that tells unset from empty.
func (s *Snapshot) LookupEnv(key string) (string, bool) {
	v, ok := s.env[key]
	return v, ok
}

// Exec reports whether checks may run the go command.
func (s *Snapshot) Exec() bool { return s.exec }

// GoVersion is the local toolchain's version ("1.26.8"), or "" if unknown.
func (s *Snapshot) GoVersion() string { return s.goVersion }

// Host is the machine the workspace is diagnosed for.
func (s *Snapshot) Host() hostfs.Host { return s.host }

// OpenFiles are the documents open in the editor, sorted.
func (s *Snapshot) OpenFiles() []string {
	out := make([]string, 0, len(s.open))
	for p := range s.open {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// GoCommand is the go executable the environment's PATH would run (then
// $GOROOT/bin), found without running anything; "" if none.
func (s *Snapshot) GoCommand() string {
	v, _ := s.Memo(goCommandKey{}, func() any { return goenv.FindGo(s.env) }).(string)
	return v
}

type goCommandKey struct{}

// GoCommandIn is GoCommand for another environment (the one composed from
// the editor's settings): the go its PATH, then its GOROOT/bin, would run.
func (s *Snapshot) GoCommandIn(env map[string]string) string {
	key := goCommandInKey{env["PATH"], env["GOROOT"]}
	v, _ := s.Memo(key, func() any { return goenv.FindGo(env) }).(string)
	return v
}

type goCommandInKey struct{ path, goroot string }

// Writable reports whether this process could create or write path: the
// nearest part of it that exists must be a directory it may write to.
// blocker is that nearest existing part (a regular file in the way, or a
// directory it may not write).
func (s *Snapshot) Writable(path string) (ok bool, blocker string) {
	for d := filepath.Clean(path); ; {
		if m, exists := s.stat(d); exists {
			if !m.IsDir() {
				return false, d
			}
			return canWrite(d), d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return false, d
		}
		d = parent
	}
}

// ToolchainVersion is the Go version of the tree at goroot (its VERSION
// file), "" when it is not a Go release tree.
func (s *Snapshot) ToolchainVersion(goroot string) string {
	v, _ := s.Memo(toolchainKey{goroot}, func() any { return goenv.ToolchainVersion(goroot) }).(string)
	return v
}

type toolchainKey struct{ goroot string }

// SubDirs lists dir's subdirectories by name (none when unreadable).
func (s *Snapshot) SubDirs(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// Environ is the environment gopls would inherit; callers must not change it.
func (s *Snapshot) Environ() map[string]string { return s.env }

// IsOpen reports whether the editor has path open.
func (s *Snapshot) IsOpen(path string) bool { return s.open[path] }

// Links resolves path's symbolic links component by component (once per
// snapshot): the real path, and the links met, in order. A loop or a
// dangling link is an error, never a hang.
func (s *Snapshot) Links(path string) (string, []hostfs.Link, error) {
	s.mu.Lock()
	r, ok := s.links[path]
	s.mu.Unlock()
	if !ok {
		r.real, r.links, r.err = hostfs.ResolveLinks(path)
		s.mu.Lock()
		s.links[path] = r
		s.mu.Unlock()
	}
	return r.real, r.links, r.err
}

// OnDiskCase spells path as the directory entries on disk do (for
// case-insensitive file systems), or returns the error that stopped it.
func (s *Snapshot) OnDiskCase(path string) (string, error) {
	return hostfs.OnDiskCase(path)
}

// HoldsGoFiles reports whether dir, or a directory up to three levels
// below it that the go command would visit, holds a .go file: enough to
// tell a directory of Go packages from one of assets, without a walk.
func (s *Snapshot) HoldsGoFiles(dir string) bool {
	s.mu.Lock()
	v, ok := s.goDirs[dir]
	s.mu.Unlock()
	if !ok {
		v = holdsGoFiles(dir, 3)
		s.mu.Lock()
		s.goDirs[dir] = v
		s.mu.Unlock()
	}
	return v
}

func holdsGoFiles(dir string, depth int) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if !e.IsDir() && strings.HasSuffix(name, ".go") && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") {
			return true
		}
	}
	if depth == 0 {
		return false
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() && !strings.HasPrefix(name, ".") && !strings.HasPrefix(name, "_") && name != "testdata" && name != "vendor" && name != "node_modules" {
			if holdsGoFiles(filepath.Join(dir, name), depth-1) {
				return true
			}
		}
	}
	return false
}

// Logger is for checks to report broken invariants; never for I/O.
func (s *Snapshot) Logger() *zap.Logger { return s.log }

// Overlay returns the editor's buffer for path, if open.
func (s *Snapshot) Overlay(path string) (Overlay, bool) {
	o, ok := s.overlays[path]
	return o, ok
}

// ReadFile returns path's content: the editor's unsaved text if the file is
// open, else the disk's (read once per snapshot).
func (s *Snapshot) ReadFile(path string) ([]byte, error) {
	if o, ok := s.overlays[path]; ok {
		return o.Text, nil
	}
	s.mu.Lock()
	e, ok := s.disk[path]
	s.mu.Unlock()
	if !ok {
		data, err := os.ReadFile(path)
		e = diskEntry{data, err}
		s.mu.Lock()
		s.disk[path] = e
		s.mu.Unlock()
	}
	return e.data, e.err
}

// FileExists reports whether path is a regular file (or an open buffer).
func (s *Snapshot) FileExists(path string) bool {
	if _, ok := s.overlays[path]; ok {
		return true
	}
	m, ok := s.stat(path)
	return ok && m.IsRegular()
}

// DirExists reports whether path is a directory (following symlinks).
func (s *Snapshot) DirExists(path string) bool {
	m, ok := s.stat(path)
	return ok && m.IsDir()
}

func (s *Snapshot) stat(path string) (fs.FileMode, bool) {
	s.mu.Lock()
	m, ok := s.exists[path]
	s.mu.Unlock()
	if !ok {
		m = fs.ModeIrregular
		if fi, err := os.Stat(path); err == nil {
			m = fi.Mode()
		}
		s.mu.Lock()
		s.exists[path] = m
		s.mu.Unlock()
	}
	return m, m != fs.ModeIrregular
}

// ModFile returns the parsed go.mod at path, or nil if it cannot be read.
func (s *Snapshot) ModFile(path string) *modules.ModFile {
	s.mu.Lock()
	m, ok := s.mods[path]
	s.mu.Unlock()
	if ok {
		return m
	}
	if data, err := s.ReadFile(path); err == nil {
		m = modules.ParseMod(path, data)
	}
	s.mu.Lock()
	s.mods[path] = m
	s.mu.Unlock()
	return m
}

// WorkFile returns the parsed go.work at path, or nil if it cannot be read.
func (s *Snapshot) WorkFile(path string) *modules.WorkFile {
	s.mu.Lock()
	w, ok := s.works[path]
	s.mu.Unlock()
	if ok {
		return w
	}
	if data, err := s.ReadFile(path); err == nil {
		w = modules.ParseWork(path, data)
	}
	s.mu.Lock()
	s.works[path] = w
	s.mu.Unlock()
	return w
}

// GoWorkState is how the go command would pick a go.work for a directory.
type GoWorkState struct {
	// Path is the go.work in effect, or "".
	Path string
	// FromEnv is set when GOWORK named it.
	FromEnv bool
	// Off is set when GOWORK=off.
	Off bool
}

// GoWork resolves the go.work for dir as gopls and the go command do:
// GOWORK=off disables it, an absolute GOWORK names it, otherwise the nearest
// go.work at or above dir applies. Unsaved go.work buffers count.
func (s *Snapshot) GoWork(dir string) GoWorkState {
	if v, ok := s.env["GOWORK"]; ok && v != "" && v != "auto" {
		if v == "off" {
			return GoWorkState{Off: true}
		}
		return GoWorkState{Path: v, FromEnv: true}
	}
	return GoWorkState{Path: s.Nearest(dir, "go.work")}
}

// NearestModFile returns the go.mod at or above dir, or "".
func (s *Snapshot) NearestModFile(dir string) string { return s.Nearest(dir, "go.mod") }

// Nearest returns the file called name at or above dir (an open buffer
// counts), or "".
func (s *Snapshot) Nearest(dir, name string) string {
	for d := filepath.Clean(dir); ; {
		if p := filepath.Join(d, name); s.FileExists(p) {
			return p
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

func (s *Snapshot) resetCaches() {
	s.disk = map[string]diskEntry{}
	s.mods = map[string]*modules.ModFile{}
	s.works = map[string]*modules.WorkFile{}
	s.exists = map[string]fs.FileMode{}
	s.links = map[string]resolved{}
	s.goDirs = map[string]bool{}
	s.memo = map[any]any{}
	s.calls = map[any]*goCall{}
}

// Memo returns the value computed for key on this snapshot, computing it
// on first use. It is for values derived from the snapshot alone (an index
// the checks of one family share); a nil result is not remembered, so a
// computation cut short by cancellation is retried.
func (s *Snapshot) Memo(key any, compute func() any) any {
	s.mu.Lock()
	v, ok := s.memo[key]
	s.mu.Unlock()
	if ok {
		return v
	}
	v = compute()
	if v != nil {
		s.mu.Lock()
		s.memo[key] = v
		s.mu.Unlock()
	}
	return v
}
