package stats

import (
	"math"
	"strings"
	"testing"
)

func TestRates(t *testing.T) {
	const tol = 1e-12 // relative
	got, err := Rates(1, 100, 3)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range []float64{1, 10, 100} {
		if math.Abs(got[k]-want) > tol*want {
			t.Errorf("Rates(1, 100, 3)[%d] = %v, want %v", k, got[k], want)
		}
	}
	got, err = Rates(0.05, 20, 30)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 30 || got[0] != 0.05 || got[29] != 20 {
		t.Fatalf("Rates(0.05, 20, 30) = %v: want 30 rates from exactly 0.05 to exactly 20", got)
	}
	// Evenly spaced on a log scale: each rate the same factor (400^(1/29)) larger.
	factor := math.Pow(20/0.05, 1.0/29)
	for k := 1; k < len(got); k++ {
		if r := got[k] / got[k-1]; math.Abs(r-factor) > 1e-9*factor {
			t.Errorf("rate %d / rate %d = %v, want %v", k, k-1, r, factor)
		}
	}
	if got, err := Rates(0.5, 0.5, 1); err != nil || len(got) != 1 || got[0] != 0.5 {
		t.Errorf("Rates(0.5, 0.5, 1) = %v, %v; want [0.5]", got, err)
	}
}

func TestRatesErrors(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		points int
		want   string
	}{
		{0, 1, 5, "positive"},
		{1, math.Inf(1), 5, "positive"},
		{math.NaN(), 1, 5, "positive"},
		{2, 1, 5, "goes down"},
		{1, 2, 0, "at least 1"},
		{1, 2, 1, "more points"},
		{1, 1, 3, "range of rates"},
	} {
		_, err := Rates(c.lo, c.hi, c.points)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Rates(%v, %v, %d): error %v, want one saying %q", c.lo, c.hi, c.points, err, c.want)
		}
	}
}

func TestParseRange(t *testing.T) {
	for _, c := range []struct {
		in     string
		lo, hi float64
	}{{"0.05:20", 0.05, 20}, {" 0.1 : 1e1 ", 0.1, 10}, {"0.5", 0.5, 0.5}, {"2:2", 2, 2}} {
		lo, hi, err := ParseRange(c.in)
		if err != nil || lo != c.lo || hi != c.hi {
			t.Errorf("ParseRange(%q) = %v, %v, %v; want %v, %v", c.in, lo, hi, err, c.lo, c.hi)
		}
	}
	for _, c := range []struct{ in, want string }{
		{"", `rate range "": want two positive numbers with a colon between, such as 0.05:20`},
		{"0.05-20", `rate range "0.05-20": want two positive numbers with a colon between, such as 0.05:20`},
		{"0.05:", `rate range "0.05:": want two positive numbers with a colon between, such as 0.05:20`},
		{"0:1", `rate range "0:1": want two positive numbers with a colon between, such as 0.05:20`},
		{"1:2:3", `rate range "1:2:3": want two positive numbers with a colon between, such as 0.05:20`},
		{"20:0.05", `rate range "20:0.05": goes down; give the smaller rate first`},
	} {
		_, _, err := ParseRange(c.in)
		if err == nil || err.Error() != c.want {
			t.Errorf("ParseRange(%q): error %v, want %q", c.in, err, c.want)
		}
	}
}

func TestFastest(t *testing.T) {
	point := func(rate float64, median, failed int) *Summary {
		s := &Summary{Goal: Dist{N: 10 - failed, Median: median}, Failed: Failures{Cap: failed}}
		s.Setup.Rate = rate
		for range 10 {
			s.Runs = append(s.Runs, Run{})
		}
		return s
	}
	sw := &Sweep{Runs: 10, Points: []*Summary{
		point(0.5, 900, 0),
		point(1, 400, 1), // 10% failed: allowed at 0.1
		point(2, 400, 0), // as fast, but a higher rate
		point(4, 100, 5), // fastest, but half failed
		point(8, 0, 10),  // none met the goal
	}}
	for _, c := range []struct {
		maxFailed float64
		want      float64 // rate; 0 for none
	}{{0.1, 1}, {0, 2}, {0.5, 4}, {1, 4}} {
		got := sw.Fastest(c.maxFailed)
		if (got == nil) != (c.want == 0) || (got != nil && got.Setup.Rate != c.want) {
			t.Errorf("Fastest(%v) = %+v, want the point at rate %v", c.maxFailed, got, c.want)
		}
	}
	if got := (&Sweep{Points: []*Summary{point(1, 0, 10)}}).Fastest(1); got != nil {
		t.Errorf("Fastest of a sweep where no run met the goal = %+v, want nil", got)
	}
}

// TestRatesExtreme: rates spanning most of float64's range stay finite.
func TestRatesExtreme(t *testing.T) {
	rates, err := Rates(1e-300, 1e300, 3)
	if err != nil {
		t.Fatal(err)
	}
	const tol = 1e-12
	if rates[0] != 1e-300 || rates[2] != 1e300 || math.Abs(rates[1]-1) > tol {
		t.Errorf("Rates(1e-300, 1e300, 3) = %v, want [1e-300 1 1e300]", rates)
	}
}
