package boolfn

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// simplexTol is passed to lp.Simplex, which stops when no reduced cost is
// below −simplexTol: no step can lower the objective any more.
const simplexTol = 1e-10

// readsPerEntry bounds the work of one call of lp.Simplex: it may read
// each entry of its matrix this many times on average. Each pivot reads a
// column, so this allows 64 pivots per column, where a solution takes a
// few per row.
const readsPerEntry = 64

// errBudget stops lp.Simplex when it has used up its budget.
var errBudget = errors.New("too many pivots: the simplex method may be cycling")

// A budgeted matrix is a read-only view of a matrix that stops the solver
// reading it, by panicking with errBudget, after a budget of reads.
// lp.Simplex has no iteration limit, and its pivoting rule does not rule
// out cycling, so on a degenerate problem (many constraints tight at one
// vertex) it could otherwise run for ever.
type budgeted struct {
	m    *mat.Dense
	left int
}

func (b *budgeted) Dims() (r, c int) { return b.m.Dims() }
func (b *budgeted) T() mat.Matrix    { return mat.Transpose{Matrix: b} }

func (b *budgeted) At(i, j int) float64 {
	if b.left--; b.left < 0 {
		panic(errBudget)
	}
	return b.m.At(i, j)
}

// simplex minimizes cᵀx subject to a·x = b and x ≥ 0 with lp.Simplex,
// starting from the feasible basis given (a list of a's columns). It
// returns errInfeasible if there is no solution and errUnbounded if the
// objective has no lower bound, and turns the solver's panics into errors.
func simplex(c []float64, a *mat.Dense, b []float64, basis []int) (x []float64, err error) {
	defer func() {
		if e := recover(); e != nil {
			x, err = nil, fmt.Errorf("boolfn: linear program solver failed: %v", e)
		}
	}()
	r, k := a.Dims()
	_, x, err = lp.Simplex(c, &budgeted{a, readsPerEntry * r * k}, b, simplexTol, basis)
	switch {
	case errors.Is(err, lp.ErrInfeasible):
		return nil, errInfeasible
	case errors.Is(err, lp.ErrUnbounded):
		return nil, errUnbounded
	case err != nil:
		return nil, fmt.Errorf("boolfn: linear program solver failed: %w", err)
	}
	return x, nil
}

// independent returns the indices of a largest set of linearly
// independent equations among eq·λ = rhs, found by Gaussian elimination,
// or ok = false if some equation contradicts the others.
func independent(eq [][]float64, rhs []float64) (keep []int, ok bool) {
	var (
		basis    [][]float64 // the kept equations, reduced, each with a 1 at its pivot
		basisRHS []float64
		pivots   []int
	)
	for i, e := range eq {
		e, v := slices.Clone(e), rhs[i]
		for k, be := range basis {
			if f := e[pivots[k]]; f != 0 {
				for c := range e {
					e[c] -= f * be[c]
				}
				v -= f * basisRHS[k]
			}
		}
		piv, size := 0, 0.0
		for c := range e {
			if a := math.Abs(e[c]); a > size {
				piv, size = c, a
			}
		}
		if size <= zeroTol*max(1, maxAbs(eq[i])) { // a combination of the kept ones
			if math.Abs(v) > zeroTol {
				return nil, false
			}
			continue
		}
		f := 1 / e[piv]
		for c := range e {
			e[c] *= f
		}
		basis, basisRHS, pivots = append(basis, e), append(basisRHS, v*f), append(pivots, piv)
		keep = append(keep, i)
	}
	return keep, true
}

func maxAbs(s []float64) float64 {
	m := 0.0
	for _, v := range s {
		m = max(m, math.Abs(v))
	}
	return m
}
