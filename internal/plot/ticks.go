package plot

import (
	"math"
	"strconv"
	"strings"

	gplot "gonum.org/v1/plot"
)

// Every number on a picture's axes is written in one style, which the
// command's own output shares (15,891 iterations, goal 0.001, 1e-10):
// whole numbers in full, with a comma between each group of three digits;
// other numbers in at most six significant digits; and numbers below
// 0.001 (or, when not whole, of a million or more) with a plain power of
// ten, 1e-4 or 2.5e7, never 1e-04 or 2.5e+07.

// numLabel formats the number v in the pictures' style.
func numLabel(v float64) string {
	switch {
	case v == 0:
		return "0" // also −0
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return commas(strconv.FormatFloat(v, 'f', 0, 64))
	case math.Abs(v) < 1e-3 || math.Abs(v) >= 1e6:
		// Six significant digits hide float noise; "2.50000e-07" becomes
		// "2.5e-7".
		mant, exp, _ := strings.Cut(strconv.FormatFloat(v, 'e', 5, 64), "e")
		if strings.Contains(mant, ".") {
			mant = strings.TrimRight(strings.TrimRight(mant, "0"), ".")
		}
		e, _ := strconv.Atoi(exp) // "-07" is -7
		return mant + "e" + strconv.Itoa(e)
	}
	// Six significant digits hide float noise such as 0.30000000000000004.
	whole, frac, _ := strings.Cut(strconv.FormatFloat(v, 'g', 6, 64), ".")
	if frac != "" {
		frac = "." + frac
	}
	return commas(whole) + frac
}

// commas puts a comma between each group of three digits of the whole
// number s, which may have a sign: "-15000" becomes "-15,000".
func commas(s string) string {
	sign, digits := "", s
	if s != "" && (s[0] == '-' || s[0] == '+') {
		sign, digits = s[:1], s[1:]
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return sign + b.String()
}

// countTicks marks an iteration axis: gonum's default positions,
// labelled in full, 15,000 and 20,000,000 rather than 15000 or 2e+07.
type countTicks struct{}

// Ticks implements gplot.Ticker.
func (countTicks) Ticks(lo, hi float64) []gplot.Tick {
	return relabel(gplot.DefaultTicks{}.Ticks(lo, hi))
}

// countLabel formats the count v as numLabel does. The largest label on
// the axis, top, no longer changes the style (counts were once written
// 15k or 20M on long axes); it is kept for callers.
func countLabel(v, _ float64) string { return numLabel(v) }

// numberTicks marks an axis of any numbers with five to ten labels, at
// the multiples of the step: the smallest of 1, 2, 2.5 or 5 times a
// power of ten that leaves at most ten. Minor ticks mark each fifth of a
// step (each half of a step of 2.5).
type numberTicks struct{}

// Ticks implements gplot.Ticker.
func (numberTicks) Ticks(lo, hi float64) []gplot.Tick {
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		return gplot.DefaultTicks{}.Ticks(lo, hi)
	}
	const most = 10
	mag := math.Pow10(int(math.Floor(math.Log10((hi - lo) / most))))
	var step, minor float64
	for _, s := range [...][2]float64{{1, 5}, {2, 5}, {2.5, 2}, {5, 5}, {10, 5}} {
		step, minor = s[0]*mag, s[0]*mag/s[1]
		if (hi-lo)/step <= most {
			break
		}
	}
	var ticks []gplot.Tick
	for k := math.Ceil(lo / minor); k*minor <= hi; k++ {
		v := k * minor
		t := gplot.Tick{Value: v}
		if r := math.Round(v / step); math.Abs(v-r*step) < step*1e-9 {
			t.Value = r * step // exactly a multiple, so that 0 is 0
			t.Label = numLabel(t.Value)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// relabel rewrites the labels of the major ticks in the pictures' style.
func relabel(ticks []gplot.Tick) []gplot.Tick {
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = numLabel(t.Value)
		}
	}
	return ticks
}

// decadeTicks marks a loss axis on which a loss v is drawn at log10(v),
// from lo to hi, both whole numbers. It labels every step-th power of
// ten with the loss, step being the smallest of 1, 2, 5, 10, 20, 50, ...
// that leaves at most 7 labels. Minor ticks mark the powers between, or
// fifths of a step for steps of 10 and more, or 2…9 times each power
// when the axis spans at most 3 decades.
type decadeTicks struct {
	// zero says that lo stands for a loss of 0: it is labelled "0", and
	// the label of a power less than half a step above it is left out.
	zero bool
}

// Ticks implements gplot.Ticker.
func (d decadeTicks) Ticks(lo, hi float64) []gplot.Tick {
	e0, e1 := int(math.Floor(lo)), int(math.Ceil(hi))
	step := 1
	for k := 1; (e1-e0)/step > 6; k++ {
		step = [...]int{1, 2, 5}[k%3] * int(math.Pow10(k/3)) // 1, 2, 5, 10, 20, ...
	}
	minor := max(1, step/5)
	var ticks []gplot.Tick
	for e := e0; e <= e1; e++ {
		switch {
		case d.zero && e == e0:
			ticks = append(ticks, gplot.Tick{Value: float64(e), Label: "0"})
			continue // no minor ticks between 0 and a power of ten
		case e%step == 0 && !(d.zero && 2*(e-e0) < step):
			ticks = append(ticks, gplot.Tick{Value: float64(e), Label: powerLabel(e)})
		case e%minor == 0:
			ticks = append(ticks, gplot.Tick{Value: float64(e)})
		}
		if e1-e0 <= 3 && e < e1 {
			for k := 2.0; k <= 9; k++ {
				ticks = append(ticks, gplot.Tick{Value: float64(e) + math.Log10(k)})
			}
		}
	}
	return ticks
}

// powerLabel formats 10^e: in full from 0.001 to 1,000,000, which a
// learner reads at a glance, and as 1e-4 or 1e7 beyond.
func powerLabel(e int) string {
	if e >= -3 && e <= 6 {
		return numLabel(math.Pow10(e))
	}
	return "1e" + strconv.Itoa(e)
}

// spanTicks returns gonum's default ticks for the range r rather than
// for the whole axis, so that an axis from -0.25 to 1.25 for inputs of 0
// and 1 is labelled 0, 0.5 and 1.
func spanTicks(r [2]float64) gplot.Ticker {
	// "0" and "1" rather than "0.0" and "1.0".
	return gplot.ConstantTicks(relabel(gplot.DefaultTicks{}.Ticks(r[0], r[1])))
}
