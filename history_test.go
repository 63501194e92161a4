package neuron

import (
	"context"
	"testing"
)

func TestHistoryBounded(t *testing.T) {
	d := mustDataset(t, tableX, orT)
	const limit = 100
	h := &History{Data: d, Max: limit}
	rng := seeded(1)
	n := NewRandom(2, rng)
	h.Add(n, 0)
	res, err := Train(context.Background(), n, d, Config{Rand: rng, Stop: StopMax, Goal: 1e-4, Progress: h.Record})
	if err != nil {
		t.Fatal(err)
	}
	h.Add(n, res.Iterations)
	if len(h.Points) > limit {
		t.Fatalf("%d points kept, limit %d", len(h.Points), limit)
	}
	if len(h.Points) < limit/2 {
		t.Errorf("only %d points kept of %d allowed", len(h.Points), limit)
	}
	first, last := h.Points[0], h.Points[len(h.Points)-1]
	if first.Iteration != 0 || last.Iteration != res.Iterations {
		t.Errorf("points span iterations %d..%d, want 0..%d", first.Iteration, last.Iteration, res.Iterations)
	}
	if last.Max != res.Table.Max || last.Mean != res.Table.Mean {
		t.Errorf("last point %v/%v, result %v/%v", last.Mean, last.Max, res.Table.Mean, res.Table.Max)
	}
	for i := 1; i < len(h.Points); i++ {
		if h.Points[i].Iteration <= h.Points[i-1].Iteration {
			t.Fatalf("points out of order at %d", i)
		}
	}
	// Evenly spread: every point but the last sits on the final recording
	// interval, one interval after the one before.
	for i := 2; i < len(h.Points)-1; i++ {
		if gap := h.Points[i].Iteration - h.Points[i-1].Iteration; gap != h.every {
			t.Fatalf("gap %d between points %d and %d, want the interval %d", gap, i-1, i, h.every)
		}
	}
	if len(first.Rows) != 4 || first.Rows[0] > first.Max {
		t.Errorf("row losses %v, max %v", first.Rows, first.Max)
	}
}

func TestHistoryEveryIterationAtFirst(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	h := &History{Data: d, Max: 50}
	rng := seeded(2)
	if _, err := Train(context.Background(), NewRandom(2, rng), d, Config{Rand: rng, MaxIter: 30, Progress: h.Record}); err != nil {
		t.Fatal(err)
	}
	if len(h.Points) != 30 {
		t.Errorf("%d points for 30 iterations, want one each", len(h.Points))
	}
}

// TestHistoryParams checks that every point keeps the weights and biases
// the model had at that point's iteration, through the thinning.
func TestHistoryParams(t *testing.T) {
	d := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	rng := seeded(3)
	net := NewNetRandom(2, 2, rng)
	start := Params(net)
	h := &History{Data: d, Max: 20}
	h.Add(net, 0)
	seen := map[int][]float64{} // the parameters after each iteration
	progress := func(e Event) error {
		seen[e.Iteration] = Params(e.Model)
		return h.Record(e)
	}
	res, err := Train(context.Background(), net, d, Config{Rand: rng, MaxIter: 3000, Progress: progress})
	if err != nil {
		t.Fatal(err)
	}
	h.Add(net, res.Iterations)
	if h.every < 128 {
		t.Fatalf("recording interval %d after 3000 iterations in 20 points: the history was not thinned", h.every)
	}
	seen[0] = start
	for _, p := range h.Points {
		want, ok := seen[p.Iteration]
		if !ok {
			t.Fatalf("point at iteration %d, which the run never reached", p.Iteration)
		}
		if len(p.Params) != 9 {
			t.Fatalf("point at iteration %d keeps %d weights and biases, the 2-2-1 network has 9", p.Iteration, len(p.Params))
		}
		for i := range want {
			if p.Params[i] != want[i] {
				t.Fatalf("point at iteration %d: parameter %d is %v, the model had %v", p.Iteration, i, p.Params[i], want[i])
			}
		}
	}
	// The points keep copies: changing the model changes no point.
	last := h.Points[len(h.Points)-1]
	kept := last.Params[0]
	net.W1[0] += 1
	if last.Params[0] != kept {
		t.Error("a point's Params change with the model: they are not a copy")
	}
}

// TestHistoryParamsLimit checks that a History keeps the weights of a
// model of HistoryParams weights and biases, and not of a larger one.
func TestHistoryParamsLimit(t *testing.T) {
	for _, tc := range []struct {
		model Model
		kept  bool
	}{
		{New(HistoryParams - 1), true}, // HistoryParams−1 weights and a bias
		{New(HistoryParams), false},
		{NewNet(HistoryParams/4, 4), false}, // W1 alone holds HistoryParams weights
	} {
		n := tc.model.Inputs()
		x := [][]float64{make([]float64, n), make([]float64, n)}
		x[1][0] = 1
		h := &History{Data: mustDataset(t, x, []float64{0, 1})}
		h.Add(tc.model, 0)
		p := h.Points[0]
		if got := p.Params != nil; got != tc.kept {
			t.Errorf("%T of %d weights and biases: Params kept %v, want %v", tc.model, len(Params(tc.model)), got, tc.kept)
		}
		if tc.kept && len(p.Params) != len(Params(tc.model)) {
			t.Errorf("%T: %d parameters kept, the model has %d", tc.model, len(p.Params), len(Params(tc.model)))
		}
		if p.Mean != 0.125 || len(p.Rows) != 2 { // every output is ½: each loss ½·(½)²
			t.Errorf("%T: loss %v, rows %v: the loss must be kept whatever the model's size", tc.model, p.Mean, p.Rows)
		}
	}
}
