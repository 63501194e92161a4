package plot

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/neuronlab/neuron/internal/stats"
)

// madeSweep returns a made-up sweep of 10 runs at each of the rates 0.1,
// 0.3, 1, 3 and 10: the iterations fall with the rate up to 1 (median
// 150), at 3 six runs fail (2 at the cap, 4 saturated) and the other four
// are quicker (median 90), and at 10 every run saturates. The fastest
// median of a rate where at most 10% failed is therefore 150, at rate 1.
func madeSweep() *stats.Sweep {
	spread := func(median int) []int { // 10 counts around median
		v := make([]int, 10)
		for i := range v {
			v[i] = median * (8 + i) / 12
		}
		return v
	}
	sw := &stats.Sweep{Runs: 10}
	for _, p := range []struct {
		rate   float64
		its    []int
		failed stats.Failures
	}{
		{0.1, spread(1500), stats.Failures{}},
		{0.3, spread(500), stats.Failures{}},
		{1, spread(150), stats.Failures{}},
		{3, []int{70, 80, 90, 100}, stats.Failures{Cap: 2, Saturated: 4}},
		{10, nil, stats.Failures{Saturated: 10}},
	} {
		s := madeRuns(p.its, p.failed)
		s.Setup.Rate = p.rate
		sw.Points = append(sw.Points, s)
	}
	return sw
}

func TestWriteSweepPNG(t *testing.T) {
	var b bytes.Buffer
	if err := WriteSweep(&b, PNG, madeSweep(), Labels{Title: "made up"}); err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, b.Bytes())
	for _, c := range []struct {
		what string
		c    color.RGBA
		min  int
	}{
		{"percentile band", rgba(statsPale), 2000},
		{"median line", rgba(statsBlue), 300},
		{"bars of saturated runs", rgba(failColors[1]), 1000},
		{"bars of runs at the cap", rgba(failColors[0]), 200},
	} {
		if n := count(img, c.c); n < c.min {
			t.Errorf("%d pixels of the %s's colour, want at least %d", n, c.what, c.min)
		}
	}
}

func TestWriteSweepSVG(t *testing.T) {
	var b bytes.Buffer
	sw := madeSweep()
	sw.Points[0].Runs[0].Attempts, sw.Points[2].Runs[5].Attempts = 2, 3
	if err := WriteSweep(&b, SVG, sw, Labels{Title: "and: a sweep", Subtitle: "made up"}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxStatsSVG)
	for _, want := range []string{">and: a sweep<", ">made up<", ">learning rate (log scale)<", ">iterations to the goal (log scale)<", ">failed<",
		">median<", ">10th to 90th percentile<", ">median where most runs failed<", ">fastest median (at most 10% failed):<",
		"150 iterations at rate 1<", ">failed: reached the cap<", ">failed: saturated<", "10 runs per rate,<", "seeds 1 to 10<",
		">0.1<", ">1<", ">10<", ">100%<", ">2 runs restarted: their count<"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("sweep SVG does not show %q", want)
		}
	}
	for _, absent := range []string{"stalled", "diverged"} {
		if strings.Contains(b.String(), ">failed: "+absent+"<") {
			t.Errorf("sweep SVG lists %q, which no run did", absent)
		}
	}
}

// TestWriteSweepEdges: a sweep where every run failed, one where none
// did, and a single rate all draw.
func TestWriteSweepEdges(t *testing.T) {
	allFailed := &stats.Sweep{Runs: 3}
	for _, r := range []float64{1, 2} {
		s := madeRuns(nil, stats.Failures{Cap: 3})
		s.Setup.Rate = r
		allFailed.Points = append(allFailed.Points, s)
	}
	noneFailed := madeSweep()
	noneFailed.Points = noneFailed.Points[:3]
	one := madeSweep()
	one.Points = one.Points[2:3]
	for name, c := range map[string]struct {
		sw   *stats.Sweep
		want string
	}{
		"all failed":  {allFailed, ">no run met the goal at any rate<"},
		"none failed": {noneFailed, ">no run failed at any rate<"},
		"one rate":    {one, "150 iterations at rate 1<"},
	} {
		var b bytes.Buffer
		if err := WriteSweep(&b, SVG, c.sw, Labels{}); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkSVG(t, b.Bytes(), maxStatsSVG)
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("%s: sweep SVG does not show %q", name, c.want)
		}
	}
}

func TestWriteSweepErrors(t *testing.T) {
	down := madeSweep()
	down.Points[1], down.Points[2] = down.Points[2], down.Points[1]
	for name, c := range map[string]struct {
		sw   *stats.Sweep
		f    Format
		want string
	}{
		"nil":        {nil, PNG, "no sweep"},
		"empty":      {&stats.Sweep{}, PNG, "no sweep"},
		"decreasing": {down, PNG, "increasing"},
		"format":     {madeSweep(), Format(0), "unknown format"},
	} {
		var b bytes.Buffer
		err := WriteSweep(&b, c.f, c.sw, Labels{})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one saying %q", name, err, c.want)
		}
		if b.Len() != 0 {
			t.Errorf("%s: %d bytes written with the error", name, b.Len())
		}
	}
}

// TestSweepPanelsAligned: the two panels' data areas span the same width,
// so that a rate is at the same place in both.
func TestSweepPanelsAligned(t *testing.T) {
	const tol = 0.01 // points
	sw := madeSweep()
	top, legend := sweepTop(sw)
	bottom := sweepFailures(sw, legend)
	c := draw.New(vgimg.New(width, height))
	upper, lower := c, c
	upper.Min.Y, lower.Max.Y = c.Max.Y/3, c.Max.Y/3
	upper, lower = alignX(top, bottom, upper, lower)
	du, dl := top.DataCanvas(upper), bottom.DataCanvas(lower)
	if math.Abs(float64(du.Min.X-dl.Min.X)) > tol || math.Abs(float64(du.Max.X-dl.Max.X)) > tol {
		t.Errorf("data areas span %v to %v above and %v to %v below", du.Min.X, du.Max.X, dl.Min.X, dl.Max.X)
	}
	if du.Max.X-du.Min.X < 100*vg.Points(1) {
		t.Errorf("data area is %v wide: too narrow", du.Max.X-du.Min.X)
	}
}
