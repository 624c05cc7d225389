package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"reflect"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
)

func runFix(c *cli, args []string) int {
	fs := c.flags("fix")
	likely := fs.Bool("likely", false, "also apply fixes that are almost always right but are a choice (creating go.work or go.mod)")
	dryRun := fs.Bool("dry-run", false, "print the diff and write nothing")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	t, err := resolveTarget(fs.Args())
	if err != nil {
		return c.fail("%v", err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	snap, err := c.snapshot(ctx, t, true, c.probe())
	if err != nil {
		return c.fail("%v", err)
	}
	before := newReport(snap, diagnostics.Run(ctx, snap, nil))
	if ctx.Err() != nil {
		return c.fail("interrupted")
	}
	sel := selectFixes(before.findings, *likely, before.scope())
	plan, err := fix.Plan(sel.changes(), before.scope())
	if err != nil {
		// selectFixes planned every fix it took together; this is a bug.
		return c.fail("planning the fixes: %v", err)
	}
	changed := 0
	for _, w := range plan {
		if w.Changed() {
			fmt.Fprint(c.stdout, w.Diff(before.diffLabel(w.Path)))
			changed++
		}
	}
	if changed > 0 {
		fmt.Fprintln(c.stdout)
	}
	sel.write(c.stdout, before, *dryRun, changed)

	if *dryRun {
		if len(sel.taken) > 0 {
			fmt.Fprintln(c.stdout, "Dry run: nothing was written.")
		}
		return before.exitStatus()
	}
	if _, err := fix.Write(sel.changes(), before.scope()); err != nil {
		return c.fail("%v", err)
	}

	// Check again: what the fixes did not reach is reported as `check` would.
	// A fix may have rewritten the .code-workspace, so its folders are read again.
	if t, err = resolveTarget(fs.Args()); err != nil {
		return c.fail("%v", err)
	}
	snap, err = c.snapshot(ctx, t, true, c.probe())
	if err != nil {
		return c.fail("%v", err)
	}
	after := newReport(snap, diagnostics.Run(ctx, snap, nil))
	if ctx.Err() != nil {
		return c.fail("interrupted")
	}
	fmt.Fprintln(c.stdout)
	if len(sel.taken) > 0 && len(after.findings) > 0 {
		fmt.Fprintln(c.stdout, "What remains:")
	}
	after.writeText(c.stdout, c.color())
	return after.exitStatus()
}

// chosenFix is a fix selected for a finding.
type chosenFix struct {
	finding diagnostics.Finding
	fix     fix.Fix
}

// skippedFix is a finding whose applicable fixes could not be taken.
type skippedFix struct {
	finding diagnostics.Finding
	fix     fix.Fix
	reason  string
}

type selection struct {
	taken   []chosenFix
	covered []chosenFix // the same change as a fix already taken
	skipped []skippedFix
}

// selectFixes picks, for each finding in order, its first applicable fix
// that does not overlap a fix already taken and that plans cleanly
// together with them. A finding whose fixes all overlap is skipped and
// reported: running `gomend fix` again, on the rewritten files, takes it.
func selectFixes(findings []diagnostics.Finding, likely bool, scope fix.Scope) selection {
	var sel selection
	for _, f := range findings {
		var skip *skippedFix
		done := false
		for _, x := range f.Fixes {
			if !applicable(x, likely) {
				continue
			}
			if prev := sel.identical(x); prev != nil {
				sel.covered = append(sel.covered, chosenFix{f, x})
				done = true
				break
			}
			reason := ""
			if prev := sel.overlapping(x); prev != nil {
				reason = fmt.Sprintf("it overlaps the fix for %s; run `gomend fix` again", prev.finding.Check)
			} else if _, err := fix.Plan(append(sel.changes(), x.Changes...), scope); err != nil {
				reason = err.Error()
			}
			if reason == "" {
				sel.taken = append(sel.taken, chosenFix{f, x})
				done = true
				break
			}
			if skip == nil {
				skip = &skippedFix{f, x, reason}
			}
		}
		if !done && skip != nil {
			sel.skipped = append(sel.skipped, *skip)
		}
	}
	return sel
}

func (sel *selection) changes() []fix.FileChange {
	var all []fix.FileChange
	for _, t := range sel.taken {
		all = append(all, t.fix.Changes...)
	}
	return all
}

func (sel *selection) identical(x fix.Fix) *chosenFix {
	for i, t := range sel.taken {
		if reflect.DeepEqual(t.fix.Changes, x.Changes) {
			return &sel.taken[i]
		}
	}
	return nil
}

func (sel *selection) overlapping(x fix.Fix) *chosenFix {
	for i, t := range sel.taken {
		if changesOverlap(t.fix.Changes, x.Changes) {
			return &sel.taken[i]
		}
	}
	return nil
}

// changesOverlap reports whether two fixes touch the same text: both
// create or edit-and-create one file, or have edits whose ranges intersect
// or start at the same place (two insertions there have no defined order).
func changesOverlap(a, b []fix.FileChange) bool {
	for _, ca := range a {
		for _, cb := range b {
			if filepath.Clean(ca.File) != filepath.Clean(cb.File) {
				continue
			}
			if ca.Create || cb.Create {
				return true
			}
			for _, ea := range ca.Edits {
				for _, eb := range cb.Edits {
					if editsOverlap(ea.Range, eb.Range) {
						return true
					}
				}
			}
		}
	}
	return false
}

func editsOverlap(a, b textpos.Range) bool {
	return a.Start == b.Start || a.Start.Less(b.End) && b.Start.Less(a.End)
}

// write prints what was (or would be) fixed and what was skipped.
func (sel *selection) write(w io.Writer, r *report, dryRun bool, files int) {
	if len(sel.taken) == 0 && len(sel.skipped) == 0 {
		fmt.Fprintln(w, "Nothing to fix.")
		return
	}
	verb := "Fixed"
	if dryRun {
		verb = "Would fix"
	}
	if n := len(sel.taken) + len(sel.covered); n > 0 {
		fmt.Fprintf(w, "%s %s in %s:\n", verb, plural(n, "problem"), plural(files, "file"))
		for _, t := range append(append([]chosenFix{}, sel.taken...), sel.covered...) {
			fmt.Fprintf(w, "  %s: %s: %s\n", r.location(t.finding.File, t.finding.Range), t.finding.Check, t.fix.Title)
		}
	}
	if len(sel.skipped) > 0 {
		fmt.Fprintf(w, "Skipped %s:\n", plural(len(sel.skipped), "fix"))
		for _, s := range sel.skipped {
			fmt.Fprintf(w, "  %s: %s: %s: %s\n", r.location(s.finding.File, s.finding.Range), s.finding.Check, s.fix.Title, s.reason)
		}
	}
}
