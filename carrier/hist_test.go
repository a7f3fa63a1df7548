package carrier

import "testing"

// slowHistMin is the readable reference for histMin.
func slowHistMin(a, b string) int {
	ca, cb := map[int]int{}, map[int]int{}
	bucket := func(c byte) int {
		switch {
		case 'a' <= c && c <= 'z':
			return int(c - 'a')
		case '0' <= c && c <= '9':
			return 26 + int(c-'0')
		case c == ' ':
			return 36
		}
		return 37
	}
	for i := 0; i < len(a); i++ {
		ca[bucket(a[i])]++
	}
	for i := 0; i < len(b); i++ {
		cb[bucket(b[i])]++
	}
	n := 0
	for k, v := range ca {
		n += min(v, cb[k])
	}
	return n
}

func FuzzHistMin(f *testing.F) {
	f.Add("humanna", "humana")
	f.Add("blue cross blue shield", "bcbs texas")
	f.Add("zzzz 9999 éé", "z9 é")
	f.Fuzz(func(t *testing.T, q, k string) {
		if len(k) > maxFuzzyKey || len(q) > 4*MaxInputLen {
			return
		}
		hq, hk := histogram(q), histogram(k)
		got, want := histMin(&hq, &hk), slowHistMin(q, k)
		if got < want {
			t.Fatalf("histMin(%q, %q) = %d < %d: bound not exact", q, k, got, want)
		}
		if got != want && len(q) < 127 {
			t.Fatalf("histMin(%q, %q) = %d, want %d", q, k, got, want)
		}
	})
}
