package plot

import (
	"strconv"
	"strings"
	"testing"

	gplot "gonum.org/v1/plot"
)

// labelled returns the labels of the major ticks.
func labelled(ticks []gplot.Tick) []string {
	var s []string
	for _, t := range ticks {
		if t.Label != "" {
			s = append(s, t.Label)
		}
	}
	return s
}

func TestCountTicks(t *testing.T) {
	for _, tc := range []struct {
		hi   float64
		unit string
	}{
		{500, ""},
		{15_872, "k"},
		{2_000_000, "M"},
		{1e8, "M"},
	} {
		labels := labelled(countTicks{}.Ticks(0, tc.hi))
		if len(labels) < 2 {
			t.Errorf("0 to %v: labels %q, want at least two", tc.hi, labels)
		}
		for _, l := range labels {
			if strings.ContainsAny(l, "e+") {
				t.Errorf("0 to %v: label %q is in scientific notation", tc.hi, l)
			}
			if l != "0" && !strings.HasSuffix(l, tc.unit) || tc.unit == "" && strings.ContainsAny(l, "kM") {
				t.Errorf("0 to %v: label %q, want unit %q", tc.hi, l, tc.unit)
			}
		}
	}
	if got := countLabel(20_000_000, 1e8); got != "20M" {
		t.Errorf("countLabel(2e7) = %q, want 20M", got)
	}
	if got := countLabel(12_500, 15_000); got != "12.5k" {
		t.Errorf("countLabel(12500) = %q, want 12.5k", got)
	}
}

func TestDecadeTicks(t *testing.T) {
	for _, tc := range []struct {
		lo, hi float64
		zero   bool
	}{
		{-3, 0, false},
		{-10, 0, false},
		{-25, 0, true},
		{-300, 0, true},
		{-2, -1, true},
	} {
		ticks := decadeTicks{zero: tc.zero}.Ticks(tc.lo, tc.hi)
		labels := labelled(ticks)
		if len(labels) < 2 || len(labels) > 8 {
			t.Errorf("%v to %v: %d labels %q, want 2 to 8", tc.lo, tc.hi, len(labels), labels)
		}
		if got := ticks[0].Label == "0"; got != tc.zero {
			t.Errorf("%v to %v, zero %v: the bottom is labelled %q", tc.lo, tc.hi, tc.zero, ticks[0].Label)
		}
		prev := tc.lo - 1
		for _, tk := range ticks {
			if tk.Value < tc.lo || tk.Value > tc.hi {
				t.Errorf("%v to %v: tick at %v outside the axis", tc.lo, tc.hi, tk.Value)
			}
			if tk.Label != "" && tk.Label != "0" {
				// A label names the loss 10^Value.
				v, err := strconv.ParseFloat(tk.Label, 64)
				want := strconv.FormatFloat(tk.Value, 'f', -1, 64)
				if err != nil || strconv.FormatFloat(log10(v), 'f', -1, 64) != want {
					t.Errorf("tick at %v labelled %q", tk.Value, tk.Label)
				}
				if tk.Value <= prev {
					t.Errorf("labels out of order at %q", tk.Label)
				}
				prev = tk.Value
			}
		}
	}
}

// log10 returns the power of ten that v is, rounded to a whole number.
func log10(v float64) float64 {
	e := 0.0
	for ; v >= 10; v /= 10 {
		e++
	}
	for ; v < 0.999; v *= 10 {
		e--
	}
	return e
}

func TestSpanTicks(t *testing.T) {
	got := strings.Join(labelled(spanTicks([2]float64{0, 1}).Ticks(-0.25, 1.25)), " ")
	if got != "0 0.5 1" {
		t.Errorf("ticks for inputs 0 and 1 are labelled %q, want 0 0.5 1", got)
	}
}
