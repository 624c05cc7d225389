//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package lspdriver

import (
	"os"
	"runtime"
	"syscall"
)

// MaxRSS is the finished process's peak resident set in bytes.
func MaxRSS(st *os.ProcessState) int64 {
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok || ru == nil {
		return 0
	}
	if runtime.GOOS == "darwin" { // bytes there, KiB on the others
		return int64(ru.Maxrss)
	}
	return int64(ru.Maxrss) * 1024
}
