package goenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// fakeGoroot makes a toolchain tree whose bin/go is never run: only its
// presence and the VERSION file matter.
func fakeGoroot(t *testing.T, version string) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "goroot")
	if err := os.MkdirAll(filepath.Join(root, "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	name := "go"
	if runtime.GOOS == "windows" {
		name = "go.exe"
	}
	if err := os.WriteFile(filepath.Join(root, "bin", name), []byte("not a real go\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "VERSION"), []byte(version), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestLocalGoVersion(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses symlinks")
	}
	root := fakeGoroot(t, "go1.26.8\ntime 2026-08-28T16:20:06Z\n")
	other := fakeGoroot(t, "go1.22.1\n")
	linkDir := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "bin", "go"), filepath.Join(linkDir, "go")); err != nil {
		t.Fatal(err)
	}
	empty := t.TempDir()
	sep := string(filepath.ListSeparator)

	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"on PATH", map[string]string{"PATH": filepath.Join(root, "bin")}, "1.26.8"},
		{"symlink on PATH resolves to its GOROOT", map[string]string{"PATH": empty + sep + linkDir}, "1.26.8"},
		{"PATH wins over GOROOT", map[string]string{"PATH": filepath.Join(other, "bin"), "GOROOT": root}, "1.22.1"},
		{"GOROOT when PATH has none", map[string]string{"PATH": empty, "GOROOT": root}, "1.26.8"},
		{"relative PATH entries ignored", map[string]string{"PATH": "." + sep + "bin"}, ""},
		{"not found", map[string]string{"PATH": empty}, ""},
		{"no PATH", nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := LocalGoVersion(tc.env); got != tc.want {
				t.Errorf("LocalGoVersion = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestReadVersionFile(t *testing.T) {
	for content, want := range map[string]string{
		"go1.26.8\ntime x\n":          "1.26.8",
		"go1.27rc1":                   "1.27rc1",
		"devel go1.27-abc123 Mon Jan": "",
		"":                            "",
		"gopher\n":                    "",
	} {
		p := filepath.Join(t.TempDir(), "VERSION")
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := readVersionFile(p); got != want {
			t.Errorf("readVersionFile(%q) = %q, want %q", content, got, want)
		}
	}
	if got := readVersionFile(filepath.Join(t.TempDir(), "missing")); got != "" {
		t.Errorf("missing file: got %q", got)
	}
}
