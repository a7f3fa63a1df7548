//go:build !unix

package jsonbody

func cpuNanos() int64 { return 0 }
