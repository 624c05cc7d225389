package hostfs

import (
	"reflect"
	"testing"
)

func TestWindowsDrive(t *testing.T) {
	for _, tc := range []struct {
		name  string
		m     Mount
		drive string // "" when not a drive
		root  []string
	}{
		{"wsl2 9p", Mount{"/mnt/c", "9p", `C:\`, `rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/`}, "C", nil},
		{"wsl2 9p lower-case source", Mount{"/mnt/d", "9p", `d:\`, `rw,aname=drvfs;path=d:\`}, "D", nil},
		{"wsl2 9p source drvfs", Mount{"/mnt/e", "9p", "drvfs", `rw,dirsync,aname=drvfs;path=E:\;uid=1000`}, "E", nil},
		{"wsl2 9p path without aname", Mount{"/mnt/e", "9p", "drvfs", `rw,path=E:\`}, "E", nil},
		{"virtiofs drive source", Mount{"/mnt/f", "virtiofs", `F:\`, "rw,relatime"}, "F", nil},
		{"wsl1 drvfs", Mount{"/mnt/c", "drvfs", `C:\`, "rw,noatime,uid=1000,gid=1000,case=off"}, "C", nil},
		{"wsl1 drvfs bare letter", Mount{"/mnt/d", "drvfs", "D:", "rw,noatime"}, "D", nil},
		{"custom root /c", Mount{"/c", "9p", `C:\`, `rw,aname=drvfs;path=C:\;symlinkroot=/`}, "C", nil},
		{"custom root /windir/d", Mount{"/windir/d", "9p", `D:\`, `rw,aname=drvfs;path=D:\;symlinkroot=/windir/`}, "D", nil},
		{"fstab folder mount", Mount{"/u", "drvfs", `C:\Users\`, "rw,noatime"}, "C", []string{"Users"}},
		{"fstab folder mount, slashes", Mount{"/src", "9p", "drvfs", `rw,aname=drvfs;path=D:/work/src`}, "D", []string{"work", "src"}},
		{"hand-written host file", Mount{MountPoint: "/mnt/c", FSType: "9p"}, "C", nil},
		{"hand-written custom root", Mount{MountPoint: "/windir/d/", FSType: "drvfs"}, "D", nil},
		{"wsl drivers", Mount{"/usr/lib/wsl/drivers", "9p", "drivers", "ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap"}, "", nil},
		{"wslg 9p with a path", Mount{"/mnt/wslg/x", "9p", "wslg", `rw,aname=wslg;path=C:\`}, "", nil},
		{"wsl lib overlay", Mount{"/usr/lib/wsl/lib", "overlay", "none", "rw,lowerdir=/gpu_lib_packaged:/gpu_lib_inbox"}, "", nil},
		{"ext4 under /mnt/c name", Mount{"/mnt/c", "ext4", "/dev/sdc", "rw"}, "", nil},
		{"tmpfs", Mount{"/mnt/wsl", "tmpfs", "none", "rw"}, "", nil},
		{"drvfs network share", Mount{"/mnt/share", "drvfs", `\\server\share`, "rw"}, "", nil},
		{"drive-relative source", Mount{"/mnt/q", "drvfs", `C:x`, "rw"}, "", nil},
		{"hand-written, no letter", Mount{MountPoint: "/data", FSType: "9p"}, "", nil},
		{"hand-written, two letters", Mount{MountPoint: "/mnt/cd", FSType: "9p"}, "", nil},
		{"hand-written ext4", Mount{MountPoint: "/mnt/c", FSType: "ext4"}, "", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			drive, ok := tc.m.WindowsDrive()
			if drive != tc.drive || ok != (tc.drive != "") {
				t.Errorf("WindowsDrive() = %q, %v; want %q", drive, ok, tc.drive)
			}
			if _, root, _ := tc.m.windowsRoot(); !reflect.DeepEqual(root, tc.root) {
				t.Errorf("root %q, want %q", root, tc.root)
			}
		})
	}
}

func TestParseDrivePath(t *testing.T) {
	for _, tc := range []struct {
		in    string
		drive string // "" when refused
		elems []string
	}{
		{`C:\Users\me`, "C", []string{"Users", "me"}},
		{`c:/Users/me/`, "C", []string{"Users", "me"}},
		{`C:`, "C", nil},
		{`C:\`, "C", nil},
		{`C:\\a\\\b`, "C", []string{"a", "b"}},
		{`C:\a\.\b\..\c`, "C", []string{"a", "c"}},
		{`C:\..\..\x`, "C", []string{"x"}},
		{`C:\a/b\c`, "C", []string{"a", "b", "c"}},
		{`z:\Program Files (x86)\Go`, "Z", []string{"Program Files (x86)", "Go"}},
		{`C:a`, "", nil},
		{`1:\a`, "", nil},
		{`:\a`, "", nil},
		{`C`, "", nil},
		{``, "", nil},
		{`/mnt/c`, "", nil},
		{`\\wsl$\Ubuntu`, "", nil},
		{`é:\x`, "", nil},
	} {
		drive, elems, ok := parseDrivePath(tc.in)
		if drive != tc.drive || ok != (tc.drive != "") || !reflect.DeepEqual(elems, tc.elems) {
			t.Errorf("parseDrivePath(%q) = %q, %q, %v; want %q, %q", tc.in, drive, elems, ok, tc.drive, tc.elems)
		}
	}
}
