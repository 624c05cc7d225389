// Package hostfs holds gomend's own knowledge of paths on the host: URI ↔
// path conversion as VS Code writes URIs (go.lsp.dev/uri panics on bad input
// and mishandles drive letters), and later symlinks, case and WSL.
package hostfs

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
)

// PathToURI converts an absolute path to a file URI encoded as VS Code
// encodes it (vscode-uri's encodeURIComponentFast): everything but unreserved
// characters and "/" is percent-encoded, drive letters are lower-cased and
// their colon encoded.
func PathToURI(path string) string {
	p := filepath.ToSlash(path)
	authority := ""
	if strings.HasPrefix(p, "//") { // UNC: //server/share/...
		rest := p[2:]
		i := strings.IndexByte(rest, '/')
		if i < 0 {
			authority, p = rest, "/"
		} else {
			authority, p = rest[:i], rest[i:]
		}
	}
	if len(p) >= 2 && p[1] == ':' && isLetter(p[0]) {
		p = "/" + strings.ToLower(p[:1]) + p[1:]
	}
	var sb strings.Builder
	sb.WriteString("file://")
	sb.WriteString(strings.ToLower(authority))
	for i := 0; i < len(p); i++ {
		c := p[i]
		if c == '/' || isUnreserved(c) {
			sb.WriteByte(c)
		} else {
			fmt.Fprintf(&sb, "%%%02X", c)
		}
	}
	return sb.String()
}

// URIToPath converts a file URI to a path. It never panics; a URI that is not
// a file URI, or does not parse, is an error.
func URIToPath(uri string) (string, error) {
	u, err := url.Parse(uri)
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

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isUnreserved(c byte) bool {
	return isLetter(c) || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}
