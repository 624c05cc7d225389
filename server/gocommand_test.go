package server

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/testgo"
)

func TestMain(m *testing.M) {
	if gocmd.IsChild() { // the loader child of the tests that run the real go
		os.Exit(gocmd.ServeChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// realGoEnv is an environment with the real go command and a fresh HOME.
func realGoEnv(t *testing.T) map[string]string {
	t.Helper()
	return map[string]string{"PATH": fixture.RealGoBin(t), "HOME": testgo.Home(t)}
}

// TestGoChecksPublishSecond: the static findings are published first
// (phase "static"), then, once the go command has loaded the module, the
// complete diagnosis with its findings (phase "complete").
func TestGoChecksPublishSecond(t *testing.T) {
	c := start(t, testConfig{runner: gocmd.Exec{}, env: realGoEnv(t), files: map[string]string{
		"go.mod":  "module example.com/app\n\ngo 1.22\n",
		"main.go": "package main\n\nimport \"example.org/widgets\"\n\nfunc main() { widgets.New() }\n",
	}})
	c.initialize(nil)
	d := c.waitCheck("main.go", "missing-requirement")
	if d.Range.Start.Line != 2 || d.Range.Start.Character != 7 {
		t.Errorf("missing-requirement at %v; want the import path on line 3", d.Range.Start)
	}
	static := c.waitChecked("phase static", func(p checkedParams) bool { return p.Phase == phaseStatic })
	complete := c.waitChecked("phase complete", func(p checkedParams) bool { return p.Phase == phaseComplete })
	if static.Snapshot != complete.Snapshot || static.Errors != 0 || complete.Errors != 1 {
		t.Errorf("static %+v, complete %+v; want one snapshot, its error only in the complete diagnosis", static, complete)
	}
	if !complete.Trusted || len(complete.Environment) != 1 {
		t.Fatalf("complete: trusted %v, environment %+v", complete.Trusted, complete.Environment)
	}
	env := complete.Environment[0]
	if env.Go.Path == "" || env.Go.Version == "" {
		t.Errorf("environment names no go: %+v", env.Go)
	}
	var gomodcache string
	for _, v := range env.Vars {
		if v.Name == "GOMODCACHE" {
			gomodcache = v.Value + " (" + v.Source + ")"
		}
	}
	if !strings.HasSuffix(gomodcache, filepath.Join("go", "pkg", "mod")+" (go default)") {
		t.Errorf("GOMODCACHE shown as %q; want the go command's default under HOME", gomodcache)
	}
}

// TestUntrustedServerRunsNothing: an untrusted workspace with a go on the
// PATH that records its calls: it is never called, nothing is published
// for untrusted-workspace (it has no file), and gomend/checked carries it.
func TestUntrustedServerRunsNothing(t *testing.T) {
	bin := t.TempDir()
	calls := filepath.Join(t.TempDir(), "calls")
	testfiles.Write(t, bin, map[string]string{"go": "#!/bin/sh\necho \"$@\" >> " + calls + "\nexit 1\n"})
	if err := os.Chmod(filepath.Join(bin, "go"), 0o755); err != nil {
		t.Fatal(err)
	}
	c := start(t, testConfig{runner: gocmd.Exec{}, env: map[string]string{"PATH": bin, "HOME": testgo.Home(t)}, files: map[string]string{
		"go.mod":  "module example.com/app\n\ngo 1.22\n",
		"main.go": "package main\n\nimport \"example.org/widgets\"\n\nfunc main() { widgets.New() }\n",
	}})
	c.initialize(map[string]any{"trusted": false, "checks": []string{"-path-special-chars"}})
	p := c.waitChecked("a diagnosis", func(checkedParams) bool { return true })
	if p.Trusted || p.Phase != phaseComplete {
		t.Errorf("checked %+v; want untrusted, complete at once", p)
	}
	if len(p.Notices) != 1 || p.Notices[0].Check != "untrusted-workspace" {
		t.Errorf("notices %+v; want untrusted-workspace", p.Notices)
	}
	// A report is the other way to ask for everything: still nothing runs.
	var rep reportResult
	c.call("workspace/executeCommand", map[string]any{"command": "gomend.report"}, &rep)
	if !strings.Contains(rep.Markdown, "not trusted") {
		t.Errorf("report does not say the workspace is not trusted:\n%s", rep.Markdown)
	}
	err := c.tryCall(t.Context(), "workspace/executeCommand", map[string]any{"command": "gomend.runGo",
		"arguments": []any{map[string]any{"dir": c.root, "args": []string{"mod", "tidy"}}}}, nil)
	if err == nil {
		t.Error("gomend.runGo ran in an untrusted workspace")
	}
	if data, err := os.ReadFile(calls); err == nil {
		t.Errorf("the go command ran in an untrusted workspace: %s", data)
	}
	c.mu.Lock()
	n := len(c.diags)
	c.mu.Unlock()
	if n != 0 {
		t.Errorf("published diagnostics for %d files; want none", n)
	}
}

// TestRunGoRepairsVendor: "Run go mod vendor" from vendor-inconsistent runs
// the real go command in the module, says so, and the recheck clears it.
func TestRunGoRepairsVendor(t *testing.T) {
	c := start(t, testConfig{runner: gocmd.Exec{}, env: realGoEnv(t), files: map[string]string{
		"go.mod":                        "module example.com/app\n\ngo 1.22\n\nrequire example.com/dep v1.0.0\n\nreplace example.com/dep => ./dep\n",
		"main.go":                       "package main\n\nimport \"example.com/dep\"\n\nfunc main() { dep.Run() }\n",
		"dep/go.mod":                    "module example.com/dep\n\ngo 1.22\n",
		"dep/dep.go":                    "package dep\n\nfunc Run() {}\n",
		"vendor/modules.txt":            "# example.com/dep v1.1.0\n## explicit; go 1.22\nexample.com/dep\n",
		"vendor/example.com/dep/dep.go": "package dep\n\nfunc Run() {}\n",
	}})
	c.initialize(nil)
	c.waitCheck("go.mod", "vendor-inconsistent")
	before := c.waitChecked("the complete diagnosis", func(p checkedParams) bool { return p.Phase == phaseComplete })
	var res runGoResult
	c.call("workspace/executeCommand", map[string]any{"command": "gomend.runGo",
		"arguments": []any{map[string]any{"dir": c.root, "args": []string{"mod", "vendor"}}}}, &res)
	if !res.OK {
		t.Fatalf("go mod vendor failed: %s", res.Output)
	}
	// The recheck's complete diagnosis (the go command ran again) is clean.
	c.waitChecked("a complete recheck", func(p checkedParams) bool { return p.Phase == phaseComplete && p.Snapshot > before.Snapshot })
	c.mu.Lock()
	after := c.diags[c.uri("go.mod")]
	c.mu.Unlock()
	for _, d := range after {
		if d.Code == "vendor-inconsistent" {
			t.Errorf("vendor-inconsistent remains after go mod vendor: %s", d.Message)
		}
	}
	if got := c.read("vendor/modules.txt"); !strings.Contains(got, "example.com/dep v1.0.0 => ./dep") {
		t.Errorf("vendor/modules.txt not rewritten:\n%s", got)
	}
	c.mu.Lock()
	msgs := strings.Join(c.messages, "\n")
	c.mu.Unlock()
	if !strings.Contains(msgs, "window/showMessage: go mod vendor finished in "+c.root) {
		t.Errorf("messages:\n%s", msgs)
	}
	// Only the commands the fixes offer run.
	err := c.tryCall(t.Context(), "workspace/executeCommand", map[string]any{"command": "gomend.runGo",
		"arguments": []any{map[string]any{"dir": c.root, "args": []string{"run", "."}}}}, nil)
	if err == nil || !strings.Contains(err.Error(), "only the go commands") {
		t.Errorf("go run was not refused: %v", err)
	}
}
