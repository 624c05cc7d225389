package hostfs

import (
	"path"
	"strings"
)

// WindowsDrive reports the drive letter (upper case, "C") when m is a Windows
// drive mount under WSL: fstype drvfs (WSL 1), or 9p / virtiofs whose source
// or options name a drive (WSL 2 writes source `C:\` and options
// `aname=drvfs;path=C:\`). Other 9p mounts (WSLg, /usr/lib/wsl/drivers) are
// not drives.
func (m Mount) WindowsDrive() (drive string, ok bool) {
	drive, _, ok = m.windowsRoot()
	return drive, ok
}

// windowsRoot is the Windows directory m's mount point shows: its drive and
// the components below the drive root (none for `C:\`; fstab may mount a
// folder such as `C:\Users`).
func (m Mount) windowsRoot() (drive string, elems []string, ok bool) {
	switch m.FSType {
	case "drvfs", "9p", "virtiofs":
	default:
		return "", nil, false
	}
	if drive, elems, ok = parseDrivePath(m.Source); ok {
		return drive, elems, true
	}
	opts := mountOptions(m.Options)
	if aname, named := opts["aname"]; !named || aname == "drvfs" {
		if drive, elems, ok = parseDrivePath(opts["path"]); ok {
			return drive, elems, true
		}
	}
	// A hand-written --host file says only {"mountPoint": "/mnt/c",
	// "fsType": "9p"}; the kernel always gives a source, so this is safe.
	if base := path.Base(m.MountPoint); m.Source == "" && m.Options == "" && len(base) == 1 && isLetter(base[0]) {
		return strings.ToUpper(base), nil, true
	}
	return "", nil, false
}

// mountOptions splits super options; drvfs packs its own into one
// ';'-separated value ("aname=drvfs;path=C:\;uid=1000").
func mountOptions(s string) map[string]string {
	opts := map[string]string{}
	for _, o := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' }) {
		k, v, _ := strings.Cut(o, "=")
		if _, dup := opts[k]; !dup {
			opts[k] = v
		}
	}
	return opts
}

// parseDrivePath splits an absolute drive path (`C:\a\b`, `c:/a/`, `C:`) into
// its upper-case letter and components, cleaned the way Windows normalises
// paths: "." dropped, ".." removes the previous component and never climbs
// above the drive root. Drive-relative paths such as `C:a` are refused.
func parseDrivePath(s string) (drive string, elems []string, ok bool) {
	if len(s) < 2 || !isLetter(s[0]) || s[1] != ':' || len(s) > 2 && !isWinSep(s[2]) {
		return "", nil, false
	}
	return strings.ToUpper(s[:1]), cleanElems(s[2:]), true
}

// cleanElems splits s on both separators and resolves "." and ".."
// lexically, as if s were rooted.
func cleanElems(s string) []string {
	var elems []string
	for _, e := range strings.FieldsFunc(s, func(r rune) bool { return r == '\\' || r == '/' }) {
		switch e {
		case ".":
		case "..":
			if len(elems) > 0 {
				elems = elems[:len(elems)-1]
			}
		default:
			elems = append(elems, e)
		}
	}
	return elems
}

func formatDrivePath(drive string, elems []string) string {
	return drive + `:\` + strings.Join(elems, `\`)
}

func isWinSep(c byte) bool { return c == '\\' || c == '/' }
