package hostfs

import "testing"

func TestDriveMountOf(t *testing.T) {
	h := Host{OS: "linux", WSLDistro: "Ubuntu", Mounts: []Mount{
		{"/", "ext4", "/dev/sdc", "rw"},
		{"/mnt/wsl", "tmpfs", "none", "rw"},
		{"/mnt/c", "9p", `C:\`, `rw,aname=drvfs;path=C:\`},
		{"/mnt/c/inner", "ext4", "/dev/sdd", "rw"}, // a Linux disk mounted inside the drive
		{"/windir/d", "9p", "drvfs", `rw,aname=drvfs;path=D:\`},
		{"/c", "drvfs", `C:\`, "rw"},
		{"/usr/lib/wsl/drivers", "9p", "drivers", "ro,aname=drivers"},
		{"/shadowed", "9p", `E:\`, "rw"},
		{"/shadowed", "tmpfs", "none", "rw"}, // mounted later, hides E:
		{"/uncovered", "tmpfs", "none", "rw"},
		{"/uncovered", "9p", `F:\`, "rw"},
		{"/trailing/g/", "9p", `G:\`, "rw"},
	}}
	for _, tc := range []struct {
		path, point, drive string // point "" when not on a drive
	}{
		{"/mnt/c", "/mnt/c", "C"},
		{"/mnt/c/", "/mnt/c", "C"},
		{"/mnt/c/Users/me/go/src/app", "/mnt/c", "C"},
		{"/mnt//c//Users", "/mnt/c", "C"},
		{"/mnt/c/innerx/a", "/mnt/c", "C"},
		{"/mnt/c/inner", "", ""},
		{"/mnt/c/inner/a", "", ""},
		{"/mnt/cd", "", ""},
		{"/mnt/cdrom/x", "", ""},
		{"/mnt", "", ""},
		{"/mnt/wsl/x", "", ""},
		{"/mnt/c/../d", "", ""},
		{"/mnt/d/../c/x", "/mnt/c", "C"},
		{"/windir/d", "/windir/d", "D"},
		{"/windir/d/src/x.go", "/windir/d", "D"},
		{"/windir/dd", "", ""},
		{"/windir", "", ""},
		{"/c/Users", "/c", "C"},
		{"/cc", "", ""},
		{"/usr/lib/wsl/drivers/x.sys", "", ""},
		{"/home/u/src", "", ""},
		{"/", "", ""},
		{"/shadowed/x", "", ""},
		{"/uncovered/x", "/uncovered", "F"},
		{"/trailing/g/x", "/trailing/g/", "G"},
		{"mnt/c/x", "", ""},
		{"", "", ""},
	} {
		m, drive, ok := h.DriveMountOf(tc.path)
		if m.MountPoint != tc.point || drive != tc.drive || ok != (tc.point != "") {
			t.Errorf("DriveMountOf(%q) = %q, %q, %v; want %q, %q", tc.path, m.MountPoint, drive, ok, tc.point, tc.drive)
		}
	}
	if (Host{}).IsWSL() || !h.IsWSL() {
		t.Error("IsWSL must follow WSLDistro")
	}
}
