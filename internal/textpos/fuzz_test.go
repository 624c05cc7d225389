package textpos

import (
	"testing"
	"unicode/utf8"
)

// FuzzMapper: every offset at a rune start maps to a position that maps back.
func FuzzMapper(f *testing.F) {
	f.Add([]byte("module x\r\n// 模块 𝄞\n"), 5)
	f.Add([]byte("\xff\xfe\n\n"), 1)
	f.Fuzz(func(t *testing.T, content []byte, offset int) {
		if offset < 0 || offset > len(content) {
			return
		}
		m := NewMapper(content)
		p := m.Position(offset)
		if offset < len(content) && !utf8.RuneStart(content[offset]) {
			return
		}
		// Inside a CRLF the "\r" belongs to the line ending: not addressable.
		if offset > 0 && offset < len(content) && content[offset-1] == '\r' && content[offset] == '\n' {
			return
		}
		back, err := m.Offset(p)
		if err != nil || back != offset {
			t.Fatalf("offset %d → %v → %d, %v", offset, p, back, err)
		}
	})
}
