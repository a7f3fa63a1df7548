package timezone

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStateHoliday(t *testing.T) {
	yes := map[string][]string{
		"UT": {"2025-07-24", "2027-07-23", "2026-07-24", "2025-12-25", "2025-06-19"},
		"PA": {"2025-04-18", "2025-06-13", "2025-06-14", "2025-11-04", "2026-11-03", "2027-03-26", "2026-06-15"},
		"LA": {"2025-03-04", "2025-04-18", "2026-02-17", "2026-04-03"},
		"AL": {"2025-03-04", "2025-04-28", "2025-06-02", "2026-04-27", "2026-06-01"},
		"RI": {"2025-08-11", "2026-08-10"},
		"NY": {"2025-07-04", "2025-11-27"},
	}
	no := map[string][]string{
		"UT": {"2025-07-23", "2025-07-25", "2025-04-18"},
		"PA": {"2025-04-17", "2025-11-03", "2025-11-05", "2025-11-11x"},
		"LA": {"2025-03-05", "2025-11-04", "2025-04-20"},
		"AL": {"2025-04-21", "2025-06-09", "2025-03-05"},
		"RI": {"2025-08-04", "2025-08-18"},
		"NY": {"2025-04-18", "2025-07-24", "2025-08-11", "2025-11-04"},
	}
	for st, days := range yes {
		for _, s := range days {
			d, err := time.Parse(time.DateOnly, s)
			require.NoError(t, err)
			y, m, dd := d.Date()
			assert.True(t, StateHoliday(st, y, m, dd), st+" "+s)
		}
	}
	for st, days := range no {
		for _, s := range days {
			d, err := time.Parse(time.DateOnly, strings.TrimSuffix(s, "x"))
			require.NoError(t, err)
			want := strings.HasSuffix(s, "x") // Veterans Day is federal
			y, m, dd := d.Date()
			assert.Equal(t, want, StateHoliday(st, y, m, dd), st+" "+s)
		}
	}
}

// TestEaster against published dates (including the earliest and latest possible).
func TestEaster(t *testing.T) {
	for _, s := range []string{"1818-03-22", "1943-04-25", "2000-04-23", "2008-03-23", "2011-04-24",
		"2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2038-04-25",
		"1981-04-19", "1954-04-18"} {
		d, err := time.Parse(time.DateOnly, s)
		require.NoError(t, err)
		y, m, dd := d.Date()
		assert.Equal(t, daysFromCivil(y, m, dd), easter(y), s)
		assert.Equal(t, s, slowEaster(y).Format(time.DateOnly))
	}
}

// TestHolidaysMatchSlow: the day-number holiday rules against the time.Date references,
// every day from 1900 to 2100 and every state.
func TestHolidaysMatchSlow(t *testing.T) {
	states := []string{"AL", "LA", "PA", "RI", "UT", "NY"}
	for d := time.Date(1900, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() <= 2100; d = d.AddDate(0, 0, 1) {
		y, m, dd := d.Date()
		if FederalHoliday(y, m, dd) != slowFederalHoliday(y, m, dd) {
			t.Fatalf("FederalHoliday(%s) = %v", d.Format(time.DateOnly), !slowFederalHoliday(y, m, dd))
		}
		for _, st := range states {
			if StateHoliday(st, y, m, dd) != slowStateHoliday(st, y, m, dd) {
				t.Fatalf("StateHoliday(%s, %s) = %v", st, d.Format(time.DateOnly), !slowStateHoliday(st, y, m, dd))
			}
		}
	}
}

// TestCivilDate: the day-number arithmetic normalizes like time.Date, out-of-range
// months and days included.
func TestCivilDate(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		y := 1600 + r.IntN(900)
		m := time.Month(r.IntN(30) - 8)
		d := r.IntN(800) - 400
		want := time.Date(y, m, d, 12, 0, 0, 0, time.UTC)
		c := civilDate(y, m, d)
		wy, wm, wd := want.Date()
		if c.y != wy || c.m != wm || c.d != wd || c.wd != want.Weekday() {
			t.Fatalf("civilDate(%d, %d, %d) = %+v, want %s", y, m, d, c, want.Format("2006-01-02 Mon"))
		}
	}
}
