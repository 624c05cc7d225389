package hostfs

import (
	"path"
	"slices"
	"strings"
)

// IsWindowsPath reports whether s is written as a Windows path: a drive path
// (`C:\x`, `C:/x`, `c:`, and drive-relative `C:x`), a UNC path
// (`\\server\share\x`), or a WSL UNC path with forward slashes
// (`//wsl$/Ubuntu/x`, which URIToPath returns). Linux paths such as
// `/mnt/c` and relative paths are not.
func IsWindowsPath(s string) bool {
	switch {
	case len(s) >= 2 && isLetter(s[0]) && s[1] == ':':
		return true
	case len(s) > 2 && s[0] == '\\' && s[1] == '\\' && !isWinSep(s[2]):
		return true
	}
	return isWSLUNC(s)
}

// ToWSL translates a Windows path to the path inside this WSL distro, as
// `wslpath -u` does: a drive path through the mount of that drive found in
// h.Mounts (any automount root: /mnt/c, /c, /windir/c), and
// \\wsl$\<distro>\p or \\wsl.localhost\<distro>\p to /p when <distro> is
// this one (case-insensitively). The result is cleaned: no trailing or
// doubled separators. ok is false when h is not WSL, no mount shows the
// drive, the path names another distro, or it is not an absolute Windows
// path (`C:x` depends on a current directory and is refused).
func (h Host) ToWSL(winPath string) (string, bool) {
	if !h.IsWSL() {
		return "", false
	}
	if distro, p, ok := UNCDistro(winPath); ok {
		if !strings.EqualFold(distro, h.WSLDistro) {
			return "", false
		}
		return p, true
	}
	drive, elems, ok := parseDrivePath(winPath)
	if !ok {
		return "", false
	}
	best, bestLen := "", -1
	for _, m := range h.Mounts {
		d, root, ok := m.windowsRoot()
		// The deepest matching mount root wins: fstab may mount C:\Users
		// next to C:\.
		if ok && d == drive && len(root) > bestLen && hasPrefixFold(elems, root) {
			best = path.Join(append([]string{path.Clean(m.MountPoint)}, elems[len(root):]...)...)
			bestLen = len(root)
		}
	}
	return best, bestLen >= 0
}

// ToWindows translates an absolute WSL path to the Windows path, as
// `wslpath -w` does without resolving symlinks: under a drive mount to
// `C:\rest`, elsewhere to `\\wsl.localhost\<distro>\rest`. ok is false when
// h is not WSL, the path is not absolute, or it holds a backslash (a Linux
// name character no Windows path can spell).
func (h Host) ToWindows(linuxPath string) (string, bool) {
	if !h.IsWSL() || !path.IsAbs(linuxPath) || strings.Contains(linuxPath, `\`) {
		return "", false
	}
	p := path.Clean(linuxPath)
	if m, _, ok := h.DriveMountOf(p); ok {
		drive, root, _ := m.windowsRoot()
		rest, _ := underDir(path.Clean(m.MountPoint), p)
		return formatDrivePath(drive, slices.Concat(root, cleanElems(rest))), true
	}
	return `\\wsl.localhost\` + h.WSLDistro + `\` + strings.ReplaceAll(p[1:], "/", `\`), true
}

func hasPrefixFold(elems, prefix []string) bool {
	if len(prefix) > len(elems) {
		return false
	}
	for i, p := range prefix {
		if !strings.EqualFold(elems[i], p) {
			return false
		}
	}
	return true
}
