package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/stats"
)

// Colours of the pictures of many runs: Okabe–Ito blue for what the runs
// did, vermilion for what went wrong or is marked.
var (
	statsBlue = color.RGBA{0x00, 0x72, 0xb2, 0xff}
	statsPale = color.RGBA{0xa6, 0xcf, 0xe8, 0xff} // the blue, faded on white: bars, bands
	statsRed  = color.RGBA{0xd5, 0x5e, 0x00, 0xff}
)

// HistogramOptions says what a histogram of many runs shows beyond the
// runs themselves.
type HistogramOptions struct {
	Labels
	// Mark, if positive, is an iteration count to mark on the picture
	// with its percentile rank among the runs, e.g. 44842, where the
	// original demo's run of AND falls.
	Mark float64
	// MarkName, if not empty, says what Mark is: "the original demo's run".
	MarkName string
}

// WriteHistogram draws, in format f to w, how many iterations the runs
// of s that met the goal took: a histogram of the counts on a log scale,
// the median and the 10th and 90th percentiles as lines, o.Mark, if any,
// with its percentile rank, and a note of how many runs failed and why.
//
// The bins are equally wide on the log scale, so that each spans the
// same factor (from a count to, say, 1.1 times it): a distribution with a
// long tail towards many iterations, which runs to a goal often have,
// keeps its shape and every bar stays readable, whether the runs span a
// factor of two or of a thousand.
func WriteHistogram(w io.Writer, f Format, s *stats.Summary, o HistogramOptions) error {
	switch {
	case s == nil:
		return errors.New("plot: no runs to draw (nil *stats.Summary)")
	case s.Goal.N == 0:
		return fmt.Errorf("plot: none of the %s runs met the goal (%s): there is no distribution to draw", explain.Count(s.Finished()), s.Failed)
	case f != PNG && f != SVG:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	case o.Mark < 0 || math.IsNaN(o.Mark) || math.IsInf(o.Mark, 0):
		return fmt.Errorf("plot: the value to mark must be a positive number of iterations, not %v", o.Mark)
	}
	p, legend := histPlot(s, o)
	title := o.Title
	if title == "" {
		title = fmt.Sprintf("iterations to the goal over %s runs", explain.Count(s.Finished()))
	}
	return renderKeyed(w, f, p, legend, title, o.Subtitle)
}

// histPlot returns the histogram of s, with its percentile lines and
// o's mark, and the legend that names them and notes the runs not drawn.
func histPlot(s *stats.Summary, o HistogramOptions) (*gplot.Plot, *key) {
	its := s.Iterations()
	bins, below, above := histBins(its)
	p := newPlot("iterations to the goal (log scale)", "runs")
	tallest := 0.0
	for _, b := range bins {
		tallest = max(tallest, b.Weight)
	}
	hist := &plotter.Histogram{Bins: bins, FillColor: statsPale,
		LineStyle: draw.LineStyle{Color: statsBlue, Width: vg.Points(0.75)}}
	p.Add(&plotter.Grid{Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	p.Add(hist)
	p.X.Min, p.X.Max = bins[0].Min, bins[len(bins)-1].Max
	p.X.Tick.Marker = logTicks{}
	p.Y.Min, p.Y.Max = 0, tallest*1.08 // room above the tallest bar for the mark's tag
	p.Y.Tick.Marker = countTicks{}

	d := s.Goal
	legend := newKey()
	legend.add("runs that met the goal: "+explain.Count(d.N), hist)
	median := vline{x: d.Median, style: draw.LineStyle{Color: black, Width: vg.Points(2)}}
	tenth := vline{x: d.P10, style: draw.LineStyle{Color: black, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(4), vg.Points(2)}}}
	ninetieth := tenth
	ninetieth.x = d.P90
	p.Add(tenth, ninetieth, median)
	legend.add("median: "+explain.Count(d.Median), median)
	legend.add("10th to 90th percentile:", tenth)
	legend.add("    " + explain.Count(d.P10) + " to " + explain.Count(d.P90))
	legend.add("mean: " + explain.Count(int(math.Round(d.Mean))))
	if o.Mark > 0 {
		at := math.Log10(max(o.Mark, 1))
		pad := 0.03 * (max(p.X.Max, at) - min(p.X.Min, at)) // a mark beyond the bins is not drawn on the frame
		p.X.Min, p.X.Max = min(p.X.Min, at-pad), max(p.X.Max, at+pad)
		mark := vline{x: int(math.Round(o.Mark)), style: draw.LineStyle{Color: statsRed, Width: vg.Points(2.25)}, tag: markText(o.Mark)}
		p.Add(mark)
		name := markText(o.Mark)
		if o.MarkName != "" {
			name += ", " + o.MarkName
		}
		legend.add(name+":", mark)
		legend.add("    " + rankWords(its, o.Mark))
	}
	if below > 0 {
		legend.add(fmt.Sprintf("off the left edge: %s, from %s", runsWord(below), explain.Count(its[0])))
	}
	if above > 0 {
		legend.add(fmt.Sprintf("off the right edge: %s, up to %s", runsWord(above), explain.Count(its[len(its)-1])))
	}
	for _, line := range failedWords(s) {
		legend.add(line)
	}
	if n := restarted(s); n > 0 {
		legend.add(fmt.Sprintf("%s restarted: their count", runsWord(n)))
		legend.add("    includes every attempt")
	}
	return p, legend
}

// histBins returns the histogram of the iteration counts its, sorted and
// not empty, in bins equally wide on a log scale (in log10 of the count),
// and how many counts fall below the first bin and above the last.
//
// The bins cover the middle 99% of the counts, from the 0.5th to the
// 99.5th percentile: a few runs far out in a tail would otherwise squeeze
// the rest into a bar or two. The bin width is the Freedman–Diaconis
// rule's, 2·IQR/∛n for n counts whose interquartile range (in log10) is
// IQR, which follows the spread of the bulk of the runs, unless the Rice
// rule's 2·∛n bins are more (as for two clusters far apart, which widen
// the IQR); the number of bins is kept from 5 to 50.
func histBins(its []int) (bins []plotter.HistogramBin, below, above int) {
	n := len(its)
	logOf := func(v int) float64 { return math.Log10(float64(max(v, 1))) } // a count of 0 (a start that met the goal) is drawn as 1
	first, last := stats.Percentile(its, 0.5), stats.Percentile(its, 99.5)
	lo, hi := logOf(first), logOf(last)
	if hi-lo < 0.01 { // (nearly) all the same count: a narrow range around it
		lo, hi = lo-0.005, hi+0.005
	}
	k := int(math.Ceil(2 * math.Cbrt(float64(n)))) // the Rice rule
	if iqr := logOf(stats.Percentile(its, 75)) - logOf(stats.Percentile(its, 25)); iqr > 0 {
		k = max(k, int(math.Ceil((hi-lo)/(2*iqr/math.Cbrt(float64(n)))))) // Freedman–Diaconis
	}
	k = min(max(k, 5), 50)
	width := (hi - lo) / float64(k)
	bins = make([]plotter.HistogramBin, k)
	for i := range bins {
		bins[i].Min, bins[i].Max = lo+float64(i)*width, lo+float64(i+1)*width
	}
	for _, v := range its {
		switch {
		case v < first:
			below++
		case v > last:
			above++
		default:
			i := int((logOf(v) - lo) / width)
			bins[min(max(i, 0), k-1)].Weight++ // the last count is the last bin's right edge
		}
	}
	return bins, below, above
}

// markText writes the value marked: a whole count with commas, 44,842.
func markText(v float64) string {
	if v == math.Trunc(v) && v < 1e15 {
		return explain.Count(int(v))
	}
	return explain.Num(v)
}

// rankWords says where v falls among the sorted counts its: "99.0% of
// runs took at most this".
func rankWords(its []int, v float64) string {
	r := stats.Rank(its, v)
	switch r {
	case 0:
		return "every run took more"
	case 100:
		return "every run took at most this"
	}
	return strconv.FormatFloat(r, 'f', 1, 64) + "% of runs took at most this"
}

// runsWord writes n runs: "1 run", "12 runs".
func runsWord(n int) string {
	if n == 1 {
		return "1 run"
	}
	return explain.Count(n) + " runs"
}

// failedWords says how many runs of s failed, and why, in a line or two.
func failedWords(s *stats.Summary) []string {
	n := s.Failed.Total()
	if n == 0 {
		return []string{"no run failed"}
	}
	return []string{fmt.Sprintf("failed, not shown: %s of %s", explain.Count(n), explain.Count(s.Finished())), "    (" + s.Failed.String() + ")"}
}

// restarted returns the number of finished runs of s that restarted.
func restarted(s *stats.Summary) int {
	n := 0
	for _, r := range s.Runs {
		if r.Attempts > 1 {
			n++
		}
	}
	return n
}

// A vline is a vertical line across the data area at an iteration count
// x, drawn on a log scale at log10(x), with an optional tag at its top
// right (top left near the right edge) in the line's colour.
type vline struct {
	x     int
	style draw.LineStyle
	tag   string
}

// Plot implements gplot.Plotter.
func (v vline) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, _ := p.Transforms(&c)
	x := trX(math.Log10(float64(max(v.x, 1))))
	c.StrokeLine2(v.style, x, c.Min.Y, x, c.Max.Y)
	if v.tag == "" {
		return
	}
	sty := textStyle(9, true)
	sty.Color = v.style.Color
	sty.XAlign, sty.YAlign = text.XLeft, text.YTop
	at := vg.Point{X: x + v.style.Width + 2, Y: c.Max.Y}
	if at.X+sty.Width(v.tag) > c.Max.X {
		sty.XAlign = text.XRight
		at.X = x - v.style.Width - 2
	}
	c.FillText(sty, at, v.tag)
}

// Thumbnail implements gplot.Thumbnailer.
func (v vline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(v.style, c.Min.X, y, c.Max.X, y)
}

// logTicks marks an axis on which a positive number v is drawn at
// log10(v). It labels each power of ten, or each power and 3 times it, or
// 1, 2 and 5 times it, or more numbers in each decade (1, 1.5, 2, 3, ...,
// 8, and finer): the most of these whose labels fit side by side
// (logTickRoom); on an axis of many decades, every second, third, fifth,
// ... power. An axis too short for 3 labels, a small part of a decade, is
// marked as an even scale (linearLogTicks). Minor ticks mark each whole
// multiple of a power of ten on axes of up to four decades, and each
// power on longer ones. The labels are counts (15,000) or, below 1,
// decimals (0.05).
type logTicks struct{}

// logMantissas are the sets of numbers from 1 to 10 that logTicks may
// label in each decade, from the fewest to the most.
var logMantissas = [][]float64{{1}, {1, 3}, {1, 2, 5}, {1, 1.5, 2, 3, 4, 5, 6, 7, 8}, {1, 1.2, 1.4, 1.6, 1.8, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9}}

// logTickRoom is the room on an axis for labels, in characters: labels
// fit when, each as wide as the widest and 3 characters apart, they take
// at most this many. The axes of these pictures are about 300 points
// long, and a character of their 9-point labels about 5 points wide.
const logTickRoom = 50

// Ticks implements gplot.Ticker.
func (logTicks) Ticks(lo, hi float64) []gplot.Tick {
	var labelled []float64 // the numbers labelled, not their logs
	for _, set := range logMantissas {
		v := logValues(lo, hi, set)
		if !logFits(v) && labelled != nil {
			break
		}
		labelled = v
	}
	// Too many decades to label each: label every step-th power.
	powers := labelled
	for _, step := range []int{2, 3, 5, 10, 20, 50, 100} {
		if logFits(labelled) {
			break
		}
		var fewer []float64
		for _, v := range powers {
			if int(math.Round(math.Log10(v)))%step == 0 {
				fewer = append(fewer, v)
			}
		}
		if len(fewer) < 3 {
			break // crowded, but 3 labels at least
		}
		labelled = fewer
	}
	if len(labelled) < 3 {
		// Less than a fifth of a decade, over which a log scale is all but
		// even: mark round numbers as on an even scale.
		return linearLogTicks(lo, hi)
	}
	var ticks []gplot.Tick
	for _, v := range labelled {
		ticks = append(ticks, gplot.Tick{Value: math.Log10(v), Label: logLabel(v)})
	}
	minors := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	if hi-lo > 4 {
		minors = minors[:1] // the powers of ten only
	}
	for _, v := range logValues(lo, hi, minors) {
		ticks = append(ticks, gplot.Tick{Value: math.Log10(v)})
	}
	return ticks
}

// logFits reports whether labels for the numbers v fit side by side.
func logFits(v []float64) bool {
	widest := 0
	for _, x := range v {
		widest = max(widest, len(logLabel(x)))
	}
	return len(v)*(widest+3) <= logTickRoom
}

// linearLogTicks marks an axis from lo to hi, in log10 of the numbers
// shown, at round numbers as on an even scale from a = 10^lo to b = 10^hi:
// the multiples of the largest step of 2, 1, 0.5 or 0.2 times the power
// of ten below b − a that leaves at least 3 labels (so 3 to about 7),
// with minor ticks between.
func linearLogTicks(lo, hi float64) []gplot.Tick {
	a, b := math.Pow(10, lo), math.Pow(10, hi)
	power := math.Pow(10, math.Floor(math.Log10(b-a)))
	step, minor := power/10, power/50
	for _, m := range []float64{2, 1, 0.5, 0.2} {
		if (b-a)/(m*power) >= 3 {
			step, minor = m*power, m*power/5
			if m == 2 || m == 0.2 {
				minor = m * power / 4
			}
			break
		}
	}
	var ticks []gplot.Tick
	for k := math.Ceil(a / minor); k*minor <= b; k++ {
		v := k * minor
		t := gplot.Tick{Value: math.Log10(v)}
		if r := v / step; math.Abs(r-math.Round(r)) < 1e-9 {
			t.Label = logLabel(math.Round(r) * step)
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// logValues returns the numbers m·10^e, for each m of set and whole e,
// whose log10 is within [lo, hi], in increasing order.
func logValues(lo, hi float64, set []float64) []float64 {
	var v []float64
	const slack = 1e-9 // an end that is a power of ten is inside
	for e := math.Floor(lo); e <= math.Ceil(hi); e++ {
		for _, m := range set {
			x := m * math.Pow(10, e)
			if l := math.Log10(x); l >= lo-slack && l <= hi+slack {
				v = append(v, x)
			}
		}
	}
	return v
}

// logLabel formats a number of logTicks: a whole number with commas
// (15,000), as the command writes counts, and others in at most six
// digits (0.05, 2.5).
func logLabel(v float64) string {
	if r := math.Round(v); r >= 1 && math.Abs(v-r) < 1e-9*r && r < 1e15 {
		return explain.Count(int(r))
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}
