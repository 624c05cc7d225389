package fix

// The safe writer used by `gomend fix`. Every change is checked before any
// file is written: a fix never writes outside the workspace folders, never
// through a symlink that leaves them, never deletes, and applying the same
// changes twice writes nothing the second time.

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/gomend/gomend/internal/hostfs"
)

// FileWrite is the planned result for one file.
type FileWrite struct {
	// Path is the file as the changes named it (lexical, symlinks kept);
	// Real is where it is written (symlinks resolved).
	Path, Real string
	// Existed is whether the file was on disk; Old is its content then.
	Existed bool
	Old     []byte
	New     []byte
	// Mode is kept from the existing file; new files get 0644.
	Mode fs.FileMode
}

// Changed reports whether writing w would change the disk.
func (w FileWrite) Changed() bool { return !w.Existed || !bytes.Equal(w.Old, w.New) }

// Scope is where fixes may write.
type Scope struct {
	// Folders are the workspace folders (absolute): any file strictly
	// inside one may be written.
	Folders []string
	// Files are single files outside the folders that may be written too:
	// the .code-workspace file the folders came from, which usually sits
	// beside them.
	Files []string
}

// allows reports whether path (lexical) and real (symlinks resolved) are
// both within the scope, given the folders' and files' real paths.
func (sc Scope) allows(path, real string, realFolders, realFiles []string) bool {
	return insideAny(path, sc.Folders) && insideAny(real, realFolders) ||
		slices.Contains(cleanAll(sc.Files), path) && slices.Contains(realFiles, real)
}

// Plan checks changes against the scope and computes each file's new
// content, writing nothing. Changes to the same file are combined (their
// edits must not overlap). It fails, for all the changes, if any of them is
// unsafe or does not apply.
func Plan(changes []FileChange, scope Scope) ([]FileWrite, error) {
	realFolders, err := resolveRoots(scope.Folders)
	if err != nil {
		return nil, err
	}
	realFiles, err := resolveRoots(scope.Files)
	if err != nil {
		return nil, err
	}
	type group struct {
		path    string
		create  *FileChange
		edits   []TextEdit
		changes int
	}
	groups := map[string]*group{}
	var order []string
	for i := range changes {
		c := &changes[i]
		if !filepath.IsAbs(c.File) {
			return nil, fmt.Errorf("refusing to write %s: not an absolute path", c.File)
		}
		path := filepath.Clean(c.File)
		if !insideAny(path, scope.Folders) && !slices.Contains(cleanAll(scope.Files), path) {
			return nil, fmt.Errorf("refusing to write %s: outside the workspace folders", path)
		}
		real, err := resolvePath(path)
		if err != nil {
			return nil, err
		}
		if !scope.allows(path, real, realFolders, realFiles) {
			return nil, fmt.Errorf("refusing to write %s: it resolves to %s, outside the workspace folders", path, real)
		}
		g := groups[real]
		if g == nil {
			g = &group{path: path}
			groups[real] = g
			order = append(order, real)
		}
		g.changes++
		if c.Create {
			if g.create != nil && createContent(*g.create) != createContent(*c) {
				return nil, fmt.Errorf("two changes create %s with different content", path)
			}
			g.create = c
		} else {
			g.edits = append(g.edits, c.Edits...)
		}
	}

	var plan []FileWrite
	for _, real := range order {
		g := groups[real]
		w := FileWrite{Path: g.path, Real: real, Mode: 0o644}
		fi, err := os.Lstat(real)
		switch {
		case err == nil && !fi.Mode().IsRegular():
			return nil, fmt.Errorf("refusing to write %s: not a regular file", g.path)
		case err == nil:
			w.Existed = true
			w.Mode = fi.Mode().Perm()
			if w.Old, err = os.ReadFile(real); err != nil {
				return nil, fmt.Errorf("reading %s: %w", g.path, err)
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, fmt.Errorf("checking %s: %w", g.path, err)
		}
		switch {
		case g.create != nil && len(g.edits) > 0:
			return nil, fmt.Errorf("changes to %s both create and edit it", g.path)
		case g.create != nil:
			w.New = []byte(createContent(*g.create))
			if w.Existed && !bytes.Equal(w.Old, w.New) {
				return nil, fmt.Errorf("refusing to create %s: it already exists with other content", g.path)
			}
		case !w.Existed:
			return nil, fmt.Errorf("cannot edit %s: it does not exist", g.path)
		default:
			if w.New, err = Apply(w.Old, g.edits); err != nil {
				return nil, fmt.Errorf("applying edits to %s: %w", g.path, err)
			}
		}
		if !w.Existed {
			w.Old = nil
		}
		plan = append(plan, w)
	}
	sort.Slice(plan, func(i, j int) bool { return plan[i].Path < plan[j].Path })
	return plan, nil
}

// Write plans changes (see Plan) and then writes every file whose content
// changes, each atomically. It returns the plan; on a write error, files
// before the failing one stay written and no temporary file is left behind.
func Write(changes []FileChange, scope Scope) ([]FileWrite, error) {
	plan, err := Plan(changes, scope)
	if err != nil {
		return nil, err
	}
	for _, w := range plan {
		if !w.Changed() {
			continue
		}
		if err := writeAtomic(w); err != nil {
			return plan, err
		}
	}
	return plan, nil
}

// createContent is a creation's content: the text of its single edit.
func createContent(c FileChange) string {
	var b strings.Builder
	for _, e := range c.Edits {
		b.WriteString(e.NewText)
	}
	return b.String()
}

// afterWriteHook lets tests count writes.
var afterWriteHook func(path string)

// writeAtomic writes w.New to a temporary file in the target's directory,
// syncs it, sets the mode and renames it over the target, so a reader sees
// the old or the new file, never half of one.
func writeAtomic(w FileWrite) (err error) {
	dir := filepath.Dir(w.Real)
	// Plan proved that dir's existing ancestors are inside a root, so any
	// directory created here is too.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("creating the directory of %s: %w", w.Path, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(w.Real)+".gomend-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", w.Path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(w.New); err != nil {
		return fmt.Errorf("writing %s: %w", w.Path, err)
	}
	if err = tmp.Chmod(w.Mode); err != nil {
		return fmt.Errorf("setting the mode of %s: %w", w.Path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing %s: %w", w.Path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", w.Path, err)
	}
	if err = os.Rename(tmp.Name(), w.Real); err != nil {
		return fmt.Errorf("writing %s: %w", w.Path, err)
	}
	syncDir(dir)
	if afterWriteHook != nil {
		afterWriteHook(w.Real)
	}
	return nil
}

// syncDir makes the rename durable where the platform allows it.
func syncDir(dir string) {
	if runtime.GOOS == "windows" {
		return
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// resolveRoots returns the real paths of the roots that exist.
func resolveRoots(roots []string) ([]string, error) {
	var real []string
	for _, r := range roots {
		if !filepath.IsAbs(r) {
			return nil, fmt.Errorf("%s is not an absolute path", r)
		}
		if p, err := filepath.EvalSymlinks(r); err == nil {
			real = append(real, p)
		}
	}
	return real, nil
}

// resolvePath returns path with every symlink resolved. A path that does
// not exist yet is its deepest existing ancestor, resolved, joined with the
// rest. A dangling symlink is refused: writing would replace the link.
func resolvePath(path string) (string, error) {
	var rest []string
	for p := path; ; {
		real, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{real}, rest...)...), nil
		}
		if fi, lerr := os.Lstat(p); lerr == nil {
			if fi.Mode()&fs.ModeSymlink != 0 {
				return "", fmt.Errorf("refusing to write %s: %s is a broken symlink", path, p)
			}
			return "", fmt.Errorf("resolving %s: %w", path, err)
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", fmt.Errorf("resolving %s: %w", path, err)
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

func cleanAll(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Clean(p)
	}
	return out
}

// insideAny reports whether path is strictly inside one of roots, lexically.
func insideAny(path string, roots []string) bool {
	for _, r := range roots {
		if hostfs.StrictlyWithin(filepath.Clean(r), path) {
			return true
		}
	}
	return false
}
