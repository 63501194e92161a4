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
// in full (90,000,000, not 9e+07 or 90M), that a loss of 1e-10 is
// labelled so (not 1e-010), and that the rows are named by number when the history
// has no data set.
func TestWriteLossLongRun(t *testing.T) {
	var b bytes.Buffer
	if err := WriteLoss(&b, SVG, longHistory(), Labels{}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">row 8<", ">rows:<", ">90,000,000<", ">1e-10<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("loss SVG does not show %q", want)
		}
	}
}

// goalPixels is the fewest pixels of the goal's grey a goal line across
// the loss plot makes: its dashes cover about two thirds of a data area
// some 400 pixels wide.
const goalPixels = 200

func TestWriteLossGoal(t *testing.T) {
	_, h, res := trainedNeuron(t, table(t, 0, 1, 1, 1))
	l := Labels{Title: "or", Subtitle: subtitle(res)}

	var svg bytes.Buffer
	if err := WriteLossWith(&svg, SVG, h, LossOptions{Labels: l, Goal: 1e-3, Stop: neuron.StopMax}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, svg.Bytes(), maxLossSVG)
	for _, want := range []string{">goal 0.001<", ">goal: largest row loss ≤ 0.001<"} {
		if !strings.Contains(svg.String(), want) {
			t.Errorf("loss SVG with a goal does not show %q", want)
		}
	}

	// The goal line adds pixels of its grey to the picture.
	grey := rgba(goalStyle.Color)
	pixels := func(o LossOptions) int {
		var b bytes.Buffer
		if err := WriteLossWith(&b, PNG, h, o); err != nil {
			t.Fatal(err)
		}
		return count(decodePNG(t, b.Bytes()), grey)
	}
	without, with := pixels(LossOptions{Labels: l}), pixels(LossOptions{Labels: l, Goal: 1e-3, Stop: neuron.StopMax})
	if with-without < goalPixels {
		t.Errorf("%d pixels of the goal's grey with the goal, %d without: want a line of at least %d more", with, without, goalPixels)
	}
}

// TestWriteLossGoalAxis checks that the loss axis reaches down to a goal
// below every loss drawn, and that each stop rule names what it measures.
func TestWriteLossGoalAxis(t *testing.T) {
	h := &neuron.History{Points: []neuron.Point{{Iteration: 0, Mean: 0.1, Max: 0.2}, {Iteration: 100, Mean: 0.01, Max: 0.02}}}
	for _, tc := range []struct {
		stop neuron.Stop
		goal float64
		says string
	}{
		{neuron.StopRow, 1e-10, ">goal: loss of the row just drawn ≤ 1e-10<"},
		{neuron.StopMean, 1e-4, ">goal: mean loss ≤ 1e-4<"},
		{neuron.StopMax, 0.5, ">goal: largest row loss ≤ 0.5<"},
	} {
		var b bytes.Buffer
		if err := WriteLossWith(&b, SVG, h, LossOptions{Goal: tc.goal, Stop: tc.stop}); err != nil {
			t.Fatal(err)
		}
		checkSVG(t, b.Bytes(), maxLossSVG)
		for _, want := range []string{tc.says, ">goal " + numLabel(tc.goal) + "<"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("stop rule %v, goal %v: SVG does not show %q", tc.stop, tc.goal, want)
			}
		}
	}
	var b bytes.Buffer
	if err := WriteLossWith(&b, SVG, h, LossOptions{Goal: 1e-10}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">1e-10<") {
		t.Error("loss axis does not reach down to the goal 1e-10")
	}
}

func TestWriteLossBadGoal(t *testing.T) {
	h := longHistory()
	for _, g := range []float64{-1e-3, math.NaN(), math.Inf(1)} {
		var b bytes.Buffer
		err := WriteLossWith(&b, PNG, h, LossOptions{Goal: g})
		if err == nil {
			t.Errorf("goal %v: no error", g)
			continue
		}
		if msg := err.Error(); !strings.HasPrefix(msg, "plot: goal ") || strings.Contains(msg, "\n") {
			t.Errorf("goal %v: error %q is not one line naming the goal", g, msg)
		}
		if b.Len() != 0 {
			t.Errorf("goal %v: %d bytes written with the error", g, b.Len())
		}
	}
}

// TestWriteLossCrossEntropy checks that the loss axis names the loss the
// history measured.
func TestWriteLossCrossEntropy(t *testing.T) {
	h := longHistory()
	h.Loss = neuron.CrossEntropy
	var b bytes.Buffer
	if err := WriteLoss(&b, SVG, h, Labels{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), ">loss −t·ln o − (1−t)·ln(1−o)<") || strings.Contains(b.String(), "½(o−t)²") {
		t.Error("the loss axis of a cross-entropy history is not labelled with its formula")
	}
}

// TestWriteLossGolden compares the loss picture of a made-up history and
// its goal with a golden file. The losses are quotients, which every CPU
// rounds alike.
func TestWriteLossGolden(t *testing.T) {
	h := &neuron.History{Data: table(t, 0, 0, 0, 1)}
	for i := range 101 {
		p := neuron.Point{Iteration: 100 * i, Rows: make([]float64, 4)}
		for r := range p.Rows {
			p.Rows[r] = 0.125 / float64(1+i*(r+1))
			p.Max = max(p.Max, p.Rows[r])
			p.Mean += p.Rows[r] / 4
		}
		h.Points = append(h.Points, p)
	}
	var b bytes.Buffer
	err := WriteLossWith(&b, SVG, h, LossOptions{Labels: Labels{"a made-up run", "10,000 iterations, goal 0.001"}, Goal: 1e-3, Stop: neuron.StopMax})
	if err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxLossSVG)
	golden(t, "loss-goal.svg", b.Bytes())
}
