package plot

import (
	"image/color"
	"math"

	"github.com/neuronlab/neuron"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// defaultSnapshots is the number of earlier moments WriteBoundary shows
// when BoundaryOptions.Snapshots is zero: with the end, five lines.
const defaultSnapshots = 4

// A snapshot is the model as it was at one moment of its training run,
// as a History recorded it.
type snapshot struct {
	iteration int
	m         neuron.Model
	style     draw.LineStyle
	// lines are its boundary in the slice, or for a model of one input
	// its output curve; none if its boundary lies outside the picture.
	lines []plotter.XYs
}

// snapshots returns the model m at up to n moments of the run that h
// recorded, before its end, faint to strong: the models whose weights
// the points kept (neuron.Point.Params), spread over the run by moments.
func snapshots(m neuron.Model, h *neuron.History, n int) []snapshot {
	if h == nil || n <= 0 || len(h.Points) < 2 {
		return nil
	}
	want := len(neuron.Params(m))
	var kept []neuron.Point // the points with m's weights, before the end
	last := h.Points[len(h.Points)-1]
	for _, p := range h.Points[:len(h.Points)-1] {
		if len(p.Params) == want && p.Iteration < last.Iteration {
			kept = append(kept, p)
		}
	}
	var out []snapshot
	for _, p := range moments(kept, last, n) {
		c := neuron.Clone(m)
		if neuron.SetParams(c, p.Params) != nil {
			continue // the weights had overflowed: nothing to draw
		}
		out = append(out, snapshot{iteration: p.Iteration, m: c})
	}
	for i := range out {
		out[i].style = snapshotStyle(i, len(out))
	}
	return out
}

// moments returns up to n of pts, the points before the run's last point
// end, spread over the learning: the first point, then each point where
// the mean loss first fell another n-th of the way from its start to its
// end. The way is measured on a log scale, as the loss curve shows it, so
// that the moments fall where the boundary moves, early in a long run
// that then only sharpens it. If the loss did not halve, the moments are
// spread evenly over the iterations instead.
func moments(pts []neuron.Point, end neuron.Point, n int) []neuron.Point {
	if len(pts) <= n {
		return pts
	}
	from, to := math.Log10(pts[0].Mean), math.Log10(end.Mean)
	byLoss := from-to > math.Log10(2) && !math.IsInf(from, 0) && !math.IsInf(to, 0) // NaN compares false
	var out []neuron.Point
	next := 0 // the first point not yet considered
	for k := range n {
		f := float64(k) / float64(n)
		for next < len(pts) {
			p := pts[next]
			next++
			var reached bool
			if byLoss {
				reached = math.Log10(p.Mean) <= from+f*(to-from)
			} else {
				reached = float64(p.Iteration) >= float64(pts[0].Iteration)+f*float64(end.Iteration-pts[0].Iteration)
			}
			if reached {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// snapshotStyle returns the look of snapshot i of n: a thin black line,
// faint for the first and stronger for each later one, all of them
// fainter than the boundary at the end.
func snapshotStyle(i, n int) draw.LineStyle {
	const first, last = 0.3, 0.7 // opacities
	a := last
	if n > 1 {
		a = first + (last-first)*float64(i)/float64(n-1)
	}
	return draw.LineStyle{Color: color.NRGBA{A: uint8(math.Round(a * 255))}, Width: vg.Points(1.5)}
}
