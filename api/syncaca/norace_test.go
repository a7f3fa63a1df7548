//go:build !race

package syncaca

const raceEnabled = false
