package goenv

// Environment composition: the environment gopls would get, built from
// layers, lowest precedence first, each value remembering which layer set
// it so a message can say "GO111MODULE=off comes from go.toolsEnvVars in
// .vscode/settings.json".

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
)

// Source is where a value was set.
type Source struct {
	// Kind names the layer: "the environment", "go env -w",
	// "go.toolsEnvVars", "gopls.build.env", "terminal.integrated.env.linux".
	Kind string
	// File is the file that sets it ("" for the process environment).
	File string
	// Start and End are the value's byte span in File, and Ptr its JSON
	// pointer, for a settings file; Line (1-based) where it is known.
	Start, End int
	Ptr        string
	Line       int
}

// Settings reports a source that is a VS Code settings file (editable).
func (s Source) Settings() bool { return s.Ptr != "" }

// Describe names the source for a message, with File shown relative to
// base when it is inside it, and the line when known ("go.toolsEnvVars in
// .vscode/settings.json, line 3").
func (s Source) Describe(base string) string {
	if s.File == "" {
		return s.Kind
	}
	file := s.File
	if rel, err := filepath.Rel(base, s.File); err == nil && !strings.HasPrefix(rel, "..") {
		file = filepath.ToSlash(rel)
	}
	if s.Line > 0 {
		return fmt.Sprintf("%s in %s, line %d", s.Kind, file, s.Line)
	}
	return s.Kind + " in " + file
}

// LineAt is the 1-based line of byte offset off in content.
func LineAt(content []byte, off int) int {
	if off > len(content) {
		off = len(content)
	}
	return bytes.Count(content[:off], []byte("\n")) + 1
}

// Value is one setting of a variable.
type Value struct {
	Key, Value string
	Source     Source
}

// Layer is one source of variables.
type Layer struct {
	Source Source
	Vars   []Value // each with its own Source (spans differ per value)
}

// Env is a composed environment.
type Env struct {
	vars map[string][]Value // every value set, lowest precedence first
}

// Compose builds the environment from layers, lowest precedence first.
func Compose(layers ...Layer) *Env {
	e := &Env{vars: map[string][]Value{}}
	for _, l := range layers {
		for _, v := range l.Vars {
			if v.Source.Kind == "" {
				v.Source = l.Source
			}
			e.vars[v.Key] = append(e.vars[v.Key], v)
		}
	}
	return e
}

// Lookup is the value in effect for key and where it came from.
func (e *Env) Lookup(key string) (Value, bool) {
	vs := e.vars[key]
	if len(vs) == 0 {
		return Value{}, false
	}
	return vs[len(vs)-1], true
}

// Get is the value in effect, "" when unset.
func (e *Env) Get(key string) string {
	v, _ := e.Lookup(key)
	return v.Value
}

// All lists every value set for key, lowest precedence first.
func (e *Env) All(key string) []Value { return e.vars[key] }

// Map is the environment in effect, as a process would get it.
func (e *Env) Map() map[string]string {
	m := make(map[string]string, len(e.vars))
	for k, vs := range e.vars {
		m[k] = vs[len(vs)-1].Value
	}
	return m
}

// Keys lists the variables set, sorted.
func (e *Env) Keys() []string {
	keys := make([]string, 0, len(e.vars))
	for k := range e.vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ConfigFile is where `go env -w` writes (GOENV): $GOENV, else the user
// config directory's go/env, as the go command finds it on goos. "" when
// GOENV=off or nothing says where.
func ConfigFile(env map[string]string, goos string) string {
	if v, ok := env["GOENV"]; ok {
		if v == "off" {
			return ""
		}
		if v != "" {
			return v
		}
	}
	var dir string
	switch goos {
	case "windows":
		dir = env["AppData"]
		if dir == "" {
			dir = env["APPDATA"]
		}
	case "darwin", "ios":
		if h := env["HOME"]; h != "" {
			dir = h + "/Library/Application Support"
		}
	default:
		dir = env["XDG_CONFIG_HOME"]
		if dir == "" || !filepath.IsAbs(dir) {
			if h := env["HOME"]; h != "" {
				dir = h + "/.config"
			}
		}
	}
	if dir == "" {
		return ""
	}
	return filepath.Join(dir, "go", "env")
}

// ParseConfigFile reads the `go env -w` file: KEY=VALUE lines; blank lines
// and lines without "=" are skipped, as the go command skips them.
func ParseConfigFile(path string, content []byte) []Value {
	var out []Value
	for i, line := range strings.Split(string(content), "\n") {
		line = strings.TrimRight(line, "\r")
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			continue
		}
		out = append(out, Value{Key: k, Value: v, Source: Source{Kind: "go env -w", File: path, Line: i + 1}})
	}
	return out
}

// SplitFlags splits GOFLAGS as the go command does: on spaces, each item a
// flag (-name or -name=value).
func SplitFlags(goflags string) []string { return strings.Fields(goflags) }
