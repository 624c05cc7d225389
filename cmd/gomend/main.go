// Command gomend finds and repairs misaligned Go workspaces: as a language
// server beside gopls (`gomend serve`) and as a CLI for terminals and CI
// (`gomend check`, `gomend fix`, `gomend explain`).
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gomend/gomend/internal/gocmd"
)

// Exit statuses shared by every subcommand.
const (
	exitOK       = 0 // nothing at warning or above
	exitProblems = 1 // problems found (serve: ended without shutdown+exit)
	exitCannot   = 2 // the tool could not run: bad flag, unknown check, missing folder
)

func main() {
	if gocmd.IsChild() { // a copy of us started to load packages
		os.Exit(gocmd.ServeChild(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(run(os.Args[1:], environ(os.Environ()), os.Stdout, os.Stderr))
}

// environ turns KEY=VALUE pairs into a map; the first value of a key wins,
// as in the go command's own environment handling on Unix.
func environ(kv []string) map[string]string {
	env := make(map[string]string, len(kv))
	for _, e := range kv {
		k, v, ok := strings.Cut(e, "=")
		if !ok || k == "" {
			continue
		}
		if _, seen := env[k]; !seen {
			env[k] = v
		}
	}
	return env
}

// command is one subcommand.
type command struct {
	name, args, summary string
	run                 func(c *cli, args []string) int
}

// commands is filled in init: the subcommands refer back to it for usage.
var commands []command

func init() {
	commands = []command{
		{"check", "[--format text|json|sarif] [--trace FILE]... [--no-exec] [--checks ID,-ID] [--host FILE] [FOLDER...]", "diagnose the workspace folders", runCheck},
		{"trace", "[--format text|json|sarif] FILE...", "analyse gopls traces and logs on their own", runTrace},
		{"fix", "[--likely] [--dry-run] [FOLDER...]", "apply the fixes gomend is sure of, then check again", runFix},
		{"explain", "ID", "print the documentation of a check", runExplain},
		{"serve", "[--stdio] [--logfile FILE] [--debug]", "run the language server on stdin/stdout", runServe},
		{"version", "", "print gomend's version", runVersion},
		{"help", "[COMMAND]", "show this help, or a command's", runHelp},
	}
}

// cli carries what a subcommand may use: no globals, no working directory
// beyond turning arguments into absolute paths.
type cli struct {
	env            map[string]string
	stdout, stderr io.Writer
	// terminal overrides the terminal test of stdout/stderr (tests).
	terminal func(io.Writer) bool
	// progressDelay: how long a walk runs before progress shows on a
	// terminal (0: the default; negative: at once, for tests).
	progressDelay time.Duration
}

// run is main without the process: tests call it in-process.
func run(args []string, env map[string]string, stdout, stderr io.Writer) int {
	c := &cli{env: env, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		usage(stderr)
		return exitCannot
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	case "-version", "--version":
		name = "version"
	}
	for _, cmd := range commands {
		if cmd.name == name {
			return cmd.run(c, args[1:])
		}
	}
	return c.fail("unknown command %q; run 'gomend help'", name)
}

func usage(w io.Writer) {
	fmt.Fprintf(w, "gomend finds and repairs misaligned Go workspaces.\n\nUsage:\n")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  gomend %-8s %s\n", cmd.name, cmd.args)
	}
	fmt.Fprintf(w, "\nCommands:\n")
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprintf(w, "\nFOLDER defaults to the current directory; a .code-workspace file means the folders it lists.\n"+
		"Exit status: 0 nothing at warning or above, 1 problems found, 2 gomend could not run.\n"+
		"Run 'gomend help COMMAND' for a command's flags.\n")
}

func runHelp(c *cli, args []string) int {
	if len(args) == 0 {
		usage(c.stdout)
		return exitOK
	}
	for _, cmd := range commands {
		if cmd.name == args[0] && cmd.name != "help" {
			return cmd.run(c, []string{"-h"})
		}
	}
	return c.fail("unknown command %q; run 'gomend help'", args[0])
}

// flags makes a subcommand's FlagSet. It prints nothing itself: parse
// turns -h into usage on stdout and a bad flag into one line on stderr.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// parse parses a subcommand's flags. It returns false with the exit status
// when the command should stop: 0 after -h, 2 after a bad flag.
func (c *cli) parse(fs *flag.FlagSet, args []string) (int, bool) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return 0, true
	case errors.Is(err, flag.ErrHelp):
		commandUsage(c.stdout, fs)
		return exitOK, false
	default:
		return c.fail("%s: %v (run 'gomend help %s')", fs.Name(), err, fs.Name()), false
	}
}

// commandUsage prints a subcommand's synopsis and flags.
func commandUsage(w io.Writer, fs *flag.FlagSet) {
	for _, cmd := range commands {
		if cmd.name == fs.Name() {
			fmt.Fprintf(w, "Usage: gomend %s %s\n\n%s.\n", cmd.name, cmd.args, capitalize(cmd.summary))
		}
	}
	var hasFlags bool
	fs.VisitAll(func(*flag.Flag) { hasFlags = true })
	if hasFlags {
		fmt.Fprintf(w, "\nFlags:\n")
		fs.SetOutput(w)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
}

// fail reports why gomend could not run, in one line on stderr.
func (c *cli) fail(format string, args ...any) int {
	fmt.Fprintf(c.stderr, "gomend: "+format+"\n", args...)
	return exitCannot
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
