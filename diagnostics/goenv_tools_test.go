package diagnostics

import "testing"

func TestGoplsDropsGo(t *testing.T) {
	for _, tc := range []struct {
		gopls   string
		minor   int
		last    string
		dropped bool
	}{
		{"v0.24.0", 20, "v0.15.3", true},  // dropped in v0.17.0
		{"v0.16.2", 20, "v0.15.3", false}, // deprecated, still works
		{"v0.15.3", 19, "v0.15.3", false},
		{"v0.24.0", 18, "v0.14.2", true},
		{"v0.14.2", 18, "v0.14.2", false},
		{"v0.24.0", 13, "v0.9.5", true}, // 1.13 and 1.14 fall under 1.15's entry
		{"v0.7.5", 12, "v0.7.5", false},
		{"v0.24.0", 21, "", false},
		{"v0.24.0", 26, "", false},
	} {
		last, dropped := goplsDropsGo(tc.gopls, tc.minor)
		if last != tc.last || dropped != tc.dropped {
			t.Errorf("goplsDropsGo(%s, 1.%d) = %q, %v; want %q, %v", tc.gopls, tc.minor, last, dropped, tc.last, tc.dropped)
		}
	}
}

func TestAllowedGoCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		ok   bool
	}{
		{[]string{"mod", "tidy"}, true},
		{[]string{"mod", "vendor"}, true},
		{[]string{"mod", "download"}, true},
		{[]string{"work", "vendor"}, true},
		{[]string{"get", "example.org/widgets"}, true},
		{[]string{"install", "golang.org/x/tools/gopls@latest"}, true},
		{[]string{"install", "golang.org/x/tools/gopls@v0.15.3"}, true},
		// Anything else, and flags disguised as packages, never run.
		{[]string{"get", "-toolexec=/tmp/evil"}, false},
		{[]string{"get", "example.org/widgets", "-x"}, false},
		{[]string{"install", "example.com/evil@latest"}, false},
		{[]string{"install", "golang.org/x/tools/gopls@master -toolexec=x"}, false},
		{[]string{"run", "."}, false},
		{[]string{"mod", "edit"}, false},
		{[]string{"generate", "./..."}, false},
		{nil, false},
	} {
		if got := AllowedGoCommand(tc.args); got != tc.ok {
			t.Errorf("AllowedGoCommand(%q) = %v, want %v", tc.args, got, tc.ok)
		}
	}
}
