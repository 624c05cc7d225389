package modules

import "testing"

// FuzzParse: go.mod and go.work parsing never panics, and a syntax error
// points inside the file.
func FuzzParse(f *testing.F) {
	f.Add([]byte("module x\n\ngo 1.22\n\nreplace a => ../a\n"))
	f.Add([]byte("go 1.22\nuse (\n\t./a\n"))
	f.Add([]byte("module \"x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, err := range []*SyntaxError{ParseMod("/w/go.mod", data).Err, ParseWork("/w/go.work", data).Err} {
			if err != nil && (err.Offset > len(data) || err.Line < 1) {
				t.Fatalf("error %+v outside the %d-byte file", err, len(data))
			}
		}
	})
}
