package hostfs

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Link is one symbolic link met while resolving a path.
type Link struct {
	// Path is the link: for a component of the input, the input up to it as
	// written (what the user recognises); for a link met inside another
	// link's target, its path after resolving the links before it.
	Path   string
	Target string // as stored (os.Readlink)
}

// ErrLinkLoop is returned (wrapped) when resolution meets a loop or more
// than maxLinks links.
var ErrLinkLoop = errors.New("too many levels of symbolic links")

const maxLinks = 255

// step is one component still to resolve. via is the index in links of the
// link whose target it comes from, or -1 for a component of the input, whose
// lexical prefix lex is what a message shows the user.
type step struct {
	name, lex string
	via       int
}

// ResolveLinks resolves path component by component, as the kernel does:
// each prefix is Lstat'ed, a link's target is resolved relative to the
// link's directory and walked in turn, and ".." after a link goes to the
// parent of its target. It returns the real path and the links met, in
// order, so a message can say "/home/u/src is a symlink to /data/src". A
// missing component or dangling link is an error naming it (wrapping
// fs.ErrNotExist) returned with the links met so far; a loop or more than
// 255 links wraps ErrLinkLoop. Relative input gives a relative result unless
// a link leads out.
func ResolveLinks(path string) (real string, links []Link, err error) {
	vol := filepath.VolumeName(path)
	resolved := vol
	if rest := path[len(vol):]; rest != "" && os.IsPathSeparator(rest[0]) {
		resolved += string(filepath.Separator)
	}
	pending := inputSteps(path, vol)
	for len(pending) > 0 {
		s := pending[0]
		pending = pending[1:]
		switch s.name {
		case ".":
			continue
		case "..":
			resolved = parentDir(resolved)
			continue
		}
		next := joinResolved(resolved, s.name)
		fi, err := os.Lstat(next)
		if err != nil {
			if s.via >= 0 {
				l := links[s.via]
				if errors.Is(err, fs.ErrNotExist) {
					return "", links, fmt.Errorf("resolve %s: %s is a dangling symlink to %s: %w", path, l.Path, l.Target, err)
				}
				return "", links, fmt.Errorf("resolve %s: symlink %s to %s: %w", path, l.Path, l.Target, err)
			}
			return "", links, fmt.Errorf("resolve %s: %w", path, err)
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			resolved = next
			continue
		}
		if len(links) == maxLinks {
			return "", links, fmt.Errorf("resolve %s: %w", path, ErrLinkLoop)
		}
		target, err := os.Readlink(next)
		if err != nil {
			return "", links, fmt.Errorf("resolve %s: %w", path, err)
		}
		shown := s.lex
		if s.via >= 0 {
			shown = next
		}
		links = append(links, Link{Path: shown, Target: target})
		tvol := filepath.VolumeName(target)
		if trest := target[len(tvol):]; tvol != "" || trest != "" && os.IsPathSeparator(trest[0]) {
			if tvol == "" {
				tvol = filepath.VolumeName(resolved)
			}
			resolved = tvol + string(filepath.Separator)
		}
		pending = append(targetSteps(target, len(links)-1), pending...)
	}
	if resolved == "" {
		resolved = "."
	}
	return resolved, links, nil
}

// inputSteps splits path after its volume, keeping for each component the
// input up to it ("/home//u" gives lexical prefixes "/home", "/home/u").
func inputSteps(path, vol string) []step {
	var steps []step
	lex := path[:len(vol)]
	if rest := path[len(vol):]; rest != "" && os.IsPathSeparator(rest[0]) {
		lex += string(filepath.Separator)
	}
	for _, name := range splitPath(path[len(vol):]) {
		lex = joinResolved(lex, name)
		steps = append(steps, step{name: name, lex: lex, via: -1})
	}
	return steps
}

func targetSteps(target string, via int) []step {
	var steps []step
	for _, name := range splitPath(target[len(filepath.VolumeName(target)):]) {
		steps = append(steps, step{name: name, via: via})
	}
	return steps
}

func splitPath(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r < 0x80 && os.IsPathSeparator(uint8(r)) })
}

// joinResolved appends a name without cleaning: "a/link/.." must keep the
// link for the kernel to follow.
func joinResolved(dir, name string) string {
	if dir == "" {
		return name
	}
	if os.IsPathSeparator(dir[len(dir)-1]) {
		return dir + name
	}
	return dir + string(filepath.Separator) + name
}

// parentDir goes up from a resolved (link-free) directory. Relative paths
// climb with "..", and the root is its own parent.
func parentDir(dir string) string {
	vol := filepath.VolumeName(dir)
	rest := dir[len(vol):]
	switch {
	case rest == "" || rest == ".":
		return vol + ".."
	case rest == string(filepath.Separator):
		return dir
	case filepath.Base(rest) == "..":
		return dir + string(filepath.Separator) + ".."
	}
	parent := filepath.Dir(dir)
	if parent == "." {
		return ""
	}
	return parent
}
