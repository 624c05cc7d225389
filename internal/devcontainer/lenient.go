package devcontainer

// Reading devcontainer.json as the devcontainers CLI reads it: with
// jsonc-parser's parse() and no error array, which recovers from errors
// and keeps going. A missing comma, a property without a value, a stray
// word, an unterminated string, text after the closing brace: each is
// skipped and the rest is still read. Duplicate names: the last one wins,
// as when JavaScript assigns the properties in order. Offsets are bytes of
// the content, so every span lies within it.

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

type nodeKind uint8

const (
	kindNull nodeKind = iota
	kindBool
	kindNumber
	kindString
	kindObject
	kindArray
)

// node is one value of the lenient tree.
type node struct {
	kind       nodeKind
	start, end int
	str        string // a string's decoded value, a number's text
	b          bool
	members    []member // an object's properties in file order, duplicates kept
	elems      []*node  // an array's elements
}

type member struct {
	name               string
	nameStart, nameEnd int
	value              *node
}

// get is the last property named name (the one the CLI sees), or nil.
func (n *node) get(name string) *member {
	if n == nil || n.kind != kindObject {
		return nil
	}
	for i := len(n.members) - 1; i >= 0; i-- {
		if n.members[i].name == name {
			return &n.members[i]
		}
	}
	return nil
}

// names lists an object's property names once each, in the order they
// first appear.
func (n *node) names() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range n.members {
		if !seen[m.name] {
			seen[m.name] = true
			out = append(out, m.name)
		}
	}
	return out
}

// truthy is JavaScript's truthiness of a literal.
func (n *node) truthy() bool {
	switch n.kind {
	case kindNull:
		return false
	case kindBool:
		return n.b
	case kindString:
		return n.str != ""
	case kindNumber:
		f, err := strconv.ParseFloat(n.str, 64)
		return err != nil || f != 0
	}
	return true
}

type tokenKind uint8

const (
	tokEOF tokenKind = iota
	tokOpenBrace
	tokCloseBrace
	tokOpenBracket
	tokCloseBracket
	tokColon
	tokComma
	tokString
	tokNumber
	tokTrue
	tokFalse
	tokNull
	tokUnknown
	tokTrivia // whitespace, line breaks, comments
)

// maxDepth bounds nesting; deeper values are skipped, not read.
const maxDepth = 1000

type lenientParser struct {
	src      []byte
	pos      int
	tok      tokenKind
	tokStart int
	value    string // a string token's decoded value, a number's text
}

// readLenient reads content as jsonc-parser's parse() does; nil when no
// value could be read at all.
func readLenient(content []byte) *node {
	p := &lenientParser{src: content}
	p.next()
	if p.tok == tokEOF {
		return nil
	}
	n, _ := p.parseValue(0)
	return n // anything after the value is ignored
}

// next moves to the next token that is not trivia; unknown symbols are
// skipped too, as jsonc-parser reports and skips them.
func (p *lenientParser) next() {
	for {
		p.scan()
		if p.tok != tokTrivia && p.tok != tokUnknown {
			return
		}
	}
}

func isSpace(c byte) bool     { return c == ' ' || c == '\t' }
func isLineBreak(c byte) bool { return c == '\n' || c == '\r' }
func isDigit(c byte) bool     { return c >= '0' && c <= '9' }

func (p *lenientParser) scan() {
	src, n := p.src, len(p.src)
	p.value = ""
	p.tokStart = p.pos
	if p.pos >= n {
		p.tok = tokEOF
		return
	}
	c := src[p.pos]
	switch {
	case isSpace(c) || isLineBreak(c):
		for p.pos < n && (isSpace(src[p.pos]) || isLineBreak(src[p.pos])) {
			p.pos++
		}
		p.tok = tokTrivia
		return
	}
	switch c {
	case '{':
		p.pos++
		p.tok = tokOpenBrace
	case '}':
		p.pos++
		p.tok = tokCloseBrace
	case '[':
		p.pos++
		p.tok = tokOpenBracket
	case ']':
		p.pos++
		p.tok = tokCloseBracket
	case ':':
		p.pos++
		p.tok = tokColon
	case ',':
		p.pos++
		p.tok = tokComma
	case '"':
		p.pos++
		p.value = p.scanString()
		p.tok = tokString
	case '/':
		switch {
		case p.pos+1 < n && src[p.pos+1] == '/':
			for p.pos < n && !isLineBreak(src[p.pos]) {
				p.pos++
			}
			p.tok = tokTrivia
		case p.pos+1 < n && src[p.pos+1] == '*':
			end := strings.Index(string(src[p.pos+2:]), "*/")
			if end < 0 {
				p.pos = n
			} else {
				p.pos += 2 + end + 2
			}
			p.tok = tokTrivia
		default:
			p.pos++
			p.tok = tokUnknown
		}
	case '-':
		p.pos++
		if p.pos == n || !isDigit(src[p.pos]) {
			p.tok = tokUnknown
			return
		}
		p.value = "-" + p.scanNumber()
		p.tok = tokNumber
	default:
		if isDigit(c) {
			p.value = p.scanNumber()
			p.tok = tokNumber
			return
		}
		for p.pos < n && isWordByte(src[p.pos]) {
			p.pos++
		}
		if p.pos == p.tokStart { // cannot happen: c is a word byte
			p.pos++
		}
		switch string(src[p.tokStart:p.pos]) {
		case "true":
			p.tok = tokTrue
		case "false":
			p.tok = tokFalse
		case "null":
			p.tok = tokNull
		default:
			p.tok = tokUnknown
		}
	}
}

func isWordByte(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', '{', '}', '[', ']', '"', ':', ',', '/':
		return false
	}
	return true
}

// scanNumber reads a number from p.pos (a digit): jsonc-parser's rules,
// which stop at the first character that cannot continue it.
func (p *lenientParser) scanNumber() string {
	src, n, start := p.src, len(p.src), p.pos
	if src[p.pos] == '0' {
		p.pos++
	} else {
		for p.pos++; p.pos < n && isDigit(src[p.pos]); p.pos++ {
		}
	}
	if p.pos < n && src[p.pos] == '.' {
		p.pos++
		if p.pos < n && isDigit(src[p.pos]) {
			for p.pos++; p.pos < n && isDigit(src[p.pos]); p.pos++ {
			}
		} else {
			return string(src[start:p.pos])
		}
	}
	end := p.pos
	if p.pos < n && (src[p.pos] == 'e' || src[p.pos] == 'E') {
		p.pos++
		if p.pos < n && (src[p.pos] == '+' || src[p.pos] == '-') {
			p.pos++
		}
		if p.pos < n && isDigit(src[p.pos]) {
			for p.pos++; p.pos < n && isDigit(src[p.pos]); p.pos++ {
			}
			end = p.pos
		}
	}
	return string(src[start:end])
}

// scanString reads a string after its opening quote. Like jsonc-parser it
// ends at the closing quote, a line break or the end of the content (the
// value is then what was read), and it keeps going past a bad escape.
// Bytes that are not UTF-8 become U+FFFD, as when the CLI decodes the file.
func (p *lenientParser) scanString() string {
	src, n := p.src, len(p.src)
	var b strings.Builder
	for p.pos < n {
		c := src[p.pos]
		switch {
		case c == '"':
			p.pos++
			return b.String()
		case isLineBreak(c):
			return b.String()
		case c == '\\':
			p.pos++
			if p.pos >= n {
				return b.String()
			}
			e := src[p.pos]
			p.pos++
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					continue // jsonc-parser drops an invalid \u escape
				}
				if utf16.IsSurrogate(r) && r < 0xDC00 && p.pos+1 < n && src[p.pos] == '\\' && src[p.pos+1] == 'u' {
					save := p.pos
					p.pos += 2
					if r2, ok := p.hex4(); ok && r2 >= 0xDC00 && r2 <= 0xDFFF {
						b.WriteRune(utf16.DecodeRune(r, r2))
						continue
					}
					p.pos = save
				}
				if utf16.IsSurrogate(r) {
					r = utf8.RuneError
				}
				b.WriteRune(r)
			}
			// any other escape is an error and is dropped
		default:
			r, size := utf8.DecodeRune(src[p.pos:])
			b.WriteRune(r) // RuneError for a byte that is not UTF-8
			p.pos += size
		}
	}
	return b.String()
}

// hex4 reads the four hex digits of a \u escape; on failure it leaves
// p.pos after the digits it could read, as jsonc-parser does.
func (p *lenientParser) hex4() (rune, bool) {
	var r rune
	for i := 0; i < 4; i++ {
		if p.pos >= len(p.src) {
			return 0, false
		}
		c := p.src[p.pos]
		switch {
		case c >= '0' && c <= '9':
			r = r*16 + rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r*16 + rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r*16 + rune(c-'A'+10)
		default:
			return 0, false
		}
		p.pos++
	}
	return r, true
}

// skipUntil skips tokens until one of stop (not consumed) or the end.
func (p *lenientParser) skipUntil(stop ...tokenKind) {
	for p.tok != tokEOF {
		for _, s := range stop {
			if p.tok == s {
				return
			}
		}
		p.next()
	}
}

// parseValue reads the value at the current token; ok is false when the
// token cannot start one (nothing is consumed then).
func (p *lenientParser) parseValue(depth int) (*node, bool) {
	start := p.tokStart
	switch p.tok {
	case tokOpenBrace, tokOpenBracket:
		if depth >= maxDepth {
			p.skipNested()
			return nil, false
		}
		if p.tok == tokOpenBrace {
			return p.parseObject(depth), true
		}
		return p.parseArray(depth), true
	case tokString:
		n := &node{kind: kindString, start: start, end: p.pos, str: p.value}
		p.next()
		return n, true
	case tokNumber:
		n := &node{kind: kindNumber, start: start, end: p.pos, str: p.value}
		p.next()
		return n, true
	case tokTrue, tokFalse:
		n := &node{kind: kindBool, start: start, end: p.pos, b: p.tok == tokTrue}
		p.next()
		return n, true
	case tokNull:
		n := &node{kind: kindNull, start: start, end: p.pos}
		p.next()
		return n, true
	}
	return nil, false
}

// skipNested skips a value nested too deep, brackets balanced.
func (p *lenientParser) skipNested() {
	level := 0
	for p.tok != tokEOF {
		switch p.tok {
		case tokOpenBrace, tokOpenBracket:
			level++
		case tokCloseBrace, tokCloseBracket:
			level--
		}
		p.next()
		if level <= 0 {
			return
		}
	}
}

func (p *lenientParser) parseObject(depth int) *node {
	n := &node{kind: kindObject, start: p.tokStart}
	p.next() // the open brace
	for p.tok != tokCloseBrace && p.tok != tokEOF {
		if p.tok == tokComma { // a comma with nothing before it is skipped too
			p.next()
		}
		// no comma after the previous property: read on all the same
		if !p.parseProperty(n, depth) {
			p.skipUntil(tokCloseBrace, tokComma)
		}
	}
	n.end = p.closeAt(tokCloseBrace)
	return n
}

func (p *lenientParser) parseProperty(obj *node, depth int) bool {
	if p.tok != tokString {
		p.skipUntil(tokCloseBrace, tokComma)
		return false
	}
	m := member{name: p.value, nameStart: p.tokStart, nameEnd: p.pos}
	p.next()
	if p.tok != tokColon {
		p.skipUntil(tokCloseBrace, tokComma)
		return true
	}
	p.next()
	v, ok := p.parseValue(depth + 1)
	if !ok {
		p.skipUntil(tokCloseBrace, tokComma)
		return true
	}
	m.value = v
	obj.members = append(obj.members, m)
	return true
}

func (p *lenientParser) parseArray(depth int) *node {
	n := &node{kind: kindArray, start: p.tokStart}
	p.next() // the open bracket
	for p.tok != tokCloseBracket && p.tok != tokEOF {
		if p.tok == tokComma {
			p.next()
		}
		v, ok := p.parseValue(depth + 1)
		if !ok {
			p.skipUntil(tokCloseBracket, tokComma)
			continue
		}
		n.elems = append(n.elems, v)
	}
	n.end = p.closeAt(tokCloseBracket)
	return n
}

// closeAt ends an object or array: after its closing bracket, consumed,
// or else at the end of the content (the loops stop only at one or the
// other).
func (p *lenientParser) closeAt(closer tokenKind) int {
	if p.tok == closer {
		end := p.pos
		p.next()
		return end
	}
	return len(p.src)
}
