package hostfs

import "testing"

func TestURIRoundTrip(t *testing.T) {
	for _, tc := range []struct{ path, uri string }{
		{"/home/u/go/src/app", "file:///home/u/go/src/app"},
		{"/home/u/my project/go.mod", "file:///home/u/my%20project/go.mod"},
		{"/home/u/项目/go.mod", "file:///home/u/%E9%A1%B9%E7%9B%AE/go.mod"},
		{"/tmp/a#b?c@d", "file:///tmp/a%23b%3Fc%40d"},
	} {
		if got := PathToURI(tc.path); got != tc.uri {
			t.Errorf("PathToURI(%q) = %q, want %q", tc.path, got, tc.uri)
		}
		if got, err := URIToPath(tc.uri); err != nil || got != tc.path {
			t.Errorf("URIToPath(%q) = %q, %v; want %q", tc.uri, got, err, tc.path)
		}
	}
	for _, bad := range []string{"http://x/y", "file://%zz", "untitled:Untitled-1", ":"} {
		if _, err := URIToPath(bad); err == nil {
			t.Errorf("URIToPath(%q): want error", bad)
		}
	}
}

func FuzzURIToPath(f *testing.F) {
	f.Add("file:///home/u/a%20b")
	f.Add("file://wsl$/Ubuntu/home")
	f.Add("file:///c%3A/Users/x")
	f.Fuzz(func(t *testing.T, uri string) {
		p, err := URIToPath(uri)
		if err != nil {
			return
		}
		_ = PathToURI(p) // must not panic
	})
}
