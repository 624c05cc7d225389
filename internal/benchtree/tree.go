package benchtree

import (
	"path"
	"slices"
	"strings"
)

type kind uint8

const (
	kindDir kind = iota
	kindFile
	kindLink
)

// entry is one thing to create, relative to the root.
type entry struct {
	path   string // slash-separated, relative to the root
	kind   kind
	target string        // kindLink: target, relative to the link's directory
	body   func() []byte // kindFile: content, built on demand so a plan of 300k files stays small
}

// tree is a plan: everything Generate will create, in a deterministic order,
// plus what the tests need to know about it.
type tree struct {
	entries   []entry
	seen      map[string]bool // paths already planned; membership only, never iterated
	modules   []string        // directories of the modules go.work uses, sorted
	forgotten string          // directory of the forgotten module, or ""
	packages  []string        // import paths of the packages of the used modules, sorted
	typeError string          // the file holding the deliberate type error, or ""
	vendored  []string        // directories of the used modules with vendor noise
}

func newTree() *tree { return &tree{seen: map[string]bool{}} }

// dir plans p and its missing parents, parents first.
func (t *tree) dir(p string) {
	if p == "." || p == "" || t.seen[p] {
		return
	}
	t.dir(path.Dir(p))
	t.seen[p] = true
	t.entries = append(t.entries, entry{path: p, kind: kindDir})
}

// file plans a regular file; a path planned twice is a bug in the planner.
func (t *tree) file(p string, body func() []byte) {
	t.claim(p)
	t.entries = append(t.entries, entry{path: p, kind: kindFile, body: body})
}

// text plans a file whose content is already known.
func (t *tree) text(p, s string) {
	t.file(p, func() []byte { return []byte(s) })
}

// link plans a symbolic link to target, relative to the link's directory.
func (t *tree) link(p, target string) {
	t.claim(p)
	t.entries = append(t.entries, entry{path: p, kind: kindLink, target: target})
}

func (t *tree) claim(p string) {
	if t.seen[p] {
		panic("benchtree: planned twice: " + p)
	}
	t.dir(path.Dir(p))
	t.seen[p] = true
}

// stats counts the plan the way a walk of the written tree counts the disk;
// Bytes is left to the writer, which is the one that builds the contents.
func (t *tree) stats() Stats {
	var st Stats
	for _, e := range t.entries {
		switch e.kind {
		case kindDir:
			st.Dirs++
		case kindLink:
			st.Symlinks++
		case kindFile:
			st.Files++
			if strings.HasSuffix(e.path, ".go") {
				st.GoFiles++
			}
			if path.Base(e.path) == "go.mod" && !inTestdata(e.path) {
				st.Modules++
			}
		}
	}
	return st
}

// inTestdata reports whether the go command ignores p for being under testdata/.
func inTestdata(p string) bool {
	return slices.Contains(strings.Split(p, "/"), "testdata")
}
