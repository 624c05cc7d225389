package diagnostics

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// A .code-workspace that is not valid JSONC cannot be a check fixture (the
// CLI refuses to open one), so it is tested here: settings-syntax reports it
// at the parser's position, in UTF-16 columns, and the folders given
// alongside it are still checked.
func TestSettingsSyntaxCodeWorkspace(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) {
		t.Helper()
		p := filepath.Join(root, filepath.FromSlash(rel))
		testfiles.WriteFile(t, p, []byte(content))
	}
	write("dev.code-workspace", "{\n\t\"folders\": [\n\t\t{\"name\": \"服务😀\", \"path\": \"app\"}\n\t\t{\"path\": \"lib\"},\n\t],\n}\n")
	write("app/go.mod", "module example.com/app\n")
	write("app/.vscode/settings.json", `{"go.useLanguageServer": false}`)
	snap, err := workspace.New(context.Background(), workspace.Options{
		Folders:           []string{filepath.Join(root, "app")},
		CodeWorkspaceFile: filepath.Join(root, "dev.code-workspace"),
	})
	if err != nil {
		t.Fatal(err)
	}
	fs := Run(context.Background(), snap, Selection{"settings-syntax", "setting-gopls-disabled", "code-workspace-folder-missing"})
	var got []string
	for _, f := range fs {
		got = append(got, f.Check+" "+filepath.Base(f.File)+":"+f.Range.Start.String())
		if f.Check == "settings-syntax" {
			// Line 4, at the "{" that follows an element with no comma.
			want := textpos.Range{Start: textpos.Position{Line: 3, Character: 2}, End: textpos.Position{Line: 3, Character: 18}}
			if f.Range != want || !strings.Contains(f.Message, "This .code-workspace file is not valid JSON with comments") {
				t.Errorf("settings-syntax: %v %q, want range %v", f.Range, f.Message, want)
			}
		}
	}
	want := []string{"setting-gopls-disabled settings.json:1:2", "settings-syntax dev.code-workspace:4:3"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Files VS Code reads as valid settings are not syntax errors: empty, only
// comments, or valid JSONC after a UTF-8 byte order mark.
func TestSettingsSyntaxQuiet(t *testing.T) {
	for name, content := range map[string]string{
		"empty":    "",
		"comments": "// settings go here\n/* later */\n",
		"bom":      "\xEF\xBB\xBF{\"editor.tabSize\": 4}\n",
	} {
		t.Run(name, func(t *testing.T) {
			root := t.TempDir()
			dir := filepath.Join(root, ".vscode")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "settings.json"), []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			snap, err := workspace.New(context.Background(), workspace.Options{Folders: []string{root}})
			if err != nil {
				t.Fatal(err)
			}
			if fs := Run(context.Background(), snap, Selection{"settings-syntax"}); len(fs) != 0 {
				t.Errorf("%s settings.json: got %+v, want nothing", name, fs)
			}
		})
	}
}
