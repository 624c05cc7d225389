package main

import (
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"testing"
	"time"
)

// TestBinary builds the real gomend and runs it as a process: the things
// an in-process run cannot show (exit status, stdin, stdout of serve).
func TestBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "gomend")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	build := exec.Command("go", "build", "-ldflags", "-X main.version=v0.0.0-test", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatalf("gomend version: %v", err)
	}
	if !regexp.MustCompile(`^gomend v0\.0\.0-test \(go\S+\)\n$`).Match(out) {
		t.Errorf("gomend version = %q", out)
	}

	// stdin closed before initialize: the server must end promptly, with
	// status 1 (no shutdown+exit), and print nothing on stdout. The deadline
	// only turns a hang into a failure.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	serve := exec.CommandContext(ctx, bin, "serve", "--stdio")
	serve.Stdin = nil // the null device: EOF at once
	stdout, err := serve.Output()
	if ctx.Err() != nil {
		t.Fatal("gomend serve did not exit after stdin closed")
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("gomend serve with stdin closed: %v, want exit status 1", err)
	}
	if len(stdout) != 0 {
		t.Errorf("gomend serve wrote to stdout without a client: %q", stdout)
	}
}
