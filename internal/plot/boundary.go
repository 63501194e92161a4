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

// BoundaryOptions say which inputs WriteBoundary shows and how it names
// them. The zero value shows inputs 0 and 1 (or the only input), with
// any other inputs fixed at 0.
type BoundaryOptions struct {
	Labels

	// X and Y are the inputs on the horizontal and vertical axes,
	// counted from 0. If both are zero, X is 0 and Y is 1. For a model
	// of one input, X must be 0 and Y is ignored.
	X, Y int

	// Fixed holds the values of the inputs not shown, one per input;
	// entries X and Y are ignored. If nil, they are all 0.
	Fixed []float64

	// Names names the inputs on the axes and in the note, one per input.
	// If nil, the data set's Names are used, else x1, x2, ...
	Names []string

	// History, if its points kept the model's weights
	// (neuron.Point.Params), adds the boundary at earlier moments of the
	// run, faint to strong, so that the picture shows it swinging into
	// place. Its last point should be the model drawn.
	History *neuron.History
	// Snapshots is the number of earlier moments shown; if zero, 4, and
	// if negative, none.
	Snapshots int

	// Project draws every row where its values of the inputs shown put
	// it, whatever its other inputs, instead of only the rows whose other
	// inputs equal Fixed. It suits data sets, where few rows if any lie on
	// one slice; a row is marked wrong when the model's output for the
	// whole row is on the wrong side of 0.5, which the shading at its
	// point need not show.
	Project bool
	// Note, if not empty, replaces the line under the title that says
	// which inputs are shown and where the others are fixed.
	Note string
}

// The look of the boundary picture.
var (
	boundaryStyle = draw.LineStyle{Color: black, Width: vg.Points(2.25)}
	curveStyle    = draw.LineStyle{Color: black, Width: vg.Points(1.5)} // the output of a model of one input
	hiddenStyle   = draw.LineStyle{Color: hiddenColors[0], Width: vg.Points(2),
		Dashes: []vg.Length{vg.Points(7), vg.Points(4)}}
	wrongColor = color.RGBA{0xff, 0xd7, 0x00, 0xff} // gold, unlike any shade
)

// hiddenColors tell the hidden neurons' lines apart from each other and
// from the black boundary: strong colours unlike the shades' blue and
// red. A white edge along each dash keeps them apart from the boundary
// where a line runs along it. Neurons beyond the sixth repeat them.
var hiddenColors = []color.Color{
	color.RGBA{0x7b, 0x1f, 0xa2, 0xff}, // purple
	color.RGBA{0x00, 0x8a, 0x5e, 0xff}, // green
	color.RGBA{0xd0, 0x1c, 0x8b, 0xff}, // magenta
	color.RGBA{0xe6, 0x7e, 0x00, 0xff}, // orange
	color.RGBA{0x00, 0x7a, 0x8a, 0xff}, // teal
	color.RGBA{0x6d, 0x4c, 0x41, 0xff}, // brown
}

// hiddenLook returns the style of hidden neuron j's line.
func hiddenLook(j int) draw.LineStyle {
	st := hiddenStyle
	st.Color = hiddenColors[j%len(hiddenColors)]
	return st
}

// Grid sizes: the heat map's cells and the nodes the boundary is traced
// on, per axis, and the samples of the curve for a model of one input.
const (
	heatCells    = 200
	contourNodes = 201
	curvePoints  = 400
)

// WriteBoundary draws in format f to w what model m outputs over the
// inputs of data set d, a picture of what it has learned:
//
//   - the output as a heat map, blue for 0 through white to red for 1,
//     with a colour bar;
//   - the decision boundary, the line where the output is 0.5 (solid
//     black), which for a single neuron is the straight line w·x + b = 0;
//   - d's rows as points: a filled black dot for target 1 (or ≥ 0.5), a
//     white dot for target 0, ringed in gold when the model puts the row
//     on the wrong side of 0.5;
//   - with o.History, the boundary at a few earlier moments of the run,
//     in thin lines from faint (the start) to strong, and in the legend
//     the iteration of each;
//   - for a *neuron.Net, each hidden neuron's line W1j·x + B1[j] = 0,
//     where its output hj is 0.5 (dashed, in a colour of its own, edged
//     in white, and labelled h1, h2, ...).
//
// The axes run a quarter of the data's range beyond it on each side:
// from -0.25 to 1.25 for inputs of 0 and 1.
//
// For a model of one input the picture is a curve instead: the output
// against the input, over a background shaded by the output, with the
// rows drawn at their targets and the boundary as vertical lines.
//
// For more than two inputs the picture is a slice through the input
// space: inputs o.X and o.Y vary, the others are held at o.Fixed, only
// the rows whose other inputs equal o.Fixed exactly are drawn, and a note
// under the title says so, e.g. "inputs a, c; b = 1".
func WriteBoundary(w io.Writer, f Format, m neuron.Model, d *neuron.Dataset, o BoundaryOptions) error {
	if f != PNG && f != SVG {
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	}
	s, err := newSlice(m, d, o)
	if err != nil {
		return err
	}
	n := o.Snapshots
	if n == 0 {
		n = defaultSnapshots
	}
	s.snaps = snapshots(m, o.History, n)
	s.end = -1
	if h := o.History; h != nil && len(h.Points) > 0 {
		s.end = h.Points[len(h.Points)-1].Iteration
	}
	title := o.Title
	if title == "" {
		title = "what the model outputs"
	}
	var p *gplot.Plot
	if s.y < 0 {
		p = s.curvePlot()
	} else {
		p = s.mapPlot()
	}
	legend := s.legend()
	return render(w, f, func(c draw.Canvas) {
		body := header(c, title, o.Subtitle, s.note())
		body = draw.Crop(body, 8, 0, 8, 0)
		// Make the data area square, if the legend leaves room: measure
		// the axes at full width, then give the plot the width that makes
		// it so.
		dc := p.DataCanvas(body)
		plotArea := body
		plotArea.Max.X = min(dc.Min.X+dc.Size().Y, body.Max.X-legend.room()-20)
		p.Draw(plotArea)
		dc = p.DataCanvas(plotArea)
		dc.SetLineStyle(draw.LineStyle{Color: black, Width: vg.Points(0.75)})
		dc.Stroke(dc.Rectangle.Path()) // a frame, as the heat map covers the axis lines

		// At the right, level with the data area: the colour bar, then
		// the legend. A long legend gets room by drawing its entries
		// closer together, then by shortening the bar, to a fifth of the
		// data area's height at least.
		const gap = 24 // between the bar and the legend
		barHeight := 0.4 * dc.Size().Y
		space := dc.Max.Y - body.Min.Y - gap // for the bar and the legend
		for legend.Padding > 2 && barHeight+legend.Rectangle(body).Size().Y > space {
			legend.Padding--
		}
		barHeight = max(min(barHeight, space-legend.Rectangle(body).Size().Y), 0.2*dc.Size().Y)
		bar := body
		bar.Min.X, bar.Max.X = plotArea.Max.X+12, plotArea.Max.X+60
		bar.Max.Y = dc.Max.Y
		bar.Min.Y = dc.Max.Y - barHeight
		colorBar(bar, 14)
		keyArea := body
		keyArea.Min.X = plotArea.Max.X + 16
		keyArea.Max.Y = bar.Min.Y - gap
		legend.Draw(keyArea)
	})
}

// A slice is the plane through the input space that WriteBoundary draws.
type slice struct {
	m      neuron.Model
	d      *neuron.Dataset
	x, y   int       // the inputs shown; y is -1 for a model of one input
	in     []float64 // an input vector: Fixed, with x and y set as needed
	names  []string
	xd, yd [2]float64 // the rows' ranges of the inputs shown
	xr, yr [2]float64 // the axes' ranges
	rows   []int      // the rows drawn
	note_  string     // BoundaryOptions.Note
	snaps  []snapshot // the model at earlier moments
	end    int        // the iteration of the model drawn, or -1 if not known
}

// newSlice checks m, d and o and returns the slice they describe.
func newSlice(m neuron.Model, d *neuron.Dataset, o BoundaryOptions) (*slice, error) {
	if err := checkModel(m); err != nil {
		return nil, err
	}
	if d == nil {
		return nil, errors.New("plot: no data set to draw (nil *neuron.Dataset)")
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("plot: %w", err)
	}
	n := d.Inputs
	if m.Inputs() != n {
		return nil, fmt.Errorf("plot: model has %d inputs, data set has %d", m.Inputs(), n)
	}
	s := &slice{m: m, d: d, x: o.X, y: o.Y}
	switch {
	case n == 1:
		if s.x != 0 {
			return nil, fmt.Errorf("plot: input X = %d out of range: the data set has 1 input, X must be 0", s.x)
		}
		s.y = -1
	case s.x == 0 && s.y == 0:
		s.y = 1
	case s.x < 0 || s.x >= n:
		return nil, fmt.Errorf("plot: input X = %d out of range: the data set has %d inputs, 0 to %d", s.x, n, n-1)
	case s.y < 0 || s.y >= n:
		return nil, fmt.Errorf("plot: input Y = %d out of range: the data set has %d inputs, 0 to %d", s.y, n, n-1)
	case s.x == s.y:
		return nil, fmt.Errorf("plot: X and Y are both input %d: choose two different inputs", s.x)
	}

	switch {
	case o.Fixed == nil:
		s.in = make([]float64, n)
	case len(o.Fixed) != n:
		return nil, fmt.Errorf("plot: Fixed has %d values, want one per input (%d)", len(o.Fixed), n)
	default:
		s.in = append([]float64(nil), o.Fixed...)
		for i, v := range s.in {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("plot: Fixed[%d] is %v, not a finite number", i, v)
			}
		}
	}

	switch {
	case o.Names != nil:
		if len(o.Names) != n {
			return nil, fmt.Errorf("plot: Names has %d names, want one per input (%d)", len(o.Names), n)
		}
		s.names = o.Names
	case d.Names != nil:
		s.names = d.Names
	default:
		s.names = make([]string, n)
		for i := range s.names {
			s.names[i] = "x" + strconv.Itoa(i+1)
		}
	}

	s.xd, s.xr = s.span(s.x)
	if s.y >= 0 {
		s.yd, s.yr = s.span(s.y)
	} else {
		s.yd, s.yr = [2]float64{0, 1}, [2]float64{-0.05, 1.05} // the output, with room for the marks
	}
	s.note_ = o.Note
rows:
	for r := range d.Len() {
		x, _ := d.Row(r)
		for i, v := range x {
			if !o.Project && i != s.x && i != s.y && v != s.in[i] {
				continue rows
			}
		}
		s.rows = append(s.rows, r)
	}
	return s, nil
}

// checkModel reports whether m can compute outputs: whether it is a
// model at all and, for the core's own models, whether its weights fit
// its shape (a hand-made Net could divide by zero hidden neurons).
func checkModel(m neuron.Model) error {
	bad := false
	switch m := m.(type) {
	case nil:
		return errors.New("plot: no model to draw (nil Model)")
	case *neuron.Neuron:
		bad = m == nil || len(m.W) == 0
	case *neuron.Net:
		h := 0
		if m != nil {
			h = len(m.B1)
		}
		bad = h == 0 || len(m.W1)%h != 0 || len(m.W1) == 0 || len(m.W2) != h
	}
	if bad {
		return fmt.Errorf("plot: the model (%T) has no weights or weights that do not fit its shape", m)
	}
	return nil
}

// span returns the rows' range of input i, and the range of its axis:
// that and a quarter of it more on each side (from -0.25 to 1.25 for
// inputs of 0 and 1), or 1 wide if all rows have the same value.
func (s *slice) span(i int) (data, axis [2]float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	for r := range s.d.Len() {
		x, _ := s.d.Row(r)
		lo, hi = min(lo, x[i]), max(hi, x[i])
	}
	if lo == hi {
		return [2]float64{lo - 0.5, hi + 0.5}, [2]float64{lo - 0.5, hi + 0.5}
	}
	pad := (hi - lo) / 4
	return [2]float64{lo, hi}, [2]float64{lo - pad, hi + pad}
}

// out returns the model's output at u on the horizontal axis and v on
// the vertical one, the other inputs fixed.
func (s *slice) out(u, v float64) float64 { return s.outOf(s.m, u, v) }

// outOf returns model m's output at u and v, as out does for s's model.
func (s *slice) outOf(m neuron.Model, u, v float64) float64 {
	s.in[s.x] = u
	if s.y >= 0 {
		s.in[s.y] = v
	}
	return m.Output(s.in)
}

// cells returns the model's outputs at the centres of a cols × rows
// grid of cells that exactly cover the axes' ranges.
func (s *slice) cells(cols, rows int) *grid {
	dx, dy := (s.xr[1]-s.xr[0])/float64(cols), (s.yr[1]-s.yr[0])/float64(rows)
	return newGrid(cols, rows, s.xr[0]+dx/2, s.yr[0]+dy/2, s.xr[1]-dx/2, s.yr[1]-dy/2, s.out)
}

// note says which inputs a picture of a model of more than two inputs
// shows, e.g. "inputs a, c; b = 1 (rows with other values of b not drawn)".
func (s *slice) note() string {
	if s.note_ != "" {
		return s.note_
	}
	if len(s.in) <= 2 {
		return ""
	}
	var fixed, names []string
	for i, v := range s.in {
		if i != s.x && i != s.y {
			fixed = append(fixed, s.names[i]+" = "+num(v))
			names = append(names, s.names[i])
		}
	}
	others := "the other inputs"
	if len(names) == 1 {
		others = names[0]
	}
	return fmt.Sprintf("inputs %s, %s; %s (rows with other values of %s not drawn)",
		s.names[s.x], s.names[s.y], strings.Join(fixed, ", "), others)
}

// mapPlot returns the picture of a model of two or more inputs: the heat
// map, the boundary, the hidden neurons' lines and the rows.
func (s *slice) mapPlot() *gplot.Plot {
	p := newPlot(s.names[s.x], s.names[s.y])
	p.X.Min, p.X.Max = s.xr[0], s.xr[1]
	p.Y.Min, p.Y.Max = s.yr[0], s.yr[1]
	p.X.Tick.Marker, p.Y.Tick.Marker = spanTicks(s.xd), spanTicks(s.yd)
	p.Add(newHeatMap(s.cells(heatCells, heatCells)))
	boundary := func(m neuron.Model) []plotter.XYs {
		g := newGrid(contourNodes, contourNodes, s.xr[0], s.yr[0], s.xr[1], s.yr[1],
			func(u, v float64) float64 { return s.outOf(m, u, v) })
		return contour(g, 0.5)
	}
	for i := range s.snaps {
		sn := &s.snaps[i]
		sn.lines = boundary(sn.m)
		for _, line := range sn.lines {
			p.Add(&plotter.Line{XYs: line, LineStyle: sn.style})
		}
	}
	final := boundary(s.m)
	for _, line := range final {
		p.Add(&plotter.Line{XYs: line, LineStyle: boundaryStyle})
	}

	// The hidden neurons' lines go on top of the boundary, which a
	// trained network's often follow.
	var tags labels
	for j, h := range s.hiddenLines() {
		a, b, ok := clip(h, s.xr, s.yr)
		if !ok {
			continue
		}
		p.Add(edgedLine{XYs: plotter.XYs{a, b}, LineStyle: hiddenLook(j)})
		final = append(final, plotter.XYs{a, b}) // for the tags to keep clear of
		// Label near one end, alternating, so that labels of lines that
		// cross do not pile up.
		t := 0.88
		if j%2 == 1 {
			t = 0.12
		}
		tags = append(tags, label{plotter.XY{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)}, "h" + strconv.Itoa(j+1)})
	}
	p.Add(s.marks(), tags, lineTags{tags: s.snapshotTags(), lines: s.drawnLines(final...), labels: tags, marks: s.marks()})
	return p
}

// snapshotTags names each earlier moment's line by its iteration, the
// longest piece of it if it has several.
func (s *slice) snapshotTags() []lineTag {
	var tags []lineTag
	for _, sn := range s.snaps {
		var longest plotter.XYs
		for _, l := range sn.lines {
			if len(l) > len(longest) {
				longest = l
			}
		}
		if longest != nil {
			tags = append(tags, lineTag{longest, numLabel(float64(sn.iteration))})
		}
	}
	return tags
}

// drawnLines returns the earlier moments' lines and the given ones.
func (s *slice) drawnLines(lines ...plotter.XYs) []plotter.XYs {
	for _, sn := range s.snaps {
		lines = append(lines, sn.lines...)
	}
	return lines
}

// curvePlot returns the picture of a model of one input: its output
// against the input.
func (s *slice) curvePlot() *gplot.Plot {
	p := newPlot(s.names[0], "output o")
	p.X.Min, p.X.Max = s.xr[0], s.xr[1]
	p.Y.Min, p.Y.Max = s.yr[0], s.yr[1]
	p.X.Tick.Marker = spanTicks(s.xd)
	p.Y.Tick.Marker = gplot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 0.5, Label: "0.5"}, {Value: 1, Label: "1"}}
	p.Add(newHeatMap(s.cells(heatCells, 2)))
	p.Add(&plotter.Line{XYs: plotter.XYs{{X: s.xr[0], Y: 0.5}, {X: s.xr[1], Y: 0.5}},
		LineStyle: draw.LineStyle{Color: ink, Width: vg.Points(0.75), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}})

	// The output at curvePoints inputs, at the end and at the earlier
	// moments; the boundary is where the output at the end crosses 0.5,
	// found between two samples by linear interpolation.
	outputs := func(m neuron.Model) plotter.XYs {
		curve := make(plotter.XYs, curvePoints)
		for i := range curve {
			x := s.xr[0] + (s.xr[1]-s.xr[0])*float64(i)/(curvePoints-1)
			curve[i] = plotter.XY{X: x, Y: s.outOf(m, x, 0)}
		}
		return curve
	}
	for i := range s.snaps {
		sn := &s.snaps[i]
		sn.lines = []plotter.XYs{outputs(sn.m)}
		p.Add(&plotter.Line{XYs: sn.lines[0], LineStyle: sn.style})
	}
	curve := outputs(s.m)
	for i := range curve {
		if i == 0 {
			continue
		}
		a, b := curve[i-1], curve[i]
		if (a.Y >= 0.5) != (b.Y >= 0.5) && !math.IsNaN(a.Y) && !math.IsNaN(b.Y) {
			x0 := a.X + (0.5-a.Y)/(b.Y-a.Y)*(b.X-a.X)
			p.Add(&plotter.Line{XYs: plotter.XYs{{X: x0, Y: s.yr[0]}, {X: x0, Y: s.yr[1]}}, LineStyle: boundaryStyle})
		}
	}
	var tags labels
	for j, h := range s.hiddenLines() {
		// In one dimension hidden neuron j's line is the point x = −c/w.
		if h.w[0] == 0 {
			continue
		}
		x := -h.c / h.w[0]
		if x < s.xr[0] || x > s.xr[1] {
			continue
		}
		p.Add(edgedLine{XYs: plotter.XYs{{X: x, Y: s.yr[0]}, {X: x, Y: s.yr[1]}}, LineStyle: hiddenLook(j)})
		tags = append(tags, label{plotter.XY{X: x, Y: 0.25 + 0.1*float64(j%3)}, "h" + strconv.Itoa(j+1)})
	}
	p.Add(&plotter.Line{XYs: curve, LineStyle: curveStyle}, s.marks(), tags,
		lineTags{tags: s.snapshotTags(), lines: s.drawnLines(curve), labels: tags, marks: s.marks()})
	return p
}

// A hiddenLine is hidden neuron j's line in the slice: the points (u, v)
// where its excitation w[0]·u + w[1]·v + c is 0, c being its bias plus
// the weighted fixed inputs.
type hiddenLine struct {
	w [2]float64
	c float64
}

// hiddenLines returns the lines of m's hidden neurons if m is a
// *neuron.Net, and none otherwise.
func (s *slice) hiddenLines() []hiddenLine {
	net, ok := s.m.(*neuron.Net)
	if !ok {
		return nil
	}
	lines := make([]hiddenLine, net.Hidden())
	for j := range lines {
		h := net.HiddenNeuron(j)
		l := &lines[j]
		l.c = h.Bias
		for i, w := range h.W {
			switch i {
			case s.x:
				l.w[0] = w
			case s.y:
				l.w[1] = w
			default:
				l.c += w * s.in[i]
			}
		}
	}
	return lines
}

// clip returns the ends of the part of line h inside the rectangle
// xr × yr, and false if none of it is inside.
func clip(h hiddenLine, xr, yr [2]float64) (a, b plotter.XY, ok bool) {
	// Write the line as a segment across the rectangle along its more
	// horizontal or more vertical direction, then cut it to the other range.
	wu, wv := h.w[0], h.w[1]
	if wu == 0 && wv == 0 {
		return a, b, false
	}
	if math.Abs(wv) >= math.Abs(wu) { // v = −(wu·u + c)/wv over u in xr
		a = plotter.XY{X: xr[0], Y: -(wu*xr[0] + h.c) / wv}
		b = plotter.XY{X: xr[1], Y: -(wu*xr[1] + h.c) / wv}
		return cut(a, b, yr, func(p plotter.XY) float64 { return p.Y })
	}
	a = plotter.XY{X: -(wv*yr[0] + h.c) / wu, Y: yr[0]}
	b = plotter.XY{X: -(wv*yr[1] + h.c) / wu, Y: yr[1]}
	return cut(a, b, xr, func(p plotter.XY) float64 { return p.X })
}

// cut returns the part of segment a–b whose coordinate at lies in r.
func cut(a, b plotter.XY, r [2]float64, at func(plotter.XY) float64) (plotter.XY, plotter.XY, bool) {
	t0, t1 := 0.0, 1.0
	pa, pb := at(a), at(b)
	if pa == pb {
		return a, b, pa >= r[0] && pa <= r[1]
	}
	for _, lim := range r {
		t := (lim - pa) / (pb - pa)
		if (pb > pa) == (lim == r[0]) {
			t0 = max(t0, t) // entering the range
		} else {
			t1 = min(t1, t) // leaving it
		}
	}
	if t0 >= t1 {
		return a, b, false
	}
	lerp := func(t float64) plotter.XY { return plotter.XY{X: a.X + t*(b.X-a.X), Y: a.Y + t*(b.Y-a.Y)} }
	return lerp(t0), lerp(t1), true
}

// marks returns the rows drawn, as marks: where each row is, its target
// and whether the model gets it right.
func (s *slice) marks() marks {
	var ms marks
	for _, r := range s.rows {
		x, t := s.d.Row(r)
		at := plotter.XY{X: x[s.x], Y: t}
		if s.y >= 0 {
			at.Y = x[s.y]
		}
		o := s.m.Output(x)
		ms = append(ms, placed{at, mark{one: t >= 0.5, wrong: (o >= 0.5) != (t >= 0.5), small: s.small()}})
	}
	return ms
}

// small says how much smaller than usual the rows' marks are drawn: not
// at all for a truth table of up to 64 rows, fully from 512 rows up.
func (s *slice) small() float64 {
	return min(1, max(0, (float64(len(s.rows))-64)/(512-64)))
}

// legend returns the legend of the boundary picture.
func (s *slice) legend() *key {
	l := newKey()
	l.Padding = vg.Points(7)
	l.ThumbnailWidth = vg.Points(26)
	one, zero := "target 1", "target 0"
	for _, t := range s.d.T {
		if t != 0 && t != 1 {
			one, zero = "target ≥ 0.5", "target < 0.5"
		}
	}
	l.add(one, mark{one: true})
	l.add(zero, mark{})
	for _, m := range s.marks() {
		if m.wrong {
			l.add("wrong side of 0.5", mark{wrong: true, ring: true})
			break
		}
	}
	s.addMoments(l)
	if s.y < 0 || len(s.snaps) == 0 {
		l.add("output 0.5: boundary", &plotter.Line{LineStyle: boundaryStyle})
	}
	switch hidden := len(s.hiddenLines()); {
	case hidden > maxHiddenEntries: // one entry for all, in all their colours
		l.add("hidden neuron j: hj = 0.5", hiddenThumb(hidden))
	default:
		for j := range hidden {
			h := "h" + strconv.Itoa(j+1)
			l.add("hidden neuron "+strconv.Itoa(j+1)+": "+h+" = 0.5", edgedLine{LineStyle: hiddenLook(j)})
		}
	}
	return l
}

// maxHiddenEntries is the most hidden neurons the boundary's legend
// names one by one; the lines of more share an entry, and their labels
// name them.
const maxHiddenEntries = 4

// hiddenThumb is the legend's picture of the lines of n hidden neurons:
// a dash in each of their colours.
type hiddenThumb int

// Thumbnail implements gplot.Thumbnailer.
func (n hiddenThumb) Thumbnail(c *draw.Canvas) {
	k := min(int(n), len(hiddenColors))
	w := c.Size().X / vg.Length(k)
	y := c.Center().Y
	for j := range k {
		st := hiddenLook(j)
		st.Dashes = nil
		x := c.Min.X + vg.Length(j)*w
		edgedLine{LineStyle: st}.stroke(c, []vg.Point{{X: x + 1, Y: y}, {X: x + w - 1, Y: y}})
	}
}

// addMoments adds to legend l the earlier moments drawn, if any, and the
// end: the boundary at each for a map, the output curve for a curve.
func (s *slice) addMoments(l *key) {
	if len(s.snaps) == 0 {
		return
	}
	what, end := "boundary at iteration:", boundaryStyle
	if s.y < 0 {
		what, end = "output o at iteration:", curveStyle
	}
	l.add(what)
	for _, sn := range s.snaps {
		text := numLabel(float64(sn.iteration))
		if len(sn.lines) == 0 {
			text += " (not in view)"
		}
		l.add(text, &plotter.Line{LineStyle: sn.style})
	}
	text := "the end"
	if s.end >= 0 {
		text = numLabel(float64(s.end)) + ", the end"
	}
	l.add(text, &plotter.Line{LineStyle: end})
}

// An edgedLine is a line drawn over a wider white line of the same
// dashes, so that it stands out from any line it runs along.
type edgedLine struct {
	XYs plotter.XYs
	draw.LineStyle
}

// Plot implements gplot.Plotter.
func (e edgedLine) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	pts := make([]vg.Point, len(e.XYs))
	for i, xy := range e.XYs {
		pts[i] = vg.Point{X: trX(xy.X), Y: trY(xy.Y)}
	}
	e.stroke(&c, pts)
}

// Thumbnail implements gplot.Thumbnailer.
func (e edgedLine) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	e.stroke(c, []vg.Point{{X: c.Min.X, Y: y}, {X: c.Max.X, Y: y}})
}

// stroke draws the white edge, then the line, through pts.
func (e edgedLine) stroke(c *draw.Canvas, pts []vg.Point) {
	edge := e.LineStyle
	edge.Color, edge.Width = white, edge.Width+vg.Points(2.5)
	lines := c.ClipLinesXY(pts)
	c.StrokeLines(edge, lines...)
	c.StrokeLines(e.LineStyle, lines...)
}
