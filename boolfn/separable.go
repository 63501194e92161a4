package boolfn

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/neuronlab/neuron"
)

// How Separable decides
//
// Give each row r a sign y_r, +1 if its target is 1 and −1 if it is 0.
// Weights w and bias b separate the rows when y_r(w·x_r + b) > 0 for every
// r, and then, scaled up, y_r(w·x_r + b) ≥ 1 too. Farkas' lemma says that
// exactly one of these holds:
//
//   - some w, b give y_r(w·x_r + b) ≥ 1 for every row (separable), or
//   - some λ ≥ 0 with Σλ_r = 1 give Σ λ_r y_r x_r = 0 and Σ λ_r y_r = 0.
//
// The second says that a weighted average of the 1-rows (weights 2λ_r)
// equals a weighted average of the 0-rows: the same point would have to
// be on both sides of the boundary. Such λ is a certificate that no
// weights exist. Separable looks, in turn, for
//
//  1. the simplest certificate, XOR's: two 1-rows and two 0-rows with the
//     same sum (pairs; only in small data sets, where trying every pair
//     is cheap);
//  2. any certificate: a linear program with n+2 equations and one
//     unknown per row, the shape lp.Simplex wants (farkas);
//  3. the weights: another linear program of that shape (weights.go).
//
// It checks whatever it finds before returning it: a certificate's two
// averages must agree, and weights must put every row on its side.
//
// Step 2 is the slow one, and for a separable data set it can only fail.
// So before it Separable runs the perceptron rule for a while: weights it
// finds, with a wide enough margin, prove that step 2 would fail, and
// Separable goes straight to step 3. The answer is the same either way.

// Tolerances. Boolean rows are small integers, so every quantity below is
// a small rational number and float64 rounding errors stay near 1e-15;
// the tolerances leave a wide margin above that.
const (
	// zeroTol is how small a number must be to count as zero: an entry
	// of λ, a sum of artificial variables, or an equation left over after
	// elimination (relative to the largest entry of the equation).
	zeroTol = 1e-9
	// certTol is how far apart, relative to the largest input magnitude,
	// the two averages of a certificate may be and still count as equal.
	certTol = 1e-9
	// snapTol is how close each weight of a certificate must be to p/q,
	// with one q ≤ maxDenominator for all, to be read as exactly p/q.
	// Solutions at vertices are such fractions; reading them exactly
	// makes the two averages agree exactly and reads well.
	snapTol        = 1e-7
	maxDenominator = 1024
)

// A Weighted is a row of a data set, by index, with a weight.
type Weighted struct {
	Row    int
	Weight float64
}

// A Separation says whether the rows of a data set are linearly
// separable, and shows why.
type Separation struct {
	Separable bool

	// When separable: weights W, one per input, and bias B with
	// w·x + b > 0 for every row whose target is 1 and w·x + b < 0 for
	// every row whose target is 0. Separable checks this on every row.
	W []float64
	B float64

	// When not separable, a certificate: rows whose target is 1 (Ones)
	// and rows whose target is 0 (Zeros), each side with weights ≥ 0
	// summing to 1, whose weighted averages are the same Point. A boundary
	// w·x + b = 0 with all of Ones on its positive side has their average,
	// Point, there too, so it cannot have all of Zeros on its negative
	// side. Rows are sorted by index.
	Ones, Zeros []Weighted
	Point       []float64
}

// errInfeasible reports that a linear program has no solution.
var errInfeasible = errors.New("no solution")

// Separable reports whether some weights and bias put every row of d on
// the side of its target: w·x + b > 0 where the target is 1 and < 0 where
// it is 0. That is whether one neuron can learn d. It returns the weights
// if so, and a certificate that none exist if not (see Separation).
//
// d's targets must be 0 or 1; its rows need not make a complete truth
// table and may repeat. The answer is exact for boolean inputs; for
// other inputs, two averages that agree to within 1e-9 times the largest
// input magnitude count as equal (certTol).
func Separable(d *neuron.Dataset) (*Separation, error) {
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("boolfn: %w", err)
	}
	p, err := newProblem(d)
	if err != nil {
		return nil, err
	}
	if p.ones == 0 || p.ones == p.len() { // a constant: the bias alone decides
		return &Separation{Separable: true, W: make([]float64, p.n), B: p.y(0)}, nil
	}
	if s := p.pairs(); s != nil {
		return s, nil
	}
	if p.perceptron() {
		// farkas would fail: the answer is the weights.
		if s, err := p.weights(); err == nil {
			return s, nil
		}
		// weights failed: the long way reports how.
	}
	all := make([]int, p.len())
	for i := range all {
		all[i] = i
	}
	s, err := p.farkas(all)
	if err == nil {
		return s, nil
	}
	// No certificate (or the solver failed): look for weights.
	s, werr := p.weights()
	if errors.Is(werr, errUnbounded) {
		if errors.Is(err, errInfeasible) {
			err = errors.New("none exists")
		}
		return nil, fmt.Errorf("boolfn: no weights separate the rows, but no certificate was found: %w", err)
	}
	return s, werr
}

// A problem is a data set's distinct rows, ready for the linear programs.
type problem struct {
	n      int
	d      *neuron.Dataset
	row    []int32 // each distinct row's first index in d
	ones   int     // rows with target 1
	scale  float64 // the largest input magnitude, at least 1
	lo, hi float64 // the least and the largest input
	whole  bool    // whether every input is a whole number (see codes)
	table  []int32 // scratch for a hash table (newProblem, pairs)
}

// len returns the number of distinct rows.
func (p *problem) len() int { return len(p.row) }

// x returns distinct row r's inputs (a slice of d.X).
func (p *problem) x(r int) []float64 {
	x, _ := p.d.Row(int(p.row[r]))
	return x
}

// y returns distinct row r's sign: +1 for target 1, −1 for target 0.
func (p *problem) y(r int) float64 { return 2*p.d.T[p.row[r]] - 1 }

// newProblem collects d's distinct rows. A row that repeats with the same
// target adds nothing; one that repeats with both targets is kept twice,
// once with each sign.
// It returns a problem, not a pointer, so that the problem can live on
// the stack.
func newProblem(d *neuron.Dataset) (problem, error) {
	k := d.Len()
	if k > math.MaxInt32 {
		return problem{}, fmt.Errorf("boolfn: %d rows, at most %d", k, math.MaxInt32)
	}
	// One allocation holds the rows kept and a hash table, used first to
	// find repeated rows and then by pairs, so sized for both.
	size := tableSize(k)
	if k <= maxPairRows {
		ones := 0
		for _, t := range d.T {
			if t == 1 {
				ones++
			}
		}
		size = max(size, tableSize(ones*(ones+1)/2))
	}
	buf := make([]int32, k+size)
	p := problem{n: d.Inputs, d: d, row: buf[:0:k], scale: 1, table: buf[k:],
		lo: math.Inf(1), hi: math.Inf(-1), whole: true}
	seen := newTable(p.table, k) // rows kept, by inputs and target
	for i := range k {
		x, t := d.Row(i)
		if t != 0 && t != 1 {
			return problem{}, fmt.Errorf("boolfn: row %d target is %v, want 0 or 1", i, t)
		}
		for _, v := range x {
			if a := math.Abs(v); a > p.scale {
				p.scale = a
			}
			if v < p.lo {
				p.lo = v
			}
			if v > p.hi {
				p.hi = v
			}
			if v != float64(int64(v)) {
				p.whole = false
			}
		}
		h := hashVector(hashVector(0, x), []float64{t})
		slot, found := seen.find(h, func(e int32) bool {
			y, u := d.Row(int(e))
			return u == t && slices.Equal(x, y) // == counts −0 and 0 as equal
		})
		if found {
			continue
		}
		seen[slot] = int32(i)
		p.row = append(p.row, int32(i))
		if t == 1 {
			p.ones++
		}
	}
	return p, nil
}

// maxPairRows is the most rows for which pairs looks at every pair.
const maxPairRows = 1024

// pairs looks for the certificate XOR has: two rows whose target is 1
// and two whose target is 0 (a row may count twice) with the same sum,
// and so the same average. It returns nil if it finds none, or if there
// are too many rows to try every pair. Boolean sums are exact, so equal
// sums can be found by hashing.
func (p *problem) pairs() *Separation {
	k := p.len()
	if k > maxPairRows {
		return nil
	}
	// hash(a, b) hashes x_a + x_b; same(a, b, c, d) reports whether
	// x_a + x_b = x_c + x_d. With codes for the rows, both are quick.
	var hash func(a, b int) uint64
	var same func(a, b, c, d int) bool
	var small [64]uint64
	if codes, ok := p.codes(small[:0]); ok {
		hash = func(a, b int) uint64 { return mix(0, codes[a]+codes[b]) }
		same = func(a, b, c, d int) bool { return codes[a]+codes[b] == codes[c]+codes[d] }
	} else {
		hash = func(a, b int) uint64 {
			h, xb := uint64(0), p.x(b)
			for j, v := range p.x(a) {
				h = mix(h, math.Float64bits(v+xb[j]+0)) // +0 turns −0 into 0
			}
			return h
		}
		same = func(a, b, c, d int) bool {
			xb, xc, xd := p.x(b), p.x(c), p.x(d)
			for j, v := range p.x(a) {
				if v+xb[j] != xc[j]+xd[j] {
					return false
				}
			}
			return true
		}
	}

	// The first pair a ≤ b of 1-rows with each sum, packed into one
	// number, a·maxPairRows + b.
	n := p.ones * (p.ones + 1) / 2
	if len(p.table) < tableSize(n) { // only when rows repeat
		p.table = make([]int32, tableSize(n))
	}
	sums := newTable(p.table, n)
	find := func(a, b int) (slot int, found bool) {
		return sums.find(hash(a, b), func(e int32) bool {
			return same(a, b, int(e)/maxPairRows, int(e)%maxPairRows)
		})
	}
	// The 1-rows, then the 0-rows, each in order (on the stack if few).
	var buf [64]int
	sides := buf[:0]
	for _, sign := range []float64{1, -1} {
		for r := range k {
			if p.y(r) == sign {
				sides = append(sides, r)
			}
		}
	}
	ones, zeros := sides[:p.ones], sides[p.ones:]
	for i, a := range ones {
		for _, b := range ones[i:] {
			if slot, found := find(a, b); !found {
				sums[slot] = int32(a*maxPairRows + b)
			}
		}
	}
	for i, c := range zeros {
		for _, d := range zeros[i:] {
			if slot, found := find(c, d); found {
				ab := int(sums[slot])
				rows := [4]int{ab / maxPairRows, ab % maxPairRows, c, d}
				if s, ok := p.averages(rows[:], []float64{1, 1, 1, 1}); ok {
					return s
				}
			}
		}
	}
	return nil
}

// codes returns a number for each row, in buf if it has room, if every
// input is a whole number and the rows are short enough; else it reports
// false. With inputs from lo to hi, row x's code is Σ_j (x_j − lo)·base^j,
// base = 2(hi − lo) + 1: the digits of two codes add up to at most
// base − 1, with no carry, so x_a + x_b = x_c + x_d exactly when
// code_a + code_b = code_c + code_d. For boolean rows, base = 3.
func (p *problem) codes(buf []uint64) ([]uint64, bool) {
	if !p.whole || p.scale > 1<<50 { // beyond, sums are not always exact
		return nil, false
	}
	base := uint64(2*(p.hi-p.lo)) + 1
	if bits.Len64(base)*p.n > 62 { // base^n might not fit
		return nil, false
	}
	codes := buf[:0]
	for r := range p.row {
		code, place := uint64(0), uint64(1)
		for _, v := range p.x(r) {
			code += uint64(v-p.lo) * place
			place *= base
		}
		codes = append(codes, code)
	}
	return codes, true
}

// A table is an open-addressing hash table of numbers that stand for
// vectors the caller keeps (rows, pairs of rows), −1 where empty.
type table []int32

// tableSize is the length of a table for n entries: a power of 2 with at
// least a third of it empty, so that searches end soon.
func tableSize(n int) int { return 1 << bits.Len(uint(n+n/2)) }

// newTable returns an empty table for n entries in buf, which must have
// room for tableSize(n).
func newTable(buf []int32, n int) table {
	t := table(buf[:tableSize(n)])
	for i := range t {
		t[i] = -1
	}
	return t
}

// find looks for an entry e with same(e) among those whose vectors hash
// to h, and returns its slot, or the empty slot where it belongs.
func (t table) find(h uint64, same func(e int32) bool) (slot int, found bool) {
	mask := len(t) - 1
	for i := int(h >> (64 - bits.Len(uint(mask)))); ; i = (i + 1) & mask { // the top bits of h, then the next slots
		if t[i] < 0 {
			return i, false
		}
		if same(t[i]) {
			return i, true
		}
	}
}

// mix mixes v into the hash h: equal v give equal hashes, different v
// almost always different ones.
func mix(h, v uint64) uint64 {
	h ^= v
	h ^= h >> 32 // the bits of boolean inputs differ in the top bits only
	return h * 0x9E3779B97F4A7C15
}

// hashVector mixes every number of v into h. Equal numbers, −0 and 0
// too, give equal hashes.
func hashVector(h uint64, v []float64) uint64 {
	for _, x := range v {
		h = mix(h, math.Float64bits(x+0)) // x+0 turns −0 into 0
	}
	return h
}

// farkas looks for a certificate on the given rows (distinct rows, by index):
// λ ≥ 0 with Σλ = 1, Σ λ_r y_r x_r = 0 and Σ λ_r y_r = 0. It returns
// errInfeasible if there is none.
func (p *problem) farkas(rows []int) (*Separation, error) {
	// The equations, one per line of eq: Σλ = 1, one per input, and the
	// balance of the signs.
	eq := make([][]float64, p.n+2)
	for i := range eq {
		eq[i] = make([]float64, len(rows))
	}
	for c, r := range rows {
		eq[0][c] = 1
		for j, v := range p.x(r) {
			eq[1+j][c] = p.y(r) * v
		}
		eq[p.n+1][c] = p.y(r)
	}
	rhs := make([]float64, len(eq))
	rhs[0] = 1
	// Simplex wants independent equations. A dependent one says nothing
	// new, unless it contradicts the others: then there is no λ.
	keep, ok := independent(eq, rhs)
	if !ok {
		return nil, errInfeasible
	}
	// Phase one of the simplex method, written out: add an artificial
	// variable a_i ≥ 0 to each equation, Σ_c eq[i][c]·λ_c + a_i = rhs_i,
	// and minimize Σa. λ = 0, a = rhs is a solution to start from (rhs is
	// 1 or 0, never negative), and the minimum is 0 exactly when some λ
	// solves the equations alone.
	m, k := len(keep), len(rows)
	a := mat.NewDense(m, k+m, nil)
	b := make([]float64, m)
	c := make([]float64, k+m)
	basis := make([]int, m)
	for i, e := range keep {
		a.SetRow(i, append(slices.Clone(eq[e]), make([]float64, m)...))
		a.Set(i, k+i, 1)
		b[i] = rhs[e]
		c[k+i] = 1
		basis[i] = k + i
	}
	sol, err := simplex(c, a, b, basis)
	if err != nil {
		return nil, err
	}
	var left float64
	for _, v := range sol[k:] {
		left += v
	}
	if left > zeroTol {
		return nil, errInfeasible
	}
	s, ok := p.certificate(rows, sol[:k])
	if !ok {
		return nil, errors.New("boolfn: certificate from the linear program does not check out")
	}
	return s, nil
}

// certificate turns a solution λ of the Farkas equations on rows into a
// Separation, reading λ as fractions with a small common denominator when
// it can, and checks it: both sides' weighted averages must agree.
func (p *problem) certificate(rows []int, lambda []float64) (*Separation, bool) {
	for i, l := range lambda {
		if l < -zeroTol {
			return nil, false
		}
		if l < zeroTol {
			lambda[i] = 0
		}
	}
	if q, num, ok := snap(lambda); ok {
		exact := make([]float64, len(num))
		for i, k := range num {
			exact[i] = float64(k) / float64(q)
		}
		if s, ok := p.averages(rows, exact); ok {
			return s, true
		}
	}
	return p.averages(rows, lambda)
}

// averages builds the certificate for weights lambda on rows and reports
// whether its two averages agree within certTol.
func (p *problem) averages(rows []int, lambda []float64) (*Separation, bool) {
	var sum [2]float64 // total weight of the 0-rows and of the 1-rows
	var count [2]int   // rows with weight > 0 on each side
	both := make([]float64, 2*p.n)
	avg := [2][]float64{both[:p.n], both[p.n:]}
	side := func(r int) int { return int(p.y(r)+1) / 2 } // 0 or 1, the target
	for c, l := range lambda {
		r := rows[c]
		sum[side(r)] += l
		for j, v := range p.x(r) {
			avg[side(r)][j] += l * v
		}
		if l != 0 {
			count[side(r)]++
		}
	}
	if sum[0] <= zeroTol || sum[1] <= zeroTol {
		return nil, false
	}
	for j := range p.n {
		avg[0][j] /= sum[0]
		avg[1][j] /= sum[1]
		if math.Abs(avg[0][j]-avg[1][j]) > certTol*p.scale {
			return nil, false
		}
	}
	// Both sides' rows in one allocation; each side is capped at its
	// length, so that appending to one never overwrites the other.
	w := make([]Weighted, 0, count[0]+count[1])
	s := &Separation{Ones: w[:0:count[1]], Zeros: w[count[1]:count[1]]}
	for c, l := range lambda {
		if l == 0 {
			continue
		}
		r := rows[c]
		w := Weighted{Row: int(p.row[r]), Weight: l / sum[side(r)]}
		if side(r) == 1 {
			s.Ones = append(s.Ones, w)
		} else {
			s.Zeros = append(s.Zeros, w)
		}
	}
	s.Ones, s.Zeros = merge(s.Ones), merge(s.Zeros)
	s.Point = avg[1]
	return s, true
}

// merge sorts rows by index and adds up the weights of a row listed twice.
func merge(rows []Weighted) []Weighted {
	slices.SortFunc(rows, func(a, b Weighted) int { return a.Row - b.Row })
	out := rows[:0]
	for _, w := range rows {
		if n := len(out); n > 0 && out[n-1].Row == w.Row {
			out[n-1].Weight += w.Weight
		} else {
			out = append(out, w)
		}
	}
	return out
}

// snap reads the numbers v as fractions num[i]/q with one denominator
// q ≤ maxDenominator, if each is within snapTol of such a fraction.
func snap(v []float64) (q int, num []int64, ok bool) {
	num = make([]int64, len(v))
next:
	for q = 1; q <= maxDenominator; q++ {
		for i, x := range v {
			k := math.Round(x * float64(q))
			if math.Abs(x-k/float64(q)) > snapTol || math.Abs(k) > 1<<52 {
				continue next
			}
			num[i] = int64(k)
		}
		return q, num, true
	}
	return 0, nil, false
}
