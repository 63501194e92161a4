package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/neuronlab/neuron"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// rowColors tell the rows' loss lines apart; they are the Okabe–Ito
// colours, which people with colour-blindness can also distinguish, less
// the yellow, which is too pale on white. Rows beyond the sixth repeat
// the colours with dashed lines.
var rowColors = []color.Color{
	color.RGBA{0x00, 0x72, 0xb2, 0xff}, // blue
	color.RGBA{0xe6, 0x9f, 0x00, 0xff}, // orange
	color.RGBA{0x00, 0x9e, 0x73, 0xff}, // bluish green
	color.RGBA{0xd5, 0x5e, 0x00, 0xff}, // vermilion
	color.RGBA{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	color.RGBA{0x56, 0xb4, 0xe9, 0xff}, // sky blue
}

// rowsHeading heads the rows' entries in the legend of a loss plot; the
// rows are named by their inputs and target if the data set is known.
func rowsHeading(h *neuron.History) string {
	if h.Data == nil {
		return "rows:"
	}
	return "rows (inputs → target):"
}

// A curve is one line of the loss plot: a loss at each point of a history.
type curve struct {
	name  string
	style draw.LineStyle
	loss  []float64
}

// LossOptions say what WriteLossWith draws besides the loss curves.
type LossOptions struct {
	Labels

	// Goal, if positive, is the loss training aimed for, drawn as a line
	// across the picture and labelled with its value.
	Goal float64
	// Stop is the rule the goal is for; the legend says which loss it
	// measures. The zero value is neuron.StopRow, the original demo's rule.
	Stop neuron.Stop
}

// goalStyle is the look of the goal line: a grey finish line, unlike
// the black loss lines and the coloured rows.
var goalStyle = draw.LineStyle{Color: color.Gray{0x80}, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(8), vg.Points(2), vg.Points(2), vg.Points(2)}}

// WriteLoss draws h's points in format f to w, as WriteLossWith does
// without a goal line.
func WriteLoss(w io.Writer, f Format, h *neuron.History, l Labels) error {
	return WriteLossWith(w, f, h, LossOptions{Labels: l})
}

// WriteLossWith draws h's points in format f to w: the mean and the
// largest row loss over the whole data set against the iteration, on a
// log loss axis, each row's own loss as a thin line, labelled by the
// row's inputs and target (e.g. "01 → 1"), when the points carry them
// (data sets of at most neuron.HistoryRows rows), and the goal, if o
// gives one, as a line that the loss the stop rule measures must reach.
//
// A loss can be exactly 0 (when an output rounds to its target), which a
// log axis cannot show; such losses are drawn at the bottom of the axis,
// which is then labelled 0, two decades below the smallest positive loss.
func WriteLossWith(w io.Writer, f Format, h *neuron.History, o LossOptions) error {
	switch {
	case h == nil:
		return errors.New("plot: no history to draw (nil *neuron.History)")
	case len(h.Points) == 0:
		return errors.New("plot: history has no points: record some with History.Record or History.Add")
	case f != PNG && f != SVG:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	case math.IsNaN(o.Goal) || math.IsInf(o.Goal, 0) || o.Goal < 0:
		return fmt.Errorf("plot: goal %v is not a loss: want a positive number, or 0 for none", o.Goal)
	}
	pts := h.Points
	curves := rowCurves(h)
	mean, largest := make([]float64, len(pts)), make([]float64, len(pts))
	for i, p := range pts {
		mean[i], largest[i] = p.Mean, p.Max
	}
	curves = append(curves,
		curve{"largest row loss", draw.LineStyle{Color: black, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}, largest},
		curve{"mean loss", draw.LineStyle{Color: black, Width: vg.Points(2.25)}, mean})

	// The loss axis is logarithmic: each loss is drawn at its log10, and
	// the ticks are labelled with losses. A log axis has no place for 0,
	// so losses of 0 are clamped to a floor: the power of ten two decades
	// below the decade of the smallest positive loss, but never below
	// 1e-300, near the smallest normal float64 (smaller losses are taken
	// as 0 too). The floor is the bottom of the axis, labelled "0".
	lo, hi := math.Inf(1), 0.0
	for _, c := range curves {
		for _, v := range c.loss {
			if v > 0 && !math.IsInf(v, 0) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
	}
	if hi == 0 { // no positive loss at all
		lo, hi = 1, 1
	}
	if o.Goal > 0 {
		lo, hi = min(lo, o.Goal), max(hi, o.Goal)
	}
	bottom, top := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	floor := max(bottom-2, -300)
	zero := false // whether any loss was clamped
	for _, c := range curves {
		for i, v := range c.loss {
			c.loss[i] = math.Log10(v) // NaN stays NaN and is skipped
			if c.loss[i] < floor {
				c.loss[i], zero = floor, true
			}
		}
	}
	if zero {
		bottom = floor
	}
	if top <= bottom {
		top = bottom + 1
	}

	p := newPlot("iteration", "loss "+lossFormula(h.Loss))
	p.X.Min, p.X.Max = float64(pts[0].Iteration), float64(pts[len(pts)-1].Iteration)
	if p.X.Max <= p.X.Min {
		p.X.Max = p.X.Min + 1
	}
	p.X.Tick.Marker = countTicks{}
	p.Y.Min, p.Y.Max = bottom, top
	p.Y.Tick.Marker = decadeTicks{zero: zero}
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})

	// The goal under the curves, which cross it as they meet it. It is a
	// loss, drawn at its log10 as the curves are.
	var goal *plotter.Line
	if o.Goal > 0 {
		y := math.Log10(o.Goal)
		goal = &plotter.Line{XYs: plotter.XYs{{X: p.X.Min, Y: y}, {X: p.X.Max, Y: y}}, LineStyle: goalStyle}
		p.Add(goal)
	}

	// Rows first, so that the mean and the largest loss are drawn on top,
	// and listed first in the legend.
	thumbs := make([]gplot.Thumbnailer, len(curves)) // what each looks like in the legend
	var drawn []plotter.XYs                          // every piece of every curve
	for i, c := range curves {
		for _, xys := range pieces(pts, c.loss) {
			drawn = append(drawn, xys)
			line := &plotter.Line{XYs: xys, LineStyle: c.style}
			if len(xys) == 1 { // a single point makes no line; mark it instead
				p.Add(&plotter.Scatter{XYs: xys,
					GlyphStyle: draw.GlyphStyle{Color: c.style.Color, Radius: 2.5, Shape: draw.CircleGlyph{}}})
			}
			p.Add(line)
			thumbs[i] = line
		}
	}
	if goal != nil {
		p.Add(goalTag{y: goal.XYs[0].Y, text: "goal " + numLabel(o.Goal), curves: drawn})
	}
	legend := newKey()
	add := func(i int) {
		if thumbs[i] == nil { // every loss was NaN
			legend.add(curves[i].name)
			return
		}
		legend.add(curves[i].name, thumbs[i])
	}
	rows := len(curves) - 2
	add(rows + 1) // mean
	add(rows)     // largest
	if goal != nil {
		legend.add("goal: "+goalMeasure(o.Stop)+" ≤ "+numLabel(o.Goal), goal)
	}
	if rows > 0 {
		legend.add(rowsHeading(h))
	}
	for r := range rows {
		add(r)
	}

	title := o.Title
	if title == "" {
		title = "loss during training"
	}
	return renderKeyed(w, f, p, legend, title, o.Subtitle)
}

// lossFormula returns the formula of loss l for the axis label.
func lossFormula(l neuron.Loss) string {
	if l == neuron.CrossEntropy {
		return "−t·ln o − (1−t)·ln(1−o)"
	}
	return "½(o−t)²"
}

// goalMeasure names the loss that stop rule s holds to the goal.
func goalMeasure(s neuron.Stop) string {
	switch s {
	case neuron.StopMax:
		return "largest row loss"
	case neuron.StopMean:
		return "mean loss"
	}
	return "loss of the row just drawn"
}

// A goalTag labels the goal line at y on a white patch, just above or
// below the line, wherever it hides the least of the curves, the leftmost
// such place above the line if there are several.
type goalTag struct {
	y      float64
	text   string
	curves []plotter.XYs // the points of every curve, in data coordinates
}

// Plot implements gplot.Plotter.
func (g goalTag) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(9, false)
	sty.Color = ink
	sty.XAlign, sty.YAlign = text.XLeft, text.YBottom
	const pad = 3 // points between the text and the line or the frame
	w, h := sty.Width(g.text)+2*pad, sty.Height(g.text)+pad
	line := trY(g.y)
	var best [2]vg.Point // the patch's corners
	fewest := -1
	for x0 := c.Min.X + pad; x0+w <= c.Max.X-pad; x0 += w / 4 { // from the left
		for _, y0 := range []vg.Length{line + 1, line - 1 - h} { // above first
			lo, hi := vg.Point{X: x0, Y: y0}, vg.Point{X: x0 + w, Y: y0 + h}
			if lo.Y < c.Min.Y || hi.Y > c.Max.Y {
				continue
			}
			n := 0 // the pieces of curve under the patch
			for _, xys := range g.curves {
				for i := range xys {
					a := plotter.XY{X: float64(trX(xys[i].X)), Y: float64(trY(xys[i].Y))}
					b := a
					if i > 0 {
						b = plotter.XY{X: float64(trX(xys[i-1].X)), Y: float64(trY(xys[i-1].Y))}
					}
					if crosses(a, b, lo, hi) {
						n++
					}
				}
			}
			if fewest < 0 || n < fewest {
				best, fewest = [2]vg.Point{lo, hi}, n
			}
		}
	}
	if fewest < 0 { // the data area is too small for the text
		return
	}
	c.SetColor(white)
	c.Fill(rect(best[0], best[1]))
	c.FillText(sty, vg.Point{X: best[0].X + pad, Y: best[0].Y + pad/2}, g.text)
}

// crosses reports whether the segment from a to b passes through the
// rectangle from lo to hi.
func crosses(a, b plotter.XY, lo, hi vg.Point) bool {
	a, b, ok := cut(a, b, [2]float64{float64(lo.X), float64(hi.X)}, func(p plotter.XY) float64 { return p.X })
	if !ok {
		return false
	}
	_, _, ok = cut(a, b, [2]float64{float64(lo.Y), float64(hi.Y)}, func(p plotter.XY) float64 { return p.Y })
	return ok
}

// rowCurves returns a curve for each row's loss when every point carries
// the rows' losses, and none otherwise.
func rowCurves(h *neuron.History) []curve {
	n := len(h.Points[0].Rows)
	for _, p := range h.Points {
		if len(p.Rows) != n {
			return nil
		}
	}
	curves := make([]curve, n)
	for r := range curves {
		c := &curves[r]
		c.name = rowName(h.Data, r)
		c.style = draw.LineStyle{Color: rowColors[r%len(rowColors)], Width: vg.Points(1)}
		if r >= len(rowColors) {
			c.style.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
		}
		c.loss = make([]float64, len(h.Points))
		for i, p := range h.Points {
			c.loss[i] = p.Rows[r]
		}
	}
	return curves
}

// rowName names row r of d by its inputs and target, e.g. "01 → 1" when
// every input of d is 0 or 1, and "(0.5, 2) → 1" otherwise.
func rowName(d *neuron.Dataset, r int) string {
	if d == nil || r >= d.Len() || d.Validate() != nil {
		return "row " + strconv.Itoa(r+1)
	}
	binary := true
	for _, v := range d.X {
		binary = binary && (v == 0 || v == 1)
	}
	x, t := d.Row(r)
	s := make([]string, len(x))
	for i, v := range x {
		s[i] = num(v)
	}
	if binary {
		return strings.Join(s, "") + " → " + num(t)
	}
	return "(" + strings.Join(s, ", ") + ") → " + num(t)
}

// num formats v in the fewest digits that read back as v.
func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// pieces returns the points of loss against iteration as the pieces of
// line between losses that are not numbers (a diverged model's).
func pieces(pts []neuron.Point, loss []float64) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for i, p := range pts {
		if math.IsNaN(loss[i]) || math.IsInf(loss[i], 0) {
			if len(cur) > 0 {
				out, cur = append(out, cur), nil
			}
			continue
		}
		cur = append(cur, plotter.XY{X: float64(p.Iteration), Y: loss[i]})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}
