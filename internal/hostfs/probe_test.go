package hostfs

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/gomend/gomend/internal/testfiles"
)

// fakeProc writes the given files (relative to /proc) under a temp dir.
func fakeProc(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	testfiles.Write(t, dir, files)
	return dir
}

const wsl2MountInfo = `64 1 8:48 / / rw,relatime - ext4 /dev/sdd rw,discard,errors=remount-ro,data=ordered
66 64 0:39 / /usr/lib/wsl/drivers ro,nosuid,nodev,noatime - 9p drivers ro,dirsync,aname=drivers;fmask=222;dmask=222,mmap,access=client,msize=65536,trans=fd,rfd=7,wfd=7
76 64 0:45 / /mnt/c rw,noatime shared:37 - 9p C:\134 rw,dirsync,aname=drvfs;path=C:\;uid=1000;gid=1000;symlinkroot=/mnt/,mmap,access=client,msize=65536,trans=fd,rfd=5,wfd=5
not a mountinfo line
`

func TestProbeLinux(t *testing.T) {
	const microsoftVersion = "Linux version 5.15.167.4-microsoft-standard-WSL2 (root@f9c826d3017f) (gcc (GCC) 11.2.0) #1 SMP"
	for _, tc := range []struct {
		name   string
		env    map[string]string
		files  map[string]string
		distro string
		mounts []string
		logged int
	}{
		{"wsl2 with distro name", map[string]string{"WSL_DISTRO_NAME": "Ubuntu-22.04", "HOME": "/home/u"},
			map[string]string{"self/mountinfo": wsl2MountInfo, "version": microsoftVersion, "sys/fs/binfmt_misc/WSLInterop": "enabled"},
			"Ubuntu-22.04", []string{"/", "/usr/lib/wsl/drivers", "/mnt/c"}, 1},
		{"wsl without the variable, interop file", map[string]string{"HOME": "/root"},
			map[string]string{"self/mountinfo": wsl2MountInfo, "sys/fs/binfmt_misc/WSLInterop": "enabled"},
			"WSL", []string{"/", "/usr/lib/wsl/drivers", "/mnt/c"}, 1},
		{"wsl without the variable, kernel version", map[string]string{"HOME": "/root"},
			map[string]string{"self/mountinfo": "", "version": "Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1237-Microsoft"},
			"WSL", nil, 0},
		{"plain linux", map[string]string{"HOME": "/home/u"},
			map[string]string{"self/mountinfo": "22 27 0:21 / /proc rw,relatime - proc proc rw\n", "version": "Linux version 6.8.0-45-generic (buildd@lcy02-amd64-075)"},
			"", []string{"/proc"}, 0},
		{"no mountinfo", map[string]string{"HOME": "/home/u"}, map[string]string{}, "", nil, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logged []string
			logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
			h := probe(tc.env, logf, system{goos: "linux", proc: fakeProc(t, tc.files), uid: 1000})
			var mounts []string
			for _, m := range h.Mounts {
				mounts = append(mounts, m.MountPoint)
			}
			if h.OS != "linux" || h.WSLDistro != tc.distro || h.CaseInsensitive || h.UID != 1000 || h.Home != tc.env["HOME"] || !reflect.DeepEqual(mounts, tc.mounts) {
				t.Errorf("got %+v; want distro %q, mounts %q", h, tc.distro, tc.mounts)
			}
			if len(logged) != tc.logged {
				t.Errorf("logged %q, want %d lines", logged, tc.logged)
			}
		})
	}
}

func TestProbeOtherOS(t *testing.T) {
	proc := fakeProc(t, map[string]string{"self/mountinfo": wsl2MountInfo})
	env := map[string]string{"WSL_DISTRO_NAME": "Ubuntu", "HOME": t.TempDir()}
	w := probe(env, nil, system{goos: "windows", proc: proc, uid: -1})
	if w.OS != "windows" || !w.CaseInsensitive || w.IsWSL() || w.Mounts != nil || w.UID != -1 {
		t.Errorf("windows: %+v", w)
	}
	// A darwin probe of the temp dir must find what the file system does;
	// with no home it falls back to insensitive.
	if d := probe(env, nil, system{goos: "darwin", proc: proc}); d.CaseInsensitive != tempIgnoresCase(t) || d.IsWSL() || d.Mounts != nil {
		t.Errorf("darwin, temp dir ignores case = %v: %+v", tempIgnoresCase(t), d)
	}
	if !caseInsensitiveAt("") || !caseInsensitiveAt(filepath.Join(t.TempDir(), "missing")) {
		t.Error("unknown case sensitivity must default to insensitive")
	}
}

func TestCaseInsensitiveAtFlippedSibling(t *testing.T) {
	if tempIgnoresCase(t) {
		t.Skip("needs a case-sensitive temp dir")
	}
	// Both spellings exist as different directories: case-sensitive.
	dir := t.TempDir()
	for _, n := range []string{"Home", "hOME"} {
		if err := os.Mkdir(filepath.Join(dir, n), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if caseInsensitiveAt(filepath.Join(dir, "Home")) {
		t.Error("two directories differing in case: want case-sensitive")
	}
	// A name without letters is skipped for its parent's.
	digits := filepath.Join(dir, "Home", "123")
	if err := os.Mkdir(digits, 0o755); err != nil {
		t.Fatal(err)
	}
	if caseInsensitiveAt(digits) {
		t.Error("want case-sensitive from the parent")
	}
}

func TestProbeThisMachine(t *testing.T) {
	env := map[string]string{}
	for _, kv := range os.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	h := Probe(env, t.Logf)
	if h.OS == "" || h.UID != os.Getuid() {
		t.Errorf("Probe() = %+v", h)
	}
}

// tempIgnoresCase reports whether the temp dir's file system ignores case.
func tempIgnoresCase(t *testing.T) bool {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "Probe"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := os.Lstat(filepath.Join(dir, "pROBE"))
	return err == nil
}
