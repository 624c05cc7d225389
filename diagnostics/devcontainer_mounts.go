package diagnostics

// Mounts: bind sources that do not exist, go.work/go.mod paths that no
// mount brings into the container, and host Go caches bind-mounted for a
// user who cannot write them.

import (
	"context"
	"encoding/json"
	"fmt"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/devcontainer"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/jsonc"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

var hostfsWithin = hostfs.Within

func checkMountSourceMissing(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		var out []Finding
		report := func(m devcontainer.Mount, raw string, sp devcontainer.Span, what string) {
			if m.Type != "bind" || m.Source == "" || unresolved(m.Source) || !filepath.IsAbs(m.Source) || !userPath(snap, d, raw, m.Source) {
				return
			}
			if snap.DirExists(m.Source) || snap.FileExists(m.Source) {
				return
			}
			out = append(out, Finding{
				Message: fmt.Sprintf("%s binds %s, which does not exist on this machine: docker refuses to start the container "+
					"(\"invalid mount config for type \\\"bind\\\": bind source path does not exist: %s\").", what, m.Source, m.Source),
				File: d.Path, Range: d.rng(sp), Source: "devcontainer.json",
				Fixes: []fix.Fix{{Applicability: fix.Manual,
					Title: "Create " + m.Source + " on the host, or remove the mount"}},
			})
		}
		if d.WorkspaceMount != nil && d.ws.Mount != nil && !d.ws.MountDefault {
			report(*d.ws.Mount, d.WorkspaceMount.Raw, d.WorkspaceMount.Span, "workspaceMount")
		}
		for i, r := range d.ws.Mounts {
			if r.Err == nil {
				raw := r.Prop.Raw
				if r.Prop.Object != nil {
					raw = r.Prop.Object.Source
				}
				report(r.Mount, raw, r.Prop.Span, "mounts["+strconv.Itoa(i)+"]")
			}
		}
		return out
	})
}

// userPath reports a mount source that belongs to this user and project
// rather than to the Docker host's system: written with a host variable
// (${localWorkspaceFolder}, ${localEnv:…}), or under the user's home or
// the directory holding the clone. /var/run/docker.sock or /lib/modules
// are the Docker host's business (Docker Desktop even maps some of them),
// not a mistake in the project's configuration.
func userPath(snap *workspace.Snapshot, d *devConfig, raw, source string) bool {
	if strings.Contains(raw, "${localWorkspaceFolder") || strings.Contains(raw, "${localEnv:") || strings.Contains(raw, "${env:") {
		return true
	}
	root := d.gitRoot
	if root == "" {
		root = d.folder.Path
	}
	home := snap.Host().Home
	return home != "" && home != "/" && hostfsWithin(home, source) || hostfsWithin(filepath.Dir(root), source)
}

func checkPathEscapesMount(ctx context.Context, snap *workspace.Snapshot) []Finding {
	if len(devConfigs(snap)) == 0 {
		return nil // the common case: no dev container, nothing to list
	}
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	type site struct {
		file, label, source string
		content             []byte
		line                *modfile.Line
		dir                 string
	}
	var sites []site
	for _, p := range idx.workPaths {
		w := idx.works[p]
		if !w.parsed() {
			continue
		}
		for i, u := range w.File.File.Use {
			sites = append(sites, site{w.Path, "go.work uses " + u.Path, "go.work", w.File.Content, u.Syntax, w.useDirs[i]})
		}
	}
	for _, s := range localReplaces(idx) {
		sites = append(sites, site{s.File, s.label(), s.source(), s.Content, s.Rep.Syntax, s.Target})
	}
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		if d.Compose() || d.ws.Mount == nil {
			return nil
		}
		var out []Finding
		for _, s := range sites {
			// Only this config's folder: its go.work and go.mod files.
			if !strings.HasPrefix(s.file, d.folder.Path+string(filepath.Separator)) || !snap.DirExists(s.dir) {
				continue
			}
			if _, ok := d.ws.ContainerPath(s.dir); ok {
				continue
			}
			target, hostRel, ok := siblingTarget(d, s.dir)
			mount := "the workspace mount"
			if d.ws.MountDefault {
				mount = "the default workspace mount (the clone at " + d.ws.Mount.Target + ")"
			}
			f := Finding{
				Message: fmt.Sprintf("%s: %s is not mounted into the dev container (%s mounts only %s), so it is missing there "+
					"and the go command fails inside the container.", s.label, s.dir, display(d.folder.Path, d.Path), d.ws.Mount.Source),
				File: s.file, Range: lineRange(s.content, s.line), Source: s.source,
				Related: []Related{{File: d.Path, Range: mountAnchor(d), Message: mount}},
			}
			if ok {
				if change, ok := addBindMount(d, "${localWorkspaceFolder}/"+hostRel, target); ok {
					f.Message += " Mounted at " + target + ", the relative path keeps working."
					f.Fixes = []fix.Fix{{Title: "Mount this directory into the container", Applicability: fix.Exact,
						Changes: []fix.FileChange{change}}}
				}
			}
			out = append(out, f)
		}
		return out
	})
}

// siblingTarget is where a host directory must appear in the container for
// paths relative to the workspace mount to keep working: the mount target
// joined with the directory's path relative to the mount source.
func siblingTarget(d *devConfig, dir string) (target, fromOpened string, ok bool) {
	rel, err := filepath.Rel(d.ws.Mount.Source, dir)
	if err != nil || unresolved(d.ws.Mount.Target) {
		return "", "", false
	}
	target = path.Join(d.ws.Mount.Target, filepath.ToSlash(rel))
	if !absContainerPath(target) || target == "/" {
		return "", "", false
	}
	fromOpened, err = filepath.Rel(d.folder.Path, dir)
	if err != nil {
		return "", "", false
	}
	return target, filepath.ToSlash(fromOpened), true
}

// addBindMount adds a bind mount to "mounts" in the file's own style: the
// string form unless the existing mounts are objects.
func addBindMount(d *devConfig, source, target string) (fix.FileChange, bool) {
	objects := len(d.Mounts) > 0 && d.Mounts[0].Form == "object"
	var value any = devcontainer.Mount{Type: "bind", Source: source, Target: target}.String()
	if objects {
		value = mountObject(source, target, "bind")
	}
	var out []byte
	var err error
	if d.Doc.Find("/mounts") != nil {
		out, err = d.appendElement("/mounts", value)
	} else {
		out, err = d.addProperty("", "mounts", []any{value})
	}
	if err != nil {
		return fix.FileChange{}, false
	}
	return d.change(out), true
}

// mountAnchor is the workspace mount as written, else the workspaceFolder,
// else the file's first line.
func mountAnchor(d *devConfig) textpos.Range {
	switch {
	case d.WorkspaceMount != nil:
		return d.rng(d.WorkspaceMount.Span)
	case d.WorkspaceFolder != nil:
		return d.rng(d.WorkspaceFolder.Span)
	}
	return d.rng(devcontainer.Span{})
}

func checkCacheOwnership(ctx context.Context, snap *workspace.Snapshot) []Finding {
	host := snap.Host()
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		user := ""
		switch {
		case d.RemoteUser != nil:
			user = d.RemoteUser.Raw
		case d.ContainerUser != nil:
			user = d.ContainerUser.Raw
		}
		if user == "" || user == "root" || unresolved(user) {
			return nil // unknown (the image's), or root: root can write anything
		}
		numeric := isNumeric(user)
		updated := host.OS == "linux" && !numeric && (d.UpdateRemoteUserUID == nil || *d.UpdateRemoteUserUID)
		if updated || numeric && user == "0" {
			return nil
		}
		why := "updateRemoteUserUID is false"
		switch {
		case numeric:
			why = "a numeric user's UID is never updated"
		case host.OS != "linux":
			why = "the CLI updates the UID only on Linux hosts, and this is " + hostName(host)
		}
		var out []Finding
		for _, r := range d.ws.Mounts {
			if r.Err != nil || r.Mount.Type != "bind" || !goCacheMount(snap, d, r.Mount) {
				continue
			}
			f := Finding{
				Message: fmt.Sprintf("The host's Go cache %s is bind-mounted at %s for user %s, whose UID will not match the "+
					"host's (%s): the go command gets \"permission denied\" writing the module or build cache.", r.Mount.Source, r.Mount.Target, user, why),
				File: d.Path, Range: d.rng(r.Prop.Span), Source: "devcontainer.json",
			}
			volume := volumeName(r.Mount.Target)
			var value any = devcontainer.Mount{Type: "volume", Source: volume, Target: r.Mount.Target}.String()
			if r.Prop.Form == "object" {
				value = mountObject(volume, r.Mount.Target, "volume")
			}
			if out2, err := d.replace(r.Prop.Ptr, value); err == nil {
				f.Fixes = []fix.Fix{{Title: "Use a named volume for the cache", Applicability: fix.Likely,
					Changes: []fix.FileChange{d.change(out2)}}}
			}
			out = append(out, f)
		}
		return out
	})
}

// goCacheMount reports a bind mount of a Go cache: its target is a Go
// cache path (/go, …/pkg/mod, …/go-build), or its source is the host's
// GOPATH, GOMODCACHE or GOCACHE.
func goCacheMount(snap *workspace.Snapshot, d *devConfig, m devcontainer.Mount) bool {
	t := strings.TrimRight(m.Target, "/")
	if t == "/go" || strings.HasSuffix(t, "/pkg/mod") || strings.HasSuffix(t, "/go-build") || strings.HasSuffix(t, "/.cache/go-build") {
		return true
	}
	for _, key := range []string{"GOPATH", "GOMODCACHE", "GOCACHE"} {
		if v, _ := effectiveEnv(snap, d.folder, key); v != "" && filepath.Clean(v) == filepath.Clean(m.Source) {
			return true
		}
	}
	return false
}

// mountObject is a mount in the object form, written as people write it
// (keys in the schema's order, a space after each separator).
func mountObject(source, target, typ string) jsonc.Raw {
	q := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	return jsonc.Raw(`{"source": ` + q(source) + `, "target": ` + q(target) + `, "type": ` + q(typ) + `}`)
}

func volumeName(target string) string {
	switch t := strings.TrimRight(target, "/"); {
	case strings.HasSuffix(t, "go-build"):
		return "go-build-cache"
	case strings.HasSuffix(t, "/pkg/mod"):
		return "go-mod-cache"
	}
	return "go-path"
}

func isNumeric(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
