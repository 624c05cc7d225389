// Dev containers (CHECKS.md §C): devcontainer.json understood as the
// devcontainers CLI understands it. This file registers the rules and
// holds what they share: the configs of each folder, read once per
// snapshot, and the CLI's view of each (mounts, workspace folder).
package diagnostics

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/gomend/gomend/internal/devcontainer"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "devcontainer-syntax", Family: "devcontainer", Severity: Error,
			Title: "devcontainer.json is not valid JSONC, or not an object",
			Run:   checkDevcontainerSyntax},
		&Rule{ID: "devcontainer-workspace-outside-mount", Family: "devcontainer", Severity: Error,
			Title: "workspaceFolder is outside every mount",
			Run:   checkWorkspaceOutsideMount},
		&Rule{ID: "devcontainer-workspace-pair", Family: "devcontainer", Severity: Warning,
			Title: "workspaceMount without workspaceFolder, or the reverse",
			Run:   checkWorkspacePair},
		&Rule{ID: "devcontainer-workspace-relative", Family: "devcontainer", Severity: Error,
			Title: "workspaceFolder is not an absolute container path",
			Run:   checkWorkspaceRelative},
		&Rule{ID: "devcontainer-compose-no-workspace", Family: "devcontainer", Severity: Warning,
			Title: "A Docker Compose config without workspaceFolder",
			Run:   checkComposeNoWorkspace},
		&Rule{ID: "devcontainer-mount-source-missing", Family: "devcontainer", Severity: Error,
			Title: "A bind mount's source does not exist on the host",
			Run:   checkMountSourceMissing},
		&Rule{ID: "devcontainer-path-escapes-mount", Family: "devcontainer", Severity: Error,
			Title: "A go.work use or go.mod replace points outside every mount",
			Run:   checkPathEscapesMount},
		&Rule{ID: "devcontainer-cache-ownership", Family: "devcontainer", Severity: Warning,
			Title: "A host Go cache is bind-mounted for a user whose UID is not updated",
			Run:   checkCacheOwnership},
		&Rule{ID: "devcontainer-host-env", Family: "devcontainer", Severity: Warning,
			Title: "containerEnv or remoteEnv sets a Go variable to a host-only path",
			Run:   checkHostEnv},
		&Rule{ID: "devcontainer-hardcoded-folder", Family: "devcontainer", Severity: Warning,
			Title: "A hard-coded /workspaces/<name> that is not this clone's folder",
			Run:   checkHardcodedFolder},
		&Rule{ID: "devcontainer-lifecycle-symlink", Family: "devcontainer", Severity: Info,
			Title: "A lifecycle command creates symlinks to go.mod or the workspace",
			Run:   checkLifecycleSymlink},
		&Rule{ID: "devcontainer-legacy-settings", Family: "devcontainer", Severity: Info,
			Title: "Top-level settings or extensions with Go settings",
			Run:   checkLegacySettings},
	)
}

// devConfig is one devcontainer.json of a folder, and what the CLI makes
// of it when that folder is opened.
type devConfig struct {
	*devcontainer.Config
	folder  workspace.Folder
	gitRoot string
	ws      devcontainer.Workspace
}

func (d *devConfig) rng(sp devcontainer.Span) textpos.Range {
	return textpos.NewMapper(d.Content).Range(sp.Start, sp.End)
}

// change is the edit from the file to out. A file that does not parse
// was read only up to its error, and an edit of that would cut the rest:
// such a file gets no edits (devcontainer-syntax says why).
func (d *devConfig) change(out []byte) fix.FileChange {
	return fix.Replace(d.Path, d.Content, out)
}

var errNotEditable = errors.New("the file does not parse: no edits")

func (d *devConfig) replace(ptr string, v any) ([]byte, error) {
	if d.Err != nil {
		return nil, errNotEditable
	}
	return d.Doc.ReplaceValue(ptr, v)
}

func (d *devConfig) addProperty(objPtr, key string, v any) ([]byte, error) {
	if d.Err != nil {
		return nil, errNotEditable
	}
	return d.Doc.AddProperty(objPtr, key, v)
}

func (d *devConfig) appendElement(arrPtr string, v any) ([]byte, error) {
	if d.Err != nil {
		return nil, errNotEditable
	}
	return d.Doc.AppendElement(arrPtr, v)
}

func (d *devConfig) removeProperty(objPtr, key string) ([]byte, error) {
	if d.Err != nil {
		return nil, errNotEditable
	}
	return d.Doc.RemoveProperty(objPtr, key)
}

type devConfigsKey struct{}

// devConfigs lists every folder's devcontainer.json files, read and
// resolved once per snapshot.
func devConfigs(snap *workspace.Snapshot) []*devConfig {
	v, _ := snap.Memo(devConfigsKey{}, func() any {
		out := []*devConfig{}
		seen := map[string]bool{}
		for _, folder := range snap.Folders() {
			paths := devcontainer.Locate(folder.Path, snap.FileExists, snap.SubDirs)
			for _, p := range paths {
				if seen[p] {
					continue
				}
				seen[p] = true
				content, err := snap.ReadFile(p)
				if err != nil {
					continue
				}
				c := devcontainer.Parse(p, content)
				root := gitRoot(snap, folder.Path)
				out = append(out, &devConfig{Config: c, folder: folder, gitRoot: root,
					ws: devcontainer.Resolve(c, folder.Path, root, snap.Environ(), snap.Host().OS)})
			}
		}
		return out
	}).([]*devConfig)
	return v
}

// gitRoot is the directory at or above dir holding .git (a directory, or
// a file in a worktree), or "".
func gitRoot(snap *workspace.Snapshot, dir string) string {
	for d := filepath.Clean(dir); ; {
		if g := filepath.Join(d, ".git"); snap.DirExists(g) || snap.FileExists(g) {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// eachConfig runs f on every config that could be read.
func eachConfig(ctx context.Context, snap *workspace.Snapshot, f func(d *devConfig) []Finding) []Finding {
	var out []Finding
	for _, d := range devConfigs(snap) {
		if ctx.Err() != nil {
			return nil
		}
		if d.Doc == nil || d.NotObject {
			continue
		}
		out = append(out, f(d)...)
	}
	return out
}
