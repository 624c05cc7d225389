package lspdriver

import (
	"net/url"
	"testing"
)

func TestFileURI(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"/home/me/go.mod", "file:///home/me/go.mod"},
		{"/tmp/my dir/项目/go.mod", "file:///tmp/my%20dir/%E9%A1%B9%E7%9B%AE/go.mod"},
		{"/a/b#c?d%e+f:g~h_i.j-k", "file:///a/b%23c%3Fd%25e%2Bf%3Ag~h_i.j-k"},
	} {
		got := FileURI(tc.path)
		if got != tc.want {
			t.Errorf("FileURI(%q) = %q, want %q", tc.path, got, tc.want)
		}
		u, err := url.Parse(got)
		if err != nil || u.Scheme != "file" || u.Host != "" || u.Path != tc.path {
			t.Errorf("%q does not parse back to %q: %+v, %v", got, tc.path, u, err)
		}
	}
}
