package jsonc

import "testing"

func TestRemoveProperty(t *testing.T) {
	for _, tc := range []struct {
		name, in, ptr, key, want string
	}{
		{"first of several lines", "{\n\t\"a\": 1,\n\t\"b\": 2\n}\n", "", "a",
			"{\n\t\"b\": 2\n}\n"},
		{"last, no trailing comma", "{\n\t\"a\": 1,\n\t\"b\": 2\n}\n", "", "b",
			"{\n\t\"a\": 1\n}\n"},
		{"last, trailing comma", "{\n\t\"a\": 1,\n\t\"b\": 2,\n}\n", "", "b",
			"{\n\t\"a\": 1,\n}\n"},
		{"only member", "{\n\t\"a\": 1\n}\n", "", "a",
			"{\n}\n"},
		{"only member, trailing comma", "{\n\t\"a\": 1,\n}\n", "", "a",
			"{\n}\n"},
		{"one line, first", `{ "a": 1, "b": 2 }`, "", "a",
			`{ "b": 2 }`},
		{"one line, last", `{ "a": 1, "b": 2 }`, "", "b",
			`{ "a": 1 }`},
		{"one line, only", `{ "a": 1 }`, "", "a",
			`{ }`},
		{"one line, trailing comma", `{"a": 1, "b": 2,}`, "", "b",
			`{"a": 1, }`},
		{"comments kept", "{\n\t// gopls off\n\t\"a\": false, // why\n\t/* next */ \"b\": 2\n}\n", "", "a",
			"{\n\t// gopls off\n\t// why\n\t/* next */ \"b\": 2\n}\n"},
		{"comment between value and comma", `{"a": 1 /* c */, "b": 2}`, "", "a",
			`{ /* c */ "b": 2}`},
		{"comment between value and comma, last", `{"x": 0, "a": 1 /* c */}`, "", "a",
			`{"x": 0 /* c */}`},
		{"comment after the previous comma", "{\n\t\"x\": 0, // keep\n\t\"a\": 1\n}", "", "a",
			"{\n\t\"x\": 0 // keep\n}"},
		{"nested object", "{\n\t\"settings\": {\n\t\t\"go.gopath\": \"/go\",\n\t\t\"x\": 1,\n\t},\n}\n", "/settings", "go.gopath",
			"{\n\t\"settings\": {\n\t\t\"x\": 1,\n\t},\n}\n"},
		{"multi-line value", "{\n\t\"a\": [\n\t\t1,\n\t],\n\t\"b\": 2\n}\n", "", "a",
			"{\n\t\"b\": 2\n}\n"},
		{"CRLF", "{\r\n\t\"a\": 1,\r\n\t\"b\": 2\r\n}\r\n", "", "b",
			"{\r\n\t\"a\": 1\r\n}\r\n"},
		{"duplicates", "{\n\t\"a\": 1,\n\t\"b\": 2,\n\t\"a\": 3\n}\n", "", "a",
			"{\n\t\"b\": 2\n}\n"},
		{"non-ASCII around", "{\"名\": \"值\", \"go.gopath\": \"/路径\", \"z\": 1}", "", "go.gopath",
			"{\"名\": \"值\", \"z\": 1}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Parse([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			out, err := d.RemoveProperty(tc.ptr, tc.key)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != tc.want {
				t.Errorf("RemoveProperty(%q, %q) of\n%s\n= %q\nwant %q", tc.ptr, tc.key, tc.in, out, tc.want)
			}
			d2, err := Parse(out)
			if err != nil {
				t.Fatalf("result does not parse: %v", err)
			}
			if _, _, _, ok := d2.KeySpan(tc.ptr, tc.key); ok {
				t.Errorf("%q is still there", tc.key)
			}
		})
	}
}

func TestRemovePropertyErrors(t *testing.T) {
	d, err := Parse([]byte(`{"a": 1, "s": {"b": 2}, "l": [1]}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ ptr, key string }{
		{"", "zzz"}, {"/s", "a"}, {"/nope", "a"}, {"/l", "a"}, {"/a", "a"},
	} {
		if out, err := d.RemoveProperty(tc.ptr, tc.key); err == nil {
			t.Errorf("RemoveProperty(%q, %q) = %q, want an error", tc.ptr, tc.key, out)
		}
	}
}

func TestBlank(t *testing.T) {
	for in, want := range map[string]bool{
		"":                 true,
		" \n\t\r\n":        true,
		"// nothing yet\n": true,
		"/* a */ // b":     true,
		"\xEF\xBB\xBF\n":   true,
		"{}":               false,
		"/* open":          false,
		"// c\n{":          false,
		"/":                false,
	} {
		if got := Blank([]byte(in)); got != want {
			t.Errorf("Blank(%q) = %v, want %v", in, got, want)
		}
	}
}
