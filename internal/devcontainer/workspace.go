package devcontainer

import (
	"fmt"
	"path"
	"slices"
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
// the folder itself is mounted). Host paths follow hostOS ("windows": either
// slash, any case), whatever the OS gomend runs on.
func Resolve(c *Config, opened, gitRoot string, localEnv map[string]string, hostOS string) Workspace {
	if gitRoot == "" {
		gitRoot = opened
	}
	w := Workspace{Vars: Vars{LocalWorkspaceFolder: opened, LocalEnv: localEnv, HostOS: hostOS}}
	if c.Compose() {
		w.DefaultFolder = "/"
	} else {
		target := path.Join("/workspaces", w.Vars.basename(gitRoot))
		w.DefaultFolder = target
		if rel, ok := w.Vars.rel(gitRoot, opened); ok && rel != "" {
			w.DefaultFolder = path.Join(target, rel)
		}
		w.Mount = &Mount{Type: "bind", Source: gitRoot, Target: target}
		w.MountDefault = true
	}
	w.Folder, w.FolderDefault = w.DefaultFolder, true
	// ${containerWorkspaceFolder} is workspaceFolder when it is set and
	// not empty (the CLI tests `!workspaceFolder`), else the default.
	w.Vars.ContainerWorkspaceFolder = w.DefaultFolder
	if c.WorkspaceFolder != nil {
		w.Folder, w.FolderDefault = Substitute(c.WorkspaceFolder.Raw, w.Vars), false
		if c.WorkspaceFolder.Raw != "" {
			w.Vars.ContainerWorkspaceFolder = w.Folder
		}
	}
	if c.WorkspaceMount != nil && !c.Compose() {
		w.Mount, w.MountDefault = nil, false
		if c.WorkspaceMount.Raw != "" {
			if s := Substitute(c.WorkspaceMount.Raw, w.Vars); s != "" {
				m, err := ParseMountString(s)
				if err != nil {
					w.MountErr = err
				} else {
					w.Mount = &m
				}
			}
		}
	}
	for _, mp := range c.Mounts {
		r := ResolvedMount{Prop: mp}
		if mp.Object != nil {
			// The CLI writes type=…,src=…,dst=… for docker, which lower-cases
			// the type.
			r.Mount = Mount{Type: strings.ToLower(Substitute(mp.Object.Type, w.Vars)), Source: Substitute(mp.Object.Source, w.Vars), Target: Substitute(mp.Object.Target, w.Vars)}
			switch {
			case r.Mount.Type == "":
				r.Err = fmt.Errorf("the mount has no type")
			case r.Mount.Target == "":
				r.Err = fmt.Errorf("the mount has no target")
			}
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
	if w.Mount != nil && w.Mount.Type == "bind" && w.Mount.Source != "" {
		out = append(out, *w.Mount)
	}
	for _, m := range w.effective() {
		if m.Type == "bind" && m.Source != "" {
			out = append(out, m)
		}
	}
	return out
}

// effective are the "mounts" the container gets: those that parse, less
// those the CLI drops when it merges mounts (imageMetadata.ts mergeMounts):
// of mounts with the same target, only the last is kept. The target is
// read as the CLI reads it there, with split(",") and split("=").
func (w Workspace) effective() []Mount {
	var out []Mount
	seen := map[string]bool{}
	for i := len(w.Mounts) - 1; i >= 0; i-- {
		r := w.Mounts[i]
		key := cliTarget(r, w.Vars)
		if seen[key] {
			continue
		}
		seen[key] = true
		if r.Err == nil {
			out = append(out, r.Mount)
		}
	}
	slices.Reverse(out)
	return out
}

// cliTarget is a mount's target as the CLI's parseMount reads it: the
// string split at every "," and each item at every "=", aliases applied,
// no quotes, no spaces trimmed, the last target wins. "\x00" stands for
// JavaScript's undefined (no target).
func cliTarget(r ResolvedMount, v Vars) string {
	const undefined = "\x00"
	if r.Prop == nil {
		return r.Mount.Target
	}
	if r.Prop.Object != nil {
		if r.Prop.Object.Target == "" {
			return undefined // missing or not a string
		}
		return Substitute(r.Prop.Object.Target, v)
	}
	target := undefined
	for _, item := range strings.Split(Substitute(r.Prop.Raw, v), ",") {
		kv := strings.Split(item, "=")
		switch kv[0] {
		case "target", "dst", "destination":
			target = undefined
			if len(kv) > 1 {
				target = kv[1]
			}
		}
	}
	return target
}

// ContainerPath is where a host path appears in the container: through the
// bind mount with the longest source that holds it (the workspace mount,
// or a "mounts" element the CLI keeps). ok is false when no mount brings
// it in.
func (w Workspace) ContainerPath(hostPath string) (string, bool) {
	best, bestLen := "", -1
	for _, m := range w.binds() {
		rel, ok := w.Vars.rel(m.Source, hostPath)
		if !ok {
			continue
		}
		if n := len(cleanSlash(m.Source)); n > bestLen {
			best, bestLen = path.Join(m.Target, rel), n
		}
	}
	return best, bestLen >= 0
}

// UnderMount reports whether a container path lies at or below the
// workspace mount's target or the target of any "mounts" element the CLI
// keeps.
func (w Workspace) UnderMount(containerPath string) bool {
	var targets []string
	if w.Mount != nil {
		targets = append(targets, w.Mount.Target)
	}
	for _, m := range w.effective() {
		targets = append(targets, m.Target)
	}
	p := cleanSlash(containerPath)
	for _, t := range targets {
		if t == "" {
			continue
		}
		t = cleanSlash(t)
		if p == t || strings.HasPrefix(p, strings.TrimSuffix(t, "/")+"/") {
			return true
		}
	}
	return false
}

// cleanSlash is path.Clean, but "" stays "".
func cleanSlash(p string) string {
	if p == "" {
		return ""
	}
	return path.Clean(p)
}
