// The data-driven check tests: every diagnostics/testdata/<check-id>/*.txtar
// is a small workspace with the findings and fix results it must produce.
//
// An archive holds a prose preamble (what the case is, and why the check
// should or should not fire), the workspace's files, and special files:
//
//	-- @folders --    workspace folders, one per line, relative to the archive
//	                  root (default "."); a line ending in .code-workspace opens
//	                  that file (its folders, its settings)
//	-- @env --        KEY=VALUE lines: the environment gopls would see. HOME
//	                  defaults to $WORK/.home and PATH to a Go tree of the
//	                  local version at $WORK/.sdk/go, so nothing of this
//	                  machine leaks in
//	-- @symlinks --   "link -> target" lines (target written as given)
//	-- @goversion --  the local toolchain's version (default 1.26.8; empty
//	                  means unknown)
//	-- @crlf --       files to convert to CRLF line endings before the run
//	-- @goos --       the GOOS values the archive applies to (default: all)
//	-- @checks --     the selection to run, one "ID" or "-ID" per line
//	                  (default: every check of the directory's check family)
//	-- @host.json --  the machine, in `gomend check --host` format (fields left
//	                  out: Linux, case-sensitive, not WSL, no mounts)
//	-- @open --       documents open in the editor, one path per line
//	-- @executable -- files to make executable (a go binary on a PATH)
//	-- @realgo --     the real go command runs (the checks that need it
//	                  included): PATH is the test's go's directory, which
//	                  @env may call $REALGOBIN
//	-- @gobuild --    "path module-path" lines: a trivial Go program built
//	                  with that main module path (a stand-in gopls)
//	-- @untrusted --  the editor does not trust the workspace
//	-- @traces --     gopls traces or logs to analyse, one path per line
//	-- @want --       golden: every finding as
//	                  "path:line:col: severity check-id: message", then its
//	                  related locations and fixes, indented
//	-- @fix/<check-id>/<fix title>/<path> --
//	                  golden: path's full content after applying that fix
//	                  alone (<check-id>@<anchor>:<line> when several findings
//	                  of one check offer the same title with different results)
//	-- @command/<check-id>/<fix title> --
//	                  golden: the command a command fix runs
//
// "$WORK" stands for the archive root in the workspace files, @folders,
// @env, @symlinks and in the goldens. `go test ./diagnostics -update` rewrites the golden sections.
package diagnostics

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/fixture"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/testfiles"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

var update = flag.Bool("update", false, "rewrite the @want, @fix and @command sections of diagnostics/testdata")

const defaultTestGoVersion = "1.26.8"

// archives lists testdata/<id>/*.txtar by check ID.
func archives(t *testing.T) map[string][]string {
	t.Helper()
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		if Lookup(d.Name()) == nil {
			t.Errorf("testdata/%s names no registered check", d.Name())
			continue
		}
		files, _ := filepath.Glob(filepath.Join("testdata", d.Name(), "*.txtar"))
		out[d.Name()] = files
	}
	return out
}

func TestMain(m *testing.M) {
	if gocmd.IsChild() { // the loader child of @realgo archives
		os.Exit(gocmd.ServeChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func TestChecks(t *testing.T) {
	eachArchive(t, func(t *testing.T, id, file string) { runArchive(t, id, file) })
}

// eachArchive runs f as a subtest "<check-id>/<archive>" for every archive.
func eachArchive(t *testing.T, f func(t *testing.T, id, file string)) {
	for _, id := range sortedIDs(archives(t)) {
		for _, file := range archives(t)[id] {
			t.Run(id+"/"+strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { f(t, id, file) })
		}
	}
}

// TestEveryCheckHasFixtures: each check has an archive where it fires and
// one where it must not.
func TestEveryCheckHasFixtures(t *testing.T) {
	all := archives(t)
	for _, r := range Rules {
		fires, quiet := 0, 0
		for _, file := range all[r.ID] {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := fixture.Section(ar, "@want")
			if strings.Contains(string(want), " "+r.ID+": ") {
				fires++
			} else {
				quiet++
			}
		}
		if fires == 0 || quiet == 0 {
			t.Errorf("check %s: %d archives where it fires and %d where it does not; want at least one of each in testdata/%s",
				r.ID, fires, quiet, r.ID)
		}
	}
}

// TestEachRuleAlone shows that an archive's expectations for its check come
// from that check alone: with every other rule turned off in turn, and with
// only that rule selected, its findings do not change.
func TestEachRuleAlone(t *testing.T) {
	eachArchive(t, func(t *testing.T, id, file string) {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		w := setup(t, ar)
		snap := w.snapshot(t)
		own := func(sel Selection) string {
			var fs []Finding
			for _, f := range Run(context.Background(), snap, sel) {
				if f.Check == id {
					fs = append(fs, f)
				}
			}
			return w.render(fs)
		}
		want := own(nil)
		if got := own(Selection{id}); got != want {
			t.Errorf("%s alone reports\n%s\nbut with every rule\n%s", id, got, want)
		}
		for _, r := range Rules {
			if r.ID == id {
				continue
			}
			if got := own(Selection{"-" + r.ID}); got != want {
				t.Errorf("without %s, %s reports\n%s\nbut with every rule\n%s", r.ID, id, got, want)
			}
		}
	})
}

// testWorkspace is an archive written out to a temporary directory.
type testWorkspace struct {
	*fixture.Workspace
}

func setup(t *testing.T, ar *txtar.Archive) *testWorkspace {
	t.Helper()
	return &testWorkspace{fixture.Setup(t, ar, defaultTestGoVersion)}
}

func (w *testWorkspace) snapshot(t *testing.T) *workspace.Snapshot {
	t.Helper()
	snap, err := workspace.New(context.Background(), w.Options)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

// selection is the archive's @checks, else every check of id's family.
func (w *testWorkspace) selection(id string) Selection {
	if sel := fixture.Lines(fixture.Section(w.Archive, "@checks")); len(sel) > 0 {
		return Selection(sel)
	}
	var sel Selection
	for _, r := range Rules {
		if r.Family == Lookup(id).Family {
			sel = append(sel, r.ID)
		}
	}
	return sel
}

// render writes findings as the @want section does.
func (w *testWorkspace) render(fs []Finding) string {
	var sb strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&sb, "%s:%d:%d: %s %s: %s\n", w.Rel(f.File), f.Range.Start.Line+1, f.Range.Start.Character+1,
			f.Severity, f.Check, w.Hide(f.Message))
		for _, r := range f.Related {
			fmt.Fprintf(&sb, "\trelated %s:%d:%d: %s\n", w.Rel(r.File), r.Range.Start.Line+1, r.Range.Start.Character+1, w.Hide(r.Message))
		}
		for _, fx := range f.Fixes {
			fmt.Fprintf(&sb, "\tfix %s %q\n", fx.Applicability, w.Hide(fx.Title))
		}
	}
	return sb.String()
}

// key identifies a finding across runs and workspaces: positions move when
// a fix edits the file, the rest does not.
func (w *testWorkspace) key(f Finding) string {
	return f.Check + " " + w.Rel(f.File) + " " + w.Hide(f.Message)
}

// goldenFix is one golden section a run produces.
type goldenFix struct {
	name    string
	content []byte
}

// fixResults applies each fix alone and names its results as golden
// sections; it fails the test for any fix that writes outside the workspace.
func (w *testWorkspace) fixResults(t *testing.T, fs []Finding) []goldenFix {
	t.Helper()
	type result struct {
		base, tagged string
		content      []byte
	}
	var results []result
	for _, f := range fs {
		tag := fmt.Sprintf("%s@%s:%d", f.Check, w.Rel(f.File), f.Range.Start.Line+1)
		for _, fx := range f.Fixes {
			title := w.Hide(fx.Title)
			if fx.Command != nil {
				args, err := json.Marshal(fx.Command.Arguments)
				if err != nil {
					t.Fatal(err)
				}
				content := []byte(w.Hide(fx.Command.Command+" "+string(args)) + "\n")
				results = append(results, result{"@command/" + f.Check + "/" + title, "@command/" + tag + "/" + title, content})
			}
			for _, ch := range fx.Changes {
				content := []byte(w.Hide(string(w.applyChange(t, ch))))
				if w.CRLF[w.Rel(ch.File)] {
					if bytes.Count(content, []byte("\n")) != bytes.Count(content, []byte("\r\n")) {
						t.Errorf("fix %q turned the CRLF file %s into mixed line endings:\n%q", fx.Title, w.Rel(ch.File), content)
					}
					content = bytes.ReplaceAll(content, []byte("\r\n"), []byte("\n"))
				}
				results = append(results, result{
					"@fix/" + f.Check + "/" + title + "/" + w.Rel(ch.File),
					"@fix/" + tag + "/" + title + "/" + w.Rel(ch.File),
					content,
				})
			}
		}
	}
	// Use the short name unless two results would share it.
	distinct := map[string]map[string]bool{}
	for _, r := range results {
		if distinct[r.base] == nil {
			distinct[r.base] = map[string]bool{}
		}
		distinct[r.base][string(r.content)] = true
	}
	seen := map[string]bool{}
	var out []goldenFix
	for _, r := range results {
		name := r.base
		if len(distinct[r.base]) > 1 {
			name = r.tagged
		}
		if !seen[name] {
			seen[name] = true
			out = append(out, goldenFix{name, r.content})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// assertRange checks that a range lies within its file and does not take
// in a line ending (an anchor ends where the line's text ends, CRLF or not).
func (w *testWorkspace) assertRange(t *testing.T, file string, r textpos.Range) {
	t.Helper()
	content, err := os.ReadFile(file)
	if err != nil {
		t.Errorf("finding anchored on %s, which cannot be read: %v", w.Rel(file), err)
		return
	}
	m := textpos.NewMapper(content)
	start, err1 := m.Offset(r.Start)
	end, err2 := m.Offset(r.End)
	if err1 != nil || err2 != nil || end < start {
		t.Errorf("range %v-%v is not within %s", r.Start, r.End, w.Rel(file))
		return
	}
	if text := content[start:end]; bytes.HasSuffix(text, []byte("\r")) || bytes.HasSuffix(text, []byte("\n")) {
		t.Errorf("range %v-%v of %s takes in a line ending: %q", r.Start, r.End, w.Rel(file), text)
	}
}

// applyChange returns a file's content after a change, without writing it.
func (w *testWorkspace) applyChange(t *testing.T, ch fix.FileChange) []byte {
	t.Helper()
	w.assertInside(t, ch.File)
	var old []byte
	if ch.Create {
		if _, err := os.Lstat(ch.File); err == nil {
			t.Errorf("fix creates %s, which exists", w.Rel(ch.File))
		}
	} else {
		var err error
		if old, err = os.ReadFile(ch.File); err != nil {
			t.Fatalf("fix edits %s: %v", w.Rel(ch.File), err)
		}
	}
	out, err := fix.Apply(old, ch.Edits)
	if err != nil {
		t.Fatalf("applying fix to %s: %v", w.Rel(ch.File), err)
	}
	return out
}

// assertInside fails unless path lies in the workspace, both as written and
// with symlinks resolved (a fix never writes through a link that leaves it).
func (w *testWorkspace) assertInside(t *testing.T, path string) {
	t.Helper()
	if !hostfs.Within(w.Root, path) {
		t.Fatalf("fix writes outside the workspace: %s", path)
	}
	dir := path
	for {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			if !hostfs.Within(w.Real, real) {
				t.Fatalf("fix writes through a symlink out of the workspace: %s → %s", w.Rel(path), real)
			}
			return
		}
		dir = filepath.Dir(dir)
	}
}

func runArchive(t *testing.T, id, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	w := setup(t, ar)
	fs := Run(context.Background(), w.snapshot(t), w.selection(id))
	got := w.render(fs)
	fixes := w.fixResults(t, fs)

	for _, f := range fs {
		if f.File == "" {
			continue // status only (untrusted-workspace)
		}
		w.assertRange(t, f.File, f.Range)
		for _, r := range f.Related {
			w.assertRange(t, r.File, r.Range)
		}
	}
	if *update {
		writeGoldens(t, file, ar, got, fixes)
		return
	}
	if want := string(fixture.Section(ar, "@want")); got != want {
		t.Errorf("findings differ (-want +got):\n%s", lineDiff(want, got))
	}
	wantFixes := map[string][]byte{}
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "@fix/") || strings.HasPrefix(f.Name, "@command/") {
			wantFixes[f.Name] = f.Data
		}
	}
	for _, g := range fixes {
		want, ok := wantFixes[g.name]
		delete(wantFixes, g.name)
		switch {
		case !ok:
			t.Errorf("no golden section -- %s -- for this fix result:\n%s", g.name, g.content)
		case !bytes.Equal(want, g.content):
			t.Errorf("%s differs (-want +got):\n%s", g.name, lineDiff(string(want), string(g.content)))
		}
	}
	for name := range wantFixes {
		t.Errorf("golden section -- %s -- matches no fix", name)
	}
	for _, f := range fs {
		for _, fx := range f.Fixes {
			if fx.Applicability == fix.Exact || fx.Applicability == fix.Likely && len(fx.Changes) > 0 {
				checkFixResolves(t, ar, id, w.key(f), fx.Title)
			}
		}
	}
}

// checkFixResolves applies a fix to a fresh copy of the workspace, rebuilds
// the snapshot from disk and reruns: the finding must be gone and nothing
// new may appear. For exact fixes this is the idempotence guarantee:
// applying the repair a second time finds nothing left to change.
func checkFixResolves(t *testing.T, ar *txtar.Archive, id, key, title string) {
	t.Helper()
	w := setup(t, ar)
	sel := w.selection(id)
	before := Run(context.Background(), w.snapshot(t), sel)
	var chosen *fix.Fix
	known := map[string]bool{}
	for _, f := range before {
		known[w.key(f)] = true
		if w.key(f) != key {
			continue
		}
		for i := range f.Fixes {
			if w.Hide(f.Fixes[i].Title) == w.Hide(title) {
				chosen = &f.Fixes[i]
			}
		}
	}
	if chosen == nil {
		t.Fatalf("fix %q of %q not found on a second run", title, key)
	}
	for _, ch := range chosen.Changes {
		testfiles.WriteFile(t, ch.File, w.applyChange(t, ch))
	}
	after := Run(context.Background(), w.snapshot(t), sel)
	for _, f := range after {
		k := w.key(f)
		if k == key {
			t.Errorf("fix %q applied, but the finding remains: %s", title, k)
		} else if !known[k] {
			t.Errorf("fix %q applied, and a new finding appeared: %s", title, k)
		}
	}
}

func writeGoldens(t *testing.T, file string, ar *txtar.Archive, want string, fixes []goldenFix) {
	t.Helper()
	out := &txtar.Archive{Comment: ar.Comment}
	for _, f := range ar.Files {
		if f.Name == "@want" || strings.HasPrefix(f.Name, "@fix/") || strings.HasPrefix(f.Name, "@command/") {
			continue
		}
		out.Files = append(out.Files, f)
	}
	out.Files = append(out.Files, txtar.File{Name: "@want", Data: []byte(want)})
	for _, g := range fixes {
		out.Files = append(out.Files, txtar.File{Name: g.name, Data: g.content})
	}
	if err := os.WriteFile(file, txtar.Format(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

func sortedIDs(m map[string][]string) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// lineDiff is a small line-by-line diff, enough to read a golden mismatch.
func lineDiff(want, got string) string {
	a, b := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			sb.WriteString("  " + a[i] + "\n")
			i++
			j++
		case j < len(b) && !contains(a[i:], b[j]):
			sb.WriteString("+ " + b[j] + "\n")
			j++
		case i < len(a):
			sb.WriteString("- " + a[i] + "\n")
			i++
		default:
			sb.WriteString("+ " + b[j] + "\n")
			j++
		}
	}
	return sb.String()
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
