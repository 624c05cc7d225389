package diagnostics

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/workspace"
)

// corpusExpect is, for each real-world devcontainer.json of the corpus
// (internal/devcontainer/testdata/corpus, from ../shared/corpus/devcontainers), the
// exact set of §C findings gomend reports when the file sits in a clone
// named like its repository, and why.
var corpusExpect = map[string]struct {
	ids    []string
	reason string
}{
	"Azure__azure-sdk-for-go__.devcontainer__devcontainer.json":                         {[]string{}, "workspaceMount binds ${localWorkspaceFolder} at /home/codespace/workspace, and workspaceFolder is that target"},
	"Azure__azure-service-operator__.devcontainer__devcontainer.json":                   {[]string{}, "a Dockerfile config on the CLI's defaults: nothing to say"},
	"argoproj__argo-workflows__.devcontainer__builder__devcontainer.json":               {[]string{}, "a Dockerfile config in a subfolder, on the CLI's defaults"},
	"argoproj__argo-workflows__.devcontainer__devcontainer.json":                        {[]string{}, "workspaceMount and workspaceFolder agree on a GOPATH-style path"},
	"cilium__cilium__.devcontainer__devcontainer.json":                                  {[]string{}, "mount and folder agree; /lib/modules binds are the Docker host's, not the project's"},
	"cli__cli__.devcontainer__devcontainer.json":                                        {[]string{}, "the devcontainers go image on its defaults"},
	"coder__coder__.devcontainer__devcontainer.json":                                    {[]string{}, "an image on its defaults"},
	"dapr__dapr__.devcontainer__devcontainer.json":                                      {[]string{}, "mount and folder agree on /workspaces/dapr, the clone's name; its ${localEnv:HOME} binds exist on a developer's machine"},
	"devcontainers__images__src__go__.devcontainer__devcontainer.json":                  {[]string{}, "the reference Go image config: current customizations, defaults"},
	"devcontainers__templates__src__go-postgres__.devcontainer__devcontainer.json":      {[]string{}, "a Compose config that sets workspaceFolder, as the template should"},
	"devcontainers__templates__src__go__.devcontainer__devcontainer.json":               {[]string{}, "the Go template; ${templateOption:…} is left as written"},
	"docker__cli__.devcontainer__devcontainer.json":                                     {[]string{"devcontainer-lifecycle-symlink"}, "postStartCommand links vendor.mod to go.mod (info); its hard-coded /workspaces/cli is this clone's own folder when cloned as cli"},
	"go-gitea__gitea__.devcontainer__devcontainer.json":                                 {[]string{}, "an image on its defaults"},
	"grafana__grafana__.devcontainer__devcontainer.json":                                {[]string{"devcontainer-legacy-settings", "devcontainer-legacy-settings"}, "top-level settings (go.*) and extensions (golang.go), the old place (info)"},
	"istio__istio__.devcontainer__devcontainer.json":                                    {[]string{}, "an image on its defaults"},
	"kedacore__keda__.devcontainer__devcontainer.json":                                  {[]string{"devcontainer-legacy-settings", "devcontainer-legacy-settings"}, "top-level settings (go.*) and extensions (golang.go), the old place (info)"},
	"microsoft__retina__.devcontainer__devcontainer.json":                               {[]string{}, "Go caches in named volumes, not host binds; its ln -sf links clang, not go.mod"},
	"microsoft__vscode-remote-try-go__.devcontainer__devcontainer.json":                 {[]string{}, "the sample on the CLI's defaults"},
	"moby__moby__.devcontainer__devcontainer.json":                                      {[]string{}, "workspaceMount's target is ${containerWorkspaceFolder}, which is /usr/src/moby"},
	"moby__moby__.devcontainer__devcontainer.json__at-12dea3f.json":                     {[]string{}, "mount and folder agree on the GOPATH path"},
	"open-telemetry__opentelemetry-collector-contrib__.devcontainer__devcontainer.json": {[]string{}, "an image on its defaults"},
	"pulumi__pulumi__.devcontainer__devcontainer.json":                                  {[]string{"devcontainer-legacy-settings"}, "top-level extensions with golang.go (info)"},
	"qdm12__godevcontainer__.devcontainer__devcontainer.json":                           {[]string{}, "a Compose config with workspaceFolder; its ${localEnv:HOME} binds exist on a developer's machine"},
}

// corpusEntry is one MANIFEST.tsv line: file, repository, path in it.
type corpusEntry struct{ file, repo, path string }

func readCorpusManifest(t *testing.T) []corpusEntry {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "internal", "devcontainer", "testdata", "corpus", "MANIFEST.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "\t")
		if len(cols) < 3 || cols[0] == "file" {
			continue
		}
		out = append(out, corpusEntry{cols[0], cols[1], cols[2]})
	}
	return out
}

// TestDevcontainerCorpus runs every corpus file, placed at its path in a
// git clone named like its repository (with a go.mod at the root, as in
// those repositories), and requires exactly the expected findings: no
// crash, and no false alarm.
func TestDevcontainerCorpus(t *testing.T) {
	entries := readCorpusManifest(t)
	if len(entries) != len(corpusExpect) {
		t.Errorf("%d corpus files, %d expectations: every file needs one", len(entries), len(corpusExpect))
	}
	for _, e := range entries {
		t.Run(e.file, func(t *testing.T) {
			if _, ok := corpusExpect[e.file]; !ok {
				t.Fatalf("no expectation written for %s", e.file)
			}
			content, err := os.ReadFile(filepath.Join("..", "internal", "devcontainer", "testdata", "corpus", e.file))
			if err != nil {
				t.Fatal(err)
			}
			root := filepath.Join(t.TempDir(), filepath.Base(e.repo))
			testfiles.WriteFile(t, filepath.Join(root, filepath.FromSlash(e.path)), content)
			testfiles.WriteFile(t, filepath.Join(root, "go.mod"), []byte("module example.com/"+filepath.Base(e.repo)+"\n\ngo 1.22\n"))
			testfiles.WriteFile(t, filepath.Join(root, "main.go"), []byte("package main\n"))
			if err := os.MkdirAll(filepath.Join(root, ".git"), 0o755); err != nil {
				t.Fatal(err)
			}
			// A developer's home with what the corpus configs bind-mount
			// from it, as on the machines they were written for.
			home := filepath.Join(filepath.Dir(root), "home")
			for _, dir := range []string{".ssh", ".kube", ".docker", ".aws", ".azure", ".config/gh", "go/pkg/mod", ".cache/go-build", ".vscode-server"} {
				if err := os.MkdirAll(filepath.Join(home, dir), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			for _, file := range []string{".gitconfig", ".zsh_history", ".bash_history", ".netrc"} {
				testfiles.WriteFile(t, filepath.Join(home, file), nil)
			}
			snap, err := workspace.New(context.Background(), workspace.Options{
				Folders: []string{root},
				Env:     map[string]string{"HOME": home},
				Host:    hostfs.Host{OS: "linux", UID: 1000, Home: home},
			})
			if err != nil {
				t.Fatal(err)
			}
			var sel Selection
			for _, r := range Rules {
				if r.Family == "devcontainer" {
					sel = append(sel, r.ID)
				}
			}
			var got []string
			var lines []string
			for _, f := range Run(context.Background(), snap, sel) {
				got = append(got, f.Check)
				rel, _ := filepath.Rel(root, f.File)
				lines = append(lines, fmt.Sprintf("%s:%d:%d %s %s: %s", rel, f.Range.Start.Line+1, f.Range.Start.Character+1, f.Severity, f.Check, f.Message))
			}
			slices.Sort(got)
			want := slices.Clone(corpusExpect[e.file].ids)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: findings %v, want %v (%s)\n%s", e.file, got, want, corpusExpect[e.file].reason, strings.Join(lines, "\n"))
			}
		})
	}
}
