package workspace

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	testfiles.WriteFile(t, path, []byte(content))
}

func newSnapshot(t *testing.T, opts Options) *Snapshot {
	t.Helper()
	s, err := New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestOverlayWinsAndSnapshotsStayImmutable(t *testing.T) {
	root := t.TempDir()
	gomod := filepath.Join(root, "go.mod")
	write(t, gomod, "module disk\n")
	s1 := newSnapshot(t, Options{Folders: []string{root}})
	if got := s1.ModFile(gomod).ModulePath(); got != "disk" {
		t.Fatalf("module = %q, want disk", got)
	}
	s2 := s1.WithOverlay(gomod, &Overlay{Version: 2, Text: []byte("module buffer\n")})
	if got := s2.ModFile(gomod).ModulePath(); got != "buffer" {
		t.Errorf("with overlay: module = %q, want buffer", got)
	}
	if got := s1.ModFile(gomod).ModulePath(); got != "disk" {
		t.Errorf("the older snapshot changed: module = %q", got)
	}
	if !SameLayout(s1, s2, root) {
		t.Error("an overlay must not re-walk")
	}
	if s2.Seq() <= s1.Seq() {
		t.Error("Seq must increase")
	}
	s3 := s2.WithOverlay(gomod, nil)
	if got := s3.ModFile(gomod).ModulePath(); got != "disk" {
		t.Errorf("after close: module = %q, want disk", got)
	}
}

func TestGoWorkResolution(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "go.work"), "go 1.22\n")
	write(t, filepath.Join(root, "a", "go.mod"), "module a\n")
	dir := filepath.Join(root, "a")
	s := newSnapshot(t, Options{Folders: []string{dir}})
	if got := s.GoWork(dir); got.Path != filepath.Join(root, "go.work") || got.FromEnv || got.Off {
		t.Errorf("walk up: %+v", got)
	}
	s = newSnapshot(t, Options{Folders: []string{dir}, Env: map[string]string{"GOWORK": "off"}})
	if got := s.GoWork(dir); !got.Off || got.Path != "" {
		t.Errorf("GOWORK=off: %+v", got)
	}
	other := filepath.Join(t.TempDir(), "x.work")
	s = newSnapshot(t, Options{Folders: []string{dir}, Env: map[string]string{"GOWORK": other}})
	if got := s.GoWork(dir); got.Path != other || !got.FromEnv {
		t.Errorf("GOWORK=path: %+v", got)
	}
	// An unsaved go.work buffer counts before it exists on disk.
	s = newSnapshot(t, Options{Folders: []string{dir}})
	s = s.WithOverlay(filepath.Join(dir, "go.work"), &Overlay{Text: []byte("go 1.22\n")})
	if got := s.GoWork(dir); got.Path != filepath.Join(dir, "go.work") {
		t.Errorf("overlay go.work: %+v", got)
	}
}

func TestFileChangesUpdateLayoutWithoutWalking(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "go.mod"), "module a\n")
	s1 := newSnapshot(t, Options{Folders: []string{root}})
	newMod := filepath.Join(root, "b", "go.mod")
	write(t, newMod, "module b\n")
	s2 := s1.WithFileChanges(context.Background(), []FileChange{{Path: newMod, Kind: Created}})
	if n := len(s2.Layout(root).ModFiles); n != 2 {
		t.Errorf("after create: %d go.mod files, want 2", n)
	}
	if n := len(s1.Layout(root).ModFiles); n != 1 {
		t.Errorf("the older snapshot changed: %d go.mod files", n)
	}
	write(t, newMod, "module b2\n")
	s3 := s2.WithFileChanges(context.Background(), []FileChange{{Path: newMod, Kind: Changed}})
	if got := s3.ModFile(newMod).ModulePath(); got != "b2" {
		t.Errorf("after change: module %q, want b2", got)
	}
	if !SameLayout(s2, s3, root) {
		t.Error("a content change must not touch the layout")
	}
	os.Remove(newMod)
	s4 := s3.WithFileChanges(context.Background(), []FileChange{{Path: newMod, Kind: Deleted}})
	if n := len(s4.Layout(root).ModFiles); n != 1 || s4.FileExists(newMod) {
		t.Errorf("after delete: %d go.mod files, exists=%v", n, s4.FileExists(newMod))
	}
}

func TestDirectoryFiltersChangeRewalks(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "a", "go.mod"), "module a\n")
	write(t, filepath.Join(root, "gen", "go.mod"), "module gen\n")
	settings := filepath.Join(root, ".vscode", "settings.json")
	write(t, settings, `{ // comment
  "gopls": { "build.directoryFilters": ["-gen"] },
}`)
	s1 := newSnapshot(t, Options{Folders: []string{root}})
	if n := len(s1.Layout(root).ModFiles); n != 1 {
		t.Fatalf("directoryFilters ignored: %d modules", n)
	}
	write(t, settings, `{}`)
	s2 := s1.WithFileChanges(context.Background(), []FileChange{{Path: settings, Kind: Changed}})
	if n := len(s2.Layout(root).ModFiles); n != 2 {
		t.Errorf("after removing the filter: %d modules, want 2", n)
	}
}

func TestCodeWorkspaceFolders(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "app", "go.mod"), "module app\n")
	cw := filepath.Join(root, "ws.code-workspace")
	write(t, cw, `{"folders": [{"path": "app", "name": "App"}, {"path": "./missing"}]}`)
	s := newSnapshot(t, Options{CodeWorkspaceFile: cw})
	fs := s.Folders()
	if len(fs) != 2 || fs[0].Path != filepath.Join(root, "app") || fs[0].Name != "App" || fs[0].Entry == nil {
		t.Fatalf("folders = %+v", fs)
	}
	if s.Layout(fs[1].Path) != nil || s.WalkError(fs[1].Path) == nil {
		t.Error("a missing folder has no layout and a walk error")
	}
}

func TestMemoIsPerSnapshot(t *testing.T) {
	root := t.TempDir()
	s1 := newSnapshot(t, Options{Folders: []string{root}})
	calls := 0
	compute := func() any { calls++; return calls }
	if a, b := s1.Memo("k", compute), s1.Memo("k", compute); a != 1 || b != 1 {
		t.Errorf("Memo computed twice on one snapshot: %v, %v", a, b)
	}
	if got := s1.Memo("nil", func() any { return nil }); got != nil {
		t.Errorf("nil result: got %v", got)
	}
	if got := s1.Memo("nil", func() any { return "retried" }); got != "retried" {
		t.Errorf("a nil result must not be remembered; got %v", got)
	}
	s2 := s1.WithOverlay(filepath.Join(root, "go.mod"), &Overlay{Text: []byte("module x\n")})
	if got := s2.Memo("k", compute); got != 2 {
		t.Errorf("a derived snapshot must compute afresh: got %v", got)
	}
}

// A directory created at once with files in it (a checkout) may come as a
// single event for the directory: what was known below it is forgotten.
func TestCreatedDirectoryForgetsWhatWasBelow(t *testing.T) {
	root := t.TempDir()
	snap, err := New(context.Background(), Options{Folders: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, ".devcontainer")
	file := filepath.Join(dir, "devcontainer.json")
	if snap.FileExists(file) {
		t.Fatal("the file exists before it was written")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	next := snap.WithFileChanges(context.Background(), []FileChange{{Path: dir, Kind: Created}})
	if !next.FileExists(file) {
		t.Error("after the directory's creation, the file in it is still missing")
	}
	if snap.FileExists(file) {
		t.Error("the old snapshot changed")
	}
}
