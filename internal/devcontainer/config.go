// Package devcontainer reads devcontainer.json as the devcontainers CLI
// does: where it looks, how it tolerates broken JSONC, its defaults for the
// workspace mount and folder, variable substitution, and the mounts in
// both their forms; and maps host paths to container paths through them.
package devcontainer

import (
	"github.com/gomend/gomend/internal/jsonc"
)

// Config is one devcontainer.json. Every property keeps the byte span of
// its value so a finding can be anchored on it and a fix can rewrite it.
type Config struct {
	Path    string
	Content []byte
	// Doc is the document, for edits: the whole file, or (when it does
	// not parse) the part before the error, closed, whose Content is then
	// not the file's: do not build edits of the file from it when Err is
	// set. Nil when no such part parses.
	//
	// The properties below are read as the CLI's lenient parser reads the
	// file, which goes on past a missing comma or a stray word, so they may
	// hold more than Doc; of repeated names they hold the last, as the CLI
	// does (Doc.Find finds the first). Their spans are of Content.
	Doc *jsonc.Doc
	// Err is where the file stops being JSONC, nil when it parses.
	Err *jsonc.SyntaxError
	// TrailingCommas are tolerated by the CLI but not by the schema.
	TrailingCommas []int
	// NotObject: the document is not a JSON object (the CLI refuses it).
	NotObject bool

	Image, DockerFile   *String
	DockerComposeFile   []*String
	Service             *String
	WorkspaceFolder     *String
	WorkspaceMount      *String
	Mounts              []*MountProp
	RemoteUser          *String
	ContainerUser       *String
	UpdateRemoteUserUID *bool
	ContainerEnv        []*EnvVar
	RemoteEnv           []*EnvVar
	// Lifecycle are the strings of the lifecycle commands (a string, an
	// array of strings, or an object of either), in file order.
	Lifecycle []*String
	// LegacySettings and LegacyExtensions are the top-level properties
	// the tools move under customizations.vscode.
	LegacySettings, LegacyExtensions *Span
}

// Span is a byte range of Config.Content.
type Span struct{ Start, End int }

// String is a string property: its raw text and the span of its value
// (quotes included); Key is the span of its name.
type String struct {
	Raw  string
	Span Span
	Key  Span
	// Ptr is the JSON pointer of the value, for edits.
	Ptr string
}

// EnvVar is one containerEnv or remoteEnv entry.
type EnvVar struct {
	Name string
	String
}

// MountProp is one element of "mounts": a string or an object, as
// written (Resolve substitutes variables and parses it).
type MountProp struct {
	Span Span
	Ptr  string
	Form string // "string" or "object"
	// Raw is the string form; Object the object form.
	Raw    string
	Object *Mount
}

// Compose reports whether the config runs through Docker Compose.
func (c *Config) Compose() bool { return len(c.DockerComposeFile) > 0 }
