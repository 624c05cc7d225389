package jsonc

// Reading as the devcontainers CLI does: its jsonc-parser drops errors and
// returns what it could read. Trailing commas are found so a caller can
// tell "tolerated" from "broken", and a document that does not parse is
// salvaged up to its last complete member.

import (
	"github.com/tailscale/hujson"
)

// TrailingCommas returns the offsets of the commas after the last element
// of an array or the last member of an object: JSONC allows them, strict
// JSON (and the devcontainer.json schema) does not.
func (d *Doc) TrailingCommas() []int {
	var out []int
	var walk func(v *hujson.Value)
	walk = func(v *hujson.Value) {
		switch c := v.Value.(type) {
		case *hujson.Object:
			for i := range c.Members {
				walk(&c.Members[i].Value)
			}
			if n := len(c.Members); n > 0 && c.Members[n-1].Value.AfterExtra != nil {
				out = append(out, commaAfter(d.Content, c.Members[n-1].Value.EndOffset))
			}
		case *hujson.Array:
			for i := range c.Elements {
				walk(&c.Elements[i])
			}
			if n := len(c.Elements); n > 0 && c.Elements[n-1].AfterExtra != nil {
				out = append(out, commaAfter(d.Content, c.Elements[n-1].EndOffset))
			}
		}
	}
	walk(&d.root)
	return out
}

// commaAfter finds the comma that follows a value ending at end (only
// whitespace and comments lie between them).
func commaAfter(content []byte, end int) int {
	for i := end; i < len(content); i++ {
		switch content[i] {
		case ',':
			return i
		case '/':
			if i+1 < len(content) && content[i+1] == '/' {
				for i < len(content) && content[i] != '\n' {
					i++
				}
			} else if i+1 < len(content) && content[i+1] == '*' {
				for i+1 < len(content) && !(content[i] == '*' && content[i+1] == '/') {
					i++
				}
				i++
			}
		}
	}
	return end
}

// Salvage reads what it can of a document that does not parse: the longest
// prefix that ends at a comma or an opening bracket before the error,
// closed with the brackets still open there. ok is false when nothing
// could be read.
func Salvage(content []byte, errOffset int) (*Doc, bool) {
	if errOffset > len(content) {
		errOffset = len(content)
	}
	type cut struct {
		at    int    // content[:at] is kept
		close []byte // the brackets to close, innermost first
	}
	var cuts []cut
	var stack []byte
	inString, escaped := false, false
	for i := 0; i < errOffset; i++ {
		c := content[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		case c == '"':
			inString = true
		case c == '/' && i+1 < errOffset && content[i+1] == '/':
			for i < errOffset && content[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < errOffset && content[i+1] == '*':
			for i+1 < errOffset && !(content[i] == '*' && content[i+1] == '/') {
				i++
			}
			i++
		case c == '{' || c == '[':
			stack = append(stack, c)
			if len(stack) <= maxSalvageDepth {
				cuts = append(cuts, cut{at: i + 1, close: closers(stack)})
			}
		case c == '}' || c == ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case c == ',':
			if len(stack) <= maxSalvageDepth {
				cuts = append(cuts, cut{at: i, close: closers(stack)})
			}
		}
	}
	// Each try parses the prefix again: a bounded number of tries keeps a
	// hostile file (thousands of open brackets) from costing seconds.
	// No configuration nests deeper than maxSalvageDepth: deeper cuts are
	// not recorded, so the scan stays linear.
	for i, tries := len(cuts)-1, 0; i >= 0 && tries < maxSalvageTries; i, tries = i-1, tries+1 {
		buf := append(append([]byte{}, content[:cuts[i].at]...), cuts[i].close...)
		if v, err := hujson.Parse(buf); err == nil {
			return &Doc{Content: buf, root: v}, true
		}
	}
	return nil, false
}

const (
	maxSalvageTries = 16
	maxSalvageDepth = 64
)

// closers closes the open brackets, innermost first.
func closers(stack []byte) []byte {
	out := make([]byte, 0, len(stack))
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i] == '{' {
			out = append(out, '}')
		} else {
			out = append(out, ']')
		}
	}
	return out
}
