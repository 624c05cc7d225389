// Package jsonc reads JSON with comments and trailing commas (VS Code's
// settings.json, .code-workspace, devcontainer.json) keeping byte offsets,
// and makes minimal edits that keep comments and formatting.
package jsonc

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/tailscale/hujson"
)

// Doc is a parsed JSONC document.
type Doc struct {
	Content []byte
	root    hujson.Value
}

// SyntaxError says where a document stops being JSONC.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }

var offsetRE = regexp.MustCompile(`offset (\d+)`)
var lineColRE = regexp.MustCompile(`line (\d+), column (\d+)`)

// Parse parses content. On failure the error is a *SyntaxError.
func Parse(content []byte) (*Doc, error) {
	v, err := hujson.Parse(content)
	if err != nil {
		return nil, toSyntaxError(content, err)
	}
	return &Doc{Content: content, root: v}, nil
}

func toSyntaxError(content []byte, err error) *SyntaxError {
	msg := err.Error()
	off := len(content)
	if m := offsetRE.FindStringSubmatch(msg); m != nil {
		off, _ = strconv.Atoi(m[1])
	} else if m := lineColRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		col, _ := strconv.Atoi(m[2])
		off = offsetOf(content, line, col)
	}
	if errors.Is(err, errUnexpectedEOF) || strings.Contains(msg, "unexpected EOF") {
		off = len(content)
	}
	msg = strings.TrimPrefix(msg, "hujson: ")
	if loc := lineColRE.FindStringIndex(msg); loc != nil && loc[0] == 0 {
		msg = strings.TrimPrefix(msg[loc[1]:], ": ")
	}
	return &SyntaxError{Offset: min(off, len(content)), Msg: msg}
}

var errUnexpectedEOF = errors.New("unexpected EOF")

func offsetOf(content []byte, line, col int) int {
	l, off := 1, 0
	for off < len(content) && l < line {
		if content[off] == '\n' {
			l++
		}
		off++
	}
	return off + col - 1
}

// Value is a value found in a document, with its byte span.
type Value struct {
	Start, End int
	v          *hujson.Value
}

// Find returns the value at a JSON pointer ("/folders/0/path"), or nil.
func (d *Doc) Find(ptr string) *Value {
	v := d.root.Find(ptr)
	if v == nil {
		return nil
	}
	return &Value{Start: v.StartOffset, End: v.EndOffset, v: v}
}

// Decode unmarshals the value into out (comments stripped).
func (v *Value) Decode(out any) error {
	c := v.v.Clone()
	c.Standardize()
	return json.Unmarshal(c.Pack(), out)
}

// Decode unmarshals the whole document.
func (d *Doc) Decode(out any) error {
	c := d.root.Clone()
	c.Standardize()
	return json.Unmarshal(c.Pack(), out)
}

// Len is the number of elements of an array or members of an object.
func (v *Value) Len() int {
	switch c := v.v.Value.(type) {
	case *hujson.Array:
		return len(c.Elements)
	case *hujson.Object:
		return len(c.Members)
	}
	return 0
}

// IsArray reports whether the value is an array.
func (v *Value) IsArray() bool {
	_, ok := v.v.Value.(*hujson.Array)
	return ok
}

// Keys lists an object's member names in document order.
func (v *Value) Keys() []string {
	o, ok := v.v.Value.(*hujson.Object)
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(o.Members))
	for _, m := range o.Members {
		if lit, ok := m.Name.Value.(hujson.Literal); ok {
			keys = append(keys, lit.String())
		}
	}
	return keys
}

// KeySpan returns the byte span of an object member's name and of the whole
// member (name through value), for anchoring on a setting.
func (d *Doc) KeySpan(objPtr, key string) (nameStart, nameEnd, valueEnd int, ok bool) {
	v := d.root.Find(objPtr)
	if v == nil {
		return 0, 0, 0, false
	}
	o, isObj := v.Value.(*hujson.Object)
	if !isObj {
		return 0, 0, 0, false
	}
	for _, m := range o.Members {
		if lit, isLit := m.Name.Value.(hujson.Literal); isLit && lit.String() == key {
			return m.Name.StartOffset, m.Name.EndOffset, m.Value.EndOffset, true
		}
	}
	return 0, 0, 0, false
}

// ReplaceValue returns the content with the value at ptr replaced by the JSON
// encoding of newValue; nothing else in the document changes.
func (d *Doc) ReplaceValue(ptr string, newValue any) ([]byte, error) {
	v := d.Find(ptr)
	if v == nil {
		return nil, fmt.Errorf("no value at %s", ptr)
	}
	enc, err := json.Marshal(newValue)
	if err != nil {
		return nil, err
	}
	out := append([]byte{}, d.Content[:v.Start]...)
	out = append(out, enc...)
	return append(out, d.Content[v.End:]...), nil
}

// RemoveElement returns the content with element i of the array at ptr
// removed, together with its comma and the line it stood on when it had
// one to itself, so the rest of the formatting is kept.
func (d *Doc) RemoveElement(ptr string, i int) ([]byte, error) {
	v := d.root.Find(ptr)
	if v == nil {
		return nil, fmt.Errorf("no value at %s", ptr)
	}
	arr, ok := v.Value.(*hujson.Array)
	if !ok || i < 0 || i >= len(arr.Elements) {
		return nil, fmt.Errorf("no element %d in %s", i, ptr)
	}
	elems := arr.Elements
	start, end := elems[i].StartOffset, elems[i].EndOffset
	c := d.Content
	// Take the following comma, or else the preceding one.
	j := skipSpace(c, end)
	if j < len(c) && c[j] == ',' {
		end = j + 1
	} else if i > 0 {
		k := elems[i-1].EndOffset
		if k2 := skipSpace(c, k); k2 < len(c) && c[k2] == ',' {
			start = k2
		}
	}
	// Extend to whole lines when the element sat on its own line(s).
	ls := start
	for ls > 0 && (c[ls-1] == ' ' || c[ls-1] == '\t') {
		ls--
	}
	le := end
	for le < len(c) && (c[le] == ' ' || c[le] == '\t') {
		le++
	}
	if (ls == 0 || c[ls-1] == '\n') && le < len(c) && (c[le] == '\n' || c[le] == '\r') {
		start = ls
		if c[le] == '\r' {
			le++
		}
		end = le + 1
	}
	out := append([]byte{}, c[:start]...)
	return append(out, c[end:]...), nil
}

func skipSpace(c []byte, i int) int {
	for i < len(c) && (c[i] == ' ' || c[i] == '\t' || c[i] == '\n' || c[i] == '\r') {
		i++
	}
	return i
}

// RemoveProperty returns the content with the member named key of the
// object at objPtr ("" for the whole document) removed — every member of
// that name, should it be repeated — together with the comma that separated
// it and the line it stood on when it had one to itself. Comments are kept,
// those around the member included, and so is the rest of the formatting;
// the result is valid JSONC whether the member was first, last, the only
// one, or followed by a trailing comma.
func (d *Doc) RemoveProperty(objPtr, key string) ([]byte, error) {
	cur := d
	for n := 0; ; n++ {
		out, found, err := cur.removeMember(objPtr, key)
		if err != nil {
			return nil, err
		}
		if !found {
			if n == 0 {
				return nil, fmt.Errorf("no member %q in %s", key, displayPtr(objPtr))
			}
			return cur.Content, nil
		}
		next, perr := Parse(out)
		if perr != nil {
			// Cannot happen: every cut keeps the grammar. Refuse rather
			// than hand back a broken document.
			return nil, fmt.Errorf("removing %q from %s: %v", key, displayPtr(objPtr), perr)
		}
		cur = next
	}
}

func displayPtr(ptr string) string {
	if ptr == "" {
		return "the document"
	}
	return ptr
}

// removeMember removes the first member named key; found is false when
// there is none.
func (d *Doc) removeMember(objPtr, key string) (out []byte, found bool, err error) {
	v := d.root.Find(objPtr)
	if v == nil {
		return nil, false, fmt.Errorf("no value at %s", displayPtr(objPtr))
	}
	o, ok := v.Value.(*hujson.Object)
	if !ok {
		return nil, false, fmt.Errorf("%s is not an object", displayPtr(objPtr))
	}
	i := -1
	for j, m := range o.Members {
		if lit, isLit := m.Name.Value.(hujson.Literal); isLit && lit.String() == key {
			i = j
			break
		}
	}
	if i < 0 {
		return nil, false, nil
	}
	c := d.Content
	m := o.Members[i]
	start, end := m.Name.StartOffset, m.Value.EndOffset
	// The comma that goes with the member: its own (hujson puts it right
	// after the value's trailing comments; a last member has one only when
	// it is a trailing comma), else the one before it.
	comma, after := -1, false
	switch {
	case i < len(o.Members)-1 || m.Value.AfterExtra != nil:
		comma, after = end+len(m.Value.AfterExtra), true
	case i > 0:
		p := o.Members[i-1].Value
		comma = p.EndOffset + len(p.AfterExtra)
	}
	if comma >= 0 && (comma >= len(c) || c[comma] != ',') {
		return nil, false, fmt.Errorf("removing %q: no comma at offset %d", key, comma)
	}
	var cuts [][2]int
	if after && blank(c[end:comma]) {
		end = comma + 1 // `"k": v,` as one piece
	} else if !after && comma >= 0 && blank(c[comma+1:start]) {
		start = comma // `, "k": v` as one piece
	} else if comma >= 0 {
		cuts = append(cuts, [2]int{comma, comma + 1})
	}
	// Whole lines when the member had them to itself; else the spaces on
	// one side, so no double space is left.
	ls, le := start, end
	for ls > 0 && (c[ls-1] == ' ' || c[ls-1] == '\t') {
		ls--
	}
	for le < len(c) && (c[le] == ' ' || c[le] == '\t') {
		le++
	}
	switch {
	case (ls == 0 || c[ls-1] == '\n') && le < len(c) && (c[le] == '\n' || c[le] == '\r' && le+1 < len(c) && c[le+1] == '\n'):
		start = ls
		end = le + 1
		if c[le] == '\r' {
			end++
		}
	case le == len(c) || c[le] == '\n' || c[le] == '\r':
		start = ls // nothing follows on the line: no trailing spaces left
	case ls < start || ls == 0 || c[ls-1] == '\n':
		end = le // something follows: keep the spaces before, not after
	}
	cuts = append(cuts, [2]int{start, end})
	sort.Slice(cuts, func(a, b int) bool { return cuts[a][0] < cuts[b][0] })
	out = make([]byte, 0, len(c))
	last := 0
	for _, cut := range cuts {
		out = append(out, c[last:cut[0]]...)
		last = cut[1]
	}
	return append(out, c[last:]...), true, nil
}

// blank reports whether b is spaces and tabs only.
func blank(b []byte) bool {
	for _, ch := range b {
		if ch != ' ' && ch != '\t' {
			return false
		}
	}
	return true
}

// Blank reports whether content holds nothing but white space and
// comments: VS Code reads such a settings file as no settings at all, not
// as an error.
func Blank(content []byte) bool {
	c := content
	if len(c) >= 3 && c[0] == 0xEF && c[1] == 0xBB && c[2] == 0xBF {
		c = c[3:]
	}
	for i := 0; i < len(c); {
		switch {
		case c[i] == ' ' || c[i] == '\t' || c[i] == '\n' || c[i] == '\r':
			i++
		case c[i] == '/' && i+1 < len(c) && c[i+1] == '/':
			for i < len(c) && c[i] != '\n' {
				i++
			}
		case c[i] == '/' && i+1 < len(c) && c[i+1] == '*':
			j := strings.Index(string(c[i+2:]), "*/")
			if j < 0 {
				return false
			}
			i += 2 + j + 2
		default:
			return false
		}
	}
	return true
}
