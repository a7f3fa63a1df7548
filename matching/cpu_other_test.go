//go:build !unix

package matching

func cpuNanos() int64 { return 0 }
