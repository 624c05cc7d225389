package main

import (
	"encoding/json"
	"io"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
)

// The `--format json` document: a stable interface (DESIGN.md "CLI").
// Fields are never renamed or removed; empty lists are [] and a missing
// command is null, so consumers need no nil checks. Bump version on any
// incompatible change.
type jsonReport struct {
	Version  int           `json:"version"`
	Folders  []string      `json:"folders"`
	Findings []jsonFinding `json:"findings"`
}

type jsonFinding struct {
	Check    string        `json:"check"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	File     string        `json:"file"`
	Range    textpos.Range `json:"range"`
	Source   string        `json:"source"`
	Related  []jsonRelated `json:"related"`
	Fixes    []jsonFix     `json:"fixes"`
}

type jsonRelated struct {
	File    string        `json:"file"`
	Range   textpos.Range `json:"range"`
	Message string        `json:"message"`
}

type jsonFix struct {
	Title         string       `json:"title"`
	Applicability string       `json:"applicability"`
	Changes       []jsonChange `json:"changes"`
	Command       *jsonCommand `json:"command"`
}

type jsonChange struct {
	File   string         `json:"file"`
	Create bool           `json:"create"`
	Edits  []fix.TextEdit `json:"edits"`
}

type jsonCommand struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments"`
}

const jsonVersion = 1

func (r *report) json() jsonReport {
	out := jsonReport{Version: jsonVersion, Folders: nonNil(r.folders), Findings: []jsonFinding{}}
	for _, f := range r.findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	return out
}

func toJSONFinding(f diagnostics.Finding) jsonFinding {
	jf := jsonFinding{
		Check:    f.Check,
		Severity: f.Severity.String(),
		Message:  f.Message,
		File:     f.File,
		Range:    f.Range,
		Source:   f.Source,
		Related:  []jsonRelated{},
		Fixes:    []jsonFix{},
	}
	for _, rel := range f.Related {
		jf.Related = append(jf.Related, jsonRelated{File: rel.File, Range: rel.Range, Message: rel.Message})
	}
	for _, x := range f.Fixes {
		fx := jsonFix{Title: x.Title, Applicability: string(x.Applicability), Changes: []jsonChange{}}
		for _, c := range x.Changes {
			fx.Changes = append(fx.Changes, jsonChange{File: c.File, Create: c.Create, Edits: nonNil(c.Edits)})
		}
		if x.Command != nil {
			fx.Command = &jsonCommand{Title: x.Command.Title, Command: x.Command.Command, Arguments: nonNil(x.Command.Arguments)}
		}
		jf.Fixes = append(jf.Fixes, fx)
	}
	return jf
}

func (r *report) writeJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // messages quote paths and code: keep < > & readable
	enc.SetIndent("", "  ")
	return enc.Encode(r.json())
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
