package boolfn

import (
	"testing"

	"github.com/neuronlab/neuron"
)

// TestPerceptron checks that perceptron proves exactly the separable
// functions of up to 4 inputs separable: a proof for one that is not
// would be wrong, and every one that is is within its budget.
func TestPerceptron(t *testing.T) {
	maxN := 4
	if testing.Short() {
		maxN = 3
	}
	for n := 1; n <= maxN; n++ {
		for code := range uint64(1) << (1 << n) {
			d := tableOf(n, code).Dataset()
			s, err := Separable(d)
			if err != nil {
				t.Fatal(err)
			}
			p, _ := newProblem(d)
			if p.ones == 0 || p.ones == p.len() {
				continue // a constant: perceptron is not asked
			}
			if got := p.perceptron(); got != s.Separable {
				t.Errorf("perceptron(%s) = %v, want %v", tableOf(n, code).TableString(), got, s.Separable)
			}
		}
	}
}

// TestProves checks the margin that proves asks for. Points 1e-10 apart
// with different targets are separable, but closer than certTol: to
// Separable they are one point, and it reports that no weights separate
// them. No weights may prove otherwise, however they are scaled.
func TestProves(t *testing.T) {
	d, err := neuron.NewDataset([][]float64{{0}, {1e-10}}, []float64{0, 1})
	if err != nil {
		t.Fatal(err)
	}
	s, err := Separable(d)
	if err != nil || s.Separable {
		t.Fatalf("Separable(points 1e-10 apart) = %+v, %v; want a certificate", s, err)
	}
	p, _ := newProblem(d)
	for _, v := range [][2]float64{{1, -5e-11}, {2e10, -1}, {1e30, -5e19}} {
		if p.proves([]float64{v[0]}, v[1]) {
			t.Errorf("proves(w = %v, b = %v) = true for points 1e-10 apart", v[0], v[1])
		}
	}
	// Wide apart, the same weights scaled prove it.
	d, _ = neuron.NewDataset([][]float64{{0}, {1}}, []float64{0, 1})
	p, _ = newProblem(d)
	if !p.proves([]float64{2}, -1) {
		t.Error("proves(w = 2, b = -1) = false for points 0 and 1")
	}
}
