package hostfs

import "strings"

// UNCDistro parses a \\wsl$\<distro>\… or \\wsl.localhost\<distro>\… path
// (either slash direction, so also the //wsl$/… form URIToPath returns for
// file://wsl$/… URIs) into the distro and the Linux path inside it. Like
// WSL's own translation, the prefixes match case-insensitively and the
// distro name ends at a separator or the end of the path.
func UNCDistro(p string) (distro, linuxPath string, ok bool) {
	if len(p) < 2 || !isWinSep(p[0]) || !isWinSep(p[1]) {
		return "", "", false
	}
	server, rest := cutWinSep(p[2:])
	if !strings.EqualFold(server, "wsl$") && !strings.EqualFold(server, "wsl.localhost") {
		return "", "", false
	}
	distro, rest = cutWinSep(rest)
	if distro == "" {
		return "", "", false
	}
	return distro, "/" + strings.Join(cleanElems(rest), "/"), true
}

// cutWinSep splits s at its first separator of either kind.
func cutWinSep(s string) (before, after string) {
	if i := strings.IndexAny(s, `\/`); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// isWSLUNC reports whether p names a WSL distro's file system from Windows.
func isWSLUNC(p string) bool {
	_, _, ok := UNCDistro(p)
	return ok
}
