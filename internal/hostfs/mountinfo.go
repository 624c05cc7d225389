package hostfs

import (
	"strconv"
	"strings"
)

// Mount is one line of /proc/self/mountinfo, reduced to what the checks need.
type Mount struct {
	MountPoint string `json:"mountPoint"`
	FSType     string `json:"fsType"`
	Source     string `json:"source,omitempty"`  // mount source, e.g. `C:\` (octal escapes decoded)
	Options    string `json:"options,omitempty"` // super options, e.g. "rw,dirsync,aname=drvfs;path=C:\;uid=1000"
}

// ParseMountInfo parses /proc/self/mountinfo (proc(5): "ID parent maj:min
// root mountpoint options [optional fields...] - fstype source superoptions",
// with octal escapes such as \040 and \134). Lines it cannot parse are
// returned in bad for the caller to log; it never panics.
func ParseMountInfo(data []byte) (mounts []Mount, bad []string) {
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		m, ok := parseMountLine(line)
		if !ok {
			bad = append(bad, line)
			continue
		}
		mounts = append(mounts, m)
	}
	return mounts, bad
}

func parseMountLine(line string) (Mount, bool) {
	f := strings.Split(line, " ")
	// The optional fields end at a lone "-"; six fields always come before.
	sep := -1
	for i := 6; i < len(f); i++ {
		if f[i] == "-" {
			sep = i
			break
		}
	}
	if sep < 0 || len(f)-sep-1 < 2 || len(f)-sep-1 > 3 {
		return Mount{}, false
	}
	if !isUint(f[0]) || !isUint(f[1]) || !isDevice(f[2]) {
		return Mount{}, false
	}
	m := Mount{MountPoint: unescapeOctal(f[4]), FSType: unescapeOctal(f[sep+1]), Source: unescapeOctal(f[sep+2])}
	if len(f) > sep+3 {
		m.Options = unescapeOctal(f[sep+3])
	}
	if !strings.HasPrefix(m.MountPoint, "/") || m.FSType == "" {
		return Mount{}, false
	}
	return m, true
}

func isUint(s string) bool {
	_, err := strconv.ParseUint(s, 10, 64)
	return err == nil
}

// isDevice checks the "major:minor" field.
func isDevice(s string) bool {
	maj, min, ok := strings.Cut(s, ":")
	return ok && isUint(maj) && isUint(min)
}

// unescapeOctal decodes the kernel's \ooo escapes (space, tab, newline and
// backslash are written this way); any other backslash is kept as is.
func unescapeOctal(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]) && s[i+1] <= '3' {
			sb.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
			continue
		}
		sb.WriteByte(s[i])
	}
	return sb.String()
}

func isOctal(c byte) bool { return '0' <= c && c <= '7' }
