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
