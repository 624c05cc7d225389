package diagnostics

import (
	"context"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/goenv"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/testgo"
	"github.com/gomend/gomend/internal/workspace"
)

// TestHostileSettingsFromOutside reproduces each environment trap with the
// real go command: it runs the command a user would (go build, go list) in
// a workspace with the hostile setting and asserts what the go command
// does, then asserts what gomend says about the same workspace, with every
// check (the go-command ones included) — one finding for one problem.
func TestHostileSettingsFromOutside(t *testing.T) {
	gobin := filepath.Join(fixture.RealGoBin(t), "go")
	goroot := filepath.Dir(filepath.Dir(gobin))
	local := goenv.ToolchainVersion(goroot)
	const module = "module example.com/app\n\ngo 1.22\n"
	const program = "package main\n\nfunc main() {}\n"
	for _, tc := range []struct {
		name  string
		files map[string]string
		env   map[string]string // $WORK is the workspace, $GOROOT the real one
		// goArgs is what the user runs; wantGo is in its combined output.
		goArgs []string
		wantGo string
		// want are the check IDs gomend reports, sorted.
		want []string
	}{
		{
			name:   "GOCACHE under a file",
			files:  map[string]string{"go.mod": module, "main.go": program, "notes": "a file, not a directory\n"},
			env:    map[string]string{"GOCACHE": "$WORK/notes/cache"},
			goArgs: []string{"build", "./..."},
			wantGo: "failed to initialize build cache at $WORK/notes/cache",
			want:   []string{"cache-unwritable"},
		},
		{
			name:   "GOPATH=GOROOT",
			files:  map[string]string{"go.mod": module, "main.go": program},
			env:    map[string]string{"GOPATH": "$GOROOT"},
			goArgs: []string{"list", "./..."},
			wantGo: "warning: both GOPATH and GOROOT are the same directory",
			want:   []string{"goroot-gopath-overlap"},
		},
		{
			name: "GOFLAGS=-mod=vendor with requirements and no vendor directory",
			files: map[string]string{
				"go.mod":  module + "\nrequire example.com/dep v1.0.0\n",
				"main.go": "package main\n\nimport _ \"example.com/dep\"\n\nfunc main() {}\n",
			},
			env:    map[string]string{"GOFLAGS": "-mod=vendor"},
			goArgs: []string{"list", "./..."},
			wantGo: "go: inconsistent vendoring",
			want:   []string{"goflags-conflict"},
		},
		{
			name:   "go 1.99 with GOTOOLCHAIN=local",
			files:  map[string]string{"go.mod": "module example.com/app\n\ngo 1.99\n", "main.go": program},
			env:    map[string]string{"GOTOOLCHAIN": "local"},
			goArgs: []string{"list", "./..."},
			wantGo: "go: go.mod requires go >= 1.99 (running go " + local + "; GOTOOLCHAIN=local)",
			want:   []string{"toolchain-too-old"},
		},
		{
			name:   "GO111MODULE off beside a go.mod", // no "=": the ad-hoc import path would spell it "_"
			files:  map[string]string{"go.mod": module, "main.go": program},
			env:    map[string]string{"GO111MODULE": "off"},
			goArgs: []string{"list", "."},
			wantGo: "_" + "$WORK", // GOPATH mode: an ad-hoc import path, not example.com/app
			want:   []string{"gomodule-off"},
		},
		{
			name:   "GOWORK naming a missing file",
			files:  map[string]string{"go.mod": module, "main.go": program},
			env:    map[string]string{"GOWORK": "$WORK/nowhere/go.work"},
			goArgs: []string{"list", "./..."},
			wantGo: "no such file or directory",
			want:   []string{"gowork-invalid"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			work := t.TempDir()
			expand := func(s string) string {
				return strings.NewReplacer("$WORK", work, "$GOROOT", goroot).Replace(s)
			}
			testfiles.Write(t, work, tc.files)
			home := filepath.Join(t.TempDir(), "home")
			testgo.TelemetryOff(t, home)
			env := map[string]string{"HOME": home, "PATH": filepath.Dir(gobin)}
			for k, v := range tc.env {
				env[k] = expand(v)
			}

			// What the go command does.
			cmd := exec.Command(gobin, tc.goArgs...)
			cmd.Dir = work
			for k, v := range env {
				cmd.Env = append(cmd.Env, k+"="+v)
			}
			out, _ := cmd.CombinedOutput()
			if want := expand(tc.wantGo); !strings.Contains(string(out), want) {
				t.Fatalf("go %s printed\n%s\nwant it to contain %q", strings.Join(tc.goArgs, " "), out, want)
			}

			// What gomend says.
			snap, err := workspace.New(context.Background(), workspace.Options{
				Folders: []string{work}, Env: env, Exec: true, Runner: gocmd.Exec{}, GoVersion: local,
			})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var msgs []string
			for _, f := range Run(context.Background(), snap, nil) {
				if Lookup(f.Check).Family == "paths" {
					continue // temporary directories have nothing to do with it
				}
				got = append(got, f.Check)
				msgs = append(msgs, f.Check+": "+f.Message)
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("gomend reports %v, want %v:\n%s", got, tc.want, strings.Join(msgs, "\n"))
			}
		})
	}
}
