package main

import (
	"bytes"
	"encoding/json"
	"io"
	"regexp"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
)

func progressWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, map[string]string{
		"go.mod":   "module example.com/p\n\ngo 1.22\n",
		"p.go":     "package p\n",
		"sub/s.go": "package sub\n",
	})
	return dir
}

// On a terminal, the walk shows one progress line on stderr and erases it
// before the report; stdout carries only the report.
func TestCheckShowsProgressOnATerminal(t *testing.T) {
	dir := progressWorkspace(t)
	var stdout, stderr bytes.Buffer
	c := &cli{env: testEnv(t), stdout: &stdout, stderr: &stderr,
		terminal: func(w io.Writer) bool { return w == &stderr }, progressDelay: -1}
	if code := runCheck(c, []string{"--format", "json", dir}); code != exitOK {
		t.Fatalf("exit %d; stderr %q", code, stderr.String())
	}
	re := regexp.MustCompile(`^(\rgomend: reading the workspace: \d+ files and folders)+\r\x1b\[K$`)
	if !re.MatchString(stderr.String()) {
		t.Errorf("stderr = %q, want progress lines then an erase", stderr.String())
	}
	var doc map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Errorf("stdout is not the JSON report: %v\n%s", err, stdout.String())
	}
}

// Piped (here: a buffer, which is no terminal), nothing but the report.
func TestCheckShowsNoProgressWhenPiped(t *testing.T) {
	dir := progressWorkspace(t)
	var stdout, stderr bytes.Buffer
	c := &cli{env: testEnv(t), stdout: &stdout, stderr: &stderr, progressDelay: -1}
	if code := runCheck(c, []string{dir}); code != exitOK {
		t.Fatalf("exit %d; stderr %q", code, stderr.String())
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr = %q, want nothing when not a terminal", stderr.String())
	}
}
