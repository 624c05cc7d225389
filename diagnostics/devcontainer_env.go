package diagnostics

// What devcontainer.json says about the container's environment and
// commands: host paths in Go variables, hard-coded workspace folders,
// symlinks made by lifecycle commands, and settings in the legacy place.

import (
	"context"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/gomend/gomend/internal/devcontainer"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/jsonc"
	"github.com/gomend/gomend/internal/workspace"
)

// goEnvVars are the Go variables a host path breaks inside a container.
var goEnvVars = map[string]bool{"GOPATH": true, "GOROOT": true, "GOMODCACHE": true, "GOCACHE": true, "GOFLAGS": true, "GOWORK": true}

func checkHostEnv(ctx context.Context, snap *workspace.Snapshot) []Finding {
	host := snap.Host()
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		var out []Finding
		for _, group := range []struct {
			name string
			vars []*devcontainer.EnvVar
		}{{"containerEnv", d.ContainerEnv}, {"remoteEnv", d.RemoteEnv}} {
			for _, v := range group.vars {
				if !goEnvVars[v.Name] {
					continue
				}
				why := hostOnly(v.Raw, devcontainer.Substitute(v.Raw, d.ws.Vars), host.Home)
				if why == "" {
					continue
				}
				out = append(out, Finding{
					Message: fmt.Sprintf("%s sets %s to %q, %s: that path exists on the host, not in the container, so the go "+
						"command there uses a directory that is missing.", group.name, v.Name, v.Raw, why),
					File: d.Path, Range: d.rng(v.Span), Source: "devcontainer.json",
					Fixes: []fix.Fix{{Applicability: fix.Manual,
						Title: "Use a container path for " + v.Name + " (or leave it to the image)"}},
				})
			}
		}
		return out
	})
}

// hostOnly says why a value names a host path, or "".
func hostOnly(raw, value, home string) string {
	switch {
	case strings.Contains(raw, "${localEnv:") || strings.Contains(raw, "${env:") || strings.Contains(raw, "${localWorkspaceFolder"):
		return "a value taken from the host"
	case windowsPathIn(value):
		return "a Windows path"
	case strings.Contains(value, "/Users/"):
		return "a macOS home directory"
	case home != "" && home != "/" && (value == home || strings.Contains(value, home+"/")):
		return "under the host's home directory " + home
	}
	return ""
}

// windowsPathIn finds a Windows path in a value that may hold several
// (GOPATH lists, GOFLAGS).
func windowsPathIn(value string) bool {
	for _, f := range strings.FieldsFunc(value, func(r rune) bool { return r == ' ' || r == ';' || r == '=' }) {
		if hostfs.IsWindowsPath(f) {
			return true
		}
	}
	return false
}

var hardcoded = regexp.MustCompile(`/workspaces/([^/\s"'$;&|]+)`)

func checkHardcodedFolder(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		if d.Compose() || d.ws.Mount == nil {
			return nil
		}
		mine := d.ws.Mount.Target
		var out []Finding
		strs := append([]*devcontainer.String{}, d.Lifecycle...)
		if d.WorkspaceFolder != nil {
			strs = append(strs, d.WorkspaceFolder)
		}
		for _, s := range strs {
			for _, m := range hardcoded.FindAllStringSubmatch(s.Raw, -1) {
				folder := "/workspaces/" + m[1]
				if folder == mine || strings.HasPrefix(mine, folder+"/") || path.Dir(mine) != "/workspaces" {
					continue
				}
				f := Finding{
					Message: fmt.Sprintf("%q hard-codes %s, but this clone is mounted at %s (/workspaces/ plus the name of the "+
						"directory it was cloned into): the command runs in, or opens, a folder that does not exist.", s.Raw, folder, mine),
					File: d.Path, Range: d.rng(s.Span), Source: "devcontainer.json",
				}
				// ${containerWorkspaceFolder} is the opened folder: the same
				// as the mount target only when the clone's root is opened.
				if (d.WorkspaceFolder == nil || s != d.WorkspaceFolder) && d.ws.Folder == mine {
					fixed := strings.ReplaceAll(s.Raw, folder, "${containerWorkspaceFolder}")
					if out2, err := d.replace(s.Ptr, fixed); err == nil {
						f.Fixes = []fix.Fix{{Title: "Use ${containerWorkspaceFolder}", Applicability: fix.Exact,
							Changes: []fix.FileChange{d.change(out2)}}}
					}
				}
				out = append(out, f)
				break
			}
		}
		return out
	})
}

// lnSymlink matches an `ln` with a -s flag (-s, -sf, -snf, --symbolic).
var lnSymlink = regexp.MustCompile(`(^|[\s;&|(])ln\s+(-[a-zA-Z]*s[a-zA-Z]*|--symbolic)\b([^;&|]*)`)

func checkLifecycleSymlink(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		var out []Finding
		for _, s := range d.Lifecycle {
			for _, m := range lnSymlink.FindAllStringSubmatch(s.Raw, -1) {
				args := m[3]
				if !strings.Contains(args, "go.mod") && !strings.Contains(args, "go.work") && !strings.Contains(args, "go.sum") &&
					!strings.Contains(args, "/workspaces") && !strings.Contains(args, "${containerWorkspaceFolder}") {
					continue
				}
				out = append(out, Finding{
					Message: fmt.Sprintf("This lifecycle command makes a symlink (%s): the workspace, or its go.mod, is then "+
						"reached through a link, which gopls never resolves, so files may show up twice or as outside their module.",
						strings.TrimSpace(m[0])),
					File: d.Path, Range: d.rng(s.Span), Source: "devcontainer.json",
					Fixes: []fix.Fix{{Applicability: fix.Manual,
						Title: "Copy or generate the file instead of linking it, or open the link's real path"}},
				})
				break
			}
		}
		return out
	})
}

func checkLegacySettings(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		var out []Finding
		if d.LegacySettings != nil && hasGoSettings(d) {
			f := Finding{
				Message: "Top-level \"settings\" with Go settings: the dev container tools moved settings to " +
					"customizations.vscode.settings, and read the old place only by converting it; newer tools and other " +
					"editors ignore it.",
				File: d.Path, Range: d.rng(*d.LegacySettings), Source: "devcontainer.json",
			}
			if change, ok := moveLegacy(d, "settings"); ok {
				f.Fixes = []fix.Fix{{Title: "Move these settings under customizations.vscode", Applicability: fix.Exact, Changes: []fix.FileChange{change}}}
			}
			out = append(out, f)
		}
		if d.LegacyExtensions != nil && hasGoExtension(d) {
			f := Finding{
				Message: "Top-level \"extensions\" with the Go extension: the dev container tools moved extensions to " +
					"customizations.vscode.extensions; newer tools ignore the old place, and the container starts without gopls.",
				File: d.Path, Range: d.rng(*d.LegacyExtensions), Source: "devcontainer.json",
			}
			if change, ok := moveLegacy(d, "extensions"); ok {
				f.Fixes = []fix.Fix{{Title: "Move these extensions under customizations.vscode", Applicability: fix.Exact, Changes: []fix.FileChange{change}}}
			}
			out = append(out, f)
		}
		return out
	})
}

func hasGoSettings(d *devConfig) bool {
	v := d.Doc.Find("/settings")
	for _, k := range v.Keys() {
		if strings.HasPrefix(k, "go.") || k == "gopls" || strings.HasPrefix(k, "gopls.") || k == "[go]" {
			return true
		}
	}
	return false
}

func hasGoExtension(d *devConfig) bool {
	var exts []string
	if d.Doc.Find("/extensions").Decode(&exts) != nil {
		return false
	}
	for _, e := range exts {
		if strings.EqualFold(e, "golang.go") || strings.EqualFold(e, "golang.Go") {
			return true
		}
	}
	return false
}

// moveLegacy moves the top-level key under customizations.vscode, when
// nothing is there yet to merge with.
func moveLegacy(d *devConfig, key string) (fix.FileChange, bool) {
	var value any
	if d.Doc.Find("/"+key).Decode(&value) != nil || d.Doc.Find("/customizations/vscode/"+key) != nil {
		return fix.FileChange{}, false
	}
	removed, err := d.removeProperty("", key)
	if err != nil {
		return fix.FileChange{}, false
	}
	doc, err := jsonc.Parse(removed)
	if err != nil {
		return fix.FileChange{}, false
	}
	var out []byte
	switch {
	case doc.Find("/customizations/vscode") != nil:
		out, err = doc.AddProperty("/customizations/vscode", key, value)
	case doc.Find("/customizations") != nil:
		out, err = doc.AddProperty("/customizations", "vscode", map[string]any{key: value})
	default:
		out, err = doc.AddProperty("", "customizations", map[string]any{"vscode": map[string]any{key: value}})
	}
	if err != nil {
		return fix.FileChange{}, false
	}
	return d.change(out), true
}
