package boolfn

import (
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// testTol is how far apart a certificate's numbers may be in the tests:
// its weights' sums from 1, and its averages from its Point.
const testTol = 1e-9

// checkSeparation checks s against d directly: weights put every row on
// its side, or the certificate's weights are ≥ 0, sum to 1 on each side
// and average to the Point on both sides.
func checkSeparation(t *testing.T, name string, d *neuron.Dataset, s *Separation) {
	t.Helper()
	if s.Separable {
		if len(s.W) != d.Inputs {
			t.Errorf("%s: %d weights for %d inputs", name, len(s.W), d.Inputs)
			return
		}
		for r := range d.Len() {
			x, tg := d.Row(r)
			u := s.B
			for j, v := range x {
				u += s.W[j] * v
			}
			if (u > 0) != (tg == 1) || u == 0 {
				t.Errorf("%s: w = %v, b = %v give w·x + b = %v for row %v with target %v", name, s.W, s.B, u, x, tg)
				return
			}
		}
		return
	}
	if len(s.Point) != d.Inputs {
		t.Errorf("%s: certificate point %v for %d inputs", name, s.Point, d.Inputs)
		return
	}
	for _, side := range []struct {
		rows   []Weighted
		target float64
	}{{s.Ones, 1}, {s.Zeros, 0}} {
		var sum float64
		avg := make([]float64, d.Inputs)
		for _, w := range side.rows {
			if w.Weight < 0 || w.Row < 0 || w.Row >= d.Len() {
				t.Errorf("%s: certificate has row %d with weight %v", name, w.Row, w.Weight)
				return
			}
			x, tg := d.Row(w.Row)
			if tg != side.target {
				t.Errorf("%s: certificate puts row %d, target %v, with the rows of target %v", name, w.Row, tg, side.target)
			}
			sum += w.Weight
			for j, v := range x {
				avg[j] += w.Weight * v
			}
		}
		if math.Abs(sum-1) > testTol {
			t.Errorf("%s: certificate weights of target-%v rows sum to %v, want 1", name, side.target, sum)
		}
		for j := range avg {
			if math.Abs(avg[j]-s.Point[j]) > testTol {
				t.Errorf("%s: target-%v rows average to %v, want the point %v", name, side.target, avg, s.Point)
				break
			}
		}
	}
}

// tableOf returns the function of n inputs whose row r has output bit r
// of code.
func tableOf(n int, code uint64) *Func {
	f := &Func{Vars: letters(n), Table: make([]bool, 1<<n)}
	for r := range f.Table {
		f.Table[r] = code>>r&1 == 1
	}
	return f
}

// countSeparable decides every function of n inputs, checks each answer,
// and returns how many are separable.
func countSeparable(t *testing.T, n int) int {
	count := 0
	for code := range uint64(1) << (1 << n) {
		f := tableOf(n, code)
		d := f.Dataset()
		s, err := Separable(d)
		if err != nil {
			t.Fatalf("Separable(%s): %v", f.TableString(), err)
		}
		checkSeparation(t, f.TableString(), d, s)
		if s.Separable {
			count++
		}
	}
	return count
}

// The numbers of linearly separable (threshold) functions of n inputs
// are known: 4, 14, 104, 1882 for n = 1 to 4 (OEIS A000609).

func TestSeparableCounts(t *testing.T) {
	for n, want := range map[int]int{1: 4, 2: 14, 3: 104} {
		if got := countSeparable(t, n); got != want {
			t.Errorf("%d of the functions of %d inputs are separable, want %d", got, n, want)
		}
	}
}

func TestSeparableCount4(t *testing.T) {
	if testing.Short() {
		t.Skip("decides all 65,536 functions of 4 inputs")
	}
	if got, want := countSeparable(t, 4), 1882; got != want {
		t.Errorf("%d of the functions of 4 inputs are separable, want %d", got, want)
	}
}

// TestLinearPrograms checks each linear program on its own, without the
// shortcut of pairs: the Farkas program finds a certificate exactly for
// the functions that are not separable, and the weights program finds
// weights exactly for those that are.
func TestLinearPrograms(t *testing.T) {
	codes := func(n int) []uint64 {
		var c []uint64
		for code := range uint64(1) << (1 << n) {
			c = append(c, code)
		}
		return c
	}
	sample4 := make([]uint64, 0, 1000)
	rng := rand.New(rand.NewPCG(1, 2))
	for range cap(sample4) {
		sample4 = append(sample4, rng.Uint64N(1<<16))
	}
	for n, cs := range map[int][]uint64{2: codes(2), 3: codes(3), 4: sample4} {
		for _, code := range cs {
			f := tableOf(n, code)
			d := f.Dataset()
			s, err := Separable(d)
			if err != nil {
				t.Fatalf("Separable(%s): %v", f.TableString(), err)
			}
			p, _ := newProblem(d)
			if p.ones == 0 || p.ones == p.len() {
				continue // a constant: the programs need both targets
			}
			all := make([]int, p.len())
			for i := range all {
				all[i] = i
			}
			cert, err := p.farkas(all)
			switch {
			case s.Separable && !errors.Is(err, errInfeasible):
				t.Errorf("farkas(%s) = %v, %v; want errInfeasible, it is separable", f.TableString(), cert, err)
			case !s.Separable && err != nil:
				t.Errorf("farkas(%s): %v; want a certificate", f.TableString(), err)
			case !s.Separable:
				checkSeparation(t, "farkas "+f.TableString(), d, cert)
			}
			ws, err := p.weights()
			switch {
			case s.Separable && err != nil:
				t.Errorf("weights(%s): %v", f.TableString(), err)
			case s.Separable:
				checkSeparation(t, "weights "+f.TableString(), d, ws)
			case !errors.Is(err, errUnbounded):
				t.Errorf("weights(%s) = %v, %v; want errUnbounded, it is not separable", f.TableString(), ws, err)
			}
		}
	}
}

// BenchmarkSeparableAll4 decides all 65,536 functions of 4 inputs.
func BenchmarkSeparableAll4(b *testing.B) {
	ds := make([]*neuron.Dataset, 1<<16)
	for code := range ds {
		ds[code] = tableOf(4, uint64(code)).Dataset()
	}
	for b.Loop() {
		count := 0
		for _, d := range ds {
			s, err := Separable(d)
			if err != nil {
				b.Fatal(err)
			}
			if s.Separable {
				count++
			}
		}
		if count != 1882 {
			b.Fatalf("%d separable, want 1882", count)
		}
	}
}

func TestSeparableWeights(t *testing.T) {
	for _, tc := range []struct {
		f string
		w []float64
		b float64
	}{
		{"and", []float64{2, 2}, -3},
		{"or", []float64{2, 2}, -1},
		{"nand", []float64{-2, -2}, 3},
		{"a", []float64{2, 0}, -1},
		{"false", []float64{0, 0}, -1},
		{"true", []float64{0, 0}, 1},
		{"01", []float64{2}, -1}, // one input: the identity
		{"10", []float64{-2}, 1}, // and its negation
		{"00", []float64{0}, -1}, // constants of one input
		{"majority3", []float64{2, 2, 2}, -3},
		{"and16", []float64{2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, -31},
	} {
		f, err := Parse(tc.f)
		if err != nil {
			t.Fatal(err)
		}
		d := f.Dataset()
		s, err := Separable(d)
		if err != nil {
			t.Errorf("Separable(%s): %v", tc.f, err)
			continue
		}
		checkSeparation(t, tc.f, d, s)
		if !s.Separable || !floatsEqual(s.W, tc.w) || s.B != tc.b {
			t.Errorf("Separable(%s) = %v, w = %v, b = %v; want true, %v, %v", tc.f, s.Separable, s.W, s.B, tc.w, tc.b)
		}
	}
}

func floatsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSeparableLarge decides functions of many inputs, where pairs gives
// way to the linear programs.
func TestSeparableLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("tables of up to 65,536 rows")
	}
	for _, tc := range []struct {
		f         string
		separable bool
	}{
		{"majority11", true},
		{"or16", true},
		{"xor16", false},
		{"a & (b | c & (d | e & (f | g & (h | i & (j | k & (l | m & (n | o & p)))))))", true}, // weights up to 1974
		{"maj(a, a, a, b, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p)", true},
		{"maj(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o) ^ p", false},
		{"a & b | c & d | e & f | g & h | i & j", false},
	} {
		f, err := Parse(tc.f)
		if err != nil {
			t.Fatal(err)
		}
		d := f.Dataset()
		s, err := Separable(d)
		if err != nil {
			t.Errorf("Separable(%.30s): %v", tc.f, err)
			continue
		}
		if s.Separable != tc.separable {
			t.Errorf("Separable(%.30s) = %v, want %v", tc.f, s.Separable, tc.separable)
		}
		checkSeparation(t, tc.f, d, s)
	}
}

// TestSeparableData decides data sets that are not truth tables: points
// in the plane, with repeats and contradictions.
func TestSeparableData(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	// Points above or below a line, with a gap around it: separable.
	// 1,500 of them, too many for pairs.
	var x [][]float64
	var tg []float64
	for len(x) < 1500 {
		p := []float64{rng.Float64()*10 - 5, rng.Float64()*10 - 5}
		u := p[0] - 2*p[1] + 0.3
		if math.Abs(u) < 0.1 {
			continue
		}
		x = append(x, p)
		tg = append(tg, map[bool]float64{false: 0, true: 1}[u > 0])
	}
	d, err := neuron.NewDataset(x, tg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Separable(d)
	if err != nil || !s.Separable {
		t.Fatalf("Separable(points split by a line) = %v, %v; want separable", s, err)
	}
	checkSeparation(t, "points split by a line", d, s)

	// Inside or outside a circle: not separable.
	for i := range x {
		tg[i] = map[bool]float64{false: 0, true: 1}[x[i][0]*x[i][0]+x[i][1]*x[i][1] < 9]
	}
	d, _ = neuron.NewDataset(x, tg)
	s, err = Separable(d)
	if err != nil || s.Separable {
		t.Fatalf("Separable(points in a circle) = %v, %v; want not separable", s, err)
	}
	checkSeparation(t, "points in a circle", d, s)

	for _, tc := range []struct {
		what      string
		x         [][]float64
		t         []float64
		separable bool
	}{
		{"a repeated row", [][]float64{{0, 0}, {1, 1}, {1, 1}, {0, 0}}, []float64{0, 1, 1, 0}, true},
		{"a contradiction", [][]float64{{0, 0}, {1, 1}, {0, 0}}, []float64{0, 1, 1}, false},
		{"a point between two", [][]float64{{0, 0}, {1, 1}, {2, 2}}, []float64{0, 1, 0}, false},
		{"one row", [][]float64{{0.5, -3}}, []float64{1}, true},
		{"a constant input", [][]float64{{1, 0}, {1, 1}}, []float64{0, 1}, true},
		{"-0 and 0", [][]float64{{math.Copysign(0, -1)}, {0}}, []float64{0, 1}, false},
		{"an input of zeros", [][]float64{{0, 0}, {0, 1}}, []float64{1, 0}, true},
	} {
		d, err := neuron.NewDataset(tc.x, tc.t)
		if err != nil {
			t.Fatal(err)
		}
		s, err := Separable(d)
		if err != nil {
			t.Errorf("Separable(%s): %v", tc.what, err)
			continue
		}
		if s.Separable != tc.separable {
			t.Errorf("Separable(%s) = %v, want %v", tc.what, s.Separable, tc.separable)
		}
		checkSeparation(t, tc.what, d, s)
	}
}

func TestSeparableErrors(t *testing.T) {
	half, _ := neuron.NewDataset([][]float64{{0}, {1}}, []float64{0, 0.5})
	for _, tc := range []struct {
		what string
		d    *neuron.Dataset
		want string
	}{
		{"a target of 1/2", half, "boolfn: row 1 target is 0.5, want 0 or 1"},
		{"nil", nil, "boolfn: neuron: data set has no rows"},
		{"ragged", &neuron.Dataset{Inputs: 2, X: []float64{0, 1, 1}, T: []float64{0, 1}}, "boolfn: neuron: data set has 3 input values"},
	} {
		s, err := Separable(tc.d)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Separable(%s) = %v, %v; want error %q", tc.what, s, err, tc.want)
		}
	}
}

func TestExplain(t *testing.T) {
	and, _ := Lookup("and")
	s, _ := Separable(and.Dataset())
	want := "separable: w = (2, 2), b = -3 puts every row on its side:\n" +
		"w·x + b > 0 exactly for the rows whose output is 1, where x = (a, b)."
	if got := s.Explain(and.Dataset()); got != want {
		t.Errorf("Explain(and) = %q, want %q", got, want)
	}

	xor, _ := Lookup("xor")
	s, _ = Separable(xor.Dataset())
	got := s.Explain(xor.Dataset())
	for _, want := range []string{
		"not separable. With x = (a, b):\n",
		"the rows whose output is 1, (0, 1) and (1, 0), average to (1/2, 1/2);\n",
		"the rows whose output is 0, (0, 0) and (1, 1), average to (1/2, 1/2) too.\n",
		"One neuron cannot learn this",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Explain(xor) = %q, want it to contain %q", got, want)
		}
	}

	// Unequal weights, and no input names.
	d, _ := neuron.NewDataset([][]float64{{0, 0}, {3, 3}, {1, 1}}, []float64{0, 0, 1})
	s, _ = Separable(d)
	got = s.Explain(d)
	for _, want := range []string{
		"With x = (x1, x2):",
		"the row whose output is 1 is (1, 1);",
		"the rows whose output is 0, (0, 0) and (3, 3), weighted 2/3 and 1/3,\n  average to (1, 1) too.",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Explain(a point between two) = %q, want it to contain %q", got, want)
		}
	}

	// A contradiction.
	d, _ = neuron.NewDataset([][]float64{{1, 0}, {0, 1}, {1, 0}}, []float64{1, 0, 0})
	s, _ = Separable(d)
	want = "not separable: rows 0 and 2 have the same inputs, x = (x1, x2) = (1, 0),\n" +
		"but outputs 1 and 0: no function of x, so no neuron, gives both."
	if got := s.Explain(d); got != want {
		t.Errorf("Explain(a contradiction) = %q, want %q", got, want)
	}

	// Lines stay readable.
	f, _ := Parse("a & b | c & d")
	s, _ = Separable(f.Dataset())
	for _, line := range strings.Split(s.Explain(f.Dataset()), "\n") {
		if len([]rune(line)) > maxLine {
			t.Errorf("Explain(a & b | c & d) has a line of %d characters: %q", len([]rune(line)), line)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {-3, "-3"}, {0.5, "1/2"}, {-2.0 / 3, "-2/3"},
		{1974, "1974"}, {1.0 / 64, "1/64"}, {1.0 / 65, "0.01538"}, {math.Pi, "3.142"},
	} {
		if got := number(tc.x); got != tc.want {
			t.Errorf("number(%v) = %q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestSummaryIsOneLine(t *testing.T) {
	for _, f := range append(Named(), mustParse(t, "parity4"), mustParse(t, "0110100110010110")) {
		d := f.Dataset()
		s, err := Separable(d)
		if err != nil {
			t.Fatal(err)
		}
		sum := s.Summary(d)
		if strings.Contains(sum, "\n") || sum == "" {
			t.Errorf("%s: Summary %q is not one line", f.Name, sum)
		}
		if !s.Separable && !strings.Contains(sum, vector(s.Point)) {
			t.Errorf("%s: Summary %q does not name the common point", f.Name, sum)
		}
	}
}

func mustParse(t *testing.T, s string) *Func {
	t.Helper()
	f, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestThresholdFunctionsAreSeparable: every threshold function, 1 where
// w·x > θ for some weights w, is separable by definition. Separable must
// say so and give weights that put every row on its side, including the
// degenerate cases where the weights program's equations have more than
// one solution (11110000111111111111000011111111, b ∨ ¬c of 5 inputs,
// was one).
func TestThresholdFunctionsAreSeparable(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	check := func(table string) {
		t.Helper()
		f, err := ParseTable(table)
		if err != nil {
			t.Fatal(err)
		}
		d := f.Dataset()
		s, err := Separable(d)
		if err != nil || !s.Separable {
			t.Fatalf("%s: %+v, %v; want separable", table, s, err)
		}
		for r := range d.Len() {
			x, tg := d.Row(r)
			if u := excitation(s.W, s.B, x); (u > 0) != (tg == 1) || u == 0 {
				t.Fatalf("%s: w = %v, b = %v put row %d on the wrong side", table, s.W, s.B, r)
			}
		}
	}
	check("11110000111111111111000011111111")
	cases := 300
	if testing.Short() {
		cases = 60
	}
	for range cases {
		n := 5 + rng.IntN(3)
		w := make([]float64, n)
		for j := range w {
			w[j] = float64(rng.IntN(9) - 4) // small whole weights: many ties, degenerate programs
		}
		theta := float64(rng.IntN(9)-4) + 0.5
		table := make([]byte, 1<<n)
		for r := range table {
			u := 0.0
			for j := range n {
				u += w[j] * float64(r>>(n-1-j)&1)
			}
			table[r] = '0'
			if u > theta {
				table[r] = '1'
			}
		}
		check(string(table))
	}
}
