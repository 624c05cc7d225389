package devcontainer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// testdata/corpus holds real devcontainer.json files of Go projects
// (MANIFEST.tsv says where each comes from). Every one is read as the CLI
// reads it; the checks below are facts read off each file.

func raw(s *String) string {
	if s == nil {
		return "<nil>"
	}
	return s.Raw
}

func lifecycle(c *Config) []string {
	var out []string
	for _, s := range c.Lifecycle {
		out = append(out, s.Ptr+"="+s.Raw)
	}
	return out
}

func envs(es []*EnvVar) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name+"="+e.Raw)
	}
	return out
}

var corpusEnv = map[string]string{"HOME": "/home/u"}

var corpusChecks = map[string]func(t *testing.T, c *Config){
	"docker__cli__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:1-1.21-bullseye")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postStartCommand=cd /workspaces/cli/ && ln -sf vendor.mod go.mod && ln -sf vendor.sum go.sum && go mod tidy"})
		if !strings.Contains(c.Lifecycle[0].Raw, "/workspaces/cli") {
			t.Errorf("postStartCommand lacks /workspaces/cli")
		}
		// The hard-coded folder holds only for a clone named cli.
		eq(t, "folder for a clone named cli", Resolve(c, "/home/u/cli", "/home/u/cli", corpusEnv, "linux").Folder, "/workspaces/cli")
		w := Resolve(c, "/home/u/docker-cli", "/home/u/docker-cli", corpusEnv, "linux")
		eq(t, "folder for a clone named docker-cli", w.Folder, "/workspaces/docker-cli")
		if w.UnderMount("/workspaces/cli") {
			t.Errorf("/workspaces/cli is mounted for a clone named docker-cli")
		}
		if c.WorkspaceFolder != nil || c.WorkspaceMount != nil || c.Mounts != nil || c.LegacySettings != nil {
			t.Errorf("unexpected properties")
		}
	},
	"moby__moby__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "../Dockerfile")
		eq(t, "dockerfile ptr", c.DockerFile.Ptr, "/build/dockerfile")
		eq(t, "workspaceFolder", raw(c.WorkspaceFolder), "/usr/src/moby")
		eq(t, "remoteUser", raw(c.RemoteUser), "root")
		w := Resolve(c, "/home/u/src/moby", "/home/u/src/moby", corpusEnv, "linux")
		if w.Mount == nil || *w.Mount != (Mount{Type: "bind", Source: "/home/u/src/moby", Target: "/usr/src/moby"}) || w.MountDefault {
			t.Errorf("Mount = %+v", w.Mount)
		}
		eq(t, "folder", w.Folder, "/usr/src/moby")
		if !w.UnderMount(w.Folder) {
			t.Errorf("the folder is not under the mount")
		}
		p, ok := w.ContainerPath("/home/u/src/moby/daemon/daemon.go")
		if !ok || p != "/usr/src/moby/daemon/daemon.go" {
			t.Errorf("ContainerPath = %q, %v", p, ok)
		}
	},
	"moby__moby__.devcontainer__devcontainer.json__at-12dea3f.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "../Dockerfile")
		w := Resolve(c, "/home/u/moby", "/home/u/moby", corpusEnv, "linux")
		if w.Mount == nil || w.Mount.Target != "/go/src/github.com/docker/docker" || w.Mount.Source != "/home/u/moby" {
			t.Errorf("Mount = %+v", w.Mount)
		}
		eq(t, "folder", w.Folder, "/go/src/github.com/docker/docker")
	},
	"devcontainers__templates__src__go-postgres__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		if !c.Compose() {
			t.Fatal("not a Compose config")
		}
		eqs(t, "dockerComposeFile", []string{raw(c.DockerComposeFile[0])}, []string{"docker-compose.yml"})
		eq(t, "service", raw(c.Service), "app")
		eq(t, "workspaceFolder", raw(c.WorkspaceFolder), "/workspaces/${localWorkspaceFolderBasename}")
		w := Resolve(c, "/home/u/src/myapp", "/home/u/src/myapp", corpusEnv, "linux")
		eq(t, "folder", w.Folder, "/workspaces/myapp")
		eq(t, "default folder", w.DefaultFolder, "/")
		if w.Mount != nil || w.MountDefault {
			t.Errorf("Compose has a workspace mount: %+v", w.Mount)
		}
		if c.RemoteUser != nil || c.Lifecycle != nil {
			t.Errorf("a commented-out property was read")
		}
	},
	"devcontainers__templates__src__go__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:2-${templateOption:imageVariant}")
		eq(t, "image substituted", Substitute(c.Image.Raw, Vars{LocalEnv: corpusEnv}), c.Image.Raw)
		if c.Lifecycle != nil || c.RemoteUser != nil {
			t.Errorf("a commented-out property was read")
		}
	},
	"devcontainers__images__src__go__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "./Dockerfile")
		eq(t, "remoteUser", raw(c.RemoteUser), "vscode")
		if c.LegacySettings != nil || c.LegacyExtensions != nil {
			t.Errorf("customizations.vscode read as legacy")
		}
	},
	"cli__cli__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:1.22")
		eq(t, "remoteUser", raw(c.RemoteUser), "vscode")
	},
	"kedacore__keda__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerFile", raw(c.DockerFile), "Dockerfile")
		eq(t, "dockerFile ptr", c.DockerFile.Ptr, "/dockerFile")
		if c.LegacySettings == nil || !strings.Contains(at(t, c, *c.LegacySettings), `"go.gopath": "/go"`) {
			t.Errorf("LegacySettings = %v", c.LegacySettings)
		}
		if c.LegacyExtensions == nil || !strings.Contains(at(t, c, *c.LegacyExtensions), `"golang.go"`) {
			t.Errorf("LegacyExtensions = %v", c.LegacyExtensions)
		}
		if c.Mounts != nil {
			t.Errorf("runArgs -v read as mounts")
		}
	},
	"qdm12__godevcontainer__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		if !c.Compose() {
			t.Fatal("not a Compose config")
		}
		eq(t, "service", raw(c.Service), "vscode")
		eq(t, "workspaceFolder", raw(c.WorkspaceFolder), "/workspace")
		eqs(t, "containerEnv", envs(c.ContainerEnv), []string{"TZ="})
		eqs(t, "lifecycle", lifecycle(c), []string{"/postCreateCommand=~/.windows.sh && go mod download && go mod tidy"})
		if len(c.Mounts) != 5 {
			t.Fatalf("%d mounts, want 5", len(c.Mounts))
		}
		for i, m := range c.Mounts {
			if m.Form != "object" || m.Object.Type != "bind" {
				t.Errorf("mounts[%d] = %+v", i, m)
			}
		}
		eq(t, "relative source", c.Mounts[0].Object.Source, "../")
		w := Resolve(c, "/home/u/godevcontainer", "/home/u/godevcontainer", corpusEnv, "linux")
		eq(t, "ssh source", w.Mounts[3].Mount.Source, "/home/u/.ssh")
		eq(t, "ssh target", w.Mounts[3].Mount.Target, "/mnt/ssh")
		if !w.UnderMount("/workspace/cmd") {
			t.Errorf("/workspace is not under a mount")
		}
		if p, ok := w.ContainerPath("/home/u/.ssh/config"); !ok || p != "/mnt/ssh/config" {
			t.Errorf("ContainerPath(~/.ssh/config) = %q, %v", p, ok)
		}
	},
	"microsoft__vscode-remote-try-go__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:1-1.22-bookworm")
		if c.Lifecycle != nil || c.RemoteUser != nil {
			t.Errorf("a commented-out property was read")
		}
	},
	"dapr__dapr__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "ghcr.io/dapr/dapr-dev:latest")
		if c.DockerFile != nil {
			t.Errorf("the commented-out dockerFile was read")
		}
		eq(t, "remoteUser", raw(c.RemoteUser), "dapr")
		eqs(t, "containerEnv", envs(c.ContainerEnv), []string{"GOLANG_PROTOBUF_REGISTRATION_CONFLICT=ignore"})
		if len(c.Mounts) != 2 || c.Mounts[0].Form != "string" || c.Mounts[1].Form != "string" {
			t.Fatalf("mounts = %+v", c.Mounts)
		}
		// The mount has a fixed name, whatever the clone is called.
		w := Resolve(c, "/home/u/dapr-fork", "/home/u/dapr-fork", corpusEnv, "linux")
		if w.Mount == nil || *w.Mount != (Mount{Type: "bind", Source: "/home/u/dapr-fork", Target: "/workspaces/dapr"}) {
			t.Errorf("Mount = %+v", w.Mount)
		}
		eq(t, "folder", w.Folder, "/workspaces/dapr")
		if w.Mounts[0].Mount != (Mount{Type: "volume", Source: "dind-var-lib-docker", Target: "/var/lib/docker"}) {
			t.Errorf("mounts[0] = %+v", w.Mounts[0].Mount)
		}
		if p, ok := w.ContainerPath("/var/run/docker.sock"); !ok || p != "/var/run/docker-host.sock" {
			t.Errorf("ContainerPath(docker.sock) = %q, %v", p, ok)
		}
	},
	"argoproj__argo-workflows__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		const gopath = "/home/vscode/go/src/github.com/argoproj/argo-workflows"
		w := Resolve(c, "/home/u/argo-workflows", "/home/u/argo-workflows", corpusEnv, "linux")
		if w.Mount == nil || w.Mount.Target != gopath || w.Mount.Source != "/home/u/argo-workflows" {
			t.Errorf("Mount = %+v", w.Mount)
		}
		eq(t, "folder", w.Folder, gopath)
		eqs(t, "remoteEnv", envs(c.RemoteEnv), []string{"PATH=${containerEnv:PATH}:/home/vscode/go/bin", "GOPATH=/home/vscode/go"})
		eq(t, "PATH substituted", Substitute(c.RemoteEnv[0].Raw, w.Vars), "${containerEnv:PATH}:/home/vscode/go/bin")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postCreateCommand=.devcontainer/pre-build.sh"})
	},
	"argoproj__argo-workflows__.devcontainer__builder__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "Dockerfile")
		if c.Image != nil {
			t.Errorf("image = %q", c.Image.Raw)
		}
	},
	"istio__istio__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eqs(t, "remoteEnv", envs(c.RemoteEnv), []string{"USE_GKE_GCLOUD_AUTH_PLUGIN=True", "BUILD_WITH_CONTAINER=0", "CARGO_HOME=/home/.cargo", "RUSTUP_HOME=/home/.rustup"})
	},
	"microsoft__retina__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		if len(c.Mounts) != 2 {
			t.Fatalf("%d mounts, want 2", len(c.Mounts))
		}
		w := Resolve(c, "/home/u/retina", "/home/u/retina", corpusEnv, "linux")
		if w.Mounts[0].Mount != (Mount{Type: "volume", Source: "retina-gomodcache", Target: "/go/pkg/mod"}) ||
			w.Mounts[1].Mount != (Mount{Type: "volume", Source: "retina-gobuildcache", Target: "/home/vscode/.cache/go-build"}) {
			t.Errorf("mounts = %+v", w.Mounts)
		}
		if !w.UnderMount("/go/pkg/mod/golang.org/x") {
			t.Errorf("the module cache is not under a mount")
		}
		got := lifecycle(c)
		if len(got) != 4 || !strings.HasPrefix(got[0], "/onCreateCommand/symlinks=sudo ln -sf /usr/bin/clang-17") ||
			!strings.HasPrefix(got[1], "/onCreateCommand/go-setup=sudo chown -R vscode:vscode /go") ||
			!strings.HasPrefix(got[2], "/onCreateCommand/apt-deps=") || !strings.HasPrefix(got[3], "/postStartCommand/kind=") {
			t.Errorf("lifecycle = %q", got)
		}
	},
	"coder__coder__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "codercom/oss-dogfood:latest")
		if c.Lifecycle != nil || c.Mounts != nil {
			t.Errorf("unexpected properties")
		}
	},
	"go-gitea__gitea__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:1.22-bullseye")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postCreateCommand=make deps"})
	},
	"pulumi__pulumi__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "Dockerfile")
		eq(t, "remoteUser", raw(c.RemoteUser), "user")
		eqs(t, "containerEnv", envs(c.ContainerEnv), []string{"PULUMI_ACCESS_TOKEN=${localEnv:PULUMI_ACCESS_TOKEN}", "PULUMI_TEST_ORG=${localEnv:PULUMI_TEST_ORG}"})
		if c.LegacyExtensions == nil || at(t, c, *c.LegacyExtensions) != `["golang.go", "ms-dotnettools.csharp"]` {
			t.Errorf("LegacyExtensions = %v", c.LegacyExtensions)
		}
		if c.LegacySettings == nil || !strings.Contains(at(t, c, *c.LegacySettings), "extensions.ignoreRecommendations") {
			t.Errorf("LegacySettings = %v", c.LegacySettings)
		}
	},
	"Azure__azure-sdk-for-go__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		w := Resolve(c, "/home/u/azure-sdk-for-go", "/home/u/azure-sdk-for-go", corpusEnv, "linux")
		if w.Mount == nil || w.Mount.Target != "/home/codespace/workspace" {
			t.Errorf("Mount = %+v", w.Mount)
		}
		eq(t, "folder", w.Folder, "/home/codespace/workspace")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postCreateCommand=bash .devcontainer/init.sh"})
	},
	"cilium__cilium__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "workspaceFolder", raw(c.WorkspaceFolder), "/go/src/github.com/cilium/cilium")
		w := Resolve(c, "/home/u/cilium", "/home/u/cilium", corpusEnv, "linux")
		if w.Mount == nil || *w.Mount != (Mount{Type: "bind", Source: "/home/u/cilium", Target: "/go/src/github.com/cilium/cilium"}) {
			t.Errorf("Mount = %+v", w.Mount)
		}
		if len(w.Mounts) != 2 {
			t.Fatalf("%d mounts, want 2", len(w.Mounts))
		}
		for i, r := range w.Mounts {
			if r.Err != nil || !r.Mount.ReadOnly || r.Mount.Type != "bind" {
				t.Errorf("mounts[%d] = %+v, %v", i, r.Mount, r.Err)
			}
		}
		if p, ok := w.ContainerPath("/usr/lib/modules/6.1/kernel"); !ok || p != "/usr/lib/modules/6.1/kernel" {
			t.Errorf("ContainerPath = %q, %v", p, ok)
		}
		if len(c.Lifecycle) != 1 || !strings.Contains(c.Lifecycle[0].Raw, "safe.directory /go/src/github.com/cilium/cilium") {
			t.Errorf("lifecycle = %q", lifecycle(c))
		}
	},
	"open-telemetry__opentelemetry-collector-contrib__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "image", raw(c.Image), "mcr.microsoft.com/devcontainers/go:1-1.24-bookworm")
		eq(t, "folder", Resolve(c, "/src/opentelemetry-collector-contrib/receiver", "/src/opentelemetry-collector-contrib", nil, "linux").Folder,
			"/workspaces/opentelemetry-collector-contrib/receiver")
	},
	"Azure__azure-service-operator__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "Dockerfile")
		eq(t, "remoteUser", raw(c.RemoteUser), "vscode")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postCreateCommand=go version"})
	},
	"grafana__grafana__.devcontainer__devcontainer.json": func(t *testing.T, c *Config) {
		eq(t, "dockerfile", raw(c.DockerFile), "Dockerfile")
		eq(t, "remoteUser", raw(c.RemoteUser), "vscode")
		eqs(t, "lifecycle", lifecycle(c), []string{"/postStartCommand=make run &; make run-frontend"})
		if c.LegacySettings == nil || !strings.Contains(at(t, c, *c.LegacySettings), `"go.goroot": "/usr/local/go"`) {
			t.Errorf("LegacySettings = %v", c.LegacySettings)
		}
	},
}

func eq(t *testing.T, what, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func eqs(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func TestCorpus(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 23 {
		t.Fatalf("%d corpus files, want 23", len(files))
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			content, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			c := Parse(f, content)
			if c.Err != nil || c.NotObject || c.Doc == nil || len(c.TrailingCommas) != 0 {
				t.Fatalf("Err=%v NotObject=%v Doc=%v TrailingCommas=%v", c.Err, c.NotObject, c.Doc != nil, c.TrailingCommas)
			}
			checkSpans(t, c)
			// Every file resolves, on Linux and Windows hosts.
			for _, host := range []string{"linux", "windows"} {
				w := Resolve(c, "/home/u/src/proj/sub", "/home/u/src/proj", corpusEnv, host)
				if !c.Compose() && w.Mount == nil && w.MountErr == nil {
					t.Errorf("%s: no workspace mount and no error", host)
				}
				if w.MountErr != nil {
					t.Errorf("%s: MountErr = %v", host, w.MountErr)
				}
				for i, r := range w.Mounts {
					if r.Err != nil {
						t.Errorf("%s: mounts[%d]: %v", host, i, r.Err)
					}
				}
			}
			check, ok := corpusChecks[name]
			if !ok {
				t.Fatalf("no facts checked for %s", name)
			}
			check(t, c)
		})
	}
	for name := range corpusChecks {
		if !slices.Contains(files, filepath.Join("testdata", "corpus", name)) {
			t.Errorf("facts for %s, which is not in testdata/corpus", name)
		}
	}
}
