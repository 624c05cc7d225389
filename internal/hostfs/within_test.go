package hostfs

import (
	"path/filepath"
	"testing"
)

func TestWithin(t *testing.T) {
	for _, tc := range []struct {
		dir, path      string
		within, strict bool
	}{
		{"/w", "/w", true, false},
		{"/w", "/w/", true, false},
		{"/w", "/w/a/go.mod", true, true},
		{"/w", "/w/../w/a", true, true},
		{"/w", "/wx/a", false, false},
		{"/w", "/", false, false},
		{"/w", "/w/..foo", true, true}, // a name starting with "..", not a parent
		{"/w/a", "/w/b", false, false},
		{"/w", "relative", false, false},
	} {
		dir, path := filepath.FromSlash(tc.dir), filepath.FromSlash(tc.path)
		if got := Within(dir, path); got != tc.within {
			t.Errorf("Within(%q, %q) = %v, want %v", tc.dir, tc.path, got, tc.within)
		}
		if got := StrictlyWithin(dir, path); got != tc.strict {
			t.Errorf("StrictlyWithin(%q, %q) = %v, want %v", tc.dir, tc.path, got, tc.strict)
		}
	}
}
