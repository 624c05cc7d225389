package hostfs

import (
	"strings"
	"testing"
)

var (
	// Default automount root, one drive written the WSL 2 way and one the
	// older source-drvfs way.
	stdHost = Host{OS: "linux", WSLDistro: "Ubuntu", Mounts: []Mount{
		{"/", "ext4", "/dev/sdc", "rw"},
		{"/usr/lib/wsl/drivers", "9p", "drivers", "ro,aname=drivers"},
		{"/mnt/wsl", "tmpfs", "none", "rw"},
		{"/mnt/c", "9p", `C:\`, `rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/`},
		{"/mnt/d", "9p", "drvfs", `rw,aname=drvfs;path=D:\;uid=1000`},
	}}
	// [automount] root = / for C:, and /windir/ for D: (WSL 1 drvfs).
	customHost = Host{OS: "linux", WSLDistro: "Ubuntu", Mounts: []Mount{
		{"/", "ext4", "/dev/sdc", "rw"},
		{"/c", "9p", `C:\`, `rw,aname=drvfs;path=C:\;symlinkroot=/`},
		{"/windir/d", "drvfs", `D:\`, "rw,noatime,case=off"},
	}}
	// fstab mounts C:\Users on /u besides the drive itself.
	folderHost = Host{OS: "linux", WSLDistro: "Debian", Mounts: []Mount{
		{"/mnt/c", "9p", `C:\`, `rw,aname=drvfs;path=C:\`},
		{"/u", "drvfs", `C:\Users`, "rw"},
	}}
	notWSL = Host{OS: "linux", Mounts: stdHost.Mounts}
)

func TestToWSL(t *testing.T) {
	for _, tc := range []struct {
		h          Host
		win, linux string // linux "" when not ok
	}{
		{stdHost, `C:\Users\me\go`, "/mnt/c/Users/me/go"},
		{stdHost, `c:\Users\me`, "/mnt/c/Users/me"},
		{stdHost, `C:/Users/me/go/pkg/mod`, "/mnt/c/Users/me/go/pkg/mod"},
		{stdHost, `C:\Users\me\`, "/mnt/c/Users/me"},
		{stdHost, `C:\Users\\me\\\go`, "/mnt/c/Users/me/go"},
		{stdHost, `C:\Users/me\go/`, "/mnt/c/Users/me/go"},
		{stdHost, `C:\`, "/mnt/c"},
		{stdHost, `C:/`, "/mnt/c"},
		{stdHost, `C:`, "/mnt/c"},
		{stdHost, `C:\a\..\b`, "/mnt/c/b"},
		{stdHost, `C:\..\..\etc`, "/mnt/c/etc"},
		{stdHost, `C:\Program Files\Go\bin\go.exe`, "/mnt/c/Program Files/Go/bin/go.exe"},
		{stdHost, `C:\Users\me\项目`, "/mnt/c/Users/me/项目"},
		{stdHost, `D:\src\app`, "/mnt/d/src/app"},
		{stdHost, `d:/src`, "/mnt/d/src"},
		{stdHost, `Z:\x`, ""},
		{stdHost, `C:foo`, ""},
		{stdHost, `\\wsl$\Ubuntu\home\u\p`, "/home/u/p"},
		{stdHost, `\\WSL.LOCALHOST\ubuntu\home`, "/home"},
		{stdHost, `\\wsl.localhost\Ubuntu\home\u\`, "/home/u"},
		{stdHost, `//wsl$/Ubuntu/home/u/p`, "/home/u/p"},
		{stdHost, `//wsl.localhost/Ubuntu/mnt/c/x`, "/mnt/c/x"},
		{stdHost, `\\wsl$\Ubuntu`, "/"},
		{stdHost, `\\wsl.localhost\Ubuntu\`, "/"},
		{stdHost, `\\wsl$\Ubuntu\..\..\etc`, "/etc"},
		{stdHost, `\\wsl.localhost\Ubuntu-Old\x`, ""},
		{stdHost, `\\wsl.localhost\Ubuntu.x\x`, ""},
		{stdHost, `\\wsl$\Debian\home`, ""},
		{stdHost, `\\wsl$\`, ""},
		{stdHost, `\\wsl\Ubuntu\home`, ""},
		{stdHost, `\\server\share\x`, ""},
		{stdHost, `/mnt/c/x`, ""},
		{stdHost, `relative\x`, ""},
		{stdHost, ``, ""},
		{customHost, `C:\Users\me`, "/c/Users/me"},
		{customHost, `C:\`, "/c"},
		{customHost, `d:\src`, "/windir/d/src"},
		{customHost, `E:\x`, ""},
		{customHost, `\\wsl$\Ubuntu\c\x`, "/c/x"},
		{folderHost, `C:\Users\me\go`, "/u/me/go"},
		{folderHost, `c:\users\me`, "/u/me"},
		{folderHost, `C:\Users`, "/u"},
		{folderHost, `C:\UsersX`, "/mnt/c/UsersX"},
		{folderHost, `C:\Windows\System32`, "/mnt/c/Windows/System32"},
		{folderHost, `\\wsl$\debian\home`, "/home"},
		{folderHost, `\\wsl$\Ubuntu\home`, ""},
		{notWSL, `C:\Users`, ""},
		{notWSL, `\\wsl$\Ubuntu\home`, ""},
	} {
		got, ok := tc.h.ToWSL(tc.win)
		if got != tc.linux || ok != (tc.linux != "") {
			t.Errorf("%s ToWSL(%q) = %q, %v; want %q", tc.h.WSLDistro, tc.win, got, ok, tc.linux)
		}
	}
}

func TestToWindows(t *testing.T) {
	for _, tc := range []struct {
		h          Host
		linux, win string // win "" when not ok
	}{
		{stdHost, "/mnt/c/Users/me/go", `C:\Users\me\go`},
		{stdHost, "/mnt/c", `C:\`},
		{stdHost, "/mnt/c/", `C:\`},
		{stdHost, "/mnt/c//Users/./me/", `C:\Users\me`},
		{stdHost, "/mnt/d/src/app/", `D:\src\app`},
		{stdHost, "/mnt/c/Program Files/Go", `C:\Program Files\Go`},
		{stdHost, "/mnt/cd", `\\wsl.localhost\Ubuntu\mnt\cd`},
		{stdHost, "/mnt", `\\wsl.localhost\Ubuntu\mnt`},
		{stdHost, "/home/u/p", `\\wsl.localhost\Ubuntu\home\u\p`},
		{stdHost, "/home/u/项目/go.mod", `\\wsl.localhost\Ubuntu\home\u\项目\go.mod`},
		{stdHost, "/", `\\wsl.localhost\Ubuntu\`},
		{stdHost, "/mnt/c/../../etc", `\\wsl.localhost\Ubuntu\etc`},
		{stdHost, "/usr/lib/wsl/drivers/x", `\\wsl.localhost\Ubuntu\usr\lib\wsl\drivers\x`},
		{stdHost, "home/u", ""},
		{stdHost, "", ""},
		{stdHost, `/home/a\b`, ""},
		{customHost, "/c/Users/me", `C:\Users\me`},
		{customHost, "/c", `C:\`},
		{customHost, "/windir/d", `D:\`},
		{customHost, "/windir/d/src/x.go", `D:\src\x.go`},
		{customHost, "/mnt/c/x", `\\wsl.localhost\Ubuntu\mnt\c\x`},
		{customHost, "/cx", `\\wsl.localhost\Ubuntu\cx`},
		{folderHost, "/u/me/go", `C:\Users\me\go`},
		{folderHost, "/u", `C:\Users`},
		{folderHost, "/mnt/c/Users/me", `C:\Users\me`},
		{folderHost, "/home/u", `\\wsl.localhost\Debian\home\u`},
		{notWSL, "/mnt/c/x", ""},
		{notWSL, "/home/u", ""},
	} {
		got, ok := tc.h.ToWindows(tc.linux)
		if got != tc.win || ok != (tc.win != "") {
			t.Errorf("%s ToWindows(%q) = %q, %v; want %q", tc.h.WSLDistro, tc.linux, got, ok, tc.win)
		}
	}
}

func TestWSLRoundTrip(t *testing.T) {
	for _, h := range []Host{stdHost, customHost, folderHost} {
		for _, win := range []string{`C:\Users\me\go`, `C:\`, `D:\src\app`, `C:\Windows\System32\drivers`, `C:\Users`} {
			linux, ok := h.ToWSL(win)
			if !ok {
				continue
			}
			if back, ok := h.ToWindows(linux); !ok || back != win {
				t.Errorf("%v: %q → %q → %q, %v", h.Mounts, win, linux, back, ok)
			}
		}
		for _, linux := range []string{"/home/u/p", "/", "/mnt/c/Users", "/c/x", "/windir/d/y", "/u/me", "/mnt/wsl"} {
			win, ok := h.ToWindows(linux)
			if !ok {
				t.Errorf("ToWindows(%q) not ok", linux)
				continue
			}
			want := linux
			if h.WSLDistro == folderHost.WSLDistro && linux == "/mnt/c/Users" {
				want = "/u" // C:\Users shows in two places; the deeper mount root wins
			}
			if back, ok := h.ToWSL(win); !ok || back != want {
				t.Errorf("%v: %q → %q → %q, %v; want %q", h.Mounts, linux, win, back, ok, want)
			}
		}
	}
}

func TestIsWindowsPath(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{`C:\Users\me`, true},
		{`C:/Users/me`, true},
		{`c:`, true},
		{`C:`, true},
		{`C:foo`, true},
		{`z:\`, true},
		{`\\server\share\x`, true},
		{`\\wsl$\Ubuntu\home\u`, true},
		{`\\wsl.localhost\Ubuntu\x`, true},
		{`\\WSL.LOCALHOST\ubuntu`, true},
		{`//wsl$/Ubuntu/x`, true},
		{`//wsl.localhost/Ubuntu/home/u`, true},
		{`//WSL$/Ubuntu`, true},
		{`\\?\C:\long\path`, true},
		{`/mnt/c`, false},
		{`/mnt/c/Users`, false},
		{`/home/u/go`, false},
		{`//server/share`, false}, // a Linux path: "//" is "/" there
		{`//wsl$`, false},
		{`relative/path`, false},
		{`relative\path`, false},
		{`.\x`, false},
		{`\x`, false},
		{`\\`, false},
		{`\\\x`, false},
		{`C`, false},
		{`1:\x`, false},
		{`:`, false},
		{``, false},
		{`~/go`, false},
		{`$HOME/go`, false},
	} {
		if got := IsWindowsPath(tc.s); got != tc.want {
			t.Errorf("IsWindowsPath(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// sameWindowsPath compares drive paths as Windows does: letter and
// separators normalised, case ignored.
func sameWindowsPath(a, b string) bool {
	da, ea, oka := parseDrivePath(a)
	db, eb, okb := parseDrivePath(b)
	return oka && okb && da == db && strings.EqualFold(strings.Join(ea, `\`), strings.Join(eb, `\`))
}

func FuzzToWSL(f *testing.F) {
	for _, s := range []string{
		`C:\Users\me\go`, `c:/x/`, `C:`, `C:\..\a`, `D:\src`, `C:\Users\me`, `\\wsl$\Ubuntu\home`,
		`\\WSL.LOCALHOST\ubuntu\mnt\c\x`, `//wsl$/Ubuntu`, `\\wsl.localhost\Ubuntu-Old\x`, `Z:\`, `C:x`, `/mnt/c`, `\\`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, win string) {
		_ = IsWindowsPath(win)
		for i, h := range []Host{stdHost, customHost, folderHost} {
			linux, ok := h.ToWSL(win)
			if !ok {
				continue
			}
			back, ok := h.ToWindows(linux)
			if !ok {
				t.Fatalf("ToWSL(%q) = %q, but ToWindows of it fails", win, linux)
			}
			if _, _, isDrive := parseDrivePath(win); isDrive && !sameWindowsPath(win, back) {
				t.Fatalf("%q → %q → %q", win, linux, back)
			}
			again, ok := h.ToWSL(back)
			if !ok {
				t.Fatalf("%q → %q → %q → not ok", win, linux, back)
			}
			// folderHost shows C:\Users twice, so only its second trip is stable.
			if i < 2 && again != linux {
				t.Fatalf("%q → %q → %q → %q", win, linux, back, again)
			}
			if back2, _ := h.ToWindows(again); back2 != back {
				t.Fatalf("%q → %q → %q → %q → %q", win, linux, back, again, back2)
			}
		}
	})
}
