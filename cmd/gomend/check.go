package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/hostfs"
)

func runCheck(c *cli, args []string) int {
	fs := c.flags("check")
	format := fs.String("format", "text", "output `format`: text, json or sarif")
	noExec := fs.Bool("no-exec", false, "never run the go command (static checks only)")
	checks := fs.String("checks", "", "comma-separated check `IDs` to run (ID) or skip (-ID)")
	hostFile := fs.String("host", "", "describe the machine with this JSON `file` instead of probing it (see docs/architecture.md)")
	var traces fileList
	fs.Var(&traces, "trace", "also analyse this gopls trace or log `file` (repeatable)")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	host, err := c.host(*hostFile)
	if err != nil {
		return c.fail("%v", err)
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return c.fail("check: unknown --format %q (want text, json or sarif)", *format)
	}
	sel, code, ok := c.selection(*checks)
	if !ok {
		return code
	}
	t, err := resolveTarget(fs.Args())
	if err != nil {
		return c.fail("%v", err)
	}
	if t.traces, err = traceFiles(traces); err != nil {
		return c.fail("%v", err)
	}
	return c.report(t, !*noExec, host, sel, *format)
}

// report builds the snapshot, runs the checks and prints the report in
// format; its exit status is the command's.
func (c *cli) report(t target, exec bool, host hostfs.Host, sel diagnostics.Selection, format string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	snap, err := c.snapshot(ctx, t, exec, host)
	if err != nil {
		return c.fail("%v", err)
	}
	findings := diagnostics.Run(ctx, snap, sel)
	if ctx.Err() != nil {
		return c.fail("interrupted")
	}
	r := newReport(snap, findings)
	var werr error
	switch format {
	case "json":
		werr = r.writeJSON(c.stdout)
	case "sarif":
		werr = r.writeSARIF(c.stdout)
	default:
		r.writeText(c.stdout, c.color())
	}
	if werr != nil {
		return c.fail("writing the report: %v", werr)
	}
	return r.exitStatus()
}

// fileList is a repeatable flag of file names.
type fileList []string

func (l *fileList) String() string     { return strings.Join(*l, ",") }
func (l *fileList) Set(v string) error { *l = append(*l, v); return nil }

// traceFiles makes trace file names absolute and checks they are files.
func traceFiles(names []string) ([]string, error) {
	var out []string
	for _, n := range names {
		p, err := filepath.Abs(n)
		if err != nil {
			return nil, fmt.Errorf("cannot make %s absolute: %w", n, err)
		}
		fi, err := os.Stat(p)
		if err != nil {
			return nil, fmt.Errorf("trace %s: %w", n, err)
		}
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("trace %s is not a file", n)
		}
		out = append(out, p)
	}
	return out, nil
}

// runTrace analyses gopls traces on their own, without a workspace.
func runTrace(c *cli, args []string) int {
	fs := c.flags("trace")
	format := fs.String("format", "text", "output `format`: text, json or sarif")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" && *format != "sarif" {
		return c.fail("trace: unknown --format %q (want text, json or sarif)", *format)
	}
	if fs.NArg() == 0 {
		return c.fail("trace: name at least one trace or log file")
	}
	traces, err := traceFiles(fs.Args())
	if err != nil {
		return c.fail("%v", err)
	}
	var sel diagnostics.Selection
	for _, r := range diagnostics.Rules {
		if r.Family == "trace" {
			sel = append(sel, r.ID)
		}
	}
	host, err := c.host("")
	if err != nil {
		return c.fail("%v", err)
	}
	return c.report(target{traces: traces}, false, host, sel, *format)
}

// selection parses --checks; an ID that names no check stops the run.
func (c *cli) selection(list string) (diagnostics.Selection, int, bool) {
	var sel diagnostics.Selection
	for _, s := range strings.Split(list, ",") {
		if s = strings.TrimSpace(s); s != "" {
			sel = append(sel, s)
		}
	}
	if bad := sel.Unknown(); len(bad) > 0 {
		return nil, c.fail("unknown check %s in --checks; known checks: %s",
			strings.Join(bad, ", "), strings.Join(knownChecks(), ", ")), false
	}
	return sel, 0, true
}

// knownChecks lists the registered check IDs in registry (CHECKS.md) order.
func knownChecks() []string {
	var ids []string
	for _, r := range diagnostics.Rules {
		ids = append(ids, r.ID)
	}
	return ids
}

// color reports whether stdout is a terminal that may be coloured.
func (c *cli) color() bool {
	if c.env["NO_COLOR"] != "" { // no-color.org: set and not empty
		return false
	}
	return c.isTerminal(c.stdout)
}
