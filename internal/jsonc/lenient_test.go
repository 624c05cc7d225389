package jsonc

import (
	"slices"
	"strings"
	"testing"
)

func TestTrailingCommas(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{`{"a": 1}`, nil},
		{`{"a": 1,}`, []int{7}},
		{`{"a": [1, 2, ], "b": {"c": 3 /* x */ ,}, }`, []int{11, 37, 39}},
		{"{\"a\": 1 // c\n,}", []int{13}},
		{`[]`, nil},
	} {
		doc, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatalf("%s: %v", tc.in, err)
		}
		got := doc.TrailingCommas()
		slices.Sort(got)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: trailing commas at %v, want %v", tc.in, got, tc.want)
		}
		for _, off := range got {
			if tc.in[off] != ',' {
				t.Errorf("%s: offset %d is %q, not a comma", tc.in, off, tc.in[off])
			}
		}
	}
}

// A broken document gives back what the devcontainers CLI would read.
func TestSalvage(t *testing.T) {
	for _, tc := range []struct {
		in       string
		keys     []string
		readable bool
	}{
		{`{ "image": "x", "workspaceFolder": `, []string{"image"}, true},
		{`{ "image": "x", "mounts": ["a", "b"`, []string{"image", "mounts"}, true},
		{"{ \"image\": \"x\", // a comment, with a comma\n \"name\": ", []string{"image"}, true},
		{`{ "a": "string with , and { inside", "b": `, []string{"a"}, true},
		{`nonsense`, nil, false},
		{``, nil, false},
	} {
		_, err := Parse([]byte(tc.in))
		if err == nil {
			t.Fatalf("%q parses", tc.in)
		}
		doc, ok := Salvage([]byte(tc.in), err.(*SyntaxError).Offset)
		if ok != tc.readable {
			t.Fatalf("%q: salvaged %v, want %v", tc.in, ok, tc.readable)
		}
		if !ok {
			continue
		}
		if got := doc.Find("").Keys(); !slices.Equal(got, tc.keys) {
			t.Errorf("%q: keys %v, want %v", tc.in, got, tc.keys)
		}
	}
}

func FuzzSalvage(f *testing.F) {
	for _, s := range []string{`{"a": [1, {"b": "c,"`, `{"x": 1, /* , */ "y": `, `[[[`, `{"a": "\"", "b":`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		doc, err := Parse([]byte(s))
		if err == nil {
			for _, off := range doc.TrailingCommas() {
				if off < 0 || off >= len(s) {
					t.Fatalf("trailing comma offset %d out of %d", off, len(s))
				}
			}
			return
		}
		Salvage([]byte(s), err.(*SyntaxError).Offset) // must not panic or hang
	})
}

// Thousands of open brackets: salvaging is bounded, not quadratic.
func TestSalvageDeepNesting(t *testing.T) {
	deep := []byte("{\"a\": " + strings.Repeat("[", 20000))
	_, err := Parse(deep)
	if err == nil {
		t.Fatal("parses")
	}
	doc, ok := Salvage(deep, err.(*SyntaxError).Offset)
	if ok && doc.Find("") == nil {
		t.Error("salvaged a document without a root")
	}
}
