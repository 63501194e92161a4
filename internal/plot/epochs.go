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

	"github.com/neuronlab/neuron"
)

// EpochOptions say what WriteEpochs draws besides the curves.
type EpochOptions struct {
	Labels
	// Loss is the loss measured, named on the axis.
	Loss neuron.Loss
	// Heldout names the held-out rows in the legend, e.g. "test rows" or
	// "validation rows". If empty, "held-out rows" is used.
	Heldout string
	// Best, if positive, marks the epoch whose weights were kept by early
	// stopping.
	Best int
}

// heldoutColor draws the held-out rows' loss: the Okabe–Ito vermilion,
// unlike the black of the training rows.
var heldoutColor = color.RGBA{0xd5, 0x5e, 0x00, 0xff}

// WriteEpochs draws the mean loss after each epoch in format f to w: on
// the training rows (train[e] after epoch e+1) and, where heldout is not
// empty, on the held-out rows, on a log loss axis. A model that only
// learns its training rows shows as a held-out curve that stops falling,
// or rises, while the training curve goes on down. NaN losses are left
// out.
func WriteEpochs(w io.Writer, f Format, train, heldout []float64, o EpochOptions) error {
	switch {
	case len(train) == 0:
		return errors.New("plot: no epochs to draw")
	case len(heldout) != 0 && len(heldout) != len(train):
		return fmt.Errorf("plot: %d held-out losses for %d epochs", len(heldout), len(train))
	case f != PNG && f != SVG:
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	}
	// The loss axis is logarithmic; losses of 0 or less cannot be drawn
	// there and are left out with NaNs.
	lo, hi := math.Inf(1), math.Inf(-1)
	logs := func(v []float64) plotter.XYs {
		xys := make(plotter.XYs, 0, len(v))
		for e, l := range v {
			if l > 0 && !math.IsInf(l, 0) {
				lo, hi = min(lo, l), max(hi, l)
				xys = append(xys, plotter.XY{X: float64(e + 1), Y: math.Log10(l)})
			}
		}
		return xys
	}
	trainXY, heldXY := logs(train), logs(heldout)
	if len(trainXY)+len(heldXY) == 0 {
		return errors.New("plot: no positive finite loss to draw")
	}
	bottom, top := math.Floor(math.Log10(lo)), math.Ceil(math.Log10(hi))
	if top <= bottom {
		top = bottom + 1
	}

	p := newPlot("epoch", "mean loss "+lossFormula(o.Loss))
	p.X.Min, p.X.Max = 1, max(2, float64(len(train)))
	p.X.Tick.Marker = countTicks{}
	p.Y.Min, p.Y.Max = bottom, top
	p.Y.Tick.Marker = decadeTicks{}
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	legend := newKey()
	add := func(xys plotter.XYs, name string, style draw.LineStyle) {
		if len(xys) == 0 {
			return
		}
		var thumb gplot.Thumbnailer
		if len(xys) == 1 {
			s := &plotter.Scatter{XYs: xys, GlyphStyle: draw.GlyphStyle{Color: style.Color, Radius: 2.5, Shape: draw.CircleGlyph{}}}
			p.Add(s)
			thumb = s
		} else {
			l := &plotter.Line{XYs: xys, LineStyle: style}
			p.Add(l)
			thumb = l
		}
		legend.add(name, thumb)
	}
	add(trainXY, "training rows", draw.LineStyle{Color: black, Width: vg.Points(2)})
	name := o.Heldout
	if name == "" {
		name = "held-out rows"
	}
	add(heldXY, name, draw.LineStyle{Color: heldoutColor, Width: vg.Points(2), Dashes: []vg.Length{vg.Points(6), vg.Points(3)}})
	if o.Best > 0 && o.Best <= len(train) {
		x := float64(o.Best)
		best := &plotter.Line{XYs: plotter.XYs{{X: x, Y: bottom}, {X: x, Y: top}}, LineStyle: goalStyle}
		p.Add(best)
		legend.add(fmt.Sprintf("weights kept: epoch %s", numLabel(x)), best)
	}

	title := o.Title
	if title == "" {
		title = "loss after each epoch"
	}
	return renderKeyed(w, f, p, legend, title, o.Subtitle)
}
