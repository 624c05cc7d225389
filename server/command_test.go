package server

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
	"go.lsp.dev/protocol"

	"github.com/gomend/gomend/internal/fix"
)

func (c *testClient) plan() repairPlan {
	c.t.Helper()
	var plan repairPlan
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.repairWorkspace"}, &plan)
	return plan
}

func (c *testClient) repair(ids ...string) repairResult {
	c.t.Helper()
	var res repairResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{
		"command": "gomend.repairWorkspace", "arguments": []any{map[string]any{"apply": ids}},
	}, &res)
	return res
}

// TestRepairCreatesGoWork: a folder with two modules and no go.work; the
// plan's fix creates go.work through a CreateFile operation in one
// workspace/applyEdit, and the problem goes.
func TestRepairCreatesGoWork(t *testing.T) {
	c := startInitialized(t, testConfig{files: map[string]string{
		"a/go.mod": "module example.com/a\n\ngo 1.22\n",
		"a/a.go":   "package a\n",
		"b/go.mod": "module example.com/b\n\ngo 1.23\n",
		"b/b.go":   "package b\n",
	}})
	d := c.waitCheck("a/go.mod", "multi-module-no-gowork")

	plan := c.plan()
	var id string
	for _, p := range plan.Problems {
		if p.Check != "multi-module-no-gowork" {
			continue
		}
		if p.File != c.path("a/go.mod") || p.Range != d.Range || p.Severity != "warning" {
			t.Errorf("problem = %+v, want the published diagnostic's file and range", p)
		}
		for _, fx := range p.Fixes {
			if fx.Applicability == fix.Likely && len(fx.Files) == 1 && fx.Files[0] == c.path("go.work") && fx.Command == nil {
				id = fx.ID
			}
		}
	}
	if id == "" {
		t.Fatalf("no fix creating go.work in the plan %+v", plan)
	}
	if again := c.plan(); again.Problems[0].Fixes[0].ID != plan.Problems[0].Fixes[0].ID {
		t.Errorf("fix IDs changed without a change to the workspace")
	}

	res := c.repair(id)
	if len(res.Applied) != 1 || res.Applied[0] != id || len(res.Failed) != 0 {
		t.Fatalf("repair = %+v", res)
	}
	if edits, creates := c.counts(); edits != 1 || creates != 1 {
		t.Errorf("%d applyEdit requests with %d create operations, want 1 and 1", edits, creates)
	}
	work := c.read("go.work")
	for _, want := range []string{"go 1.23", "./a", "./b"} {
		if !strings.Contains(work, want) {
			t.Errorf("go.work lacks %q:\n%s", want, work)
		}
	}
	c.watched(protocol.FileChangeTypeCreated, "go.work")
	c.waitClear("a/go.mod")
}

// TestRepairAppliesChosenFixesInOneEdit repairs a go.work that forgets two
// modules and uses a missing directory by choosing every exact fix the
// plan offers, once per problem, until none is left. Each round is one
// workspace/applyEdit; fixes that overlap a chosen one are reported as
// failed and taken in a later round.
func TestRepairAppliesChosenFixesInOneEdit(t *testing.T) {
	c := startInitialized(t, testConfig{files: withFiles(forgetful, map[string]string{
		"go.work": "go 1.22\n\nuse (\n\t./a\n\t./missing\n)\n",
	})})
	c.waitCheck("go.work", "gowork-use-missing")
	c.waitCheck("b/go.mod", "gowork-missing-module")

	for round := 1; ; round++ {
		if round > 5 {
			t.Fatal("exact fixes still offered after 5 rounds")
		}
		var chosen []string
		for _, p := range c.plan().Problems {
			for _, fx := range p.Fixes {
				if fx.Applicability == fix.Exact {
					chosen = append(chosen, fx.ID)
					break
				}
			}
		}
		if len(chosen) == 0 {
			break
		}
		before, _ := c.counts()
		res := c.repair(chosen...)
		after, _ := c.counts()
		if len(res.Applied) == 0 || len(res.Applied)+len(res.Failed) != len(chosen) || after != before+1 {
			t.Fatalf("round %d: repair of %d fixes = %+v with %d applyEdit requests, want one request applying at least one",
				round, len(chosen), res, after-before)
		}
		t.Logf("round %d: applied %d of %d fixes", round, len(res.Applied), len(chosen))
		c.watched(protocol.FileChangeTypeChanged, "go.work")
	}
	work := c.read("go.work")
	if strings.Contains(work, "missing") || strings.Count(work, "./b") != 1 || strings.Count(work, "./模块") != 1 {
		t.Errorf("go.work after the repair:\n%s", work)
	}
	c.waitClear("go.work")
	c.waitClear("b/go.mod")
	c.waitClear("模块/go.mod")
}

func TestRepairReportsUnknownAndDeclined(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful})
	res := c.repair("no-such-fix")
	if len(res.Applied) != 0 || len(res.Failed) != 1 || res.Failed[0].ID != "no-such-fix" || res.Remaining != 2 {
		t.Errorf("repair of an unknown ID = %+v, want it failed and both problems remaining", res)
	}
	if edits, _ := c.counts(); edits != 0 {
		t.Errorf("%d applyEdit requests for nothing to apply", edits)
	}

	// Two fixes of one problem: the first is taken, and the editor declines it.
	var both []string
	for _, fx := range c.plan().Problems[0].Fixes {
		both = append(both, fx.ID)
	}
	if len(both) != 2 {
		t.Fatalf("want the two fixes of gowork-missing-module, got %v", both)
	}
	c.decline.Store(true)
	res = c.repair(both...)
	reasons := map[string]string{}
	for _, f := range res.Failed {
		reasons[f.ID] = f.Reason
	}
	if len(res.Applied) != 0 || len(reasons) != 2 ||
		reasons[both[0]] != "the editor did not apply the edit: the user said no" ||
		reasons[both[1]] != "another fix of the same problem was chosen" || res.Remaining != 2 {
		t.Errorf("declined repair of both fixes of one problem = %+v", res)
	}
	if edits, _ := c.counts(); edits != 1 {
		t.Fatalf("%d applyEdit requests, want 1", edits)
	}

}

func TestExplain(t *testing.T) {
	c := startInitialized(t, testConfig{})
	var res explanation
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.explain", "arguments": []string{"gowork-use-missing"}}, &res)
	if res.ID != "gowork-use-missing" || res.Title == "" || !strings.Contains(res.Markdown, "go.work") {
		t.Errorf("explain = %+v", res)
	}
	err := c.tryCall(context.Background(), protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.explain", "arguments": []string{"no-such-check"}}, nil)
	if code := errorCode(t, err); code != jsonrpc2.InvalidParams {
		t.Errorf("explain of an unknown check: code %d, want %d", code, jsonrpc2.InvalidParams)
	}
	err = c.tryCall(context.Background(), protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.nope"}, nil)
	if code := errorCode(t, err); code != jsonrpc2.InvalidParams {
		t.Errorf("unknown command: code %d, want %d", code, jsonrpc2.InvalidParams)
	}
}

func TestReport(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful})
	var res reportResult
	c.call(protocol.MethodWorkspaceExecuteCommand, map[string]any{"command": "gomend.report"}, &res)
	for _, want := range []string{
		"Folder `" + c.root + "`",
		"go.work in effect: `" + c.path("go.work") + "`",
		"modules found: 3",
		"module `example.com/b`",
		"`gowork-missing-module` at `" + c.path("b/go.mod") + ":1`",
		"Use this module in your go.work file (exact): edits `" + c.path("go.work") + "`",
	} {
		if !strings.Contains(res.Markdown, want) {
			t.Errorf("report lacks %q:\n%s", want, res.Markdown)
		}
	}
}

// TestApplyEditDoesNotHoldTheQueue: the editor asks the server something
// before it answers workspace/applyEdit. The repair must not keep its turn
// while it waits, or neither side could go on.
func TestApplyEditDoesNotHoldTheQueue(t *testing.T) {
	c := startInitialized(t, testConfig{files: forgetful})
	c.askFirst.Store(true)
	id := c.plan().Problems[0].Fixes[0].ID
	if res := c.repair(id); len(res.Applied) != 1 {
		t.Errorf("repair = %+v", res)
	}
}

// TestCommandFixes: a fix that is a client command (reopen the module
// root) is in the plan with its command, is handed back by a repair
// instead of being applied, and is a code action's command.
func TestCommandFixes(t *testing.T) {
	c := startInitialized(t, testConfig{folders: []string{"sub"}, files: map[string]string{
		"go.mod":   "module example.com/m\n\ngo 1.22\n",
		"sub/x.go": "package sub\n",
	}})
	d := c.waitCheck("go.mod", "folder-inside-module")
	var id string
	var cmd *fix.Command
	problems := c.plan().Problems
	for _, p := range problems {
		for _, fx := range p.Fixes {
			if fx.Command != nil {
				id, cmd = fx.ID, fx.Command
			}
		}
	}
	if cmd == nil || cmd.Command != "gomend.openFolder" || len(cmd.Arguments) != 1 || cmd.Arguments[0] != c.root {
		t.Fatalf("plan %+v has no gomend.openFolder command for the module root", problems)
	}
	res := c.repair(id)
	if len(res.Applied) != 0 || len(res.Failed) != 0 || len(res.Commands) != 1 || res.Commands[0].Command != "gomend.openFolder" || res.Remaining != len(problems)-1 {
		t.Errorf("repair = %+v", res)
	}
	if edits, _ := c.counts(); edits != 0 {
		t.Errorf("%d applyEdit requests for a command fix", edits)
	}
	actions := c.codeActions("go.mod", d.Range, map[string]any{"diagnostics": []json.RawMessage{rawDiagnostic(t, d)}})
	if len(actions) != 1 || actions[0].Command == nil || actions[0].Command.Command != "gomend.openFolder" || actions[0].Edit != nil {
		t.Errorf("actions = %+v", actions)
	}
}
