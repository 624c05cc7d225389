// Go environment and toolchain (CHECKS.md §D), the checks that need no
// process: the environment gopls would see, composed from every source with
// the source of each value, read statically. This file registers them and
// composes the environment; the checks live in goenv_*.go.
package diagnostics

import (
	"strings"

	"github.com/gomend/gomend/internal/devcontainer"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/vscode"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "go-not-found", Family: "goenv", Severity: Error,
			Title: "No go command on the PATH gopls would use",
			Run:   checkGoNotFound},
		&Rule{ID: "goroot-invalid", Family: "goenv", Severity: Error,
			Title: "GOROOT is not a Go tree, or not the running go's",
			Run:   checkGorootInvalid},
		&Rule{ID: "goroot-gopath-overlap", Family: "goenv", Severity: Warning,
			Title: "GOPATH equals GOROOT, or one holds the other",
			Run:   checkGorootGopathOverlap},
		&Rule{ID: "gopath-relative", Family: "goenv", Severity: Error,
			Title: "A GOPATH entry is a relative path",
			Run:   checkGopathRelative},
		&Rule{ID: "gomodule-off", Family: "goenv", Severity: Warning,
			Title: "GO111MODULE=off beside a go.mod or go.work",
			Run:   checkGomoduleOff},
		&Rule{ID: "gowork-off", Family: "goenv", Severity: Warning,
			Title: "GOWORK=off while a go.work applies",
			Run:   checkGoworkOff},
		&Rule{ID: "cache-unwritable", Family: "goenv", Severity: Error,
			Title: "GOCACHE or GOMODCACHE cannot be written",
			Run:   checkCacheUnwritable},
		&Rule{ID: "gowork-invalid", Family: "goenv", Severity: Error,
			Title: "GOWORK is relative, or names a file that does not exist or does not parse",
			Run:   checkGoworkInvalid},
		&Rule{ID: "goflags-conflict", Family: "goenv", Severity: Error,
			Title: "GOFLAGS that break loading",
			Run:   checkGoflagsConflict},
		&Rule{ID: "goproxy-unusable", Family: "goenv", Severity: Warning,
			Title: "GOPROXY is off while required modules are not in the cache, or names a mirror that shut down",
			Run:   checkGoproxyUnusable},
		&Rule{ID: "gosumdb-off", Family: "goenv", Severity: Warning,
			Title: "Checksum verification is weakened",
			Run:   checkGosumdbOff},
		&Rule{ID: "env-inconsistent", Family: "goenv", Severity: Warning,
			Title: "The terminal and gopls see different values of a Go variable",
			Run:   checkEnvInconsistent},
		&Rule{ID: "toolchain-too-old", Family: "goenv", Severity: Error,
			Title: "go.mod asks for a newer Go than the local toolchain, and switching is off",
			Run:   checkToolchainTooOld},
		&Rule{ID: "gopls-unsupported", Family: "goenv", Severity: Warning,
			Title: "The gopls that would run does not support this Go version",
			Run:   checkGoplsUnsupported},
		&Rule{ID: "vendor-inconsistent", Family: "goenv", Severity: Warning, NeedsGo: true,
			Title: "vendor/modules.txt disagrees with go.mod",
			Run:   goCommandChecks("vendor-inconsistent")},
		&Rule{ID: "gosum-missing", Family: "goenv", Severity: Error, NeedsGo: true,
			Title: "go.sum lacks entries the build needs",
			Run:   goCommandChecks("gosum-missing")},
		&Rule{ID: "missing-requirement", Family: "goenv", Severity: Error, NeedsGo: true,
			Title: "An import is provided by no required module",
			Run:   goCommandChecks("missing-requirement")},
		&Rule{ID: "load-error", Family: "goenv", Severity: Error, NeedsGo: true,
			Title: "Loading the workspace with gopls's environment fails",
			Run:   goCommandChecks("load-error")},
		&Rule{ID: "untrusted-workspace", Family: "goenv", Severity: Info,
			Title: "The workspace is not trusted: checks that run the go command were skipped",
			Run:   checkUntrustedWorkspace},
	)
}

// folderEnv is the environment gopls would get in a folder and the one
// its integrated terminal gets, each value with its source.
type folderEnv struct {
	gopls, terminal *goenv.Env
	// settings maps a settings file to its parsed form, for edits.
	settings map[string]*vscode.Settings
}

type folderEnvKey struct{ folder string }

// envOf composes a folder's environments, once per snapshot: the go env -w
// file, then the process environment, then (for gopls) go.toolsEnvVars and
// gopls.build.env or (for the terminal) terminal.integrated.env.<os>; the
// .code-workspace's settings first, the folder's own over them.
func envOf(snap *workspace.Snapshot, folder workspace.Folder) *folderEnv {
	v, _ := snap.Memo(folderEnvKey{folder.Path}, func() any {
		fe := &folderEnv{settings: map[string]*vscode.Settings{}}
		env := snap.Environ()
		var base []goenv.Layer
		if file := goenv.ConfigFile(env, hostGOOS(snap)); file != "" {
			if content, err := snap.ReadFile(file); err == nil {
				base = append(base, goenv.Layer{Vars: goenv.ParseConfigFile(file, content)})
			}
		}
		process := goenv.Layer{Source: goenv.Source{Kind: "the environment"}}
		for k, v := range env {
			process.Vars = append(process.Vars, goenv.Value{Key: k, Value: v})
		}
		base = append(base, process)
		if inDevContainer(env) {
			base = append(base, devContainerLayers(snap, folder, env)...)
		}
		var sources []*vscode.Settings
		if cw := snap.CodeWorkspace(); cw != nil && cw.Settings != nil {
			sources = append(sources, cw.Settings)
		}
		sources = append(sources, snap.Settings(folder.Path))
		var tools, build, term goenv.Layer
		for _, st := range sources {
			if st == nil || st.Doc == nil {
				continue
			}
			fe.settings[st.Path] = st
			for _, e := range envSettings(st) {
				v := goenv.Value{Key: e.key, Value: e.value, Source: goenv.Source{Kind: e.setting, File: st.Path, Start: e.span.Start, End: e.span.End, Ptr: e.ptr,
					Line: goenv.LineAt(st.Doc.Content, e.span.Start)}}
				if e.setting == "go.toolsEnvVars" {
					tools.Vars = append(tools.Vars, v)
				} else {
					build.Vars = append(build.Vars, v)
				}
			}
			term.Vars = append(term.Vars, terminalEnv(st, hostGOOS(snap))...)
		}
		fe.gopls = goenv.Compose(append(append([]goenv.Layer{}, base...), tools, build)...)
		fe.terminal = goenv.Compose(append(append([]goenv.Layer{}, base...), term)...)
		return fe
	}).(*folderEnv)
	return v
}

// inDevContainer reports a process that VS Code started inside a dev
// container (or a Codespace): its environment then holds the config's
// containerEnv and remoteEnv.
func inDevContainer(env map[string]string) bool {
	return env["REMOTE_CONTAINERS"] == "true" || env["CODESPACES"] == "true"
}

// devContainerLayers attributes values of the process environment to the
// folder's devcontainer.json when its containerEnv or remoteEnv sets them
// to exactly that value: the message can then name the line. The values
// stay the same, and no edit is offered: the container keeps its
// environment until it is rebuilt, so the fix is the user's.
func devContainerLayers(snap *workspace.Snapshot, folder workspace.Folder, env map[string]string) []goenv.Layer {
	var out []goenv.Layer
	for _, d := range devConfigs(snap) {
		if d.folder.Path != folder.Path || d.Doc == nil {
			continue
		}
		for _, set := range []struct {
			kind string
			vars []*devcontainer.EnvVar
		}{{"containerEnv", d.ContainerEnv}, {"remoteEnv", d.RemoteEnv}} {
			var l goenv.Layer
			for _, e := range set.vars {
				v := devcontainer.Substitute(e.Raw, d.ws.Vars)
				if strings.Contains(v, "${") || env[e.Name] != v {
					continue // not (or no longer) what the process got
				}
				l.Vars = append(l.Vars, goenv.Value{Key: e.Name, Value: v, Source: goenv.Source{Kind: set.kind, File: d.Path,
					Start: e.Span.Start, End: e.Span.End, Ptr: e.Ptr, Line: goenv.LineAt(d.Content, e.Span.Start)}})
			}
			out = append(out, l)
		}
	}
	return out
}

func hostGOOS(snap *workspace.Snapshot) string {
	if os := snap.Host().OS; os != "" {
		return os
	}
	return "linux"
}

// terminalEnv reads terminal.integrated.env.<os> of a settings file.
func terminalEnv(st *vscode.Settings, goos string) []goenv.Value {
	key := map[string]string{"windows": "windows", "darwin": "osx"}[goos]
	if key == "" {
		key = "linux"
	}
	setting := "terminal.integrated.env." + key
	ptr := st.Ptr + "/" + pointerToken(setting)
	obj := st.Doc.Find(ptr)
	if obj == nil {
		return nil
	}
	var out []goenv.Value
	for _, k := range obj.Keys() {
		p := ptr + "/" + pointerToken(k)
		v := st.Doc.Find(p)
		var s string
		if v == nil || v.Decode(&s) != nil {
			continue
		}
		out = append(out, goenv.Value{Key: k, Value: s, Source: goenv.Source{Kind: setting, File: st.Path, Start: v.Start, End: v.End, Ptr: p, Line: goenv.LineAt(st.Doc.Content, v.Start)}})
	}
	return out
}

// envAnchor is where a finding about a value goes: the value in its
// settings file, else the folder's go.mod module line (or go.work).
func envAnchor(snap *workspace.Snapshot, folder workspace.Folder, v goenv.Value) (string, textpos.Range, string, bool) {
	if v.Source.Settings() {
		if content, err := snap.ReadFile(v.Source.File); err == nil && v.Source.End <= len(content) {
			return v.Source.File, textpos.NewMapper(content).Range(v.Source.Start, v.Source.End), "settings", true
		}
	}
	a, ok := goAnchor(snap, folder)
	return a.file, a.rng, a.source, ok
}

// goAnchor is folderAnchor without the .code-workspace entry: the folder's
// go.work, else its go.mod.
func goAnchor(snap *workspace.Snapshot, folder workspace.Folder) (anchor, bool) {
	folder.Entry = nil
	return folderAnchor(snap, folder)
}

// removeSetting is the fix that removes a value set in a settings file
// (the toolchain's own default applies then).
func removeSetting(fe *folderEnv, v goenv.Value, title string, a fix.Applicability) []fix.Fix {
	st := fe.settings[v.Source.File]
	if st == nil || !v.Source.Settings() {
		return nil
	}
	obj, key := splitPointer(v.Source.Ptr)
	out, err := st.Doc.RemoveProperty(obj, key)
	if err != nil {
		return nil
	}
	return []fix.Fix{{Title: title, Applicability: a, Changes: []fix.FileChange{fix.Replace(st.Path, st.Doc.Content, out)}}}
}

// setSetting is the fix that sets a value in a settings file.
func setSetting(fe *folderEnv, v goenv.Value, value, title string, a fix.Applicability) []fix.Fix {
	st := fe.settings[v.Source.File]
	if st == nil || !v.Source.Settings() {
		return nil
	}
	out, err := st.Doc.ReplaceValue(v.Source.Ptr, value)
	if err != nil {
		return nil
	}
	return []fix.Fix{{Title: title, Applicability: a, Changes: []fix.FileChange{fix.Replace(st.Path, st.Doc.Content, out)}}}
}

// splitPointer splits a JSON pointer into its parent and last key.
func splitPointer(ptr string) (string, string) {
	i := strings.LastIndexByte(ptr, '/')
	key := strings.ReplaceAll(strings.ReplaceAll(ptr[i+1:], "~1", "/"), "~0", "~")
	return ptr[:i], key
}

// unsetHow says how to unset a value that is not in a settings file.
func unsetHow(v goenv.Value) string {
	if v.Source.Kind == "containerEnv" || v.Source.Kind == "remoteEnv" {
		return "Remove " + v.Key + " from " + v.Source.Kind + " in " + v.Source.File + ", then rebuild the container"
	}
	if v.Source.Kind == "go env -w" {
		if v.Key == "GOWORK" || v.Key == "GOROOT" { // go env -u refuses these
			return "Delete the " + v.Key + " line from " + v.Source.File
		}
		return "Run go env -u " + v.Key
	}
	return "Unset " + v.Key + " in the environment the editor starts with (your shell profile)"
}

// hasModule reports a folder a go.mod or go.work applies to.
func hasModule(snap *workspace.Snapshot, folder workspace.Folder) bool {
	if l := snap.Layout(folder.Path); l != nil && (len(l.ModFiles) > 0 || len(l.WorkFiles) > 0) {
		return true
	}
	return snap.NearestModFile(folder.Path) != "" || nearestWork(snap, folder.Path) != ""
}

// nearestWork is the go.work at or above dir, whatever GOWORK says.
func nearestWork(snap *workspace.Snapshot, dir string) string { return snap.Nearest(dir, "go.work") }
