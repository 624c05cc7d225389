package diagnostics

// What a gopls trace shows, named. The same root error reaches a trace
// several times (a log message, a progress report, a diagnostic, a
// showMessage): each cause is reported once, on its first line. gopls's
// own advice is not repeated when the trace shows it is wrong (a
// symlinked folder, GOFLAGS forcing vendor mode, a folder of several
// modules), and its own GOPROXY=off is never taken for the user's.

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/gomend/gomend/internal/goplstrace"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// slowLoad is when an initial workspace load counts as slow (CHECKS.md).
const slowLoad = 10 // seconds

type traceAnalysis struct {
	snap *workspace.Snapshot
	path string
	sum  *goplstrace.Summary
	out  []traceFinding
	seen map[string]bool // check ID + cause, reported once
	// loadFailed is set once a load failure was reported: files orphaned
	// by it are its consequence, not a separate problem.
	loadFailed bool
	// generic are the messages of findings that name no cause, dropped
	// when another finding does.
	generic map[string]bool
	lines   *textpos.Mapper // the trace's text, when small enough for ranges
	// modulesOff: GO111MODULE=off explains the failures that follow.
	modulesOff bool
	// layoutNamed: the folder's modules (found from gopls's own
	// messages) explain "outside of a module" and the orphaned files.
	layoutNamed bool
}

func (a *traceAnalysis) run() []traceFinding {
	a.seen, a.generic = map[string]bool{}, map[string]bool{}
	sum := a.sum
	if sum.Records == 0 || sum.Format == goplstrace.FormatUnknown {
		a.add(evidenceUnrecognized, "trace-unrecognized", 1, fmt.Sprintf(
			"gomend read %d lines of this file but found no gopls trace record or log line in them (%s). It reads gopls's -rpc.trace output, the VS Code \"gopls (server)\" and \"gopls\" output channels, and gopls's stderr: see docs/traces.md.",
			sum.Lines, traceSummaryFormat(sum)), nil)
		return a.out
	}
	a.versions()
	a.views()
	a.modulesInFolder()
	a.loadErrors()
	a.orphans()
	a.crashes()
	a.slowLoads()
	if sum.Truncated {
		a.add(evidenceUnrecognized, "trace-unrecognized", sum.Lines, "The trace ends in the middle of a record: gomend read it up to there.", nil)
	}
	a.dropExplained()
	return a.out
}

// dropExplained removes the generic "no required module provides package"
// finding once the trace named its cause (a folder of several modules, a
// replace pointing nowhere, a nested module).
func (a *traceAnalysis) dropExplained() {
	named := false
	for _, f := range a.out {
		if f.kind == evidenceLoad && f.Check != "trace-load-failed" && f.Check != "gopls-unsupported" {
			named = true
		}
	}
	if !named {
		return
	}
	out := a.out[:0]
	for _, f := range a.out {
		if !a.generic[f.Message] {
			out = append(out, f)
		}
	}
	a.out = out
}

// add records a finding once per check and cause.
func (a *traceAnalysis) add(kind evidenceKind, id string, line int, msg string, related []Related, cause ...string) {
	key := id + "\x00" + strings.Join(cause, "\x00")
	if len(cause) == 0 {
		key += "\x00" + msg
	}
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	f := Finding{Check: id, File: a.path, Range: a.lineRange(line), Source: "gopls trace", Message: msg, Related: related}
	if r := Lookup(id); r != nil {
		f.Severity = r.Severity
	}
	a.out = append(a.out, traceFinding{kind, f})
}

// lineRange underlines the whole of a trace's line when the trace is
// small enough to read again (an editor shows it); a big one gets the
// line's start (its text is not kept).
func (a *traceAnalysis) lineRange(n int) textpos.Range {
	if a.lines == nil && a.sum.Lines <= maxUnderlinedLines {
		if data, err := a.snap.ReadFile(a.path); err == nil {
			a.lines = textpos.NewMapper(data)
		}
	}
	if a.lines == nil || n < 1 || n > a.lines.LineCount() {
		return traceLine(n)
	}
	return a.lines.LineRange(n - 1)
}

// maxUnderlinedLines bounds the traces read a second time for ranges.
const maxUnderlinedLines = 50000

// --- versions ---

// versions compares the gopls that wrote the trace with the Go it runs
// and the go lines it was shown: a gopls built with an older Go than a
// module's go line answers nothing for it, without a word (v0.14.2).
func (a *traceAnalysis) versions() {
	srv := a.sum.Server
	if srv == nil || srv.GoVersion == "" {
		return
	}
	built := langVersion(srv.GoVersion)
	if built == "" {
		return
	}
	goCmd := "" // the go command's language version, from a view
	for _, v := range a.sum.Views {
		if m := goVersionRE.FindStringSubmatch(v.Value.GoVersion); m != nil {
			goCmd = m[1]
		}
	}
	for _, o := range a.sum.Opened {
		want := goLineOf(o.Value.Text)
		// A go line beyond the go command too is toolchain-too-old's.
		if want != "" && compareGo(want, built) > 0 && goCmd != "" && compareGo(want, goCmd) <= 0 {
			a.add(evidenceLoad, "gopls-unsupported", a.sum.ServerLine, fmt.Sprintf(
				"This gopls (%s) was built with %s, older than the go %s of %s: %s. Install a gopls built with a current Go.",
				srv.GoplsVersion, srv.GoVersion, want, goplstrace.URIToPath(o.Value.URI), olderBuildEffect(built, want)), nil, "built-with", want)
			return
		}
	}
	for _, v := range a.sum.Views {
		if m := goVersionRE.FindStringSubmatch(v.Value.GoVersion); m != nil && srv.GoplsVersion != "" {
			var minor int
			if _, err := fmt.Sscanf(m[1], "1.%d", &minor); err == nil {
				if last, dropped := goplsDropsGo(srv.GoplsVersion, minor); dropped {
					a.add(evidenceLoad, "gopls-unsupported", v.Line, fmt.Sprintf(
						"gopls %s runs with Go %s (the go command of this view), which it no longer supports: upgrade Go, or install gopls %s.",
						srv.GoplsVersion, m[1], last), nil, "policy")
				}
			}
		}
	}
}

var goVersionRE = regexp.MustCompile(`go(1\.\d+)`)

// goLineOf is the go line's version in a go.mod or go.work text.
func goLineOf(text string) string {
	for _, line := range strings.Split(text, "\n") {
		if f := strings.Fields(line); len(f) == 2 && f[0] == "go" {
			return f[1]
		}
	}
	return ""
}

// --- views ---

// views reasons over the views gopls created: the layout and environment
// a trace shows even when gopls says nothing is wrong.
func (a *traceAnalysis) views() {
	byDir := map[string][]goplstrace.Located[goplstrace.View]{}
	for _, v := range a.sum.Views {
		byDir[v.Value.Directory] = append(byDir[v.Value.Directory], v)
	}
	dirs := make([]string, 0, len(byDir))
	for d := range byDir {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, dir := range dirs {
		vs := byDir[dir]
		first := vs[0]
		// Old gopls (v0.14 "go info for" blocks) names no view type: its
		// failure to load says the same.
		adHoc := first.Value.ViewType == "AdHoc" || first.Value.ViewType == "" && a.says("outside of a module")
		if adHoc && first.Value.Env["GO111MODULE"] == "off" {
			a.modulesOff = true
			a.add(evidenceLoad, "gomodule-off", first.Line, fmt.Sprintf(
				"gopls loads %s without modules (view_type=\"AdHoc\") because GO111MODULE is off in its environment (env GO111MODULE:off): with a go.mod, imports of the module's packages are looked up in GOROOT and GOPATH and fail (\"cannot find package … in GOROOT\"), and no message says why.",
				dir), a.envRelated(dir, "GO111MODULE"), dir)
			continue
		}
		var roots []string
		for _, v := range vs {
			if v.Value.ViewType == "GoMod" && v.Value.RootDir != "" {
				roots = append(roots, v.Value.RootDir)
			}
		}
		switch {
		case first.Value.ViewType == "AdHoc" && len(roots) >= 1:
			// The folder is no module, but holds modules gopls found one
			// open file at a time (03).
			a.add(evidenceLoad, "multi-module-no-gowork", first.Line, fmt.Sprintf(
				"gopls found no module at %s (view_type=\"AdHoc\"), then created a separate view for each module of a file you opened (%s): the folder holds several modules and no go.work, so each is built alone and imports between them fail (\"no required module provides package\"). A go.work that uses them all fixes it.",
				dir, strings.Join(relAll(dir, roots), ", ")), a.folderRelated(dir), dir)
		case len(roots) >= 2 && nested(roots):
			// A module nested in another, as separate views (13).
			a.add(evidenceLoad, "multi-module-no-gowork", vs[1].Line, fmt.Sprintf(
				"gopls created one view per module under %s (%s): a module nested inside another is a separate module, and without a go.work the outer one cannot import its packages (\"no required module provides package\"). A go.work that uses both fixes it.",
				dir, strings.Join(relAll(dir, roots), ", ")), a.folderRelated(dir), dir)
		case first.Value.ViewType == "AdHoc" && a.noModuleAt(dir):
			a.add(evidenceLoad, "no-module", first.Line, fmt.Sprintf(
				"gopls found no go.mod at or above %s (view_type=\"AdHoc\"): each directory is loaded on its own, imports of its other packages fail (\"cannot find package … in GOROOT\"), and no message says a go.mod is missing.",
				dir), a.folderRelated(dir), "no-module")
		case first.Value.ViewType == "AdHoc" && a.says("cannot find package"):
			// Without the workspace at hand (08): an ad-hoc view whose
			// imports are looked up in GOROOT is a folder without go.mod.
			a.add(evidenceLoad, "no-module", first.Line, fmt.Sprintf(
				"gopls loads %s without a module (view_type=\"AdHoc\") and looks its imports up in GOROOT (\"cannot find package … in GOROOT\"): the folder very likely has no go.mod at or above it. Create one (go mod init), or open the module's root.",
				dir), nil, "no-module")
		}
		for _, v := range vs {
			for _, kv := range v.Value.EnvOverlay {
				if kv == "GOWORK=off" {
					// gopls healed a module its go.work leaves out (17).
					a.add(evidenceLoad, "gowork-missing-module", v.Line, fmt.Sprintf(
						"gopls created a separate view for %s with GOWORK=off (env_overlay=[GOWORK=off]): the go.work above it does not use this module, so gopls builds it on its own and the go command refuses to build there. Add it to the go.work's use list.",
						v.Value.RootDir), a.folderRelated(v.Value.RootDir), v.Value.RootDir)
				}
			}
		}
	}
	a.symlinkedFolders()
}

// says reports whether any diagnostic or error log of the trace contains
// text.
func (a *traceAnalysis) says(text string) bool {
	for _, d := range a.sum.Diagnostics {
		for _, it := range d.Value.Items {
			if strings.Contains(it.Message, text) {
				return true
			}
		}
	}
	for _, l := range a.sum.Logs {
		if strings.Contains(l.Value.Message, text) {
			return true
		}
	}
	for _, p := range a.sum.Progress {
		if strings.Contains(p.Value.Message, text) {
			return true
		}
	}
	return false
}

// modulesInFolder: old gopls says of each open file "This file is within
// module "svc-a", which is not included in your workspace" — two modules
// inside the folder and no go.work (v0.14's words for corpus 03).
func (a *traceAnalysis) modulesInFolder() {
	inside := map[string]bool{}
	first := 0
	var names []string
	for _, d := range a.sum.Diagnostics {
		for _, it := range d.Value.Items {
			m := withinModuleRE.FindStringSubmatch(it.Message)
			if m == nil || strings.HasPrefix(m[1], "..") || filepath.IsAbs(m[1]) || m[1] == "." || inside[m[1]] {
				continue
			}
			inside[m[1]] = true
			names = append(names, m[1])
			if first == 0 {
				first = d.Line
			}
		}
	}
	if len(names) < 2 {
		return
	}
	a.layoutNamed = true
	sort.Strings(names)
	folder := ""
	if a.sum.Init != nil && len(a.sum.Init.Folders) > 0 {
		folder = a.sum.Init.Folders[0].Path
	}
	a.add(evidenceLoad, "multi-module-no-gowork", first, fmt.Sprintf(
		"gopls says the open files are in modules %s, none of them part of the workspace: the folder %s holds several modules and no go.work, so gopls loads none of them. A go.work that uses them all fixes it.",
		strings.Join(names, ", "), orUnknownFile(folder)), a.folderRelated(folder), folder)
}

// nested reports whether one root lies inside another.
func nested(roots []string) bool {
	for _, r := range roots {
		for _, q := range roots {
			if r != q && hostfs.StrictlyWithin(q, r) {
				return true
			}
		}
	}
	return false
}

func relAll(base string, paths []string) []string {
	out := make([]string, 0, len(paths))
	for _, p := range paths {
		if rel, err := filepath.Rel(base, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// noModuleAt reports a directory with no go.mod at or above it, when the
// workspace is at hand (false when it cannot tell).
func (a *traceAnalysis) noModuleAt(dir string) bool {
	if !a.snap.DirExists(dir) {
		return false
	}
	return a.snap.NearestModFile(dir) == "" && a.snap.Nearest(dir, "go.work") == ""
}

// symlinkedFolders: a folder the client sent through a symlink (the trace
// cannot show it; the file system can).
func (a *traceAnalysis) symlinkedFolders() {
	init := a.sum.Init
	if init == nil {
		return
	}
	paths := []string{}
	for _, f := range init.Folders {
		paths = append(paths, f.Path)
	}
	if len(paths) == 0 && init.RootURI != "" {
		paths = append(paths, goplstrace.URIToPath(init.RootURI))
	}
	for _, p := range paths {
		if p == "" || !a.snap.DirExists(p) {
			continue
		}
		real, links, err := a.snap.Links(p)
		if err != nil || len(links) == 0 {
			continue
		}
		a.add(evidenceLoad, "folder-via-symlink", a.sum.InitLine, fmt.Sprintf(
			"The editor opened %s, which is a symlink to %s: gopls compares paths as text and never resolves symlinks, while the go command reports real paths, so files opened by their real path are orphaned and gopls's advice to add a go.work does not help. Open %s instead.",
			p, real, real), nil, p)
	}
}

// --- load errors ---

// loadErrors classifies every error text the trace carries.
func (a *traceAnalysis) loadErrors() {
	type text struct {
		line int
		msg  string
	}
	var texts []text
	for _, l := range a.sum.Loads {
		if l.Value.Err != "" {
			texts = append(texts, text{l.Line, l.Value.Err})
		}
	}
	for _, l := range a.sum.Logs {
		texts = append(texts, text{l.Line, l.Value.Message})
	}
	for _, m := range a.sum.Messages {
		if m.Value.Type == 1 || m.Value.Type == 2 {
			texts = append(texts, text{m.Line, m.Value.Message})
		}
	}
	for _, p := range a.sum.Progress {
		texts = append(texts, text{p.Line, p.Value.Title + ": " + p.Value.Message})
	}
	for _, d := range a.sum.Diagnostics {
		for _, it := range d.Value.Items {
			texts = append(texts, text{d.Line, it.Message})
		}
	}
	sort.SliceStable(texts, func(i, j int) bool { return texts[i].line < texts[j].line })
	for _, t := range texts {
		a.classify(t.line, t.msg)
	}
}

// goErrorRule maps the go command's (or gopls's) words to a check.
type goErrorRule struct {
	id    string
	match func(msg string) bool
	// envVar is the variable whose setting is the fix, for the related
	// location.
	envVar string
	why    string
}

func hasAll(subs ...string) func(string) bool {
	return func(msg string) bool {
		for _, s := range subs {
			if !strings.Contains(msg, s) {
				return false
			}
		}
		return true
	}
}

func anyOf(fs ...func(string) bool) func(string) bool {
	return func(msg string) bool {
		for _, f := range fs {
			if f(msg) {
				return true
			}
		}
		return false
	}
}

var goErrorRules = []goErrorRule{
	{"cache-unwritable", anyOf(hasAll("failed to initialize build cache"), hasAll("build cache is disabled by GOCACHE=off")), "GOCACHE",
		"the go command cannot use its build cache, so every load fails"},
	{"cache-unwritable", hasAll("could not create module cache"), "GOMODCACHE",
		"the go command cannot create its module cache, so every load fails"},
	{"replace-missing-dir", hasAll("replacement directory", "does not exist"), "",
		"a replace directive points at a directory that does not exist; gopls shows only \"no required module provides package\" on the import"},
	{"gowork-use-missing", anyOf(hasAll("listed in go.work file"), hasAll("does not contain a module")), "",
		"go.work uses a directory that holds no module, so the workspace does not load"},
	{"gowork-invalid", hasAll("reading go.work"), "GOWORK",
		"GOWORK names a go.work file that cannot be read"},
	{"gomod-syntax", anyOf(hasAll("unknown directive"), hasAll("errors parsing go.mod")), "",
		"go.mod does not parse"},
	{"toolchain-too-old", anyOf(hasAll("requires go >=", "GOTOOLCHAIN=local"), hasAll("download go1.")), "GOTOOLCHAIN",
		"go.mod asks for a Go this machine does not have, and the go command cannot switch to it"},
	{"goflags-conflict", hasAll("parsing $GOFLAGS"), "GOFLAGS",
		"GOFLAGS holds something the go command refuses, so every command fails"},
	{"goroot-invalid", anyOf(hasAll("cannot find GOROOT directory"), hasAll("is not in std ("), hasAll("no such tool \"compile\"")), "GOROOT",
		"GOROOT does not name the go command's own Go tree"},
	{"go-not-found", anyOf(hasAll("go command required, not found"), hasAll(`exec: "go": executable file not found`)), "PATH",
		"gopls's PATH holds no go command"},
	// x/sys/execabs's words: a go found only through a relative PATH entry,
	// or (gopls ≤ v0.11 built with Go 1.19 or later, corpus v0.11.0 22)
	// no go on the PATH at all, which that execabs misreads.
	{"go-not-found", hasAll("go resolves to executable in current directory"), "PATH",
		"gopls's PATH holds no go command it will run (the words mean that a go was found only in the current directory, which Go refuses to run — or, from a gopls built with Go 1.19 or later and an older golang.org/x/sys, that there is no go on the PATH at all)"},
	{"path-special-chars", hasAll("malformed import path"), "",
		"a directory name is not allowed in an import path, so its package cannot be imported"},
}

// classify names the cause of one error text, once.
func (a *traceAnalysis) classify(line int, msg string) {
	msg = strings.TrimSpace(msg)
	if msg == "" {
		return
	}
	words := goWords(msg)
	for _, r := range goErrorRules {
		if r.match(msg) {
			a.loadFailed = true
			a.add(evidenceLoad, r.id, line, fmt.Sprintf("The trace shows that %s: %s", r.why, words), a.envRelatedAny(r.envVar), r.id)
			return
		}
	}
	switch {
	case strings.Contains(msg, "nconsistent vendoring"):
		a.loadFailed = true
		if flags := a.viewEnv("GOFLAGS"); strings.Contains(flags, "-mod=vendor") {
			// gopls advises "go mod vendor"; the cause is GOFLAGS (10a).
			a.add(evidenceLoad, "goflags-conflict", line, fmt.Sprintf(
				"gopls says to re-run go mod vendor, but the trace shows GOFLAGS=%s in gopls's environment: it forces vendor mode on a module that does not vendor its requirements. Remove -mod=vendor from GOFLAGS instead. (%s)", flags, words),
				a.envRelatedAny("GOFLAGS"), "vendor")
			return
		}
		a.add(evidenceLoad, "vendor-inconsistent", line, "The trace shows that vendor/modules.txt disagrees with go.mod, so the go command refuses to load the module: run go mod vendor. ("+words+")", nil, "vendor")
	case strings.Contains(msg, "module lookup disabled by GOPROXY=off"):
		// gopls runs every load after its first with GOPROXY=off: this is
		// not the user's setting.
		a.add(evidenceLoad, "trace-load-failed", line,
			"A module is not in the module cache: gopls loads with GOPROXY=off after its first load (its own setting, not yours), so it cannot download it. Run go mod download in the module. ("+words+")", nil, "not-cached")
	case strings.Contains(msg, "You are outside of a module"):
		// Old gopls's words for an ad-hoc workspace: the cause is what
		// the views (GO111MODULE=off) or the modules in the folder show,
		// else no go.mod at all.
		if a.modulesOff || a.layoutNamed {
			return
		}
		a.loadFailed = true
		a.outsideModule(line, words)
	case strings.Contains(msg, "go.mod file not found in current directory"):
		a.loadFailed = true
		a.add(evidenceLoad, "no-module", line, "The trace shows the go command in module mode finding no go.mod ("+words+"): create one, or, for a GOPATH project, leave GO111MODULE unset.", a.envRelatedAny("GO111MODULE"), "no-module")
	case strings.Contains(msg, "no required module provides package"):
		// Seven different causes say this (corpus README §5).
		generic := fmt.Sprintf(
			"gopls says %q. The trace does not say why: a replace pointing nowhere, a missing go.sum entry, a module not downloaded, a module nested in another, a renamed module path and a folder of several modules all read the same. %s",
			oneLine(words), a.checkAdvice())
		a.generic[generic] = true
		a.add(evidenceLoad, "trace-load-failed", line, generic, nil, "no-required-module")
	case strings.Contains(msg, "packages.Load error") || strings.Contains(msg, "initial workspace load failed") ||
		strings.HasPrefix(msg, "Error loading workspace") || strings.Contains(msg, "failed to load view") ||
		strings.Contains(msg, "GOPACKAGESDRIVER") || strings.Contains(msg, "gopackagesdriver"):
		a.loadFailed = true
		a.add(evidenceLoad, "trace-load-failed", line, "gopls could not load the workspace: "+words, nil, normalizeLoadError(words))
	}
}

// goplsWrappers are the prefixes gopls puts before the go command's words,
// in any order and nesting (corpus README §3, "failure chain").
var goplsWrappers = regexp.MustCompile(`^(?:go/packages\.Load #\d+: |initial workspace load failed: |packages\.Load error: |MetadataForFile: |errors loading workspace: |Error loading workspace: |Error loading packages: |initialization failed: |err: (?:exit status \d+: )?|stderr: |: )+`)

// goWords strips gopls's wrapping ("packages.Load error: err: exit status
// 1: stderr: …") down to what the go command said, on one line.
func goWords(msg string) string {
	msg = strings.TrimSpace(oneLine(msg))
	if _, after, ok := strings.Cut(msg, "stderr: "); ok && strings.TrimSpace(after) != "" {
		msg = after
	}
	msg = strings.TrimSuffix(msg, ": stderr") // an empty one
	return strings.TrimRight(goplsWrappers.ReplaceAllString(msg, ""), ": ")
}

// normalizeLoadError is the cause a load error is reported once for.
func normalizeLoadError(words string) string {
	return strings.TrimRight(goplsWrappers.ReplaceAllString(words, ""), ": ")
}

// checkAdvice tells the user how to find a cause the trace cannot show.
func (a *traceAnalysis) checkAdvice() string {
	if len(a.snap.Folders()) > 0 {
		return "gomend's checks of the workspace (reported beside this) name the cause."
	}
	return "Run gomend check --trace on the workspace itself: it checks the files and names the cause."
}

// viewEnv is a variable of the first view that sets it.
func (a *traceAnalysis) viewEnv(key string) string {
	for _, v := range a.sum.Views {
		if val := v.Value.Env[key]; val != "" {
			return val
		}
	}
	return ""
}

// --- orphaned files ---

var (
	withinModuleRE = regexp.MustCompile(`This file is within module "([^"]*)", which is not included in your workspace`)
	noPackagesRE   = regexp.MustCompile(`No packages found for open file (\S+?)\.?(\s|$)`)
	noActiveRE     = regexp.MustCompile(`No active builds contain (\S+?):`)
)

// orphans reasons over files gopls found no package for.
func (a *traceAnalysis) orphans() {
	for _, d := range a.sum.Diagnostics {
		file := goplstrace.URIToPath(d.Value.URI)
		for _, it := range d.Value.Items {
			a.orphan(d.Line, file, it.Message)
		}
	}
	for _, l := range a.sum.Logs {
		a.orphan(l.Line, "", l.Value.Message)
	}
}

func (a *traceAnalysis) orphan(line int, file, msg string) {
	switch {
	case withinModuleRE.MatchString(msg):
		mod := withinModuleRE.FindStringSubmatch(msg)[1]
		if a.layoutNamed && !strings.HasPrefix(mod, "..") {
			return // the folder's modules, reported as a layout above
		}
		if a.orphanViaSymlink(line, file, mod) {
			return
		}
		msg := fmt.Sprintf("gopls says %s is in module %q, which is not in the workspace, and suggests a go.work.", orUnknownFile(file), mod)
		if strings.HasPrefix(mod, "../") && a.sum.Init != nil && len(a.sum.Init.Folders) > 0 {
			folder := a.sum.Init.Folders[0].Path
			msg += fmt.Sprintf(" If the folder %s is a symlink to %s (the usual cause of exactly this message), a go.work would not help: open %s as the folder instead. A trace cannot show symlinks; gomend check --trace, run on the folder, resolves them.",
				folder, filepath.Join(folder, filepath.FromSlash(mod)), filepath.Join(folder, filepath.FromSlash(mod)))
		} else {
			msg += " Open that module's folder too, or add it to a go.work that uses it."
		}
		a.add(evidenceOrphan, "trace-orphaned-file", line, msg, nil, file)
	case strings.Contains(msg, "excluded due to its build tags"):
		a.add(evidenceOrphan, "trace-orphaned-file", line, fmt.Sprintf(
			"gopls found no package for %s: its build constraints exclude it from the default build. Add the tag to gopls's build.buildFlags (for example \"-tags=integration\") to work on it.",
			orUnknownFile(file)), nil, file)
	case noPackagesRE.MatchString(msg) || noActiveRE.MatchString(msg):
		if a.loadFailed || a.modulesOff || a.layoutNamed {
			return // the consequence of a load failure reported above
		}
		if file == "" {
			if m := noPackagesRE.FindStringSubmatch(msg); m != nil {
				file = m[1]
			} else if m := noActiveRE.FindStringSubmatch(msg); m != nil {
				file = m[1]
			}
		}
		a.add(evidenceOrphan, "trace-orphaned-file", line, fmt.Sprintf(
			"gopls found no package for %s: it lies outside every module and folder of the workspace. Open its module (or its directory) as a workspace folder.",
			orUnknownFile(file)), nil, file)
	}
}

func orUnknownFile(f string) string {
	if f == "" {
		return "an open file"
	}
	return f
}

// orphanViaSymlink: gopls says the file is in "../real/proj", outside the
// folder — but that directory is where the folder's symlink leads, so the
// file was opened by its real path and the folder by the link (04b).
func (a *traceAnalysis) orphanViaSymlink(line int, file, mod string) bool {
	init := a.sum.Init
	if init == nil || mod == "" || filepath.IsAbs(mod) {
		return false
	}
	for _, f := range init.Folders {
		folder := f.Path
		if folder == "" {
			continue
		}
		moduleDir := filepath.Clean(filepath.Join(folder, filepath.FromSlash(mod)))
		real, links, err := a.snap.Links(folder)
		if err != nil || len(links) == 0 || real != moduleDir {
			continue
		}
		a.add(evidenceOrphan, "folder-via-symlink", line, fmt.Sprintf(
			"gopls says %s is in module %q, not in the workspace, and suggests a go.work. The real cause: the folder %s is a symlink to %s, and this file was opened by its real path; gopls compares paths as text. Open %s as the folder (and the file through it); a go.work would not help.",
			orUnknownFile(file), mod, folder, real, real), nil, folder)
		return true
	}
	return false
}

// --- crashes and slow loads ---

func (a *traceAnalysis) crashes() {
	for _, c := range a.sum.Crashes {
		text := strings.TrimRight(firstLineOf(c.Value), ".")
		a.add(evidenceCrash, "trace-server-crash", c.Line, "gopls crashed or lost its connection: "+text+
			". Restart the language server; if it happens again, report it to the Go team with this trace.", nil, text)
	}
}

func firstLineOf(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func (a *traceAnalysis) slowLoads() {
	for _, l := range a.sum.Loads {
		// Only the initial workspace load (#1 of its session): later
		// loads are of one file or package.
		if l.Value.ID != "1" || l.Value.Duration.Seconds() <= slowLoad {
			continue
		}
		a.add(evidenceSlow, "trace-slow-load", l.Line, fmt.Sprintf(
			"gopls's load #%s of %s took %s (%d packages): until it ends, gopls answers little. Exclude directories it need not load with gopls's build.directoryFilters, or open a smaller folder.",
			l.Value.ID, l.Value.Directory, l.Value.Duration.Round(100*1e6), l.Value.Packages), nil, "slow")
	}
}

// --- related configuration lines ---

// envRelatedAny is where a variable is set in any folder's settings, when
// the workspace is at hand.
func (a *traceAnalysis) envRelatedAny(key string) []Related {
	if key == "" {
		return nil
	}
	for _, f := range a.snap.Folders() {
		if r := a.envRelatedIn(f, key); r != nil {
			return r
		}
	}
	return nil
}

func (a *traceAnalysis) envRelated(dir, key string) []Related {
	for _, f := range a.snap.Folders() {
		if hostfs.Within(f.Path, dir) || hostfs.Within(dir, f.Path) {
			return a.envRelatedIn(f, key)
		}
	}
	return nil
}

func (a *traceAnalysis) envRelatedIn(f workspace.Folder, key string) []Related {
	v, ok := envOf(a.snap, f).gopls.Lookup(key)
	if !ok || !v.Source.Settings() {
		return nil
	}
	content, err := a.snap.ReadFile(v.Source.File)
	if err != nil || v.Source.End > len(content) {
		return nil
	}
	return []Related{{File: v.Source.File, Range: textpos.NewMapper(content).Range(v.Source.Start, v.Source.End),
		Message: key + " is set here (" + v.Source.Kind + ")"}}
}

// folderRelated is the go.mod or go.work of a directory the trace names,
// when the workspace is at hand.
func (a *traceAnalysis) folderRelated(dir string) []Related {
	for _, f := range a.snap.Folders() {
		if f.Path != dir && !hostfs.Within(f.Path, dir) {
			continue
		}
		if an, ok := goAnchor(a.snap, workspace.Folder{Path: dir}); ok {
			return []Related{{File: an.file, Range: an.rng, Message: "this folder's " + an.source}}
		}
	}
	return nil
}

// outsideModule reads old gopls's "You are outside of a module" (v0.11,
// and v0.14 without its per-file module names): there is no go.mod at or
// above the folder. When the files gopls reported on lie in
// subdirectories, those may be modules of their own (corpus 03): the
// file system says so when the workspace is at hand; else the trace is
// silent about it, and the message says so rather than guess.
func (a *traceAnalysis) outsideModule(line int, words string) {
	folder := a.firstFolder()
	subdirs := a.reportedSubdirs(folder)
	var mods []string
	for _, d := range subdirs {
		if mod := a.snap.NearestModFile(filepath.Join(folder, d)); mod != "" && hostfs.StrictlyWithin(folder, filepath.Dir(mod)) {
			if rel, err := filepath.Rel(folder, filepath.Dir(mod)); err == nil && !slices.Contains(mods, rel) {
				mods = append(mods, rel)
			}
		}
	}
	switch {
	case len(mods) >= 2 && a.snap.Nearest(folder, "go.work") == "":
		a.layoutNamed = true
		sort.Strings(mods)
		a.add(evidenceLoad, "multi-module-no-gowork", line, fmt.Sprintf(
			"gopls says %s is \"outside of a module\", and the files it reported on are in modules %s: the folder holds several modules and no go.work, so gopls loads none of them. A go.work that uses them all fixes it.",
			folder, strings.Join(mods, ", ")), a.folderRelated(folder), folder)
	case len(subdirs) > 0 && len(mods) == 0:
		a.add(evidenceLoad, "trace-load-failed", line, fmt.Sprintf(
			"gopls says the folder %s is \"outside of a module\" (no go.mod at or above it), and the files it reported on are below it, in %s. The trace does not show whether those directories hold modules of their own: if they do, add a go.work that uses them (go work init %s) or open one of them; if not, create a go.mod at the folder (go mod init).",
			orUnknownFile(folder), strings.Join(subdirs, ", "), dotSlashAll(subdirs)), nil, "outside-module")
	default:
		a.add(evidenceLoad, "no-module", line, "The trace shows gopls finding no module for the folder ("+words+"): create a go.mod (go mod init), or open the module's root.", nil, "no-module")
	}
}

// firstFolder is the first workspace folder the client sent, else the
// first view's directory.
func (a *traceAnalysis) firstFolder() string {
	if init := a.sum.Init; init != nil {
		if len(init.Folders) > 0 {
			return init.Folders[0].Path
		}
		if init.RootURI != "" {
			return goplstrace.URIToPath(init.RootURI)
		}
	}
	if len(a.sum.Views) > 0 {
		return a.sum.Views[0].Value.Directory
	}
	return ""
}

// reportedSubdirs are the top-level subdirectories of folder that hold
// the Go files gopls reported diagnostics on or loaded by name.
func (a *traceAnalysis) reportedSubdirs(folder string) []string {
	if folder == "" {
		return nil
	}
	var out []string
	note := func(file string) {
		rel, err := filepath.Rel(folder, filepath.Dir(file))
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
			return
		}
		top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
		if !slices.Contains(out, top) {
			out = append(out, top)
		}
	}
	for _, d := range a.sum.Diagnostics {
		if path := goplstrace.URIToPath(d.Value.URI); strings.HasSuffix(path, ".go") {
			note(path)
		}
	}
	for _, l := range a.sum.Loads {
		for _, q := range strings.Fields(strings.Trim(l.Value.Query, "[]")) {
			if file, ok := strings.CutPrefix(q, "file="); ok && strings.HasSuffix(file, ".go") {
				note(file)
			}
		}
	}
	sort.Strings(out)
	return out
}

func dotSlashAll(dirs []string) string {
	out := make([]string, len(dirs))
	for i, d := range dirs {
		out[i] = "./" + d
	}
	return strings.Join(out, " ")
}
