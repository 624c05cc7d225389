package diagnostics

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gomend/gomend/docs"
)

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// The registry is the single source of truth: every rule has a kebab-case
// ID, a family, a title, a severity and a doc page that names it, and every
// doc page belongs to a rule (a retired check keeps its page and its rule).
func TestRegistryIsComplete(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if !idPattern.MatchString(r.ID) || seen[r.ID] {
			t.Errorf("rule ID %q is not unique kebab-case", r.ID)
		}
		seen[r.ID] = true
		if r.Family == "" || r.Title == "" || r.Severity < Error || r.Severity > Hint || r.Run == nil {
			t.Errorf("rule %s is incomplete: %+v", r.ID, r)
		}
		if doc := r.Doc(); !strings.HasPrefix(doc, "# "+r.ID+"\n") {
			t.Errorf("rule %s: docs/checks/%s.md is missing or does not start with \"# %s\"", r.ID, r.ID, r.ID)
		}
		if Lookup(r.ID) != r {
			t.Errorf("Lookup(%q) does not find the rule", r.ID)
		}
	}
	for _, id := range docs.CheckIDs() {
		if !seen[id] {
			t.Errorf("docs/checks/%s.md documents no registered rule", id)
		}
	}
}

// The registry is in CHECKS.md order: families by section, whatever order
// their files' init functions run in.
func TestRegistryOrder(t *testing.T) {
	last := 0
	for _, r := range Rules {
		rank, ok := familyOrder[r.Family]
		if !ok {
			t.Errorf("rule %s: family %q has no place in familyOrder", r.ID, r.Family)
		}
		if rank < last {
			t.Errorf("rule %s (%s) comes after a later family", r.ID, r.Family)
		}
		last = rank
	}
	if Rules[0].ID != "multi-module-no-gowork" {
		t.Errorf("first rule %s, want multi-module-no-gowork (CHECKS.md §A)", Rules[0].ID)
	}
}

func TestSelection(t *testing.T) {
	for _, tc := range []struct {
		sel     Selection
		enabled []string
	}{
		{nil, []string{"a", "b", "c"}},
		{Selection{"-b"}, []string{"a", "c"}},
		{Selection{"a", "c"}, []string{"a", "c"}},
		{Selection{"a", "-a"}, nil},
	} {
		var got []string
		for _, id := range []string{"a", "b", "c"} {
			if tc.sel.Enabled(id) {
				got = append(got, id)
			}
		}
		if !slices.Equal(got, tc.enabled) {
			t.Errorf("%v enables %v, want %v", tc.sel, got, tc.enabled)
		}
	}
	if bad := (Selection{"-gomod-syntax", "no-such-check"}).Unknown(); !slices.Equal(bad, []string{"no-such-check"}) {
		t.Errorf("Unknown = %v", bad)
	}
}
