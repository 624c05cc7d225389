//go:build !unix

package goplstrace

import "os"

// mapping is never made on this system: files are read.
type mapping struct{ data []byte }

func mapFile(*os.File, int64) (*mapping, bool) { return nil, false }

func (m *mapping) release(from, to int64) {}

func (m *mapping) unmap() {}
