package server

// This file answers workspace/executeCommand: gomend.repairWorkspace (the
// plan, or applying chosen fixes in one workspace/applyEdit),
// gomend.explain and gomend.report. The JSON shapes are docs/lsp.md's; the
// VS Code client depends on them exactly.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"
	"go.uber.org/zap"

	"github.com/gomend/gomend/diagnostics"
	"github.com/gomend/gomend/docs"
	"github.com/gomend/gomend/internal/fix"
	"github.com/gomend/gomend/internal/textpos"
	"github.com/gomend/gomend/internal/workspace"
)

func (s *server) executeCommand(ctx context.Context, r *request) (any, error) {
	var p executeCommandParams
	if err := r.decode(&p); err != nil {
		return nil, err
	}
	switch p.Command {
	case cmdRepairWorkspace:
		return s.repairWorkspace(ctx, r, p.Arguments)
	case cmdExplain:
		return explain(p.Arguments)
	case cmdReport:
		return s.report(ctx)
	case cmdRunGo:
		return s.runGo(ctx, r, p.Arguments)
	case cmdAnalyzeTrace:
		return s.analyzeTrace(ctx, p.Arguments)
	}
	return nil, fmt.Errorf("%w: unknown command %q", jsonrpc2.ErrInvalidParams, p.Command)
}

type repairPlan struct {
	Problems []planProblem `json:"problems"`
}

type planProblem struct {
	Check    string        `json:"check"`
	Severity string        `json:"severity"`
	Message  string        `json:"message"`
	File     string        `json:"file"`
	Range    textpos.Range `json:"range"`
	Fixes    []planFix     `json:"fixes"`
}

type planFix struct {
	ID            string            `json:"id"`
	Title         string            `json:"title"`
	Applicability fix.Applicability `json:"applicability"`
	Files         []string          `json:"files"`
	Command       *fix.Command      `json:"command"`
}

type repairResult struct {
	Applied   []string       `json:"applied"`
	Failed    []failedFix    `json:"failed"`
	Commands  []*fix.Command `json:"commands"`
	Remaining int            `json:"remaining"`
}

type failedFix struct {
	ID     string `json:"id"`
	Reason string `json:"reason"`
}

// fixID is stable while the workspace does not change: a hash of the
// finding's check, file and range and the fix's title.
func fixID(f *diagnostics.Finding, fx fix.Fix) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%d:%d-%d:%d\x00%s", f.Check, f.File,
		f.Range.Start.Line, f.Range.Start.Character, f.Range.End.Line, f.Range.End.Character, fx.Title)
	return hex.EncodeToString(h.Sum(nil)[:8])
}

// plannedFix locates a fix of the plan.
type plannedFix struct {
	finding int
	fix     fix.Fix
}

// makePlan lists every finding, with the fixes that may be offered.
func makePlan(snap *workspace.Snapshot, findings []diagnostics.Finding) (repairPlan, map[string]plannedFix) {
	plan := repairPlan{Problems: []planProblem{}}
	byID := map[string]plannedFix{}
	for i := range findings {
		f := &findings[i]
		pp := planProblem{
			Check: f.Check, Severity: f.Severity.String(), Message: f.Message,
			File: f.File, Range: f.Range, Fixes: []planFix{},
		}
		for _, fx := range f.Fixes {
			if offerable(snap, fx) != nil {
				continue
			}
			base := fixID(f, fx)
			id := base
			for n := 2; ; n++ { // the same title twice on one finding
				if _, dup := byID[id]; !dup {
					break
				}
				id = fmt.Sprintf("%s-%d", base, n)
			}
			byID[id] = plannedFix{finding: i, fix: fx}
			files := fx.Files()
			if files == nil {
				files = []string{}
			}
			pp.Fixes = append(pp.Fixes, planFix{ID: id, Title: fx.Title, Applicability: fx.Applicability, Files: files, Command: fx.Command})
		}
		plan.Problems = append(plan.Problems, pp)
	}
	return plan, byID
}

// repairWorkspace returns the plan, or with [{"apply": [id…]}] applies the
// chosen fixes.
func (s *server) repairWorkspace(ctx context.Context, r *request, args []json.RawMessage) (any, error) {
	var arg struct {
		Apply []string `json:"apply"`
	}
	if len(args) > 0 && string(args[0]) != "null" {
		if err := json.Unmarshal(args[0], &arg); err != nil {
			return nil, fmt.Errorf("%w: %s takes no argument or {\"apply\": [fix IDs]}: %v", jsonrpc2.ErrInvalidParams, cmdRepairWorkspace, err)
		}
	}
	snap := s.snapshot()
	findings, err := s.findingsFor(ctx, snap)
	if err != nil {
		return nil, err
	}
	plan, byID := makePlan(snap, findings)
	if arg.Apply == nil {
		return plan, nil
	}
	return s.applyRepair(ctx, r, snap, len(findings), byID, arg.Apply)
}

// applyRepair applies the chosen edit fixes in one workspace/applyEdit (so
// one Undo reverts them all), hands the chosen command fixes back for the
// client to run, and says which fixes failed and how many problems remain.
func (s *server) applyRepair(ctx context.Context, r *request, snap *workspace.Snapshot, problems int, byID map[string]plannedFix, ids []string) (any, error) {
	res := repairResult{Applied: []string{}, Failed: []failedFix{}, Commands: []*fix.Command{}}
	handled := map[int]bool{}
	var set editSet
	var chosen []string
	chosenFinding := map[string]int{}
	seen := map[string]bool{}
	taken := map[int]bool{} // problems with a fix chosen: one fix per problem
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		pf, ok := byID[id]
		switch {
		case !ok:
			res.Failed = append(res.Failed, failedFix{id, "no such fix: the workspace changed since the plan was made; ask for a new plan"})
		case taken[pf.finding]:
			res.Failed = append(res.Failed, failedFix{id, "another fix of the same problem was chosen"})
		case len(pf.fix.Changes) == 0 && pf.fix.Command != nil:
			taken[pf.finding] = true
			res.Commands = append(res.Commands, pf.fix.Command)
			handled[pf.finding] = true
		case len(pf.fix.Changes) == 0:
			res.Failed = append(res.Failed, failedFix{id, "this fix needs a person: see the report"})
		default:
			if err := set.add(pf.fix); err != nil {
				res.Failed = append(res.Failed, failedFix{id, err.Error()})
				continue
			}
			chosen = append(chosen, id)
			chosenFinding[id] = pf.finding
			taken[pf.finding] = true
			if pf.fix.Command != nil {
				res.Commands = append(res.Commands, pf.fix.Command)
			}
		}
	}

	if len(chosen) > 0 {
		s.mu.Lock()
		caps := s.state.caps
		s.mu.Unlock()
		params := applyWorkspaceEditParams{Label: "Repair Go workspace", Edit: *renderEdit(snap, caps, set.list())}
		// Everything the edit needs is computed: let the messages behind us
		// run while we wait, so the editor's didChange notifications from
		// applying the edit never queue behind its own reply.
		r.release()
		var resp protocol.ApplyWorkspaceEditResponse
		_, err := s.conn.Call(ctx, protocol.MethodWorkspaceApplyEdit, params, &resp)
		reason := ""
		switch {
		case err != nil && ctx.Err() != nil:
			return nil, err
		case err != nil:
			reason = "the editor did not apply the edit: " + err.Error()
		case !resp.Applied:
			reason = "the editor did not apply the edit"
			if resp.FailureReason != "" {
				reason += ": " + resp.FailureReason
			}
		}
		for _, id := range chosen {
			if reason != "" {
				res.Failed = append(res.Failed, failedFix{id, reason})
				continue
			}
			res.Applied = append(res.Applied, id)
			handled[chosenFinding[id]] = true
		}
		if reason != "" {
			s.log.Warn("repair not applied", zap.String("reason", reason))
		}
	}
	res.Remaining = problems - len(handled)
	return res, nil
}

type explanation struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Markdown string `json:"markdown"`
}

// explain returns a check's documentation page.
func explain(args []json.RawMessage) (any, error) {
	var id string
	if len(args) == 0 || json.Unmarshal(args[0], &id) != nil {
		return nil, fmt.Errorf("%w: %s takes a check ID", jsonrpc2.ErrInvalidParams, cmdExplain)
	}
	rule := diagnostics.Lookup(id)
	if rule == nil {
		return nil, fmt.Errorf("%w: unknown check %q", jsonrpc2.ErrInvalidParams, id)
	}
	page, ok := docs.CheckPage(id)
	if !ok {
		page = "# " + id + "\n\n" + rule.Title + "\n"
	}
	return explanation{ID: id, Title: rule.Title, Markdown: page}, nil
}
