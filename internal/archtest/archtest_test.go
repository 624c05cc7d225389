// Package archtest checks the architecture invariants of docs/architecture.md
// that the compiler cannot: which packages may import what, and who may
// write to stdout.
package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// goFiles yields the repository's non-test Go files, slash-relative to the root.
func goFiles(t *testing.T) map[string]*ast.File {
	t.Helper()
	root := filepath.Join("..", "..")
	files := map[string]*ast.File{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() && path != root && (name == "node_modules" || name == "testdata" || name == "demo" || name == "e2e" || strings.HasPrefix(name, ".")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		files[filepath.ToSlash(rel)] = f
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 20 {
		t.Fatalf("found only %d Go files: wrong root?", len(files))
	}
	return files
}

func imports(f *ast.File) []string {
	var out []string
	for _, imp := range f.Imports {
		p, _ := strconv.Unquote(imp.Path.Value)
		out = append(out, p)
	}
	return out
}

// Only server/ knows about LSP: checks return plain Findings.
func TestOnlyServerImportsLSP(t *testing.T) {
	for path, f := range goFiles(t) {
		for _, imp := range imports(f) {
			if strings.HasPrefix(imp, "go.lsp.dev/") && !strings.HasPrefix(path, "server/") {
				t.Errorf("%s imports %s: only server/ may", path, imp)
			}
		}
	}
}

// Checks do no I/O of their own and never run processes: everything comes
// through the snapshot.
func TestChecksDoNoIO(t *testing.T) {
	banned := []string{"os", "os/exec", "io/ioutil", "net", "net/http", "syscall"}
	for path, f := range goFiles(t) {
		if !strings.HasPrefix(path, "diagnostics/") {
			continue
		}
		for _, imp := range imports(f) {
			for _, b := range banned {
				if imp == b {
					t.Errorf("%s imports %s: checks read only through the snapshot", path, imp)
				}
			}
		}
	}
}

// Nothing but cmd/gomend may touch stdout: in serve mode it is the protocol.
func TestNoStdoutOutsideCmd(t *testing.T) {
	root := filepath.Join("..", "..")
	for path := range goFiles(t) {
		if strings.HasPrefix(path, "cmd/") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(path)))
		if err != nil {
			t.Fatal(err)
		}
		for _, bad := range []string{"os.Stdout", "fmt.Print(", "fmt.Println(", "fmt.Printf("} {
			if strings.Contains(string(data), bad) {
				t.Errorf("%s uses %s: logs go to stderr, stdout is the protocol", path, bad)
			}
		}
	}
}
