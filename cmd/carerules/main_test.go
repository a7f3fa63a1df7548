package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files (then review the diff by hand against the rules)")

const syncData = "../../testdata/sync"

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cmd/carerules -update and review it")
	assert.Equal(t, string(want), string(got), "output differs from %s (go test ./cmd/carerules -update, then review the diff)", path)
}

func runCLI(args ...string) (stdout, stderr string, code int) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return o.String(), e.String(), code
}

// TestSyncGolden runs the main job on the sample of testdata/sync and
// compares the printed response with the golden files. Every decision in
// them was checked by hand against the rules (api/syncaca's
// TestSyncEveryRecordOnce pins the failed records: 4 and 9 ambiguous
// customers, 7 a non-ACA policy match, 8 another customer's policy).
func TestSyncGolden(t *testing.T) {
	existing := filepath.Join(syncData, "existing.json")
	cases := []struct {
		name   string
		args   []string
		golden string
		code   int
	}{
		{"literal", []string{"sync", "--existing", existing, "--today", "2026-11-21", filepath.Join(syncData, "batch.json")}, "batch.golden.json", 0},
		{"cascade", []string{"sync", "--existing", existing, "--today", "2026-11-21", "--cascade", filepath.Join(syncData, "batch.json")}, "batch.cascade.golden.json", 0},
		{"explain", []string{"sync", filepath.Join(syncData, "batch.json"), "--existing", existing, "--today", "2026-11-21", "--explain"}, "batch.explain.golden.json", 0},
		{"invalid", []string{"sync", "--existing", existing, "--today", "2026-11-21", filepath.Join(syncData, "batch-invalid.json")}, "batch-invalid.golden.json", 1},
		{"feb29_anniversary", []string{"sync", "--existing", filepath.Join(syncData, "feb29-existing.json"), "--today", "2025-02-28", "--explain", filepath.Join(syncData, "feb29-batch.json")}, "feb29-2025-02-28.golden.json", 0},
		{"feb29_day_after", []string{"sync", "--existing", filepath.Join(syncData, "feb29-existing.json"), "--today", "2025-03-01", "--explain", filepath.Join(syncData, "feb29-batch.json")}, "feb29-2025-03-01.golden.json", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := runCLI(c.args...)
			assert.Equal(t, c.code, code, "stderr: %s", errOut)
			assert.Empty(t, errOut)
			golden(t, filepath.Join(syncData, c.golden), []byte(out))
			// Deterministic: a second run prints the same bytes.
			again, _, _ := runCLI(c.args...)
			assert.Equal(t, out, again)
		})
	}
}

// TestSubcommandsGolden runs every one-rule subcommand, valid and rejected,
// human and JSON, and compares the transcript with a golden file.
func TestSubcommandsGolden(t *testing.T) {
	cases := [][]string{
		{"plancode", "MA", "h1234001000"},
		{"plancode", "PDP", "S5678-002-1"},
		{"plancode", "MA", "S1234-001-000"},
		{"plancode", "MAPD", "H1234-001"},
		{"plancode", "ACA", "12345FL0010002"},
		{"plancode", "--json", "MA", "H1234-001-000"},
		{"carrier", "UHC"},
		{"carrier", "BCBS", "--state", "TX"},
		{"carrier", "BCBS"},
		{"carrier", "Anthem", "--state", "GA"},
		{"carrier", "Anthem"},
		{"carrier", "Oscar Helth"},
		{"carrier", "Medicare"},
		{"carrier", "--json", "BCBSIL"},
		{"phone", "(212) 736-5000"},
		{"phone", "212-736-5000"},
		{"phone", "212-736-5000", "--lenient"},
		{"phone", "+18005550199"},
		{"phone", "(911) 555-0100"},
		{"phone", "--json", "2127365000"},
		{"dob", "02/29/1980", "--today", "2026-11-21"},
		{"dob", "02/29/1981", "--today", "2026-11-21"},
		{"dob", "12/01/2030", "--today", "2026-11-21"},
		{"dob", "1980-02-29", "--today", "2026-11-21"},
		{"dob", "--json", "--today", "2026-11-21", "01-02/1990"},
		{"tz", "EST"},
		{"tz", "US/Eastern"},
		{"tz", "10001"},
		{"tz", "86004"},
		{"tz", "09012"},
		{"tz", "Mars/Olympus"},
		{"tz", "--json", "85001"},
	}
	var buf bytes.Buffer
	for _, args := range cases {
		out, errOut, code := runCLI(args...)
		assert.Empty(t, errOut, "%v", args)
		fmt.Fprintf(&buf, "$ carerules %s\n%sexit %d\n\n", strings.Join(quoteArgs(args), " "), out, code)
	}
	golden(t, "testdata/subcommands.golden", buf.Bytes())
}

func quoteArgs(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		if strings.ContainsAny(a, " ()'\"") || a == "" {
			a = "'" + a + "'"
		}
		out[i] = a
	}
	return out
}

// TestExitStatus pins the exit statuses: 0 valid, 1 rejected, 2 usage.
func TestExitStatus(t *testing.T) {
	existing := filepath.Join(syncData, "existing.json")
	batch := filepath.Join(syncData, "batch.json")
	notJSON := filepath.Join(t.TempDir(), "bad.json")
	require.NoError(t, os.WriteFile(notJSON, []byte(`{"records": [`), 0o644))
	cases := []struct {
		args []string
		code int
	}{
		{nil, 2},
		{[]string{"frobnicate"}, 2},
		{[]string{"help"}, 0},
		{[]string{"sync", batch}, 2},                  // --existing missing
		{[]string{"sync", "--existing", existing}, 2}, // batch missing
		{[]string{"sync", "--existing", existing, "--today", "11/21/2026", batch}, 2},   // bad --today
		{[]string{"sync", "--existing", "/nonexistent/book.json", batch}, 2},            // unreadable book
		{[]string{"sync", "--existing", existing, "--today", "2026-11-21", notJSON}, 1}, // body not JSON
		{[]string{"sync", "--existing", batch, "--today", "2026-11-21", batch}, 2},      // not a book
		{[]string{"sync", "--existing", existing, "--today", "2026-11-21", "--nope", batch}, 2},
		{[]string{"phone"}, 2},
		{[]string{"phone", "1", "2"}, 2},
		{[]string{"phone", "2127365000"}, 0},
		{[]string{"phone", "--", "-2127365000"}, 1},
		{[]string{"plancode", "MA"}, 2},
		{[]string{"dob", "--today", "x", "01/01/1990"}, 2},
		{[]string{"tz", ""}, 1},
	}
	for _, c := range cases {
		_, _, code := runCLI(c.args...)
		assert.Equal(t, c.code, code, "%q", c.args)
	}
	out, _, _ := runCLI("sync", "--existing", existing, "--today", "2026-11-21", notJSON)
	assert.Contains(t, out, `"code": "INVALID_JSON"`)
}

// TestPlanCodeBreakdownOnlyForCMSTypes: the plancode rules keep the plan
// codes of every type but MA, MAPD and PDP as given; the command must not
// describe such a code as a CMS contract (prefix, contract, plan, segment),
// even when it happens to look like one.
func TestPlanCodeBreakdownOnlyForCMSTypes(t *testing.T) {
	for _, typ := range []string{"ACA", "MS", "Dental"} {
		out, _, code := runCLI("plancode", typ, "H1234-001-000")
		assert.Equal(t, 0, code, typ)
		assert.NotContains(t, out, "prefix", typ)
		assert.Contains(t, out, "kept as given", typ)
		out, _, _ = runCLI("plancode", "--json", typ, "H1234-001-000")
		assert.NotContains(t, out, `"prefix"`, typ)
	}
	for _, typ := range []string{"MA", "mapd", "PDP"} {
		out, _, code := runCLI("plancode", typ, "H1234-001-000")
		assert.Equal(t, 0, code, typ)
		assert.Contains(t, out, "prefix H", typ)
	}
}
