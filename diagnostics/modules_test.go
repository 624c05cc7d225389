package diagnostics

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/workspace"
)

// moduleRules are the §A checks, run directly (not through Run) so that a
// misbehaving rule cannot hide behind the registry's own guards.
func moduleRules() []*Rule {
	var rules []*Rule
	for _, r := range Rules {
		if r.Family == "modules" {
			rules = append(rules, r)
		}
	}
	return rules
}

func TestModuleChecksTolerateOddInput(t *testing.T) {
	root := t.TempDir()
	write := func(name, content string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		testfiles.WriteFile(t, p, []byte(content))
	}
	write("go.work", "go 1.22\nuse (\n\t./a\n\t./locked\n)\nreplace x => ./nowhere\n")
	write("a/go.mod", "module example.com/a\nreplace y => ../locked\n")
	write("a/a.go", "package a")
	write("locked/go.mod", "module example.com/locked\n")
	write("empty/go.mod", "")
	write("empty/e.go", "package e")
	write("bin/go.mod", "\xff\xfe garbage \x00")
	// An unreadable go.mod: known to the walk, unreadable to the snapshot.
	if err := os.Chmod(filepath.Join(root, "locked", "go.mod"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(filepath.Join(root, "locked", "go.mod"), 0o644) })

	snap, err := workspace.New(context.Background(), workspace.Options{
		// A folder that does not exist has no layout (its walk failed).
		Folders: []string{root, filepath.Join(root, "missing"), filepath.Join(root, "a")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Layout(filepath.Join(root, "missing")) != nil {
		t.Fatal("expected no layout for a missing folder")
	}
	for _, r := range moduleRules() {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("%s panicked: %v", r.ID, p)
				}
			}()
			r.Run(context.Background(), snap)
		}()
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	fresh, err := workspace.New(context.Background(), workspace.Options{Folders: []string{root}})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range moduleRules() {
		if fs := r.Run(ctx, fresh); len(fs) != 0 {
			t.Errorf("%s reported %d findings after cancellation", r.ID, len(fs))
		}
	}
}

func TestLangVersion(t *testing.T) {
	for in, want := range map[string]string{
		"1.26.8":                  "1.26",
		"go1.26.8":                "1.26",
		"1.26rc1":                 "1.26",
		"go1.21.0 X:boringcrypto": "1.21",
		"1.9":                     "1.9",
		"devel +abc":              "",
		"":                        "",
	} {
		if got := langVersion(in); got != want {
			t.Errorf("langVersion(%q) = %q, want %q", in, got, want)
		}
	}
	if langVersion(runtime.Version()) == "" && !strings.HasPrefix(runtime.Version(), "devel") {
		t.Errorf("the build's Go version %q gives no language version", runtime.Version())
	}
}

func TestRelDirPath(t *testing.T) {
	base := filepath.FromSlash("/w/repo")
	for dir, want := range map[string]string{
		"/w/repo":          ".",
		"/w/repo/a/b":      "./a/b",
		"/w/lib":           "../lib",
		"/w/repo/服务":       "./服务",
		"/other/x/y":       "../../other/x/y",
		"/w/repo/..x/dots": "./..x/dots",
	} {
		if got := relDirPath(base, filepath.FromSlash(dir)); got != want {
			t.Errorf("relDirPath(%s) = %q, want %q", dir, got, want)
		}
	}
}

func TestIsWindowsAbs(t *testing.T) {
	for p, want := range map[string]bool{
		`C:\src\a`: true, `c:/src`: true, `\\server\share`: true,
		`/home/u`: false, `./C:/x`: false, `C:`: false, `C:rel`: false, `1:/x`: false,
	} {
		if got := isWindowsAbs(p); got != want {
			t.Errorf("isWindowsAbs(%q) = %v", p, got)
		}
	}
}

func TestFolderModulePath(t *testing.T) {
	for folder, want := range map[string]string{
		"/w/widgets":    "widgets",
		"/w/my tool":    "my-tool",
		"/w/服务":         "example.com/m",
		"/w/api-服务":     "api",
		"/w/.hidden":    ".hidden", // CheckImportPath accepts it, as go mod init does
		"/w/Tool_v2.0~": "Tool_v2.0~",
	} {
		if got := folderModulePath(filepath.FromSlash(folder)); got != want {
			t.Errorf("folderModulePath(%q) = %q, want %q", folder, got, want)
		}
	}
}

func TestEditWorkKeepsCRLFAndIsMinimal(t *testing.T) {
	content := []byte("go 1.22\r\n\r\nuse ./a // main\r\n")
	change, err := editWork("/w/go.work", content, func(wf *modfile.WorkFile) error {
		return wf.AddUse("./b", "")
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(change.Edits) != 1 {
		t.Fatalf("want one minimal edit, got %d", len(change.Edits))
	}
	out, err := fix.Apply(content, change.Edits)
	if err != nil {
		t.Fatal(err)
	}
	want := "go 1.22\r\n\r\nuse (\r\n\t./a // main\r\n\t./b\r\n)\r\n"
	if string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
}
