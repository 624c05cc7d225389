package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/gomend/gomend/docs"
)

func runExplain(c *cli, args []string) int {
	fs := c.flags("explain")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		return c.fail("explain: want exactly one check ID (run 'gomend help explain')")
	}
	id := fs.Arg(0)
	page, ok := docs.CheckPage(id)
	if !ok || strings.ContainsAny(id, `/\`) {
		return c.fail("no such check %q; known checks: %s", id, strings.Join(knownChecks(), ", "))
	}
	fmt.Fprint(c.stdout, page)
	if !strings.HasSuffix(page, "\n") {
		fmt.Fprintln(c.stdout)
	}
	return exitOK
}

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version string

func runVersion(c *cli, args []string) int {
	fs := c.flags("version")
	if code, ok := c.parse(fs, args); !ok {
		return code
	}
	fmt.Fprintf(c.stdout, "gomend %s (%s)\n", gomendVersion(), runtime.Version())
	return exitOK
}

// gomendVersion is the -ldflags version, else the main module's version
// from the build info (set by `go install …@vX`), else "(devel)".
func gomendVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}
