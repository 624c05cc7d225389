package hostfs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// linkTree builds, under a temp dir with no links of its own:
//
//	real/b/f.go          deep/x/y/   deep/z/   项目/go.mod   file.txt
//	a/link  -> ../real   abs -> <root>/real   l1 -> real   real/l2 -> <root>/deep
//	ll -> l1             a/up -> ../deep/x    λ -> 项目      lf -> real/b/f.go
//	loopA -> loopB       loopB -> loopA       self -> self  dangle -> missing
//	chain -> dangle
func linkTree(t *testing.T) string {
	t.Helper()
	root, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"real/b", "deep/x/y", "deep/z", "a", "项目"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"real/b/f.go", "项目/go.mod", "file.txt"} {
		if err := os.WriteFile(filepath.Join(root, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for link, target := range map[string]string{
		"a/link": "../real", "abs": filepath.Join(root, "real"), "l1": "real", "real/l2": filepath.Join(root, "deep"),
		"ll": "l1", "a/up": "../deep/x", "λ": "项目", "lf": "real/b/f.go",
		"loopA": "loopB", "loopB": "loopA", "self": "self", "dangle": "missing", "chain": "dangle",
	} {
		if err := os.Symlink(target, filepath.Join(root, link)); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	return root
}

func TestResolveLinks(t *testing.T) {
	root := linkTree(t)
	// r joins with Join, which cleans: inputs with ".." are spelt out.
	r := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	for _, tc := range []struct {
		name, in, real string
		links          []Link
	}{
		{"no link", r("real/b/f.go"), r("real/b/f.go"), nil},
		{"root itself", root, root, nil},
		{"link in the middle", r("a/link/b"), r("real/b"), []Link{{r("a/link"), "../real"}}},
		{"link last", r("a/link"), r("real"), []Link{{r("a/link"), "../real"}}},
		{"absolute target", r("abs/b/f.go"), r("real/b/f.go"), []Link{{r("abs"), r("real")}}},
		{"two links in the path", r("l1/l2/x/y"), r("deep/x/y"), []Link{{r("l1"), "real"}, {r("l1/l2"), r("deep")}}},
		{"link to a link", r("ll/b"), r("real/b"), []Link{{r("ll"), "l1"}, {r("l1"), "real"}}},
		{"dot-dot after a link is physical", root + filepath.FromSlash("/a/up/../z"), r("deep/z"), []Link{{r("a/up"), "../deep/x"}}},
		{"dot-dot without links", root + filepath.FromSlash("/real/b/../b/./f.go"), r("real/b/f.go"), nil},
		{"link to a file", r("lf"), r("real/b/f.go"), []Link{{r("lf"), "real/b/f.go"}}},
		{"non-ASCII names", r("λ/go.mod"), r("项目/go.mod"), []Link{{r("λ"), "项目"}}},
		{"doubled and trailing separators", root + "//a///link/b/", r("real/b"), []Link{{r("a/link"), "../real"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			real, links, err := ResolveLinks(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if real != tc.real || !reflect.DeepEqual(links, tc.links) {
				t.Errorf("ResolveLinks(%q) =\n  %q, %q\nwant\n  %q, %q", tc.in, real, links, tc.real, tc.links)
			}
			if oracle, err := filepath.EvalSymlinks(tc.in); err != nil || oracle != real {
				t.Errorf("EvalSymlinks says %q, %v", oracle, err)
			}
		})
	}
}

func TestResolveLinksRelative(t *testing.T) {
	root := linkTree(t)
	t.Chdir(filepath.Join(root, "a"))
	for _, tc := range []struct {
		in, real string
		links    []Link
	}{
		{"link/b", filepath.FromSlash("../real/b"), []Link{{"link", "../real"}}},
		{"../l1/l2/z", filepath.Join(root, "deep", "z"), []Link{{filepath.FromSlash("../l1"), "real"}, {filepath.FromSlash("../l1/l2"), filepath.Join(root, "deep")}}},
		{".", ".", nil},
		{"up", filepath.FromSlash("../deep/x"), []Link{{"up", "../deep/x"}}},
	} {
		real, links, err := ResolveLinks(tc.in)
		if err != nil || real != tc.real || !reflect.DeepEqual(links, tc.links) {
			t.Errorf("ResolveLinks(%q) = %q, %q, %v; want %q, %q", tc.in, real, links, err, tc.real, tc.links)
		}
	}
}

func TestResolveLinksErrors(t *testing.T) {
	root := linkTree(t)
	r := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	for _, tc := range []struct {
		name, in string
		is       error    // what the error wraps; nil: any error
		names    []string // substrings of the message
		links    int      // links returned with the error
	}{
		{"loop", r("loopA/x"), ErrLinkLoop, []string{r("loopA/x")}, maxLinks},
		{"self loop", r("self"), ErrLinkLoop, nil, maxLinks},
		{"dangling", r("dangle"), fs.ErrNotExist, []string{r("dangle") + " is a dangling symlink to missing"}, 1},
		{"dangling below", r("dangle/x/y"), fs.ErrNotExist, []string{r("dangle"), r("missing")}, 1},
		{"link to a dangling link", r("chain"), fs.ErrNotExist, []string{r("dangle") + " is a dangling symlink"}, 2},
		{"missing component", r("real/nope/x"), fs.ErrNotExist, []string{r("real/nope")}, 0},
		{"missing after a link", r("a/link/nope"), fs.ErrNotExist, []string{r("real/nope"), r("a/link/nope")}, 1},
		{"file as a directory", r("file.txt/x"), nil, []string{r("file.txt/x")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			real, links, err := ResolveLinks(tc.in)
			if err == nil {
				t.Fatalf("ResolveLinks(%q) = %q, nil", tc.in, real)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v; want it to wrap %v", err, tc.is)
			}
			for _, s := range tc.names {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("err = %v; want it to name %s", err, s)
				}
			}
			if len(links) != tc.links || real != "" {
				t.Errorf("returned %q and %d links, want \"\" and %d", real, len(links), tc.links)
			}
		})
	}
}
