package diagnostics

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/workspace"
)

// TestUntrustedRunsNothing: with a go on the PATH that records every call,
// an untrusted workspace runs every check and the go is never called; the
// same workspace trusted calls it (so the recorder works).
func TestUntrustedRunsNothing(t *testing.T) {
	for _, trusted := range []bool{false, true} {
		root := t.TempDir()
		folder := filepath.Join(root, "app")
		bin := filepath.Join(root, "bin")
		calls := filepath.Join(root, "calls")
		for name, data := range map[string]string{
			filepath.Join(folder, "go.mod"):  "module example.com/app\n\ngo 1.22\n",
			filepath.Join(folder, "main.go"): "package main\n\nfunc main() {}\n",
			filepath.Join(bin, "go"):         "#!/bin/sh\necho \"$@\" >> " + calls + "\nexit 1\n",
		} {
			if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(name, []byte(data), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		snap, err := workspace.New(context.Background(), workspace.Options{
			Folders:   []string{folder},
			Env:       map[string]string{"PATH": bin, "HOME": filepath.Join(root, "home")},
			Exec:      true,
			Untrusted: !trusted,
			Runner:    gocmd.Exec{},
		})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, f := range Run(context.Background(), snap, nil) {
			ids = append(ids, f.Check)
		}
		_, err = os.Stat(calls)
		ran := err == nil
		if ran == !trusted {
			t.Errorf("trusted=%v: the go command ran: %v (findings %v)", trusted, ran, ids)
		}
		if !trusted && !contains(ids, "untrusted-workspace") {
			t.Errorf("untrusted: findings %v lack untrusted-workspace", ids)
		}
	}
}
