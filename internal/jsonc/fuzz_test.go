package jsonc

import "testing"

// FuzzParse: any input parses or fails with a *SyntaxError whose offset lies
// inside the input, and edits on a parsed document keep it parseable.
func FuzzParse(f *testing.F) {
	f.Add([]byte(workspace))
	f.Add([]byte(`{"a": [1, 2,], /* c */ "b": {"c": null}}`))
	f.Add([]byte(`{"a": `))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse(data)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Offset < 0 || se.Offset > len(data) {
				t.Fatalf("error %v: want a *SyntaxError within the input", err)
			}
			return
		}
		if v := d.Find("/folders"); v != nil && v.IsArray() && v.Len() > 0 {
			out, err := d.RemoveElement("/folders", 0)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(out); err != nil {
				t.Fatalf("RemoveElement broke the document: %v\n%s", err, out)
			}
		}
		if d.Find("/a") != nil {
			out, err := d.ReplaceValue("/a", "x")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(out); err != nil {
				t.Fatalf("ReplaceValue broke the document: %v\n%s", err, out)
			}
		}
	})
}
