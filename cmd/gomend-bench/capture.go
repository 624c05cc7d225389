package main

// The capture command: real gopls -rpc.trace files from fixture workspaces,
// for the trace corpus of internal/goplstrace and diagnostics. It drives
// any gopls through internal/lspdriver the way the shared corpus's driver
// drove v0.24.0 (initialize with rootUri and workspaceFolders, initialized,
// didChangeConfiguration, didOpen, wait for quiet, hover, wait for quiet,
// shutdown, exit), on the corpus's scenarios under the corpus's names, so
// that traces of other gopls versions can share its expectations.
//
//	gomend-bench capture -gopls BIN -out DIR [-scenario NAME]... [-work DIR]
//	gomend-bench capture -fixtures DIR [-scenario NAME]...
//
// With -fixtures, nothing is run: each scenario's fixture is written to
// DIR/<scenario> (with what it needs outside its folder under DIR), and
// DIR/<scenario>.json says how to drive it (captureManifest), for drivers
// other than ours (e2e/capture-channels.sh runs it in a real VS Code).

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/gomend/gomend/internal/goplstrace"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/lspdriver"
)

// captureScenario is one fixture workspace and how gopls is run on it.
type captureScenario struct {
	name  string
	files map[string]string // slash paths relative to the workspace folder
	open  []string          // files opened, in order
	hover captureAt         // where the hover is asked
	// env returns the variables set for gopls on top of the baseline;
	// work is the capture's working directory (for paths it must name).
	env func(work string) []string
	// setup prepares what the scenario needs outside its folder.
	setup func(work string) error
	// noGo: the scenario's PATH must hold no go command.
	noGo bool
}

// captureAt is a word in an open file: the hover goes one character into
// its first whole-word occurrence (as the corpus's driver did).
type captureAt struct{ file, word string }

// The fixtures' files, shared by several scenarios.
const (
	captureMainUtil = `package main

import (
	"fmt"
	"%s/util"
)

func main() {
	fmt.Println(greeting())
	_ = util.Name
}

func greeting() string { return "hello" }
`
	captureUtil = `package util

// Name is exported.
const Name = "util"
`
	captureMainPlain = `package main

import (
	"fmt"
)

func main() {
	fmt.Println(greeting())
}

func greeting() string { return "hello" }
`
	captureMainSemver = `package main

import (
	"fmt"

	"golang.org/x/mod/semver"
)

func main() {
	fmt.Println(semver.IsValid("v1.2.3"))
}
`
	// golang.org/x/mod v0.20.0's go.sum lines: the go command needs no
	// download when the module cache has it, and the failures these
	// scenarios show come before any.
	captureSemverSum = `golang.org/x/mod v0.20.0 h1:utOm6MM3R3dnawAiJgn0y+xvuYRsm1RKM/4giyfDgV0=
golang.org/x/mod v0.20.0/go.mod h1:hTbmBsO62+eylJbnUtE2MGJUyE7QWk4xUqPFrRgJ+7c=
`
)

func captureGoMod(module, goVersion string, extra ...string) string {
	s := "module " + module + "\n\ngo " + goVersion + "\n"
	for _, e := range extra {
		s += "\n" + e + "\n"
	}
	return s
}

// captureRegularFile is a regular file in the work directory under which
// 09a's GOCACHE points (the corpus used /etc/hostname).
const captureRegularFile = "regular-file"

var captureScenarios = []captureScenario{
	{
		name: "01-healthy-single-module",
		files: map[string]string{
			"go.mod":       captureGoMod("example.com/healthy", "1.22"),
			"main.go":      fmt.Sprintf(captureMainUtil, "example.com/healthy"),
			"util/util.go": captureUtil,
		},
		open:  []string{"main.go", "go.mod"},
		hover: captureAt{"main.go", "Println"},
	},
	{
		name: "03-parent-of-two-modules-no-gowork",
		files: map[string]string{
			"svc-a/go.mod": captureGoMod("example.com/svca", "1.22"),
			"svc-a/main.go": `package main

import (
	"fmt"
	"example.com/svcb"
)

func main() {
	fmt.Println(greeting())
	_ = svcb.Name
}

func greeting() string { return "hello" }
`,
			"svc-b/go.mod": captureGoMod("example.com/svcb", "1.22"),
			"svc-b/svcb.go": `package svcb

// Name is exported.
const Name = "svcb"
`,
		},
		open:  []string{"svc-a/main.go", "svc-b/svcb.go"},
		hover: captureAt{"svc-a/main.go", "Println"},
	},
	{
		name: "07-go111module-off",
		files: map[string]string{
			"go.mod":       captureGoMod("example.com/gomodoff", "1.22"),
			"main.go":      fmt.Sprintf(captureMainUtil, "example.com/gomodoff"),
			"util/util.go": captureUtil,
		},
		open:  []string{"main.go"},
		hover: captureAt{"main.go", "Println"},
		env:   func(string) []string { return []string{"GO111MODULE=off"} },
	},
	{
		name: "09a-gocache-unwritable-path-under-regular-file",
		files: map[string]string{
			"go.mod":  captureGoMod("example.com/gocacheunder", "1.22", "require golang.org/x/mod v0.20.0"),
			"go.sum":  captureSemverSum,
			"main.go": captureMainSemver,
		},
		open:  []string{"main.go"},
		hover: captureAt{"main.go", "IsValid"},
		env: func(work string) []string {
			return []string{"GOCACHE=" + filepath.Join(work, captureRegularFile, "go-build")}
		},
		setup: func(work string) error {
			return os.WriteFile(filepath.Join(work, captureRegularFile), []byte("not a directory\n"), 0o644)
		},
	},
	{
		name: "10b-goflags-unknown-flag",
		files: map[string]string{
			"go.mod":  captureGoMod("example.com/goflagsbad", "1.22", "require golang.org/x/mod v0.20.0"),
			"go.sum":  captureSemverSum,
			"main.go": captureMainSemver,
		},
		open:  []string{"main.go"},
		hover: captureAt{"main.go", "IsValid"},
		env:   func(string) []string { return []string{"GOFLAGS=-notaflag"} },
	},
	{
		name: "16a-go-version-newer-than-toolchain-gotoolchain-local",
		files: map[string]string{
			"go.mod":  captureGoMod("example.com/toonew", "1.99"),
			"main.go": captureMainPlain,
		},
		open:  []string{"main.go", "go.mod"},
		hover: captureAt{"main.go", "Println"},
		env:   func(string) []string { return []string{"GOTOOLCHAIN=local"} },
	},
	{
		name: "18-gomod-syntax-error",
		files: map[string]string{
			"go.mod":  captureGoMod("example.com/syntaxerr", "1.22", "requre golang.org/x/mod v0.20.0"),
			"main.go": captureMainPlain,
		},
		open:  []string{"main.go", "go.mod"},
		hover: captureAt{"main.go", "Println"},
	},
	{
		name: "22-go-command-not-on-path",
		files: map[string]string{
			"go.mod":  captureGoMod("example.com/nogo", "1.22"),
			"main.go": captureMainPlain,
		},
		open:  []string{"main.go"},
		hover: captureAt{"main.go", "Println"},
		env:   func(string) []string { return []string{"PATH=/usr/bin:/bin"} },
		noGo:  true,
	},
	{
		name: "28-healthy-module-go1.21-directive-control",
		files: map[string]string{
			"go.mod":       captureGoMod("example.com/healthy121", "1.21"),
			"main.go":      fmt.Sprintf(captureMainUtil, "example.com/healthy121"),
			"util/util.go": captureUtil,
		},
		open:  []string{"main.go"},
		hover: captureAt{"main.go", "Println"},
	},
}

// captureConfig is how long to wait for gopls to settle.
type captureConfig struct {
	gopls, out, work string
	minFirst         time.Duration // the first wait lasts at least this
	quiet            time.Duration // no message for this long = settled
	maxWait          time.Duration // a wait never lasts longer
	log              io.Writer
}

type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func runCapture(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("capture", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c captureConfig
	var names stringList
	fs.StringVar(&c.gopls, "gopls", "", "the gopls binary to trace (required)")
	fs.StringVar(&c.out, "out", "", "directory the <scenario>.log traces are written to (required)")
	fs.Var(&names, "scenario", "a scenario to capture (repeatable; default: all)")
	fs.StringVar(&c.work, "work", filepath.Join(os.TempDir(), "gomend-capture"), "where fixtures are written (ws/<scenario>, recreated each run)")
	fs.DurationVar(&c.minFirst, "min", 5*time.Second, "the wait after opening the files lasts at least this")
	fs.DurationVar(&c.quiet, "quiet", 3*time.Second, "gopls has settled once it has sent nothing for this long")
	fs.DurationVar(&c.maxWait, "max", 40*time.Second, "longest wait for gopls to settle")
	fixtures := fs.String("fixtures", "", "only write each scenario's fixture to DIR/<scenario> and how to drive it to DIR/<scenario>.json; run nothing")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if (*fixtures == "" && (c.gopls == "" || c.out == "")) || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "usage: gomend-bench capture -gopls BIN -out DIR [-scenario NAME]... [-work DIR]")
		fmt.Fprintln(stderr, "       gomend-bench capture -fixtures DIR [-scenario NAME]...")
		return 2
	}
	var chosen []captureScenario
	if len(names) == 0 {
		chosen = captureScenarios
	}
	for _, n := range names {
		i := slices.IndexFunc(captureScenarios, func(s captureScenario) bool { return s.name == n })
		if i < 0 {
			fmt.Fprintf(stderr, "gomend-bench capture: unknown scenario %q; known: %s\n", n, strings.Join(captureNames(), " "))
			return 2
		}
		chosen = append(chosen, captureScenarios[i])
	}
	if *fixtures != "" {
		dir, err := filepath.Abs(*fixtures)
		if err == nil {
			err = writeFixtures(dir, chosen, stdout)
		}
		if err != nil {
			fmt.Fprintf(stderr, "gomend-bench capture: %v\n", err)
			return 1
		}
		return 0
	}
	for _, p := range []*string{&c.gopls, &c.out, &c.work} {
		abs, err := filepath.Abs(*p)
		if err != nil {
			fmt.Fprintf(stderr, "gomend-bench capture: %v\n", err)
			return 2
		}
		*p = abs
	}
	if _, err := os.Stat(c.gopls); err != nil {
		fmt.Fprintf(stderr, "gomend-bench capture: %v\n", err)
		return 2
	}
	if err := os.MkdirAll(c.out, 0o755); err != nil {
		fmt.Fprintf(stderr, "gomend-bench capture: %v\n", err)
		return 1
	}
	c.log = stderr
	failed := 0
	for _, sc := range chosen {
		line, err := captureOne(ctx, c, sc)
		if err != nil {
			fmt.Fprintf(stderr, "gomend-bench capture: %s: %v\n", sc.name, err)
			failed++
			if ctx.Err() != nil {
				break
			}
			continue
		}
		fmt.Fprintln(stdout, line)
	}
	if failed > 0 {
		return 1
	}
	return 0
}

func captureNames() []string {
	var out []string
	for _, s := range captureScenarios {
		out = append(out, s.name)
	}
	return out
}

// captureEnv is gopls's environment: ours, without GOFLAGS and GOTOOLCHAIN
// (and the spawner's variable), GOENV pointing at an empty file so no
// user configuration leaks in, and the scenario's variables.
func captureEnv(goenvFile string, overrides []string) []string {
	drop := map[string]bool{"GOFLAGS": true, "GOTOOLCHAIN": true, "GOENV": true}
	for _, kv := range overrides {
		k, _, _ := strings.Cut(kv, "=")
		drop[k] = true
	}
	var env []string
	for _, kv := range withoutSpawnEnv(os.Environ()) {
		if k, _, _ := strings.Cut(kv, "="); !drop[k] {
			env = append(env, kv)
		}
	}
	env = append(env, "GOENV="+goenvFile)
	return append(env, overrides...)
}

// captureOne writes one scenario's fixture and traces one gopls session
// on it; it returns a line saying what came of it.
func captureOne(ctx context.Context, c captureConfig, sc captureScenario) (string, error) {
	folder := filepath.Join(c.work, "ws", sc.name)
	if err := writeFixture(folder, sc); err != nil {
		return "", err
	}
	goenvFile := filepath.Join(c.work, "goenv-empty")
	if err := os.WriteFile(goenvFile, nil, 0o644); err != nil {
		return "", err
	}
	if sc.setup != nil {
		if err := sc.setup(c.work); err != nil {
			return "", err
		}
	}
	var overrides []string
	if sc.env != nil {
		overrides = sc.env(c.work)
	}
	env := captureEnv(goenvFile, overrides)
	if sc.noGo {
		for _, kv := range overrides {
			if path, ok := strings.CutPrefix(kv, "PATH="); ok {
				for _, dir := range filepath.SplitList(path) {
					if _, err := os.Stat(filepath.Join(dir, "go")); err == nil {
						return "", fmt.Errorf("%s holds a go command: the scenario needs a PATH without one", dir)
					}
				}
			}
		}
	}
	logPath := filepath.Join(c.out, sc.name+".log")
	if err := os.Remove(logPath); err != nil && !errors.Is(err, os.ErrNotExist) {
		return "", err
	}
	fmt.Fprintf(c.log, "%s: gopls in %s, env %s\n", sc.name, folder, strings.Join(append([]string{"GOENV=" + goenvFile}, overrides...), " "))

	startCtx, cancel := context.WithTimeout(ctx, time.Minute)
	s, err := lspdriver.Start(startCtx, lspdriver.Options{
		Argv:    []string{c.gopls, "-rpc.trace", "-logfile=" + logPath, "serve"},
		Dir:     folder,
		Env:     env,
		Folders: []string{folder},
		Stderr:  prefixWriter{c.log, sc.name + ": gopls stderr: "},
	})
	cancel()
	if err != nil {
		return "", err
	}
	started := s.Sent()
	closed := false
	defer func() {
		if !closed {
			cctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			_, _ = s.Close(cctx)
		}
	}()

	if err := s.Notify("workspace/didChangeConfiguration", map[string]any{"settings": nil}); err != nil {
		return "", err
	}
	texts := map[string]string{}
	for _, rel := range sc.open {
		text, ok := sc.files[rel]
		if !ok {
			return "", fmt.Errorf("opens %s, which the fixture does not have", rel)
		}
		texts[rel] = text
		err := s.Notify("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
			"uri": hostfs.PathToURI(filepath.Join(folder, filepath.FromSlash(rel))), "languageId": languageID(rel),
			"version": 1, "text": text,
		}})
		if err != nil {
			return "", err
		}
	}
	timedOut1, err := waitQuiet(ctx, s, started, c.minFirst, c.quiet, c.maxWait)
	if err != nil {
		return "", fmt.Errorf("waiting for gopls to load: %w", err)
	}

	hover := "no hover"
	if text, ok := texts[sc.hover.file]; ok {
		line, char, ok := wordPosition(text, sc.hover.word)
		if !ok {
			return "", fmt.Errorf("no word %q in %s", sc.hover.word, sc.hover.file)
		}
		hctx, cancel := context.WithTimeout(ctx, c.maxWait)
		var res any
		err := s.Call(hctx, "textDocument/hover", map[string]any{
			"textDocument": map[string]any{"uri": hostfs.PathToURI(filepath.Join(folder, filepath.FromSlash(sc.hover.file)))},
			"position":     map[string]int{"line": line, "character": char},
		}, &res)
		cancel()
		var rpcErr *lspdriver.RPCError
		switch {
		case errors.As(err, &rpcErr):
			hover = "hover failed: " + rpcErr.Message
		case err != nil:
			return "", err
		case res == nil:
			hover = "hover null"
		default:
			hover = "hover ok"
		}
	} else {
		return "", fmt.Errorf("hovers in %s, which it does not open", sc.hover.file)
	}
	timedOut2, err := waitQuiet(ctx, s, time.Now(), 0, c.quiet, c.maxWait)
	if err != nil {
		return "", fmt.Errorf("waiting for gopls after the hover: %w", err)
	}

	cctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	res, closeErr := s.Close(cctx)
	cancel()
	closed = true
	if closeErr != nil {
		fmt.Fprintf(c.log, "%s: closing gopls: %v\n", sc.name, closeErr)
	}

	f, err := os.Open(logPath)
	if err != nil {
		return "", fmt.Errorf("gopls wrote no trace: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	sum, err := goplstrace.Summarize(f)
	if err != nil {
		return "", err
	}
	version := "?"
	if sum.Server != nil {
		version = sum.Server.GoplsVersion + " (built with " + sum.Server.GoVersion + ")"
	}
	var notes []string
	if timedOut1 || timedOut2 {
		notes = append(notes, fmt.Sprintf("gopls was still talking after %v", c.maxWait))
	}
	if res.ExitCode != 0 {
		notes = append(notes, fmt.Sprintf("exit status %d", res.ExitCode))
	}
	line := fmt.Sprintf("%s: %s, %d bytes, %d records, %d views, %d messages from gopls, %s, gopls %s",
		sc.name, logPath, st.Size(), sum.Records, len(sum.Views), len(s.Messages()), hover, version)
	if len(notes) > 0 {
		line += " [" + strings.Join(notes, "; ") + "]"
	}
	return line, nil
}

// writeFixture writes a scenario's files to folder, which it recreates.
func writeFixture(folder string, sc captureScenario) error {
	if err := os.RemoveAll(folder); err != nil {
		return err
	}
	for rel, content := range sc.files {
		p := filepath.Join(folder, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// captureManifest is DIR/<scenario>.json of capture -fixtures: how to
// drive a scenario as captureOne does, in another client.
type captureManifest struct {
	Name   string `json:"name"`
	Folder string `json:"folder"` // the workspace folder to open
	// Open are the files to open, in order (slash paths in Folder).
	Open  []string          `json:"open"`
	Hover captureManifestAt `json:"hover"`
	// Env is what the scenario sets for gopls, on top of an environment
	// without GOFLAGS, GOTOOLCHAIN and GOENV (and with no user go env file).
	Env map[string]string `json:"env"`
	// NoGo: Env's PATH must hold no go command.
	NoGo bool `json:"noGo,omitempty"`
}

// captureManifestAt is the hover: the word, and the LSP position (0-based,
// UTF-16) one character into it.
type captureManifestAt struct {
	File      string `json:"file"`
	Word      string `json:"word"`
	Line      int    `json:"line"`
	Character int    `json:"character"`
}

// writeFixtures writes each scenario's fixture to dir/<name>, runs its
// setup in dir, and writes dir/<name>.json.
func writeFixtures(dir string, scenarios []captureScenario, stdout io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, sc := range scenarios {
		folder := filepath.Join(dir, sc.name)
		if err := writeFixture(folder, sc); err != nil {
			return err
		}
		if sc.setup != nil {
			if err := sc.setup(dir); err != nil {
				return fmt.Errorf("%s: %w", sc.name, err)
			}
		}
		line, char, ok := wordPosition(sc.files[sc.hover.file], sc.hover.word)
		if !ok {
			return fmt.Errorf("%s: no word %q in %s", sc.name, sc.hover.word, sc.hover.file)
		}
		m := captureManifest{
			Name: sc.name, Folder: folder, Open: sc.open, Env: map[string]string{}, NoGo: sc.noGo,
			Hover: captureManifestAt{File: sc.hover.file, Word: sc.hover.word, Line: line, Character: char},
		}
		if sc.env != nil {
			for _, kv := range sc.env(dir) {
				k, v, _ := strings.Cut(kv, "=")
				m.Env[k] = v
			}
		}
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, sc.name+".json"), append(b, '\n'), 0o644); err != nil {
			return err
		}
		fmt.Fprintln(stdout, folder)
	}
	return nil
}

// waitQuiet returns once gopls has sent nothing for quiet and at least
// minAge has passed since from, or (timedOut) once maxAge has. It sleeps
// only in WaitFor, until the next message or the moment the server would
// have been quiet long enough.
func waitQuiet(ctx context.Context, s *lspdriver.Session, from time.Time, minAge, quiet, maxAge time.Duration) (timedOut bool, err error) {
	for {
		msgs := s.Messages()
		last := from
		if n := len(msgs); n > 0 && msgs[n-1].At.After(last) {
			last = msgs[n-1].At
		}
		now := time.Now()
		if now.Sub(from) >= maxAge {
			return true, nil
		}
		if now.Sub(last) >= quiet && now.Sub(from) >= minAge {
			return false, nil
		}
		until := last.Add(quiet)
		if t := from.Add(minAge); t.After(until) {
			until = t
		}
		if t := from.Add(maxAge); t.Before(until) {
			until = t
		}
		wctx, cancel := context.WithDeadline(ctx, until)
		seen := len(msgs)
		_, err := s.WaitFor(wctx, func(m lspdriver.Message) bool { return m.Index >= seen })
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return false, ctx.Err()
			}
			if !errors.Is(err, context.DeadlineExceeded) {
				return false, err // the server stopped
			}
		}
	}
}

// languageID is what VS Code says a file is.
func languageID(rel string) string {
	switch filepath.Base(rel) {
	case "go.mod":
		return "go.mod"
	case "go.work":
		return "go.work"
	}
	return "go"
}

// wordPosition is the LSP position (0-based line, UTF-16 column) one
// character into the first whole-word occurrence of word in text.
func wordPosition(text, word string) (line, char int, ok bool) {
	for i := 0; ; {
		k := strings.Index(text[i:], word)
		if k < 0 {
			return 0, 0, false
		}
		start, end := i+k, i+k+len(word)
		if !isIdentByteBefore(text, start) && !isIdentByteAt(text, end) {
			lineStart := strings.LastIndexByte(text[:start], '\n') + 1
			line = strings.Count(text[:start], "\n")
			_, size := utf8.DecodeRuneInString(text[start:])
			return line, utf16Len(text[lineStart : start+size]), true
		}
		i = start + 1
	}
}

func isIdentByteBefore(text string, i int) bool { return i > 0 && isIdentByte(text[i-1]) }
func isIdentByteAt(text string, i int) bool     { return i < len(text) && isIdentByte(text[i]) }

func isIdentByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || b >= utf8.RuneSelf
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += len(utf16.Encode([]rune{r}))
	}
	return n
}

// prefixWriter passes gopls's stderr on, each write prefixed.
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p prefixWriter) Write(b []byte) (int, error) {
	if _, err := fmt.Fprintf(p.w, "%s%s", p.prefix, b); err != nil {
		return 0, err
	}
	return len(b), nil
}
