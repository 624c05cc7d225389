package vscode

import (
	"path/filepath"
	"slices"
	"testing"
)

func TestSettings(t *testing.T) {
	s := ParseSettings("/w/.vscode/settings.json", []byte(`{
	// gopls settings nest under "gopls"
	"gopls": { "build.directoryFilters": ["-gen", "+gen/keep"], },
	"go.useLanguageServer": false,
}`))
	if s.Err != nil {
		t.Fatal(s.Err)
	}
	if got := s.DirectoryFilters(); !slices.Equal(got, []string{"-gen", "+gen/keep"}) {
		t.Errorf("DirectoryFilters = %v", got)
	}
	if v, ok := s.Get("go.useLanguageServer"); !ok || v != false {
		t.Errorf("go.useLanguageServer = %v, %v", v, ok)
	}
	empty := ParseSettings("/w/.vscode/settings.json", []byte(`{}`))
	if got := empty.DirectoryFilters(); !slices.Equal(got, []string{"-**/node_modules"}) {
		t.Errorf("default DirectoryFilters = %v, want gopls's default", got)
	}
	bad := ParseSettings("/w/.vscode/settings.json", []byte(`{"a": }`))
	if bad.Err == nil || bad.Err.Offset != 6 {
		t.Errorf("malformed settings: Err = %+v, want offset 6", bad.Err)
	}
	if _, ok := bad.Get("a"); ok {
		t.Error("a malformed file has no settings")
	}
}

func TestCodeWorkspace(t *testing.T) {
	dir := filepath.FromSlash("/home/u/ws")
	content := []byte(`{
	"folders": [
		{ "path": "app", "name": "The app" },
		{ "uri": "vscode-remote://ssh-remote+host/src" },
		{ "path": "/abs/lib" },
		{ "path": "../项目" },
	],
	"settings": { "gopls": { "build.directoryFilters": ["-x"] } },
}`)
	cw := ParseCodeWorkspace(filepath.Join(dir, "a.code-workspace"), content)
	if cw.Err != nil {
		t.Fatal(cw.Err)
	}
	if len(cw.Folders) != 3 {
		t.Fatalf("folders = %+v, want 3 (the uri entry is skipped)", cw.Folders)
	}
	want := []string{filepath.Join(dir, "app"), filepath.FromSlash("/abs/lib"), filepath.FromSlash("/home/u/项目")}
	for i, f := range cw.Folders {
		if f.Path != want[i] {
			t.Errorf("folder %d path = %q, want %q", i, f.Path, want[i])
		}
		if got := string(content[f.ValueStart:f.ValueEnd]); got != `"`+f.Raw+`"` {
			t.Errorf("folder %d value span = %q, want the quoted path", i, got)
		}
	}
	if cw.Folders[0].Name != "The app" || cw.Folders[2].Index != 3 {
		t.Errorf("names/indexes: %+v", cw.Folders)
	}
	if got := cw.Settings.DirectoryFilters(); !slices.Equal(got, []string{"-x"}) {
		t.Errorf("workspace settings DirectoryFilters = %v", got)
	}
	broken := ParseCodeWorkspace("/w/a.code-workspace", []byte(`{"folders": [`))
	if broken.Err == nil || len(broken.Folders) != 0 {
		t.Errorf("truncated file: %+v", broken)
	}
}
