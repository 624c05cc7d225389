// Fix builders for go.mod and go.work: every edit goes through
// x/mod/modfile and its formatter, so the result is what `go mod edit` and
// `go work use` would write, then becomes one minimal text edit.
package diagnostics

import (
	"bytes"
	"fmt"
	"go/version"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/fix"
)

// editWork re-parses a go.work from its text (never mutating the
// snapshot's parsed copy), applies edit, formats it as the go command does
// and returns the minimal change. CRLF files stay CRLF.
func editWork(path string, content []byte, edit func(*modfile.WorkFile) error) (fix.FileChange, error) {
	crlf, lf := splitCRLF(content)
	wf, err := modfile.ParseWork(path, lf, nil)
	if err != nil {
		return fix.FileChange{}, err
	}
	if err := edit(wf); err != nil {
		return fix.FileChange{}, err
	}
	wf.Cleanup()
	return fix.Replace(path, content, joinCRLF(crlf, modfile.Format(wf.Syntax))), nil
}

// editMod is editWork for go.mod.
func editMod(path string, content []byte, edit func(*modfile.File) error) (fix.FileChange, error) {
	crlf, lf := splitCRLF(content)
	f, err := modfile.Parse(path, lf, nil)
	if err != nil {
		return fix.FileChange{}, err
	}
	if err := edit(f); err != nil {
		return fix.FileChange{}, err
	}
	f.Cleanup()
	out, err := f.Format()
	if err != nil {
		return fix.FileChange{}, err
	}
	return fix.Replace(path, content, joinCRLF(crlf, out)), nil
}

// splitCRLF reports whether content uses CRLF line endings and returns it
// with LF endings: modfile keeps a "\r" inside end-of-line comments, and
// formats with "\n", so we edit in LF and convert back.
func splitCRLF(content []byte) (bool, []byte) {
	if !bytes.Contains(content, []byte("\r\n")) {
		return false, content
	}
	return true, bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
}

func joinCRLF(crlf bool, out []byte) []byte {
	if !crlf {
		return out
	}
	return bytes.ReplaceAll(out, []byte("\n"), []byte("\r\n"))
}

// newWorkFile is the text `go work init` followed by `go work use` writes.
func newWorkFile(goVersion string, uses []string) []byte {
	wf := &modfile.WorkFile{Syntax: &modfile.FileSyntax{}}
	if goVersion != "" {
		_ = wf.AddGoStmt(goVersion) // an invalid version is left out
	}
	for _, u := range uses {
		wf.AddNewUse(u, "")
	}
	wf.SortBlocks()
	wf.Cleanup()
	return modfile.Format(wf.Syntax)
}

// newModFile is the text `go mod init` writes.
func newModFile(modulePath, goVersion string) ([]byte, error) {
	f := &modfile.File{Syntax: &modfile.FileSyntax{}}
	if err := f.AddModuleStmt(modulePath); err != nil {
		return nil, err
	}
	if goVersion != "" {
		if err := f.AddGoStmt(goVersion); err != nil {
			return nil, err
		}
	}
	f.Cleanup()
	return f.Format()
}

// useDirPath is how `go work use` writes a module directory in a go.work
// at workDir: "./rel" with forward slashes, "../rel" above, "." for the
// go.work's own directory, absolute when no relative path exists.
func useDirPath(workDir, modDir string) string {
	return relDirPath(workDir, modDir)
}

// relDirPath writes dir relative to base as a go.mod/go.work directory
// path (cmd/go's ToDirectoryPath).
func relDirPath(base, dir string) string {
	rel, err := filepath.Rel(base, dir)
	if err != nil {
		return dir
	}
	rel = filepath.ToSlash(rel)
	if modfile.IsDirectoryPath(rel) {
		return rel
	}
	return "./" + rel
}

// setLineTarget rewrites the directory token of a use line (its last
// token) or a replace line (the token after "=>") in place, keeping the
// line where it is, its comments and any version.
func setLineTarget(line *modfile.Line, newPath string) error {
	if line == nil || len(line.Token) == 0 {
		return fmt.Errorf("no line to edit")
	}
	for i, tok := range line.Token {
		if tok == "=>" {
			if i+1 >= len(line.Token) {
				return fmt.Errorf("replace line has no target")
			}
			line.Token[i+1] = modfile.AutoQuote(newPath)
			return nil
		}
	}
	line.Token[len(line.Token)-1] = modfile.AutoQuote(newPath)
	return nil
}

// raiseWorkGo sets go.work's go version as `go work use` does
// (modload.UpdateWorkGoVersion): the toolchain line is dropped when the new
// go line implies it or asks for something older.
func raiseWorkGo(wf *modfile.WorkFile, goVersion string) error {
	if err := wf.AddGoStmt(goVersion); err != nil {
		return err
	}
	if wf.Toolchain != nil {
		name := wf.Toolchain.Name
		tv := strings.TrimPrefix(name, "go")
		if name == "go"+goVersion || compareGo(tv, goVersion) < 0 || compareGo(tv, "1.21") < 0 {
			wf.DropToolchainStmt()
		}
	}
	return nil
}

// compareGo compares Go versions written without the "go" prefix, as
// go.mod does ("1.21", "1.21.0", "1.21rc1"); invalid versions sort first.
func compareGo(a, b string) int {
	return version.Compare("go"+a, "go"+b)
}

// langVersion turns a toolchain version ("1.26.8", "go1.26.8", "1.26rc1")
// into a go.mod language version ("1.26"), or "".
func langVersion(v string) string {
	if !strings.HasPrefix(v, "go") {
		v = "go" + v
	}
	v, _, _ = strings.Cut(v, " ") // "go1.26.8 X:boringcrypto"
	lang := strings.TrimPrefix(version.Lang(v), "go")
	if !modfile.GoVersionRE.MatchString(lang) {
		return ""
	}
	return lang
}
