package hostfs

import (
	"path/filepath"
	"strings"
)

// Within reports whether path is dir or lies below it, comparing the
// cleaned paths lexically (symlinks are not resolved: callers that must
// not be fooled by links resolve both sides first).
func Within(dir, path string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && !filepath.IsAbs(rel) && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// StrictlyWithin is Within without dir itself.
func StrictlyWithin(dir, path string) bool {
	return Within(dir, path) && filepath.Clean(dir) != filepath.Clean(path)
}
