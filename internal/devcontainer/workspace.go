package devcontainer

import (
	"path"
	"path/filepath"
	"strings"
)

// Workspace is what the devcontainers CLI makes of a config for a folder
// opened on the host: the workspace mount, the folder the editor opens in
// the container, and the other mounts, variables substituted.
type Workspace struct {
	// Mount is the workspace mount; nil for `"workspaceMount": ""` (no
	// mount) and for Compose, whose volumes gomend does not read.
	Mount *Mount
	// MountDefault: the mount is the CLI's default (the git root at
	// /workspaces/<basename>), not written in the config.
	MountDefault bool
	// MountErr says why a written workspaceMount does not parse.
	MountErr error
	// Folder is workspaceFolder, substituted, or its default.
	Folder        string
	FolderDefault bool
	// DefaultFolder is the folder the CLI would open without a
	// workspaceFolder: the default mount's target plus the opened folder's
	// path below the git root ("/" for Compose).
	DefaultFolder string
	// Mounts are the "mounts", substituted and parsed (Err set for a
	// string that does not parse), in file order.
	Mounts []ResolvedMount
	Vars   Vars
}

// ResolvedMount is one "mounts" element after substitution.
type ResolvedMount struct {
	Prop  *MountProp
	Mount Mount
	Err   error
}

// Resolve models the CLI for a folder opened on the host (absolute, host
// syntax) whose git repository root is gitRoot ("" when it is not in one:
// the folder itself is mounted).
func Resolve(c *Config, opened, gitRoot string, localEnv map[string]string, hostOS string) Workspace {
	if gitRoot == "" {
		gitRoot = opened
	}
	w := Workspace{Vars: Vars{LocalWorkspaceFolder: opened, LocalEnv: localEnv, HostOS: hostOS}}
	if c.Compose() {
		w.DefaultFolder = "/"
	} else {
		target := "/workspaces/" + w.Vars.basename(gitRoot)
		w.DefaultFolder = target
		if rel, err := filepath.Rel(gitRoot, opened); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			w.DefaultFolder = path.Join(target, filepath.ToSlash(rel))
		}
		w.Mount = &Mount{Type: "bind", Source: gitRoot, Target: target}
		w.MountDefault = true
	}
	w.Folder, w.FolderDefault = w.DefaultFolder, true
	if c.WorkspaceFolder != nil {
		w.Folder, w.FolderDefault = Substitute(c.WorkspaceFolder.Raw, w.Vars), false
	}
	w.Vars.ContainerWorkspaceFolder = w.Folder
	if c.WorkspaceMount != nil && !c.Compose() {
		w.Mount, w.MountDefault = nil, false
		if c.WorkspaceMount.Raw != "" {
			m, err := ParseMountString(Substitute(c.WorkspaceMount.Raw, w.Vars))
			if err != nil {
				w.MountErr = err
			} else {
				w.Mount = &m
			}
		}
	}
	for _, mp := range c.Mounts {
		r := ResolvedMount{Prop: mp}
		if mp.Object != nil {
			r.Mount = Mount{Type: mp.Object.Type, Source: Substitute(mp.Object.Source, w.Vars), Target: Substitute(mp.Object.Target, w.Vars)}
		} else {
			r.Mount, r.Err = ParseMountString(Substitute(mp.Raw, w.Vars))
		}
		w.Mounts = append(w.Mounts, r)
	}
	return w
}

// binds are the bind mounts, the workspace mount first.
func (w Workspace) binds() []Mount {
	var out []Mount
	if w.Mount != nil && w.Mount.Type == "bind" {
		out = append(out, *w.Mount)
	}
	for _, r := range w.Mounts {
		if r.Err == nil && r.Mount.Type == "bind" && r.Mount.Source != "" {
			out = append(out, r.Mount)
		}
	}
	return out
}

// ContainerPath is where a host path appears in the container: through the
// bind mount with the longest source that holds it. ok is false when no
// mount brings it in.
func (w Workspace) ContainerPath(hostPath string) (string, bool) {
	best, bestLen := "", -1
	for _, m := range w.binds() {
		src := filepath.Clean(m.Source)
		rel, err := filepath.Rel(src, filepath.Clean(hostPath))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if len(src) > bestLen {
			best, bestLen = path.Join(m.Target, filepath.ToSlash(rel)), len(src)
		}
	}
	return best, bestLen >= 0
}

// UnderMount reports whether a container path lies at or below the
// workspace mount's target or any mount's target.
func (w Workspace) UnderMount(containerPath string) bool {
	var targets []string
	if w.Mount != nil {
		targets = append(targets, w.Mount.Target)
	}
	for _, r := range w.Mounts {
		if r.Err == nil {
			targets = append(targets, r.Mount.Target)
		}
	}
	for _, t := range targets {
		if t != "" && (containerPath == t || strings.HasPrefix(containerPath, strings.TrimRight(t, "/")+"/")) {
			return true
		}
	}
	return false
}
