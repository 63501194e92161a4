package web

import "math"

// clip returns the part of the line a·x + b·y + c = 0 inside the picture's
// square, as x1, y1, x2, y2, or nothing if it misses the square (or a and
// b are both 0: the neuron's output is the same everywhere).
func clip(a, b, c float64) []float64 {
	var pts [][2]float64
	add := func(x, y float64) {
		const slack = 1e-9 // a corner is on two sides; keep it once
		if x < areaLo-slack || x > areaHi+slack || y < areaLo-slack || y > areaHi+slack {
			return
		}
		for _, p := range pts {
			if math.Abs(p[0]-x) < slack && math.Abs(p[1]-y) < slack {
				return
			}
		}
		pts = append(pts, [2]float64{x, y})
	}
	for _, edge := range []float64{areaLo, areaHi} {
		if b != 0 { // where the line crosses the left and right sides
			add(edge, -(a*edge+c)/b)
		}
		if a != 0 { // the bottom and top
			add(-(b*edge+c)/a, edge)
		}
	}
	if len(pts) < 2 {
		return nil
	}
	// A line meets a convex square in at most two points, or runs along
	// a side; keep the two farthest apart.
	p, q := pts[0], pts[1]
	for i := range pts {
		for j := i + 1; j < len(pts); j++ {
			if dist(pts[i], pts[j]) > dist(p, q) {
				p, q = pts[i], pts[j]
			}
		}
	}
	return []float64{p[0], p[1], q[0], q[1]}
}

func dist(p, q [2]float64) float64 { return math.Hypot(p[0]-q[0], p[1]-q[1]) }

// contour returns the segments, x1, y1, x2, y2 each, along which the
// values z of an n×n grid over the square from (lo, lo) to (hi, hi) cross
// 0, by marching squares: in each cell whose corners are not all on one
// side, a segment joins the points where 0 is crossed on the cell's
// edges, each found by linear interpolation along its edge. Node (i, j)
// is at (lo + i·step, lo + j·step) and holds z[j·n+i]. Cells with a
// corner that is not a number are skipped.
func contour(z []float64, n int, lo, hi float64) []float64 {
	step := (hi - lo) / float64(n-1)
	var segs []float64
	for j := range n - 1 {
		for i := range n - 1 {
			// The corners counterclockwise from the lower left; edge e
			// joins corner e to corner e+1: bottom, right, top, left.
			c := [4][2]int{{i, j}, {i + 1, j}, {i + 1, j + 1}, {i, j + 1}}
			var v [4]float64
			skip := false
			for k, p := range c {
				v[k] = z[p[1]*n+p[0]]
				skip = skip || math.IsNaN(v[k])
			}
			if skip {
				continue
			}
			var cut []float64 // x, y where each crossed edge is crossed
			for e := range 4 {
				a, b := v[e], v[(e+1)%4]
				if (a >= 0) == (b >= 0) {
					continue
				}
				t := a / (a - b) // 0 at corner e, 1 at corner e+1
				p, q := c[e], c[(e+1)%4]
				cut = append(cut, lo+(float64(p[0])+t*float64(q[0]-p[0]))*step, lo+(float64(p[1])+t*float64(q[1]-p[1]))*step)
			}
			switch len(cut) {
			case 4:
				segs = append(segs, cut...)
			case 8:
				// A saddle: corners 0 and 2 are on one side, 1 and 3 on
				// the other. The mean of the corners decides which pair
				// the middle of the cell joins; the segments cut off the
				// other pair.
				if (v[0]+v[1]+v[2]+v[3] >= 0) == (v[0] >= 0) {
					segs = append(segs, cut...) // around corners 1 and 3
				} else {
					segs = append(segs, cut[6], cut[7], cut[0], cut[1], cut[2], cut[3], cut[4], cut[5]) // around 0 and 2
				}
			}
		}
	}
	return segs
}
