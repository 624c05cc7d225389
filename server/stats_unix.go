//go:build unix

package server

import (
	"runtime"
	"syscall"
)

// ownPeakRSS is this process's peak RSS (getrusage RUSAGE_SELF).
func ownPeakRSS() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "ios" {
		return ru.Maxrss // bytes there
	}
	return ru.Maxrss * 1024 // kilobytes elsewhere
}
