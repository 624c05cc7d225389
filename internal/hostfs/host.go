package hostfs

import (
	"path"
	"strings"
)

// Host is the machine gomend diagnoses for: probed, or described by
// `gomend check --host FILE` so a Windows, macOS or WSL host can be diagnosed
// (and tested) from anywhere.
type Host struct {
	OS              string  `json:"os"`        // linux, darwin or windows
	WSLDistro       string  `json:"wslDistro"` // "" when not WSL
	CaseInsensitive bool    `json:"caseInsensitive"`
	Mounts          []Mount `json:"mounts"`
	UID             int     `json:"uid"`
	Home            string  `json:"home"`
}

// IsWSL reports whether the host is a WSL distro.
func (h Host) IsWSL() bool { return h.WSLDistro != "" }

// DriveMountOf returns the Windows drive mount that the absolute Linux path
// p lies on. The mount whose mount point is the longest component-wise prefix
// of p decides (a later mount at the same point hides an earlier one), so a
// Linux file system mounted inside a drive mount is not on the drive.
func (h Host) DriveMountOf(p string) (Mount, string, bool) {
	if !path.IsAbs(p) {
		return Mount{}, "", false
	}
	p = path.Clean(p)
	best, bestLen := -1, -1
	for i, m := range h.Mounts {
		mp := path.Clean(m.MountPoint)
		if _, ok := underDir(mp, p); ok && len(mp) >= bestLen {
			best, bestLen = i, len(mp)
		}
	}
	if best < 0 {
		return Mount{}, "", false
	}
	m := h.Mounts[best]
	drive, ok := m.WindowsDrive()
	if !ok {
		return Mount{}, "", false
	}
	return m, drive, true
}

// underDir reports whether the clean absolute path p is dir or below it,
// and the part of p below dir ("" for dir itself).
func underDir(dir, p string) (string, bool) {
	switch {
	case !path.IsAbs(dir):
		return "", false
	case p == dir:
		return "", true
	case dir == "/":
		return p[1:], true
	case strings.HasPrefix(p, dir+"/"):
		return p[len(dir)+1:], true
	}
	return "", false
}
