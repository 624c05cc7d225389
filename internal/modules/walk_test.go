package modules

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
)

func rels(t *testing.T, root string, paths []string) []string {
	var out []string
	for _, p := range paths {
		r, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return out
}

func TestWalkSkipsWhatGoSkips(t *testing.T) {
	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{
		"go.mod":                       "module a",
		"a.go":                         "package a",
		"tools/go.mod":                 "module tools",
		"tools/t.go":                   "package tools",
		"docs/go.mod":                  "module docs", // carve-out: no .go files
		"docs/index.md":                "",
		"testdata/x/go.mod":            "module x",
		"vendor/v/go.mod":              "module v",
		"node_modules/n/go.mod":        "module n",
		".git/go.mod":                  "module g",
		"_old/go.mod":                  "module o",
		"sub/deep/模块/go.mod":           "module deep",
		"sub/deep/模块/m.go":             "package m",
		"go.work":                      "go 1.22",
		"excluded/e/go.mod":            "module e",
		"sub/deep/模块/testdata/t.go":    "package t",
		"sub/deep/模块/inner/_skip.go":   "package skip",
		"sub/deep/模块/inner/.hidden.go": "package hidden",
	})
	filter, invalid := NewDirFilter([]string{"-excluded", "bogus"})
	if len(invalid) != 1 {
		t.Errorf("invalid filters = %v, want [bogus]", invalid)
	}
	l, err := Walk(context.Background(), root, WalkOptions{Filter: filter})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"docs/go.mod", "go.mod", "sub/deep/模块/go.mod", "tools/go.mod"}
	if got := rels(t, root, l.ModFiles); !reflect.DeepEqual(got, want) {
		t.Errorf("ModFiles = %v, want %v", got, want)
	}
	if got := rels(t, root, l.WorkFiles); !reflect.DeepEqual(got, []string{"go.work"}) {
		t.Errorf("WorkFiles = %v", got)
	}
	if !l.HasGoFiles(filepath.Join(root, "tools/go.mod")) || l.HasGoFiles(filepath.Join(root, "docs/go.mod")) {
		t.Errorf("HasGoFiles: tools should own .go files, docs should not")
	}
	if l.FirstGoFile != filepath.Join(root, "a.go") {
		t.Errorf("FirstGoFile = %q", l.FirstGoFile)
	}
}

func TestWalkSymlinkLoopAndUnreadable(t *testing.T) {
	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{"m/go.mod": "module m", "m/m.go": "package m", "locked/go.mod": "module l"})
	if err := os.Symlink(root, filepath.Join(root, "m", "loop")); err != nil {
		t.Skip("symlinks unsupported:", err)
	}
	if err := os.Symlink(filepath.Join(root, "nowhere"), filepath.Join(root, "dangling")); err != nil {
		t.Fatal(err)
	}
	locked := filepath.Join(root, "locked")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	l, err := Walk(context.Background(), root, WalkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := rels(t, root, l.DirLinks); !reflect.DeepEqual(got, []string{"m/loop"}) {
		t.Errorf("DirLinks = %v, want [m/loop] (dangling links are not directories)", got)
	}
	if os.Geteuid() != 0 { // root reads anything
		if got := rels(t, root, l.Skipped); !reflect.DeepEqual(got, []string{"locked"}) {
			t.Errorf("Skipped = %v, want [locked]", got)
		}
	}
}

func TestWalkCancelled(t *testing.T) {
	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{"a/go.mod": "module a"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Walk(ctx, root, WalkOptions{}); err == nil {
		t.Error("Walk with a cancelled context: want an error")
	}
}

func TestDirFilter(t *testing.T) {
	f, _ := NewDirFilter([]string{"-**/node_modules", "-gen", "+gen/keep", "-a/**/b"})
	for path, want := range map[string]bool{
		"node_modules":         true,
		"x/y/node_modules":     true,
		"x/node_modules_other": false,
		"gen":                  true,
		"gen/sub":              true,
		"gen/keep":             false,
		"gen/keep/deeper":      false,
		"general":              false,
		"a/b":                  true,
		"a/x/y/b":              true,
		"ab":                   false,
	} {
		if got := f.Excludes(path); got != want {
			t.Errorf("Excludes(%q) = %v, want %v", path, got, want)
		}
	}
	var nilFilter *DirFilter
	if nilFilter.Excludes("anything") {
		t.Error("a nil filter excludes nothing")
	}
}
