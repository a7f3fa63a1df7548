//go:build !unix

package phone

import "testing"

// cpuClock reports nothing where getrusage is not available.
type cpuClock struct{}

func startCPU() cpuClock             { return cpuClock{} }
func (cpuClock) report(b *testing.B) {}
