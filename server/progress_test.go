package server

import (
	"slices"
	"testing"
	"time"
)

// withProgress are VS Code's capabilities plus work-done progress.
func withProgress() map[string]any {
	caps := map[string]any{}
	for k, v := range vscodeCaps {
		caps[k] = v
	}
	caps["window"] = map[string]any{"workDoneProgress": true}
	return caps
}

// waitProgressEnd waits for the walk's progress to end and returns every
// progress event.
func (c *testClient) waitProgressEnd() []string {
	c.t.Helper()
	deadline := time.After(waitLimit)
	for {
		c.mu.Lock()
		ch, got := c.changed, slices.Clone(c.progress)
		c.mu.Unlock()
		if slices.Contains(got, "gomend/walk end") {
			return got
		}
		select {
		case <-ch:
		case <-deadline:
			c.t.Fatalf("timed out waiting for the end of progress; got %q", got)
		}
	}
}

// The first walk is shown as progress: the token is created before it is
// used, then begin, reports and end.
func TestFirstWalkReportsProgress(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress(), progressDelay: -1})
	c.initialize(nil)
	got := c.waitProgressEnd()
	want := []string{"create gomend/walk", "gomend/walk begin"}
	if len(got) < 3 || !slices.Equal(got[:2], want) || got[len(got)-1] != "gomend/walk end" {
		t.Fatalf("progress = %q, want %q, reports…, end", got, want)
	}
	for _, p := range got[2 : len(got)-1] {
		if p != "gomend/walk report" {
			t.Errorf("between begin and end: %q", p)
		}
	}
}

// A walk faster than the delay shows no progress at all: no flicker.
func TestFastWalkShowsNoProgress(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress()})
	c.initialize(nil)
	c.waitChecked("the first diagnosis", func(checkedParams) bool { return true })
	var st statsResult
	c.call(methodStats, nil, &st) // handled after initialized: the walk is over
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.progress) != 0 {
		t.Errorf("progress on a tiny workspace: %q", c.progress)
	}
}

// The end message says how much was read.
func TestProgressEndCountsEntries(t *testing.T) {
	c := start(t, testConfig{files: forgetful, caps: withProgress(), progressDelay: -1})
	var ends []string
	c.onProgress = func(v progressValue) {
		if v.Kind == "end" {
			ends = append(ends, v.Message)
		}
	}
	c.initialize(nil)
	c.waitProgressEnd()
	c.mu.Lock()
	defer c.mu.Unlock()
	// forgetful: the root, 3 folders and 7 files.
	if len(ends) != 1 || ends[0] != "Read 11 files and folders" {
		t.Errorf("end messages = %q", ends)
	}
}
