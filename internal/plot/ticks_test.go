package plot

import (
	"math"
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

func TestNumLabel(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{0, "0"},
		{math.Copysign(0, -1), "0"},
		{1, "1"},
		{0.5, "0.5"},
		{0.1 + 0.2, "0.3"}, // float noise hidden
		{0.001, "0.001"},
		{1e-4, "1e-4"},
		{2.5e-7, "2.5e-7"},
		{1e-10, "1e-10"},
		{999, "999"},
		{1000, "1,000"},
		{15_000, "15,000"},
		{-15_000, "-15,000"},
		{1234.5, "1,234.5"},
		{100_000_000, "100,000,000"},
		{25_000_000.5, "2.5e7"},
		{1e20, "1e20"},
		{-7.375, "-7.375"},
	} {
		if got := numLabel(tc.v); got != tc.want {
			t.Errorf("numLabel(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}

// parseLabel reads a label written in the pictures' style back as a
// number.
func parseLabel(t *testing.T, l string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.ReplaceAll(l, ",", ""), 64)
	if err != nil {
		t.Fatalf("label %q is not a number", l)
	}
	return v
}

// checkStyle reports labels not in the pictures' style: a padded or
// signed exponent (1e-04, 1e+07), or four or more digits in a row.
func checkStyle(t *testing.T, labels []string) {
	t.Helper()
	for _, l := range labels {
		if strings.Contains(l, "e-0") || strings.Contains(l, "e+") {
			t.Errorf("label %q: exponent not in the style 1e-4", l)
		}
		run := 0
		for _, c := range l {
			if c >= '0' && c <= '9' {
				run++
			} else {
				run = 0
			}
			if run > 3 && !strings.Contains(l, ".") && !strings.Contains(l, "e") {
				t.Errorf("label %q: four digits without a comma", l)
				break
			}
		}
	}
}

func TestCountTicks(t *testing.T) {
	for _, hi := range []float64{5, 500, 9_844, 15_872, 2_000_000, 1e8} {
		ticks := countTicks{}.Ticks(0, hi)
		labels := labelled(ticks)
		if len(labels) < 2 {
			t.Errorf("0 to %v: labels %q, want at least two", hi, labels)
		}
		checkStyle(t, labels)
		for _, tk := range ticks {
			if tk.Label != "" && parseLabel(t, tk.Label) != tk.Value {
				t.Errorf("0 to %v: tick at %v labelled %q", hi, tk.Value, tk.Label)
			}
		}
	}
}

func TestNumberTicks(t *testing.T) {
	for _, r := range [][2]float64{{-8, 8}, {-0.003, 0.002}, {0, 1e-5}, {-2e4, 3e4}} {
		ticks := numberTicks{}.Ticks(r[0], r[1])
		labels := labelled(ticks)
		checkStyle(t, labels)
		for _, tk := range ticks {
			if tk.Label == "" {
				continue
			}
			if v := parseLabel(t, tk.Label); math.Abs(v-tk.Value) > labelTolerance*math.Abs(r[1]-r[0]) {
				t.Errorf("%v: tick at %v labelled %q", r, tk.Value, tk.Label)
			}
		}
	}
}

// labelTolerance is how far, as a fraction of the axis, a label's number
// may be from its tick: six significant digits.
const labelTolerance = 1e-6

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
		{2, 9, false}, // counts on a log axis: 100 to 1e9
	} {
		ticks := decadeTicks{zero: tc.zero}.Ticks(tc.lo, tc.hi)
		labels := labelled(ticks)
		checkStyle(t, labels)
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
				v := parseLabel(t, tk.Label)
				want := strconv.FormatFloat(tk.Value, 'f', -1, 64)
				if strconv.FormatFloat(log10(v), 'f', -1, 64) != want {
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
