package devcontainer

import (
	"path"
	"regexp"
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

var variable = regexp.MustCompile(`\$\{([^}]*)\}`)

// Substitute replaces the variables the devcontainers CLI replaces before a
// container exists: ${localWorkspaceFolder}, ${localWorkspaceFolderBasename},
// ${containerWorkspaceFolder}, ${containerWorkspaceFolderBasename},
// ${localEnv:VAR[:default]} and its alias ${env:…}. An unset variable
// becomes the default, else empty — the default is split at every ":" as
// the CLI does, so only its first part counts. ${containerEnv:…},
// ${devcontainerId} and unknown variables are left as written.
func Substitute(s string, v Vars) string {
	if !strings.Contains(s, "${") {
		return s
	}
	return variable.ReplaceAllStringFunc(s, func(m string) string {
		inner := m[2 : len(m)-1]
		switch inner {
		case "localWorkspaceFolder":
			return v.LocalWorkspaceFolder
		case "localWorkspaceFolderBasename":
			return v.basename(v.LocalWorkspaceFolder)
		case "containerWorkspaceFolder":
			return v.ContainerWorkspaceFolder
		case "containerWorkspaceFolderBasename":
			return path.Base(v.ContainerWorkspaceFolder)
		}
		kind, rest, ok := strings.Cut(inner, ":")
		if !ok || (kind != "localEnv" && kind != "env") {
			return m
		}
		parts := strings.Split(rest, ":")
		if val, ok := v.lookup(parts[0]); ok {
			return val
		}
		if len(parts) > 1 {
			return parts[1]
		}
		return ""
	})
}

func (v Vars) lookup(name string) (string, bool) {
	if val, ok := v.LocalEnv[name]; ok {
		return val, true
	}
	if v.HostOS == "windows" {
		for k, val := range v.LocalEnv {
			if strings.EqualFold(k, name) {
				return val, true
			}
		}
	}
	return "", false
}

func (v Vars) basename(p string) string {
	if v.HostOS == "windows" {
		p = strings.ReplaceAll(p, `\`, "/")
	}
	return path.Base(strings.TrimRight(p, "/"))
}
