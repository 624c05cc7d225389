package goplstrace

import (
	"strings"
)

// View is what gopls logged about one of its views: the single best
// account of the environment and layout it actually used.
type View struct {
	ID        string // "1" from "Created View (#1)"; "" for older blocks
	Directory string
	// ViewType is "GoMod", "GoWork", "GOPATH", "AdHoc" or
	// "GoPackagesDriver"; "" where the block does not say (before v0.15).
	ViewType string
	// RootDir is a path (URIs are decoded). Before v0.15 it is the
	// "(go dir …)" or "(root …)" directory, where gopls ran the go command.
	RootDir    string
	GoVersion  string // "go version go1.26.8 linux/amd64" as written
	BuildFlags []string
	// Env holds the Go variables gopls reported, by name; values may be
	// empty. Created View reports gopls's GoEnv struct, so besides GOOS,
	// GOCACHE, … it has GoVersion, GoVersionOutput, ExplicitGOWORK and
	// EffectiveGOPACKAGESDRIVER.
	Env map[string]string
	// EnvOverlay is what gopls added to the environment for this view
	// ("GOWORK=off", "GOOS=windows").
	EnvOverlay []string
}

// ParseView reads a view from the log message of any gopls version:
// "Created View (#N)" (v0.16+, and v0.15), "go info for <dir>"
// (v0.12–v0.15 variants) and "go env for <dir>" (≤ v0.11). ok is false
// for any other message.
func ParseView(m LogMessage) (View, bool) {
	switch {
	case strings.HasPrefix(m.Message, "Created View (#"):
		return createdView(m), true
	case strings.HasPrefix(m.Message, "go info for "), strings.HasPrefix(m.Message, "go env for "):
		return oldView(m), true
	}
	return View{}, false
}

func createdView(m LogMessage) View {
	var v View
	id := strings.TrimPrefix(m.Message, "Created View (#")
	if k := strings.IndexByte(id, ')'); k >= 0 {
		v.ID = id[:k]
	}
	for _, l := range m.Labels {
		switch l.Key {
		case "directory":
			v.Directory = URIToPath(l.Value)
		case "view_type":
			v.ViewType = l.Value
		case "root_dir":
			v.RootDir = URIToPath(l.Value)
		case "go_version":
			v.GoVersion = l.Value
		case "build_flags":
			v.BuildFlags = list(l.Value)
		case "env":
			v.Env = structDump(l.Value)
		case "env_overlay":
			v.EnvOverlay = list(l.Value)
		}
	}
	return v
}

// oldView reads the blocks gopls wrote before "Created View":
//
//	go info for /dir                      (v0.12–v0.15)
//	(go dir /dir)  or  (view type GoMod)\n(root dir file:///dir)
//	(go version go version go1.21.0 linux/amd64)
//	(valid build configuration = true)
//	(build flags: [])
//	(selected go env: [GO111MODULE=, GOCACHE=…])  or  (go env: {GOOS:linux …})
//	(env overlay: [])
//
//	go env for /dir                       (≤ v0.11)
//	(root /dir)
//	(go version …)
//	(valid build configuration = false)
//	(build flags: [])
//	GOPATH=…
//	GO111MODULE=on
func oldView(m LogMessage) View {
	var v View
	msg := m.Message
	first, rest, _ := strings.Cut(msg, "\n")
	first = strings.TrimPrefix(first, "go info for ")
	first = strings.TrimPrefix(first, "go env for ")
	v.Directory = URIToPath(strings.TrimSpace(first))
	env := map[string]string{}
	// The env dumps may span lines (GoVersionOutput ends with a newline),
	// so they are cut out of the whole text first.
	for _, p := range []string{"(selected go env: ", "(go env: "} {
		if k := strings.Index(rest, p); k >= 0 {
			body := rest[k+len(p):]
			end := strings.Index(body, "])")
			if e := strings.Index(body, "})"); e >= 0 && (end < 0 || e < end) {
				end = e
			}
			if end < 0 {
				end = len(body)
			} else {
				end++
			}
			dump := body[:end]
			if strings.HasPrefix(dump, "[") {
				for k, val := range commaList(dump) {
					env[k] = val
				}
			} else {
				for k, val := range structDump(dump) {
					env[k] = val
				}
			}
			rest = rest[:k] + body[min(end+1, len(body)):]
		}
	}
	for _, l := range strings.Split(rest, "\n") {
		l = strings.TrimRight(l, "\r")
		switch {
		case strings.HasPrefix(l, "(go dir "):
			v.RootDir = URIToPath(paren(l, "(go dir "))
		case strings.HasPrefix(l, "(root dir "):
			v.RootDir = URIToPath(paren(l, "(root dir "))
		case strings.HasPrefix(l, "(root "):
			v.RootDir = URIToPath(paren(l, "(root "))
		case strings.HasPrefix(l, "(view type "):
			v.ViewType = paren(l, "(view type ")
		case strings.HasPrefix(l, "(go version "):
			v.GoVersion = paren(l, "(go version ")
		case strings.HasPrefix(l, "(build flags: "):
			v.BuildFlags = list(paren(l, "(build flags: "))
		case strings.HasPrefix(l, "(env overlay: "):
			v.EnvOverlay = list(paren(l, "(env overlay: "))
		case strings.HasPrefix(l, "("):
		default:
			if k, val, ok := strings.Cut(l, "="); ok && isEnvName(k) {
				env[k] = val
			}
		}
	}
	// Where a printer indented the variables, they came out as labels.
	for _, l := range m.Labels {
		if isEnvName(l.Key) && strings.ToUpper(l.Key) == l.Key {
			env[l.Key] = l.Value
		}
	}
	if len(env) > 0 {
		v.Env = env
	}
	return v
}

// paren returns the text of "(prefix text)".
func paren(l, prefix string) string {
	return strings.TrimSuffix(strings.TrimPrefix(l, prefix), ")")
}

func isEnvName(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c == '_' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || i > 0 && isDigit(c)) {
			return false
		}
	}
	return true
}

// list splits a Go-printed []string, "[-tags=x -mod=mod]".
func list(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "[")
	s = strings.TrimSuffix(s, "]")
	if f := strings.Fields(s); len(f) > 0 {
		return f
	}
	return nil
}

// commaList splits "[GO111MODULE=, GOCACHE=/x, …]" (v0.12–v0.14).
func commaList(s string) map[string]string {
	s = strings.TrimPrefix(strings.TrimSpace(s), "[")
	s = strings.TrimSuffix(s, "]")
	out := map[string]string{}
	key := ""
	for part := range strings.SplitSeq(s, ", ") {
		if k, v, ok := strings.Cut(part, "="); ok && isEnvName(k) {
			key = k
			out[k] = v
		} else if key != "" {
			out[key] += ", " + part // a value containing ", "
		}
	}
	return out
}

// structDump reads Go's %+v of a struct or %v of a map:
// "{GOOS:linux GOFLAGS: GoVersionOutput:go version go1.26.8 linux/amd64\n ExplicitGOWORK:}".
// Values may be empty and may contain spaces, so a field ends where the
// next "Name:" begins after a space or newline.
func structDump(s string) map[string]string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "map[")
	s = strings.TrimPrefix(s, "{")
	s = strings.TrimSuffix(s, "}")
	s = strings.TrimSuffix(s, "]")
	out := map[string]string{}
	type field struct{ key, valStart, start int }
	var fs []field
	for i := 0; i < len(s); i++ {
		if i > 0 && s[i-1] != ' ' && s[i-1] != '\n' {
			continue
		}
		j := i
		for j < len(s) && (s[j] == '_' || 'A' <= s[j] && s[j] <= 'Z' || 'a' <= s[j] && s[j] <= 'z' || j > i && isDigit(s[j])) {
			j++
		}
		if j > i && j < len(s) && s[j] == ':' {
			fs = append(fs, field{key: j, valStart: j + 1, start: i})
			i = j
		}
	}
	for n, f := range fs {
		end := len(s)
		if n+1 < len(fs) {
			end = fs[n+1].start
		}
		val := strings.TrimRight(s[f.valStart:end], " \r\n")
		out[s[f.start:f.key]] = val
	}
	return out
}
