package devcontainer

import (
	"regexp"
	"runtime"
	"sort"
	"strings"
)

// Vars are what ${…} variables stand for.
type Vars struct {
	LocalWorkspaceFolder     string
	ContainerWorkspaceFolder string
	// LocalEnv is the host's environment (${localEnv:VAR}, ${env:VAR}).
	LocalEnv map[string]string
	// HostOS is "windows" for case-insensitive variable names and
	// Windows basenames.
	HostOS string
}

// variable is the CLI's /\$\{(.*?)\}/: JavaScript's "." stops at line
// terminators.
var variable = regexp.MustCompile("\\$\\{([^}\n\r\u2028\u2029]*)\\}")

// Substitute replaces the variables the devcontainers CLI replaces before a
// container exists: ${localWorkspaceFolder}, ${localWorkspaceFolderBasename},
// ${containerWorkspaceFolder}, ${containerWorkspaceFolderBasename},
// ${localEnv:VAR[:default]} and its alias ${env:…}. Like the CLI it splits
// what is between the braces at every ":" and looks at the first part
// only, so ${localWorkspaceFolder:x} is the folder too. An unset variable
// becomes the default, else empty; the default is the second part, so a
// default holding ":" keeps only what comes before it. ${containerEnv:…},
// ${devcontainerId}, unknown variables and ${localEnv} without a name
// (an error for the CLI) are left as written.
func Substitute(s string, v Vars) string {
	if !strings.Contains(s, "${") {
		return s
	}
	return variable.ReplaceAllStringFunc(s, func(m string) string {
		parts := strings.Split(m[2:len(m)-1], ":")
		args := parts[1:]
		switch parts[0] {
		case "localWorkspaceFolder":
			return v.LocalWorkspaceFolder
		case "localWorkspaceFolderBasename":
			return v.basename(v.LocalWorkspaceFolder)
		case "containerWorkspaceFolder":
			return v.ContainerWorkspaceFolder
		case "containerWorkspaceFolderBasename":
			return posixBase(v.ContainerWorkspaceFolder)
		case "localEnv", "env":
			if len(args) == 0 {
				return m
			}
			if val, ok := v.lookup(args[0]); ok {
				return val
			}
			if len(args) > 1 {
				return args[1]
			}
			return ""
		}
		return m
	})
}

func (v Vars) windows() bool {
	if v.HostOS == "" {
		return runtime.GOOS == "windows"
	}
	return v.HostOS == "windows"
}

// lookup finds a host variable; on Windows the CLI lower-cases every name.
// Of names that differ only in case, the first in sorted order wins, so
// the answer does not depend on map order.
func (v Vars) lookup(name string) (string, bool) {
	if !v.windows() {
		val, ok := v.LocalEnv[name]
		return val, ok
	}
	if val, ok := v.LocalEnv[name]; ok {
		return val, true
	}
	want := strings.ToLower(name)
	var keys []string
	for k := range v.LocalEnv {
		if strings.ToLower(k) == want {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return "", false
	}
	sort.Strings(keys)
	return v.LocalEnv[keys[0]], true
}

// basename is Node's path.win32.basename on Windows, path.posix.basename
// elsewhere: "" for a root.
func (v Vars) basename(p string) string {
	if v.windows() {
		if len(p) >= 2 && p[1] == ':' && ('a' <= p[0]|0x20 && p[0]|0x20 <= 'z') {
			p = p[2:]
		}
		return posixBase(strings.ReplaceAll(p, `\`, "/"))
	}
	return posixBase(p)
}

// posixBase is Node's path.posix.basename: the last element, trailing
// slashes ignored, "" for "" and "/".
func posixBase(p string) string {
	p = strings.TrimRight(p, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// rel is target's path below base ("" for base itself) on the host: on
// Windows with either slash and case-insensitive. ok is false when target
// is not base nor below it.
func (v Vars) rel(base, target string) (string, bool) {
	win := v.windows()
	norm := func(p string) string {
		if win {
			p = strings.ReplaceAll(p, `\`, "/")
		}
		return cleanSlash(p)
	}
	b, t := norm(base), norm(target)
	eq := func(x, y string) bool {
		if win {
			return strings.EqualFold(x, y)
		}
		return x == y
	}
	if eq(b, t) {
		return "", true
	}
	prefix := b
	if !strings.HasSuffix(prefix, "/") {
		prefix += "/"
	}
	if b == "" || len(t) <= len(prefix) || !eq(t[:len(prefix)], prefix) {
		return "", false
	}
	return t[len(prefix):], true
}
