package plot

import "gonum.org/v1/plot/plotter"

// A grid holds values z at the nodes of a regular grid: node (i, j), for
// i < nx and j < ny, is at (x0 + i·dx, y0 + j·dy) and holds z[j·nx+i].
// It implements plotter.GridXYZ.
type grid struct {
	nx, ny         int
	x0, y0, dx, dy float64
	z              []float64
}

// newGrid evaluates f at the nodes of an nx × ny grid spanning the
// rectangle from (x0, y0) to (x1, y1).
func newGrid(nx, ny int, x0, y0, x1, y1 float64, f func(x, y float64) float64) *grid {
	g := &grid{nx: nx, ny: ny, x0: x0, y0: y0,
		dx: (x1 - x0) / float64(nx-1), dy: (y1 - y0) / float64(ny-1), z: make([]float64, nx*ny)}
	for j := range ny {
		for i := range nx {
			g.z[j*nx+i] = f(x0+float64(i)*g.dx, y0+float64(j)*g.dy)
		}
	}
	return g
}

// Dims, Z, X and Y implement plotter.GridXYZ.
func (g *grid) Dims() (c, r int)   { return g.nx, g.ny }
func (g *grid) Z(c, r int) float64 { return g.z[r*g.nx+c] }
func (g *grid) X(c int) float64    { return g.x0 + float64(c)*g.dx }
func (g *grid) Y(r int) float64    { return g.y0 + float64(r)*g.dy }

// contour returns the lines along which g's values cross level, found by
// marching squares: in each grid cell whose corners lie on both sides of
// the level, a segment joins the points where the level crosses the
// cell's edges, found by linear interpolation along each edge. Segments
// that share an edge are joined into lines: open lines, which end at the
// grid's border, first, then closed loops, each in the order of the cells
// they start in, so the result does not depend on map order. Cells with
// a corner that is not a number are skipped.
func contour(g *grid, level float64) []plotter.XYs {
	// An edge is named by the node at its lower or left end, k = j·nx+i:
	// 2k for the edge to the right of that node, 2k+1 for the edge above.
	above := func(k int) bool { return g.z[k] >= level }
	cross := func(e int) plotter.XY { // where the level crosses edge e
		k := e / 2
		k2 := k + 1
		if e%2 == 1 {
			k2 = k + g.nx
		}
		t := (level - g.z[k]) / (g.z[k2] - g.z[k])
		i, j := float64(k%g.nx), float64(k/g.nx)
		if e%2 == 0 {
			return plotter.XY{X: g.x0 + (i+t)*g.dx, Y: g.y0 + j*g.dy}
		}
		return plotter.XY{X: g.x0 + i*g.dx, Y: g.y0 + (j+t)*g.dy}
	}

	var segs [][2]int         // each segment's two edges
	ends := map[int][]int{}   // the segments that end on each edge
	add := func(e1, e2 int) { // a segment from edge e1 to edge e2
		segs = append(segs, [2]int{e1, e2})
		ends[e1] = append(ends[e1], len(segs)-1)
		ends[e2] = append(ends[e2], len(segs)-1)
	}
	for j := range g.ny - 1 {
		for i := range g.nx - 1 {
			a := j*g.nx + i // corners a (lower left), b, c, d counterclockwise
			b, c, d := a+1, a+g.nx+1, a+g.nx
			za, zb, zc, zd := g.z[a], g.z[b], g.z[c], g.z[d]
			if za != za || zb != zb || zc != zc || zd != zd { // NaN
				continue
			}
			bottom, right, top, left := 2*a, 2*b+1, 2*d, 2*a+1
			var crossed []int
			for _, e := range [...][3]int{{a, b, bottom}, {b, c, right}, {d, c, top}, {a, d, left}} {
				if above(e[0]) != above(e[1]) {
					crossed = append(crossed, e[2])
				}
			}
			switch len(crossed) {
			case 2:
				add(crossed[0], crossed[1])
			case 4:
				// A saddle: a and c are on one side, b and d on the
				// other. The mean of the corners decides which pair the
				// middle of the cell joins; the segments cut off the
				// other pair's corners.
				if ((za+zb+zc+zd)/4 >= level) == above(a) {
					add(bottom, right) // around b
					add(top, left)     // around d
				} else {
					add(left, bottom) // around a
					add(right, top)   // around c
				}
			}
		}
	}

	used := make([]bool, len(segs))
	// walk follows segments from edge e, starting with segment s, until
	// it reaches an edge with no unused segment.
	walk := func(s, e int) plotter.XYs {
		line := plotter.XYs{cross(e)}
		for s >= 0 {
			used[s] = true
			if segs[s][0] == e {
				e = segs[s][1]
			} else {
				e = segs[s][0]
			}
			line = append(line, cross(e))
			next := -1
			for _, t := range ends[e] {
				if !used[t] {
					next = t
				}
			}
			s = next
		}
		return line
	}
	var lines []plotter.XYs
	for s, seg := range segs { // open lines start at an edge with one segment
		for _, e := range seg {
			if !used[s] && len(ends[e]) == 1 {
				lines = append(lines, walk(s, e))
			}
		}
	}
	for s, seg := range segs { // what is left are loops
		if !used[s] {
			lines = append(lines, walk(s, seg[0]))
		}
	}
	return lines
}
