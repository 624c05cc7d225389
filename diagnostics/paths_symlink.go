package diagnostics

// Symlinks and duplicate folders. gopls compares paths as text and never
// resolves symlinks (golang/go#42833, "won't fix"), VS Code sends the path
// the user opened, and the go command reports real paths: a folder or file
// reached through a link shows up twice, or as "outside main module".

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

const (
	titleReopenReal   = "Reopen folder at its real path"
	titleEntryReal    = "Point this folder entry at the real path"
	titleOpenRealFile = "Open the real file"
	cmdOpenFolder     = "gomend.openFolder"
	cmdOpenRealFile   = "gomend.openRealFile"
)

// linkText says which component is the link: "/home/u/src is a symlink to
// /data/src" (and the next ones, if the target holds links too).
func linkText(links []hostfs.Link) string {
	var parts []string
	for _, l := range links {
		parts = append(parts, fmt.Sprintf("%s is a symlink to %s", l.Path, l.Target))
	}
	return strings.Join(parts, ", and ")
}

func checkFolderViaSymlink(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		real, links, err := snap.Links(folder.Path)
		if err != nil || len(links) == 0 {
			continue // a missing folder is reported elsewhere; a loop cannot be opened
		}
		a, ok := folderAnchor(snap, folder)
		if !ok {
			continue
		}
		f := Finding{
			Message: fmt.Sprintf("Workspace folder %s is reached through a symlink (%s). gopls compares paths as text and never "+
				"resolves symlinks, while the go command reports real paths: files show up twice, or as \"outside main module\", "+
				"and gopls's advice to add a go.work does not help. Open the real path, %s.", folder.Name, linkText(links), real),
			File:   a.file,
			Range:  a.rng,
			Source: a.source,
		}
		// When another folder already is the real path, this entry is a
		// duplicate: removing it (duplicate-folder) is the repair, not
		// pointing it at the same directory twice.
		if fx, ok := rewriteEntry(snap, a.entry, real, titleEntryReal); ok && !otherFolderIs(snap, folder, real) {
			f.Fixes = append(f.Fixes, fx)
		}
		f.Fixes = append(f.Fixes, fix.Fix{Title: titleReopenReal, Applicability: fix.Likely,
			Command: &fix.Command{Title: titleReopenReal, Command: cmdOpenFolder, Arguments: []any{real}}})
		out = append(out, f)
	}
	return out
}

// otherFolderIs reports whether a workspace folder other than folder
// resolves to real.
func otherFolderIs(snap *workspace.Snapshot, folder workspace.Folder, real string) bool {
	for _, other := range snap.Folders() {
		if other.Path == folder.Path {
			continue
		}
		if r, _, err := snap.Links(other.Path); err == nil && r == real {
			return true
		}
	}
	return false
}

// goplsFile reports whether gopls reads a file of this name.
func goplsFile(path string) bool {
	base := filepath.Base(path)
	return strings.HasSuffix(base, ".go") || base == "go.mod" || base == "go.work" || base == "go.sum"
}

func checkFileViaSymlink(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, path := range snap.OpenFiles() {
		if ctx.Err() != nil {
			return nil
		}
		if !goplsFile(path) {
			continue
		}
		real, links, err := snap.Links(path)
		if err != nil {
			continue
		}
		// A link in a folder's own path is folder-via-symlink's finding,
		// once; here only links below the folders (or outside them) count.
		links = linksBelowFolders(snap, links)
		if len(links) == 0 {
			continue
		}
		content, err := snap.ReadFile(path)
		if err != nil {
			continue
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("This file is open through a symlink (%s); its real path is %s. gopls keys files by the "+
				"path the editor sends and never resolves symlinks, so it sees this file and the real one as two files: "+
				"diagnostics, references and renames go astray.", linkText(links), real),
			File:   path,
			Range:  textpos.NewMapper(content).LineRange(0),
			Source: "editor",
			Fixes: []fix.Fix{{Title: titleOpenRealFile, Applicability: fix.Likely,
				Command: &fix.Command{Title: titleOpenRealFile, Command: cmdOpenRealFile, Arguments: []any{path, real}}}},
		})
	}
	return out
}

// linksBelowFolders drops the links that are a workspace folder's path or
// above it.
func linksBelowFolders(snap *workspace.Snapshot, links []hostfs.Link) []hostfs.Link {
	var out []hostfs.Link
	for _, l := range links {
		inFolderPath := false
		for _, folder := range snap.Folders() {
			if hostfs.Within(l.Path, folder.Path) {
				inFolderPath = true
				break
			}
		}
		if !inFolderPath {
			out = append(out, l)
		}
	}
	return out
}

func checkSymlinkedPackageDir(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, folder := range snap.Folders() {
		l := snap.Layout(folder.Path)
		if l == nil {
			continue
		}
		for _, link := range l.DirLinks {
			if ctx.Err() != nil {
				return nil
			}
			mod := snap.NearestModFile(filepath.Dir(link))
			mf := snap.ModFile(mod)
			if mod == "" || mf == nil || !snap.HoldsGoFiles(link) {
				continue
			}
			real, _, err := snap.Links(link)
			if err != nil {
				continue // dangling or a loop: nothing the go command could load anyway
			}
			if nested := filepath.Join(real, "go.mod"); snap.FileExists(nested) {
				continue // a module of its own: go.work's business, not this module's
			}
			name := modulePath(mf)
			out = append(out, Finding{
				Message: fmt.Sprintf("%s is a symlink to %s, a directory of Go packages inside module %s: `go list ./...`, "+
					"`go build ./...` and gopls skip symlinked directories, so its packages are not part of the module's "+
					"build, and navigation into them stops.", display(filepath.Dir(mod), link), real, name),
				File:   mod,
				Range:  moduleLineRange(mf),
				Source: "go.mod",
				Related: []Related{{File: mod, Range: moduleLineRange(mf),
					Message: "the module the link is in"}},
				Fixes: []fix.Fix{{Applicability: fix.Manual,
					Title: "Make " + display(filepath.Dir(mod), link) + " a real directory, or make its target a module of its own and use it from go.work"}},
			})
		}
	}
	return out
}

func checkDuplicateFolder(ctx context.Context, snap *workspace.Snapshot) []Finding {
	folders := snap.Folders()
	type seen struct {
		folder workspace.Folder
		real   string
	}
	var earlier []seen
	var out []Finding
	for _, folder := range folders {
		if ctx.Err() != nil {
			return nil
		}
		real, _, err := snap.Links(folder.Path)
		if err != nil {
			continue
		}
		for _, e := range earlier {
			var what string
			switch {
			case e.real == real:
				what = fmt.Sprintf("is the same directory as workspace folder %s (%s)", e.folder.Name, real)
			case hostfs.StrictlyWithin(e.real, real):
				what = fmt.Sprintf("is inside workspace folder %s", e.folder.Name)
			case hostfs.StrictlyWithin(real, e.real):
				what = fmt.Sprintf("holds workspace folder %s", e.folder.Name)
			default:
				continue
			}
			a, ok := folderAnchor(snap, folder)
			if !ok {
				break
			}
			f := Finding{
				Message: fmt.Sprintf("Workspace folder %s %s: gopls builds the same files in two views, so every file there "+
					"has two sets of diagnostics and results, and edits in one are not seen by the other.", folder.Name, what),
				File:   a.file,
				Range:  a.rng,
				Source: a.source,
			}
			if fx, ok := removeEntry(snap, a.entry, "Remove this folder entry", fix.Exact); ok {
				f.Fixes = append(f.Fixes, fx)
			}
			out = append(out, f)
			break
		}
		earlier = append(earlier, seen{folder, real})
	}
	return out
}

func checkPathCaseMismatch(ctx context.Context, snap *workspace.Snapshot) []Finding {
	if !snap.Host().CaseInsensitive {
		return nil // on a case-sensitive file system another spelling is another file
	}
	var out []Finding
	for _, folder := range snap.Folders() {
		if ctx.Err() != nil {
			return nil
		}
		disk, err := snap.OnDiskCase(folder.Path)
		if err != nil || disk == folder.Path || !strings.EqualFold(disk, folder.Path) {
			continue
		}
		a, ok := folderAnchor(snap, folder)
		if !ok {
			continue
		}
		f := Finding{
			Message: fmt.Sprintf("Workspace folder %s is spelled %s, but the disk spells it %s. The file system does not mind, "+
				"but gopls keys files by their path text: the same file under two spellings is two files to it.",
				folder.Name, folder.Path, disk),
			File:   a.file,
			Range:  a.rng,
			Source: a.source,
		}
		if fx, ok := rewriteEntry(snap, a.entry, disk, "Spell the path as the disk does"); ok {
			f.Fixes = append(f.Fixes, fx)
		}
		out = append(out, f)
	}
	for _, path := range snap.OpenFiles() {
		disk, err := snap.OnDiskCase(path)
		if err != nil || disk == path || !strings.EqualFold(disk, path) || !goplsFile(path) {
			continue
		}
		content, err := snap.ReadFile(path)
		if err != nil {
			continue
		}
		out = append(out, Finding{
			Message: fmt.Sprintf("This file is open as %s, but the disk spells it %s: gopls keys files by their path text, "+
				"so it sees two files.", path, disk),
			File:   path,
			Range:  textpos.NewMapper(content).LineRange(0),
			Source: "editor",
			Fixes: []fix.Fix{{Title: titleOpenRealFile, Applicability: fix.Likely,
				Command: &fix.Command{Title: titleOpenRealFile, Command: cmdOpenRealFile, Arguments: []any{path, disk}}}},
		})
	}
	return out
}

func checkPathSpecialChars(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for _, folder := range snap.Folders() {
		l := snap.Layout(folder.Path)
		if l == nil {
			continue
		}
		for _, mod := range l.ModFiles {
			if ctx.Err() != nil {
				return nil
			}
			dir := filepath.Dir(mod)
			if seen[mod] || !specialPath(dir) {
				continue
			}
			seen[mod] = true
			mf := snap.ModFile(mod)
			if mf == nil {
				continue
			}
			out = append(out, Finding{
				Message: fmt.Sprintf("The module root %s holds spaces or non-ASCII characters. gopls and the go command cope, "+
					"but shell scripts, Makefiles and cgo flags that do not quote paths break on it.", dir),
				File:   mod,
				Range:  moduleLineRange(mf),
				Source: "go.mod",
				Fixes: []fix.Fix{{Applicability: fix.Manual,
					Title: "Quote the path in scripts, or move the module to a path of plain ASCII letters without spaces"}},
			})
		}
	}
	return out
}

// specialPath reports a space or a non-ASCII character in a path. It
// runs on every module of every recheck, so it looks at bytes: any byte of
// a non-ASCII character is at least utf8.RuneSelf.
func specialPath(p string) bool {
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c >= utf8.RuneSelf, c == ' ', c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
			return true
		}
	}
	return false
}
