package devcontainer

import (
	"fmt"
	"strings"
)

// Mount is a docker --mount: the devcontainers CLI's string form
// ("type=bind,source=…,target=…") or object form.
type Mount struct {
	Type, Source, Target string
	ReadOnly             bool
}

// ParseMountString parses the string form as the devcontainers CLI does: a
// naive split on "," and "=", with the aliases src → source and
// dst/destination → target, and quotes around a value removed. A mount
// without a target, or with an item that is not key=value (other than
// readonly/ro), does not parse.
func ParseMountString(s string) (Mount, error) {
	var m Mount
	if strings.TrimSpace(s) == "" {
		return m, fmt.Errorf("the mount is empty")
	}
	for _, item := range splitMount(s) {
		key, value, ok := strings.Cut(item, "=")
		key = strings.ToLower(strings.TrimSpace(key))
		value = unquote(strings.TrimSpace(value))
		if !ok {
			switch key {
			case "readonly", "ro":
				m.ReadOnly = true
				continue
			}
			return m, fmt.Errorf("%q is not key=value", item)
		}
		switch key {
		case "type":
			m.Type = value
		case "source", "src":
			m.Source = value
		case "target", "dst", "destination":
			m.Target = value
		case "readonly", "ro":
			m.ReadOnly = value == "" || value == "true" || value == "1"
		}
	}
	if m.Target == "" {
		return m, fmt.Errorf("the mount has no target")
	}
	if m.Type == "" {
		m.Type = "volume" // docker's default
	}
	return m, nil
}

// splitMount splits on commas outside double quotes (docker's CSV quoting;
// the CLI writes a value holding a comma in quotes).
func splitMount(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case r == ',' && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	return append(out, cur.String())
}

func unquote(s string) string {
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}

// String writes the mount in the CLI's string form.
func (m Mount) String() string {
	s := "source=" + quoteComma(m.Source) + ",target=" + quoteComma(m.Target) + ",type=" + m.Type
	if m.ReadOnly {
		s += ",readonly"
	}
	return s
}

func quoteComma(v string) string {
	if strings.Contains(v, ",") {
		return `"` + v + `"`
	}
	return v
}
