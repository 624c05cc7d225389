package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
)

func edit(file string, line, from, to int, text string) fix.FileChange {
	r := textpos.Range{Start: textpos.Position{Line: line, Character: from}, End: textpos.Position{Line: line, Character: to}}
	return fix.FileChange{File: file, Edits: []fix.TextEdit{{Range: r, NewText: text}}}
}

func TestSelectFixes(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "go.work")
	if err := os.WriteFile(file, []byte("go 1.21\nuse ./a\nuse ./b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(filepath.Dir(root), "elsewhere", "go.work")
	exact := func(title string, changes ...fix.FileChange) fix.Fix {
		return fix.Fix{Title: title, Applicability: fix.Exact, Changes: changes}
	}
	finding := func(check string, fixes ...fix.Fix) diagnostics.Finding {
		return diagnostics.Finding{Check: check, File: file, Fixes: fixes}
	}
	findings := []diagnostics.Finding{
		finding("first", exact("raise go", edit(file, 0, 3, 7, "1.22"))),
		// Same change as "first": already done, not a conflict.
		finding("same", exact("raise go too", edit(file, 0, 3, 7, "1.22"))),
		// Overlaps "first"; its second fix does not and is taken instead.
		finding("fallback", exact("overlapping", edit(file, 0, 0, 4, "")), exact("separate", edit(file, 1, 4, 7, "./c"))),
		// Inserts where "fallback" starts: no defined order, so skipped.
		finding("same-start", exact("insert", edit(file, 1, 4, 4, "x"))),
		// Touches the end of "first" only: fine.
		finding("adjacent", exact("append", edit(file, 0, 7, 7, " // raised"))),
		finding("outside", exact("escape", fix.Create(outside, []byte("go 1.22\n")))),
		finding("likely", fix.Fix{Title: "create", Applicability: fix.Likely, Changes: []fix.FileChange{fix.Create(filepath.Join(root, "b", "go.mod"), []byte("module b\n"))}}),
		finding("manual", fix.Fix{Title: "by hand", Applicability: fix.Manual, Command: &fix.Command{Title: "run it"}}),
	}
	scope := fix.Scope{Folders: []string{root}}

	sel := selectFixes(findings, false, scope)
	var taken, covered, skipped []string
	for _, c := range sel.taken {
		taken = append(taken, c.finding.Check+":"+c.fix.Title)
	}
	for _, c := range sel.covered {
		covered = append(covered, c.finding.Check)
	}
	reasons := map[string]string{}
	for _, s := range sel.skipped {
		skipped = append(skipped, s.finding.Check)
		reasons[s.finding.Check] = s.reason
	}
	if got := strings.Join(taken, ","); got != "first:raise go,fallback:separate,adjacent:append" {
		t.Errorf("taken = %s", got)
	}
	if got := strings.Join(covered, ","); got != "same" {
		t.Errorf("covered = %s", got)
	}
	if got := strings.Join(skipped, ","); got != "same-start,outside" {
		t.Errorf("skipped = %s", got)
	}
	if !strings.Contains(reasons["same-start"], "overlaps the fix for fallback") {
		t.Errorf("same-start reason = %q", reasons["same-start"])
	}
	if !strings.Contains(reasons["outside"], "outside the workspace folders") {
		t.Errorf("outside reason = %q", reasons["outside"])
	}
	plan, err := fix.Plan(sel.changes(), scope)
	if err != nil || len(plan) != 1 || string(plan[0].New) != "go 1.22 // raised\nuse ./c\nuse ./b\n" {
		t.Errorf("plan = %+v, %v", plan, err)
	}

	withLikely := selectFixes(findings, true, scope)
	if n := len(withLikely.taken); n != 4 || withLikely.taken[3].finding.Check != "likely" {
		t.Errorf("--likely takes %d fixes: %+v", n, withLikely.taken)
	}
}
