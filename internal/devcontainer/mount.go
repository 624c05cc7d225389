package devcontainer

import (
	"fmt"
	"strconv"
	"strings"
)

// Mount is a docker --mount: the devcontainers CLI's string form
// ("type=bind,source=…,target=…") or object form.
type Mount struct {
	Type, Source, Target string
	ReadOnly             bool
}

// ParseMountString parses the string form as docker does with what the
// devcontainers CLI hands it: comma-separated key=value items, with the
// aliases src → source and dst/destination → target. Quotes follow CSV, as
// in docker: the CLI quotes a whole item holding a comma
// ("source=a,b"); a quoted value (source="a,b") is read too, and "" in
// quotes is a quote. Spaces around items, keys and values are dropped,
// keys and the type are case-insensitive, and unknown keys (consistency,
// bind-propagation, …) are ignored. A mount without a target, with an
// empty type, with an item that is not key=value (other than the flags
// readonly/ro, volume-nocopy and bind-nonrecursive) or with a readonly
// value that is not a boolean does not parse. The type defaults to
// volume, as in docker.
func ParseMountString(s string) (Mount, error) {
	m := Mount{Type: "volume"} // docker's default
	if strings.TrimSpace(s) == "" {
		return m, fmt.Errorf("the mount is empty")
	}
	for _, item := range splitMount(s) {
		key, value, ok := cutItem(item)
		if !ok {
			switch key {
			case "readonly", "ro":
				m.ReadOnly = true
				continue
			case "volume-nocopy", "bind-nonrecursive":
				continue
			case "":
				return m, fmt.Errorf("the mount has an empty item")
			}
			return m, fmt.Errorf("%q is not key=value", strings.TrimSpace(item))
		}
		switch key {
		case "type":
			if value == "" {
				return m, fmt.Errorf("the mount's type is empty")
			}
			m.Type = strings.ToLower(value)
		case "source", "src":
			m.Source = value
		case "target", "dst", "destination":
			m.Target = value
		case "readonly", "ro":
			b, err := strconv.ParseBool(value)
			if err != nil {
				return m, fmt.Errorf("%s=%s is not a boolean", key, value)
			}
			m.ReadOnly = b
		}
	}
	if m.Target == "" {
		return m, fmt.Errorf("the mount has no target")
	}
	return m, nil
}

// splitMount splits on commas outside double quotes, keeping the quotes.
func splitMount(s string) []string {
	var out []string
	quoted, start := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ',':
			if !quoted {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}

// cutItem splits an item at its first "=" outside quotes into a key
// (lower case) and a value, each trimmed and unquoted. An item whose "=" is
// quoted ("source=a,b", as the CLI writes it) is unquoted whole and then
// split. ok is false when there is no "=": the key is then the flag.
func cutItem(item string) (key, value string, ok bool) {
	item = strings.TrimSpace(item)
	quoted := false
	for i := 0; i < len(item); i++ {
		switch item[i] {
		case '"':
			quoted = !quoted
		case '=':
			if !quoted {
				return strings.ToLower(unquote(strings.TrimSpace(item[:i]))), unquote(strings.TrimSpace(item[i+1:])), true
			}
		}
	}
	key, value, ok = strings.Cut(unquote(item), "=")
	return strings.ToLower(strings.TrimSpace(key)), value, ok
}

// unquote removes CSV quotes: a quote opens or closes quoting, and "" in
// quotes stands for one quote.
func unquote(s string) string {
	if !strings.Contains(s, `"`) {
		return s
	}
	var b strings.Builder
	quoted := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' && quoted && i+1 < len(s) && s[i+1] == '"':
			b.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// String writes the mount in the CLI's string form; an item whose value
// holds a comma, a quote, a line break or surrounding space is quoted
// whole, as the CLI quotes it and docker reads it.
func (m Mount) String() string {
	s := item("source", m.Source) + "," + item("target", m.Target) + "," + item("type", m.Type)
	if m.ReadOnly {
		s += ",readonly"
	}
	return s
}

func item(key, value string) string {
	if strings.ContainsAny(value, ",\"\n\r") || strings.TrimSpace(value) != value {
		return `"` + key + "=" + strings.ReplaceAll(value, `"`, `""`) + `"`
	}
	return key + "=" + value
}
