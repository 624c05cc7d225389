package diagnostics

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

// hostSpecific are the §B checks that depend on the machine: they must say
// nothing on a plain Linux host.
var hostSpecific = []string{"wsl-windows-mount", "wsl-unc-folder", "wsl-windows-go", "path-case-mismatch"}

// TestPathsChecksAcrossHosts runs every §B fixture on four host
// descriptions. A fixture that describes no host of its own must find the
// same things on Linux, WSL (no Windows drive under the workspace), macOS
// and Windows (case-insensitive): nothing in it depends on the machine. A
// fixture that describes a host must lose its host-specific findings on
// plain Linux.
func TestPathsChecksAcrossHosts(t *testing.T) {
	hosts := map[string]hostfs.Host{
		"wsl":     {OS: "linux", WSLDistro: "Ubuntu", UID: 1000, Home: "/home/u"},
		"macos":   {OS: "darwin", CaseInsensitive: true, UID: 501, Home: "/Users/u"},
		"windows": {OS: "windows", CaseInsensitive: true, Home: `C:\Users\u`},
	}
	eachArchive(t, func(t *testing.T, id, file string) {
		if Lookup(id).Family != "paths" {
			return
		}
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w := setup(t, ar)
		own := fixture.HasSection(ar, "@host.json")
		described := w.Options.Host
		w.Options.Host = hostfs.Host{OS: "linux", UID: 1000, Home: w.Options.Env["HOME"]}
		linux := pathsFindings(t, w.Options, w.selection(id))
		if own {
			for _, f := range linux {
				if slices.Contains(hostSpecific, f.Check) {
					t.Errorf("on plain Linux, this fixture (written for %+v) still reports %s", described, f.Check)
				}
			}
			return
		}
		for name, h := range hosts {
			w.Options.Host = h
			if got := pathsFindings(t, w.Options, w.selection(id)); !slices.Equal(keys(got), keys(linux)) {
				t.Errorf("on %s:\n%s\nbut on Linux:\n%s", name, strings.Join(keys(got), "\n"), strings.Join(keys(linux), "\n"))
			}
		}
	})
}

// pathsFindings runs the selected checks on a fresh snapshot and keeps
// what identifies each finding: check, file and range.
func pathsFindings(t *testing.T, opts workspace.Options, sel Selection) []Finding {
	t.Helper()
	snap, err := workspace.New(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []Finding
	for _, f := range Run(context.Background(), snap, sel) {
		out = append(out, Finding{Check: f.Check, File: f.File, Range: f.Range})
	}
	return out
}

func keys(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s %s %v", f.Check, f.File, f.Range))
	}
	return out
}
