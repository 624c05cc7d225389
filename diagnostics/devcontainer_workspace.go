package diagnostics

// devcontainer.json syntax, and where the editor lands in the container:
// workspaceFolder against the workspace mount.

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/gomend/gomend/internal/devcontainer"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func checkDevcontainerSyntax(ctx context.Context, snap *workspace.Snapshot) []Finding {
	var out []Finding
	for _, d := range devConfigs(snap) {
		m := textpos.NewMapper(d.Content)
		switch {
		case d.Err != nil:
			out = append(out, Finding{
				Message: fmt.Sprintf("devcontainer.json is not valid JSON with comments: %s. The devcontainers CLI drops parse "+
					"errors without a word and reads what it can make of the rest, so a property at or after this point may be "+
					"silently ignored or misread. gomend checks what the CLI would read, but edits nothing in this file until it parses.",
					settingsErrorText(d.Err.Msg)),
				File: d.Path, Range: settingsErrorRange(d.Content, d.Err.Offset), Source: "devcontainer.json",
			})
		case d.NotObject:
			out = append(out, Finding{
				Message: "devcontainer.json must be a JSON object: the devcontainers CLI refuses it (\"must contain a JSON object literal\").",
				File:    d.Path, Range: m.LineRange(0), Source: "devcontainer.json",
			})
		case len(d.TrailingCommas) > 0:
			off := d.TrailingCommas[0]
			more := ""
			if n := len(d.TrailingCommas); n > 1 {
				more = fmt.Sprintf(" (and %d more)", n-1)
			}
			f := Finding{
				Message: "A trailing comma" + more + ": the devcontainers CLI tolerates it, but the devcontainer.json schema does " +
					"not, so other tools and editors flag the file.",
				File: d.Path, Range: m.Range(off, off+1), Source: "devcontainer.json",
			}
			f.Severity = Warning
			out = append(out, f)
		}
		out = append(out, badMounts(d)...)
	}
	return out
}

// badMounts reports mount strings that do not parse: docker refuses them
// ("invalid argument"), and the CLI passes them on without a look.
func badMounts(d *devConfig) []Finding {
	var out []Finding
	report := func(raw string, sp devcontainer.Span, what string, err error) {
		out = append(out, Finding{
			Message: fmt.Sprintf("%s %q is not a mount docker accepts (%v): the container does not start.", what, raw, err),
			File:    d.Path, Range: d.rng(sp), Source: "devcontainer.json",
		})
	}
	if d.Doc == nil || d.NotObject {
		return nil
	}
	if d.ws.MountErr != nil && d.WorkspaceMount != nil {
		report(d.WorkspaceMount.Raw, d.WorkspaceMount.Span, "workspaceMount", d.ws.MountErr)
	}
	for i, r := range d.ws.Mounts {
		if r.Err != nil {
			report(r.Prop.Raw, r.Prop.Span, fmt.Sprintf("mounts[%d]", i), r.Err)
		}
	}
	return out
}

// absContainerPath reports a container path that is absolute (Linux).
func absContainerPath(p string) bool { return strings.HasPrefix(p, "/") }

// unresolved reports a value that still holds a variable after
// substitution (${containerEnv:…}, ${devcontainerId}, unknown ones).
func unresolved(s string) bool { return strings.Contains(s, "${") }

func checkWorkspaceOutsideMount(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		w := d.ws
		if d.Compose() || w.MountErr != nil || !absContainerPath(w.Folder) || unresolved(w.Folder) || w.UnderMount(w.Folder) {
			return nil
		}
		anchor := d.WorkspaceFolder
		if anchor == nil {
			anchor = d.WorkspaceMount
		}
		if anchor == nil {
			return nil
		}
		what := "there is no workspace mount (\"workspaceMount\": \"\") and no other mount holds it"
		if w.Mount != nil {
			what = "that is outside the workspace mount at " + w.Mount.Target + " and every other mount"
			if w.MountDefault {
				what = "that is outside the default workspace mount at " + w.Mount.Target + " and every other mount"
			}
		}
		f := Finding{
			Message: fmt.Sprintf("The editor opens %s in the container, but %s: it opens an empty or missing folder "+
				"(\"Workspace does not exist\"), and gopls finds no module.", w.Folder, what),
			File: d.Path, Range: d.rng(anchor.Span), Source: "devcontainer.json",
		}
		if want, ok := folderInMount(d); ok && d.WorkspaceFolder != nil {
			if out, err := d.replace(d.WorkspaceFolder.Ptr, want); err == nil {
				f.Message += " Inside the workspace mount, the opened folder is " + want + "."
				f.Fixes = []fix.Fix{{Title: "Set workspaceFolder inside the workspace mount", Applicability: fix.Exact,
					Changes: []fix.FileChange{d.change(out)}}}
			}
		}
		return []Finding{f}
	})
}

// folderInMount is where the opened folder appears in the container
// through the workspace mount: its target plus the folder's path below
// the mount's source.
func folderInMount(d *devConfig) (string, bool) {
	if d.ws.Mount == nil || d.ws.Mount.Target == "" || unresolved(d.ws.Mount.Target) {
		return "", false
	}
	if p, ok := d.ws.ContainerPath(d.folder.Path); ok && absContainerPath(p) {
		return p, true
	}
	return d.ws.Mount.Target, true
}

func checkWorkspacePair(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		if d.Compose() || (d.WorkspaceFolder == nil) == (d.WorkspaceMount == nil) {
			return nil
		}
		f := Finding{File: d.Path, Source: "devcontainer.json"}
		if d.WorkspaceMount != nil {
			f.Range = d.rng(devcontainer.Span{Start: d.WorkspaceMount.Key.Start, End: d.WorkspaceMount.Span.End})
			f.Message = fmt.Sprintf("workspaceMount is set without workspaceFolder: the spec requires both, and the CLI opens "+
				"its default, %s, whether or not the mount puts anything there.", d.ws.DefaultFolder)
			if want, ok := folderInMount(d); ok {
				if out, err := d.addProperty("", "workspaceFolder", want); err == nil {
					f.Fixes = []fix.Fix{{Title: "Add the missing workspaceFolder", Applicability: fix.Exact,
						Changes: []fix.FileChange{d.change(out)}}}
				}
			}
		} else {
			f.Range = d.rng(devcontainer.Span{Start: d.WorkspaceFolder.Key.Start, End: d.WorkspaceFolder.Span.End})
			holds := "which does not hold " + d.ws.Folder
			if d.ws.UnderMount(d.ws.Folder) {
				holds = "which happens to hold " + d.ws.Folder + "; tools that do not apply the CLI's default will not"
			}
			f.Message = fmt.Sprintf("workspaceFolder is set without workspaceMount: the spec requires both, and the CLI mounts "+
				"its default (%s at %s), %s.", d.ws.Mount.Source, d.ws.Mount.Target, holds)
			if absContainerPath(d.WorkspaceFolder.Raw) && !strings.Contains(d.WorkspaceFolder.Raw, ",") {
				mount := "source=${localWorkspaceFolder},target=" + d.WorkspaceFolder.Raw + ",type=bind"
				if out, err := d.addProperty("", "workspaceMount", mount); err == nil {
					f.Fixes = []fix.Fix{{Title: "Add the missing workspaceMount", Applicability: fix.Exact,
						Changes: []fix.FileChange{d.change(out)}}}
				}
			}
		}
		return []Finding{f}
	})
}

func checkWorkspaceRelative(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		wf := d.WorkspaceFolder
		if wf == nil || absContainerPath(d.ws.Folder) || unresolved(d.ws.Folder) {
			return nil
		}
		f := Finding{
			Message: fmt.Sprintf("workspaceFolder %q is not an absolute container path: VS Code refuses it, and a tool that "+
				"accepts it resolves it against whatever directory it starts in.", wf.Raw),
			File: d.Path, Range: d.rng(wf.Span), Source: "devcontainer.json",
		}
		base := d.ws.DefaultFolder
		if d.ws.Mount != nil && absContainerPath(d.ws.Mount.Target) {
			base = d.ws.Mount.Target
		}
		if absContainerPath(base) {
			want := path.Join(base, wf.Raw)
			if out, err := d.replace(wf.Ptr, want); err == nil {
				f.Fixes = []fix.Fix{{Title: "Make workspaceFolder absolute", Applicability: fix.Exact,
					Changes: []fix.FileChange{d.change(out)}}}
			}
		}
		return []Finding{f}
	})
}

func checkComposeNoWorkspace(ctx context.Context, snap *workspace.Snapshot) []Finding {
	return eachConfig(ctx, snap, func(d *devConfig) []Finding {
		if !d.Compose() || d.WorkspaceFolder != nil {
			return nil
		}
		return []Finding{{
			Message: "A Docker Compose dev container without workspaceFolder: the CLI opens / in the container, not your " +
				"project, and gopls finds no module. Set workspaceFolder to where the compose volumes mount the project.",
			File: d.Path, Range: d.rng(d.DockerComposeFile[0].Span), Source: "devcontainer.json",
			Fixes: []fix.Fix{{Applicability: fix.Manual,
				Title: "Set workspaceFolder to the project's path in the service's volumes (e.g. /workspaces/${localWorkspaceFolderBasename})"}},
		}}
	})
}
