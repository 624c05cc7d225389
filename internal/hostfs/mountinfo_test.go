package hostfs

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseMountInfoLines(t *testing.T) {
	for _, tc := range []struct {
		name, line string
		want       Mount // zero: the line is bad
	}{
		{"wsl2 fd transport", `76 65 0:45 / /mnt/c rw,noatime shared:37 - 9p C:\134 rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5`,
			Mount{"/mnt/c", "9p", `C:\`, `rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5`}},
		{"wsl2 virtio, no optional fields", `85 65 0:52 / /mnt/d rw,noatime - 9p D:\134 rw,aname=drvfs;path=D:\;uid=1000;gid=1000;metadata;symlinkroot=/mnt/,cache=5,access=client,msize=262144,trans=virtio`,
			Mount{"/mnt/d", "9p", `D:\`, `rw,aname=drvfs;path=D:\;uid=1000;gid=1000;metadata;symlinkroot=/mnt/,cache=5,access=client,msize=262144,trans=virtio`}},
		{"wsl2 old source drvfs", `79 65 0:46 / /mnt/e rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=E:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=262144,trans=virtio`,
			Mount{"/mnt/e", "9p", "drvfs", `rw,dirsync,aname=drvfs;path=E:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=262144,trans=virtio`}},
		{"wsl1 drvfs", `11 0 0:10 / /mnt/c rw,noatime - drvfs C:\134 rw,noatime,uid=1000,gid=1000,case=off`,
			Mount{"/mnt/c", "drvfs", `C:\`, "rw,noatime,uid=1000,gid=1000,case=off"}},
		{"wsl1 drvfs bare letter", `12 0 0:11 / /mnt/d rw,noatime - drvfs D: rw,noatime`, Mount{"/mnt/d", "drvfs", "D:", "rw,noatime"}},
		{"wsl1 root", `3 0 0:2 / / rw,relatime - lxfs rootfs rw`, Mount{"/", "lxfs", "rootfs", "rw"}},
		{"custom automount root /c", `77 65 0:46 / /c rw,noatime shared:38 - 9p C:\134 rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5`,
			Mount{"/c", "9p", `C:\`, `rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5`}},
		{"custom automount root /windir", `78 65 0:47 / /windir/d rw,noatime shared:39 - 9p D:\134 rw,aname=drvfs;path=D:\;symlinkroot=/windir/`,
			Mount{"/windir/d", "9p", `D:\`, `rw,aname=drvfs;path=D:\;symlinkroot=/windir/`}},
		{"wsl drivers", `66 65 0:39 / /usr/lib/wsl/drivers ro,nosuid,nodev,noatime - 9p drivers ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap,access=client,msize=65536,trans=fd,rfd=7,wfd=7`,
			Mount{"/usr/lib/wsl/drivers", "9p", "drivers", "ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap,access=client,msize=65536,trans=fd,rfd=7,wfd=7"}},
		{"wsl lib overlay", `67 65 0:40 / /usr/lib/wsl/lib rw,nosuid,nodev,noatime - overlay none rw,lowerdir=/gpu_lib_packaged:/gpu_lib_inbox,upperdir=/gpu_lib/rw/upper,workdir=/gpu_lib/rw/work`,
			Mount{"/usr/lib/wsl/lib", "overlay", "none", "rw,lowerdir=/gpu_lib_packaged:/gpu_lib_inbox,upperdir=/gpu_lib/rw/upper,workdir=/gpu_lib/rw/work"}},
		{"wslg tmpfs", `70 64 0:38 / /mnt/wslg rw,relatime shared:1 - tmpfs none rw`, Mount{"/mnt/wslg", "tmpfs", "none", "rw"}},
		{"wslg distro ext4, root not /", `71 70 8:32 /var/lib/wslg /mnt/wslg/distro ro,relatime shared:2 - ext4 /dev/sdc rw,discard,errors=remount-ro,data=ordered`,
			Mount{"/mnt/wslg/distro", "ext4", "/dev/sdc", "rw,discard,errors=remount-ro,data=ordered"}},
		{"space in mount point", `80 65 0:47 / /mnt/my\040drive rw,noatime - 9p G:\134 rw,aname=drvfs;path=G:\;uid=1000`,
			Mount{"/mnt/my drive", "9p", `G:\`, `rw,aname=drvfs;path=G:\;uid=1000`}},
		{"tab and newline escapes", `81 65 0:48 / /srv/a\011b\012c rw - ext4 /dev/sdd rw`, Mount{"/srv/a\tb\nc", "ext4", "/dev/sdd", "rw"}},
		{"several optional fields", `36 35 98:0 /mnt1 /mnt2 rw,noatime shared:1 master:2 propagate_from:3 unbindable - ext3 /dev/root rw,errors=continue`,
			Mount{"/mnt2", "ext3", "/dev/root", "rw,errors=continue"}},
		{"proc", `22 27 0:21 / /proc rw,relatime - proc proc rw`, Mount{"/proc", "proc", "proc", "rw"}},
		{"no super options", `22 27 0:21 / /proc rw,relatime - proc proc`, Mount{"/proc", "proc", "proc", ""}},
		{"carriage return", "22 27 0:21 / /proc rw,relatime - proc proc rw\r", Mount{"/proc", "proc", "proc", "rw"}},
		{"docker desktop bind", `95 65 0:45 /Users/me/src /mnt/wsl/docker-desktop-bind-mounts/Ubuntu/8f2a rw,noatime - 9p C:\134 rw,aname=drvfs;path=C:\`,
			Mount{"/mnt/wsl/docker-desktop-bind-mounts/Ubuntu/8f2a", "9p", `C:\`, `rw,aname=drvfs;path=C:\`}},
		{"too few fields", `1 2 3`, Mount{}},
		{"no separator", `22 27 0:21 / /proc rw,relatime proc proc rw`, Mount{}},
		{"separator but nothing after", `22 27 0:21 / /proc rw,relatime -`, Mount{}},
		{"only fstype after separator", `22 27 0:21 / /proc rw,relatime - proc`, Mount{}},
		{"too many after separator", `22 27 0:21 / /proc rw - proc proc rw extra`, Mount{}},
		{"separator too early", `22 27 0:21 / - rw,relatime proc proc rw`, Mount{}},
		{"non-numeric id", `x 27 0:21 / /proc rw - proc proc rw`, Mount{}},
		{"bad device", `22 27 021 / /proc rw - proc proc rw`, Mount{}},
		{"relative mount point", `22 27 0:21 / proc rw - proc proc rw`, Mount{}},
		{"mount-style line", `C:\134 /mnt/c 9p rw,noatime 0 0`, Mount{}},
		{"double spaces", `22  27 0:21 / /proc rw - proc proc rw`, Mount{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mounts, bad := ParseMountInfo([]byte(tc.line))
			if tc.want == (Mount{}) {
				if len(mounts) != 0 || len(bad) != 1 || bad[0] != strings.TrimRight(tc.line, "\r") {
					t.Errorf("got mounts %q, bad %q; want the line bad", mounts, bad)
				}
				return
			}
			if len(bad) != 0 || len(mounts) != 1 || mounts[0] != tc.want {
				t.Errorf("got mounts %q, bad %q; want %q", mounts, bad, tc.want)
			}
		})
	}
}

func TestParseMountInfoDocument(t *testing.T) {
	doc := strings.Join([]string{
		`64 1 8:48 / / rw,relatime - ext4 /dev/sdd rw,discard,errors=remount-ro,data=ordered`,
		``,
		`65 64 0:34 / /mnt/wsl rw,relatime shared:1 - tmpfs none rw`,
		`garbage`,
		`76 65 0:45 / /mnt/c rw,noatime - 9p C:\134 rw,aname=drvfs;path=C:\`,
		`   `,
		`22 27 0:21 / /proc rw,relatime proc proc rw`,
		``,
	}, "\n")
	mounts, bad := ParseMountInfo([]byte(doc))
	var points []string
	for _, m := range mounts {
		points = append(points, m.MountPoint)
	}
	if want := []string{"/", "/mnt/wsl", "/mnt/c"}; !reflect.DeepEqual(points, want) {
		t.Errorf("mount points %q, want %q", points, want)
	}
	if want := []string{"garbage", `22 27 0:21 / /proc rw,relatime proc proc rw`}; !reflect.DeepEqual(bad, want) {
		t.Errorf("bad %q, want %q", bad, want)
	}
	if m, b := ParseMountInfo(nil); m != nil || b != nil {
		t.Errorf("ParseMountInfo(nil) = %q, %q", m, b)
	}
}

func TestUnescapeOctal(t *testing.T) {
	for in, want := range map[string]string{
		`plain`:          "plain",
		`C:\134`:         `C:\`,
		`a\040b`:         "a b",
		`\134\134srv`:    `\\srv`,
		`a\9b`:           `a\9b`,
		`end\`:           `end\`,
		`end\13`:         `end\13`,
		`\400`:           `\400`,
		`\0401`:          " 1",
		`path=C:\;uid=1`: `path=C:\;uid=1`,
	} {
		if got := unescapeOctal(in); got != want {
			t.Errorf("unescapeOctal(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzParseMountInfo(f *testing.F) {
	for _, s := range []string{
		`76 65 0:45 / /mnt/c rw,noatime shared:37 - 9p C:\134 rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000`,
		`11 0 0:10 / /mnt/c rw,noatime - drvfs C:\134 rw,noatime,uid=1000,gid=1000,case=off`,
		`80 65 0:47 / /mnt/my\040drive rw,noatime - 9p G:\134 rw`,
		"1 2 3\n- - -\n\\\n0 0 0:0 / / - - - -",
		`36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		mounts, bad := ParseMountInfo(data)
		for _, m := range mounts {
			if !strings.HasPrefix(m.MountPoint, "/") || m.FSType == "" {
				t.Errorf("accepted %+v", m)
			}
			_, _ = m.WindowsDrive()
		}
		if len(mounts)+len(bad) > strings.Count(string(data), "\n")+1 {
			t.Errorf("%d mounts and %d bad lines from %d lines", len(mounts), len(bad), strings.Count(string(data), "\n")+1)
		}
	})
}
