// go.work checks: a folder of modules without one, modules it forgets,
// use lines that point at nothing, and its go version.
package diagnostics

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

// Titles of go.work fixes are gopls's own, so users meet one vocabulary.
const (
	titleUseModule     = "Use this module in your go.work file"
	titleUseAllModules = "Use all modules in your workspace"
	titleAddGoWork     = "Add a go.work file using all modules in your workspace"
)

// defaultGoWorkVersion is the go version the go command assumes for a
// go.work without a go line (cmd/go's gover.DefaultGoWorkVersion).
const defaultGoWorkVersion = "1.18"

func checkMultiModuleNoGoWork(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		// Any go.work in effect, GOWORK=off (the user opted out; a go.work
		// would be ignored) or an unusable GOWORK (gowork-invalid) means
		// there is nothing for this check to say.
		if st := snap.GoWork(folder.Path); st.Off || st.Path != "" {
			continue
		}
		l := snap.Layout(folder.Path)
		if l == nil {
			continue
		}
		var counted []*modEntry
		for _, p := range l.ModFiles {
			m := idx.byDir[filepath.Dir(p)]
			// A module covered by a go.work nested in the folder is not left
			// out; a carve-out (no .go files) is not a module to build.
			if m == nil || !m.parsed() || !m.HasGo || m.Work.Path != "" || m.Work.Off {
				continue
			}
			counted = append(counted, m)
		}
		if len(counted) < 2 {
			continue
		}
		out = append(out, multiModuleFinding(snap, idx, folder, counted))
	}
	return out
}

func multiModuleFinding(snap *workspace.Snapshot, idx *layoutIndex, folder workspace.Folder, counted []*modEntry) Finding {
	// Anchor: the folder's root go.mod if there is one, else the shallowest.
	anchor := idx.byDir[folder.Path]
	if anchor == nil || !anchor.parsed() {
		anchor = counted[0]
		for _, m := range counted[1:] {
			if d, a := depth(m.Dir), depth(anchor.Dir); d < a || d == a && m.Dir < anchor.Dir {
				anchor = m
			}
		}
	}
	var related []Related
	var uses []string
	maxGo := ""
	for _, m := range counted {
		uses = append(uses, useDirPath(folder.Path, m.Dir))
		if v := goVersion(m.File); v != "" && (maxGo == "" || compareGo(v, maxGo) > 0) {
			maxGo = v
		}
		if m == anchor {
			continue
		}
		related = append(related, Related{
			File:    m.Path,
			Range:   moduleLineRange(m.File),
			Message: fmt.Sprintf("%s is left out: no go.work lists it", moduleName(m, folder.Path)),
		})
	}
	if maxGo == "" {
		maxGo = localLangVersion(snap)
	}
	gowork := "GOWORK is not set"
	if v, ok := snap.LookupEnv("GOWORK"); ok && v != "" {
		gowork = "GOWORK=" + v + " (from the environment)"
	}
	return Finding{
		Message: fmt.Sprintf("This folder holds %d modules and no go.work applies (%s and there is none at or above the folder): "+
			"gopls builds each module on its own, so references, renames and edits across modules are not seen.",
			len(counted), gowork),
		File:    anchor.Path,
		Range:   moduleLineRange(anchor.File),
		Source:  "go.mod",
		Related: related,
		Fixes: []fix.Fix{{
			Title:         titleAddGoWork,
			Applicability: fix.Likely,
			Changes:       []fix.FileChange{fix.Create(filepath.Join(folder.Path, "go.work"), newWorkFile(maxGo, uses))},
		}},
	}
}

func checkGoWorkMissingModule(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	// Modules each go.work forgets, in path order, for "Use all modules".
	missing := map[*workEntry][]*modEntry{}
	for _, m := range idx.mods {
		if !m.parsed() || !m.HasGo {
			continue
		}
		if w := idx.workFor(m); w != nil && !w.used[m.Dir] && !usedThroughLink(snap, w, m.Dir) {
			missing[w] = append(missing[w], m)
		}
	}
	useAll := map[*workEntry]*fix.Fix{}
	var out []Finding
	for _, m := range idx.mods {
		if ctx.Err() != nil {
			return nil
		}
		w := idx.workFor(m)
		if w == nil || !m.parsed() || !m.HasGo || w.used[m.Dir] || usedThroughLink(snap, w, m.Dir) {
			continue
		}
		var fixes []fix.Fix
		if fx, ok := useModulesFix(w, titleUseModule, []*modEntry{m}); ok {
			fixes = append(fixes, fx)
		}
		// Offered only when it does more than "Use this module".
		if len(missing[w]) > 1 {
			if _, done := useAll[w]; !done {
				useAll[w] = nil
				if fx, ok := useModulesFix(w, titleUseAllModules, missing[w]); ok {
					useAll[w] = &fx
				}
			}
			if fx := useAll[w]; fx != nil {
				fixes = append(fixes, *fx)
			}
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("Module %s is not in the use list of %s: "+
				"the go command refuses to build in this directory, and gopls quietly builds this module on its own, "+
				"so navigation across the workspace modules stops.",
				moduleName(m, m.Folder.Path), workSource(w, m.Folder.Path)),
			File:    m.Path,
			Range:   moduleLineRange(m.File),
			Source:  "go.work",
			Related: []Related{{File: w.Path, Range: workAnchor(w.File), Message: "the go.work in effect"}},
			Fixes:   fixes,
		})
	}
	return out
}

// usedThroughLink reports whether dir, reached through a symlink, is a
// directory that w uses by its real path: a folder opened through a link
// (folder-via-symlink's finding), not a module go.work forgets; "use this
// module" would list it twice. Links are resolved only for a dir that has
// some, so the common case costs one lookup.
func usedThroughLink(snap *workspace.Snapshot, w *workEntry, dir string) bool {
	real, links, err := snap.Links(dir)
	if err != nil || len(links) == 0 {
		return false
	}
	for _, u := range w.useDirs {
		if r, _, err := snap.Links(u); err == nil && r == real {
			return true
		}
	}
	return false
}

// useModulesFix adds use lines for mods to w, raising its go line when a
// module needs a newer one, as `go work use` does.
func useModulesFix(w *workEntry, title string, mods []*modEntry) (fix.Fix, bool) {
	change, err := editWork(w.Path, w.File.Content, func(wf *modfile.WorkFile) error {
		var versions []string
		for _, m := range mods {
			if err := wf.AddUse(useDirPath(w.File.Dir(), m.Dir), ""); err != nil {
				return err
			}
			versions = append(versions, goVersion(m.File))
		}
		return raiseWorkGoFor(wf, versions)
	})
	if err != nil {
		return fix.Fix{}, false
	}
	return fix.Fix{Title: title, Applicability: fix.Exact, Changes: []fix.FileChange{change}}, true
}

// raiseWorkGoFor raises go.work's go line to the highest of versions if
// that is above what go.work says (or implies, without a go line).
func raiseWorkGoFor(wf *modfile.WorkFile, versions []string) error {
	have := defaultGoWorkVersion
	if wf.Go != nil {
		have = wf.Go.Version
	}
	want := have
	for _, v := range versions {
		if v != "" && compareGo(v, want) > 0 {
			want = v
		}
	}
	if want == have {
		return nil
	}
	return raiseWorkGo(wf, want)
}

// workAnchor is where a go.work as a whole is pointed at: its first use
// line, else its go line, else line 1.
func workAnchor(w *modules.WorkFile) textpos.Range {
	if w.File != nil && len(w.File.Use) > 0 {
		return lineRange(w.Content, w.File.Use[0].Syntax)
	}
	if w.File != nil && w.File.Go != nil {
		return lineRange(w.Content, w.File.Go.Syntax)
	}
	return textpos.NewMapper(w.Content).LineRange(0)
}

func checkGoWorkUseMissing(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, p := range idx.workPaths {
		if ctx.Err() != nil {
			return nil
		}
		w := idx.works[p]
		if !w.parsed() {
			continue
		}
		for i, u := range w.File.File.Use {
			dir := w.useDirs[i]
			if idx.byDir[dir] != nil || snap.FileExists(filepath.Join(dir, "go.mod")) {
				continue
			}
			what := "which does not exist"
			if snap.DirExists(dir) {
				what = "but that directory holds no go.mod"
			}
			fixes := []fix.Fix{}
			if change, err := editWork(w.Path, w.File.Content, func(wf *modfile.WorkFile) error {
				return wf.DropUse(u.Path)
			}); err == nil {
				fixes = append(fixes, fix.Fix{Title: "Remove this use from go.work", Applicability: fix.Exact, Changes: []fix.FileChange{change}})
			}
			if m := movedModule(idx, w, dir); m != nil {
				target := useDirPath(w.File.Dir(), m.Dir)
				if change, err := editWork(w.Path, w.File.Content, func(wf *modfile.WorkFile) error {
					if i >= len(wf.Use) {
						return fmt.Errorf("use %d vanished", i)
					}
					wf.Use[i].Path = target
					if err := setLineTarget(wf.Use[i].Syntax, target); err != nil {
						return err
					}
					return raiseWorkGoFor(wf, []string{goVersion(m.File)})
				}); err == nil {
					fixes = append(fixes, fix.Fix{Title: "Use " + target + " instead", Applicability: fix.Exact, Changes: []fix.FileChange{change}})
				}
			}
			out = append(out, Finding{
				Message: fmt.Sprintf("%s uses %s, %s: the go command cannot load this workspace (\"cannot load module %s listed in go.work file\"), and gopls fails with it.",
					workLabel(w), u.Path, what, strings.TrimPrefix(u.Path, "./")),
				File:   w.Path,
				Range:  lineRange(w.File.Content, u.Syntax),
				Source: "go.work",
				Fixes:  fixes,
			})
		}
	}
	return out
}

// movedModule finds where a missing use directory went, conservatively:
// exactly one module in the workspace, not used by w, whose directory has
// the missing directory's name. (The old module path is gone with the
// directory, so the name is all there is to go on.)
func movedModule(idx *layoutIndex, w *workEntry, missing string) *modEntry {
	base := filepath.Base(missing)
	var found *modEntry
	for _, m := range idx.mods {
		if !m.parsed() || w.used[m.Dir] || filepath.Base(m.Dir) != base {
			continue
		}
		if found != nil {
			return nil
		}
		found = m
	}
	return found
}

// workLabel names a go.work in messages: "go.work", or where GOWORK put it.
func workLabel(w *workEntry) string {
	if w.FromEnv {
		return "The go.work named by GOWORK=" + w.Path + " (from the environment)"
	}
	return "go.work"
}

func checkGoWorkGoVersion(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, p := range idx.workPaths {
		if ctx.Err() != nil {
			return nil
		}
		w := idx.works[p]
		if !w.parsed() {
			continue
		}
		have, implicit := w.File.GoVersion(), false
		if have == "" {
			have, implicit = defaultGoWorkVersion, true
		}
		var top *modules.ModFile
		var topUse string
		for i, u := range w.File.File.Use {
			mf := idx.modFileIn(w.useDirs[i])
			if mf == nil || mf.File == nil || mf.GoVersion() == "" {
				continue
			}
			if top == nil || compareGo(mf.GoVersion(), top.GoVersion()) > 0 {
				top, topUse = mf, u.Path
			}
		}
		if top == nil || compareGo(top.GoVersion(), have) <= 0 {
			continue
		}
		want := top.GoVersion()
		says := "go.work says go " + have
		rng := textpos.Range{}
		if implicit {
			says = "go.work has no go line, which means go " + have
			rng = workAnchor(w.File)
		} else {
			rng = lineRange(w.File.Content, w.File.File.Go.Syntax)
		}
		var fixes []fix.Fix
		if change, err := editWork(w.Path, w.File.Content, func(wf *modfile.WorkFile) error {
			return raiseWorkGo(wf, want)
		}); err == nil {
			fixes = append(fixes, fix.Fix{Title: "Set go.work's go version to " + want, Applicability: fix.Exact, Changes: []fix.FileChange{change}})
		}
		name := modulePath(top)
		if name == "" {
			name = topUse
		}
		if w.FromEnv {
			says = strings.Replace(says, "go.work", "The go.work named by GOWORK="+w.Path+" (from the environment)", 1)
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("%s, but module %s (%s) requires go %s: the go command refuses to load the workspace (\"module %s listed in go.work file requires go >= %s\").",
				says, name, topUse, want, strings.TrimPrefix(topUse, "./"), want),
			File:    w.Path,
			Range:   rng,
			Source:  "go.work",
			Related: []Related{{File: top.Path, Range: goLineRange(top), Message: "requires go " + want}},
			Fixes:   fixes,
		})
	}
	return out
}

// goLineRange anchors on a go.mod's go line (its module line if it has none).
func goLineRange(mf *modules.ModFile) textpos.Range {
	if mf.File != nil && mf.File.Go != nil {
		return lineRange(mf.Content, mf.File.Go.Syntax)
	}
	return moduleLineRange(mf)
}

// localLangVersion is the language version of the local toolchain
// ("1.26.8" → "1.26"), falling back to the Go gomend was built with.
func localLangVersion(snap *workspace.Snapshot) string {
	if v := langVersion(snap.GoVersion()); v != "" {
		return v
	}
	return langVersion(runtime.Version())
}

func depth(path string) int { return strings.Count(filepath.ToSlash(path), "/") }
