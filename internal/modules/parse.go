package modules

import (
	"errors"
	"fmt"
	"path/filepath"

	"golang.org/x/mod/modfile"
)

// SyntaxError is where and why a go.mod or go.work does not parse.
type SyntaxError struct {
	// Offset is the byte offset the parser names; Line is 1-based.
	Offset, Line int
	Msg          string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%d: %s", e.Line, e.Msg) }

// ModFile is a parsed go.mod. File is nil when Err is set.
type ModFile struct {
	Path    string
	Content []byte
	File    *modfile.File
	Err     *SyntaxError
}

// Dir is the module root.
func (m *ModFile) Dir() string { return filepath.Dir(m.Path) }

// ModulePath is the declared module path, or "" if unknown.
func (m *ModFile) ModulePath() string {
	if m.File == nil || m.File.Module == nil {
		return ""
	}
	return m.File.Module.Mod.Path
}

// GoVersion is the go directive's version, or "".
func (m *ModFile) GoVersion() string {
	if m.File == nil || m.File.Go == nil {
		return ""
	}
	return m.File.Go.Version
}

// ParseMod parses a go.mod as the go command does (strictly).
func ParseMod(path string, content []byte) *ModFile {
	m := &ModFile{Path: path, Content: content}
	f, err := modfile.Parse(path, content, nil)
	if err != nil {
		m.Err = syntaxError(path, err)
		return m
	}
	m.File = f
	return m
}

// WorkFile is a parsed go.work. File is nil when Err is set.
type WorkFile struct {
	Path    string
	Content []byte
	File    *modfile.WorkFile
	Err     *SyntaxError
	// FromEnv is set when GOWORK named this file rather than a walk up.
	FromEnv bool
}

// Dir is the workspace root, against which `use` paths are resolved.
func (w *WorkFile) Dir() string { return filepath.Dir(w.Path) }

// GoVersion is the go directive's version, or "".
func (w *WorkFile) GoVersion() string {
	if w.File == nil || w.File.Go == nil {
		return ""
	}
	return w.File.Go.Version
}

// ParseWork parses a go.work.
func ParseWork(path string, content []byte) *WorkFile {
	w := &WorkFile{Path: path, Content: content}
	f, err := modfile.ParseWork(path, content, nil)
	if err != nil {
		w.Err = syntaxError(path, err)
		return w
	}
	w.File = f
	return w
}

// ResolveDir resolves a use/replace directory path relative to base, the
// way the go command does (absolute paths are kept).
func ResolveDir(base, p string) string {
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(base, filepath.FromSlash(p))
}

// IsLocalPath reports whether a replace target is a directory rather than a
// module path: the go command's rule is a leading "./", "../", "/" or a
// Windows volume.
func IsLocalPath(p string) bool {
	return modfile.IsDirectoryPath(p)
}

func syntaxError(path string, err error) *SyntaxError {
	var list modfile.ErrorList
	if errors.As(err, &list) && len(list) > 0 {
		e := list[0]
		msg := e.Err.Error()
		if e.Verb != "" && e.ModPath != "" {
			msg = fmt.Sprintf("%s %s: %v", e.Verb, e.ModPath, e.Err)
		}
		return &SyntaxError{Offset: e.Pos.Byte, Line: e.Pos.Line, Msg: msg}
	}
	// Errors from the lexer carry "file:line:col: msg" text and no position.
	var line, col int
	var msg string
	prefix := path + ":"
	text := err.Error()
	if len(text) > len(prefix) && text[:len(prefix)] == prefix {
		if n, _ := fmt.Sscanf(text[len(prefix):], "%d:%d: ", &line, &col); n == 2 {
			msg = text[len(prefix)+len(fmt.Sprintf("%d:%d: ", line, col)):]
			return &SyntaxError{Offset: -1, Line: line, Msg: msg + fmt.Sprintf(" (column %d)", col)}
		} else if n, _ := fmt.Sscanf(text[len(prefix):], "%d: ", &line); n == 1 {
			msg = text[len(prefix)+len(fmt.Sprintf("%d: ", line)):]
			return &SyntaxError{Offset: -1, Line: line, Msg: msg}
		}
	}
	return &SyntaxError{Offset: -1, Line: 1, Msg: text}
}
