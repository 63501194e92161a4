package neuron

import (
	"context"
	"math"
	"slices"
	"testing"
)

// TestDefaultCap: a zero Config must not run forever on data one neuron
// cannot fit: XOR under StopMax stops at DefaultMaxIter.
func TestDefaultCap(t *testing.T) {
	if testing.Short() {
		t.Skip("trains 10 million iterations")
	}
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	rng := seeded(1)
	res, err := Train(context.Background(), NewRandom(2, rng), xor, Config{Rand: rng, Stop: StopMax})
	if err != nil || res.Status != IterationLimit || res.Iterations != DefaultMaxIter {
		t.Errorf("XOR, zero Config: %v after %d iterations, error %v; want the cap at %d", res.Status, res.Iterations, err, DefaultMaxIter)
	}
}

// TestNoLimit: the original demo's unbounded loop stays available, and
// repeats the capped run exactly when the goal comes first.
func TestNoLimit(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	capped := trainSeed(t, d, 1)
	rng := seeded(1)
	res, err := Train(context.Background(), NewRandom(2, rng), d, Config{Rand: rng, MaxIter: NoLimit})
	if err != nil || res.Status != GoalMet || res.Iterations != capped.Iterations {
		t.Errorf("NoLimit: %v after %d iterations, error %v; want goal met after %d", res.Status, res.Iterations, err, capped.Iterations)
	}
}

// blobs returns n rows of 3 inputs from two overlapping Gaussian clouds,
// target 1 for the cloud around (2, 2, 2), 0 for the one around the
// origin: data no line fits exactly. The best line classifies about 96%
// of rows correctly (Φ(√3) ≈ 0.958).
func blobs(t testing.TB, n int, seed uint64) *Dataset {
	rng := seeded(seed)
	var x [][]float64
	var y []float64
	for i := range n {
		c := float64(i % 2)
		x = append(x, []float64{2*c + rng.NormFloat64(), 2*c + rng.NormFloat64(), 2*c + rng.NormFloat64()})
		y = append(y, c)
	}
	return mustDataset(t, x, y)
}

// TestBatchStepIsMeanGradient: one full-batch step moves every weight
// against the mean of the rows' gradients (Gradient), plus L2·w for the
// weights.
func TestBatchStepIsMeanGradient(t *testing.T) {
	const rate, l2, tol = 0.3, 0.1, 1e-15
	d := blobs(t, 10, 1)
	for _, l := range losses {
		n := &Neuron{W: []float64{0.5, -0.2, 0.1}, Bias: 0.3}
		want := n.Clone()
		mean := New(3)
		g := New(3)
		for i := range d.Len() {
			x, tg := d.Row(i)
			n.Gradient(x, tg, l, g)
			for k := range g.W {
				mean.W[k] += g.W[k] / float64(d.Len())
			}
			mean.Bias += g.Bias / float64(d.Len())
		}
		for k := range want.W {
			want.W[k] -= rate * (mean.W[k] + l2*want.W[k])
		}
		want.Bias -= rate * mean.Bias
		_, err := Train(context.Background(), n, d, Config{Rand: seeded(1), Rate: rate, L2: l2, Loss: l, Batch: FullBatch, MaxIter: 1, Stop: StopMean})
		if err != nil {
			t.Fatal(err)
		}
		for k := range n.W {
			if math.Abs(n.W[k]-want.W[k]) > tol {
				t.Errorf("%v: w%d = %v after one full-batch step, want %v", l, k+1, n.W[k], want.W[k])
			}
		}
		if math.Abs(n.Bias-want.Bias) > tol {
			t.Errorf("%v: b = %v, want %v", l, n.Bias, want.Bias)
		}
	}
}

// TestNetBatchStepIsMeanGradient: the same for a network, through its
// flat layout.
func TestNetBatchStepIsMeanGradient(t *testing.T) {
	const rate, tol = 0.5, 1e-15
	d := blobs(t, 6, 2)
	n := NewNetRandom(3, 2, seeded(3))
	want := n.Clone()
	sum := NewNet(3, 2)
	g := NewNet(3, 2)
	for i := range d.Len() {
		x, tg := d.Row(i)
		n.Gradient(x, tg, CrossEntropy, g)
		addTo(sum.W1, g.W1)
		addTo(sum.B1, g.B1)
		addTo(sum.W2, g.W2)
		sum.B2 += g.B2
	}
	p, s := want.params(nil), sum.params(nil) // the flat layout of each
	for k := range p {
		p[k] -= rate * s[k] / float64(d.Len())
	}
	want.setParams(p)
	if _, err := Train(context.Background(), n, d, Config{Rand: seeded(1), Rate: rate, Loss: CrossEntropy, Batch: FullBatch, MaxIter: 1, Stop: StopMean}); err != nil {
		t.Fatal(err)
	}
	got := n.params(nil)
	for k := range got {
		if math.Abs(got[k]-p[k]) > tol {
			t.Errorf("parameter %d = %v after one full-batch step, want %v", k, got[k], p[k])
		}
	}
}

// TestWorkersDoNotChangeResults: a batch large enough to be cut into
// blocks gives the same bits on one goroutine and on several.
func TestWorkersDoNotChangeResults(t *testing.T) {
	d := blobs(t, 5000, 4)
	for _, batch := range []int{FullBatch, 2500, 64} {
		var first []float64
		for _, workers := range []int{1, 2, 3, 8} {
			rng := seeded(5)
			n := NewRandom(3, rng)
			res, err := Train(context.Background(), n, d, Config{Rand: rng, Batch: batch, Order: Shuffle, Workers: workers, MaxEpochs: 3, Stop: StopMean, Goal: 1e-9, Loss: CrossEntropy})
			if err != nil || res.Status != EpochLimit {
				t.Fatalf("batch %d, %d workers: %v, %v", batch, workers, res.Status, err)
			}
			p := n.params(nil)
			if first == nil {
				first = p
			} else if !slices.Equal(p, first) {
				t.Errorf("batch %d: %d workers give %v, 1 worker %v", batch, workers, p, first)
			}
		}
	}
}

// TestShuffleVisitsEveryRowOncePerEpoch, and an epoch hook sees each epoch.
func TestShuffleVisitsEveryRowOncePerEpoch(t *testing.T) {
	d := blobs(t, 7, 6)
	var rows []int
	epochs := 0
	rng := seeded(7)
	res, err := Train(context.Background(), NewRandom(3, rng), d, Config{
		Rand: rng, Order: Shuffle, MaxEpochs: 4, Stop: StopMean, Goal: 1e-9,
		Progress: func(e Event) error { rows = append(rows, e.Row); return nil },
		Epoch: func(e EpochEvent) error {
			epochs++
			if e.Epoch != epochs || e.Iteration != epochs*d.Len() || !math.IsNaN(e.Validation) {
				t.Errorf("epoch event %+v, want epoch %d at iteration %d", e, epochs, epochs*d.Len())
			}
			return nil
		},
	})
	if err != nil || res.Status != EpochLimit || res.Epochs != 4 || epochs != 4 {
		t.Fatalf("%v after %d epochs (%d events), error %v", res.Status, res.Epochs, epochs, err)
	}
	for e := range 4 {
		epoch := slices.Clone(rows[e*d.Len() : (e+1)*d.Len()])
		slices.Sort(epoch)
		for i, r := range epoch {
			if r != i {
				t.Fatalf("epoch %d used rows %v, want each of 0..%d once", e+1, rows[e*d.Len():(e+1)*d.Len()], d.Len()-1)
			}
		}
	}
}

// TestDecay: the learning rate of epoch e is Rate/(1 + Decay·e).
func TestDecay(t *testing.T) {
	const rate, decay, tol = 0.8, 0.5, 1e-15
	d := blobs(t, 20, 8)
	rng := seeded(9)
	var got []float64
	_, err := Train(context.Background(), NewRandom(3, rng), d, Config{
		Rand: rng, Rate: rate, Decay: decay, Batch: 5, MaxEpochs: 4, Stop: StopMean, Goal: 1e-9,
		Epoch: func(e EpochEvent) error { got = append(got, e.Rate); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	for e, r := range got {
		if want := rate / (1 + decay*float64(e)); math.Abs(r-want) > tol {
			t.Errorf("epoch %d: rate %v, want %v", e+1, r, want)
		}
	}
}

// TestEarlyStopping: held-out rows whose targets are the opposite of the
// training rows' can only get worse as training goes on, so the run
// stops after Patience epochs and keeps the starting weights.
func TestEarlyStopping(t *testing.T) {
	d := blobs(t, 50, 10)
	flipped := &Dataset{Inputs: d.Inputs, X: d.X, T: make([]float64, d.Len())}
	for i, tg := range d.T {
		flipped.T[i] = 1 - tg
	}
	rng := seeded(11)
	n := NewRandom(3, rng)
	start := n.params(nil)
	res, err := Train(context.Background(), n, d, Config{Rand: rng, Order: Shuffle, Loss: CrossEntropy, Stop: StopMean, Goal: 1e-9, Validation: flipped, Patience: 3})
	if err != nil || res.Status != EarlyStopped || res.Epochs != 3 || res.BestEpoch != 0 {
		t.Fatalf("%v after %d epochs (best %d), error %v; want stopped early after 3", res.Status, res.Epochs, res.BestEpoch, err)
	}
	if got := n.params(nil); !slices.Equal(got, start) {
		t.Errorf("weights %v after early stopping, want the best (starting) weights %v", got, start)
	}
	if want := Evaluate(n, flipped, CrossEntropy); res.Validation != want {
		t.Errorf("Result.Validation = %+v, want %+v", res.Validation, want)
	}
}

// TestBatchLearnsBlobs: every mode learns the two clouds about as well as
// each other (they overlap, so about 96% of rows can be right).
func TestBatchLearnsBlobs(t *testing.T) {
	const minAccuracy = 0.92 // online steps at rate 0.5 wander a little around the best line
	d := blobs(t, 2000, 12)
	for _, c := range []Config{
		{Order: DrawRows},
		{Order: Shuffle},
		{Order: Shuffle, Batch: 32},
		{Batch: FullBatch, Rate: 2},
		{Order: Shuffle, Batch: 16, L2: 1e-3, Decay: 0.1},
	} {
		c.Rand, c.Loss, c.MaxEpochs, c.Stop, c.Goal = seeded(13), CrossEntropy, 20, StopMean, 1e-9
		res, err := Train(context.Background(), NewRandom(3, c.Rand), d, c)
		if err != nil || res.Status != EpochLimit || res.Table.Accuracy() < minAccuracy {
			t.Errorf("%+v: %v, accuracy %v, error %v", c, res.Status, res.Table.Accuracy(), err)
		}
	}
}

func TestParseOrder(t *testing.T) {
	for _, o := range []Order{DrawRows, Shuffle} {
		if got, err := ParseOrder(o.String()); err != nil || got != o {
			t.Errorf("ParseOrder(%q) = %v, %v", o.String(), got, err)
		}
	}
	if _, err := ParseOrder("sorted"); err == nil {
		t.Error("ParseOrder(sorted): no error")
	}
}

// TestStopNone: without a goal, training runs to the epoch cap even when
// the loss is tiny, and keeps no book of row losses.
func TestStopNone(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	rng := seeded(1)
	c := Config{Rand: rng, Stop: StopNone, Goal: 1, MaxEpochs: 500}
	tr := newTrainer(context.Background(), NewRandom(2, rng), d, &c)
	if tr.book != nil {
		t.Error("StopNone keeps a book of row losses")
	}
	res, err := tr.run()
	if err != nil || res.Status != EpochLimit || res.Epochs != 500 || res.Loss != res.Table.Mean {
		t.Errorf("StopNone with goal 1: %v after %d epochs, loss %v (mean %v), error %v; want the epoch cap at 500",
			res.Status, res.Epochs, res.Loss, res.Table.Mean, err)
	}
}

// TestMakeDataset: a made data set has room for its rows, small or large
// (large ones are advised into large pages, which changes nothing else),
// and is valid once filled.
func TestMakeDataset(t *testing.T) {
	for _, rows := range []int{0, 3, largeFloats} {
		d := MakeDataset(2, rows)
		if d.Inputs != 2 || len(d.X) != 0 || cap(d.X) != 2*rows || cap(d.T) != rows {
			t.Fatalf("MakeDataset(2, %d): inputs %d, X %d of %d, T of %d", rows, d.Inputs, len(d.X), cap(d.X), cap(d.T))
		}
		for i := range rows {
			d.X = append(d.X, float64(i), -float64(i))
			d.T = append(d.T, float64(i%2))
		}
		if err := d.Validate(); rows > 0 && err != nil {
			t.Errorf("MakeDataset(2, %d), filled: %v", rows, err)
		}
	}
}
