package goplstrace

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ServerInfo is what gopls says about itself in its initialize result.
type ServerInfo struct {
	GoplsVersion string // "v0.24.0", or "(devel)"
	GoVersion    string // the Go gopls was built with, "go1.27.4"; "" when not said
	Path         string // "golang.org/x/tools/gopls"; "" when not said
}

// ParseServerInfo reads serverInfo from an initialize Result. gopls ≥ v0.8
// puts its build info, JSON-encoded, in serverInfo.version; older ones a
// plain version string, "(devel)", or the text of "gopls version".
func ParseServerInfo(result []byte) (ServerInfo, bool) {
	var si ServerInfo
	// serverInfo follows the capabilities, kilobytes of them, which
	// need not be crossed: its quoted name can only be a key (inside a
	// string it would be escaped), and no capability has that name.
	raw := []byte(nil)
	if k := bytes.LastIndex(result, []byte(`"serverInfo"`)); k >= 0 {
		if i := skipSpace(result, k+len(`"serverInfo"`)); i < len(result) && result[i] == ':' {
			i = skipSpace(result, i+1)
			if end := skipValue(result, i); end > 0 {
				raw = result[i:end]
			}
		}
	}
	if raw == nil {
		return si, false
	}
	version, ok := jsonString(field(raw, "version"))
	if !ok {
		return si, false
	}
	version = strings.TrimSpace(version)
	if strings.HasPrefix(version, "{") {
		// Build info: {"GoVersion":…,"Path":…,"Main":{"Path":…,"Version":…},"Deps":[…],…}.
		// Only four strings of it matter; the dependencies are skipped.
		bi := []byte(version)
		if f := fields(bi, "GoVersion", "Path", "Main"); f[0] != nil || f[2] != nil {
			si.GoVersion, _ = jsonString(f[0])
			si.Path, _ = jsonString(f[1])
			m := fields(f[2], "Path", "Version")
			si.GoplsVersion, _ = jsonString(m[1])
			if si.GoplsVersion == "" {
				si.GoplsVersion, _ = jsonString(field(bi, "Version"))
			}
			if si.Path == "" {
				si.Path, _ = jsonString(m[0])
			}
			return si, si.GoplsVersion != "" || si.GoVersion != ""
		}
	}
	// "golang.org/x/tools/gopls v0.7.0\n    golang.org/x/tools/gopls@v0.7.0 h1:…"
	first, _, _ := strings.Cut(version, "\n")
	if f := strings.Fields(first); len(f) == 2 && strings.Contains(f[0], "/") {
		si.Path, si.GoplsVersion = f[0], f[1]
	} else {
		si.GoplsVersion = strings.TrimSpace(first)
	}
	return si, si.GoplsVersion != ""
}

// InitParams is what the client said in its initialize request about the
// workspace and itself.
type InitParams struct {
	RootURI, RootPath         string
	Folders                   []Folder
	ClientName, ClientVersion string
}

// Folder is one workspace folder; Path is its URI decoded to a file path.
type Folder struct{ URI, Name, Path string }

// ParseInitParams reads an initialize request's Params. Only the members
// we need are decoded: the capabilities that make up most of it are
// skipped.
func ParseInitParams(params []byte) (InitParams, bool) {
	var p InitParams
	f := fields(params, "rootUri", "rootPath", "workspaceFolders", "clientInfo")
	if f[0] == nil && f[1] == nil && f[2] == nil && f[3] == nil {
		return p, false
	}
	p.RootURI, _ = jsonString(f[0])
	p.RootPath, _ = jsonString(f[1])
	if f[2] != nil && f[2][0] == '[' {
		var folders []struct{ URI, Name string }
		if err := json.Unmarshal(f[2], &folders); err == nil {
			for _, fo := range folders {
				p.Folders = append(p.Folders, Folder{URI: fo.URI, Name: fo.Name, Path: URIToPath(fo.URI)})
			}
		}
	}
	if f[3] != nil {
		ci := fields(f[3], "name", "version")
		p.ClientName, _ = jsonString(ci[0])
		p.ClientVersion, _ = jsonString(ci[1])
	}
	return p, true
}

// URIToPath turns a file URI into a slash-separated path: percent-escapes
// are decoded, "file:///c%3A/x" becomes "C:/x" as VS Code writes drive
// letters, and "file://host/share" becomes "//host/share". Anything else,
// a plain path included, is returned unchanged. It never fails: a bad
// escape is kept as written.
func URIToPath(uri string) string {
	if len(uri) < 7 || !strings.EqualFold(uri[:7], "file://") {
		return uri
	}
	rest := uri[7:]
	if k := strings.IndexAny(rest, "?#"); k >= 0 {
		rest = rest[:k]
	}
	host, path := rest, ""
	if k := strings.IndexByte(rest, '/'); k >= 0 {
		host, path = rest[:k], rest[k:]
	}
	host, path = percentDecode(host), percentDecode(path)
	if strings.EqualFold(host, "localhost") {
		host = ""
	}
	if len(path) >= 3 && path[0] == '/' && path[2] == ':' && isLetter(path[1]) {
		path = strings.ToUpper(path[1:2]) + path[2:]
	}
	if host != "" {
		return "//" + host + path
	}
	if path == "" {
		return "/"
	}
	return path
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func percentDecode(s string) string {
	if strings.IndexByte(s, '%') < 0 {
		return s
	}
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if h, ok := hex4([]byte{'0', '0', s[i+1], s[i+2]}, 0); ok {
				out = append(out, byte(h))
				i += 2
				continue
			}
		}
		out = append(out, s[i])
	}
	return string(out)
}
