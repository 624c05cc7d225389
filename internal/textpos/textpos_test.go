package textpos

import "testing"

func TestPositionRoundTrip(t *testing.T) {
	content := []byte("module ex\r\n\n// 模块 𝄞 x\nlast")
	m := NewMapper(content)
	for _, tc := range []struct {
		offset int
		want   Position
	}{
		{0, Position{0, 0}},
		{9, Position{0, 9}},
		{11, Position{1, 0}},
		{12, Position{2, 0}},
		{15, Position{2, 3}},                  // after "// "
		{18, Position{2, 4}},                  // after 模 (1 UTF-16 unit)
		{12 + len("// 模块 𝄞"), Position{2, 8}}, // 𝄞 is a surrogate pair
		{len(content), Position{3, 4}},
	} {
		got := m.Position(tc.offset)
		if got != tc.want {
			t.Errorf("Position(%d) = %v, want %v", tc.offset, got, tc.want)
		}
		back, err := m.Offset(got)
		if err != nil || back != tc.offset {
			t.Errorf("Offset(%v) = %d, %v; want %d", got, back, err, tc.offset)
		}
	}
	if r := m.LineRange(0); r.End.Character != 9 {
		t.Errorf("LineRange(0) excludes CRLF: got %v", r)
	}
	if _, err := m.Offset(Position{2, 99}); err == nil {
		t.Error("Offset past the line end: want error")
	}
	if _, err := m.Offset(Position{9, 0}); err == nil {
		t.Error("Offset past the last line: want error")
	}
}
