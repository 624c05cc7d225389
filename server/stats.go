package server

// This file answers gomend/stats, gomend's own request for what the server
// has done so far. Benchmarks and tests use it to prove that an edit cost
// nothing: no new snapshot, no re-walk, no rerun of the checks.

import "context"

const methodStats = "gomend/stats"

type statsResult struct {
	// Snapshot is the current snapshot's sequence number; it changes
	// whenever anything a check reads changes.
	Snapshot uint64 `json:"snapshot"`
	// Walks counts the folder walks behind the current snapshot.
	Walks int `json:"walks"`
	// Diagnoses counts the diagnoses that ran the checks.
	Diagnoses int64 `json:"diagnoses"`
	// Buffers is the number of open editor buffers.
	Buffers int `json:"buffers"`
	// PeakRSS is this process's own peak resident set size in bytes (0
	// where the system does not say): the go commands it starts are
	// separate processes, measured separately.
	PeakRSS int64 `json:"peakRSSBytes"`
}

func (s *server) stats(ctx context.Context, r *request) (any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	snap := s.ensureSnapshot()
	return statsResult{
		Snapshot:  snap.Seq(),
		Walks:     snap.Walks(),
		Diagnoses: s.diagnoses.Load(),
		Buffers:   len(s.state.buffers),
		PeakRSS:   ownPeakRSS(),
	}, nil
}
