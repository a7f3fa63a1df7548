//go:build race

package jsonbody

const raceEnabled = true
