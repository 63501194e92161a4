package plot

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// maxBoundarySVG is the most bytes a boundary SVG may take: its heat map
// is one embedded image, not a rectangle per cell.
const maxBoundarySVG = 100_000

func TestWriteBoundaryNeuronPNG(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, _, _ := trainedNeuron(t, d)
	var b bytes.Buffer
	if err := WriteBoundary(&b, PNG, n, d, BoundaryOptions{Labels: Labels{Title: "and"}}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	// The neuron says 0 over most of the square and 1 in a corner: both
	// ends of the colour scale show, the 0 end over more pixels.
	zero, one := count(img, shadeStops[0]), count(img, shadeStops[4])
	if zero < 1000 || one < 100 || one >= zero {
		t.Errorf("%d pixels of output 0 and %d of output 1; want many of both, more of 0", zero, one)
	}
}

func TestWriteBoundaryNetPNG(t *testing.T) {
	net, d, _, res := trainedXOR(t)
	if res.Status != neuron.GoalMet {
		t.Fatalf("XOR network from seed 1: %v after %d iterations", res.Status, res.Iterations)
	}
	var b bytes.Buffer
	if err := WriteBoundary(&b, PNG, net, d, BoundaryOptions{}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	for j := range 2 {
		if n := count(img, rgba(hiddenColors[j])); n < 50 {
			t.Errorf("%d pixels of hidden neuron %d's colour, want its dashes", n, j+1)
		}
	}
	if n := count(img, wrongColor); n != 0 {
		t.Errorf("%d gold pixels in the picture of a network that fits every row, want none", n)
	}
}

// TestWriteBoundaryWrong checks that a model that gets rows wrong rings
// them.
func TestWriteBoundaryWrong(t *testing.T) {
	d := table(t, 0, 1, 1, 0)
	n := &neuron.Neuron{W: []float64{1, 1}, Bias: -1.5} // AND, so 01 and 10 are wrong
	var b bytes.Buffer
	if err := WriteBoundary(&b, PNG, n, d, BoundaryOptions{}); err != nil {
		t.Fatal(err)
	}
	// Two rings around rows, and one in the legend. A ring of radius
	// 9.5 points and width 3 covers about 2π·9.5·3 square points, at 127
	// pixels per 72 points.
	const px = 127.0 / 72
	ring := 2 * math.Pi * 9.5 * px * 3 * px
	if n := float64(count(decodePNG(t, b.Bytes()), wrongColor)); n < 2.5*ring {
		t.Errorf("%v gold pixels with two rows wrong, want three rings of about %.0f", n, ring)
	}
}

func TestWriteBoundaryNetSVG(t *testing.T) {
	net, d, h, _ := trainedXOR(t)
	var b bytes.Buffer
	if err := WriteBoundary(&b, SVG, net, d, BoundaryOptions{History: h}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxBoundarySVG)
	for _, want := range []string{">hidden neuron 1: h1 = 0.5<", ">hidden neuron 2: h2 = 0.5<", ">h1<", ">h2<", ">boundary at iteration:<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("SVG does not show %q", want)
		}
	}
}

// TestHiddenLineOnBoundary checks that a hidden neuron's line that runs
// exactly along the boundary leaves both in view: the boundary's black
// between its dashes, and its colour, edged in white, on them.
func TestHiddenLineOnBoundary(t *testing.T) {
	const w, h = 400, 40 // pixels
	c := vgimg.NewWith(vgimg.UseWH(w*72/dpi, h*72/dpi), vgimg.UseDPI(dpi))
	dc := draw.New(c)
	dc.SetColor(shadeStops[4]) // output 1's red
	dc.Fill(dc.Rectangle.Path())
	y := dc.Center().Y
	along := []vg.Point{{X: dc.Min.X, Y: y}, {X: dc.Max.X, Y: y}}
	dc.StrokeLine2(boundaryStyle, along[0].X, y, along[1].X, y)
	edgedLine{LineStyle: hiddenLook(0)}.stroke(&dc, along)

	img := c.Image()
	mid := img.Bounds().Dy() / 2 // the middle row of pixels
	var black, hidden int
	for x := range w {
		switch px := rgba(img.At(x, mid)); {
		case near(px, rgba(black0)):
			black++
		case near(px, rgba(hiddenColors[0])):
			hidden++
		}
	}
	if black < w/5 || hidden < w/3 {
		t.Errorf("along the line, %d pixels of the boundary's black and %d of the hidden line's colour of %d: want both to show", black, hidden, w)
	}
	// Just beyond the boundary's edge, 3 pixels off its middle, the white
	// edge shows beside each dash.
	edge := 0
	for x := range w {
		if near(rgba(img.At(x, mid-3)), rgba(white)) && near(rgba(img.At(x, mid+3)), rgba(white)) {
			edge++
		}
	}
	if edge < w/3 {
		t.Errorf("%d of %d pixels beside the line are white, want the edges of the dashes", edge, w)
	}
}

// black0 is the boundary's colour.
var black0 = boundaryStyle.Color

// near reports whether a and b are within 12 in each of red, green and blue.
func near(a, b color.RGBA) bool {
	d := func(p, q uint8) bool { return max(p, q)-min(p, q) <= 12 }
	return d(a.R, b.R) && d(a.G, b.G) && d(a.B, b.B)
}

func TestWriteBoundaryGolden(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, h, res := trainedNeuron(t, d)
	// Round the trained weights, and those the history kept, so that the
	// file does not depend on the last bits of float64 arithmetic, which
	// differ between CPUs that fuse multiply-adds and those that do not.
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	for i := range n.W {
		n.W[i] = round(n.W[i])
	}
	n.Bias = round(n.Bias)
	for _, p := range h.Points {
		for i := range p.Params {
			p.Params[i] = round(p.Params[i])
		}
	}
	var b bytes.Buffer
	err := WriteBoundary(&b, SVG, n, d, BoundaryOptions{Labels: Labels{"and: one neuron learns a & b", subtitle(res)}, History: h})
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxBoundarySVG)
	golden(t, "and-boundary.svg", b.Bytes())
}

func TestWriteBoundaryDeterministic(t *testing.T) {
	for _, f := range []Format{PNG, SVG} {
		var b1, b2 bytes.Buffer
		for _, b := range []*bytes.Buffer{&b1, &b2} {
			net, d, _, _ := trainedXOR(t)
			if err := WriteBoundary(b, f, net, d, BoundaryOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
			t.Errorf("two %v pictures of the same network differ", f)
		}
	}
}

func TestWriteBoundaryThreeInputs(t *testing.T) {
	d := majority(t)
	n, _, _ := trainedNeuron(t, d)
	o := BoundaryOptions{X: 0, Y: 2, Fixed: []float64{0, 1, 0}}
	var b bytes.Buffer
	if err := WriteBoundary(&b, SVG, n, d, o); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxBoundarySVG)
	for _, want := range []string{"inputs a, c; b = 1", ">a<", ">c<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("SVG does not show %q", want)
		}
	}
	if strings.Contains(b.String(), ">b<") {
		t.Error("SVG labels an axis b, which is fixed")
	}

	s, err := newSlice(n, d, o)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.rows) != 4 {
		t.Errorf("%d rows drawn, want the 4 with b = 1", len(s.rows))
	}
	for _, r := range s.rows {
		if x, _ := d.Row(r); x[1] != 1 {
			t.Errorf("row %v drawn, but its b is not 1", x)
		}
	}
	if got := s.note(); !strings.HasPrefix(got, "inputs a, c; b = 1") {
		t.Errorf("note %q", got)
	}

	b.Reset()
	if err := WriteBoundary(&b, PNG, n, d, BoundaryOptions{Names: []string{"p", "q", "r"}}); err != nil {
		t.Fatal(err)
	}
	decodePNG(t, b.Bytes())
}

func TestWriteBoundaryOneInput(t *testing.T) {
	d, err := neuron.NewDataset([][]float64{{0}, {1}}, []float64{1, 0})
	if err != nil {
		t.Fatal(err)
	}
	net := neuron.NewNetRandom(1, 2, seeded())
	for _, m := range []neuron.Model{&neuron.Neuron{W: []float64{-8}, Bias: 4}, net} {
		var b bytes.Buffer
		if err := WriteBoundary(&b, SVG, m, d, BoundaryOptions{Names: []string{"a"}}); err != nil {
			t.Fatal(err)
		}
		checkSVG(t, b.Bytes(), maxBoundarySVG)
		for _, want := range []string{">a<", ">output o<"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%T: SVG does not show %q", m, want)
			}
		}
	}
}

func TestWriteBoundaryErrors(t *testing.T) {
	d2 := table(t, 0, 0, 0, 1)
	d3 := majority(t)
	n2, n3 := neuron.New(2), neuron.New(3)
	d1, err := neuron.NewDataset([][]float64{{0}, {1}}, []float64{1, 0})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		m    neuron.Model
		d    *neuron.Dataset
		o    BoundaryOptions
	}{
		{"nil model", nil, d2, BoundaryOptions{}},
		{"nil neuron", (*neuron.Neuron)(nil), d2, BoundaryOptions{}},
		{"nil net", (*neuron.Net)(nil), d2, BoundaryOptions{}},
		{"zero net", &neuron.Net{}, d2, BoundaryOptions{}},
		{"ragged net", &neuron.Net{W1: make([]float64, 4), B1: make([]float64, 2), W2: make([]float64, 1)}, d2, BoundaryOptions{}},
		{"nil data", n2, nil, BoundaryOptions{}},
		{"invalid data", n2, &neuron.Dataset{Inputs: 2}, BoundaryOptions{}},
		{"inputs differ", n3, d2, BoundaryOptions{}},
		{"X negative", n2, d2, BoundaryOptions{X: -1, Y: 1}},
		{"X too large", n2, d2, BoundaryOptions{X: 2, Y: 1}},
		{"Y too large", n3, d3, BoundaryOptions{X: 0, Y: 3}},
		{"X is Y", n3, d3, BoundaryOptions{X: 1, Y: 1}},
		{"one input, X 1", neuron.New(1), d1, BoundaryOptions{X: 1}},
		{"Fixed too short", n3, d3, BoundaryOptions{Fixed: []float64{0, 0}}},
		{"Fixed NaN", n3, d3, BoundaryOptions{Fixed: []float64{0, 0, math.NaN()}}},
		{"Names too long", n2, d2, BoundaryOptions{Names: []string{"a", "b", "c"}}},
	} {
		var b bytes.Buffer
		err := WriteBoundary(&b, PNG, tc.m, tc.d, tc.o)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "plot: ") || strings.Contains(msg, "\n") {
			t.Errorf("%s: error %q is not one line starting plot: ", tc.name, msg)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written with the error", tc.name, b.Len())
		}
	}
}

// TestWriteBoundaryDiverged draws a model whose weights overflowed: its
// outputs are not numbers, which the picture must survive.
func TestWriteBoundaryDiverged(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n := &neuron.Neuron{W: []float64{math.Inf(1), math.Inf(-1)}, Bias: math.NaN()}
	for _, f := range []Format{SVG, PNG} {
		var b bytes.Buffer
		if err := WriteBoundary(&b, f, n, d, BoundaryOptions{}); err != nil {
			t.Fatal(err)
		}
		if f == SVG {
			checkSVG(t, b.Bytes(), maxBoundarySVG)
		}
	}
}

func TestClip(t *testing.T) {
	r := [2]float64{-0.25, 1.25}
	for _, tc := range []struct {
		h      hiddenLine
		inside bool
	}{
		{hiddenLine{w: [2]float64{1, 1}, c: -1}, true},       // a + b = 1
		{hiddenLine{w: [2]float64{1, 0}, c: -0.5}, true},     // a = 0.5
		{hiddenLine{w: [2]float64{0, 2}, c: -1}, true},       // b = 0.5
		{hiddenLine{w: [2]float64{1, 1}, c: -5}, false},      // a + b = 5
		{hiddenLine{w: [2]float64{1e-300, 1}, c: 10}, false}, // b = −10
		{hiddenLine{}, false},
	} {
		a, b, ok := clip(tc.h, r, r)
		if ok != tc.inside {
			t.Errorf("clip(%v) inside = %v, want %v", tc.h, ok, tc.inside)
			continue
		}
		if !ok {
			continue
		}
		for _, p := range []struct{ X, Y float64 }{{a.X, a.Y}, {b.X, b.Y}} {
			if u := tc.h.w[0]*p.X + tc.h.w[1]*p.Y + tc.h.c; math.Abs(u) > 1e-12 {
				t.Errorf("clip(%v): end %v is off the line by %v", tc.h, p, u)
			}
			if p.X < r[0]-1e-12 || p.X > r[1]+1e-12 || p.Y < r[0]-1e-12 || p.Y > r[1]+1e-12 {
				t.Errorf("clip(%v): end %v outside the square", tc.h, p)
			}
		}
		// The ends are on the square's border: the whole chord is kept.
		onBorder := func(v float64) bool { return math.Abs(v-r[0]) < 1e-12 || math.Abs(v-r[1]) < 1e-12 }
		if !(onBorder(a.X) || onBorder(a.Y)) || !(onBorder(b.X) || onBorder(b.Y)) {
			t.Errorf("clip(%v) = %v, %v: an end is not on the border", tc.h, a, b)
		}
	}
}
