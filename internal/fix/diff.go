package fix

import (
	"fmt"

	udiff "github.com/aymanbagabas/go-udiff"
)

// Diff returns w as a unified diff (empty if nothing changes), labelled
// with name — typically the path relative to its workspace folder, as
// `git diff` does; a new file's old side is /dev/null.
func (w FileWrite) Diff(name string) string {
	if !w.Changed() {
		return ""
	}
	from := "a/" + name
	if !w.Existed {
		from = "/dev/null"
	}
	return Unified(from, "b/"+name, w.Old, w.New)
}

// Unified returns a unified diff of old and new with three lines of context.
func Unified(fromLabel, toLabel string, old, new []byte) string {
	edits := udiff.Lines(string(old), string(new))
	d, err := udiff.ToUnified(fromLabel, toLabel, string(old), edits, udiff.DefaultContextLines)
	if err != nil {
		// The edits come from the same two texts, so they always apply.
		return fmt.Sprintf("--- %s\n+++ %s\n(cannot show a diff: %v)\n", fromLabel, toLabel, err)
	}
	return d
}
