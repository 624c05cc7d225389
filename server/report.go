package server

// This file writes gomend.report: a Markdown account of every finding and
// of the facts they rest on (folders, the go.work in effect, the modules
// found).

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/workspace"
)

type reportResult struct {
	Markdown string `json:"markdown"`
}

// report reruns the checks rather than trusting the last diagnosis: a
// report is asked for rarely and must describe this moment.
func (s *server) report(ctx context.Context) (any, error) {
	snap := s.snapshot()
	findings := s.checks.Run(ctx, snap, s.selection(), diagnostics.AllRules)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.remember(snap, findings)
	return reportResult{Markdown: reportMarkdown(snap, findings, diagnostics.Environment(ctx, snap, true))}, nil
}

func reportMarkdown(snap *workspace.Snapshot, findings []diagnostics.Finding, envs []diagnostics.FolderEnvironment) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# gomend report\n\ngomend %s found %s.\n", version(), countProblems(findings))

	b.WriteString("\n## Workspace\n\n")
	if cw := snap.CodeWorkspace(); cw != nil {
		fmt.Fprintf(&b, "- Workspace file: `%s`\n", cw.Path)
	}
	switch {
	case snap.Untrusted():
		b.WriteString("- Workspace trust: not trusted. Checks that run the go command were skipped.\n")
	case !snap.Exec():
		b.WriteString("- Workspace trust: trusted, but this server does not run the go command: those checks were skipped.\n")
	default:
		b.WriteString("- Workspace trust: trusted. gomend ran the go command offline (GOPROXY=off, GOTOOLCHAIN=local).\n")
	}
	if len(snap.Folders()) == 0 {
		b.WriteString("- No workspace folder is open.\n")
	}
	for _, f := range snap.Folders() {
		fmt.Fprintf(&b, "- Folder `%s`", f.Path)
		if f.Name != filepath.Base(f.Path) {
			fmt.Fprintf(&b, " (%s)", f.Name)
		}
		b.WriteString("\n")
		gw := snap.GoWork(f.Path)
		switch {
		case gw.Off:
			b.WriteString("  - go.work: none in effect (GOWORK=off)\n")
		case gw.Path != "" && gw.FromEnv:
			fmt.Fprintf(&b, "  - go.work in effect: `%s` (named by GOWORK)\n", gw.Path)
		case gw.Path != "":
			fmt.Fprintf(&b, "  - go.work in effect: `%s`\n", gw.Path)
		default:
			b.WriteString("  - go.work: none at or above the folder\n")
		}
		if err := snap.WalkError(f.Path); err != nil {
			fmt.Fprintf(&b, "  - could not be searched for modules: %v\n", err)
			continue
		}
		l := snap.Layout(f.Path)
		if l == nil {
			continue
		}
		fmt.Fprintf(&b, "  - modules found: %d\n", len(l.ModFiles))
		for _, m := range l.ModFiles {
			fmt.Fprintf(&b, "    - `%s`", relTo(f.Path, m))
			if mf := snap.ModFile(m); mf != nil && mf.ModulePath() != "" {
				fmt.Fprintf(&b, " — module `%s`", mf.ModulePath())
			}
			b.WriteString("\n")
		}
		for _, d := range l.Skipped {
			fmt.Fprintf(&b, "  - could not read `%s`\n", relTo(f.Path, d))
		}
	}

	writeEnvironment(&b, envs)

	b.WriteString("\n## Problems\n")
	if len(findings) == 0 {
		b.WriteString("\nNone.\n")
	}
	for i, f := range findings {
		where := fmt.Sprintf(" at `%s:%d`", f.File, f.Range.Start.Line+1)
		if f.File == "" {
			where = ""
		}
		fmt.Fprintf(&b, "\n### %d. %s `%s`%s\n\n%s\n", i+1, f.Severity, f.Check, where, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "\n- See `%s:%d`: %s", r.File, r.Range.Start.Line+1, r.Message)
		}
		if len(f.Related) > 0 {
			b.WriteString("\n")
		}
		if len(f.Fixes) == 0 {
			b.WriteString("\nNo automatic fix: see `gomend explain " + f.Check + "`.\n")
			continue
		}
		b.WriteString("\nFixes:\n")
		for _, fx := range f.Fixes {
			fmt.Fprintf(&b, "- %s (%s)%s\n", fx.Title, fx.Applicability, fixDetail(fx))
			if err := offerable(snap, fx); err != nil {
				fmt.Fprintf(&b, "  - not offered in the editor: %v\n", err)
			}
		}
	}
	return b.String()
}

// fixDetail says what applying a fix does.
func fixDetail(fx fix.Fix) string {
	var parts []string
	for _, c := range fx.Changes {
		verb := "edits"
		if c.Create {
			verb = "creates"
		}
		parts = append(parts, fmt.Sprintf("%s `%s`", verb, c.File))
	}
	if args, ok := diagnostics.RunGoArgsOf(fx); ok {
		parts = append(parts, fmt.Sprintf("runs `go %s` in `%s`", strings.Join(args.Args, " "), args.Dir))
	} else if fx.Command != nil {
		cmd := fx.Command.Command
		if len(fx.Command.Arguments) > 0 {
			cmd += fmt.Sprint(fx.Command.Arguments...)
		}
		parts = append(parts, fmt.Sprintf("runs %s (`%s`)", fx.Command.Title, cmd))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

func countProblems(findings []diagnostics.Finding) string {
	if len(findings) == 0 {
		return "no problems"
	}
	counts := map[diagnostics.Severity]int{}
	for _, f := range findings {
		counts[f.Severity]++
	}
	var parts []string
	for _, sev := range []diagnostics.Severity{diagnostics.Error, diagnostics.Warning, diagnostics.Info, diagnostics.Hint} {
		if n := counts[sev]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, sev))
		}
	}
	noun := "problems"
	if len(findings) == 1 {
		noun = "problem"
	}
	return fmt.Sprintf("%d %s (%s)", len(findings), noun, strings.Join(parts, ", "))
}

func relTo(dir, path string) string {
	if rel, err := filepath.Rel(dir, path); err == nil && hostfs.Within(dir, path) {
		return filepath.ToSlash(rel)
	}
	return path
}

// writeEnvironment writes what gopls would get in each folder: the go and
// gopls found, and every Go variable with its source.
func writeEnvironment(b *strings.Builder, envs []diagnostics.FolderEnvironment) {
	if len(envs) == 0 {
		return
	}
	b.WriteString("\n## Go environment\n")
	for _, e := range envs {
		fmt.Fprintf(b, "\n### `%s`\n\n", e.Folder)
		if e.Go.Path == "" {
			b.WriteString("- go: not found\n")
		} else {
			fmt.Fprintf(b, "- go: `%s` (%s)\n", e.Go.Path, orUnknown(e.Go.Version))
		}
		if e.Gopls == nil {
			b.WriteString("- gopls: not found\n")
		} else {
			fmt.Fprintf(b, "- gopls: `%s` (%s, built with %s)\n", e.Gopls.Path, orUnknown(e.Gopls.Version), orUnknown(e.Gopls.GoVersion))
		}
		if len(e.Vars) == 0 {
			continue
		}
		b.WriteString("\n| Variable | Value | Source |\n|---|---|---|\n")
		for _, v := range e.Vars {
			fmt.Fprintf(b, "| %s | `%s` | %s |\n", v.Name, strings.ReplaceAll(v.Value, "|", "\\|"), v.Source)
		}
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "version unknown"
	}
	return s
}
