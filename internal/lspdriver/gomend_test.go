package lspdriver

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/testfiles"
)

// TestGomend drives the real server on a go.work that leaves out a module.
func TestGomend(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build gomend with")
	}
	bin := filepath.Join(t.TempDir(), "gomend")
	build := exec.Command(goCmd, "build", "-o", bin, "github.com/gomend/gomend/cmd/gomend")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building gomend: %v\n%s", err, out)
	}

	root := t.TempDir()
	testfiles.Write(t, root, map[string]string{
		"go.work":  "go 1.22\n\nuse ./a\n",
		"a/go.mod": "module example.com/a\n\ngo 1.22\n",
		"a/a.go":   "package a\n",
		"b/go.mod": "module example.com/b\n\ngo 1.22\n",
		"b/b.go":   "package b\n",
	})
	var env []string // ours, less a GOWORK that would point elsewhere
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOWORK=") {
			env = append(env, kv)
		}
	}

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	stderr := &syncBuffer{}
	s, err := Start(ctx, Options{
		Argv:    []string{bin, "serve"},
		Dir:     root,
		Env:     env,
		Folders: []string{root},
		Stderr:  stderr,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("gomend's stderr:\n%s", stderr)
		}
	}()

	bURI := hostfs.PathToURI(filepath.Join(root, "b", "go.mod"))
	diags, err := s.WaitFor(ctx, func(m Message) bool {
		var p struct{ URI string }
		return m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == bURI
	})
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Diagnostics []struct{ Code string }
	}
	if err := json.Unmarshal(diags.Params, &p); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, d := range p.Diagnostics {
		found = found || d.Code == "gowork-missing-module"
	}
	if !found {
		t.Errorf("no gowork-missing-module on b/go.mod: %s", diags.Params)
	}
	checked, err := s.WaitFor(ctx, func(m Message) bool { return m.Method == "gomend/checked" })
	if err != nil {
		t.Fatal(err)
	}

	res, err := s.Close(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode != 0 || res.MaxRSS <= 1<<20 || res.UserCPU+res.SysCPU <= 0 {
		t.Errorf("result %+v", res)
	}
	sent := s.Sent()
	if !diags.At.After(sent) || checked.At.Before(diags.At) || diags.At.Sub(sent) > time.Minute {
		t.Errorf("sent %v, diagnostics %v, checked %v", sent, diags.At, checked.At)
	}
	t.Logf("diagnostics after %v, checked after %v, %+v", diags.At.Sub(sent), checked.At.Sub(sent), res)
}
