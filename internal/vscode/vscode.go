// Package vscode models the VS Code configuration gomend reads:
// .vscode/settings.json and .code-workspace files, as JSONC with positions.
package vscode

import (
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomend/gomend/internal/jsonc"
)

// Settings is one settings document (a folder's .vscode/settings.json, or
// the "settings" object of a .code-workspace).
type Settings struct {
	// Path is the file the settings came from ("" when absent).
	Path string
	// Doc is the parsed file, nil when absent or malformed.
	Doc *jsonc.Doc
	// Ptr is the JSON pointer of the settings object within Doc ("" for the
	// whole document, "/settings" in a .code-workspace).
	Ptr string
	// Err is set when the file exists but is not valid JSONC.
	Err *jsonc.SyntaxError
	// values holds the decoded settings, by their flat name ("gopls" → object).
	values map[string]any
}

// ParseSettings reads a settings.json document.
func ParseSettings(path string, content []byte) *Settings {
	s := &Settings{Path: path}
	doc, err := jsonc.Parse(content)
	if err != nil {
		s.Err = err.(*jsonc.SyntaxError)
		return s
	}
	s.Doc = doc
	_ = doc.Decode(&s.values) // a non-object document has no settings
	return s
}

// Get returns a setting by its flat name ("go.useLanguageServer"); for
// "gopls" sub-keys ("gopls.build.directoryFilters") it looks inside the
// "gopls" object too, as VS Code's language-specific settings do.
func (s *Settings) Get(name string) (any, bool) {
	if s == nil || s.values == nil {
		return nil, false
	}
	if v, ok := s.values[name]; ok {
		return v, true
	}
	if rest, ok := strings.CutPrefix(name, "gopls."); ok {
		if obj, ok := s.values["gopls"].(map[string]any); ok {
			v, ok := obj[rest]
			return v, ok
		}
	}
	return nil, false
}

// Strings returns a string-array setting.
func (s *Settings) Strings(name string) []string {
	v, _ := s.Get(name)
	arr, _ := v.([]any)
	var out []string
	for _, e := range arr {
		if str, ok := e.(string); ok {
			out = append(out, str)
		}
	}
	return out
}

// DirectoryFilters returns gopls's build.directoryFilters, gopls's default
// when unset.
func (s *Settings) DirectoryFilters() []string {
	if _, ok := s.Get("gopls.build.directoryFilters"); ok {
		return s.Strings("gopls.build.directoryFilters")
	}
	return []string{"-**/node_modules"}
}

// CodeWorkspace is a parsed .code-workspace file.
type CodeWorkspace struct {
	Path    string
	Doc     *jsonc.Doc
	Err     *jsonc.SyntaxError
	Folders []FolderEntry
	// Settings is the file's "settings" object.
	Settings *Settings
}

// FolderEntry is one element of "folders".
type FolderEntry struct {
	Index int
	// Raw is the path as written; Path is it resolved against the
	// .code-workspace's directory, lexically (symlinks kept).
	Raw, Path, Name string
	// ValueStart, ValueEnd span the "path" string value, quotes included.
	ValueStart, ValueEnd int
}

// ParseCodeWorkspace reads a .code-workspace file.
func ParseCodeWorkspace(path string, content []byte) *CodeWorkspace {
	cw := &CodeWorkspace{Path: path}
	doc, err := jsonc.Parse(content)
	if err != nil {
		cw.Err = err.(*jsonc.SyntaxError)
		return cw
	}
	cw.Doc = doc
	var raw struct {
		Folders []struct {
			Path string `json:"path"`
			Name string `json:"name"`
			URI  string `json:"uri"`
		} `json:"folders"`
	}
	_ = doc.Decode(&raw)
	for i, f := range raw.Folders {
		if f.Path == "" { // "uri" entries are remote folders; not ours to check
			continue
		}
		e := FolderEntry{Index: i, Raw: f.Path, Name: f.Name}
		p := filepath.FromSlash(f.Path)
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(path), p)
		}
		e.Path = filepath.Clean(p)
		if v := doc.Find("/folders/" + strconv.Itoa(i) + "/path"); v != nil {
			e.ValueStart, e.ValueEnd = v.Start, v.End
		}
		cw.Folders = append(cw.Folders, e)
	}
	cw.Settings = &Settings{Path: path, Doc: doc, Ptr: "/settings"}
	if v := doc.Find("/settings"); v != nil {
		_ = v.Decode(&cw.Settings.values)
	}
	return cw
}
