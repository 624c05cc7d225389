// Paths, symlinks, WSL and VS Code configuration (CHECKS.md §B). This file
// registers the rules and holds what they share: where a problem that has
// no file of its own is anchored. The checks live in paths_*.go.
package diagnostics

import (
	"path/filepath"
	"strconv"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func init() {
	register(
		&Rule{ID: "folder-via-symlink", Family: "paths", Severity: Warning,
			Title: "A workspace folder is reached through a symlink",
			Run:   checkFolderViaSymlink},
		&Rule{ID: "file-via-symlink", Family: "paths", Severity: Warning,
			Title: "An open file is reached through a symlink",
			Run:   checkFileViaSymlink},
		&Rule{ID: "symlinked-package-dir", Family: "paths", Severity: Warning,
			Title: "A directory symlink inside a module holds Go packages",
			Run:   checkSymlinkedPackageDir},
		&Rule{ID: "duplicate-folder", Family: "paths", Severity: Warning,
			Title: "Two workspace folders are the same directory, or one holds the other",
			Run:   checkDuplicateFolder},
		&Rule{ID: "path-case-mismatch", Family: "paths", Severity: Warning,
			Title: "A path's letter case differs from the name on disk",
			Run:   checkPathCaseMismatch},
		&Rule{ID: "path-special-chars", Family: "paths", Severity: Hint,
			Title: "A module root path holds spaces or non-ASCII characters",
			Run:   checkPathSpecialChars},
		&Rule{ID: "wsl-windows-mount", Family: "paths", Severity: Warning,
			Title: "Inside WSL, a folder or a Go cache is on a Windows drive",
			Run:   checkWSLWindowsMount},
		&Rule{ID: "wsl-unc-folder", Family: "paths", Severity: Error,
			Title: "A WSL folder is opened from Windows through \\wsl$",
			Run:   checkWSLUNCFolder},
		&Rule{ID: "windows-path-on-linux", Family: "paths", Severity: Error,
			Title: "A Windows path where Linux tools read it",
			Run:   checkWindowsPathOnLinux},
		&Rule{ID: "wsl-windows-go", Family: "paths", Severity: Error,
			Title: "Inside WSL, the go command is a Windows executable",
			Run:   checkWSLWindowsGo},
	)
}

// anchor is where a finding about a folder goes when it has no line of its
// own (CHECKS.md: "the most relevant configuration line").
type anchor struct {
	file   string
	rng    textpos.Range
	source string
	// entry is the .code-workspace folder entry, when the anchor is one.
	entry *workspace.Folder
}

// folderAnchor is the folder's .code-workspace entry (its path value),
// else its go.work, else its go.mod's module line, else the go.mod above
// it or the first one below it. ok is false for a folder with none of
// these: nothing of Go to point at.
func folderAnchor(snap *workspace.Snapshot, folder workspace.Folder) (anchor, bool) {
	if cw := snap.CodeWorkspace(); cw != nil && cw.Doc != nil && folder.Entry != nil {
		e := folder.Entry
		if e.ValueStart < e.ValueEnd && e.ValueEnd <= len(cw.Doc.Content) {
			return anchor{cw.Path, textpos.NewMapper(cw.Doc.Content).Range(e.ValueStart, e.ValueEnd), ".code-workspace", &folder}, true
		}
	}
	if w := filepath.Join(folder.Path, "go.work"); snap.FileExists(w) {
		if wf := snap.WorkFile(w); wf != nil {
			return anchor{file: w, rng: workAnchor(wf), source: "go.work"}, true
		}
	}
	mod := filepath.Join(folder.Path, "go.mod")
	if !snap.FileExists(mod) {
		mod = snap.NearestModFile(folder.Path)
	}
	if mod == "" {
		if l := snap.Layout(folder.Path); l != nil && len(l.ModFiles) > 0 {
			mod = l.ModFiles[0]
		}
	}
	if mf := snap.ModFile(mod); mod != "" && mf != nil {
		return anchor{file: mod, rng: moduleLineRange(mf), source: "go.mod"}, true
	}
	return anchor{}, false
}

// rewriteEntry is the exact fix that sets a .code-workspace folder entry's
// path to dir, keeping a relative entry relative and the entry's own
// separator style.
func rewriteEntry(snap *workspace.Snapshot, e *workspace.Folder, dir, title string) (fix.Fix, bool) {
	cw := snap.CodeWorkspace()
	if cw == nil || cw.Doc == nil || e == nil || e.Entry == nil {
		return fix.Fix{}, false
	}
	value := entryValue(cw.Path, e.Entry.Raw, dir)
	out, err := cw.Doc.ReplaceValue("/folders/"+strconv.Itoa(e.Entry.Index)+"/path", value)
	if err != nil {
		return fix.Fix{}, false
	}
	return fix.Fix{Title: title, Applicability: fix.Exact, Changes: []fix.FileChange{fix.Replace(cw.Path, cw.Doc.Content, out)}}, true
}

// removeEntry is the fix that removes a .code-workspace folder entry.
func removeEntry(snap *workspace.Snapshot, e *workspace.Folder, title string, a fix.Applicability) (fix.Fix, bool) {
	cw := snap.CodeWorkspace()
	if cw == nil || cw.Doc == nil || e == nil || e.Entry == nil {
		return fix.Fix{}, false
	}
	out, err := cw.Doc.RemoveElement("/folders", e.Entry.Index)
	if err != nil {
		return fix.Fix{}, false
	}
	return fix.Fix{Title: title, Applicability: a, Changes: []fix.FileChange{fix.Replace(cw.Path, cw.Doc.Content, out)}}, true
}
