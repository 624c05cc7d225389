package hostfs

import (
	"path/filepath"
	"strings"
	"testing"
)

// URIs VS Code and gopls write for Windows drives and WSL shares.
func TestURIWindowsAndUNC(t *testing.T) {
	for _, tc := range []struct {
		uri, path string // path with '/' separators
		canonical string // PathToURI(path); "" when it is uri itself
	}{
		{"file://wsl%24/Ubuntu/home/u/p", "//wsl$/Ubuntu/home/u/p", ""},
		{"file://wsl$/Ubuntu/home/u/p", "//wsl$/Ubuntu/home/u/p", "file://wsl%24/Ubuntu/home/u/p"},
		{"file://WSL%24/Ubuntu/home", "//WSL$/Ubuntu/home", "file://wsl%24/Ubuntu/home"},
		{"file://wsl.localhost/Ubuntu/home/u", "//wsl.localhost/Ubuntu/home/u", ""},
		{"file://wsl.localhost/Ubuntu-22.04/home/u/my%20project", "//wsl.localhost/Ubuntu-22.04/home/u/my project", ""},
		{"file://wsl.localhost/Ubuntu", "//wsl.localhost/Ubuntu", ""},
		{"file://server/share/dir/a.go", "//server/share/dir/a.go", ""},
		{"file:///c%3A/Users/Me/go", "C:/Users/Me/go", ""},
		{"file:///C:/x", "C:/x", "file:///c%3A/x"},
		{"file:///c:/x/y%20z", "C:/x/y z", "file:///c%3A/x/y%20z"},
		{"file:///d%3A/", "D:/", ""},
		{"file:////wsl$/Ubuntu/x", "//wsl$/Ubuntu/x", "file://wsl%24/Ubuntu/x"}, // empty authority, UNC path
		{"file:////a%20b/x", "//a b/x", ""},                                     // no host can be "a b"
		{"file:////user@host/x", "//user@host/x", "file:////user%40host/x"},
	} {
		want := filepath.FromSlash(tc.path)
		got, err := URIToPath(tc.uri)
		if err != nil || got != want {
			t.Errorf("URIToPath(%q) = %q, %v; want %q", tc.uri, got, err, want)
			continue
		}
		canonical := tc.canonical
		if canonical == "" {
			canonical = tc.uri
		}
		if back := PathToURI(got); back != canonical {
			t.Errorf("PathToURI(%q) = %q, want %q", got, back, canonical)
		}
		// The canonical URI names the same path (host and drive case aside).
		if again, err := URIToPath(canonical); err != nil || !strings.EqualFold(again, want) {
			t.Errorf("URIToPath(%q) = %q, %v; want %q", canonical, again, err, want)
		}
	}
	for _, bad := range []string{
		"file://wsl%zz/Ubuntu",     // bad escape
		"file://wsl%2FUbuntu/home", // an escaped '/' is not a host character
		"file://wsl%20x/Ubuntu",    // nor is a space
		"file://a b/x",             // as before
		"vscode-remote://wsl%2BUbuntu/home/u",
	} {
		if p, err := URIToPath(bad); err == nil {
			t.Errorf("URIToPath(%q) = %q; want an error", bad, p)
		}
	}
}

func TestUNCPathsFromURIs(t *testing.T) {
	h := Host{OS: "linux", WSLDistro: "Ubuntu"}
	for uri, want := range map[string]string{
		"file://wsl%24/Ubuntu/home/u/p":      "/home/u/p",
		"file://wsl.localhost/ubuntu/home/u": "/home/u",
		"file://wsl.localhost/Ubuntu":        "/",
	} {
		p, err := URIToPath(uri)
		if err != nil {
			t.Fatal(err)
		}
		if !IsWindowsPath(p) {
			t.Errorf("IsWindowsPath(%q) = false", p)
		}
		if got, ok := h.ToWSL(p); !ok || got != want {
			t.Errorf("ToWSL(URIToPath(%q)) = %q, %v; want %q", uri, got, ok, want)
		}
	}
}

func FuzzURIRoundTrip(f *testing.F) {
	for _, s := range []string{"file://wsl%24/Ubuntu/home/u/p", "file://wsl.localhost/Ubuntu/home/u", "file:///c%3A/Users/Me/go", "file:///C:/x", "file:///home/u/a%20b", "file://server/share/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, uri string) {
		p, err := URIToPath(uri)
		if err != nil {
			return
		}
		back := PathToURI(p)
		again, err := URIToPath(back)
		if err != nil {
			t.Fatalf("%q → %q → %q: %v", uri, p, back, err)
		}
		if PathToURI(again) != back {
			t.Fatalf("%q → %q → %q → %q → %q", uri, p, back, again, PathToURI(again))
		}
	})
}
