package plot

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// maxWeightsSVG is the most bytes a weights SVG of a thousand points and
// twelve lines may take.
const maxWeightsSVG = 400_000

func TestWriteWeightsNeuron(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, h, res := trainedNeuron(t, d)
	var b bytes.Buffer
	if err := WriteWeights(&b, SVG, n, h, Labels{Title: "and", Subtitle: subtitle(res)}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxWeightsSVG)
	svg := b.String()
	// The legend names w1, w2 and b with their values at the end, which
	// are the model's.
	for _, want := range []string{">iteration<", ">weight or bias<",
		">w1 → " + short(n.W[0]) + "<", ">w2 → " + short(n.W[1]) + "<", ">b → " + short(n.Bias) + "<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("weights SVG does not show %q", want)
		}
	}
	if strings.Contains(svg, "shown") {
		t.Error("weights SVG says only some weights are shown, but all three are")
	}

	b.Reset()
	if err := WriteWeights(&b, PNG, n, h, Labels{}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	for i, c := range rowColors[:2] { // w1's and w2's lines
		if got := count(img, rgba(c)); got < 100 {
			t.Errorf("%d pixels of w%d's colour, want its line", got, i+1)
		}
	}
}

func TestWriteWeightsNet(t *testing.T) {
	net, _, h, _ := trainedXOR(t)
	var b bytes.Buffer
	if err := WriteWeights(&b, SVG, net, h, Labels{}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxWeightsSVG)
	svg := b.String()
	for _, want := range []string{">hidden neuron 1:<", ">hidden neuron 2:<", ">output neuron:<",
		">w1 → " + short(net.W2[0]) + "<", ">b → " + short(net.B2) + "<", ">b → " + short(net.B1[1]) + "<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("weights SVG does not show %q", want)
		}
	}
	// Nine lines, each named once in the legend.
	if got := strings.Count(svg, " → "); got != 9 {
		t.Errorf("%d weights and biases in the legend, the 2-2-1 network has 9", got)
	}
}

// TestWriteWeightsMany checks that a model of many weights is drawn with
// at most maxWeightLines lines, and that the picture says so.
func TestWriteWeightsMany(t *testing.T) {
	for _, tc := range []struct {
		m            neuron.Model
		want, absent []string
	}{
		{neuron.NewNetRandom(16, 3, seeded()),
			[]string{">output neuron:<", ">hidden neuron 1:<", ">w7 → ", "12 of the 55 weights and biases shown"},
			[]string{">hidden neuron 2:<", ">w8 → "}},
		{neuron.NewRandom(20, seeded()),
			[]string{">w11 → ", ">b → ", "12 of the 21 weights and biases shown"},
			[]string{">w12 → "}},
		{neuron.NewNetRandom(2, 14, seeded()),
			[]string{">output neuron:<", ">w11 → ", "12 of the 57 weights and biases shown"},
			[]string{">hidden neuron 1:<", ">w12 → "}},
	} {
		n := tc.m.Inputs()
		x := [][]float64{make([]float64, n), make([]float64, n)}
		x[1][0] = 1
		d, err := neuron.NewDataset(x, []float64{0, 1})
		if err != nil {
			t.Fatal(err)
		}
		h, _ := train(t, tc.m, d, seeded(), 200)
		var b bytes.Buffer
		if err := WriteWeights(&b, SVG, tc.m, h, Labels{}); err != nil {
			t.Fatal(err)
		}
		checkSVG(t, b.Bytes(), maxWeightsSVG)
		svg := b.String()
		for _, want := range tc.want {
			if !strings.Contains(svg, want) {
				t.Errorf("%T of %d inputs: SVG does not show %q", tc.m, n, want)
			}
		}
		if got := strings.Count(svg, " → "); got != maxWeightLines {
			t.Errorf("%T of %d inputs: %d lines in the legend, want %d", tc.m, n, got, maxWeightLines)
		}
		for _, no := range tc.absent {
			if strings.Contains(svg, no) {
				t.Errorf("%T of %d inputs: SVG shows %q, beyond the lines drawn", tc.m, n, no)
			}
		}
	}
}

// TestParamGroups checks that each line of a network's weights picture
// draws the weight it names, found through the model's flat layout.
func TestParamGroups(t *testing.T) {
	net := &neuron.Net{W1: []float64{11, 12, 21, 22}, B1: []float64{10, 20}, W2: []float64{31, 32}, B2: 30}
	p := neuron.Params(net)
	groups, shown := paramGroups(net)
	if shown != 9 || len(groups) != 3 {
		t.Fatalf("%d groups of %d weights and biases, want 3 of 9", len(groups), shown)
	}
	// Each weight is named by its neuron (the tens) and input (the ones):
	// hidden neuron j's wi is 10j+i, and its b is 10j; the output
	// neuron's are 30 and up.
	for k, g := range groups {
		for _, q := range g.params {
			want := float64(10 * (k + 1))
			if q.name != "b" {
				want += float64(q.name[1] - '0')
			}
			if p[q.index] != want {
				t.Errorf("%s %s draws %v, want %v", g.heading, q.name, p[q.index], want)
			}
		}
	}
}

func TestWriteWeightsErrors(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, h, _ := trainedNeuron(t, d)
	bare := &neuron.History{Points: append([]neuron.Point(nil), h.Points...)}
	for i := range bare.Points {
		bare.Points[i].Params = nil
	}
	for _, tc := range []struct {
		name string
		m    neuron.Model
		h    *neuron.History
		f    Format
	}{
		{"nil history", n, nil, PNG},
		{"no weights kept", n, bare, PNG},
		{"another model's history", neuron.NewNet(2, 2), h, PNG},
		{"nil model", nil, h, PNG},
		{"unknown format", n, h, 0},
	} {
		var b bytes.Buffer
		err := WriteWeights(&b, tc.f, tc.m, tc.h, Labels{})
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

// TestWriteWeightsDiverged draws weights that overflowed: the lines stop
// where the numbers do.
func TestWriteWeightsDiverged(t *testing.T) {
	n := neuron.New(2)
	h := &neuron.History{Points: []neuron.Point{
		{Iteration: 0, Params: []float64{0, 0, 0}},
		{Iteration: 1, Params: []float64{1e300, -1e300, 5}},
		{Iteration: 2, Params: []float64{math.MaxFloat64, -math.MaxFloat64, 5}},
		{Iteration: 3, Params: []float64{math.Inf(1), math.Inf(-1), math.NaN()}},
	}}
	for _, f := range []Format{SVG, PNG} {
		var b bytes.Buffer
		if err := WriteWeights(&b, f, n, h, Labels{}); err != nil {
			t.Fatalf("%v: %v", f, err)
		}
		if f == SVG {
			checkSVG(t, b.Bytes(), maxWeightsSVG)
		}
	}
}

// TestWriteWeightsGolden compares the weights picture of a short run,
// its weights rounded to hundredths, with a golden file.
func TestWriteWeightsGolden(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	rng := seeded()
	n := neuron.NewRandom(2, rng)
	h, res := train(t, n, d, rng, 2000)
	round := func(v float64) float64 { return math.Round(v*100) / 100 }
	for _, p := range h.Points {
		for i := range p.Params {
			p.Params[i] = round(p.Params[i])
		}
	}
	for i := range n.W {
		n.W[i] = round(n.W[i])
	}
	n.Bias = round(n.Bias)
	var b bytes.Buffer
	if err := WriteWeights(&b, SVG, n, h, Labels{"and: the first 2,000 iterations", subtitle(res)}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxWeightsSVG)
	golden(t, "and-weights.svg", b.Bytes())
}

func TestShort(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want string
	}{
		{7.372911, "7.37"},
		{-11.2481, "-11.2"},
		{1234.5, "1,230"},
		{0.000123456, "1.23e-4"},
		{0, "0"},
		{math.NaN(), "not a number"},
		{math.Inf(-1), "−∞"},
	} {
		if got := short(tc.v); got != tc.want {
			t.Errorf("short(%v) = %q, want %q", tc.v, got, tc.want)
		}
	}
}
