//go:build !unix

package workspace

// canWrite cannot ask the OS here; the go command will say.
func canWrite(string) bool { return true }
