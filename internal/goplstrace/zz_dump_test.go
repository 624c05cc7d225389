package goplstrace

import (
	"encoding/json"
	"os"
	"testing"
)

func TestZZDump(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	sum := summarizeFile(t, p)
	b, _ := json.MarshalIndent(sum, "", "  ")
	os.Stderr.Write(b)
}
