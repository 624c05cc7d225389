package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// report is the result of one check run, ready to print.
type report struct {
	folders       []string // absolute, as given
	codeWorkspace string   // the .code-workspace they came from, or ""
	traces        int      // gopls traces analysed beside them
	findings      []diagnostics.Finding
}

func newReport(snap *workspace.Snapshot, findings []diagnostics.Finding) *report {
	r := &report{findings: findings}
	for _, f := range snap.Folders() {
		r.folders = append(r.folders, f.Path)
	}
	if cw := snap.CodeWorkspace(); cw != nil {
		r.codeWorkspace = cw.Path
	}
	r.traces = len(snap.Traces())
	return r
}

// scope is where `gomend fix` may write: inside the folders, and the
// .code-workspace file the user named.
func (r *report) scope() fix.Scope {
	sc := fix.Scope{Folders: r.folders}
	if r.codeWorkspace != "" {
		sc.Files = []string{r.codeWorkspace}
	}
	return sc
}

// exitStatus is 1 when anything at warning or above was found.
func (r *report) exitStatus() int {
	for _, f := range r.findings {
		if f.Severity <= diagnostics.Warning {
			return exitProblems
		}
	}
	return exitOK
}

// folderOf returns the index of the innermost folder holding file, or -1.
func (r *report) folderOf(file string) int {
	best, bestLen := -1, -1
	for i, f := range r.folders {
		if hostfs.Within(f, file) && len(f) > bestLen {
			best, bestLen = i, len(f)
		}
	}
	return best
}

// display is how a file is named to people: relative to its folder (the
// folder is the group's heading), else absolute.
func (r *report) display(file string) string {
	i := r.folderOf(file)
	if i < 0 {
		return file
	}
	rel, err := filepath.Rel(r.folders[i], file)
	if err != nil {
		return file
	}
	return filepath.ToSlash(rel)
}

// diffLabel names a file in a diff: relative to its folder, under the
// folder's name when there are several.
func (r *report) diffLabel(file string) string {
	i := r.folderOf(file)
	if i < 0 {
		return strings.TrimPrefix(filepath.ToSlash(file), "/")
	}
	d := r.display(file)
	if len(r.folders) > 1 {
		d = filepath.Base(r.folders[i]) + "/" + d
	}
	return d
}

// applicable reports whether `gomend fix` may apply f: it must be edits,
// exact, or likely when --likely is given. Manual fixes never are.
func applicable(f fix.Fix, likely bool) bool {
	return len(f.Changes) > 0 && (f.Applicability == fix.Exact || likely && f.Applicability == fix.Likely)
}

// fixable reports whether some fix of f is applicable.
func fixable(f diagnostics.Finding, likely bool) bool {
	for _, x := range f.Fixes {
		if applicable(x, likely) {
			return true
		}
	}
	return false
}

// palette colours text on a terminal; the zero value prints plain text.
type palette struct{ on bool }

func (p palette) wrap(code, s string) string {
	if !p.on {
		return s
	}
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func (p palette) bold(s string) string { return p.wrap("1", s) }
func (p palette) dim(s string) string  { return p.wrap("2", s) }

func (p palette) severity(s diagnostics.Severity) string {
	switch s {
	case diagnostics.Error:
		return p.wrap("1;31", s.String())
	case diagnostics.Warning:
		return p.wrap("1;33", s.String())
	case diagnostics.Info:
		return p.wrap("36", s.String())
	}
	return p.dim(s.String())
}

func (p palette) applicability(a fix.Applicability) string {
	if a == fix.Exact {
		return p.wrap("32", string(a))
	}
	return string(a)
}

// writeText prints the findings grouped by folder, then by file, in
// `file:line:col` form, and a one-line verdict.
func (r *report) writeText(w io.Writer, color bool) {
	p := palette{color}
	groups := make([][]diagnostics.Finding, len(r.folders)+1) // last: outside every folder
	for _, f := range r.findings {
		i := r.folderOf(f.File)
		if i < 0 {
			i = len(r.folders)
		}
		groups[i] = append(groups[i], f)
	}
	for i, g := range groups {
		if len(g) == 0 {
			continue
		}
		switch {
		case i < len(r.folders):
			fmt.Fprintf(w, "%s\n", p.bold(r.folders[i]))
		case len(r.folders) == 0 && r.traces > 0:
			fmt.Fprintf(w, "%s\n", p.bold("gopls traces"))
		default:
			fmt.Fprintf(w, "%s\n", p.bold("Outside the workspace folders"))
		}
		for j, f := range g {
			if j > 0 && f.File != g[j-1].File {
				fmt.Fprintln(w)
			}
			r.writeFinding(w, p, f)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w, r.verdict())
}

func (r *report) writeFinding(w io.Writer, p palette, f diagnostics.Finding) {
	fmt.Fprintf(w, "  %s: %s: %s %s\n", r.location(f.File, f.Range), p.severity(f.Severity),
		indent(f.Message, "      "), p.dim("["+f.Check+"]"))
	for _, rel := range f.Related {
		fmt.Fprintf(w, "      see %s: %s\n", r.location(rel.File, rel.Range), indent(rel.Message, "        "))
	}
	for _, x := range f.Fixes {
		line := fmt.Sprintf("      fix (%s): %s", p.applicability(x.Applicability), x.Title)
		if args, ok := diagnostics.RunGoArgsOf(x); ok {
			line += " — in " + r.display(args.Dir)
		} else if x.Command != nil && len(x.Changes) == 0 && x.Command.Title != "" && x.Command.Title != x.Title {
			line += " — " + x.Command.Title
		}
		fmt.Fprintln(w, line)
	}
}

func (r *report) location(file string, rng textpos.Range) string {
	return fmt.Sprintf("%s:%d:%d", r.display(file), rng.Start.Line+1, rng.Start.Character+1)
}

// indent indents every line of a multi-line message after the first.
func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// verdict is the last line: "2 problems (1 error, 1 warning) in 1 folder;
// 1 can be fixed with `gomend fix`", or "No problems found in 1 folder".
func (r *report) verdict() string {
	where := plural(len(r.folders), "folder")
	switch {
	case r.traces > 0 && len(r.folders) > 0:
		where += " and " + plural(r.traces, "trace")
	case r.traces > 0:
		where = plural(r.traces, "trace")
	}
	if len(r.findings) == 0 {
		return "No problems found in " + where
	}
	count := map[diagnostics.Severity]int{}
	exact, likely := 0, 0
	for _, f := range r.findings {
		count[f.Severity]++
		switch {
		case fixable(f, false):
			exact++
		case fixable(f, true):
			likely++
		}
	}
	var parts []string
	for _, s := range []diagnostics.Severity{diagnostics.Error, diagnostics.Warning, diagnostics.Info, diagnostics.Hint} {
		if n := count[s]; n > 0 {
			name := s.String()
			if n > 1 && s != diagnostics.Info {
				name += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, name))
		}
	}
	v := fmt.Sprintf("%s (%s) in %s", plural(len(r.findings), "problem"), strings.Join(parts, ", "), where)
	if exact > 0 {
		v += fmt.Sprintf("; %d can be fixed with `gomend fix`", exact)
	}
	if likely > 0 {
		if exact > 0 {
			v += fmt.Sprintf(", %d more with `gomend fix --likely`", likely)
		} else {
			v += fmt.Sprintf("; %d can be fixed with `gomend fix --likely`", likely)
		}
	}
	return v
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "x") {
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
