package devcontainer

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
)

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

func subDirs(dir string) []string {
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

func TestLocate(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created, relative to the folder; a trailing / makes a directory
		want  []string
	}{
		{name: "nothing", files: nil, want: nil},
		{name: "empty .devcontainer", files: []string{".devcontainer/"}, want: nil},
		{name: "the usual place", files: []string{".devcontainer/devcontainer.json"}, want: []string{".devcontainer/devcontainer.json"}},
		{name: "at the root", files: []string{".devcontainer.json"}, want: []string{".devcontainer.json"}},
		{name: "a subfolder", files: []string{".devcontainer/builder/devcontainer.json"}, want: []string{".devcontainer/builder/devcontainer.json"}},
		{name: "precedence", files: []string{
			".devcontainer/zeta/devcontainer.json",
			".devcontainer.json",
			".devcontainer/alpha/devcontainer.json",
			".devcontainer/devcontainer.json",
		}, want: []string{
			".devcontainer/devcontainer.json",
			".devcontainer.json",
			".devcontainer/alpha/devcontainer.json",
			".devcontainer/zeta/devcontainer.json",
		}},
		{name: "subfolders sorted", files: []string{
			".devcontainer/go1.22/devcontainer.json",
			".devcontainer/Go/devcontainer.json",
			".devcontainer/go/devcontainer.json",
			".devcontainer/go1.21/devcontainer.json",
		}, want: []string{
			".devcontainer/Go/devcontainer.json",
			".devcontainer/go/devcontainer.json",
			".devcontainer/go1.21/devcontainer.json",
			".devcontainer/go1.22/devcontainer.json",
		}},
		{name: "only one level deep", files: []string{".devcontainer/a/b/devcontainer.json"}, want: nil},
		{name: "a subfolder without a config", files: []string{".devcontainer/scripts/setup.sh", ".devcontainer/go/devcontainer.json"},
			want: []string{".devcontainer/go/devcontainer.json"}},
		{name: "other names are not configs", files: []string{
			".devcontainer/devcontainer.jsonc", ".devcontainer/.devcontainer.json", "devcontainer.json", ".devcontainer/x/.devcontainer.json",
		}, want: nil},
		{name: "a directory named devcontainer.json", files: []string{".devcontainer/devcontainer.json/", ".devcontainer.json/"}, want: nil},
		{name: ".devcontainer is a file", files: []string{".devcontainer"}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			for _, f := range tt.files {
				p := filepath.Join(root, filepath.FromSlash(f))
				if f[len(f)-1] == '/' {
					if err := os.MkdirAll(p, 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				testfiles.WriteFile(t, p, []byte("{}"))
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, filepath.Join(root, filepath.FromSlash(w)))
			}
			if got := Locate(root, fileExists, subDirs); !reflect.DeepEqual(got, want) {
				t.Errorf("Locate =\n%q\nwant\n%q", got, want)
			}
		})
	}
}

// Locate asks only about the three places, and sorts a copy of what
// subdirs returns.
func TestLocateCallbacks(t *testing.T) {
	var asked []string
	exists := func(p string) bool {
		asked = append(asked, p)
		return p == filepath.Join("/r", ".devcontainer", "b", "devcontainer.json")
	}
	subs := []string{"c", "b", "a"}
	got := Locate("/r", exists, func(dir string) []string {
		if dir != filepath.Join("/r", ".devcontainer") {
			t.Errorf("subdirs(%q)", dir)
		}
		return subs
	})
	if want := []string{filepath.Join("/r", ".devcontainer", "b", "devcontainer.json")}; !reflect.DeepEqual(got, want) {
		t.Errorf("Locate = %q, want %q", got, want)
	}
	want := []string{
		filepath.Join("/r", ".devcontainer", "devcontainer.json"),
		filepath.Join("/r", ".devcontainer.json"),
		filepath.Join("/r", ".devcontainer", "a", "devcontainer.json"),
		filepath.Join("/r", ".devcontainer", "b", "devcontainer.json"),
		filepath.Join("/r", ".devcontainer", "c", "devcontainer.json"),
	}
	if !reflect.DeepEqual(asked, want) {
		t.Errorf("asked about\n%q\nwant\n%q", asked, want)
	}
	if !reflect.DeepEqual(subs, []string{"c", "b", "a"}) {
		t.Errorf("Locate sorted the caller's slice: %q", subs)
	}
}
