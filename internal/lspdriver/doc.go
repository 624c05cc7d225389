// Package lspdriver is a small LSP client for benchmarks: it runs a language
// server over stdio, records every message the server sends with the time it
// arrived, answers the server's own requests so it never blocks on us, and
// reports the finished process's resource usage.
//
// It speaks JSON-RPC with the standard library only: the LSP library is
// reserved for server/ (see internal/archtest).
package lspdriver
