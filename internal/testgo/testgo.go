// Package testgo helps tests that run the real go command with a HOME of
// their own.
package testgo

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Home returns a new, empty HOME (under the test's temporary directory)
// for the go commands a test runs, with Go telemetry off in it.
func Home(t testing.TB) string {
	t.Helper()
	home := t.TempDir()
	TelemetryOff(t, home)
	return home
}

// TelemetryOff turns Go telemetry off for go commands run with HOME=home
// (and no XDG_CONFIG_HOME). In its default mode, local, the go command
// starts a process that writes under HOME's config directory after the
// command is done; it races the removal of the test's temporary
// directory, which then fails ("directory not empty").
func TelemetryOff(t testing.TB, home string) {
	t.Helper()
	config := filepath.Join(home, ".config")
	if runtime.GOOS == "darwin" {
		config = filepath.Join(home, "Library", "Application Support")
	}
	mode := filepath.Join(config, "go", "telemetry", "mode")
	if err := os.MkdirAll(filepath.Dir(mode), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(mode, []byte("off"), 0o644); err != nil {
		t.Fatal(err)
	}
}
