package jsonc

import "testing"

func TestAddProperty(t *testing.T) {
	for _, tc := range []struct{ in, ptr, want string }{
		{"{\n\t\"a\": 1\n}\n", "", "{\n\t\"a\": 1,\n\t\"k\": \"v\"\n}\n"},
		{"{\n\t\"a\": 1, // one\n}\n", "", "{\n\t\"a\": 1, // one\n\t\"k\": \"v\",\n}\n"},
		{"{\n  \"a\": 1 // one\n}", "", "{\n  \"a\": 1, // one\n  \"k\": \"v\"\n}"},
		{"{\"a\": 1}", "", "{\"a\": 1, \"k\": \"v\"}"},
		{"{\"a\": 1,}", "", "{\"a\": 1, \"k\": \"v\",}"},
		{"{}", "", "{\"k\": \"v\"}"},
		{"{\r\n\t\"a\": {\r\n\t\t\"b\": 2\r\n\t}\r\n}", "/a", "{\r\n\t\"a\": {\r\n\t\t\"b\": 2,\r\n\t\t\"k\": \"v\"\r\n\t}\r\n}"},
		{"{\n\t\"a\": 1}", "", "{\n\t\"a\": 1,\n\t\"k\": \"v\"}"},
	} {
		doc, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := doc.AddProperty(tc.ptr, "k", "v")
		if err != nil {
			t.Fatalf("%q: %v", tc.in, err)
		}
		if string(got) != tc.want {
			t.Errorf("AddProperty(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if _, err := Parse(got); err != nil {
			t.Errorf("result of %q does not parse: %v", tc.in, err)
		}
	}
	doc, _ := Parse([]byte(`{"k": 1}`))
	if _, err := doc.AddProperty("", "k", 2); err == nil {
		t.Error("adding a key that is there: no error")
	}
}

func TestAppendElement(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"{\"m\": [\n\t\"a\"\n]}", "{\"m\": [\n\t\"a\",\n\t\"b\"\n]}"},
		{"{\"m\": [\"a\"]}", "{\"m\": [\"a\", \"b\"]}"},
		{"{\"m\": []}", "{\"m\": [\"b\"]}"},
		{"{\"m\": [\n\t\"a\", // keep\n]}", "{\"m\": [\n\t\"a\", // keep\n\t\"b\",\n]}"},
	} {
		doc, err := Parse([]byte(tc.in))
		if err != nil {
			t.Fatal(err)
		}
		got, err := doc.AppendElement("/m", "b")
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tc.want {
			t.Errorf("AppendElement(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
	}
}
