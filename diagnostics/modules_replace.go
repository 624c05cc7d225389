// replace checks: local replacements that point at nothing, at the wrong
// module, or at an absolute path that only exists on this machine.
package diagnostics

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/modules"
	"github.com/gomend/gomend/internal/workspace"
)

// replaceSite is one local-path replace directive, in a go.mod or go.work.
type replaceSite struct {
	File    string
	Content []byte
	Dir     string // the directory the path is relative to
	IsWork  bool
	Index   int // position in the file's Replace list
	Rep     *modfile.Replace
	Target  string // the replacement directory, resolved
}

// localReplaces lists the local replaces of every parsed go.mod and go.work
// the snapshot knows, in file order.
func localReplaces(idx *layoutIndex) []replaceSite {
	var sites []replaceSite
	add := func(file string, content []byte, dir string, isWork bool, reps []*modfile.Replace) {
		for i, r := range reps {
			if r.Old.Path == "" || r.New.Version != "" || !modules.IsLocalPath(r.New.Path) {
				continue
			}
			sites = append(sites, replaceSite{
				File: file, Content: content, Dir: dir, IsWork: isWork, Index: i, Rep: r,
				Target: modules.ResolveDir(dir, r.New.Path),
			})
		}
	}
	for _, m := range idx.mods {
		if m.parsed() {
			add(m.Path, m.File.Content, m.Dir, false, m.File.File.Replace)
		}
	}
	for _, p := range idx.workPaths {
		if w := idx.works[p]; w.parsed() {
			add(w.Path, w.File.Content, w.File.Dir(), true, w.File.File.Replace)
		}
	}
	return sites
}

// label is the directive as written, for messages.
func (s replaceSite) label() string {
	old := s.Rep.Old.Path
	if s.Rep.Old.Version != "" {
		old += " " + s.Rep.Old.Version
	}
	return "replace " + old + " => " + s.Rep.New.Path
}

func (s replaceSite) source() string {
	if s.IsWork {
		return "go.work"
	}
	return "go.mod"
}

// loads names what cannot load when the replace is broken.
func (s replaceSite) loads() string {
	if s.IsWork {
		return "this workspace"
	}
	return "this module"
}

// retarget returns the change pointing this replace at dir, written
// relative to the file's directory.
func (s replaceSite) retarget(dir string) (fix.FileChange, string, error) {
	target := relDirPath(s.Dir, dir)
	set := func(reps []*modfile.Replace) error {
		if s.Index >= len(reps) {
			return fmt.Errorf("replace %d vanished", s.Index)
		}
		reps[s.Index].New.Path = target
		return setLineTarget(reps[s.Index].Syntax, target)
	}
	var change fix.FileChange
	var err error
	if s.IsWork {
		change, err = editWork(s.File, s.Content, func(wf *modfile.WorkFile) error { return set(wf.Replace) })
	} else {
		change, err = editMod(s.File, s.Content, func(f *modfile.File) error { return set(f.Replace) })
	}
	return change, target, err
}

// declaring lists the workspace modules declaring the replaced module path,
// other than the file's own module.
func (s replaceSite) declaring(idx *layoutIndex) []*modEntry {
	var out []*modEntry
	for _, m := range idx.byModPath[s.Rep.Old.Path] {
		if m.Dir != s.Dir || s.IsWork {
			out = append(out, m)
		}
	}
	return out
}

func checkReplaceMissingDir(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, s := range localReplaces(idx) {
		if ctx.Err() != nil {
			return nil
		}
		exists := snap.DirExists(s.Target)
		if exists && snap.FileExists(filepath.Join(s.Target, "go.mod")) {
			continue
		}
		what := fmt.Sprintf("the directory %s does not exist", s.Rep.New.Path)
		quote := fmt.Sprintf(" (\"replacement directory %s does not exist\")", s.Rep.New.Path)
		if exists {
			what, quote = fmt.Sprintf("%s holds no go.mod", s.Rep.New.Path), ""
		}
		var fixes []fix.Fix
		switch cands := s.declaring(idx); len(cands) {
		case 1:
			if change, target, err := s.retarget(cands[0].Dir); err == nil {
				fixes = append(fixes, fix.Fix{Title: "Point the replace at " + target, Applicability: fix.Exact, Changes: []fix.FileChange{change}})
			}
		case 0:
			fixes = append(fixes, fix.Fix{Applicability: fix.Manual,
				Title: fmt.Sprintf("No module in the workspace declares %s: point the replace at the directory holding it, or remove the replace", s.Rep.Old.Path)})
		default:
			var where []string
			for _, m := range cands {
				where = append(where, display(s.Dir, m.Dir))
			}
			fixes = append(fixes, fix.Fix{Applicability: fix.Manual,
				Title: fmt.Sprintf("Several directories declare %s (%s): point the replace at the one you mean", s.Rep.Old.Path, strings.Join(where, ", "))})
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("%s: %s, so the go command cannot load %s%s.", s.label(), what, s.loads(), quote),
			File:    s.File,
			Range:   lineRange(s.Content, s.Rep.Syntax),
			Source:  s.source(),
			Fixes:   fixes,
		})
	}
	return out
}

func checkReplaceModuleMismatch(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, s := range localReplaces(idx) {
		if ctx.Err() != nil {
			return nil
		}
		if !snap.DirExists(s.Target) {
			continue
		}
		gomod := filepath.Join(s.Target, "go.mod")
		if !snap.FileExists(gomod) {
			continue
		}
		declared := modulePath(snap.ModFile(gomod))
		if declared == "" || declared == s.Rep.Old.Path {
			continue
		}
		var fixes []fix.Fix
		if cands := s.declaring(idx); len(cands) == 1 && cands[0].Dir != s.Target {
			if change, target, err := s.retarget(cands[0].Dir); err == nil {
				fixes = append(fixes, fix.Fix{Title: "Point the replace at " + target, Applicability: fix.Exact, Changes: []fix.FileChange{change}})
			}
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("%s: %s/go.mod declares module %s, not %s: imports of %s get another module's code, "+
				"so builds and gopls fail with errors that never name the replace (\"imported as … and not used\", \"undefined: …\").",
				s.label(), strings.TrimSuffix(s.Rep.New.Path, "/"), declared, s.Rep.Old.Path, s.Rep.Old.Path),
			File:   s.File,
			Range:  lineRange(s.Content, s.Rep.Syntax),
			Source: s.source(),
			Related: []Related{{File: gomod, Range: moduleLineRange(snap.ModFile(gomod)),
				Message: "declares " + declared}},
			Fixes: fixes,
		})
	}
	return out
}

func checkReplaceAbsolutePath(ctx context.Context, snap *workspace.Snapshot) []Finding {
	idx := indexOf(ctx, snap)
	if idx == nil {
		return nil
	}
	var out []Finding
	for _, s := range localReplaces(idx) {
		if ctx.Err() != nil {
			return nil
		}
		p := s.Rep.New.Path
		windows := isWindowsAbs(p)
		if !windows && !strings.HasPrefix(p, "/") {
			continue
		}
		kind := "an absolute path"
		if windows {
			kind = "an absolute Windows path"
		}
		var fixes []fix.Fix
		// Only a path this host can resolve, inside a workspace folder,
		// has a relative form we can vouch for.
		if filepath.IsAbs(p) {
			for _, folder := range snap.Folders() {
				if hostfs.Within(folder.Path, s.Target) {
					if change, target, err := s.retarget(s.Target); err == nil {
						fixes = append(fixes, fix.Fix{Title: "Use the relative path " + target, Applicability: fix.Exact, Changes: []fix.FileChange{change}})
					}
					break
				}
			}
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("%s uses %s: it works only where that path exists, and breaks in containers, CI and on other machines.", s.label(), kind),
			File:    s.File,
			Range:   lineRange(s.Content, s.Rep.Syntax),
			Source:  s.source(),
			Fixes:   fixes,
		})
	}
	return out
}

// isWindowsAbs recognises Windows absolute paths on any host: C:\x, C:/x
// and UNC \\server\share.
func isWindowsAbs(p string) bool {
	if strings.HasPrefix(p, `\\`) {
		return true
	}
	return len(p) >= 3 && (p[0]|0x20 >= 'a' && p[0]|0x20 <= 'z') && p[1] == ':' && (p[2] == '\\' || p[2] == '/')
}
