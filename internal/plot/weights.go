package plot

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"github.com/neuronlab/neuron"
	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxWeightLines is the most weights and biases WriteWeights draws: more
// lines than this tangle into a picture no one can read.
const maxWeightLines = 12

// A param is one weight or bias of a model: where it is in the model's
// flat layout (neuron.Params), its name and how its line looks.
type param struct {
	index int
	name  string
	style draw.LineStyle
}

// A paramGroup is the weights and bias of one neuron of a model, under a
// heading such as "hidden neuron 1:" (none for a single neuron).
type paramGroup struct {
	heading string
	params  []param
}

// weightDashes tell a neuron's weights apart when its lines share a
// colour: solid, long dashes, short dashes, dash-dot. Biases are dotted.
var (
	weightDashes = [][]vg.Length{
		nil,
		{vg.Points(7), vg.Points(3)},
		{vg.Points(3), vg.Points(2)},
		{vg.Points(9), vg.Points(2.5), vg.Points(2), vg.Points(2.5)},
	}
	biasDashes = []vg.Length{vg.Points(1.5), vg.Points(2)}
	// roundTints are how far toward white a neuron's colour is mixed for
	// its first four weights, the next four and the rest.
	roundTints = []float64{0, 0.45, 0.7}
)

// WriteWeights draws in format f to w the path steepest descent took:
// each weight and bias of model m against the iteration, as h recorded
// them (neuron.Point.Params), each named in the legend with its value at
// the end, as the command prints them: w1, w2, ..., b for one neuron, and
// the same under "hidden neuron j:" and "output neuron:" for a network,
// whose hidden neurons have the colours of the boundary picture. A line
// at 0 shows where a weight changes sign.
//
// At most 12 lines are drawn: a single neuron's first weights and its
// bias, or a network's output neuron first, then its hidden neurons in
// turn, each with its first weights and its bias, while they fit. A note
// under the title then says how many of the weights and biases are shown,
// and the legend names them.
//
// m gives the shape and names; its weights should be those at h's last
// point. Points that kept no weights (neuron.HistoryParams) are skipped.
func WriteWeights(w io.Writer, f Format, m neuron.Model, h *neuron.History, l Labels) error {
	if f != PNG && f != SVG {
		return fmt.Errorf("plot: unknown format %d: want PNG or SVG", int(f))
	}
	if err := checkModel(m); err != nil {
		return err
	}
	if h == nil {
		return errors.New("plot: no history to draw (nil *neuron.History)")
	}
	total := len(neuron.Params(m))
	var pts []neuron.Point // the points that kept m's weights
	for _, p := range h.Points {
		if len(p.Params) == total {
			pts = append(pts, p)
		}
	}
	if len(pts) == 0 {
		return fmt.Errorf("plot: the history kept no weights of this model's %d: a history keeps them for models of at most %d weights and biases",
			total, neuron.HistoryParams)
	}
	groups, shown := paramGroups(m)

	p := newPlot("iteration", "weight or bias")
	p.X.Min, p.X.Max = float64(pts[0].Iteration), float64(pts[len(pts)-1].Iteration)
	if p.X.Max <= p.X.Min {
		p.X.Max = p.X.Min + 1
	}
	p.X.Tick.Marker = countTicks{}
	p.Y.Tick.Marker = numberTicks{}
	lo, hi := valueRange(pts, groups)
	p.Add(&plotter.Grid{Vertical: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}, Horizontal: draw.LineStyle{Color: gridColor, Width: vg.Points(0.5)}})
	if lo < 0 && hi > 0 {
		p.Add(&plotter.Line{XYs: plotter.XYs{{X: p.X.Min, Y: 0}, {X: p.X.Max, Y: 0}},
			LineStyle: draw.LineStyle{Color: ink, Width: vg.Points(0.75)}})
	}

	legend := newKey()
	values := make([]float64, len(pts))
	for _, g := range groups {
		if g.heading != "" {
			legend.add(g.heading)
		}
		for _, q := range g.params {
			for i, pt := range pts {
				// A value far beyond the axis, which the frame cuts off
				// anyway, is drawn just beyond it: the canvas's
				// arithmetic would overflow on the distance.
				values[i] = min(max(pt.Params[q.index], lo-(hi-lo)), hi+(hi-lo))
			}
			var thumb gplot.Thumbnailer = &plotter.Line{LineStyle: q.style}
			for _, xys := range pieces(pts, values) {
				line := &plotter.Line{XYs: xys, LineStyle: q.style}
				p.Add(line)
				if len(xys) == 1 { // a single point makes no line; mark it instead
					p.Add(&plotter.Scatter{XYs: xys,
						GlyphStyle: draw.GlyphStyle{Color: q.style.Color, Radius: 2.5, Shape: draw.CircleGlyph{}}})
				}
			}
			legend.add(q.name+" → "+short(pts[len(pts)-1].Params[q.index]), thumb)
		}
	}

	// Set last: adding a line widens the axes to take in all of it, which
	// for overflowing weights would be more than an axis can measure.
	p.Y.Min, p.Y.Max = lo, hi

	note := ""
	if shown < total {
		note = fmt.Sprintf("%d of the %d weights and biases shown (legend)", shown, total)
	}
	title := l.Title
	if title == "" {
		title = "weights during training"
	}
	return renderKeyed(w, f, p, legend, title, l.Subtitle, note)
}

// paramGroups returns the weights and biases of m that WriteWeights
// draws, by neuron, and how many they are: all of them, or at most
// maxWeightLines.
func paramGroups(m neuron.Model) (groups []paramGroup, shown int) {
	switch m := m.(type) {
	case *neuron.Neuron:
		n := len(m.W)
		g := paramGroup{}
		for i := range min(n, maxWeightLines-1) {
			st := draw.LineStyle{Color: rowColors[i%len(rowColors)], Width: vg.Points(1.75)}
			if i == 0 {
				// Wider, so that w1 shows along the edges of a weight
				// drawn over it that takes the same path, as the
				// weights of a symmetric function such as AND do.
				st.Width = vg.Points(3.5)
			}
			if i >= len(rowColors) {
				st.Dashes = weightDashes[1]
			}
			g.params = append(g.params, param{i, "w" + strconv.Itoa(i+1), st})
		}
		g.params = append(g.params, param{n, "b", draw.LineStyle{Color: black, Width: vg.Points(1.75), Dashes: biasDashes}})
		return []paramGroup{g}, len(g.params)
	case *neuron.Net:
		// Flat layout: W1 (hidden neuron j's weights at j·inputs), B1, W2, B2.
		in, hid := m.Inputs(), m.Hidden()
		out := neuronGroup("output neuron:", hid, in*hid+hid, len(neuron.Params(m))-1, black, maxWeightLines)
		shown = len(out.params)
		for j := 0; j < hid && shown < maxWeightLines-1; j++ { // room for a weight and the bias
			g := neuronGroup("hidden neuron "+strconv.Itoa(j+1)+":", in, j*in, in*hid+j, hiddenColors[j%len(hiddenColors)], maxWeightLines-shown)
			groups = append(groups, g)
			shown += len(g.params)
		}
		return append(groups, out), shown
	}
	return nil, 0
}

// neuronGroup returns the group of a neuron of n weights, the first at
// index first of the flat layout and the bias at index bias, drawn in
// colour c: at most limit of them, the bias always. Each weight has a
// dash pattern of its own; once they are used up, the next weights have
// them again in a lighter tint of c.
func neuronGroup(heading string, n, first, bias int, c color.Color, limit int) paramGroup {
	g := paramGroup{heading: heading}
	for i := range min(n, limit-1) {
		round := min(i/len(weightDashes), len(roundTints)-1)
		g.params = append(g.params, param{first + i, "w" + strconv.Itoa(i+1),
			draw.LineStyle{Color: tint(c, roundTints[round]), Width: vg.Points(1.75), Dashes: weightDashes[i%len(weightDashes)]}})
	}
	g.params = append(g.params, param{bias, "b", draw.LineStyle{Color: c, Width: vg.Points(1.75), Dashes: biasDashes}})
	return g
}

// tint returns c mixed with white, a fraction f of the way.
func tint(c color.Color, f float64) color.Color {
	r, g, b, _ := c.RGBA()
	mix := func(v uint32) uint8 { return uint8(math.Round(float64(v>>8) + f*(255-float64(v>>8)))) }
	return color.RGBA{mix(r), mix(g), mix(b), 0xff}
}

// valueRange returns the range of the weight axis: the drawn values'
// and a twentieth more on each side, or 1 more each side of a single
// value.
func valueRange(pts []neuron.Point, groups []paramGroup) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, g := range groups {
		for _, q := range g.params {
			for _, p := range pts {
				if v := p.Params[q.index]; !math.IsNaN(v) && !math.IsInf(v, 0) {
					lo, hi = min(lo, v), max(hi, v)
				}
			}
		}
	}
	// A range wider than 2e300 would overflow the axis's arithmetic;
	// lines beyond it are cut at the frame.
	const far = 1e300
	lo, hi = max(lo, -far), min(hi, far)
	switch {
	case lo > hi: // no finite value at all
		return -1, 1
	case lo == hi:
		return lo - 1, hi + 1
	}
	pad := (hi - lo) / 20
	return lo - pad, hi + pad
}

// short formats v in three significant digits in the pictures' style,
// as "7.37" or "-11.2"; an overflowed weight is "∞", "−∞" or "not a
// number".
func short(v float64) string {
	switch {
	case math.IsNaN(v):
		return "not a number"
	case math.IsInf(v, 1):
		return "∞"
	case math.IsInf(v, -1):
		return "−∞"
	}
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	return numLabel(r)
}
