package hostfs

import (
	"path"
	"strings"
	"testing"
)

func TestUNCDistro(t *testing.T) {
	for _, tc := range []struct {
		in, distro, linux string // distro "" when not ok
	}{
		{`\\wsl$\Ubuntu\home\u\p`, "Ubuntu", "/home/u/p"},
		{`\\wsl.localhost\Ubuntu\home\u`, "Ubuntu", "/home/u"},
		{`\\WSL.LOCALHOST\ubuntu\home`, "ubuntu", "/home"},
		{`\\WSL$\Ubuntu-22.04\srv`, "Ubuntu-22.04", "/srv"},
		{`//wsl$/Ubuntu/home/u/p`, "Ubuntu", "/home/u/p"},
		{`//wsl.localhost/Ubuntu/home/u`, "Ubuntu", "/home/u"},
		{`\\wsl$/Ubuntu\home/u`, "Ubuntu", "/home/u"},
		{`\\wsl$\Ubuntu`, "Ubuntu", "/"},
		{`\\wsl$\Ubuntu\`, "Ubuntu", "/"},
		{`\\wsl$\Ubuntu\\home\\\u\`, "Ubuntu", "/home/u"},
		{`\\wsl$\Ubuntu\home\..\..\..\etc`, "Ubuntu", "/etc"},
		{`\\wsl.localhost\Ubuntu-Old\x`, "Ubuntu-Old", "/x"},
		{`\\wsl.localhost\docker-desktop-data\data`, "docker-desktop-data", "/data"},
		{`\\wsl$\`, "", ""},
		{`\\wsl$`, "", ""},
		{`\\wsl$\\Ubuntu`, "", ""},
		{`\\wsl\Ubuntu\x`, "", ""},
		{`\\wsl.local\Ubuntu\x`, "", ""},
		{`\\wsl$x\Ubuntu`, "", ""},
		{`\\server\share\x`, "", ""},
		{`\wsl$\Ubuntu\x`, "", ""},
		{`\\\wsl$\Ubuntu\x`, "", ""},
		{`/wsl$/Ubuntu/x`, "", ""},
		{`C:\wsl$\Ubuntu`, "", ""},
		{`wsl$\Ubuntu`, "", ""},
		{``, "", ""},
	} {
		distro, linux, ok := UNCDistro(tc.in)
		if distro != tc.distro || linux != tc.linux || ok != (tc.distro != "") {
			t.Errorf("UNCDistro(%q) = %q, %q, %v; want %q, %q", tc.in, distro, linux, ok, tc.distro, tc.linux)
		}
	}
}

func FuzzUNCDistro(f *testing.F) {
	for _, s := range []string{`\\wsl$\Ubuntu\home\u\p`, `//wsl.localhost/Ubuntu`, `\\WSL$\x\..\..`, `\\wsl$\`, `\\`, `//`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		distro, linux, ok := UNCDistro(p)
		if !ok {
			return
		}
		if distro == "" || strings.ContainsAny(distro, `\/`) || path.Clean(linux) != linux || !path.IsAbs(linux) || strings.Contains(linux, `\`) {
			t.Fatalf("UNCDistro(%q) = %q, %q", p, distro, linux)
		}
		if !IsWindowsPath(p) {
			t.Fatalf("UNCDistro accepts %q but IsWindowsPath does not", p)
		}
	})
}
