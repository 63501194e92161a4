package boolfn

import (
	"errors"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Finding the weights
//
// The weights of least size, v = (w, b) minimizing |w₁| + ... + |wₙ| + |b|
// with y_r(w·x_r + b) ≥ 1 for every row, solve a linear program (P) with
// one constraint per row: 65,536 for a table of 16 inputs, the shape
// lp.Simplex handles worst. Its dual (D) has one constraint per weight
// instead, and one unknown μ_r ≥ 0 per row:
//
//	maximize Σ μ_r  subject to  −1 ≤ Σ μ_r y_r x̃_rj ≤ 1 for each j,
//
// where x̃_r = (x_r, 1) carries the bias. D has 2(n+1) constraints, and
// μ = 0 satisfies them, so Simplex can start there at once. At the optimum
// of both, a row with μ_r > 0 is tight in P, y_r(v·x̃_r) = 1, and a
// weight whose two constraints in D are both slack is 0 (complementary
// slackness). Those equations give v; weights solves them and then checks
// v on every row. D is solved by dualSimplex (dual.go), which takes the
// steps lp.Simplex would take, and so finds the same solution, without
// lp.Simplex's cost; where it cannot be sure of that, by lp.Simplex.

const (
	// jitterSize perturbs both programs: the margin asked of row r becomes
	// 1 + δ_r and the cost of weight j 1 + ε_j, with δ_r, ε_j ≤ jitterSize
	// all different. Boolean tables are symmetric, so many rows are often
	// tight at once and many weights equally good (the programs are
	// degenerate); then lp.Simplex may cycle, and the equations above may
	// not pin v down. Distinct numbers break the ties. The weights found
	// are then rounded (see readable).
	jitterSize = 1e-6
	// maxRoundDenominator is the largest denominator readable tries.
	maxRoundDenominator = 64
	// tries is how many perturbations weights tries before it falls back
	// on the perceptron rule.
	tries = 3
	// fallbackCorrections bounds the perceptron rule when the linear
	// program's weights fail: far more than any function of up to 4
	// inputs needs (161), and still a fraction of a second.
	fallbackCorrections = 1 << 20
)

// errUnbounded reports that a linear program's objective has no bound.
var errUnbounded = errors.New("unbounded")

// weights finds weights that put every row on its side and returns them
// checked, or errUnbounded if D is unbounded: then no weights separate
// the rows.
func (p *problem) weights() (*Separation, error) {
	var err error
	for seed := range uint32(tries) {
		var w []float64
		var b float64
		w, b, err = p.dual(seed)
		if err != nil {
			if errors.Is(err, errUnbounded) {
				return nil, err
			}
			continue
		}
		if w, b, ok := p.readable(w, b); ok {
			return &Separation{Separable: true, W: w, B: b}, nil
		}
		err = errors.New("boolfn: weights from the linear program do not separate the rows")
	}
	// A degenerate program can leave the equations of complementary
	// slackness more than one solution, and the one found may not
	// separate. If weights exist, the perceptron rule finds some (whole
	// numbers, for boolean rows); it returns only weights that separate.
	if w, b, ok := p.learn(math.MaxInt, fallbackCorrections); ok {
		if w, b, ok := p.readable(w, b); ok {
			return &Separation{Separable: true, W: w, B: b}, nil
		}
	}
	return nil, err
}

// dual solves D, perturbed by seed, and from its solution the equations
// for v = (w, b).
func (p *problem) dual(seed uint32) (w []float64, b float64, err error) {
	c, rhs := p.dualProgram(seed)
	sol, sure, err := p.dualSimplex(c, rhs)
	if !sure {
		sol, err = p.dualLP(c, rhs)
	}
	if err != nil {
		return nil, 0, err
	}
	return p.fromDual(sol, seed)
}

// dualProgram returns D's costs and right-hand sides, perturbed by seed.
// Its columns are μ_r for each row, then the slacks of Σ μ y x̃_j ≤ 1 + ε_j
// and of −Σ μ y x̃_j ≤ 1 + ε_{m+j}, m = n+1; its rows are those 2m
// constraints.
func (p *problem) dualProgram(seed uint32) (c, rhs []float64) {
	m, k := p.n+1, p.len() // weights with the bias, rows
	c = make([]float64, k+2*m)
	rhs = make([]float64, 2*m)
	for r := range k {
		c[r] = -(1 + jitter(r, seed)) // Simplex minimizes: maximize Σ μ_r(1 + δ_r)
	}
	for i := range 2 * m {
		rhs[i] = 1 + jitter(k+i, seed)
	}
	return c, rhs
}

// fromDual solves the equations that D's solution sol, perturbed by seed,
// gives for v = (w, b).
func (p *problem) fromDual(sol []float64, seed uint32) (w []float64, b float64, err error) {
	m, k := p.n+1, p.len()
	mu, slack := sol[:k], sol[k:]

	// Complementary slackness. Weight j is free if one of its two
	// constraints is tight, and 0 if neither is; each row with μ_r > 0
	// gives the equation y_r(v·x̃_r) = 1 + δ_r.
	var free, tight []int
	for j := range m {
		if slack[j] <= zeroTol || slack[m+j] <= zeroTol {
			free = append(free, j)
		}
	}
	for r := range k {
		if mu[r] > zeroTol {
			tight = append(tight, r)
		}
	}
	if len(free) == 0 || len(tight) == 0 {
		return nil, 0, errors.New("boolfn: no weights from the linear program")
	}
	eq := mat.NewDense(len(tight), len(free), nil)
	val := mat.NewVecDense(len(tight), nil)
	for i, r := range tight {
		for jj, j := range free {
			eq.Set(i, jj, p.y(r)*p.xt(r, j))
		}
		val.SetVec(i, 1+jitter(r, seed))
	}
	var v mat.VecDense
	if err := v.SolveVec(eq, val); err != nil {
		var cond mat.Condition
		if !errors.As(err, &cond) {
			return nil, 0, err
		}
		// Ill-conditioned: v may still do; readable checks it.
	}
	w = make([]float64, p.n)
	for jj, j := range free {
		if j == p.n {
			b = v.AtVec(jj)
		} else {
			w[j] = v.AtVec(jj)
		}
	}
	return w, b, nil
}

// dualLP solves D with lp.Simplex, from the slacks: μ = 0.
func (p *problem) dualLP(c, rhs []float64) ([]float64, error) {
	m, k := p.n+1, p.len()
	a := mat.NewDense(2*m, k+2*m, nil)
	basis := make([]int, 2*m)
	for r := range k {
		for j := range m {
			a.Set(j, r, p.y(r)*p.xt(r, j))
			a.Set(m+j, r, -p.y(r)*p.xt(r, j))
		}
	}
	for i := range 2 * m {
		a.Set(i, k+i, 1)
		basis[i] = k + i
	}
	return simplex(c, a, rhs, basis)
}

// xt returns x̃_rj: row r's input j, or 1 for the bias (j = n).
func (p *problem) xt(r, j int) float64 {
	if j == p.n {
		return 1
	}
	return p.x(r)[j]
}

// jitter returns the perturbation of number i, in (jitterSize/2,
// jitterSize], different for each i and each seed.
func jitter(i int, seed uint32) float64 {
	h := (uint32(i) + 1 + seed*0x9E3779B9) * 2654435761 // multiplicative hashing spreads i over 32 bits
	return jitterSize * (0.5 + float64(h>>11)/(1<<22))
}

// excitation returns w·x + b, summed in the order neuron.Neuron does.
func excitation(w []float64, b float64, x []float64) float64 {
	u := b
	for j, v := range x {
		u += w[j] * v
	}
	return u
}

// separates reports whether w, b put every row strictly on its side.
func (p *problem) separates(w []float64, b float64) bool {
	for r := range p.row {
		if p.y(r)*excitation(w, b, p.x(r)) <= 0 {
			return false
		}
	}
	return true
}

// readable returns weights that separate the rows as w, b do, in the
// simplest form it finds: w and b rounded to fractions with the smallest
// common denominator q ≤ maxRoundDenominator that still separates, then
// scaled to the smallest whole numbers in the same proportion (for AND,
// w = (2, 2), b = −3); else w and b themselves. It reports false if
// nothing it tries separates every row.
func (p *problem) readable(w []float64, b float64) ([]float64, float64, bool) {
	v := append(slices.Clone(w), b)
	num := make([]int64, len(v))
	for q := 1; q <= maxRoundDenominator; q++ {
		var g int64 // the greatest common divisor of the numerators
		for i, x := range v {
			k := math.Round(x * float64(q))
			if !(math.Abs(k) <= 1<<52) { // too large, or NaN
				return w, b, p.separates(w, b)
			}
			num[i] = int64(k)
			g = gcd(g, num[i])
		}
		if g == 0 {
			continue // all zero: separates nothing
		}
		iw := make([]float64, len(w))
		for j := range iw {
			iw[j] = float64(num[j] / g)
		}
		ib := float64(num[len(w)] / g)
		if p.separates(iw, ib) {
			return iw, ib, true
		}
	}
	return w, b, p.separates(w, b)
}

// gcd returns the greatest common divisor of |a| and |b|; gcd(0, 0) = 0.
func gcd(a, b int64) int64 {
	a, b = max(a, -a), max(b, -b)
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
