package main

import (
	"encoding/json"
	"testing"
)

// TestCheckSARIF: `check --format sarif` is a SARIF 2.1.0 log whose results
// are the JSON report's findings, with 1-based utf16 regions, rules that
// match, paths relative to their folder, and the edit fixes.
func TestCheckSARIF(t *testing.T) {
	for _, name := range []string{"forgotten", "broken", "healthy"} {
		t.Run(name, func(t *testing.T) {
			dir := makeWorkspace(t, name)
			env := testEnv(t)
			sr := gomend(t, env, dir, "check", "--format", "sarif", dir)
			js := gomend(t, env, dir, "check", "--format", "json", dir)
			if sr.code != js.code {
				t.Errorf("exit status %d, want %d as for JSON", sr.code, js.code)
			}
			golden(t, name+".check.sarif", sr.stdout)

			var log sarifLog
			if err := json.Unmarshal([]byte(sr.stdout), &log); err != nil {
				t.Fatalf("not JSON: %v", err)
			}
			var report jsonReport
			if err := json.Unmarshal([]byte(js.stdout), &report); err != nil {
				t.Fatal(err)
			}
			if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].ColumnKind != "utf16CodeUnits" {
				t.Fatalf("not a one-run SARIF 2.1.0 log with utf16 columns: %+v", log)
			}
			run := log.Runs[0]
			if run.Tool.Driver.Name != "gomend" || len(run.Tool.Driver.Rules) == 0 {
				t.Errorf("driver: %+v", run.Tool.Driver)
			}
			for _, r := range run.Tool.Driver.Rules {
				if r.ShortDescription.Text == "" || r.FullDescription.Text == "" || r.Help.Text == "" {
					t.Errorf("rule %s lacks a description code scanning requires", r.ID)
				}
			}
			if len(run.Results) != len(report.Findings) {
				t.Fatalf("%d results, want %d findings", len(run.Results), len(report.Findings))
			}
			for i, res := range run.Results {
				f := report.Findings[i]
				if res.RuleID != f.Check || run.Tool.Driver.Rules[res.RuleIndex].ID != f.Check || res.Level != f.Severity {
					t.Errorf("result %d: rule %s (index %d), level %s; want %s, %s", i, res.RuleID, res.RuleIndex, res.Level, f.Check, f.Severity)
				}
				loc := res.Locations[0].PhysicalLocation
				want := region(f.Range)
				if loc.Region != want || loc.ArtifactLocation.URIBaseID != "FOLDER1" {
					t.Errorf("result %d at %+v, want %+v relative to FOLDER1", i, loc, want)
				}
				if res.PartialFingerprints["primaryLocationLineHash"] == "" {
					t.Errorf("result %d has no fingerprint", i)
				}
				edits := 0
				for _, fx := range f.Fixes {
					if fx.Applicability != "manual" && len(fx.Changes) > 0 {
						edits++
					}
				}
				if len(res.Fixes) != edits {
					t.Errorf("result %d: %d fixes, want the %d edit fixes", i, len(res.Fixes), edits)
				}
				for _, fx := range res.Fixes {
					if len(fx.ArtifactChanges) == 0 || len(fx.ArtifactChanges[0].Replacements) == 0 {
						t.Errorf("result %d: a fix without replacements is invalid SARIF", i)
					}
				}
			}
		})
	}
}
