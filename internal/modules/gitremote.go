package modules

import (
	"bufio"
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/mod/module"
)

// GitConfigRemoteURL returns the url of remote name ("origin") in the text
// of a .git/config file, or "" if there is none. Git config is INI-like:
// `[remote "origin"]` opens the section, `url = …` sets the value; section
// and key names are case-insensitive, subsection names are not.
func GitConfigRemoteURL(config []byte, name string) string {
	in := false
	sc := bufio.NewScanner(bytes.NewReader(config))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			end := strings.IndexByte(line, ']')
			if end < 0 {
				in = false
				continue
			}
			section, sub, _ := strings.Cut(strings.TrimSpace(line[1:end]), " ")
			in = strings.EqualFold(section, "remote") && strings.Trim(strings.TrimSpace(sub), `"`) == name
			continue
		}
		if !in {
			continue
		}
		key, value, ok := strings.Cut(line, "=")
		if ok && strings.EqualFold(strings.TrimSpace(key), "url") {
			return strings.Trim(strings.TrimSpace(value), `"`)
		}
	}
	return ""
}

// GitDirFile reads the "gitdir: <path>" line of a .git file (worktrees,
// submodules), or returns "".
func GitDirFile(content []byte) string {
	line, _, _ := strings.Cut(string(content), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return ""
	}
	return strings.TrimSpace(dir)
}

// ModulePathFromRemote derives a module path from a git remote URL the way
// people name modules after their repository:
// git@github.com:u/r.git and https://github.com/u/r(.git) give github.com/u/r.
// It returns "" for local paths and for anything that is not a valid
// import path.
func ModulePathFromRemote(remote string) string {
	remote = strings.TrimSpace(remote)
	var host, path string
	if i := strings.Index(remote, "://"); i >= 0 {
		u, err := url.Parse(remote)
		if err != nil || u.Scheme == "file" {
			return ""
		}
		host, path = u.Hostname(), u.Path
	} else {
		// scp-like syntax: [user@]host:path — only when the colon comes
		// before any slash (otherwise it is a local path).
		colon := strings.IndexByte(remote, ':')
		slash := strings.IndexByte(remote, '/')
		if colon <= 0 || slash >= 0 && slash < colon || colon == 1 {
			return "" // a local path; colon == 1 is a Windows drive letter
		}
		host, path = remote[:colon], remote[colon+1:]
		if at := strings.LastIndexByte(host, '@'); at >= 0 {
			host = host[at+1:]
		}
	}
	path = strings.Trim(path, "/")
	path = strings.TrimSuffix(path, ".git")
	path = strings.TrimSuffix(path, "/")
	if host == "" || path == "" {
		return ""
	}
	mp := strings.ToLower(host) + "/" + path
	if module.CheckImportPath(mp) != nil {
		return ""
	}
	return mp
}
