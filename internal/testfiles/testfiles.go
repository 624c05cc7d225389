// Package testfiles writes the files a test's workspace needs. It imports
// nothing of gomend's, so any package's tests can use it.
package testfiles

import (
	"os"
	"path/filepath"
	"testing"
)

// Write creates files (slash-separated path relative to root → content)
// under root, with their parent directories.
func Write(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		WriteFile(t, filepath.Join(root, filepath.FromSlash(name)), []byte(content))
	}
}

// WriteFile writes data to path, creating parent directories.
func WriteFile(t testing.TB, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
