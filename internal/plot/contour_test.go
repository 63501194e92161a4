package plot

import (
	"math"
	"testing"
)

func TestContourLine(t *testing.T) {
	// z = x crosses 0.3 along the vertical line x = 0.3, bottom to top.
	g := newGrid(11, 7, 0, 0, 1, 1, func(x, y float64) float64 { return x })
	lines := contour(g, 0.3)
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	l := lines[0]
	if len(l) != 7 {
		t.Errorf("line has %d points, want one per grid row, 7", len(l))
	}
	for _, p := range l {
		if math.Abs(p.X-0.3) > 1e-12 {
			t.Errorf("point %v is not on x = 0.3", p)
		}
	}
	if ends := []float64{l[0].Y, l[len(l)-1].Y}; math.Min(ends[0], ends[1]) != 0 || math.Max(ends[0], ends[1]) != 1 {
		t.Errorf("line runs from y = %v to %v, want 0 to 1", ends[0], ends[1])
	}
}

func TestContourLoop(t *testing.T) {
	// z = x² + y² crosses 0.25 along the circle of radius 0.5: one loop.
	g := newGrid(61, 61, -1, -1, 1, 1, func(x, y float64) float64 { return x*x + y*y })
	lines := contour(g, 0.25)
	if len(lines) != 1 {
		t.Fatalf("%d lines, want 1", len(lines))
	}
	l := lines[0]
	if l[0] != l[len(l)-1] {
		t.Errorf("loop does not close: starts at %v, ends at %v", l[0], l[len(l)-1])
	}
	for _, p := range l {
		// Linear interpolation on a grid of spacing 1/30 is off by less
		// than a small fraction of a cell.
		if r := math.Hypot(p.X, p.Y); math.Abs(r-0.5) > 0.005 {
			t.Errorf("point %v is at radius %v, want 0.5", p, r)
		}
	}
}

func TestContourSaddleAndNaN(t *testing.T) {
	// z = x·y crosses 0 along both axes; the grid's middle node is a
	// saddle. Lines must not cross: each piece stays in a half-plane.
	g := newGrid(5, 5, -1, -1, 1, 1, func(x, y float64) float64 { return x * y })
	g.z[0] = math.NaN() // a corner cell is skipped, not a crash
	for _, l := range contour(g, 0.01) {
		for _, p := range l {
			if math.Abs(p.X*p.Y) > 0.2 {
				t.Errorf("point %v is far from the level", p)
			}
		}
	}
	if n := len(contour(g, 0.01)); n != 2 {
		t.Errorf("%d lines at level 0.01 of x·y, want 2, one in each of two quadrants", n)
	}
}
