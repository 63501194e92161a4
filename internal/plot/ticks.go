package plot

import (
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
)

// countTicks marks an iteration axis: gonum's default positions, labelled
// in one unit for the whole axis, so that 20,000,000 reads "20M" and
// 15,000 reads "15k" rather than "2e+07" or "15000".
type countTicks struct{}

// Ticks implements gplot.Ticker.
func (countTicks) Ticks(lo, hi float64) []gplot.Tick {
	ticks := gplot.DefaultTicks{}.Ticks(lo, hi)
	top := 0.0
	for _, t := range ticks {
		if t.Label != "" {
			top = max(top, math.Abs(t.Value))
		}
	}
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = countLabel(t.Value, top)
		}
	}
	return ticks
}

// countLabel formats the count v in the unit that suits top, the largest
// label on the axis: M for millions, k for thousands, else none.
func countLabel(v, top float64) string {
	unit, scale := "", 1.0
	switch {
	case top >= 1e6:
		unit, scale = "M", 1e6
	case top >= 1e4:
		unit, scale = "k", 1e3
	}
	if v == 0 {
		return "0"
	}
	// Six significant digits hide float noise such as 0.30000000000000004.
	return strconv.FormatFloat(v/scale, 'g', 6, 64) + unit
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

// powerLabel formats 10^e: as a decimal from 0.001 to 1000, which a
// learner reads at a glance, and as 1e-06 beyond.
func powerLabel(e int) string {
	if e >= -3 && e <= 3 {
		return strconv.FormatFloat(math.Pow(10, float64(e)), 'f', max(0, -e), 64)
	}
	return strconv.FormatFloat(math.Pow(10, float64(e)), 'e', 0, 64)
}

// spanTicks returns gonum's default ticks for the range r rather than
// for the whole axis, so that an axis from -0.25 to 1.25 for inputs of 0
// and 1 is labelled 0, 0.5 and 1.
func spanTicks(r [2]float64) gplot.Ticker {
	ticks := gplot.DefaultTicks{}.Ticks(r[0], r[1])
	for i, t := range ticks {
		if t.Label != "" { // "0" and "1" rather than "0.0" and "1.0"
			ticks[i].Label = strconv.FormatFloat(t.Value, 'g', 6, 64)
		}
	}
	return gplot.ConstantTicks(ticks)
}
