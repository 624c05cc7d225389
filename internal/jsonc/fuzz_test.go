package jsonc

import "testing"

// FuzzParse: any input parses or fails with a *SyntaxError whose offset lies
// inside the input, and edits on a parsed document keep it parseable.
func FuzzParse(f *testing.F) {
	f.Add([]byte(workspace))
	f.Add([]byte(`{"a": [1, 2,], /* c */ "b": {"c": null}}`))
	f.Add([]byte(`{"a": `))
	f.Add([]byte("{\n\t// off\n\t\"a\": false, // why\n\t\"b\": 1 /* c */,\n}\n"))
	f.Add([]byte(`{"settings": {"go.gopath": "/go" /* c */}, "a": {"x": [1,]},}`))
	f.Add([]byte("{\r\n  \"a\": 1,\r\n  \"a\": 2\r\n}"))
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
		for _, ptr := range []string{"", "/settings"} {
			v := d.Find(ptr)
			if v == nil {
				continue
			}
			for _, key := range v.Keys() {
				out, err := d.RemoveProperty(ptr, key)
				if err != nil {
					t.Fatalf("RemoveProperty(%q, %q): %v", ptr, key, err)
				}
				d2, err := Parse(out)
				if err != nil {
					t.Fatalf("RemoveProperty(%q, %q) broke the document: %v\n%s", ptr, key, err, out)
				}
				if _, _, _, ok := d2.KeySpan(ptr, key); ok {
					t.Fatalf("RemoveProperty(%q, %q) left the member in:\n%s", ptr, key, out)
				}
				if got, want := len(d2.Find(ptr).Keys()), len(v.Keys())-count(v.Keys(), key); got != want {
					t.Fatalf("RemoveProperty(%q, %q) left %d members, want %d:\n%s", ptr, key, got, want, out)
				}
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

func count(keys []string, key string) int {
	n := 0
	for _, k := range keys {
		if k == key {
			n++
		}
	}
	return n
}
