package hostfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"unicode"
)

// Probe describes this machine. env is the process environment; logf, which
// may be nil, receives mount table lines that do not parse and read errors.
func Probe(env map[string]string, logf func(format string, args ...any)) Host {
	return probe(env, logf, system{goos: runtime.GOOS, proc: "/proc", uid: os.Getuid()})
}

// system is what probe reads besides env, so tests can fake a WSL /proc.
type system struct {
	goos string
	proc string // "/proc"
	uid  int
}

func probe(env map[string]string, logf func(string, ...any), sys system) Host {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	h := Host{OS: sys.goos, UID: sys.uid, Home: env["HOME"]}
	if h.Home == "" {
		h.Home, _ = os.UserHomeDir()
	}
	switch sys.goos {
	case "windows":
		h.CaseInsensitive = true
	case "darwin":
		h.CaseInsensitive = caseInsensitiveAt(h.Home)
	case "linux":
		h.WSLDistro = wslDistro(env, sys.proc)
		h.Mounts = readMounts(filepath.Join(sys.proc, "self", "mountinfo"), logf)
	}
	return h
}

// wslDistro names the WSL distro, or "WSL" when the kernel is WSL's but the
// variable is gone (sudo and some service managers drop it).
func wslDistro(env map[string]string, proc string) string {
	if d := env["WSL_DISTRO_NAME"]; d != "" {
		return d
	}
	if _, err := os.Stat(filepath.Join(proc, "sys", "fs", "binfmt_misc", "WSLInterop")); err == nil {
		return "WSL"
	}
	if v, err := os.ReadFile(filepath.Join(proc, "version")); err == nil && strings.Contains(strings.ToLower(string(v)), "microsoft") {
		return "WSL"
	}
	return ""
}

func readMounts(path string, logf func(string, ...any)) []Mount {
	data, err := os.ReadFile(path)
	if err != nil {
		logf("hostfs: mount table: %v", err)
		return nil
	}
	mounts, bad := ParseMountInfo(data)
	for _, line := range bad {
		logf("hostfs: %s: unparsed line %q", path, line)
	}
	return mounts
}

// caseInsensitiveAt tells whether dir's file system ignores case by looking
// up one of its components with the case flipped. macOS volumes can be either
// way; when nothing can be learned the default (insensitive) is assumed.
func caseInsensitiveAt(dir string) bool {
	if dir == "" {
		return true
	}
	for d := filepath.Clean(dir); filepath.Dir(d) != d; d = filepath.Dir(d) {
		base := filepath.Base(d)
		flipped := flipCase(base)
		if flipped == base {
			continue
		}
		orig, err := os.Lstat(d)
		if err != nil {
			return true
		}
		other, err := os.Lstat(filepath.Join(filepath.Dir(d), flipped))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return false
		case err != nil:
			return true
		}
		return os.SameFile(orig, other)
	}
	return true
}

func flipCase(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsUpper(r) {
			return unicode.ToLower(r)
		}
		return unicode.ToUpper(r)
	}, s)
}
