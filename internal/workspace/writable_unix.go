//go:build unix

package workspace

import "golang.org/x/sys/unix"

// canWrite asks the OS whether this process may create entries in dir.
func canWrite(dir string) bool { return unix.Access(dir, unix.W_OK) == nil }
