// Package textpos converts between byte offsets in a file and LSP positions
// (0-based lines, UTF-16 code units), the only positions gomend exposes.
package textpos

import (
	"fmt"
	"sort"
	"unicode/utf16"
	"unicode/utf8"
)

// Position is an LSP position: 0-based line, character in UTF-16 code units.
type Position struct {
	Line      int `json:"line"`
	Character int `json:"character"`
}

// Range is an LSP range; End is exclusive.
type Range struct {
	Start Position `json:"start"`
	End   Position `json:"end"`
}

func (p Position) Less(q Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Character < q.Character
}

func (p Position) String() string { return fmt.Sprintf("%d:%d", p.Line+1, p.Character+1) }

// Contains reports whether q lies within r (inclusive of both ends, as
// editors do when asking for code actions at a cursor).
func (r Range) Contains(q Position) bool {
	return !q.Less(r.Start) && !r.End.Less(q)
}

// Overlaps reports whether r and o share at least one position.
func (r Range) Overlaps(o Range) bool {
	return !r.End.Less(o.Start) && !o.End.Less(r.Start)
}

// Mapper maps byte offsets of one file's content to LSP positions and back.
type Mapper struct {
	content    []byte
	lineStarts []int // byte offset of the start of each line
}

// NewMapper indexes content's line starts. Lines end at "\n"; a preceding
// "\r" belongs to the line's text, as in LSP.
func NewMapper(content []byte) *Mapper {
	starts := []int{0}
	for i, b := range content {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &Mapper{content: content, lineStarts: starts}
}

// LineCount is the number of lines (a file ending in "\n" has an empty last line).
func (m *Mapper) LineCount() int { return len(m.lineStarts) }

// Position converts a byte offset, clamped to the content, to a Position.
func (m *Mapper) Position(offset int) Position {
	offset = max(0, min(offset, len(m.content)))
	line := sort.Search(len(m.lineStarts), func(i int) bool { return m.lineStarts[i] > offset }) - 1
	return Position{Line: line, Character: utf16Len(m.content[m.lineStarts[line]:offset])}
}

// Range converts a byte span to a Range.
func (m *Mapper) Range(start, end int) Range {
	return Range{Start: m.Position(start), End: m.Position(end)}
}

// LineRange is the range of the 0-based line's text, without its line ending.
func (m *Mapper) LineRange(line int) Range {
	if line < 0 || line >= len(m.lineStarts) {
		return Range{}
	}
	start, end := m.lineBounds(line)
	return m.Range(start, end)
}

// LineSpan is the byte span of the 0-based line's text, without its line
// ending; ok is false for a line past the end of the content.
func (m *Mapper) LineSpan(line int) (start, end int, ok bool) {
	if line < 0 || line >= len(m.lineStarts) {
		return 0, 0, false
	}
	start, end = m.lineBounds(line)
	return start, end, true
}

// Offset converts a Position to a byte offset. A line past the end of the
// file or a character past the end of its line is an error.
func (m *Mapper) Offset(p Position) (int, error) {
	if p.Line < 0 || p.Line >= len(m.lineStarts) || p.Character < 0 {
		return 0, fmt.Errorf("position %d:%d is outside the file (%d lines)", p.Line, p.Character, len(m.lineStarts))
	}
	start, end := m.lineBounds(p.Line)
	off, units := start, 0
	for units < p.Character && off < end {
		r, size := utf8.DecodeRune(m.content[off:end])
		if r == utf8.RuneError && size <= 1 {
			units++
		} else {
			units += utf16.RuneLen(r)
		}
		off += size
	}
	if units != p.Character {
		return 0, fmt.Errorf("character %d is outside line %d", p.Character, p.Line)
	}
	return off, nil
}

// lineBounds returns the byte span of a line's text, excluding "\n" and a
// "\r" before it.
func (m *Mapper) lineBounds(line int) (int, int) {
	start := m.lineStarts[line]
	end := len(m.content)
	if line+1 < len(m.lineStarts) {
		end = m.lineStarts[line+1] - 1
		if end > start && m.content[end-1] == '\r' {
			end--
		}
	}
	return start, end
}

func utf16Len(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 {
			n++ // an invalid byte counts as one unit, as VS Code shows U+FFFD
		} else {
			n += utf16.RuneLen(r)
		}
		b = b[size:]
	}
	return n
}
