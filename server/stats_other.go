//go:build !unix

package server

// ownPeakRSS is unknown here.
func ownPeakRSS() int64 { return 0 }
