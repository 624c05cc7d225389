package devcontainer

import (
	"strings"
	"testing"
)

func parse(t *testing.T, src string) *Config {
	t.Helper()
	c := Parse("/repo/.devcontainer/devcontainer.json", []byte(src))
	if c.Err != nil {
		t.Fatalf("%s: %v", src, c.Err)
	}
	return c
}

func TestResolveDefaults(t *testing.T) {
	tests := []struct {
		name                  string
		opened, gitRoot, host string
		mount                 Mount
		folder                string
	}{
		{name: "opened the git root", opened: "/home/u/src/proj", gitRoot: "/home/u/src/proj",
			mount: Mount{Type: "bind", Source: "/home/u/src/proj", Target: "/workspaces/proj"}, folder: "/workspaces/proj"},
		{name: "opened a subfolder: the git root is mounted", opened: "/home/u/src/proj/services/api", gitRoot: "/home/u/src/proj",
			mount: Mount{Type: "bind", Source: "/home/u/src/proj", Target: "/workspaces/proj"}, folder: "/workspaces/proj/services/api"},
		{name: "no git repository: the folder is mounted", opened: "/home/u/scratch", gitRoot: "",
			mount: Mount{Type: "bind", Source: "/home/u/scratch", Target: "/workspaces/scratch"}, folder: "/workspaces/scratch"},
		{name: "trailing slashes", opened: "/home/u/src/proj/sub/", gitRoot: "/home/u/src/proj/",
			mount: Mount{Type: "bind", Source: "/home/u/src/proj/", Target: "/workspaces/proj"}, folder: "/workspaces/proj/sub"},
		{name: "clone under another name", opened: "/home/u/docker-cli", gitRoot: "/home/u/docker-cli",
			mount: Mount{Type: "bind", Source: "/home/u/docker-cli", Target: "/workspaces/docker-cli"}, folder: "/workspaces/docker-cli"},
		{name: "a name prefix is not a parent", opened: "/home/u/proj2", gitRoot: "/home/u/proj",
			mount: Mount{Type: "bind", Source: "/home/u/proj", Target: "/workspaces/proj"}, folder: "/workspaces/proj"},
		{name: "windows host", opened: `C:\Users\me\src\Proj\cmd\tool`, gitRoot: `C:\Users\me\src\Proj`, host: "windows",
			mount: Mount{Type: "bind", Source: `C:\Users\me\src\Proj`, Target: "/workspaces/Proj"}, folder: "/workspaces/Proj/cmd/tool"},
		{name: "windows host, case and slashes differ", opened: `c:/users/me/src/proj/cmd`, gitRoot: `C:\Users\me\src\Proj`, host: "windows",
			mount: Mount{Type: "bind", Source: `C:\Users\me\src\Proj`, Target: "/workspaces/Proj"}, folder: "/workspaces/Proj/cmd"},
		{name: "posix host: case matters", opened: "/home/u/Proj/cmd", gitRoot: "/home/u/proj", host: "linux",
			mount: Mount{Type: "bind", Source: "/home/u/proj", Target: "/workspaces/proj"}, folder: "/workspaces/proj"},
		{name: "posix host: a backslash is a name", opened: `/home/u/a\b`, gitRoot: `/home/u/a\b`, host: "darwin",
			mount: Mount{Type: "bind", Source: `/home/u/a\b`, Target: `/workspaces/a\b`}, folder: `/workspaces/a\b`},
	}
	c := parse(t, `{"image": "mcr.microsoft.com/devcontainers/go:1"}`)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			host := tt.host
			if host == "" {
				host = "linux"
			}
			w := Resolve(c, tt.opened, tt.gitRoot, nil, host)
			if w.Mount == nil || *w.Mount != tt.mount || !w.MountDefault || w.MountErr != nil {
				t.Errorf("Mount = %+v (default %v, err %v), want %+v", w.Mount, w.MountDefault, w.MountErr, tt.mount)
			}
			if w.Folder != tt.folder || !w.FolderDefault || w.DefaultFolder != tt.folder {
				t.Errorf("Folder = %q (default %v), DefaultFolder = %q, want %q", w.Folder, w.FolderDefault, w.DefaultFolder, tt.folder)
			}
			if w.Vars.ContainerWorkspaceFolder != tt.folder || w.Vars.LocalWorkspaceFolder != tt.opened || w.Vars.HostOS != host {
				t.Errorf("Vars = %+v", w.Vars)
			}
			if !w.UnderMount(w.Folder) {
				t.Errorf("the default folder %s is not under the default mount", w.Folder)
			}
		})
	}
}

func TestResolveExplicit(t *testing.T) {
	env := map[string]string{"HOME": "/home/u"}
	tests := []struct {
		name       string
		src        string
		mount      *Mount // nil: none
		mountErr   string
		folder     string
		folderDflt bool
		dflt       string
	}{
		{name: "moby: target=${containerWorkspaceFolder}",
			src: `{"build": {"dockerfile": "../Dockerfile"}, "workspaceFolder": "/usr/src/moby",
				"workspaceMount": "source=${localWorkspaceFolder},target=${containerWorkspaceFolder},type=bind,consistency=cached"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/usr/src/moby"}, folder: "/usr/src/moby", dflt: "/workspaces/moby"},
		{name: "GOPATH layout",
			src: `{"image": "x", "workspaceFolder": "/go/src/github.com/cilium/cilium",
				"workspaceMount": "source=${localWorkspaceFolder},target=/go/src/github.com/cilium/cilium,type=bind"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/go/src/github.com/cilium/cilium"}, folder: "/go/src/github.com/cilium/cilium", dflt: "/workspaces/moby"},
		{name: "workspaceFolder alone: default mount",
			src:   `{"image": "x", "workspaceFolder": "/src/${localWorkspaceFolderBasename}"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/workspaces/moby"}, folder: "/src/moby", dflt: "/workspaces/moby"},
		{name: "workspaceMount alone: default folder",
			src:   `{"image": "x", "workspaceMount": "type=bind,source=${localWorkspaceFolder},target=/app"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/app"}, folder: "/workspaces/moby", folderDflt: true, dflt: "/workspaces/moby"},
		{name: "workspaceMount alone with ${containerWorkspaceFolder}: the default folder",
			src:   `{"image": "x", "workspaceMount": "type=bind,source=${localWorkspaceFolder},target=${containerWorkspaceFolder}"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/workspaces/moby"}, folder: "/workspaces/moby", folderDflt: true, dflt: "/workspaces/moby"},
		{name: `"workspaceMount": "" means no mount`,
			src:    `{"image": "x", "workspaceFolder": "/w", "workspaceMount": ""}`,
			folder: "/w", dflt: "/workspaces/moby"},
		{name: "a workspaceMount that substitutes to nothing: no mount",
			src:    `{"image": "x", "workspaceFolder": "/w", "workspaceMount": "${localEnv:NO_SUCH_VAR}"}`,
			folder: "/w", dflt: "/workspaces/moby"},
		{name: "a workspaceMount that does not parse",
			src:      `{"image": "x", "workspaceFolder": "/w", "workspaceMount": "source=${localWorkspaceFolder},type=bind"}`,
			mountErr: "no target", folder: "/w", dflt: "/workspaces/moby"},
		{name: "docker -v syntax in workspaceMount",
			src:      `{"image": "x", "workspaceFolder": "/w", "workspaceMount": "${localWorkspaceFolder}:/w"}`,
			mountErr: "not key=value", folder: "/w", dflt: "/workspaces/moby"},
		{name: "localEnv in workspaceFolder",
			src:   `{"image": "x", "workspaceFolder": "${localEnv:HOME}/w"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/workspaces/moby"}, folder: "/home/u/w", dflt: "/workspaces/moby"},
		{name: "containerEnv left in workspaceFolder",
			src:   `{"image": "x", "workspaceFolder": "${containerEnv:HOME}/w"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/workspaces/moby"}, folder: "${containerEnv:HOME}/w", dflt: "/workspaces/moby"},
		{name: "relative workspaceFolder kept as written",
			src:   `{"image": "x", "workspaceFolder": "src"}`,
			mount: &Mount{Type: "bind", Source: "/home/u/moby", Target: "/workspaces/moby"}, folder: "src", dflt: "/workspaces/moby"},
		// `!workspaceFolder` in the CLI: an empty one gives
		// ${containerWorkspaceFolder} its default.
		{name: "empty workspaceFolder",
			src:   `{"image": "x", "workspaceFolder": "", "workspaceMount": "type=bind,source=/s,target=${containerWorkspaceFolder}"}`,
			mount: &Mount{Type: "bind", Source: "/s", Target: "/workspaces/moby"}, folder: "", dflt: "/workspaces/moby"},
		{name: "Compose",
			src:    `{"dockerComposeFile": "docker-compose.yml", "service": "app", "workspaceFolder": "/workspaces/${localWorkspaceFolderBasename}"}`,
			folder: "/workspaces/moby", dflt: "/"},
		{name: "Compose without workspaceFolder",
			src:    `{"dockerComposeFile": ["a.yml", "b.yml"], "service": "app"}`,
			folder: "/", folderDflt: true, dflt: "/"},
		{name: "Compose ignores workspaceMount",
			src:    `{"dockerComposeFile": "dc.yml", "service": "app", "workspaceFolder": "/w", "workspaceMount": "type=bind,source=/a,target=/w"}`,
			folder: "/w", dflt: "/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Resolve(parse(t, tt.src), "/home/u/moby", "/home/u/moby", env, "linux")
			switch {
			case tt.mount == nil && w.Mount != nil:
				t.Errorf("Mount = %+v, want none", *w.Mount)
			case tt.mount != nil && (w.Mount == nil || *w.Mount != *tt.mount):
				t.Errorf("Mount = %+v, want %+v", w.Mount, *tt.mount)
			}
			wantDefault := !strings.Contains(tt.src, "workspaceMount") && !strings.Contains(tt.src, "dockerComposeFile")
			if w.MountDefault != wantDefault {
				t.Errorf("MountDefault = %v, want %v", w.MountDefault, wantDefault)
			}
			if tt.mountErr == "" && w.MountErr != nil || tt.mountErr != "" && (w.MountErr == nil || !strings.Contains(w.MountErr.Error(), tt.mountErr)) {
				t.Errorf("MountErr = %v, want %q", w.MountErr, tt.mountErr)
			}
			if w.Folder != tt.folder || w.FolderDefault != tt.folderDflt || w.DefaultFolder != tt.dflt {
				t.Errorf("Folder = %q (default %v), DefaultFolder = %q; want %q (%v), %q", w.Folder, w.FolderDefault, w.DefaultFolder, tt.folder, tt.folderDflt, tt.dflt)
			}
		})
	}
}

func TestResolveMountDefaultFlag(t *testing.T) {
	w := Resolve(parse(t, `{"image": "x", "workspaceFolder": "/w"}`), "/r", "/r", nil, "linux")
	if !w.MountDefault || w.FolderDefault {
		t.Errorf("MountDefault=%v FolderDefault=%v", w.MountDefault, w.FolderDefault)
	}
}

func TestResolveMounts(t *testing.T) {
	src := `{
	"image": "x",
	"mounts": [
		"source=${localEnv:HOME}/.ssh,target=/home/vscode/.ssh,type=bind,readonly",
		{"source": "${localEnv:HOME}/.gitconfig", "target": "/home/vscode/.gitconfig", "type": "bind"},
		{"source": "${localWorkspaceFolder}/../shared", "target": "${containerWorkspaceFolder}/../shared", "type": "BIND"},
		"type=volume,source=${localWorkspaceFolderBasename}-gomodcache,target=/go/pkg/mod",
		{"source": "cache", "target": "/c"},
		{"source": "x", "type": "volume"},
		"source=/a,type=bind",
		"type=bind,source=${containerEnv:HOME},target=/h"
	]
}`
	w := Resolve(parse(t, src), "/home/u/proj", "", map[string]string{"HOME": "/home/u"}, "linux")
	want := []struct {
		m   Mount
		err string
	}{
		{m: Mount{Type: "bind", Source: "/home/u/.ssh", Target: "/home/vscode/.ssh", ReadOnly: true}},
		{m: Mount{Type: "bind", Source: "/home/u/.gitconfig", Target: "/home/vscode/.gitconfig"}},
		{m: Mount{Type: "bind", Source: "/home/u/proj/../shared", Target: "/workspaces/proj/../shared"}},
		{m: Mount{Type: "volume", Source: "proj-gomodcache", Target: "/go/pkg/mod"}},
		{err: "no type"},
		{err: "no target"},
		{err: "no target"},
		{m: Mount{Type: "bind", Source: "${containerEnv:HOME}", Target: "/h"}},
	}
	if len(w.Mounts) != len(want) {
		t.Fatalf("%d mounts, want %d", len(w.Mounts), len(want))
	}
	for i, r := range w.Mounts {
		if r.Prop == nil || r.Prop.Ptr != "/mounts/"+string(rune('0'+i)) {
			t.Errorf("mounts[%d].Prop = %+v", i, r.Prop)
		}
		if want[i].err != "" {
			if r.Err == nil || !strings.Contains(r.Err.Error(), want[i].err) {
				t.Errorf("mounts[%d]: Err = %v, want %q", i, r.Err, want[i].err)
			}
			continue
		}
		if r.Err != nil || r.Mount != want[i].m {
			t.Errorf("mounts[%d] = %+v (%v), want %+v", i, r.Mount, r.Err, want[i].m)
		}
	}
	// Substitution does not change the config.
	if obj := w.Mounts[1].Prop.Object; obj.Source != "${localEnv:HOME}/.gitconfig" {
		t.Errorf("the config's mount changed: %+v", obj)
	}
}

func TestContainerPath(t *testing.T) {
	src := `{
	"image": "x",
	"mounts": [
		"type=bind,source=/home/u/src/proj/vendor-cache,target=/cache",
		"type=bind,source=/home/u/src/lib,target=/lib/ext",
		"type=volume,source=/home/u/src/vol,target=/vol",
		"type=bind,source=${containerEnv:X},target=/weird",
		"type=bind,target=/nosource",
		"type=bind,source=/,target=/host,readonly"
	]
}`
	w := Resolve(parse(t, src), "/home/u/src/proj/cmd", "/home/u/src/proj", nil, "linux")
	tests := []struct {
		host string
		want string // "" for not mounted
	}{
		{"/home/u/src/proj", "/workspaces/proj"},
		{"/home/u/src/proj/", "/workspaces/proj"},
		{"/home/u/src/proj/cmd/tool/main.go", "/workspaces/proj/cmd/tool/main.go"},
		{"/home/u/src/proj/cmd/../go.mod", "/workspaces/proj/go.mod"},
		// The longest source wins over the workspace mount.
		{"/home/u/src/proj/vendor-cache/x", "/cache/x"},
		{"/home/u/src/proj/vendor-cache", "/cache"},
		{"/home/u/src/proj/vendor-cache2", "/workspaces/proj/vendor-cache2"},
		// An extra bind mount of a sibling.
		{"/home/u/src/lib/go.mod", "/lib/ext/go.mod"},
		// The root bind mount catches what nothing else does.
		{"/home/u/src/other/go.mod", "/host/home/u/src/other/go.mod"},
		{"/", "/host"},
	}
	for _, tt := range tests {
		got, ok := w.ContainerPath(tt.host)
		if !ok || got != tt.want {
			t.Errorf("ContainerPath(%q) = %q, %v; want %q", tt.host, got, ok, tt.want)
		}
	}

	// Without the root mount: siblings and name prefixes are not mounted.
	w = Resolve(parse(t, `{"image": "x", "mounts": ["type=bind,source=/home/u/src/lib,target=/lib/ext", "type=volume,source=/home/u/src/vol,target=/vol"]}`),
		"/repo/sub", "/repo", nil, "linux")
	for _, host := range []string{"/repo2", "/repo2/go.mod", "/rep", "/", "/home/u/src/other", "/home/u/src/vol/x", "/home/u/src/library", "repo/relative"} {
		if got, ok := w.ContainerPath(host); ok {
			t.Errorf("ContainerPath(%q) = %q; want not mounted", host, got)
		}
	}
	if got, ok := w.ContainerPath("/repo"); !ok || got != "/workspaces/repo" {
		t.Errorf("ContainerPath(/repo) = %q, %v", got, ok)
	}

	// No mount at all.
	w = Resolve(parse(t, `{"image": "x", "workspaceFolder": "/w", "workspaceMount": ""}`), "/repo", "/repo", nil, "linux")
	if got, ok := w.ContainerPath("/repo/go.mod"); ok {
		t.Errorf("ContainerPath with no mount = %q", got)
	}
	// Compose: gomend does not read the volumes.
	w = Resolve(parse(t, `{"dockerComposeFile": "dc.yml", "workspaceFolder": "/w"}`), "/repo", "/repo", nil, "linux")
	if got, ok := w.ContainerPath("/repo/go.mod"); ok {
		t.Errorf("ContainerPath with Compose = %q", got)
	}
	// A workspaceMount that is a volume brings no host path in.
	w = Resolve(parse(t, `{"image": "x", "workspaceFolder": "/w", "workspaceMount": "type=volume,source=repo,target=/w"}`), "/repo", "/repo", nil, "linux")
	if got, ok := w.ContainerPath("/repo/go.mod"); ok {
		t.Errorf("ContainerPath through a volume = %q", got)
	}
}

func TestContainerPathWindows(t *testing.T) {
	src := `{"image": "x", "mounts": ["type=bind,source=${localEnv:USERPROFILE}\\go\\pkg\\mod,target=/go/pkg/mod"]}`
	w := Resolve(parse(t, src), `C:\Users\me\src\Proj`, `C:\Users\me\src\Proj`, map[string]string{"USERPROFILE": `C:\Users\me`}, "windows")
	tests := []struct{ host, want string }{
		{`C:\Users\me\src\Proj\go.mod`, "/workspaces/Proj/go.mod"},
		{`c:\users\me\src\proj\cmd\main.go`, "/workspaces/Proj/cmd/main.go"},
		{`C:/Users/me/src/Proj/internal`, "/workspaces/Proj/internal"},
		{`C:\Users\me\go\pkg\mod\golang.org\x\mod@v0.1.0`, "/go/pkg/mod/golang.org/x/mod@v0.1.0"},
	}
	for _, tt := range tests {
		if got, ok := w.ContainerPath(tt.host); !ok || got != tt.want {
			t.Errorf("ContainerPath(%q) = %q, %v; want %q", tt.host, got, ok, tt.want)
		}
	}
	for _, host := range []string{`C:\Users\me\src\Proj2\go.mod`, `D:\Users\me\src\Proj`, `C:\Users\me\src`} {
		if got, ok := w.ContainerPath(host); ok {
			t.Errorf("ContainerPath(%q) = %q; want not mounted", host, got)
		}
	}
}

func TestUnderMount(t *testing.T) {
	src := `{"image": "x", "workspaceFolder": "/w",
		"workspaceMount": "type=bind,source=${localWorkspaceFolder},target=/workspaces/proj/",
		"mounts": ["type=volume,source=cache,target=/go/pkg/mod", "type=bind,source=/a", {"type": "tmpfs", "target": "/tmp/x"}]}`
	w := Resolve(parse(t, src), "/r", "/r", nil, "linux")
	tests := []struct {
		path string
		want bool
	}{
		{"/workspaces/proj", true},
		{"/workspaces/proj/", true},
		{"/workspaces/proj/cmd", true},
		{"/workspaces/proj/../proj/cmd", true},
		{"/workspaces/proj2", false},
		{"/workspaces", false},
		{"/workspaces/pro", false},
		{"/go/pkg/mod/x", true},
		{"/go/pkg", false},
		{"/tmp/x/y", true},
		{"/tmp", false},
		{"/w", false},
		{"", false},
		{"workspaces/proj", false},
	}
	for _, tt := range tests {
		if got := w.UnderMount(tt.path); got != tt.want {
			t.Errorf("UnderMount(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
	// No workspace mount, no mounts: nothing is under a mount.
	w = Resolve(parse(t, `{"image": "x", "workspaceFolder": "/w", "workspaceMount": ""}`), "/r", "/r", nil, "linux")
	if w.UnderMount("/w") || w.UnderMount("/") {
		t.Errorf("UnderMount is true with no mounts")
	}
	// A root target holds everything.
	w = Resolve(parse(t, `{"image": "x", "workspaceMount": "type=bind,source=/,target=/"}`), "/r", "/r", nil, "linux")
	if !w.UnderMount("/anything/at/all") || !w.UnderMount("/") {
		t.Errorf("a mount at / does not hold everything")
	}
}

// Of "mounts" with the same target the CLI keeps only the last
// (mergeMounts), comparing targets as its naive split reads them.
func TestMountsSameTarget(t *testing.T) {
	tests := []struct {
		name   string
		mounts string
		host   string
		want   string // "" for not mounted
		under  map[string]bool
	}{
		{name: "a later volume hides a bind", host: "/data/x",
			mounts: `"type=bind,source=/data,target=/cache", {"type": "volume", "source": "v", "target": "/cache"}`,
			under:  map[string]bool{"/cache/y": true}},
		{name: "a later bind wins", host: "/b/x", want: "/cache/x",
			mounts: `"type=bind,source=/a,target=/cache", "type=bind,src=/b,dst=/cache"`},
		{name: "the earlier bind is gone", host: "/a/x",
			mounts: `"type=bind,source=/a,target=/cache", "type=bind,src=/b,dst=/cache"`},
		{name: "aliases are the same key", host: "/a/x",
			mounts: `"type=bind,source=/a,destination=/cache", "type=volume,source=v,target=/cache"`},
		{name: "a later mount that does not parse still hides", host: "/a/x",
			mounts: `"type=bind,source=/a,target=/cache", "type=bind,source=/b,target=/cache,bogus"`,
			under:  map[string]bool{"/cache": false}},
		// The CLI does not trim: " target=/cache" is not a target for it.
		{name: "a space makes another key", host: "/a/x", want: "/cache/x",
			mounts: `"type=bind,source=/a,target=/cache", "type=volume,source=v, target=/cache"`},
		{name: "different targets both kept", host: "/a/x", want: "/c1/x",
			mounts: `"type=bind,source=/a,target=/c1", "type=bind,source=/b,target=/c2"`,
			under:  map[string]bool{"/c1": true, "/c2": true}},
		{name: "substituted before comparing", host: "/a/x",
			mounts: `"type=bind,source=/a,target=${containerWorkspaceFolder}/c", "type=volume,source=v,target=/workspaces/r/c"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := Resolve(parse(t, `{"image": "x", "mounts": [`+tt.mounts+`]}`), "/r", "/r", nil, "linux")
			got, ok := w.ContainerPath(tt.host)
			if tt.want == "" && ok || tt.want != "" && got != tt.want {
				t.Errorf("ContainerPath(%q) = %q, %v; want %q", tt.host, got, ok, tt.want)
			}
			for p, want := range tt.under {
				if w.UnderMount(p) != want {
					t.Errorf("UnderMount(%q) = %v", p, !want)
				}
			}
			if len(w.Mounts) != strings.Count(tt.mounts, "type") {
				t.Errorf("%d resolved mounts: all are listed, hidden or not", len(w.Mounts))
			}
		})
	}
}
