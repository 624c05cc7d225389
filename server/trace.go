package server

// This file answers gomend.analyzeTrace: a gopls trace or log the user
// picked joins the snapshot, and its findings are published on it like any
// other file's.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"go.lsp.dev/jsonrpc2"

	"github.com/gomend/gomend/internal/workspace"
)

type analyzeTraceResult struct {
	File     string `json:"file"`
	Problems int    `json:"problems"`
}

func (s *server) analyzeTrace(ctx context.Context, raw []json.RawMessage) (any, error) {
	var path string
	if len(raw) != 1 || json.Unmarshal(raw[0], &path) != nil || !filepath.IsAbs(path) {
		return nil, fmt.Errorf("%w: %s takes the absolute path of a trace or log file", jsonrpc2.ErrInvalidParams, cmdAnalyzeTrace)
	}
	path = filepath.Clean(path)
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a readable file", jsonrpc2.ErrInvalidParams, path)
	}
	s.update(ctx, func(snap *workspace.Snapshot) *workspace.Snapshot { return snap.WithTrace(path) })
	findings, err := s.findingsFor(ctx, s.snapshot())
	if err != nil {
		return nil, err
	}
	res := analyzeTraceResult{File: path}
	for _, f := range findings {
		if f.File == path {
			res.Problems++
		}
	}
	return res, nil
}
