package fix

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/textpos"
)

func mustWrite(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // umask may have narrowed it
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// countWrites counts the files the writer renames into place.
func countWrites(t *testing.T) *int {
	n := new(int)
	afterWriteHook = func(string) { *n++ }
	t.Cleanup(func() { afterWriteHook = nil })
	return n
}

// listDir names every entry under dir, to catch temp files left behind.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if p != dir {
			rel, _ := filepath.Rel(dir, p)
			names = append(names, rel)
		}
		return nil
	})
	return names
}

func TestWriteEditsAndKeepsMode(t *testing.T) {
	for _, mode := range []os.FileMode{0o600, 0o755} {
		t.Run(mode.String(), func(t *testing.T) {
			root := t.TempDir()
			path := filepath.Join(root, "go.work")
			old := "go 1.21\n\nuse ./a\n"
			mustWrite(t, path, old, mode)
			change := Replace(path, []byte(old), []byte("go 1.21\n\nuse (\n\t./a\n\t./b\n)\n"))

			plan, err := Write([]FileChange{change}, Scope{Folders: []string{root}})
			if err != nil {
				t.Fatal(err)
			}
			if len(plan) != 1 || !plan[0].Changed() {
				t.Fatalf("plan = %+v, want one changed file", plan)
			}
			if got := readFile(t, path); got != "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n" {
				t.Errorf("content = %q", got)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if runtime.GOOS != "windows" && fi.Mode().Perm() != mode {
				t.Errorf("mode = %v, want %v", fi.Mode().Perm(), mode)
			}
		})
	}
}

func TestWriteCreatesWithParents(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "新しい", "tools", "go.mod")
	if _, err := Write([]FileChange{Create(path, []byte("module example.com/tools\n"))}, Scope{Folders: []string{root}}); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "module example.com/tools\n" {
		t.Errorf("content = %q", got)
	}
	fi, _ := os.Stat(path)
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o644 {
		t.Errorf("new file mode = %v, want 0644", fi.Mode().Perm())
	}
}

// Applying the same changes twice writes nothing the second time: no
// rename, same inode, same mtime.
func TestWriteIsIdempotent(t *testing.T) {
	root := t.TempDir()
	work := filepath.Join(root, "go.work")
	old := "go 1.21\n"
	mustWrite(t, work, old, 0o644)
	created := filepath.Join(root, "b", "go.mod")
	changes := []FileChange{
		Replace(work, []byte(old), []byte("go 1.22\n")),
		Create(created, []byte("module b\n")),
	}
	writes := countWrites(t)
	if _, err := Write(changes, Scope{Folders: []string{root}}); err != nil {
		t.Fatal(err)
	}
	if *writes != 2 {
		t.Fatalf("first application wrote %d files, want 2", *writes)
	}
	before := statAll(t, work, created)

	// The second time the edit to go.work is recomputed from the new
	// content, as `gomend fix` would after re-running the checks; the
	// creation is the same change again.
	again := []FileChange{Replace(work, []byte("go 1.22\n"), []byte("go 1.22\n")), Create(created, []byte("module b\n"))}
	plan, err := Write(again, Scope{Folders: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range plan {
		if w.Changed() {
			t.Errorf("second application changes %s", w.Path)
		}
	}
	if *writes != 2 {
		t.Errorf("second application wrote %d more files", *writes-2)
	}
	after := statAll(t, work, created)
	for i := range before {
		if !os.SameFile(before[i], after[i]) || !before[i].ModTime().Equal(after[i].ModTime()) {
			t.Errorf("%s was rewritten", before[i].Name())
		}
	}
}

func statAll(t *testing.T, paths ...string) []os.FileInfo {
	var out []os.FileInfo
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, fi)
	}
	return out
}

func TestWriteRefuses(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses symlinks")
	}
	type setup struct {
		root, outside string
	}
	for _, tc := range []struct {
		name    string
		changes func(s setup) []FileChange
		wantErr string
	}{
		{
			name: "path outside the root",
			changes: func(s setup) []FileChange {
				return []FileChange{Create(filepath.Join(s.outside, "go.work"), []byte("go 1.22\n"))}
			},
			wantErr: "outside the workspace folders",
		},
		{
			name: "dot-dot escape",
			changes: func(s setup) []FileChange {
				return []FileChange{Create(s.root+"/../escape/go.work", []byte("go 1.22\n"))}
			},
			wantErr: "outside the workspace folders",
		},
		{
			name: "the root itself",
			changes: func(s setup) []FileChange {
				return []FileChange{Create(s.root, []byte("x"))}
			},
			wantErr: "outside the workspace folders",
		},
		{
			name: "relative path",
			changes: func(s setup) []FileChange {
				return []FileChange{Create("go.work", []byte("go 1.22\n"))}
			},
			wantErr: "not an absolute path",
		},
		{
			name: "symlinked file pointing outside",
			changes: func(s setup) []FileChange {
				target := filepath.Join(s.outside, "go.mod")
				mustWrite(t, target, "module outside\n", 0o644)
				link := filepath.Join(s.root, "go.mod")
				if err := os.Symlink(target, link); err != nil {
					t.Fatal(err)
				}
				return []FileChange{Replace(link, []byte("module outside\n"), []byte("module inside\n"))}
			},
			wantErr: "outside the workspace folders",
		},
		{
			name: "symlinked directory leaving the root",
			changes: func(s setup) []FileChange {
				if err := os.Symlink(s.outside, filepath.Join(s.root, "linked")); err != nil {
					t.Fatal(err)
				}
				return []FileChange{Create(filepath.Join(s.root, "linked", "sub", "go.mod"), []byte("module x\n"))}
			},
			wantErr: "outside the workspace folders",
		},
		{
			name: "broken symlink",
			changes: func(s setup) []FileChange {
				if err := os.Symlink(filepath.Join(s.outside, "nothing"), filepath.Join(s.root, "go.work")); err != nil {
					t.Fatal(err)
				}
				return []FileChange{Create(filepath.Join(s.root, "go.work"), []byte("go 1.22\n"))}
			},
			wantErr: "broken symlink",
		},
		{
			name: "create over other content",
			changes: func(s setup) []FileChange {
				mustWrite(t, filepath.Join(s.root, "go.work"), "go 1.21\n", 0o644)
				return []FileChange{Create(filepath.Join(s.root, "go.work"), []byte("go 1.22\n"))}
			},
			wantErr: "already exists",
		},
		{
			name: "edit a missing file",
			changes: func(s setup) []FileChange {
				return []FileChange{{File: filepath.Join(s.root, "go.mod"), Edits: []TextEdit{{NewText: "x"}}}}
			},
			wantErr: "does not exist",
		},
		{
			name: "a directory",
			changes: func(s setup) []FileChange {
				os.Mkdir(filepath.Join(s.root, "dir"), 0o755)
				return []FileChange{Create(filepath.Join(s.root, "dir"), []byte("x"))}
			},
			wantErr: "not a regular file",
		},
		{
			name: "overlapping edits",
			changes: func(s setup) []FileChange {
				p := filepath.Join(s.root, "go.mod")
				mustWrite(t, p, "module a\n", 0o644)
				r := textpos.Range{Start: textpos.Position{Character: 0}, End: textpos.Position{Character: 6}}
				return []FileChange{
					{File: p, Edits: []TextEdit{{Range: r, NewText: "x"}}},
					{File: p, Edits: []TextEdit{{Range: r, NewText: "y"}}},
				}
			},
			wantErr: "overlapping",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			base := t.TempDir()
			s := setup{root: filepath.Join(base, "root"), outside: filepath.Join(base, "outside")}
			for _, d := range []string{s.root, s.outside} {
				if err := os.Mkdir(d, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			// A valid change first: validation is all-or-nothing, so it
			// must not be written either.
			good := filepath.Join(s.root, "a", "go.mod")
			changes := append([]FileChange{Create(good, []byte("module a\n"))}, tc.changes(s)...)
			beforeRoot, beforeOutside := listDir(t, s.root), listDir(t, s.outside)

			writes := countWrites(t)
			_, err := Write(changes, Scope{Folders: []string{s.root}})
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Write error = %v, want one containing %q", err, tc.wantErr)
			}
			if *writes != 0 {
				t.Errorf("wrote %d files despite the error", *writes)
			}
			if got := listDir(t, s.root); strings.Join(got, ",") != strings.Join(beforeRoot, ",") {
				t.Errorf("root changed: %v, was %v", got, beforeRoot)
			}
			if got := listDir(t, s.outside); strings.Join(got, ",") != strings.Join(beforeOutside, ",") {
				t.Errorf("outside changed: %v, was %v", got, beforeOutside)
			}
		})
	}
}

// A symlink that stays inside the root is followed: the target is
// written and the link is kept.
func TestWriteThroughSymlinkInsideRoot(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses symlinks")
	}
	root := t.TempDir()
	target := filepath.Join(root, "real", "go.work")
	mustWrite(t, target, "go 1.21\n", 0o600)
	link := filepath.Join(root, "go.work")
	if err := os.Symlink(filepath.Join("real", "go.work"), link); err != nil {
		t.Fatal(err)
	}
	if _, err := Write([]FileChange{Replace(link, []byte("go 1.21\n"), []byte("go 1.22\n"))}, Scope{Folders: []string{root}}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	if got := readFile(t, target); got != "go 1.22\n" {
		t.Errorf("target = %q", got)
	}
}

// A failed write leaves no temporary file behind.
func TestWriteFailureLeavesNoTempFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("permission bits")
	}
	if os.Geteuid() == 0 {
		t.Skip("root can write into read-only directories")
	}
	root := t.TempDir()
	path := filepath.Join(root, "ro", "go.mod")
	mustWrite(t, path, "module a\n", 0o644)
	if err := os.Chmod(filepath.Dir(path), 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(path), 0o755) })
	_, err := Write([]FileChange{Replace(path, []byte("module a\n"), []byte("module b\n"))}, Scope{Folders: []string{root}})
	if err == nil {
		t.Fatal("Write into a read-only directory succeeded")
	}
	if got := listDir(t, root); strings.Join(got, ",") != "ro,ro/go.mod" {
		t.Errorf("entries after failure = %v", got)
	}
}

// The failing rename case works as root too: renaming a file over a
// directory fails after the temp file was written.
func TestWriteRenameFailureLeavesNoTempFile(t *testing.T) {
	root := t.TempDir()
	path := filepath.Join(root, "go.mod")
	mustWrite(t, path, "module a\n", 0o644)
	plan, err := Plan([]FileChange{Replace(path, []byte("module a\n"), []byte("module b\n"))}, Scope{Folders: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	// The file turns into a non-empty directory between planning and writing.
	os.Remove(path)
	mustWrite(t, filepath.Join(path, "inner"), "x", 0o644)
	err = writeAtomic(plan[0])
	if err == nil {
		t.Fatal("rename over a directory succeeded")
	}
	if got := listDir(t, root); strings.Join(got, ",") != "go.mod,go.mod/inner" {
		t.Errorf("entries after failure = %v", got)
	}
}

func TestDiff(t *testing.T) {
	w := FileWrite{Existed: true, Old: []byte("go 1.21\n\nuse ./a\n"), New: []byte("go 1.21\n\nuse (\n\t./a\n\t./b\n)\n")}
	want := "--- a/go.work\n+++ b/go.work\n@@ -1,3 +1,6 @@\n go 1.21\n \n-use ./a\n+use (\n+\t./a\n+\t./b\n+)\n"
	if got := w.Diff("go.work"); got != want {
		t.Errorf("Diff =\n%s\nwant\n%s", got, want)
	}
	created := FileWrite{New: []byte("go 1.22\n")}
	if got := created.Diff("go.work"); !strings.HasPrefix(got, "--- /dev/null\n+++ b/go.work\n") {
		t.Errorf("creation diff =\n%s", got)
	}
	same := FileWrite{Existed: true, Old: []byte("x\n"), New: []byte("x\n")}
	if got := same.Diff("x"); got != "" {
		t.Errorf("unchanged diff = %q", got)
	}
}

// The .code-workspace the folders came from may be written although it
// sits outside them; no other file beside it may.
func TestWriteScopeFiles(t *testing.T) {
	base := t.TempDir()
	folder := filepath.Join(base, "app", "internal")
	if err := os.MkdirAll(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	cw := filepath.Join(base, "p.code-workspace")
	mustWrite(t, cw, `{"folders": [{"path": "app/internal"}]}`, 0o644)
	other := filepath.Join(base, "other.json")
	mustWrite(t, other, `{}`, 0o644)
	scope := Scope{Folders: []string{folder}, Files: []string{cw}}

	if _, err := Write([]FileChange{Replace(cw, []byte(`{"folders": [{"path": "app/internal"}]}`), []byte(`{"folders": [{"path": "app"}]}`))}, scope); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, cw); got != `{"folders": [{"path": "app"}]}` {
		t.Errorf(".code-workspace = %q", got)
	}
	if _, err := Write([]FileChange{Replace(other, []byte(`{}`), []byte(`{"x": 1}`))}, scope); err == nil || !strings.Contains(err.Error(), "outside the workspace folders") {
		t.Errorf("writing a file beside the .code-workspace: %v", err)
	}
}
