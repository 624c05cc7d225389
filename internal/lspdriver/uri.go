package lspdriver

import (
	"fmt"
	"path/filepath"
	"strings"
)

// FileURI turns an absolute path into a file URI the way VS Code and gomend
// do: every byte but the unreserved characters and '/' is percent-encoded,
// so spaces and non-ASCII names (UTF-8 bytes) survive any server's parser.
func FileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") { // a Windows drive path: C:/x -> /C:/x
		p = "/" + p
	}
	var sb strings.Builder
	sb.WriteString("file://")
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

// isUnreserved reports RFC 3986's unreserved characters.
func isUnreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		c == '-' || c == '.' || c == '_' || c == '~'
}
