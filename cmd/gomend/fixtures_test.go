package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/gocmd"
)

// TestCheckJSONOnEveryFixture runs the real CLI, `gomend check --format
// json`, on every check fixture of diagnostics/testdata (with the fixture's
// @host.json as --host, and the harness's selection of checks) and requires
// exactly the check IDs the fixture's golden @want lists: what a user
// running the CLI on that workspace would see.
func TestCheckJSONOnEveryFixture(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "diagnostics", "testdata", "*", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures found: %v", err)
	}
	for _, file := range files {
		name := filepath.Base(filepath.Dir(file)) + "/" + strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if fixture.HasSection(ar, "@open") {
				t.Skip("open documents exist only in the editor")
			}
			if fixture.HasSection(ar, "@untrusted") {
				t.Skip("workspace trust exists only in the editor")
			}
			w := fixture.Setup(t, ar, "")
			args := []string{"check", "--format", "json"}
			if !w.Options.Exec {
				args = append(args, "--no-exec") // the archive's go is a stand-in
			}
			// The same selection as the diagnostics harness: the archive's
			// @checks, else its check's family.
			sel := fixture.Lines(fixture.Section(ar, "@checks"))
			if len(sel) == 0 {
				sel = familyOf(filepath.Base(filepath.Dir(file)))
			}
			args = append(args, "--checks", strings.Join(sel, ","))
			if w.HostFile != "" {
				args = append(args, "--host", w.HostFile)
			}
			for _, tr := range w.Options.Traces {
				args = append(args, "--trace", tr)
			}
			args = append(args, w.Options.Folders...)
			if w.Options.CodeWorkspaceFile != "" {
				args = append(args, w.Options.CodeWorkspaceFile)
			}
			var stdout, stderr bytes.Buffer
			code := run(args, w.Options.Env, &stdout, &stderr)
			var out struct {
				Findings []struct {
					Check    string `json:"check"`
					Severity string `json:"severity"`
				} `json:"findings"`
			}
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("exit %d, output is not JSON: %v\nstdout: %s\nstderr: %s", code, err, stdout.String(), stderr.String())
			}
			var got []string
			problems := false
			for _, f := range out.Findings {
				got = append(got, f.Check)
				problems = problems || f.Severity == "error" || f.Severity == "warning"
			}
			want := wantedIDs(fixture.Section(ar, "@want"))
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Errorf("check IDs = %v, want %v", got, want)
			}
			if wantCode := map[bool]int{false: 0, true: 1}[problems]; code != wantCode {
				t.Errorf("exit status %d, want %d; stderr: %s", code, wantCode, stderr.String())
			}
		})
	}
}

// familyOf lists the checks of check id's family.
func familyOf(id string) []string {
	var ids []string
	for _, r := range diagnostics.Rules {
		if r.Family == diagnostics.Lookup(id).Family {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

// wantedIDs reads the check IDs of a fixture's golden findings
// ("path:line:col: severity check-id: message"), sorted.
func wantedIDs(want []byte) []string {
	var ids []string
	for _, line := range strings.Split(string(want), "\n") {
		if line == "" || strings.HasPrefix(line, "\t") {
			continue
		}
		_, rest, ok := strings.Cut(line, ": ")
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) >= 2 {
			ids = append(ids, strings.TrimSuffix(fields[1], ":"))
		}
	}
	slices.Sort(ids)
	return ids
}

func TestMain(m *testing.M) {
	if gocmd.IsChild() { // run() loads packages through a copy of this binary
		os.Exit(gocmd.ServeChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
