package metrics

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// Tolerances for comparing with independent computations.
const (
	aucTol  = 1e-12 // AUC by sorting vs by counting pairs
	lossTol = 1e-12 // log-loss vs the formula written out
)

func TestConfusion(t *testing.T) {
	p := []float64{0.9, 0.8, 0.4, 0.6, 0.1, 0.5, 0.2}
	y := []float64{1, 1, 1, 0, 0, 0, 0}
	c := Count(p, y, 0.5)
	// Predicted 1 where p ≥ 0.5: rows 0, 1, 3, 5.
	if want := (Confusion{TP: 2, FN: 1, FP: 2, TN: 2}); c != want {
		t.Fatalf("Count = %+v, want %+v", c, want)
	}
	for name, got := range map[string][2]float64{
		"accuracy":  {c.Accuracy(), 4.0 / 7},
		"precision": {c.Precision(), 2.0 / 4},
		"recall":    {c.Recall(), 2.0 / 3},
		"f1":        {c.F1(), 2 * (0.5 * 2.0 / 3) / (0.5 + 2.0/3)}, // the harmonic mean
	} {
		if math.Abs(got[0]-got[1]) > 1e-15 {
			t.Errorf("%s = %v, want %v", name, got[0], got[1])
		}
	}
	if c := Count(p, y, 0.95); c.TP+c.FP != 0 || c.Precision() != 0 || c.F1() != 0 || c.Recall() != 0 {
		t.Errorf("nothing predicted positive: %+v, precision %v, F1 %v; want 0, 0", c, c.Precision(), c.F1())
	}
	if c := Count([]float64{0.1, 0.2}, []float64{0, 0}, 0.5); c.Recall() != 0 || c.Precision() != 0 || c.F1() != 0 || c.Accuracy() != 1 {
		t.Errorf("no positive rows, none predicted: recall %v, precision %v, F1 %v, accuracy %v; want 0, 0, 0, 1", c.Recall(), c.Precision(), c.F1(), c.Accuracy())
	}
	if c := Count(nil, nil, 0.5); c.Rows() != 0 || c.Accuracy() != 0 {
		t.Errorf("no rows: %+v, accuracy %v", c, c.Accuracy())
	}
}

// pairAUC is the definition of the AUC: over all pairs of a positive and
// a negative row, the share where the positive row's output is higher,
// ties counting half. O(n²).
func pairAUC(p, y []float64) float64 {
	var wins, pairs float64
	for i := range p {
		for j := range p {
			if y[i] != 1 || y[j] != 0 {
				continue
			}
			pairs++
			switch {
			case p[i] > p[j]:
				wins++
			case p[i] == p[j]:
				wins += 0.5
			}
		}
	}
	return wins / pairs
}

func TestAUCAgainstPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 200 {
		n := 2 + rng.IntN(60)
		p, y := make([]float64, n), make([]float64, n)
		for i := range n {
			y[i] = float64(rng.IntN(2))
			p[i] = rng.Float64()
			if trial%2 == 0 {
				p[i] = math.Round(p[i]*4) / 4 // few distinct outputs: many ties
			}
			if trial%3 == 0 {
				p[i] = min(1, p[i]+0.3*y[i]) // some skill
			}
		}
		y[0], y[1] = 0, 1 // both classes
		got, ok := AUC(p, y)
		if want := pairAUC(p, y); !ok || math.Abs(got-want) > aucTol {
			t.Fatalf("trial %d: AUC = %v, %v; pairs give %v", trial, got, ok, want)
		}
	}
}

func TestAUCEdges(t *testing.T) {
	for _, c := range []struct {
		name string
		p, y []float64
		want float64
	}{
		{"perfect", []float64{0.1, 0.2, 0.8, 0.9}, []float64{0, 0, 1, 1}, 1},
		{"perfectly wrong", []float64{0.9, 0.8, 0.2, 0.1}, []float64{0, 0, 1, 1}, 0},
		{"all tied", []float64{0.5, 0.5, 0.5, 0.5}, []float64{0, 1, 0, 1}, 0.5},
		{"one tie", []float64{0.1, 0.5, 0.5, 0.9}, []float64{0, 0, 1, 1}, 0.875}, // 3.5 of 4 pairs
		{"scale does not matter", []float64{0.001, 0.002, 0.003}, []float64{0, 1, 1}, 1},
	} {
		if got, ok := AUC(c.p, c.y); !ok || got != c.want {
			t.Errorf("%s: AUC = %v, %v; want %v", c.name, got, ok, c.want)
		}
	}
	for _, y := range [][]float64{{1, 1, 1}, {0, 0, 0}, {}} {
		if got, ok := AUC(make([]float64, len(y)), y); ok || !math.IsNaN(got) {
			t.Errorf("targets %v: AUC = %v, %v; want NaN, false", y, got, ok)
		}
	}
}

func TestLogLoss(t *testing.T) {
	p := []float64{0.9, 0.2, 0.6, 0.5}
	y := []float64{1, 0, 0, 1}
	want := -(math.Log(0.9) + math.Log(0.8) + math.Log(0.4) + math.Log(0.5)) / 4
	if got := LogLoss(p, y); math.Abs(got-want) > lossTol {
		t.Errorf("LogLoss = %v, want %v", got, want)
	}
	// Certain and wrong: large but finite. (1−ε is rounded to a float64,
	// so the upper clamp is not quite ε from 1.)
	eps := LogLossEpsilon // a float64 variable: constants would be exact
	low, high := -math.Log(eps), -math.Log(1-(1-eps))
	if got := LogLoss([]float64{0}, []float64{1}); got != low || low > 35 {
		t.Errorf("LogLoss(0 for a 1) = %v, want %v", got, low)
	}
	if got := LogLoss([]float64{1}, []float64{0}); got != high || high > 35 {
		t.Errorf("LogLoss(1 for a 0) = %v, want %v", got, high)
	}
	// Certain and right: about 0.
	if got := LogLoss([]float64{1, 0}, []float64{1, 0}); got < 0 || got > 2*LogLossEpsilon {
		t.Errorf("LogLoss of certain right answers = %v, want about 0", got)
	}
	if got := LogLoss(nil, nil); got != 0 {
		t.Errorf("LogLoss of no rows = %v", got)
	}
}

func TestEvaluate(t *testing.T) {
	p := []float64{0.9, 0.8, 0.4, 0.6, 0.1}
	y := []float64{1, 1, 1, 0, 0}
	r, err := Evaluate(p, y, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	c := Count(p, y, 0.5)
	auc, _ := AUC(p, y)
	want := Report{Rows: 5, Positives: 3, Negatives: 2, Threshold: 0.5, Confusion: c,
		Accuracy: c.Accuracy(), Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(), LogLoss: LogLoss(p, y), AUC: &auc}
	if r.AUC == nil || *r.AUC != auc {
		t.Fatalf("AUC %v, want %v", r.AUC, auc)
	}
	r.AUC, want.AUC = nil, nil
	if r != want {
		t.Errorf("Evaluate = %+v, want %+v", r, want)
	}

	// The JSON names are stable.
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"accuracy", "auc", "f1", "fn", "fp", "log_loss", "negatives", "positives", "precision", "recall", "rows", "threshold", "tn", "tp"}; !slices.Equal(keys, want) {
		t.Errorf("JSON keys %q, want %q", keys, want)
	}

	// All of one class: no AUC, and JSON says null.
	r, err = Evaluate([]float64{0.2, 0.7}, []float64{1, 1}, 0.5)
	if err != nil || r.AUC != nil {
		t.Fatalf("one class: %v, AUC %v; want nil", err, r.AUC)
	}
	if b, err := json.Marshal(r); err != nil || !strings.Contains(string(b), `"auc":null`) {
		t.Errorf("one class as JSON: %s, %v", b, err)
	}
}

func TestEvaluateErrors(t *testing.T) {
	for _, c := range []struct {
		name      string
		p, y      []float64
		threshold float64
		msg       string
	}{
		{"lengths", []float64{0.5}, []float64{1, 0}, 0.5, "1 outputs for 2 targets"},
		{"no rows", nil, nil, 0.5, "no rows"},
		{"output NaN", []float64{math.NaN()}, []float64{1}, 0.5, "row 0's output is NaN"},
		{"output above 1", []float64{0.5, 1.5}, []float64{1, 0}, 0.5, "row 1's output is 1.5"},
		{"soft target", []float64{0.5}, []float64{0.7}, 0.5, "row 0's target is 0.7, not 0 or 1"},
		{"threshold", []float64{0.5}, []float64{1}, math.NaN(), "threshold NaN"},
	} {
		_, err := Evaluate(c.p, c.y, c.threshold)
		if err == nil || !strings.HasPrefix(err.Error(), "metrics: ") || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: %v, want %q", c.name, err, c.msg)
		}
	}
}

func TestPredict(t *testing.T) {
	d, _ := neuron.NewDataset([][]float64{{0}, {1}}, []float64{0, 1})
	n := &neuron.Neuron{W: []float64{2}, Bias: -1}
	p := Predict(n, d)
	if len(p) != 2 || p[0] != n.Output([]float64{0}) || p[1] != n.Output([]float64{1}) {
		t.Errorf("Predict = %v", p)
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"Count":   func() { Count([]float64{1}, nil, 0.5) },
		"LogLoss": func() { LogLoss(nil, []float64{1}) },
		"AUC":     func() { AUC([]float64{1, 0}, []float64{1}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s with lengths that differ: no panic", name)
				}
			}()
			f()
		}()
	}
}

// targets returns n targets of which pos are 1, in a shuffled order.
func targets(n, pos int, rng *rand.Rand) []float64 {
	y := make([]float64, n)
	for i := range pos {
		y[i] = 1
	}
	rng.Shuffle(n, func(i, j int) { y[i], y[j] = y[j], y[i] })
	return y
}

// checkPartition checks that the sets hold every row below n once.
func checkPartition(t *testing.T, n int, sets ...[]int) {
	t.Helper()
	seen := make([]int, n)
	for _, s := range sets {
		if !slices.IsSorted(s) {
			t.Errorf("set %v is not in ascending order", s)
		}
		for _, i := range s {
			if i < 0 || i >= n {
				t.Fatalf("row %d out of range [0, %d)", i, n)
			}
			seen[i]++
		}
	}
	for i, k := range seen {
		if k != 1 {
			t.Fatalf("row %d is in %d sets, want 1", i, k)
		}
	}
}

// positives counts the rows of s whose target is 1.
func positives(y []float64, s []int) int {
	var k int
	for _, i := range s {
		k += int(y[i])
	}
	return k
}

func TestSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, c := range []struct {
		n, pos int
		frac   float64
	}{
		{569, 212, 0.2}, {150, 50, 0.3}, {10, 1, 0.5}, {7, 3, 0.4}, {100, 99, 0.25}, {2, 1, 0.5},
	} {
		y := targets(c.n, c.pos, rng)
		train, test, err := Split(y, c.frac, rand.New(rand.NewPCG(9, 0)))
		if err != nil {
			t.Errorf("%+v: %v", c, err)
			continue
		}
		checkPartition(t, c.n, train, test)
		wantTest := int(math.Round(c.frac * float64(c.n)))
		wantPos := int(math.Round(c.frac * float64(c.pos)))
		if len(test) != wantTest || positives(y, test) != wantPos {
			t.Errorf("%+v: %d test rows, %d positive; want %d, %d", c, len(test), positives(y, test), wantTest, wantPos)
		}
		// The same seed, the same split; another seed, another split.
		train2, test2, _ := Split(y, c.frac, rand.New(rand.NewPCG(9, 0)))
		if !slices.Equal(train, train2) || !slices.Equal(test, test2) {
			t.Errorf("%+v: the same seed gave two splits", c)
		}
		if c.n > 100 {
			_, test3, _ := Split(y, c.frac, rand.New(rand.NewPCG(10, 0)))
			if slices.Equal(test, test3) {
				t.Errorf("%+v: seeds 9 and 10 gave the same split", c)
			}
		}
	}
	for _, c := range []struct {
		y    []float64
		frac float64
		rng  *rand.Rand
		msg  string
	}{
		{[]float64{0, 1, 0}, 0, rng, "test fraction 0 is not between 0 and 1"},
		{[]float64{0, 1, 0}, 1, rng, "not between 0 and 1"},
		{[]float64{0, 1, 0}, math.NaN(), rng, "not between 0 and 1"},
		{[]float64{0, 1, 0}, 0.1, rng, "leaves 3 training and 0 test rows"},
		{[]float64{0, 1, 0}, 0.5, nil, "rng is nil"},
	} {
		if _, _, err := Split(c.y, c.frac, c.rng); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("Split(%v, %v): %v, want %q", c.y, c.frac, err, c.msg)
		}
	}
}

func TestKFold(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for _, c := range []struct{ n, pos, k int }{
		{569, 212, 5}, {150, 50, 10}, {10, 3, 10}, {11, 2, 3}, {2, 1, 2}, {37, 0, 4},
	} {
		y := targets(c.n, c.pos, rng)
		folds, err := KFold(y, c.k, rand.New(rand.NewPCG(1, 1)))
		if err != nil {
			t.Errorf("%+v: %v", c, err)
			continue
		}
		if len(folds) != c.k {
			t.Fatalf("%+v: %d folds", c, len(folds))
		}
		checkPartition(t, c.n, folds...)
		for i, f := range folds {
			// Sizes and each class's rows as even as whole rows allow.
			if len(f) < c.n/c.k || len(f) > (c.n+c.k-1)/c.k {
				t.Errorf("%+v: fold %d has %d rows", c, i, len(f))
			}
			if p := positives(y, f); p < c.pos/c.k || p > (c.pos+c.k-1)/c.k {
				t.Errorf("%+v: fold %d has %d positive rows of %d", c, i, p, c.pos)
			}
			train := TrainRows(folds, i)
			checkPartition(t, c.n, train, f)
		}
		again, _ := KFold(y, c.k, rand.New(rand.NewPCG(1, 1)))
		if !reflect.DeepEqual(folds, again) {
			t.Errorf("%+v: the same seed gave two sets of folds", c)
		}
	}
	for _, c := range []struct {
		n, k int
		rng  *rand.Rand
		msg  string
	}{
		{10, 1, rng, "1 folds; cross-validation needs at least 2"},
		{3, 4, rng, "4 folds of 3 rows"},
		{3, 2, nil, "rng is nil"},
	} {
		if _, err := KFold(make([]float64, c.n), c.k, c.rng); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("KFold(%d rows, %d): %v, want %q", c.n, c.k, err, c.msg)
		}
	}
}

func TestSubset(t *testing.T) {
	d := &neuron.Dataset{Inputs: 2, X: []float64{1, 2, 3, 4, 5, 6}, T: []float64{0, 1, 1}, Names: []string{"a", "b"}}
	s := Subset(d, []int{2, 0})
	if !slices.Equal(s.X, []float64{5, 6, 1, 2}) || !slices.Equal(s.T, []float64{1, 0}) || !slices.Equal(s.Names, d.Names) || s.Validate() != nil {
		t.Errorf("Subset = %+v", *s)
	}
	s.X[0] = 99
	if d.X[4] != 5 {
		t.Error("Subset shares rows with the data set")
	}
}
