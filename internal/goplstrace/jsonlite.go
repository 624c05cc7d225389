package goplstrace

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The helpers below pick a few members out of a JSON body without decoding
// the rest: an initialize request or result is kilobytes of capabilities of
// which we want four fields, and a log message is one string. They do not
// validate; whatever they cannot read is handed to encoding/json, or dropped.

// skipSpace returns the index of the first non-space byte of b at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the index just past the JSON string starting at b[i]
// (which is '"'), or -1 if it does not end. Keys and short values end
// within a few bytes, which a loop finds fastest; long ones (file texts,
// messages) are crossed with IndexByte.
func skipString(b []byte, i int) int {
	j := i + 1
	for {
		for end := min(len(b), j+16); j < end; j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		if j >= len(b) {
			return -1
		}
		k := bytes.IndexByte(b[j:], '"')
		if k < 0 {
			return -1
		}
		q := j + k
		n := 0 // backslashes before the quote: an odd number escapes it
		for p := q - 1; p > i && b[p] == '\\'; p-- {
			n++
		}
		if n%2 == 0 {
			return q + 1
		}
		j = q + 1
	}
}

// skipValue returns the index just past the JSON value starting at b[i],
// or -1 if it does not end.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			case '"':
				j := skipString(b, i)
				if j < 0 {
					return -1
				}
				i = j - 1
			}
		}
		return -1
	default: // number, true, false, null
		j := i
		for j < len(b) {
			switch b[j] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				if j == i {
					return -1
				}
				return j
			}
			j++
		}
		if j == i {
			return -1
		}
		return j
	}
}

// maxFields is how many members fields looks for at once.
const maxFields = 4

// fields returns the raw values of the named members (at most maxFields)
// of the JSON object b, nil for a member that is absent, in the order of
// names. Keys are compared as written, which is enough for LSP's plain
// ASCII keys.
func fields(b []byte, names ...string) (out [maxFields][]byte) {
	names = names[:min(len(names), maxFields)]
	found := 0
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return out
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return out
		}
		kEnd := skipString(b, i)
		if kEnd < 0 {
			return out
		}
		key := b[i+1 : kEnd-1]
		i = skipSpace(b, kEnd)
		if i >= len(b) || b[i] != ':' {
			return out
		}
		i = skipSpace(b, i+1)
		vEnd := skipValue(b, i)
		if vEnd < 0 {
			return out
		}
		for n, name := range names {
			if out[n] == nil && string(key) == name {
				out[n] = b[i:vEnd]
				if found++; found == len(names) {
					return out
				}
			}
		}
		i = skipSpace(b, vEnd)
		if i >= len(b) || b[i] != ',' {
			return out
		}
		i++
	}
}

// field returns the raw value of one member of the JSON object b.
func field(b []byte, name string) []byte {
	return fields(b, name)[0]
}

// jsonString decodes a raw JSON string value; ok is false for anything
// else (null included).
func jsonString(raw []byte) (string, bool) {
	if len(raw) < 2 || raw[0] != '"' || raw[len(raw)-1] != '"' {
		return "", false
	}
	if s, ok := unquote(raw[1 : len(raw)-1]); ok {
		return s, true
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", false
	}
	return s, true
}

// jsonInt decodes a raw JSON integer; ok is false for anything else.
func jsonInt(raw []byte) (int, bool) {
	n, err := strconv.Atoi(string(raw))
	return n, err == nil
}

// unquote decodes the inside of a JSON string. gopls's encoding/json
// escapes <, > and & as \u003c…, which is why no text reaches a caller
// without passing through here or encoding/json. It is lenient where
// encoding/json is strict (raw control characters pass) but rejects a
// malformed escape.
func unquote(s []byte) (string, bool) {
	k := bytes.IndexByte(s, '\\')
	if k < 0 {
		return string(s), true
	}
	var out strings.Builder
	out.Grow(len(s))
	for {
		out.Write(s[:k])
		s = s[k:] // s[0] is a backslash
		if len(s) < 2 {
			return "", false
		}
		n := 2
		switch s[1] {
		case '"', '\\', '/':
			out.WriteByte(s[1])
		case 'b':
			out.WriteByte('\b')
		case 'f':
			out.WriteByte('\f')
		case 'n':
			out.WriteByte('\n')
		case 'r':
			out.WriteByte('\r')
		case 't':
			out.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, 2)
			if !ok {
				return "", false
			}
			n = 6
			if utf16.IsSurrogate(r) {
				r2, ok := rune(0), false
				if len(s) > 7 && s[6] == '\\' && s[7] == 'u' {
					r2, ok = hex4(s, 8)
				}
				if d := utf16.DecodeRune(r, r2); ok && d != utf8.RuneError {
					r, n = d, 12
				} else {
					r = utf8.RuneError
				}
			}
			out.WriteRune(r)
		default:
			return "", false
		}
		s = s[n:]
		if k = bytes.IndexByte(s, '\\'); k < 0 {
			out.Write(s)
			return out.String(), true
		}
	}
}

func hex4(s []byte, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range s[i : i+4] {
		r <<= 4
		switch {
		case '0' <= c && c <= '9':
			r |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			r |= rune(c - 'a' + 10)
		case 'A' <= c && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// hasDiagnostics reports whether a publishDiagnostics notification's
// "diagnostics" member holds anything: a list other than "[]" (or any
// value of three bytes or more, "null" included). The list is not
// crossed: this runs for every notification of a trace, and one that
// does not end (a body cut at MaxBody) is found out when it is decoded.
func hasDiagnostics(b []byte) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i++
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return false
		}
		var key []byte
		if len(b)-i > len(`"diagnostics"`) && string(b[i:i+len(`"diagnostics"`)]) == `"diagnostics"` {
			key, i = b[i+1:i+len(`"diagnostics`)], i+len(`"diagnostics"`) // as skipString would
		} else {
			kEnd := skipString(b, i)
			if kEnd < 0 {
				return false
			}
			key, i = b[i+1:kEnd-1], kEnd
		}
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		if string(key) == "diagnostics" {
			if i < len(b) && (b[i] == '[' || b[i] == '{') {
				if i+1 >= len(b) {
					return false
				}
				return !(b[i] == '[' && b[i+1] == ']' || b[i] == '{' && b[i+1] == '}')
			}
			end := skipValue(b, i)
			return end > 0 && len(bytes.TrimSpace(b[i:end])) >= 3
		}
		vEnd := skipValue(b, i)
		if vEnd < 0 {
			return false
		}
		i = skipSpace(b, vEnd)
		if i >= len(b) || b[i] != ',' {
			return false
		}
		i++
	}
}
