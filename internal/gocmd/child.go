package gocmd

// The loader child: go/packages always runs the `go` of its own process's
// PATH, so loading happens in a copy of our executable started with the
// PATH the caller chose (the vetted go first). The child reads a request
// on stdin, loads, and prints a bounded LoadResult on stdout.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"
)

// childEnv marks a process started to serve one load.
const childEnv = "GOMEND_LOAD_CHILD"

type childRequest struct {
	Dir       string   `json:"dir"`
	Patterns  []string `json:"patterns"`
	MaxErrors int      `json:"maxErrors"`
}

// IsChild reports a process started to serve one load: main (and TestMain
// of packages whose tests load for real) then call ServeChild and exit.
func IsChild() bool { return os.Getenv(childEnv) == "1" }

// ServeChild reads a load request from stdin, loads, and writes the result
// to stdout (the pipe to the parent); it returns the exit status.
func ServeChild(stdin io.Reader, stdout, stderr io.Writer) int {
	var req childRequest
	if err := json.NewDecoder(stdin).Decode(&req); err != nil {
		fmt.Fprintln(stderr, "gomend loader: bad request:", err)
		return 2
	}
	res := load(req)
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintln(stderr, "gomend loader:", err)
		return 2
	}
	return 0
}

// load loads req.Patterns in req.Dir, tests included (gopls loads them
// too), without type checking.
func load(req childRequest) *LoadResult {
	cfg := &packages.Config{
		Mode:  packages.NeedName | packages.NeedFiles | packages.NeedImports | packages.NeedModule,
		Dir:   req.Dir,
		Tests: true,
	}
	pkgs, err := packages.Load(cfg, req.Patterns...)
	res := &LoadResult{Errors: []PackageError{}}
	if err != nil {
		res.Fatal = goCommandWords(err.Error())
		return res
	}
	seen := map[PackageError]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		res.Packages++
		for _, e := range p.Errors {
			pe := PackageError{Pos: absPos(req.Dir, e.Pos), Msg: e.Msg, Package: p.PkgPath}
			key := PackageError{Pos: pe.Pos, Msg: pe.Msg}
			if seen[key] {
				continue
			}
			seen[key] = true
			if len(res.Errors) >= req.MaxErrors {
				res.Truncated++
				continue
			}
			res.Errors = append(res.Errors, pe)
		}
	})
	return res
}

// goCommandWords strips go/packages's wrapping ("err: exit status 1:
// stderr: …") so the user reads what the go command said.
func goCommandWords(msg string) string {
	if _, after, ok := strings.Cut(msg, "stderr: "); ok {
		msg = after
	}
	return strings.TrimSpace(msg)
}

// absPos makes a "file:line:col" position absolute: the go command prints
// files relative to its working directory.
func absPos(dir, pos string) string {
	if pos == "" || pos == "-" {
		return ""
	}
	if !filepath.IsAbs(pos) {
		pos = filepath.Join(dir, pos)
	}
	return pos
}
