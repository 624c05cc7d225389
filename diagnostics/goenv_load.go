package diagnostics

// The checks that run the go command: every module of the workspace is
// loaded with go/packages, with the environment gopls would see (offline,
// GOTOOLCHAIN=local: see gocmd), and each error the go command reports
// becomes one finding — classified when we know what it means and how to
// fix it, else load-error in the go command's own words. Errors a static
// check already explains (a replace directory that does not exist, a
// go line the toolchain cannot meet, GOFLAGS forcing vendor mode) are left
// to it, so one problem is reported once.

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"go.uber.org/zap"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/gocmd"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// maxLoadedModules bounds the modules one diagnosis loads: the go
// command's time grows with them, and a workspace of hundreds of modules
// says what it has to say in its first hundred.
const maxLoadedModules = 100

// loadBatch is how many modules one go command loads.
const loadBatch = 10

// batches splits items into runs of at most n.
func batches(items []string, n int) [][]string {
	var out [][]string
	for len(items) > n {
		out = append(out, items[:n])
		items = items[n:]
	}
	if len(items) > 0 {
		out = append(out, items)
	}
	return out
}

type loadFindingsKey struct{}

// loaded is every go-command finding of a snapshot, by check ID.
type loaded map[string][]Finding

// loadFindings loads every module once per snapshot and classifies what
// the go command said. Cancelled, it returns nil (and is not remembered).
func loadFindings(ctx context.Context, snap *workspace.Snapshot) loaded {
	v := snap.Memo(loadFindingsKey{}, func() any {
		out := loaded{}
		budget := maxLoadedModules
		for _, u := range loadUnits(snap) {
			if budget == 0 {
				snap.Logger().Info("not loading every module: too many", zap.Int("limit", maxLoadedModules))
				break
			}
			if len(u.patterns) > budget {
				u.patterns = u.patterns[:budget]
			}
			budget -= len(u.patterns)
			// The go command's memory grows with what one run loads (180 MB
			// for 100 modules of 600 files): batches keep it small.
			for _, batch := range batches(u.patterns, loadBatch) {
				b := *u
				b.patterns = batch
				classifyLoad(ctx, snap, &b, out)
				if ctx.Err() != nil {
					return nil
				}
			}
		}
		for id, fs := range out {
			out[id] = dedupFindings(fs)
		}
		return out
	})
	l, _ := v.(loaded)
	return l
}

// loadUnit is one go command load: the modules of one go.work together,
// as gopls loads them (one process, not one per module), or one module.
type loadUnit struct {
	fe       *folderEnv
	dir      string   // the go.work's directory, or the module root
	patterns []string // "./api/...", one per module
	// anchor is the go.work or go.mod a failure of the whole load is
	// reported on.
	anchor string
}

// loadUnits groups the folders' modules by the go.work that uses them
// (with the environment gopls would see: GOWORK=off or a GOWORK file
// count). A module a go.work applies to but does not use is not loaded:
// the go command refuses it, and gowork-missing-module says so.
func loadUnits(snap *workspace.Snapshot) []*loadUnit {
	var units []*loadUnit
	byWork := map[string]*loadUnit{}
	seen := map[string]bool{}
	for _, folder := range snap.Folders() {
		fe := envOf(snap, folder)
		for _, dir := range moduleRoots(snap, folder) {
			if seen[dir] {
				continue
			}
			seen[dir] = true
			work := workFor(snap, fe, dir)
			if work == "" {
				units = append(units, &loadUnit{fe: fe, dir: dir, patterns: []string{"./..."}, anchor: filepath.Join(dir, "go.mod")})
				continue
			}
			if !workUses(snap, work, dir) {
				continue
			}
			u := byWork[work]
			if u == nil {
				u = &loadUnit{fe: fe, dir: filepath.Dir(work), anchor: work}
				byWork[work] = u
				units = append(units, u)
			}
			rel, err := filepath.Rel(u.dir, dir)
			if err != nil {
				continue
			}
			u.patterns = append(u.patterns, "./"+filepath.ToSlash(filepath.Join(rel, "..."))) // "./..." for the go.work's own directory
		}
	}
	return units
}

// loadDir is where the module in dir is loaded: its go.work's directory
// when a go.work uses it, else dir.
func loadDir(snap *workspace.Snapshot, fe *folderEnv, dir string) string {
	if work := workFor(snap, fe, dir); work != "" && workUses(snap, work, dir) {
		return filepath.Dir(work)
	}
	return dir
}

// workFor is the go.work the go command would use in dir with the
// environment gopls would see: none with GOWORK=off, GOWORK's file when it
// names one, else the nearest go.work at or above dir.
func workFor(snap *workspace.Snapshot, fe *folderEnv, dir string) string {
	switch gowork := fe.gopls.Get("GOWORK"); {
	case gowork == "off":
		return ""
	case filepath.IsAbs(gowork):
		return gowork
	}
	return nearestWork(snap, dir)
}

// workUses reports whether the go.work at work lists the module in dir.
func workUses(snap *workspace.Snapshot, work, dir string) bool {
	wf := snap.WorkFile(work)
	if wf == nil || wf.File == nil {
		return false
	}
	for _, u := range wf.File.Use {
		p := u.Path
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(work), filepath.FromSlash(p))
		}
		if filepath.Clean(p) == dir {
			return true
		}
	}
	return false
}

// moduleRoots are the directories of a folder's go.mod files, or of the
// go.mod above it.
func moduleRoots(snap *workspace.Snapshot, folder workspace.Folder) []string {
	var dirs []string
	if l := snap.Layout(folder.Path); l != nil {
		for _, p := range l.ModFiles {
			dirs = append(dirs, filepath.Dir(p))
		}
	}
	if len(dirs) == 0 {
		if mod := snap.NearestModFile(folder.Path); mod != "" {
			dirs = append(dirs, filepath.Dir(mod))
		}
	}
	return dirs
}

// classifyLoad runs go env -json and one load, adding what they report
// to out.
func classifyLoad(ctx context.Context, snap *workspace.Snapshot, u *loadUnit, out loaded) {
	fe, dir := u.fe, u.dir
	env := fe.gopls.Map()
	modAnchor := func(msg string, fixes ...fix.Fix) Finding {
		f := Finding{Message: msg, File: u.anchor, Source: filepath.Base(u.anchor), Fixes: fixes}
		if mf := snap.ModFile(u.anchor); filepath.Base(u.anchor) == "go.mod" && mf != nil {
			f.Range = moduleLineRange(mf)
		} else if wf := snap.WorkFile(u.anchor); wf != nil {
			f.Range = workAnchor(wf)
		}
		return f
	}
	for _, p := range u.patterns {
		mod := filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(p, "...")), "go.mod")
		if mf := snap.ModFile(mod); mf == nil || mf.Err != nil {
			return // gomod-syntax says why
		}
	}
	if wf := snap.WorkFile(u.anchor); filepath.Base(u.anchor) != "go.mod" && (wf == nil || wf.Err != nil) {
		return // gowork-syntax territory
	}
	if fe.gopls.Get("GO111MODULE") == "off" {
		return // GOPATH mode: every error would be gomodule-off's consequence
	}
	if _, err := snap.GoEnvJSON(ctx, dir, env); err != nil {
		if ctx.Err() == nil {
			out["load-error"] = append(out["load-error"], modAnchor("gomend could not ask the go command about its environment: "+err.Error()))
		}
		return
	}
	res, err := snap.LoadPackages(ctx, dir, env, u.patterns...)
	if err != nil {
		if ctx.Err() == nil {
			out["load-error"] = append(out["load-error"], modAnchor("Loading this module failed: "+err.Error()))
		}
		return
	}
	userProxyOff := fe.gopls.Get("GOPROXY") == "off"
	forcedVendor := strings.Contains(fe.gopls.Get("GOFLAGS"), "-mod=vendor")
	add := func(id, msg string, file string, rng textpos.Range, fixes ...fix.Fix) {
		f := Finding{Message: msg, File: file, Range: rng, Source: "go command", Fixes: fixes}
		if file == "" {
			f = modAnchor(msg, fixes...)
		}
		out[id] = append(out[id], f)
	}
	classify := func(msg, pos, pkg string) {
		words := strings.TrimSpace(msg)
		file, rng := errorAnchor(snap, pos, words)
		// The module commands run in the module the error is in (in a
		// workspace load, not the go.work's directory).
		modDir := dir
		if m := snap.NearestModFile(filepath.Dir(file)); file != "" && m != "" {
			modDir = filepath.Dir(m)
		}
		vendor := runGoFix(dir, "mod", "vendor")
		if filepath.Base(u.anchor) == "go.work" {
			vendor = runGoFix(dir, "work", "vendor") // workspace vendoring: go.work's vendor/
		}
		switch {
		case explainedStatically(words, forcedVendor):
		case strings.Contains(words, "inconsistent vendoring"):
			add("vendor-inconsistent", "vendor/modules.txt disagrees with go.mod, so the go command refuses to load this module, and gopls shows nothing but this error: "+firstParagraph(words),
				"", textpos.Range{}, vendor)
		case strings.Contains(words, "missing go.sum entry"):
			add("gosum-missing", "go.sum lacks an entry the build needs, and the go command will not add it by itself: "+withoutHint(words),
				file, rng, runGoFix(modDir, "mod", "tidy"))
		case strings.Contains(words, "no required module provides package"):
			pkg := importPathIn(words, "no required module provides package ")
			fixes := []fix.Fix{}
			if pkg != "" {
				fixes = append(fixes, runGoFix(modDir, "get", pkg))
			}
			add("missing-requirement", fmt.Sprintf("No module this one requires provides %s: the build and gopls cannot find it (%s).", pkg, withoutHint(words)),
				file, rng, fixes...)
		case strings.Contains(words, "module lookup disabled by GOPROXY=off"):
			if userProxyOff {
				return // goproxy-unusable: the user's GOPROXY=off is the cause
			}
			what := "A module this build needs"
			if pkg != "" {
				what = "The module that provides " + pkg
			}
			add("load-error", what+" is not in the module cache, and gomend loads offline, as gopls does after its first load: "+oneLine(words),
				file, rng, runGoFix(modDir, "mod", "download"))
		default:
			add("load-error", words, file, rng)
		}
	}
	if res.Fatal != "" {
		classify(res.Fatal, "", "")
	}
	for _, e := range res.Errors {
		classify(e.Msg, e.Pos, e.Package)
	}
	if res.Truncated > 0 {
		add("load-error", fmt.Sprintf("The go command reported %d more errors in this module; gomend shows the first %d.", res.Truncated, gocmd.MaxErrors), "", textpos.Range{})
	}
}

// explainedStatically reports an error a static check already reports.
func explainedStatically(words string, forcedVendor bool) bool {
	switch {
	case strings.Contains(words, "replacement directory") && strings.Contains(words, "does not exist"): // replace-missing-dir
		return true
	case strings.Contains(words, "requires go >=") && strings.Contains(words, "GOTOOLCHAIN"): // toolchain-too-old
		return true
	case strings.Contains(words, "errors parsing go.mod") || strings.Contains(words, "errors parsing go.work"): // gomod-syntax, gowork-use-missing
		return true
	case strings.Contains(words, "listed in go.work file"): // gowork-use-missing
		return true
	case strings.Contains(words, "modules listed in go.work"): // gowork-missing-module: a module go.work leaves out
		return true
	case forcedVendor && strings.Contains(words, "vendor"): // goflags-conflict
		return true
	case strings.Contains(words, "build cache") || strings.Contains(words, "GOCACHE") || strings.Contains(words, "GOMODCACHE"): // cache-unwritable
		return true
	case strings.Contains(words, "reading go.work") || strings.Contains(words, "GOWORK"): // gowork-invalid, gowork-off
		return true
	}
	return false
}

// goPosRE finds a "file:line:col: " position at the start of the go
// command's words (go.mod errors name their line that way).
var goPosRE = regexp.MustCompile(`(?m)^(?:go: )?(/[^:\n]+|[A-Za-z]:\\[^:\n]+):(\d+)(?::(\d+))?: `)

// errorAnchor is where an error points: the import spec at pos, else a
// position the words name, else nowhere ("" file: the go.mod).
func errorAnchor(snap *workspace.Snapshot, pos, words string) (string, textpos.Range) {
	if pos == "" {
		if m := goPosRE.FindStringSubmatch(words); m != nil {
			pos = m[1] + ":" + m[2]
			if m[3] != "" {
				pos += ":" + m[3]
			}
		}
	}
	file, line, col, ok := gocmd.SplitPos(pos)
	if !ok || line < 1 {
		return "", textpos.Range{}
	}
	content, err := snap.ReadFile(file)
	if err != nil {
		return "", textpos.Range{}
	}
	m := textpos.NewMapper(content)
	start, end, ok := m.LineSpan(line - 1)
	if !ok {
		return "", textpos.Range{}
	}
	text := string(content[start:end])
	// An import spec: underline the quoted path at (or after) col.
	from := 0
	if col > 1 && col-1 < len(text) {
		from = col - 1
	}
	if q := strings.IndexAny(text[from:], "\"`"); q >= 0 {
		q += from
		if r := strings.IndexByte(text[q+1:], text[q]); r >= 0 {
			return file, m.Range(start+q, start+q+r+2)
		}
	}
	trimmed := strings.TrimSpace(text)
	lead := strings.Index(text, trimmed)
	return file, m.Range(start+lead, start+lead+len(trimmed))
}

// importPathIn is the import path after prefix in words ("…package x; …").
func importPathIn(words, prefix string) string {
	_, after, ok := strings.Cut(words, prefix)
	if !ok {
		return ""
	}
	return strings.TrimRight(strings.Fields(after + " ")[0], ";:,")
}

// firstParagraph is the go command's message up to its first blank line
// (what follows is advice: "To sync the vendor directory, run: …").
func firstParagraph(s string) string {
	para, _, _ := strings.Cut(s, "\n\n")
	return oneLine(para)
}

// withoutHint drops the go command's "; to add it: go get …" advice,
// which the fix replaces (and which names the wrong module for go.sum).
func withoutHint(s string) string {
	if i := strings.Index(s, "; to add"); i >= 0 {
		s = s[:i]
	}
	return oneLine(s)
}

// oneLine joins the go command's lines ("…; to add it:\n\tgo get x").
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// goCommandChecks returns a rule body that reports the check's share of
// the loaded findings.
func goCommandChecks(id string) func(context.Context, *workspace.Snapshot) []Finding {
	return func(ctx context.Context, snap *workspace.Snapshot) []Finding {
		return loadFindings(ctx, snap)[id]
	}
}

// checkUntrustedWorkspace says, once, that the go-command checks were
// skipped. It has no file: the editor shows it in the status bar.
func checkUntrustedWorkspace(ctx context.Context, snap *workspace.Snapshot) []Finding {
	if !snap.Untrusted() {
		return nil
	}
	var skipped []string
	for _, r := range Rules {
		if r.NeedsGo {
			skipped = append(skipped, r.ID)
		}
	}
	return []Finding{{Message: "The workspace is not trusted, so the checks that run the go command were skipped (" + strings.Join(skipped, ", ") +
		"). Trust the workspace to run them.", Source: "workspace trust"}}
}
