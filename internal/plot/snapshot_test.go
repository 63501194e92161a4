package plot

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
	"gonum.org/v1/plot/vg/draw"
)

// falling returns n made-up points, one every 10 iterations from 0, whose
// mean loss falls tenfold every 10 points, and an end point after them.
func falling(n int) ([]neuron.Point, neuron.Point) {
	pts := make([]neuron.Point, n)
	for i := range pts {
		pts[i] = neuron.Point{Iteration: 10 * i, Mean: math.Pow(10, -float64(i)/10)}
	}
	return pts, neuron.Point{Iteration: 10 * n, Mean: math.Pow(10, -float64(n)/10)}
}

func TestMomentsByLoss(t *testing.T) {
	pts, end := falling(100) // the loss falls from 1 to 1e-10
	got := moments(pts, end, 4)
	if len(got) != 4 {
		t.Fatalf("%d moments, want 4", len(got))
	}
	if got[0].Iteration != 0 {
		t.Errorf("first moment at iteration %d, want the start", got[0].Iteration)
	}
	// The k-th moment is the first point at which the loss had fallen
	// k quarters of the way, on a log scale: 1, 10^-2.5, 10^-5, 10^-7.5.
	for k, p := range got {
		level := -10 * float64(k) / 4
		if lg := math.Log10(p.Mean); lg > level+logTolerance {
			t.Errorf("moment %d at iteration %d: log loss %v, above the level %v", k, p.Iteration, lg, level)
		}
		if p.Iteration > 0 {
			if prev := math.Log10(pts[p.Iteration/10-1].Mean); prev < level-logTolerance {
				t.Errorf("moment %d at iteration %d: the point before had reached the level %v already", k, p.Iteration, level)
			}
		}
	}
}

// logTolerance is how far a loss computed as a power of ten may be from
// it, in decades.
const logTolerance = 1e-9

func TestMomentsByIteration(t *testing.T) {
	pts, end := falling(100)
	for i := range pts {
		pts[i].Mean = 0.1 // the loss never falls
	}
	end.Mean = 0.1
	got := moments(pts, end, 5)
	want := []int{0, 200, 400, 600, 800} // fifths of 1000 iterations
	if len(got) != len(want) {
		t.Fatalf("%d moments, want %d", len(got), len(want))
	}
	for k, p := range got {
		if p.Iteration != want[k] {
			t.Errorf("moment %d at iteration %d, want %d", k, p.Iteration, want[k])
		}
	}

	few, end := falling(3)
	if got := moments(few, end, 4); len(got) != 3 {
		t.Errorf("%d moments of 3 points, want all 3", len(got))
	}
}

func TestSnapshots(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, h, _ := trainedNeuron(t, d)
	snaps := snapshots(n, h, 4)
	if len(snaps) != 4 {
		t.Fatalf("%d snapshots, want 4", len(snaps))
	}
	last := h.Points[len(h.Points)-1]
	prev := -1
	for i, sn := range snaps {
		if sn.iteration <= prev || sn.iteration >= last.Iteration {
			t.Errorf("snapshot %d at iteration %d: want after %d and before the end, %d", i, sn.iteration, prev, last.Iteration)
		}
		prev = sn.iteration
		var at neuron.Point // the point the snapshot was taken from
		for _, p := range h.Points {
			if p.Iteration == sn.iteration {
				at = p
			}
		}
		got := neuron.Params(sn.m)
		for k := range got {
			if got[k] != at.Params[k] {
				t.Errorf("snapshot %d: parameter %d is %v, the history kept %v", i, k, got[k], at.Params[k])
			}
		}
		if sn.m == neuron.Model(n) {
			t.Errorf("snapshot %d is the model itself, not a copy", i)
		}
		if i > 0 && alpha(sn.style) <= alpha(snaps[i-1].style) {
			t.Errorf("snapshot %d is no stronger than the one before: opacity %v, then %v", i, alpha(snaps[i-1].style), alpha(sn.style))
		}
	}
	if a := alpha(snaps[len(snaps)-1].style); a >= alpha(boundaryStyle) {
		t.Errorf("the last earlier boundary has opacity %v, as strong as the end's", a)
	}

	// Without weights in the history there is nothing to draw.
	bare := &neuron.History{Points: append([]neuron.Point(nil), h.Points...)}
	for i := range bare.Points {
		bare.Points[i].Params = nil
	}
	for name, hist := range map[string]*neuron.History{"nil": nil, "no weights": bare} {
		if got := snapshots(n, hist, 4); len(got) != 0 {
			t.Errorf("%s history: %d snapshots, want none", name, len(got))
		}
	}
	if got := snapshots(neuron.NewNet(2, 2), h, 4); len(got) != 0 {
		t.Errorf("%d snapshots of a network from a neuron's history, want none", len(got))
	}
}

// alpha returns the opacity of a line style, from 0 to 1.
func alpha(s draw.LineStyle) float64 {
	_, _, _, a := s.Color.RGBA()
	return float64(a) / 0xffff
}

func TestWriteBoundarySnapshots(t *testing.T) {
	d := table(t, 0, 0, 0, 1)
	n, h, res := trainedNeuron(t, d)
	snaps := snapshots(n, h, defaultSnapshots)
	var b bytes.Buffer
	if err := WriteBoundary(&b, SVG, n, d, BoundaryOptions{History: h}); err != nil {
		t.Fatal(err)
	}
	checkSVG(t, b.Bytes(), maxBoundarySVG)
	svg := b.String()
	for _, want := range []string{">boundary at iteration:<", ">" + numLabel(float64(res.Iterations)) + ", the end<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG does not show %q", want)
		}
	}
	for _, sn := range snaps {
		if want := ">" + numLabel(float64(sn.iteration)); !strings.Contains(svg, want) {
			t.Errorf("SVG does not name the snapshot at iteration %d", sn.iteration)
		}
	}
	// Each earlier boundary is a line of its own opacity: in the picture
	// and in the legend.
	for _, sn := range snaps {
		op := fmt.Sprintf("stroke-opacity:%.5g;", alpha(sn.style)) // as gonum writes it
		if n := strings.Count(svg, op); n < 2 {
			t.Errorf("snapshot at iteration %d: %d lines of opacity %q, want its line and its legend entry", sn.iteration, n, op)
		}
	}

	// More moments, or none.
	for _, tc := range []struct{ snapshots, want int }{{6, 6}, {-1, 0}} {
		b.Reset()
		if err := WriteBoundary(&b, SVG, n, d, BoundaryOptions{History: h, Snapshots: tc.snapshots}); err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(b.String(), "stroke-opacity:"); got != 2*tc.want {
			t.Errorf("Snapshots %d: %d faint lines, want %d and their legend entries", tc.snapshots, got/2, tc.want)
		}
	}

	// In a PNG the earlier boundaries darken the data area, at the left
	// of the legend.
	picture := func(o BoundaryOptions) image.Image {
		var b bytes.Buffer
		if err := WriteBoundary(&b, PNG, n, d, o); err != nil {
			t.Fatal(err)
		}
		return decodePNG(t, b.Bytes())
	}
	if got := darkened(picture(BoundaryOptions{}), picture(BoundaryOptions{History: h}), 520); got < snapshotPixels {
		t.Errorf("the earlier boundaries darken %d pixels, want at least %d", got, snapshotPixels)
	}
}

// snapshotPixels is the fewest pixels that four earlier boundaries, two
// or three of them in view, darken: some 400 pixels long and 2 wide each.
const snapshotPixels = 1000

// darkened returns the number of pixels left of column right that are
// darker in b than in a, by at least a tenth of the way to black.
func darkened(a, b image.Image, right int) int {
	n := 0
	r := a.Bounds()
	lum := func(img image.Image, x, y int) int {
		r, g, b, _ := img.At(x, y).RGBA()
		return int(r+g+b) / 3
	}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < right; x++ {
			if lum(a, x, y)-lum(b, x, y) > 0xffff/10 {
				n++
			}
		}
	}
	return n
}
