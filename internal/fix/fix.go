// Package fix is gomend's edit model: a Fix is a titled set of file changes
// (text edits, file creations) or a command for the user or client to run.
// It knows nothing of LSP; server/ and cmd/gomend translate it.
package fix

import (
	"bytes"
	"fmt"
	"sort"

	"github.com/gomend/gomend/internal/textpos"
)

// Applicability says how sure we are that a fix is what the user wants
// (after rustc's MachineApplicable / MaybeIncorrect).
type Applicability string

const (
	// Exact fixes change only configuration text, are idempotent, and are
	// certainly wanted: "Repair Go workspace" preselects them, `gomend fix` applies them.
	Exact Applicability = "exact"
	// Likely fixes are almost always right but are a choice: offered, not preselected.
	Likely Applicability = "likely"
	// Manual fixes need a person; never applied automatically.
	Manual Applicability = "manual"
)

// TextEdit replaces Range with NewText.
type TextEdit struct {
	Range   textpos.Range `json:"range"`
	NewText string        `json:"newText"`
}

// FileChange is the edits to one file, or its creation with the given
// content (Create with a single edit at 0:0).
type FileChange struct {
	File   string     `json:"file"`
	Create bool       `json:"create"`
	Edits  []TextEdit `json:"edits"`
}

// Command is an action the editor client or the user carries out, for fixes
// that are not edits (reopen a folder, run a go command).
type Command struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments,omitempty"`
}

// Fix is one way to repair a finding.
type Fix struct {
	Title         string        `json:"title"`
	Applicability Applicability `json:"applicability"`
	Changes       []FileChange  `json:"changes"`
	Command       *Command      `json:"command"`
}

// Files lists the files a fix touches, in order.
func (f Fix) Files() []string {
	var files []string
	for _, c := range f.Changes {
		files = append(files, c.File)
	}
	return files
}

// Replace returns the change that turns old into new as one minimal edit
// (common prefix and suffix kept), so squiggles elsewhere in the file stay
// put and an editor's undo touches only what changed. It returns a change
// with no edits if old and new are equal.
func Replace(path string, old, new []byte) FileChange {
	fc := FileChange{File: path, Edits: []TextEdit{}}
	if bytes.Equal(old, new) {
		return fc
	}
	prefix := commonPrefix(old, new)
	suffix := commonSuffix(old[prefix:], new[prefix:])
	m := textpos.NewMapper(old)
	fc.Edits = append(fc.Edits, TextEdit{
		Range:   m.Range(prefix, len(old)-suffix),
		NewText: string(new[prefix : len(new)-suffix]),
	})
	return fc
}

// Create returns the change that creates path with content.
func Create(path string, content []byte) FileChange {
	return FileChange{File: path, Create: true, Edits: []TextEdit{{NewText: string(content)}}}
}

// Apply applies edits to content. Edits must not overlap.
func Apply(content []byte, edits []TextEdit) ([]byte, error) {
	m := textpos.NewMapper(content)
	type span struct {
		start, end int
		text       string
	}
	spans := make([]span, 0, len(edits))
	for _, e := range edits {
		start, err := m.Offset(e.Range.Start)
		if err != nil {
			return nil, err
		}
		end, err := m.Offset(e.Range.End)
		if err != nil {
			return nil, err
		}
		if end < start {
			return nil, fmt.Errorf("edit range %v–%v is reversed", e.Range.Start, e.Range.End)
		}
		spans = append(spans, span{start, end, e.NewText})
	}
	sort.SliceStable(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	var out bytes.Buffer
	last := 0
	for _, s := range spans {
		if s.start < last {
			return nil, fmt.Errorf("overlapping edits at byte %d", s.start)
		}
		out.Write(content[last:s.start])
		out.WriteString(s.text)
		last = s.end
	}
	out.Write(content[last:])
	return out.Bytes(), nil
}

func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	// Do not split a UTF-8 sequence: back up to a rune start.
	for i > 0 && i < len(a) && a[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

func commonSuffix(a, b []byte) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[len(a)-1-i] == b[len(b)-1-i] {
		i++
	}
	for i > 0 && i < len(a) && a[len(a)-i]&0xC0 == 0x80 {
		i--
	}
	return i
}
