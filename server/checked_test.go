package server

import (
	"testing"
	"time"
)

// waitChecked waits for a gomend/checked notification that satisfies ok.
func (c *testClient) waitChecked(what string, ok func(checkedParams) bool) checkedParams {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		ch := c.changed
		for _, p := range c.checked {
			if ok(p) {
				c.mu.Unlock()
				return p
			}
		}
		c.mu.Unlock()
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for gomend/checked with %s", what)
		}
	}
}

// A clean workspace publishes no diagnostics at all; gomend/checked is how a
// client learns the check ran and found nothing.
func TestCheckedNotificationOnCleanWorkspace(t *testing.T) {
	c := start(t, testConfig{files: map[string]string{
		"go.mod": "module example.com/ok\n\ngo 1.22\n",
		"ok.go":  "package ok\n",
	}})
	c.initialize(nil)
	p := c.waitChecked("any result", func(checkedParams) bool { return true })
	if p.Errors+p.Warnings+p.Infos+p.Hints != 0 {
		t.Errorf("clean workspace: %+v, want no findings", p)
	}
	c.mu.Lock()
	n := len(c.diags)
	c.mu.Unlock()
	if n != 0 {
		t.Errorf("clean workspace published diagnostics for %d files", n)
	}
}

func TestCheckedNotificationCountsProblems(t *testing.T) {
	c := start(t, testConfig{files: map[string]string{
		"go.work":        "go 1.22\n\nuse ./app\n",
		"app/go.mod":     "module example.com/app\n\ngo 1.22\n",
		"app/a.go":       "package app\n",
		"tools/go.mod":   "module example.com/tools\n\ngo 1.22\n",
		"tools/tools.go": "package tools\n",
	}})
	c.initialize(nil)
	c.waitCheck("tools/go.mod", "gowork-missing-module")
	c.waitChecked("one warning", func(p checkedParams) bool { return p.Warnings == 1 && p.Errors == 0 })
}
