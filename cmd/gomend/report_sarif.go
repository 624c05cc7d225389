package main

// `--format sarif`: SARIF 2.1.0 for code-scanning tools and SARIF viewers,
// with the rules, utf16CodeUnits columns, and the edit fixes.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/docs"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/hostfs"
	"github.com/gomend/gomend/internal/textpos"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	Name                 string        `json:"name"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	Help                 sarifText     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Fixes               []sarifFix        `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               *int          `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           sarifRegion      `json:"region"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// sarifRegion is 1-based; endColumn is exclusive, in UTF-16 code units,
// which maps one to one onto an LSP range.
type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

func (r *report) sarif() sarifLog {
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name: "gomend", Version: gomendVersion(), InformationURI: "https://github.com/gomend/gomend",
			Rules: []sarifRule{},
		}},
		ColumnKind: "utf16CodeUnits",
		Results:    []sarifResult{},
	}
	// Paths inside a folder are relative to it, as code-scanning tools want;
	// the folder itself is named once, as a base URI.
	bases := map[string]string{}
	for i, folder := range r.folders {
		if i == 0 {
			run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{}
		}
		id := "FOLDER" + strconv.Itoa(i+1)
		bases[folder] = id
		run.OriginalURIBaseIDs[id] = sarifArtifactLoc{URI: hostfs.PathToURI(folder) + "/"}
	}
	artifact := func(path string) sarifArtifactLoc {
		for _, folder := range r.folders {
			if rel, err := filepath.Rel(folder, path); err == nil && hostfs.Within(folder, path) {
				return sarifArtifactLoc{URI: strings.TrimPrefix(hostfs.PathToURI("/"+filepath.ToSlash(rel)), "file:///"), URIBaseID: bases[folder]}
			}
		}
		return sarifArtifactLoc{URI: hostfs.PathToURI(path)}
	}

	ruleIndex := map[string]int{}
	for i, rule := range diagnostics.Rules {
		ruleIndex[rule.ID] = i
		doc, href := rule.Doc(), docs.HrefBase+rule.ID+".md"
		summary := firstParagraph(doc, rule.Title)
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID: rule.ID, Name: rule.ID,
			ShortDescription:     sarifText{Text: rule.Title},
			FullDescription:      sarifText{Text: summary},
			Help:                 sarifText{Text: summary + " See " + href + " or run `gomend explain " + rule.ID + "`.", Markdown: doc},
			HelpURI:              href,
			DefaultConfiguration: sarifRuleConf{Level: sarifLevel(rule.Severity)},
		})
	}

	for _, f := range r.findings {
		loc := artifact(f.File)
		res := sarifResult{
			RuleID: f.Check, RuleIndex: ruleIndex[f.Check], Level: sarifLevel(f.Severity),
			Message:   sarifText{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: loc, Region: region(f.Range)}}},
			// Stable across runs and machines: the check, the file relative
			// to its folder, and the message (which names the fault).
			PartialFingerprints: map[string]string{"primaryLocationLineHash": fingerprint(f.Check, loc.URI, f.Message) + ":1"},
		}
		for i, rel := range f.Related {
			id := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &id,
				PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(rel.File), Region: region(rel.Range)},
				Message:          &sarifText{Text: rel.Message},
			})
		}
		for _, x := range f.Fixes {
			if sf, ok := sarifFixOf(x, artifact); ok {
				res.Fixes = append(res.Fixes, sf)
			}
		}
		run.Results = append(run.Results, res)
	}
	return sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
}

// sarifFixOf renders an edit fix; command and manual fixes have no
// artifact changes, which SARIF requires, so they are left to the message.
func sarifFixOf(x fix.Fix, artifact func(string) sarifArtifactLoc) (sarifFix, bool) {
	sf := sarifFix{Description: sarifText{Text: x.Title + " (" + string(x.Applicability) + ")"}}
	for _, c := range x.Changes {
		ac := sarifArtifactChange{ArtifactLocation: artifact(c.File)}
		for _, e := range c.Edits {
			ac.Replacements = append(ac.Replacements, sarifReplacement{
				DeletedRegion: region(e.Range), InsertedContent: sarifText{Text: e.NewText},
			})
		}
		if len(ac.Replacements) > 0 {
			sf.ArtifactChanges = append(sf.ArtifactChanges, ac)
		}
	}
	return sf, x.Applicability != fix.Manual && len(sf.ArtifactChanges) > 0
}

func region(r textpos.Range) sarifRegion {
	return sarifRegion{
		StartLine: r.Start.Line + 1, StartColumn: r.Start.Character + 1,
		EndLine: r.End.Line + 1, EndColumn: r.End.Character + 1,
	}
}

func sarifLevel(s diagnostics.Severity) string {
	switch s {
	case diagnostics.Error:
		return "error"
	case diagnostics.Warning:
		return "warning"
	}
	return "note"
}

// firstParagraph is the doc page's opening sentence(s) after its title and
// severity lines; fallback when the page has none.
func firstParagraph(doc, fallback string) string {
	for _, para := range strings.Split(doc, "\n\n") {
		para = strings.TrimSpace(para)
		if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "Severity:") {
			continue
		}
		return strings.Join(strings.Fields(para), " ")
	}
	return fallback
}

func fingerprint(parts ...string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:8])
}

func (r *report) writeSARIF(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(r.sarif())
}
