package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/stats"
)

// WriteSweep draws, in format f to w, how many iterations the runs of a
// learning-rate sweep took at each rate: on log scales, the median as a
// line and the 10th to 90th percentile as a band around it, over the runs
// that met the goal, with the fastest median ringed (of the rates at
// which at most 10% of the runs failed); below it, a bar at each rate
// for the share of runs that failed, split by reason.
//
// The iteration counts are drawn at their log10; a count of 0 (a start
// that already met the goal) is drawn as 1.
func WriteSweep(w io.Writer, f Format, sw *stats.Sweep, l Labels) error {
	switch {
	case sw == nil || len(sw.Points) == 0:
		return errors.New("plot: no sweep to draw")
	case f != PNG && f != SVG:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	}
	for i, s := range sw.Points {
		if r := s.Setup.Rate; !(r > 0) || math.IsInf(r, 0) || (i > 0 && r <= sw.Points[i-1].Setup.Rate) {
			return fmt.Errorf("plot: the sweep's learning rates must be positive and increasing, not %v", r)
		}
	}
	top, legend := sweepTop(sw)
	bottom := sweepFailures(sw, legend)
	legend.add("percentiles are of the runs that")
	legend.add("    met the goal; " + runsWord(sw.Runs) + " per rate,")
	legend.add(fmt.Sprintf("    seeds %d to %d", sw.Points[0].Setup.Seed, sw.Points[0].Setup.Seed+uint64(sw.Runs)-1))
	n := 0
	for _, s := range sw.Points {
		n += restarted(s)
	}
	if n > 0 {
		legend.add(fmt.Sprintf("%s restarted: their count", runsWord(n)))
		legend.add("    includes every attempt")
	}

	title := l.Title
	if title == "" {
		title = "iterations to the goal against the learning rate"
	}
	return render(w, f, func(c draw.Canvas) {
		body := header(c, title, l.Subtitle)
		lw := keyRoom(legend)
		left := draw.Crop(body, 8, -lw, 8, 0)
		split := left.Min.Y + left.Size().Y*0.28
		upper, lower := left, left
		upper.Min.Y, lower.Max.Y = split, split-4
		upper, lower = alignX(top, bottom, upper, lower)
		top.Draw(upper)
		bottom.Draw(lower)
		keyArea := draw.Crop(body, body.Size().X-lw+10, 0, 0, 0)
		keyArea.Max.Y = top.DataCanvas(upper).Max.Y
		legend.Draw(keyArea)
	})
}

// maxFailedForFastest is the largest share of failed runs at a rate
// whose median may be ringed as the fastest (stats.Sweep.Fastest).
const maxFailedForFastest = 0.1

// Marks of the upper panel of a sweep.
var (
	sweepMedian = draw.LineStyle{Color: statsBlue, Width: vg.Points(2)}
	sweepDot    = draw.GlyphStyle{Color: statsBlue, Radius: vg.Points(2.5), Shape: draw.CircleGlyph{}}
	sweepHollow = draw.GlyphStyle{Color: statsBlue, Radius: vg.Points(3), Shape: draw.RingGlyph{}} // most runs failed: a median of the few
	sweepRing   = draw.GlyphStyle{Color: statsRed, Radius: vg.Points(6), Shape: draw.RingGlyph{}}
)

// sweepTop returns the upper panel of a sweep, iterations against the
// learning rate, and the legend of what it shows.
func sweepTop(sw *stats.Sweep) (*gplot.Plot, *key) {
	p := newPlot("", "iterations to the goal (log scale)")
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	p.X.Min, p.X.Max = sweepXRange(sw)
	p.X.Tick.Marker = blankTicks{logTicks{}}
	p.Y.Tick.Marker = logTicks{}
	legend := newKey()
	pieces := sweepPieces(sw)
	if len(pieces) == 0 {
		p.Y.Min, p.Y.Max = 0, 1
		legend.add("no run met the goal at any rate")
		return p, legend
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	fewMet := false
	for _, piece := range pieces {
		fewMet = addSweepPiece(p, piece) || fewMet
		for _, s := range piece {
			lo, hi = min(lo, logCount(s.Goal.P10)), max(hi, logCount(s.Goal.P90))
		}
	}
	pad := max(0.05*(hi-lo), 0.05)
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	legend.add("median", &plotter.Line{LineStyle: sweepMedian}, &plotter.Scatter{GlyphStyle: sweepDot})
	legend.add("10th to 90th percentile", &plotter.Polygon{Color: statsPale})
	if fewMet {
		legend.add("median where most runs failed", &plotter.Scatter{GlyphStyle: sweepHollow})
	}
	if best := sw.Fastest(maxFailedForFastest); best != nil {
		at := plotter.XY{X: math.Log10(best.Setup.Rate), Y: logCount(best.Goal.Median)}
		p.Add(&plotter.Scatter{XYs: plotter.XYs{at}, GlyphStyle: sweepRing})
		legend.add(fmt.Sprintf("fastest median (at most %d%% failed):", int(100*maxFailedForFastest)), &plotter.Scatter{GlyphStyle: sweepRing})
		legend.add(fmt.Sprintf("    %s iterations at rate %s", explain.Count(best.Goal.Median), explain.Digits(best.Setup.Rate, 3)))
	}
	return p, legend
}

// logCount returns log10 of an iteration count, where it is drawn; a
// count of 0 is drawn as 1.
func logCount(v int) float64 { return math.Log10(float64(max(v, 1))) }

// sweepPieces returns the runs of neighbouring rates of sw at which some
// run met the goal: the median line breaks at a rate where none did.
func sweepPieces(sw *stats.Sweep) [][]*stats.Summary {
	var pieces [][]*stats.Summary
	var cur []*stats.Summary
	for _, s := range sw.Points {
		if s.Goal.N > 0 {
			cur = append(cur, s)
			continue
		}
		if len(cur) > 0 {
			pieces, cur = append(pieces, cur), nil
		}
	}
	if len(cur) > 0 {
		pieces = append(pieces, cur)
	}
	return pieces
}

// addSweepPiece draws a piece of a sweep on p: the band from the 10th to
// the 90th percentile, the median line and a dot at each rate, hollow
// where most runs failed. It reports whether there was such a rate.
func addSweepPiece(p *gplot.Plot, piece []*stats.Summary) (fewMet bool) {
	x := func(s *stats.Summary) float64 { return math.Log10(s.Setup.Rate) }
	var outline, line plotter.XYs
	for _, s := range piece {
		outline = append(outline, plotter.XY{X: x(s), Y: logCount(s.Goal.P90)})
		line = append(line, plotter.XY{X: x(s), Y: logCount(s.Goal.Median)})
	}
	for i := len(piece) - 1; i >= 0; i-- {
		outline = append(outline, plotter.XY{X: x(piece[i]), Y: logCount(piece[i].Goal.P10)})
	}
	if len(piece) == 1 { // a lone rate: its band is a thin bar
		s, w := piece[0], 0.01
		outline = plotter.XYs{{X: x(s) - w, Y: logCount(s.Goal.P10)}, {X: x(s) + w, Y: logCount(s.Goal.P10)},
			{X: x(s) + w, Y: logCount(s.Goal.P90)}, {X: x(s) - w, Y: logCount(s.Goal.P90)}}
	}
	band := &plotter.Polygon{XYs: []plotter.XYs{outline}, Color: statsPale}
	band.LineStyle.Width = 0
	p.Add(band, &plotter.Line{XYs: line, LineStyle: sweepMedian})
	for i, s := range piece {
		g := sweepDot
		if s.FailedFraction() > 0.5 {
			g, fewMet = sweepHollow, true
		}
		p.Add(&plotter.Scatter{XYs: line[i : i+1], GlyphStyle: g})
	}
	return fewMet
}

// failColors tell the reasons a run failed apart in a sweep's lower
// panel, with the Okabe–Ito colours: vermilion for a saturated output,
// which is what a too-large learning rate does, orange for the cap,
// reddish purple for a stall and black for overflow.
var failColors = [...]color.Color{
	color.RGBA{0xe6, 0x9f, 0x00, 0xff}, // reached the cap: orange
	statsRed,                           // saturated: vermilion
	color.RGBA{0xcc, 0x79, 0xa7, 0xff}, // stalled: reddish purple
	black,                              // diverged
}

// failReasons returns the counts of f in the order of failColors, with
// their names.
func failReasons(f stats.Failures) ([4]int, [4]string) {
	return [4]int{f.Cap, f.Saturated, f.Stalled, f.Diverged}, [4]string{"reached the cap", "saturated", "stalled", "diverged"}
}

// sweepFailures returns the lower panel of a sweep, the share of runs
// that failed at each rate as a bar split by reason, and adds the
// reasons that occur to the legend.
func sweepFailures(sw *stats.Sweep, legend *key) *gplot.Plot {
	p := newPlot("learning rate (log scale)", "failed")
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	bars := failBars{width: 0.6 * sweepSpacing(sw)}
	var seen [4]bool
	for _, s := range sw.Points {
		bars.x = append(bars.x, math.Log10(s.Setup.Rate))
		n, _ := failReasons(s.Failed)
		var share [4]float64
		for k := range n {
			if s.Finished() > 0 {
				share[k] = float64(n[k]) / float64(s.Finished())
			}
			seen[k] = seen[k] || n[k] > 0
		}
		bars.share = append(bars.share, share)
	}
	p.Add(bars)
	_, names := failReasons(stats.Failures{})
	any := false
	for k, ok := range seen {
		if ok {
			legend.add("failed: "+names[k], failSwatch(k))
			any = true
		}
	}
	if !any {
		legend.add("no run failed at any rate")
	}
	p.X.Min, p.X.Max = sweepXRange(sw)
	p.X.Tick.Marker = logTicks{}
	p.Y.Min, p.Y.Max = 0, 1
	p.Y.Tick.Marker = gplot.ConstantTicks([]gplot.Tick{{Value: 0, Label: "0%"}, {Value: 0.5, Label: "50%"}, {Value: 1, Label: "100%"}})
	return p
}

// sweepSpacing returns the smallest distance between neighbouring rates
// in log10, or 0.1 for a single rate.
func sweepSpacing(sw *stats.Sweep) float64 {
	d := math.Inf(1)
	for i := 1; i < len(sw.Points); i++ {
		d = min(d, math.Log10(sw.Points[i].Setup.Rate/sw.Points[i-1].Setup.Rate))
	}
	if math.IsInf(d, 1) {
		return 0.1
	}
	return d
}

// sweepXRange returns the learning-rate axis of a sweep, in log10: the
// rates with half a spacing to spare on each side.
func sweepXRange(sw *stats.Sweep) (lo, hi float64) {
	pad := sweepSpacing(sw) / 2
	return math.Log10(sw.Points[0].Setup.Rate) - pad, math.Log10(sw.Points[len(sw.Points)-1].Setup.Rate) + pad
}

// failBars draws a bar at each x (in log10 of the rate) as high as the
// share of runs that failed there, from 0 to 1, in a segment for each
// reason (in the order and colours of failColors). A segment is at least
// 1.5 points high, so that a single failure among many runs shows.
type failBars struct {
	x     []float64
	share [][4]float64
	width float64 // in log10 of the rate
}

// Plot implements gplot.Plotter.
func (b failBars) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	const least = 1.5 // points: a segment of 1% would be all but invisible
	for i, x := range b.x {
		x0, x1 := trX(x-b.width/2), trX(x+b.width/2)
		y0 := trY(0)
		for k, sh := range b.share[i] {
			if sh == 0 {
				continue
			}
			y1 := y0 + max(trY(sh)-trY(0), least)
			c.FillPolygon(failColors[k], c.ClipPolygonXY([]vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}))
			y0 = y1
		}
	}
}

// failSwatch is the legend's thumbnail of the k-th reason to fail.
type failSwatch int

// Thumbnail implements gplot.Thumbnailer.
func (k failSwatch) Thumbnail(c *draw.Canvas) {
	mid, w := c.Center().X, (c.Max.X-c.Min.X)/4
	c.FillPolygon(failColors[k], []vg.Point{{X: mid - w, Y: c.Min.Y}, {X: mid + w, Y: c.Min.Y}, {X: mid + w, Y: c.Max.Y}, {X: mid - w, Y: c.Max.Y}})
}

// blankTicks is a ticker's marks without their labels: the upper panel
// of a sweep shares its learning-rate labels with the lower one.
type blankTicks struct{ gplot.Ticker }

// Ticks implements gplot.Ticker.
func (b blankTicks) Ticks(lo, hi float64) []gplot.Tick {
	ticks := b.Ticker.Ticks(lo, hi)
	for i := range ticks {
		ticks[i].Label = ""
	}
	return ticks
}

// alignX returns the canvases for two plots drawn one above the other,
// narrowed so that their data areas span the same width: the axes of
// their y labels may differ in width.
func alignX(top, bottom *gplot.Plot, ct, cb draw.Canvas) (draw.Canvas, draw.Canvas) {
	dt, db := top.DataCanvas(ct), bottom.DataCanvas(cb)
	if d := dt.Min.X - db.Min.X; d > 0 {
		cb.Min.X += d
	} else {
		ct.Min.X -= d
	}
	if d := dt.Max.X - db.Max.X; d < 0 {
		cb.Max.X += d
	} else {
		ct.Max.X -= d
	}
	return ct, cb
}
