package diagnostics

import (
	"context"
	"sort"
	"strings"

	"github.com/gomend/gomend/docs"
	"github.com/gomend/gomend/internal/workspace"
)

// Rule is one check, declared as data.
type Rule struct {
	// ID is the public, stable check ID (CHECKS.md); never renamed.
	ID string
	// Family is the CHECKS.md section: "modules", "paths", "devcontainer", "goenv", "trace".
	Family string
	// Title is a one-line summary.
	Title string
	// Severity is the default severity; a finding may only lower it.
	Severity Severity
	// NeedsGo marks checks that run the go command: skipped unless the
	// snapshot permits execution (trusted workspace, no --no-exec).
	NeedsGo bool
	// Run reports the rule's findings. It must not do I/O except through
	// the snapshot, and should return promptly when ctx is cancelled.
	Run func(ctx context.Context, s *workspace.Snapshot) []Finding
}

// Doc is the rule's user documentation, docs/checks/<ID>.md (embedded).
func (r *Rule) Doc() string {
	page, _ := docs.CheckPage(r.ID)
	return page
}

// Rules is the registry, in CHECKS.md order. Each family's file appends its
// rules from an init function, so this list stays the single source of truth
// for `gomend explain`, docs and the `gomend.checks` setting.
var Rules []*Rule

// familyOrder is CHECKS.md's order of sections. Go runs the families'
// init functions in file-name order, so register keeps the registry in
// this order whatever that is.
var familyOrder = map[string]int{"modules": 1, "paths": 2, "devcontainer": 3, "goenv": 4, "trace": 5}

func register(rules ...*Rule) {
	Rules = append(Rules, rules...)
	sort.SliceStable(Rules, func(i, j int) bool { return familyOrder[Rules[i].Family] < familyOrder[Rules[j].Family] })
}

// Lookup returns the rule with the given ID, or nil.
func Lookup(id string) *Rule {
	for _, r := range Rules {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// Selection says which rules run: by default all; "ID" entries restrict to
// the listed ones, "-ID" entries turn one off (the gomend.checks setting and
// the CLI's --checks flag).
type Selection []string

// Enabled reports whether rule id is selected.
func (sel Selection) Enabled(id string) bool {
	only := false
	for _, s := range sel {
		s = strings.TrimSpace(s)
		if s == "-"+id {
			return false
		}
		if s != "" && !strings.HasPrefix(s, "-") {
			only = true
		}
	}
	if !only {
		return true
	}
	for _, s := range sel {
		if strings.TrimSpace(s) == id {
			return true
		}
	}
	return false
}

// Unknown lists the entries of sel that name no rule.
func (sel Selection) Unknown() []string {
	var bad []string
	for _, s := range sel {
		if id := strings.TrimPrefix(strings.TrimSpace(s), "-"); id != "" && Lookup(id) == nil {
			bad = append(bad, s)
		}
	}
	return bad
}

// Phase selects the rules of one pass: the server publishes the static
// rules' findings first, then everything once the go command has run.
type Phase int

const (
	AllRules    Phase = iota
	StaticRules       // no process: fast, safe anywhere
	GoRules           // run the go command (NeedsGo)
)

func (p Phase) includes(r *Rule) bool {
	return p == AllRules || (p == GoRules) == r.NeedsGo
}

// Run runs every selected rule over the snapshot and returns the findings
// sorted by file, position and check, so output is deterministic.
// Rules that need the go command are skipped unless the snapshot permits it.
func Run(ctx context.Context, snap *workspace.Snapshot, sel Selection) []Finding {
	return RunPhase(ctx, snap, sel, AllRules)
}

// HasGoRules reports whether a GoRules pass would run anything.
func HasGoRules(snap *workspace.Snapshot, sel Selection) bool {
	if !snap.Exec() {
		return false
	}
	for _, r := range Rules {
		if r.NeedsGo && sel.Enabled(r.ID) {
			return true
		}
	}
	return false
}

// RunPhase is Run restricted to one phase's rules.
func RunPhase(ctx context.Context, snap *workspace.Snapshot, sel Selection, phase Phase) []Finding {
	var all []Finding
	for _, r := range Rules {
		if ctx.Err() != nil {
			return nil
		}
		if !sel.Enabled(r.ID) || r.NeedsGo && !snap.Exec() || !phase.includes(r) {
			continue
		}
		for _, f := range r.Run(ctx, snap) {
			if f.Check == "" {
				f.Check = r.ID
			}
			if f.Severity == 0 {
				f.Severity = r.Severity
			}
			all = append(all, f)
		}
	}
	SortFindings(all)
	return all
}

// SortFindings orders findings by file, position, then check ID.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Range.Start != b.Range.Start {
			return a.Range.Start.Less(b.Range.Start)
		}
		return a.Check < b.Check
	})
}
