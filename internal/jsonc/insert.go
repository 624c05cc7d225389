package jsonc

// Inserting a member or an element in the document's own style: after the
// last one, on a line of its own with the same indentation when the others
// are on lines of their own, else on the same line.

import (
	"encoding/json"
	"fmt"

	"github.com/tailscale/hujson"
)

// Raw is JSON text inserted as written (already formatted).
type Raw []byte

// encode writes a value for insertion: Raw as is, anything else as JSON.
func encode(value any) ([]byte, error) {
	if r, ok := value.(Raw); ok {
		return r, nil
	}
	return json.Marshal(value)
}

// AddProperty returns the content with key: value added as the last member
// of the object at objPtr. The key must not be there already.
func (d *Doc) AddProperty(objPtr, key string, value any) ([]byte, error) {
	v := d.root.Find(objPtr)
	if v == nil {
		return nil, fmt.Errorf("no value at %s", displayPtr(objPtr))
	}
	obj, ok := v.Value.(*hujson.Object)
	if !ok {
		return nil, fmt.Errorf("%s is not an object", displayPtr(objPtr))
	}
	for _, m := range obj.Members {
		if lit, isLit := m.Name.Value.(hujson.Literal); isLit && lit.String() == key {
			return nil, fmt.Errorf("%s already has %q", displayPtr(objPtr), key)
		}
	}
	name, _ := json.Marshal(key)
	enc, err := encode(value)
	if err != nil {
		return nil, err
	}
	item := append(append(name, ": "...), enc...)
	if len(obj.Members) == 0 {
		return d.insertFirst(v, item), nil
	}
	last := obj.Members[len(obj.Members)-1]
	return d.insertAfter(last.Name.StartOffset, last.Value.EndOffset, v.EndOffset-1, item), nil
}

// AppendElement returns the content with value added as the last element
// of the array at arrPtr.
func (d *Doc) AppendElement(arrPtr string, value any) ([]byte, error) {
	v := d.root.Find(arrPtr)
	if v == nil {
		return nil, fmt.Errorf("no value at %s", displayPtr(arrPtr))
	}
	arr, ok := v.Value.(*hujson.Array)
	if !ok {
		return nil, fmt.Errorf("%s is not an array", displayPtr(arrPtr))
	}
	enc, err := encode(value)
	if err != nil {
		return nil, err
	}
	if len(arr.Elements) == 0 {
		return d.insertFirst(v, enc), nil
	}
	last := arr.Elements[len(arr.Elements)-1]
	return d.insertAfter(last.StartOffset, last.EndOffset, v.EndOffset-1, enc), nil
}

// insertAfter puts item after the last value of a container, which ends at
// end and whose member starts at start; closer is the offset of the
// container's closing bracket. When that member began its line, the item
// goes on a new line after it, with the same indentation (a comment after
// the last member stays on its line); otherwise after ", " on the same line.
// A trailing comma stays a trailing comma.
func (d *Doc) insertAfter(start, end, closer int, item []byte) []byte {
	c := d.Content
	ls := start
	for ls > 0 && (c[ls-1] == ' ' || c[ls-1] == '\t') {
		ls--
	}
	comma := commaAfter(c, end)
	hasComma := comma < closer && c[comma] == ','
	if ls > 0 && c[ls-1] != '\n' { // one line: "a": 1, "b": 2
		if hasComma {
			return splice(c, comma+1, " "+string(item)+",")
		}
		return splice(c, end, ", "+string(item))
	}
	from := end
	if hasComma {
		from = comma + 1
	}
	eol := from
	for eol < closer && c[eol] != '\n' {
		eol++
	}
	if eol > from && c[eol-1] == '\r' {
		eol--
	}
	nl := "\n"
	if eol < len(c) && c[eol] == '\r' {
		nl = "\r\n"
	}
	ins := nl + string(c[ls:start]) + string(item)
	if hasComma {
		ins += ","
	}
	out := splice(c, eol, ins)
	if !hasComma {
		out = splice(out, end, ",")
	}
	return out
}

func splice(c []byte, at int, s string) []byte {
	out := append([]byte{}, c[:at]...)
	out = append(out, s...)
	return append(out, c[at:]...)
}

// insertFirst puts item in an empty object or array.
func (d *Doc) insertFirst(v *hujson.Value, item []byte) []byte {
	c := d.Content
	open := v.StartOffset // the '{' or '['
	out := append([]byte{}, c[:open+1]...)
	out = append(out, item...)
	return append(out, c[open+1:]...)
}
