package diagnostics

// Environment values set in VS Code settings (go.toolsEnvVars,
// gopls.build.env), with the span of each value: the WSL and Windows-path
// checks anchor on them and rewrite them.

import (
	"strings"

	"github.com/gomend/gomend/internal/jsonc"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/vscode"
	"github.com/gomend/gomend/internal/workspace"
)

// envSetting is one KEY: value of go.toolsEnvVars or gopls.build.env.
type envSetting struct {
	settings *vscode.Settings
	setting  string // "go.toolsEnvVars" or "gopls.build.env"
	key      string
	value    string
	ptr      string // JSON pointer of the value
	span     jsonc.Value
}

func (e envSetting) rng() textpos.Range {
	return textpos.NewMapper(e.settings.Doc.Content).Range(e.span.Start, e.span.End)
}

// label names the value for a message: `GOMODCACHE in go.toolsEnvVars (.vscode/settings.json)`.
func (e envSetting) label(base string) string {
	return e.key + " in " + e.setting + " (" + display(base, e.settings.Path) + ")"
}

// pointerToken escapes a JSON pointer token (RFC 6901).
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// envSettings lists the string values of go.toolsEnvVars and
// gopls.build.env in st, flat ("gopls.build.env") or nested ("gopls":
// {"build.env": …}), in document order.
func envSettings(st *vscode.Settings) []envSetting {
	if st == nil || st.Doc == nil {
		return nil
	}
	var out []envSetting
	for _, c := range []struct{ setting, ptr string }{
		{"go.toolsEnvVars", st.Ptr + "/" + pointerToken("go.toolsEnvVars")},
		{"gopls.build.env", st.Ptr + "/" + pointerToken("gopls.build.env")},
		{"gopls.build.env", st.Ptr + "/gopls/" + pointerToken("build.env")},
	} {
		obj := st.Doc.Find(c.ptr)
		if obj == nil {
			continue
		}
		for _, key := range obj.Keys() {
			ptr := c.ptr + "/" + pointerToken(key)
			v := st.Doc.Find(ptr)
			var s string
			if v == nil || v.Decode(&s) != nil {
				continue // not a string: the go command would ignore it too
			}
			out = append(out, envSetting{settings: st, setting: c.setting, key: key, value: s, ptr: ptr, span: *v})
		}
	}
	return out
}

// folderEnvSettings lists the env settings that apply to a folder: its
// .vscode/settings.json, then the .code-workspace's settings.
func folderEnvSettings(snap *workspace.Snapshot, folder workspace.Folder) []envSetting {
	out := envSettings(snap.Settings(folder.Path))
	if cw := snap.CodeWorkspace(); cw != nil {
		out = append(out, envSettings(cw.Settings)...)
	}
	return out
}

// effectiveEnv is the value gopls would get for key: from the folder's
// settings (which override the process environment), else the environment.
func effectiveEnv(snap *workspace.Snapshot, folder workspace.Folder, key string) (string, *envSetting) {
	for _, e := range folderEnvSettings(snap, folder) {
		if e.key == key {
			return e.value, &e
		}
	}
	return snap.Getenv(key), nil
}
