//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package lspdriver

import "os"

// MaxRSS is unknown where getrusage is not: 0.
func MaxRSS(*os.ProcessState) int64 { return 0 }
