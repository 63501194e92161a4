package boolfn

import (
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Solving D step by step
//
// lp.Simplex wants D as a matrix, one column per row of the data, copies
// it, and allocates at every step: for the small programs of a truth
// table that costs far more than the arithmetic. dualSimplex takes the
// same steps on D as lp.Simplex, reading D's columns from the rows. Both
// run the revised simplex method: the basic variables x_B, one per
// constraint, solve B·x_B = rhs for the basis's columns B, the others are
// 0, and at each step
//
//   - the column j with the most negative reduced cost c_j − πᵀa_j
//     enters (the first one on a tie), where Bᵀπ = c_B; if none is below
//     −simplexTol, x is optimal;
//   - d = −B⁻¹a_j is how x_B changes as x_j grows (entries below dZero
//     in size count as 0); if no entry is negative, D is unbounded;
//   - of the rows with d_i < 0, the first with the least ratio x_i/−d_i
//     leaves: its variable reaches 0 first.
//
// dualSimplex computes each step in its own way (fast), with no
// allocation, so its numbers differ from lp.Simplex's by rounding. Where
// a choice is so close that rounding could tip it, it does not guess: it
// takes that step as lp.Simplex does (exact), with the same gonum
// routines on the same matrices, which give the same numbers. Close means
// two reduced costs or ratios within closeTol of each other, or a number
// within closeTol of the threshold it is tested against, relative to the
// sizes of the terms it is summed from; also a basis whose condition
// number exceeds maxCond. Where lp.Simplex would turn to Bland's rule (a
// ratio of 0) or stop with an error, dualSimplex gives up and dual calls
// lp.Simplex. So both make the same choices and end at the same basis:
// dual finds the same tight rows and free weights, and the same weights
// bit for bit.

const (
	// closeTol is how close, relative to the sizes of their terms, two
	// numbers must be for rounding to be able to swap them: thousands of
	// times the rounding errors of these small, well-conditioned programs.
	closeTol = 1e-11
	// dZero is the size below which lp.Simplex takes an entry of d as 0.
	// Rounding moves an entry by up to about dNoise·cond·size, where cond
	// is B's condition number and size the largest sum of sizes of an
	// entry's terms; an entry within that (or dZero/2) of dZero is too
	// close to call. In the ill-conditioned bases of some data an entry
	// that should be 0 comes out as large as 1e-10, and lp.Simplex
	// pivots on it.
	dZero  = 1e-13
	dNoise = 4 * 0x1p-52
	// maxCond is the largest condition number of B that dualSimplex
	// works with; beyond it rounding errors may outgrow closeTol.
	maxCond = 1e4
)

// dualSimplex solves D (costs c, right-hand sides rhs) from the slacks,
// μ = 0, taking lp.Simplex's steps. It returns sure = false if it cannot
// be sure to end where lp.Simplex would; else the solution, or
// errUnbounded.
func (p *problem) dualSimplex(c, rhs []float64) (sol []float64, sure bool, err error) {
	s := newDualRun(p, c, rhs)
	var ex exactRun
	// fast pays only while it is mostly sure. In large, symmetric tables
	// near ties are common, and then it is better to go exact at once.
	hits, misses := 0, 0
	// len(c) bounds the steps; lp.Simplex allows many more.
	for range len(c) {
		var st step
		ok := false
		if misses <= hits+2 {
			if st, ok = s.fast(); ok {
				hits++
			} else {
				misses++
			}
		}
		if !ok {
			if st, ok = ex.step(p, c, rhs, s.basis, s.nonbasic, s.x); !ok {
				return nil, false, nil
			}
		}
		switch {
		case st.unbounded:
			return nil, true, errUnbounded
		case st.optimal:
			sol = make([]float64, len(c))
			for i, j := range s.basis {
				sol[j] = s.x[i]
			}
			return sol, true, nil
		}
		s.basis[st.leave], s.nonbasic[st.enter] = s.nonbasic[st.enter], s.basis[st.leave]
		ex.moved(p, s.nonbasic, st.enter)
	}
	return nil, false, nil
}

// A step is the choice made at one step of the simplex method.
type step struct {
	optimal, unbounded bool
	enter, leave       int // places in nonbasic and in basis
}

// A dualRun is where dualSimplex is in solving D, and fast's scratch.
type dualRun struct {
	p      *problem
	c, rhs []float64
	m, k   int // weights with the bias; rows of the data
	rows   int // D's constraints, 2m
	// basis[i] is the column of basic variable i; nonbasic lists the
	// others in lp.Simplex's order: the one that leaves takes the place
	// of the one that enters.
	basis, nonbasic []int

	b, inv           []float64 // B and B⁻¹, by rows
	x, xSize         []float64 // x_B, and the sizes of its terms
	pi, piSize       []float64 // π
	sigma, sigmaSize []float64 // π_j − π_{m+j}: μ_r's reduced cost is c_r − y_r·σ·x̃_r
	red, redSize     []float64 // the reduced costs, by place in nonbasic
	col, d, dSize    []float64 // a column, and d = −B⁻¹·col
}

// newDualRun starts from the slacks. It returns a dualRun, not a
// pointer, so that the dualRun can live on the stack.
func newDualRun(p *problem, c, rhs []float64) dualRun {
	m, k := p.n+1, p.len()
	rows := 2 * m
	s := dualRun{p: p, c: c, rhs: rhs, m: m, k: k, rows: rows}
	idx := make([]int, rows+k)
	s.basis, s.nonbasic = idx[:rows], idx[rows:]
	for i := range s.basis {
		s.basis[i] = k + i
	}
	for j := range s.nonbasic {
		s.nonbasic[j] = j
	}
	f := make([]float64, 2*rows*rows+7*rows+2*m+2*k)
	take := func(n int) []float64 { s := f[:n:n]; f = f[n:]; return s }
	s.b, s.inv = take(rows*rows), take(rows*rows)
	s.x, s.xSize, s.pi, s.piSize = take(rows), take(rows), take(rows), take(rows)
	s.sigma, s.sigmaSize, s.red, s.redSize = take(m), take(m), take(k), take(k)
	s.col, s.d, s.dSize = take(rows), take(rows), take(rows)
	return s
}

// fast computes one step in its own way, and reports false if rounding
// could have tipped a choice.
func (s *dualRun) fast() (step, bool) {
	p, rows, m, k := s.p, s.rows, s.m, s.k
	for i, j := range s.basis {
		p.dualColumn(j, s.col)
		for l, v := range s.col {
			s.b[l*rows+i] = v
		}
	}
	cond, ok := invert(s.b, s.inv, rows)
	if !ok || cond > maxCond {
		return step{}, false
	}
	for i := range rows {
		s.x[i], s.xSize[i] = dot(s.inv[i*rows:(i+1)*rows], s.rhs)
	}
	for l := range rows {
		s.pi[l], s.piSize[l] = 0, 0
		for i, j := range s.basis {
			t := s.c[j] * s.inv[i*rows+l]
			s.pi[l] += t
			s.piSize[l] += math.Abs(t)
		}
	}
	for j := range m {
		s.sigma[j] = s.pi[j] - s.pi[m+j]
		s.sigmaSize[j] = s.piSize[j] + s.piSize[m+j]
	}

	// Pricing: the most negative reduced cost enters.
	red, redSize := s.red, s.redSize
	enter := 0
	for at, j := range s.nonbasic {
		if j < k { // μ_j
			t, size := s.sigma[m-1], s.sigmaSize[m-1] // the bias: x̃ = 1
			for i, v := range p.x(j) {
				t += s.sigma[i] * v
				size += s.sigmaSize[i] * math.Abs(v)
			}
			red[at], redSize[at] = s.c[j]-p.y(j)*t, math.Abs(s.c[j])+size
		} else { // a slack, cost 0
			red[at], redSize[at] = -s.pi[j-k], s.piSize[j-k]
		}
		if red[at] < red[enter] {
			enter = at
		}
	}
	if red[enter] >= -simplexTol { // optimal, if surely so
		for at := range s.nonbasic {
			if red[at]-closeTol*redSize[at] < -simplexTol {
				return step{}, false
			}
		}
		for i := range rows { // dual tells tight rows and free weights by zeroTol
			if math.Abs(s.x[i]-zeroTol) <= closeTol*s.xSize[i] {
				return step{}, false
			}
		}
		return step{optimal: true}, true
	}
	lo := red[enter] + closeTol*redSize[enter]
	if lo >= -simplexTol {
		return step{}, false
	}
	for at := range s.nonbasic {
		if at != enter && red[at]-closeTol*redSize[at] <= lo {
			return step{}, false
		}
	}

	// The ratio test: the first basic variable to reach 0 leaves.
	p.dualColumn(s.nonbasic[enter], s.col)
	x, d := s.x, s.d
	noise := 0.0 // how far rounding may take an entry of d from its value
	for i := range rows {
		v, size := dot(s.inv[i*rows:(i+1)*rows], s.col)
		d[i], s.dSize[i] = -v, size
		noise = max(noise, dNoise*cond*size)
	}
	noise = max(noise, dZero/2)
	leave := -1
	for i, v := range d {
		if a := math.Abs(v); a < dZero-noise {
			d[i] = 0
		} else if a <= dZero+noise {
			return step{}, false
		}
		if d[i] < 0 && (leave < 0 || x[i]/-d[i] < x[leave]/-d[leave]) {
			leave = i
		}
	}
	if leave < 0 {
		return step{unbounded: true}, true
	}
	// ratio i is x_i/−d_i; the sizes of its terms, to first order.
	ratio := func(i int) (r, size float64) {
		r = x[i] / -d[i]
		return r, (s.xSize[i] + r*s.dSize[i]) / -d[i]
	}
	r, rSize := ratio(leave)
	for i := range rows {
		if d[i] >= 0 {
			continue
		}
		if x[i] <= closeTol*s.xSize[i] { // a ratio of 0: lp.Simplex may turn to Bland's rule
			return step{}, false
		}
		if ri, riSize := ratio(i); i != leave && ri-r <= closeTol*(rSize+riSize) {
			return step{}, false
		}
	}
	return step{enter: enter, leave: leave}, true
}

// An exactRun takes steps as lp.Simplex does. It keeps lp.Simplex's copy
// of the nonbasic columns, once made, up to date.
type exactRun struct {
	an  *mat.Dense
	col []float64
}

// step computes one step as lp.Simplex does, with the same gonum
// routines on the same matrices, so it gets the same numbers and makes
// the same choice; it sets x to lp.Simplex's x_B. It reports false if
// lp.Simplex would stop with an error or turn to Bland's rule.
func (ex *exactRun) step(p *problem, c, rhs []float64, basis, nonbasic []int, x []float64) (step, bool) {
	rows, n := len(basis), len(nonbasic)
	col := make([]float64, rows)
	ab := mat.NewDense(rows, rows, nil)
	cb := make([]float64, rows)
	for i, j := range basis {
		p.dualColumn(j, col)
		ab.SetCol(i, col)
		cb[i] = c[j]
	}
	// lp.Simplex computed x_B when this basis was new: B·x_B = rhs.
	var xb, pi mat.VecDense
	if xb.SolveVec(ab, mat.NewVecDense(rows, rhs)) != nil ||
		pi.SolveVec(ab.T(), mat.NewVecDense(rows, cb)) != nil {
		return step{}, false
	}
	copy(x, xb.RawVector().Data)
	if ex.an == nil {
		ex.an = mat.NewDense(rows, n, nil)
		for at := range nonbasic {
			ex.moved(p, nonbasic, at)
		}
	}
	cn := make([]float64, n)
	for at, j := range nonbasic {
		cn[at] = c[j]
	}
	anpi := mat.NewVecDense(n, nil)
	anpi.MulVec(ex.an.T(), &pi)
	red := floats.SubTo(make([]float64, n), cn, anpi.RawVector().Data)
	enter := floats.MinIdx(red)
	if red[enter] >= -simplexTol {
		return step{optimal: true}, true
	}
	p.dualColumn(nonbasic[enter], col)
	var dv mat.VecDense
	if dv.SolveVec(ab, mat.NewVecDense(rows, col)) != nil {
		return step{}, false
	}
	d := dv.RawVector().Data
	floats.Scale(-1, d)
	for i, v := range d {
		if math.Abs(v) < dZero {
			d[i] = 0
		}
	}
	if floats.Min(d) >= 0 {
		return step{unbounded: true}, true
	}
	ratio := make([]float64, rows)
	for i, v := range d {
		ratio[i] = math.Inf(1)
		if v < 0 {
			ratio[i] = x[i] / math.Abs(v)
		}
	}
	leave := floats.MinIdx(ratio)
	if ratio[leave] <= 0 {
		return step{}, false
	}
	return step{enter: enter, leave: leave}, true
}

// moved copies the column now at place at in nonbasic into ex's copy of
// the nonbasic columns, if ex has made one.
func (ex *exactRun) moved(p *problem, nonbasic []int, at int) {
	if ex.an == nil {
		return
	}
	rows, _ := ex.an.Dims()
	if len(ex.col) != rows {
		ex.col = make([]float64, rows)
	}
	p.dualColumn(nonbasic[at], ex.col)
	ex.an.SetCol(at, ex.col)
}

// dualColumn sets col to column j of D's matrix: for μ_j, y_j·x̃_j above
// −y_j·x̃_j; for slack i = j − len, the unit vector e_i.
func (p *problem) dualColumn(j int, col []float64) {
	k, m := p.len(), p.n+1
	if j >= k {
		clear(col)
		col[j-k] = 1
		return
	}
	for i := range m {
		v := p.y(j) * p.xt(j, i)
		col[i], col[m+i] = v, -v
	}
}

// dot returns a·b and the sum of the sizes of its terms, |a_i·b_i|.
func dot(a, b []float64) (s, size float64) {
	for i, v := range a {
		t := v * b[i]
		s += t
		size += math.Abs(t)
	}
	return s, size
}

// invert sets inv to the inverse of the n×n matrix a (by rows; a is
// overwritten), by Gauss–Jordan elimination with partial pivoting, and
// returns a's condition number ‖a‖·‖a⁻¹‖ (largest row sums). It reports
// false if a is singular.
func invert(a, inv []float64, n int) (cond float64, ok bool) {
	norm := rowSumNorm(a, n)
	clear(inv)
	for i := range n {
		inv[i*n+i] = 1
	}
	row := func(m []float64, i int) []float64 { return m[i*n : (i+1)*n] }
	for c := range n {
		piv := c // the largest entry in column c, on or below the diagonal
		for r := c + 1; r < n; r++ {
			if math.Abs(a[r*n+c]) > math.Abs(a[piv*n+c]) {
				piv = r
			}
		}
		if a[piv*n+c] == 0 {
			return 0, false
		}
		for j := range n {
			a[c*n+j], a[piv*n+j] = a[piv*n+j], a[c*n+j]
			inv[c*n+j], inv[piv*n+j] = inv[piv*n+j], inv[c*n+j]
		}
		f := 1 / a[c*n+c]
		for j := range n {
			a[c*n+j] *= f
			inv[c*n+j] *= f
		}
		for r := range n {
			if g := a[r*n+c]; r != c && g != 0 {
				ar, ac, ir, ic := row(a, r), row(a, c), row(inv, r), row(inv, c)
				for j := range n {
					ar[j] -= g * ac[j]
					ir[j] -= g * ic[j]
				}
			}
		}
	}
	return norm * rowSumNorm(inv, n), true
}

// rowSumNorm returns the largest sum of sizes of a row of the n×n matrix
// a: its ∞-norm.
func rowSumNorm(a []float64, n int) float64 {
	norm := 0.0
	for i := range n {
		s := 0.0
		for _, v := range a[i*n : (i+1)*n] {
			s += math.Abs(v)
		}
		norm = max(norm, s)
	}
	return norm
}
