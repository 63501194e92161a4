package neuron

import (
	"math"
	"math/rand/v2"
	"testing"
)

// scalerTol is how closely Welford's one-pass mean and deviation must
// agree with the textbook two-pass ones on data of moderate size.
const scalerTol = 1e-9

// twoPass returns the mean and population standard deviation of column j
// of the given rows of d, the textbook way: the mean first, then the
// squared differences from it.
func twoPass(d *Dataset, rows []int, j int) (mean, std float64) {
	for _, i := range rows {
		x, _ := d.Row(i)
		mean += x[j]
	}
	mean /= float64(len(rows))
	var ss float64
	for _, i := range rows {
		x, _ := d.Row(i)
		ss += (x[j] - mean) * (x[j] - mean)
	}
	return mean, math.Sqrt(ss / float64(len(rows)))
}

func TestScaler(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n, inputs = 500, 4
	d := &Dataset{Inputs: inputs}
	for range n {
		// Columns of different scales and offsets, and one constant.
		d.X = append(d.X, 1e6+1e3*rng.NormFloat64(), rng.Float64(), -5+0.01*rng.NormFloat64(), 0.1)
		d.T = append(d.T, float64(rng.IntN(2)))
	}
	var all, some []int
	for i := range n {
		all = append(all, i)
		if rng.IntN(3) == 0 {
			some = append(some, i)
		}
	}
	for _, c := range []struct {
		name string
		rows []int
		s    *Scaler
	}{
		{"all rows", all, FitScaler(d, nil)},
		{"some rows", some, FitScaler(d, some)},
	} {
		if c.s.N != len(c.rows) {
			t.Errorf("%s: N = %d, want %d", c.name, c.s.N, len(c.rows))
		}
		for j := range inputs {
			mean, std := twoPass(d, c.rows, j)
			if j == 3 {
				std = 1 // a constant column
			}
			if math.Abs(c.s.Mean[j]-mean) > scalerTol*math.Max(1, math.Abs(mean)) || math.Abs(c.s.Std[j]-std) > scalerTol*std {
				t.Errorf("%s, column %d: mean %v, std %v; two passes give %v, %v", c.name, j, c.s.Mean[j], c.s.Std[j], mean, std)
			}
		}
	}

	// Added a row at a time, as when streaming, the scaler is the same.
	var s Scaler
	for i := range n {
		x, _ := d.Row(i)
		s.Add(x)
	}
	fit := FitScaler(d, nil)
	for j := range inputs {
		if s.Mean[j] != fit.Mean[j] || s.Std[j] != fit.Std[j] {
			t.Errorf("column %d: Add gives %v, %v; FitScaler %v, %v", j, s.Mean[j], s.Std[j], fit.Mean[j], fit.Std[j])
		}
	}

	// Applied, the rows fitted have mean 0 and variance 1; the constant
	// column is 0.
	fit.Apply(d)
	for j := range inputs {
		mean, std := twoPass(d, all, j)
		want := 1.0
		if j == 3 {
			want = 0
		}
		if math.Abs(mean) > scalerTol || math.Abs(std-want) > scalerTol {
			t.Errorf("column %d after Apply: mean %v, std %v; want 0, %v", j, mean, std, want)
		}
	}
	if x, _ := d.Row(7); x[3] != 0 {
		t.Errorf("constant column became %v, want 0", x[3])
	}
	if err := d.Validate(); err != nil {
		t.Error(err)
	}
}

func TestScalerOneRow(t *testing.T) {
	var s Scaler
	s.Add([]float64{3, -2})
	x := []float64{4, -2}
	s.ApplyRow(x)
	if s.Mean[0] != 3 || s.Std[0] != 1 || x[0] != 1 || x[1] != 0 {
		t.Errorf("one row: mean %v, std %v, applied %v", s.Mean, s.Std, x)
	}
}

// A Scaler made of saved numbers applies them.
func TestScalerSaved(t *testing.T) {
	s := Scaler{Mean: []float64{1, 2}, Std: []float64{2, 4}}
	x := []float64{5, 0}
	s.ApplyRow(x)
	if x[0] != 2 || x[1] != -0.5 {
		t.Errorf("applied %v, want [2 -0.5]", x)
	}
}

func TestScalerPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Add of another length": func() {
			var s Scaler
			s.Add([]float64{1, 2})
			s.Add([]float64{1})
		},
		"ApplyRow of another length": func() {
			FitScaler(&Dataset{Inputs: 1, X: []float64{1}, T: []float64{0}}, nil).ApplyRow([]float64{1, 2})
		},
		"Apply to other inputs": func() {
			FitScaler(&Dataset{Inputs: 1, X: []float64{1}, T: []float64{0}}, nil).Apply(&Dataset{Inputs: 2, X: []float64{1, 2}, T: []float64{0}})
		},
		"Add to a saved scaler": func() {
			s := Scaler{Mean: []float64{1}, Std: []float64{1}}
			s.Add([]float64{1})
		},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}
