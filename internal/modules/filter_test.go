package modules

import "testing"

// The "**/NAME" fast path must decide exactly as gopls's regexp does.
func TestNameRuleMatchesLikeTheRegexp(t *testing.T) {
	f, invalid := NewDirFilter([]string{"-**/node_modules", "+**/keep/", "-gen/**", "-**/a.b"})
	if len(invalid) != 0 {
		t.Fatalf("invalid: %q", invalid)
	}
	if f.rules[0].name != "node_modules" || f.rules[1].name != "keep" || f.rules[2].name != "" || f.rules[3].name != "a.b" {
		t.Fatalf("fast-path names: %q %q %q %q", f.rules[0].name, f.rules[1].name, f.rules[2].name, f.rules[3].name)
	}
	paths := []string{
		"node_modules", "web/node_modules", "web/node_modules/x", "node_modulesx", "xnode_modules",
		"web/node_modules2/y", "keep", "a/keep/b", "keeps", "a.b", "x/a.b", "axb", "x/axb", "gen", "gen/x", "", "a//node_modules",
	}
	for _, r := range f.rules {
		for _, p := range paths {
			if got, want := r.matches(p), r.re.MatchString(p); got != want {
				t.Errorf("rule %q on %q: fast path %v, regexp %v", r.re, p, got, want)
			}
		}
	}
}

func TestRedundantFilter(t *testing.T) {
	for _, tc := range []struct {
		filters []string
		want    bool
	}{
		{nil, true},
		{[]string{"-**/node_modules"}, true},
		{[]string{"-**/node_modules", "-**/vendor"}, true},
		{[]string{"-**/node_modules", "-**/build"}, false},
		{[]string{"+**/node_modules"}, false},
		{[]string{"-node_modules"}, false},
	} {
		f, _ := NewDirFilter(tc.filters)
		if got := f.Redundant(skippedByGo); got != tc.want {
			t.Errorf("%q: Redundant = %v, want %v", tc.filters, got, tc.want)
		}
	}
	var nilFilter *DirFilter
	if !nilFilter.Redundant(skippedByGo) {
		t.Error("a nil filter excludes something")
	}
}
