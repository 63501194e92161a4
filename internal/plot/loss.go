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

// WriteLoss draws h's points in format f to w: the mean and the largest
// row loss over the whole data set against the iteration, on a log loss
// axis, and each row's own loss as a thin line, labelled by the row's
// inputs and target (e.g. "01 → 1"), when the points carry them (data
// sets of at most neuron.HistoryRows rows).
//
// A loss can be exactly 0 (when an output rounds to its target), which a
// log axis cannot show; such losses are drawn at the bottom of the axis,
// which is then labelled 0, two decades below the smallest positive loss.
func WriteLoss(w io.Writer, f Format, h *neuron.History, l Labels) error {
	switch {
	case h == nil:
		return errors.New("plot: no history to draw (nil *neuron.History)")
	case len(h.Points) == 0:
		return errors.New("plot: history has no points: record some with History.Record or History.Add")
	case f != PNG && f != SVG:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
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

	p := newPlot("iteration", "loss ½(o−t)²")
	p.X.Min, p.X.Max = float64(pts[0].Iteration), float64(pts[len(pts)-1].Iteration)
	if p.X.Max <= p.X.Min {
		p.X.Max = p.X.Min + 1
	}
	p.X.Tick.Marker = countTicks{}
	p.Y.Min, p.Y.Max = bottom, top
	p.Y.Tick.Marker = decadeTicks{zero: zero}
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})

	// Rows first, so that the mean and the largest loss are drawn on top,
	// and listed first in the legend.
	thumbs := make([]gplot.Thumbnailer, len(curves)) // what each looks like in the legend
	for i, c := range curves {
		for _, xys := range pieces(pts, c.loss) {
			line := &plotter.Line{XYs: xys, LineStyle: c.style}
			if len(xys) == 1 { // a single point makes no line; mark it instead
				p.Add(&plotter.Scatter{XYs: xys,
					GlyphStyle: draw.GlyphStyle{Color: c.style.Color, Radius: 2.5, Shape: draw.CircleGlyph{}}})
			}
			p.Add(line)
			thumbs[i] = line
		}
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
	if rows > 0 {
		legend.add(rowsHeading(h))
	}
	for r := range rows {
		add(r)
	}

	title := l.Title
	if title == "" {
		title = "loss during training"
	}
	return render(w, f, func(c draw.Canvas) {
		body := header(c, title, l.Subtitle)
		lw := legend.room() + 14
		plotArea := draw.Crop(body, 8, -lw, 8, 0)
		p.Draw(plotArea)
		// The legend's top lines up with the top of the data area.
		keyArea := draw.Crop(body, body.Size().X-lw+10, 0, 0, 0)
		keyArea.Max.Y = p.DataCanvas(plotArea).Max.Y
		legend.Draw(keyArea)
	})
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
