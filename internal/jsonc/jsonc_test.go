package jsonc

import (
	"strings"
	"testing"
)

const workspace = `{
	// the folders
	"folders": [
		{ "path": "app" }, // main
		{ "path": "tools" },
	],
	"settings": { "go.useLanguageServer": true, },
}
`

func TestFindAndReplaceKeepComments(t *testing.T) {
	d, err := Parse([]byte(workspace))
	if err != nil {
		t.Fatal(err)
	}
	v := d.Find("/folders/1/path")
	if v == nil || string(d.Content[v.Start:v.End]) != `"tools"` {
		t.Fatalf("Find: got %+v", v)
	}
	var s string
	if err := v.Decode(&s); err != nil || s != "tools" {
		t.Fatalf("Decode: %q, %v", s, err)
	}
	out, err := d.ReplaceValue("/folders/1/path", "tools/cmd")
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(workspace, `"tools"`, `"tools/cmd"`, 1)
	if string(out) != want {
		t.Errorf("ReplaceValue:\n%s", out)
	}
}

func TestRemoveElement(t *testing.T) {
	d, _ := Parse([]byte(workspace))
	out, err := d.RemoveElement("/folders", 1)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(workspace, "\t\t{ \"path\": \"tools\" },\n", "", 1)
	if string(out) != want {
		t.Errorf("RemoveElement:\n%s\nwant:\n%s", out, want)
	}
	if _, err := Parse(out); err != nil {
		t.Errorf("result does not parse: %v", err)
	}
}

func TestSyntaxErrorPosition(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{`{"a": 1 "b": 2}`, 8},
		{`{"a": [1, 2`, 11},
		{"{\n  \"a\": tru\n}", -1},
	} {
		_, err := Parse([]byte(tc.in))
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("%q: got %v, want a *SyntaxError", tc.in, err)
			continue
		}
		t.Logf("%q: %d %s", tc.in, se.Offset, se.Msg)
		if tc.want >= 0 && se.Offset != tc.want {
			t.Errorf("%q: offset %d (%s), want %d", tc.in, se.Offset, se.Msg, tc.want)
		}
	}
}
