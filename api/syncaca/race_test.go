//go:build race

package syncaca

const raceEnabled = true
