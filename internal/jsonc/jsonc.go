// Package jsonc reads JSON with comments and trailing commas (VS Code's
// settings.json, .code-workspace, devcontainer.json) keeping byte offsets,
// and makes minimal edits that keep comments and formatting.
package jsonc

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
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
