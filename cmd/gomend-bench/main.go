// Command gomend-bench is the harness behind `make bench`: it generates
// synthetic Go workspaces (internal/benchtree) and measures, on the same
// machine and in one run, gomend against the tools a user already has —
// `find -name go.mod` for a cold static check, the real gopls for the time
// to first diagnostics and peak memory — plus gomend's recheck after an
// edit. It prints a Markdown table and writes the figures as JSON.
//
//	gomend-bench gen [-preset NAME] [-seed N] [-modules N] [-packages N] [-files N] [-depth N] [-without LIST] DIR
//	gomend-bench run -gomend BIN [-gopls BIN] [-presets medium,large,huge] [-repo DIR] ...
//	gomend-bench capture -gopls BIN -out DIR [-scenario NAME]...
//
// capture (capture.go) records real gopls -rpc.trace files on fixture
// workspaces, for the trace corpus of the tests.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/internal/benchtree"
)

func main() {
	if report := os.Getenv(spawnEnv); report != "" {
		os.Exit(runSpawner(report, os.Args[1:]))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "usage: gomend-bench gen|run|capture [flags]; gomend-bench run -h for the flags")
		return 2
	}
	switch args[0] {
	case "gen":
		return runGen(ctx, args[1:], stdout, stderr)
	case "run":
		return runBench(ctx, args[1:], stdout, stderr)
	case "capture":
		return runCapture(ctx, args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "gomend-bench: unknown command %q (want gen, run or capture)\n", args[0])
	return 2
}

// runGen writes one tree, for anyone who wants to look at it or time
// another tool on it: a preset, with any of its parameters overridden.
func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	preset := fs.String("preset", "medium", "tree size: "+strings.Join(benchtree.Presets(), ", "))
	seed := fs.Int64("seed", 0, "random seed (0: the preset's)")
	modules := fs.Int("modules", 0, "modules in go.work (0: the preset's)")
	packages := fs.Int("packages", 0, "packages per module (0: the preset's)")
	files := fs.Int("files", 0, ".go files per package (0: the preset's)")
	depth := fs.Int("depth", 0, "directories from a module root to its packages (0: the preset's)")
	without := fs.String("without", "", "comma-separated features to leave out: gowork, forgotten, typeerror, vendor, testdata, node_modules, git, symlinks, nonascii")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: gomend-bench gen [-preset NAME] [-seed N] [-modules N] [-packages N] [-files N] [-depth N] [-without LIST] DIR")
		return 2
	}
	spec, ok := benchtree.Preset(*preset)
	if !ok {
		fmt.Fprintf(stderr, "gomend-bench: unknown preset %q\n", *preset)
		return 2
	}
	for _, o := range []struct {
		v     int
		field *int
	}{{*modules, &spec.Modules}, {*packages, &spec.PackagesPerModule}, {*files, &spec.FilesPerPackage}, {*depth, &spec.Depth}} {
		if o.v != 0 {
			*o.field = o.v
			spec.Name = "custom"
		}
	}
	if *seed != 0 {
		spec.Seed = *seed
	}
	features := map[string]*bool{"gowork": &spec.GoWork, "forgotten": &spec.Forgotten, "typeerror": &spec.TypeError,
		"vendor": &spec.Vendor, "testdata": &spec.TestData, "node_modules": &spec.NodeModules, "git": &spec.Git,
		"symlinks": &spec.Symlinks, "nonascii": &spec.NonASCII}
	for _, f := range strings.Split(*without, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		b, ok := features[f]
		if !ok {
			fmt.Fprintf(stderr, "gomend-bench: unknown feature %q in -without\n", f)
			return 2
		}
		*b = false
		spec.Name = "custom"
	}
	if err := spec.Validate(); err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 2
	}
	st, err := benchtree.Generate(ctx, fs.Arg(0), spec)
	if err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "%s: %d files (%d .go), %d directories, %d symlinks, %d modules\n",
		fs.Arg(0), st.Files, st.GoFiles, st.Dirs, st.Symlinks, st.Modules)
	return 0
}

// config is what one run measures and how.
type config struct {
	gomend, gopls string
	presets       []string
	repo          string
	cacheDir      string
	pairs         int // find/gomend pairs for the cold check
	serveRuns     int // gomend serve sessions per tree
	goplsRuns     int // gopls sessions per tree
	recheckEdits  int // go.work edits per session
	goEdits       int // didChange of a .go file per session
	jsonOut       string
	goBench       string // go test -bench output to include
	strict        bool
	traceMB       int // generated trace size for the trace row (0: skip)
	log           io.Writer
	spawn         *spawner // starts every measured process (spawn.go)
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c config
	var presets string
	fs.StringVar(&c.gomend, "gomend", "", "the gomend binary to measure (required)")
	fs.StringVar(&c.gopls, "gopls", "", "the gopls binary to compare with (empty: skip gopls)")
	fs.StringVar(&presets, "presets", "medium,large,huge", "comma-separated tree presets ("+strings.Join(benchtree.Presets(), ", ")+"); empty for none")
	fs.StringVar(&c.repo, "repo", "", "also measure this checkout (read only: no go.work edits)")
	fs.StringVar(&c.cacheDir, "cache", "", "where generated trees are kept between runs (required)")
	fs.IntVar(&c.pairs, "pairs", 5, "alternating find/gomend pairs for the cold check (median)")
	fs.IntVar(&c.serveRuns, "serve-runs", 3, "gomend serve sessions per tree (median)")
	fs.IntVar(&c.goplsRuns, "gopls-runs", 2, "gopls sessions per tree (the fastest counts)")
	fs.IntVar(&c.recheckEdits, "edits", 10, "go.work edits per gomend session (median)")
	fs.IntVar(&c.goEdits, "go-edits", 200, "didChange notifications of a .go file per gomend session")
	fs.StringVar(&c.jsonOut, "json", "", "write the figures as JSON here (default: CACHE/results.json)")
	fs.StringVar(&c.goBench, "gobench", "", "include this `go test -bench -benchmem` output (the recheck target is judged on it)")
	fs.BoolVar(&c.strict, "strict", false, "exit 1 when a target is missed")
	fs.IntVar(&c.traceMB, "trace-mb", 1024, "megabytes of generated gopls trace for gomend trace against wc -l (0: skip)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if c.gomend == "" || c.cacheDir == "" {
		fmt.Fprintln(stderr, "gomend-bench run: -gomend and -cache are required")
		return 2
	}
	if c.pairs < 1 || c.serveRuns < 1 || c.goplsRuns < 1 || c.recheckEdits < 1 || c.goEdits < 1 {
		fmt.Fprintln(stderr, "gomend-bench run: counts must be at least 1")
		return 2
	}
	for _, p := range strings.Split(presets, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if _, ok := benchtree.Preset(p); !ok {
			fmt.Fprintf(stderr, "gomend-bench run: unknown preset %q\n", p)
			return 2
		}
		c.presets = append(c.presets, p)
	}
	if len(c.presets) == 0 && c.repo == "" && c.traceMB == 0 {
		fmt.Fprintln(stderr, "gomend-bench run: nothing to measure (no presets, no -repo)")
		return 2
	}
	for _, p := range []*string{&c.gomend, &c.gopls, &c.repo, &c.cacheDir} {
		if *p != "" {
			abs, err := filepath.Abs(*p)
			if err != nil {
				fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
				return 2
			}
			*p = abs
		}
	}
	if c.jsonOut == "" {
		c.jsonOut = filepath.Join(c.cacheDir, "results.json")
	}
	c.log = stderr
	tmp, err := os.MkdirTemp("", "gomend-bench-")
	if err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	if c.spawn, err = newSpawner(tmp); err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 1
	}

	res, err := measureAll(ctx, c)
	if err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 1
	}
	if err := res.writeJSON(c.jsonOut); err != nil {
		fmt.Fprintf(stderr, "gomend-bench: %v\n", err)
		return 1
	}
	res.writeMarkdown(stdout)
	fmt.Fprintf(stderr, "gomend-bench: figures written to %s\n", c.jsonOut)
	if c.strict && !res.targetsMet() {
		return 1
	}
	return 0
}
