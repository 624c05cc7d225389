// Package hostfs holds gomend's own knowledge of paths on the host: URI ↔
// path conversion as VS Code writes URIs (go.lsp.dev/uri panics on bad input
// and mishandles drive letters), host facts (OS, case, WSL mount table),
// symlink and case resolution, and wslpath-style translation.
package hostfs

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
)

// PathToURI converts an absolute path to a file URI encoded as VS Code
// encodes it (vscode-uri's encodeURIComponentFast): everything but unreserved
// characters and "/" is percent-encoded, drive letters are lower-cased and
// their colon encoded. A UNC path's server becomes the authority, lower-cased
// and encoded the same way ("//wsl$/Ubuntu/p" → "file://wsl%24/Ubuntu/p"),
// so URIToPath gives the path back.
func PathToURI(path string) string {
	p := filepath.ToSlash(path)
	authority := ""
	if server, rest, ok := uncServer(p); ok {
		authority, p = server, rest
	}
	if len(p) >= 2 && p[1] == ':' && isLetter(p[0]) {
		p = "/" + strings.ToLower(p[:1]) + p[1:]
	}
	var sb strings.Builder
	sb.WriteString("file://")
	authority = strings.ToLower(authority)
	for i := 0; i < len(authority); i++ {
		writeEscaped(&sb, authority[i], "")
	}
	for i := 0; i < len(p); i++ {
		writeEscaped(&sb, p[i], "/")
	}
	return sb.String()
}

// uncServer splits //server/share/... into the server and the rest. A
// "server" no URI host can spell (a space, '@', ':') stays in the path, as
// "file:////a b/x": that is how VS Code reads such a URI, and URIToPath
// could not parse it back from the authority.
func uncServer(p string) (server, rest string, ok bool) {
	if !strings.HasPrefix(p, "//") {
		return "", "", false
	}
	server, rest, found := strings.Cut(p[2:], "/")
	if server == "" {
		return "", "", false
	}
	for i := 0; i < len(server); i++ {
		if c := server[i]; c < 0x80 && c != '%' && !isHostChar(c) {
			return "", "", false
		}
	}
	if !found {
		return server, "/", true
	}
	return server, "/" + rest, true
}

func writeEscaped(sb *strings.Builder, c byte, keep string) {
	if isUnreserved(c) || strings.IndexByte(keep, c) >= 0 {
		sb.WriteByte(c)
	} else {
		fmt.Fprintf(sb, "%%%02X", c)
	}
}

// URIToPath converts a file URI to a path. It never panics; a URI that is not
// a file URI, or does not parse, is an error.
func URIToPath(uri string) (string, error) {
	u, err := url.Parse(unescapeAuthority(uri))
	if err != nil {
		return "", fmt.Errorf("invalid URI %q: %w", uri, err)
	}
	if u.Scheme != "file" {
		return "", fmt.Errorf("not a file URI: %q", uri)
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' && isLetter(p[1]) {
		p = strings.ToUpper(p[1:2]) + p[2:] // /c:/x → C:/x
	}
	if u.Host != "" {
		p = "//" + u.Host + p
	}
	if p == "" {
		return "", fmt.Errorf("file URI without a path: %q", uri)
	}
	return filepath.FromSlash(p), nil
}

// unescapeAuthority decodes the escapes VS Code writes in a file URI's
// authority ("file://wsl%24/Ubuntu/…") that net/url refuses: it allows
// %-escapes in a host only for non-ASCII bytes. Only escapes of characters
// net/url accepts bare in a host are decoded, so nothing else changes.
func unescapeAuthority(uri string) string {
	const scheme = "file://"
	if len(uri) < len(scheme) || !strings.EqualFold(uri[:len(scheme)], scheme) {
		return uri
	}
	end := len(scheme) + strings.IndexAny(uri[len(scheme):]+"/", "/?#")
	auth := uri[len(scheme):end]
	if !strings.Contains(auth, "%") {
		return uri
	}
	var sb strings.Builder
	for i := 0; i < len(auth); i++ {
		if auth[i] == '%' && i+2 < len(auth) {
			if c, err := strconv.ParseUint(auth[i+1:i+3], 16, 8); err == nil && isHostChar(byte(c)) {
				sb.WriteByte(byte(c))
				i += 2
				continue
			}
		}
		sb.WriteByte(auth[i])
	}
	return uri[:len(scheme)] + sb.String() + uri[end:]
}

// isHostChar reports whether net/url accepts c unescaped in a host and
// PathToURI escapes it: RFC 3986 sub-delims and the three extra characters
// net/url tolerates. (':', '[' and ']' would change how the host parses.)
func isHostChar(c byte) bool {
	return isUnreserved(c) || strings.IndexByte(`!$&'()*+,;=<>"`, c) >= 0
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isUnreserved(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
