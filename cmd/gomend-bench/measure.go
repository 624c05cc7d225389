package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/gomend/gomend/internal/benchtree"
)

// results is everything one run measured; it is also the JSON document.
type results struct {
	Date          string        `json:"date"`
	GOOS          string        `json:"goos"`
	GOARCH        string        `json:"goarch"`
	CPUs          int           `json:"cpus"`
	GomendVersion string        `json:"gomendVersion"`
	GoplsVersion  string        `json:"goplsVersion,omitempty"`
	GoBenchmarks  []goBenchmark `json:"goBenchmarks,omitempty"`
	Trees         []treeResult  `json:"trees"`
	Trace         *traceResult  `json:"trace,omitempty"`
}

type treeResult struct {
	Name string `json:"name"`
	// Generated is false for a checkout named by -repo: nothing in it is
	// edited, so there is no go.work recheck.
	Generated bool         `json:"generated"`
	Files     int          `json:"files"`
	GoFiles   int          `json:"goFiles"`
	Modules   int          `json:"modules"`
	Check     checkResult  `json:"check"`
	Serve     serveResult  `json:"serve"`
	Gopls     *goplsResult `json:"gopls,omitempty"`
}

// checkResult compares a cold `gomend check` with `find DIR -name go.mod`,
// run alternately so drift in the machine's load hits both alike.
type checkResult struct {
	Pairs          int       `json:"pairs"`
	FindMs         []float64 `json:"findMs"`
	GomendMs       []float64 `json:"gomendMs"`
	FindMedianMs   float64   `json:"findMedianMs"`
	GomendMedianMs float64   `json:"gomendMedianMs"`
	// Ratio is gomend's median over find's: at most 1 is the target.
	Ratio         float64 `json:"ratio"`
	GomendPeakRSS int64   `json:"gomendPeakRSSBytes"`
	FindPeakRSS   int64   `json:"findPeakRSSBytes"`
}

// measureAll measures every preset tree, then the -repo checkout.
func measureAll(ctx context.Context, c config) (*results, error) {
	res := &results{
		Date:   time.Now().UTC().Format(time.RFC3339),
		GOOS:   runtime.GOOS,
		GOARCH: runtime.GOARCH,
		CPUs:   runtime.NumCPU(),
	}
	var err error
	if res.GomendVersion, err = versionOf(ctx, c.gomend, "version"); err != nil {
		return nil, err
	}
	if c.gopls != "" {
		if res.GoplsVersion, err = versionOf(ctx, c.gopls, "version"); err != nil {
			return nil, err
		}
	}
	if c.goBench != "" {
		if res.GoBenchmarks, err = readGoBench(c.goBench); err != nil {
			return nil, err
		}
	}
	for _, name := range c.presets {
		spec, _ := benchtree.Preset(name)
		c.logf("%s: generating or reusing the tree in %s", name, c.cacheDir)
		dir, st, err := benchtree.Ensure(ctx, c.cacheDir, spec)
		if err != nil {
			return nil, err
		}
		t := treeResult{Name: name, Generated: true, Files: st.Files, GoFiles: st.GoFiles, Modules: st.Modules}
		if err := measureTree(ctx, c, dir, &t); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		res.Trees = append(res.Trees, t)
	}
	if c.traceMB > 0 {
		c.logf("trace: gomend trace vs wc -l on %d MB, %d pairs", c.traceMB, c.pairs)
		if res.Trace, err = measureTrace(ctx, c, c.traceMB); err != nil {
			return nil, fmt.Errorf("trace: %w", err)
		}
	}
	if c.repo != "" {
		t := treeResult{Name: filepath.Base(c.repo)}
		if err := countTree(c.repo, &t); err != nil {
			return nil, err
		}
		if err := measureTree(ctx, c, c.repo, &t); err != nil {
			return nil, fmt.Errorf("%s: %w", c.repo, err)
		}
		res.Trees = append(res.Trees, t)
	}
	return res, nil
}

func measureTree(ctx context.Context, c config, dir string, t *treeResult) error {
	var err error
	c.logf("%s: cold check vs find, %d pairs", t.Name, c.pairs)
	if t.Check, err = measureCheck(ctx, c, dir); err != nil {
		return err
	}
	c.logf("%s: gomend serve, %d sessions", t.Name, c.serveRuns)
	if t.Serve, err = measureServe(ctx, c, dir, t.Generated); err != nil {
		return err
	}
	if c.gopls != "" {
		c.logf("%s: gopls, %d sessions", t.Name, c.goplsRuns)
		g, err := measureGopls(ctx, c, dir)
		if err != nil {
			return err
		}
		t.Gopls = &g
	}
	return nil
}

// measureCheck runs one warm-up of each (both then read a warm page
// cache), then pairs in alternating order.
func measureCheck(ctx context.Context, c config, dir string) (checkResult, error) {
	gomend := []string{c.gomend, "check", "--no-exec", "--format", "json", dir}
	find := []string{"find", dir, "-name", "go.mod"}
	r := checkResult{Pairs: c.pairs}
	for _, argv := range [][]string{find, gomend} {
		if _, _, err := timeCommand(ctx, c, argv); err != nil {
			return r, err
		}
	}
	for i := range c.pairs {
		order := [][]string{find, gomend}
		if i%2 == 1 {
			order = [][]string{gomend, find}
		}
		for _, argv := range order {
			took, rss, err := timeCommand(ctx, c, argv)
			if err != nil {
				return r, err
			}
			if argv[0] == "find" {
				r.FindMs = append(r.FindMs, ms(took))
				r.FindPeakRSS = max(r.FindPeakRSS, rss)
			} else {
				r.GomendMs = append(r.GomendMs, ms(took))
				r.GomendPeakRSS = max(r.GomendPeakRSS, rss)
			}
		}
	}
	r.FindMedianMs, r.GomendMedianMs = median(r.FindMs), median(r.GomendMs)
	r.Ratio = r.GomendMedianMs / r.FindMedianMs
	return r, nil
}

// timeCommand runs argv through the spawner with its output discarded (to
// /dev/null, as a shell redirect would) and returns its wall time and the
// peak RSS the OS accounted to it. gomend check exits 1 when it found
// problems, which is not a failure here.
func timeCommand(ctx context.Context, c config, argv []string) (time.Duration, int64, error) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		return 0, 0, err
	}
	defer null.Close()
	var stderr strings.Builder
	wrapped, env, report := c.spawn.wrap(argv, nil)
	cmd := exec.CommandContext(ctx, wrapped[0], wrapped[1:]...)
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = null, &stderr
	err = cmd.Run()
	if cmd.ProcessState == nil || cmd.ProcessState.ExitCode() > 1 || cmd.ProcessState.ExitCode() < 0 {
		return 0, 0, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, tail(stderr.String()))
	}
	r, err := readSpawnReport(report)
	if err != nil {
		return 0, 0, err
	}
	return time.Duration(r.WallNs), r.MaxRSS, nil
}

// versionOf is the first line of `BIN version`.
func versionOf(ctx context.Context, bin string, args ...string) (string, error) {
	out, err := exec.CommandContext(ctx, bin, args...).Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %w", bin, strings.Join(args, " "), err)
	}
	line, _, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	return line, nil
}

// countTree counts a checkout's files as find would see them, and its
// modules as the go command would (none under testdata, vendor, or a
// directory whose name starts with "." or "_").
func countTree(dir string, t *treeResult) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: find would complain and go on
		}
		if !d.Type().IsRegular() {
			return nil
		}
		t.Files++
		switch rel, _ := filepath.Rel(dir, path); {
		case strings.HasSuffix(d.Name(), ".go"):
			t.GoFiles++
		case d.Name() == "go.mod" && !ignoredByGo(filepath.Dir(rel)):
			t.Modules++
		}
		return nil
	})
}

func ignoredByGo(rel string) bool {
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part != "." && (strings.HasPrefix(part, ".") || strings.HasPrefix(part, "_") || part == "testdata" || part == "vendor" || part == "node_modules") {
			return true
		}
	}
	return false
}

func (c config) logf(format string, args ...any) {
	fmt.Fprintf(c.log, "gomend-bench: "+format+"\n", args...)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func tail(s string) string {
	if len(s) > 500 {
		return "…" + s[len(s)-500:]
	}
	return s
}
