package plot

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// maxLossSVG is the most bytes a loss curve SVG of a thousand points with
// four rows may take.
const maxLossSVG = 200_000

func TestWriteLossPNG(t *testing.T) {
	_, h, _ := trainedNeuron(t, table(t, 0, 1, 1, 1))
	var b bytes.Buffer
	if err := WriteLoss(&b, PNG, h, Labels{Title: "or", Subtitle: "seed 1"}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	for _, c := range rowColors[:4] { // each row's line is drawn
		if n := count(img, rgba(c)); n < 20 {
			t.Errorf("%d pixels of row colour %v, want a line of them", n, c)
		}
	}
}

func TestWriteLossSVG(t *testing.T) {
	_, h, res := trainedNeuron(t, table(t, 0, 1, 1, 1))
	var b bytes.Buffer
	if err := WriteLoss(&b, SVG, h, Labels{Title: "or: one neuron learns a | b", Subtitle: subtitle(res)}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxLossSVG)
	for _, want := range []string{"or: one neuron learns a | b", subtitle(res), ">iteration<", ">loss ½(o−t)²<",
		">mean loss<", ">largest row loss<", ">00 → 0<", ">01 → 1<", ">10 → 1<", ">11 → 1<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("loss SVG does not show %q", want)
		}
	}
}

func TestWriteLossDeterministic(t *testing.T) {
	var b1, b2 bytes.Buffer
	for _, b := range []*bytes.Buffer{&b1, &b2} {
		_, h, _ := trainedNeuron(t, table(t, 0, 1, 1, 1))
		if err := WriteLoss(b, PNG, h, Labels{}); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(b1.Bytes(), b2.Bytes()) {
		t.Error("two loss PNGs of the same run differ")
	}
}

func TestWriteLossErrors(t *testing.T) {
	for name, h := range map[string]*neuron.History{
		"nil":       nil,
		"no points": {Data: table(t, 0, 1, 1, 1)},
	} {
		var b bytes.Buffer
		err := WriteLoss(&b, PNG, h, Labels{})
		if err == nil {
			t.Errorf("%s history: no error", name)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "plot: ") || strings.Contains(msg, "\n") {
			t.Errorf("%s history: error %q is not one line starting plot: ", name, msg)
		}
		if b.Len() != 0 {
			t.Errorf("%s history: %d bytes written with the error", name, b.Len())
		}
	}
}

// TestWriteLossOddValues draws histories that a log axis finds hard: a
// loss of exactly 0, a loss that is not a number, a single point, and
// points whose rows are missing.
func TestWriteLossOddValues(t *testing.T) {
	for name, pts := range map[string][]neuron.Point{
		"zero":   {{Iteration: 0, Mean: 0.1, Max: 0.2}, {Iteration: 10, Mean: 0, Max: 0}},
		"all 0":  {{Iteration: 0}, {Iteration: 5}},
		"NaN":    {{Iteration: 0, Mean: 0.1, Max: 0.2}, {Iteration: 1, Mean: math.NaN(), Max: math.NaN()}, {Iteration: 2, Mean: 0.1, Max: 0.1}},
		"one":    {{Iteration: 7, Mean: 0.125, Max: 0.25, Rows: []float64{0.25, 0}}},
		"ragged": {{Iteration: 0, Mean: 0.1, Max: 0.2, Rows: []float64{0.2, 0}}, {Iteration: 9, Mean: 0.1, Max: 0.1}},
		"tiny":   {{Iteration: 0, Mean: 1e-310, Max: 5e-324}, {Iteration: 1, Mean: 0.5, Max: 0.5}},
	} {
		for _, f := range []Format{SVG, PNG} {
			var b bytes.Buffer
			if err := WriteLoss(&b, f, &neuron.History{Points: pts}, Labels{}); err != nil {
				t.Errorf("%s %v: %v", name, f, err)
				continue
			}
			if f == SVG {
				checkSVG(t, b.Bytes(), maxLossSVG)
			} else {
				decodePNG(t, b.Bytes())
			}
		}
	}
}

// TestWriteLossLongRun checks that a run of 1e8 iterations is labelled
// in millions, and that the rows are named by number when the history
// has no data set.
func TestWriteLossLongRun(t *testing.T) {
	var b bytes.Buffer
	if err := WriteLoss(&b, SVG, longHistory(), Labels{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">row 8<", ">rows:<", ">90M<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("loss SVG does not show %q", want)
		}
	}
}
