package neuron

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The original demo's two truth tables, rows in the order 00, 01, 10, 11.
var (
	tableX = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	andT   = []float64{0, 0, 0, 1}
	orT    = []float64{0, 1, 1, 1}
)

func mustDataset(t testing.TB, x [][]float64, y []float64) *Dataset {
	t.Helper()
	d, err := NewDataset(x, y)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func seeded(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// trainSeed runs the original procedure with seed s through Train.
func trainSeed(t testing.TB, d *Dataset, s uint64) Result {
	rng := seeded(s)
	res, err := Train(context.Background(), NewRandom(d.Inputs, rng), d, Config{Rand: rng})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// referenceSeed is the original procedure written out independently, with
// σ computed by math.Exp: the same draws from the same source, the same
// formulas. It returns the iteration count.
func referenceSeed(tg []float64, s uint64) int {
	r := seeded(s)
	w1, w2, b := r.NormFloat64(), r.NormFloat64(), r.NormFloat64()
	for it := 1; ; it++ {
		i := r.IntN(4)
		x1, x2 := tableX[i][0], tableX[i][1]
		o := 1 / (1 + math.Exp(-(w1*x1 + w2*x2 + b)))
		loss := (o - tg[i]) * (o - tg[i]) / 2
		g := (o - tg[i]) * o * (1 - o)
		w1 -= 0.5 * (g * x1)
		w2 -= 0.5 * (g * x2)
		b -= 0.5 * g
		if loss <= 1e-10 {
			return it
		}
	}
}

// TestSeedProcedureMatchesReference checks Train against the independent
// reference run by run. The fast σ differs from math.Exp's in the last
// bits, so a rare run may end an iteration or so apart; the distribution
// must not move.
func TestSeedProcedureMatchesReference(t *testing.T) {
	const seeds = 200
	const maxDiffering = seeds / 50 // at most 2% of runs may differ at all
	for _, tc := range []struct {
		name string
		tg   []float64
	}{{"AND", andT}, {"OR", orT}} {
		d := mustDataset(t, tableX, tc.tg)
		var got, want []int
		differ := 0
		for s := range uint64(seeds) {
			g, w := trainSeed(t, d, s).Iterations, referenceSeed(tc.tg, s)
			got, want = append(got, g), append(want, w)
			if g != w {
				differ++
			}
		}
		if differ > maxDiffering {
			t.Errorf("%s: %d of %d runs differ from the reference, want at most %d", tc.name, differ, seeds, maxDiffering)
		}
		if mg, mw := median(got), median(want); mg != mw {
			t.Errorf("%s: median iterations %v, reference %v", tc.name, mg, mw)
		}
	}
}

func median(v []int) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return float64(s[len(s)/2])
	}
	return float64(s[len(s)/2-1]+s[len(s)/2]) / 2
}

// TestSeedIterationDistribution: the original program printed 44,842
// iterations for AND and 21,555 for OR. Over many seeds, the median
// iteration count of the same procedure must be within 3% of those.
func TestSeedIterationDistribution(t *testing.T) {
	if testing.Short() {
		t.Skip("trains 2×201 neurons")
	}
	const seeds = 201
	const medianTol = 0.03
	for _, tc := range []struct {
		name string
		tg   []float64
		seed float64 // the original program's printed count
	}{{"AND", andT, 44842}, {"OR", orT, 21555}} {
		d := mustDataset(t, tableX, tc.tg)
		var its []int
		for s := range uint64(seeds) {
			res := trainSeed(t, d, s)
			if res.Status != GoalMet {
				t.Fatalf("%s seed %d: status %v", tc.name, s, res.Status)
			}
			its = append(its, res.Iterations)
		}
		m := median(its)
		if math.Abs(m-tc.seed)/tc.seed > medianTol {
			t.Errorf("%s: median %v iterations over %d seeds, want within %v%% of the original %v", tc.name, m, seeds, 100*medianTol, tc.seed)
		}
		t.Logf("%s: median %v iterations (the original run: %v)", tc.name, m, tc.seed)
	}
}

func TestTrainDeterministic(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	for _, stop := range []Stop{StopRow, StopMax, StopMean} {
		run := func() (*Neuron, Result) {
			rng := seeded(42)
			n := NewRandom(2, rng)
			res, err := Train(context.Background(), n, d, Config{Rand: rng, Stop: stop})
			if err != nil {
				t.Fatal(err)
			}
			return n, res
		}
		n1, r1 := run()
		n2, r2 := run()
		if r1.Iterations != r2.Iterations || r1.Loss != r2.Loss || !slices.Equal(n1.W, n2.W) || n1.Bias != n2.Bias {
			t.Errorf("%v: two runs with seed 42 differ: %v %v / %v %v", stop, r1.Iterations, n1, r2.Iterations, n2)
		}
	}
}

// TestTrainLearns: AND, OR, NAND and NOR under every stop rule. The
// table rules must leave every row within the goal; the original rule only
// the last row drawn, but every row on the right side of 0.5.
func TestTrainLearns(t *testing.T) {
	for _, tc := range []struct {
		name string
		tg   []float64
	}{{"AND", andT}, {"OR", orT}, {"NAND", []float64{1, 1, 1, 0}}, {"NOR", []float64{1, 0, 0, 0}}} {
		d := mustDataset(t, tableX, tc.tg)
		for _, stop := range []Stop{StopRow, StopMax, StopMean} {
			rng := seeded(7)
			n := NewRandom(2, rng)
			res, err := Train(context.Background(), n, d, Config{Rand: rng, Stop: stop})
			if err != nil {
				t.Fatalf("%s %v: %v", tc.name, stop, err)
			}
			goal := DefaultGoal(stop, SquaredError)
			if res.Status != GoalMet || !(res.Loss <= goal) {
				t.Errorf("%s %v: status %v, loss %v, want goal %v met", tc.name, stop, res.Status, res.Loss, goal)
			}
			if res.Table.Correct != 4 {
				t.Errorf("%s %v: %d of 4 rows right", tc.name, stop, res.Table.Correct)
			}
			switch stop {
			case StopMax:
				if res.Table.Max > goal {
					t.Errorf("%s max: largest row loss %v > goal %v", tc.name, res.Table.Max, goal)
				}
			case StopMean:
				if res.Table.Mean > goal {
					t.Errorf("%s mean: mean loss %v > goal %v", tc.name, res.Table.Mean, goal)
				}
			}
			if res.Model != Model(n) {
				t.Errorf("%s %v: Result.Model is not the trained model", tc.name, stop)
			}
		}
	}
}

// TestTableRuleStopsPromptly: the table rule must stop within one table's
// worth of iterations of the first iteration at which the whole table
// meets the goal, found here by measuring every row at every iteration.
func TestTableRuleStopsPromptly(t *testing.T) {
	d := mustDataset(t, tableX, orT)
	for _, stop := range []Stop{StopMax, StopMean} {
		first := 0
		rng := seeded(3)
		probe := Config{Rand: rng, Stop: stop, Progress: func(e Event) error {
			s := Evaluate(e.Model, d, SquaredError)
			v := s.Max
			if stop == StopMean {
				v = s.Mean
			}
			if first == 0 && v <= DefaultGoal(stop, SquaredError) {
				first = e.Iteration
			}
			return nil
		}}
		res, err := Train(context.Background(), NewRandom(2, rng), d, probe)
		if err != nil {
			t.Fatal(err)
		}
		if first == 0 || res.Iterations < first || res.Iterations > first+2*d.Len() {
			t.Errorf("%v: stopped at %d, goal first met at %d", stop, res.Iterations, first)
		}
	}
}

func TestTrainCap(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	rng := seeded(1)
	res, err := Train(context.Background(), NewRandom(2, rng), xor, Config{Rand: rng, MaxIter: 5000, Stop: StopMax})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != IterationLimit || res.Iterations != 5000 {
		t.Errorf("XOR on one neuron: status %v after %d iterations, want cap at 5000", res.Status, res.Iterations)
	}
	// One line can put at most 3 of XOR's 4 rows on the right side.
	if res.Table.Correct > 3 {
		t.Errorf("one neuron got %d XOR rows right", res.Table.Correct)
	}
}

func TestTrainBadConfig(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	r := seeded(1)
	nan, inf := math.NaN(), math.Inf(1)
	for _, c := range []Config{
		{},
		{Rand: r, Rate: -1},
		{Rand: r, Rate: nan},
		{Rand: r, Rate: inf},
		{Rand: r, Goal: -1},
		{Rand: r, Goal: nan},
		{Rand: r, MaxIter: -2},
		{Rand: r, Loss: Loss(5)},
		{Rand: r, Order: Order(5)},
		{Rand: r, Batch: -2},
		{Rand: r, Decay: -1},
		{Rand: r, L2: math.NaN()},
		{Rand: r, MaxEpochs: -1},
		{Rand: r, Patience: 3},
		{Rand: r, Workers: -1},
		{Rand: r, Stop: Stop(9)},
		{Rand: r, StallWindow: -1},
		{Rand: r, StallDrop: 1},
	} {
		if _, err := Train(context.Background(), New(2), d, c); err == nil {
			t.Errorf("Train with %+v: no error", c)
		}
	}
	if _, err := Train(context.Background(), New(3), d, Config{Rand: r}); err == nil {
		t.Error("Train with 3 inputs on a 2-input table: no error")
	}
	if _, err := Train(context.Background(), New(2), &Dataset{Inputs: 2}, Config{Rand: r}); err == nil {
		t.Error("Train on an empty data set: no error")
	}
}

func TestNewDatasetErrors(t *testing.T) {
	for _, c := range []struct {
		x [][]float64
		t []float64
	}{
		{nil, nil},
		{[][]float64{{0, 1}, {1}}, []float64{0, 1}},
		{[][]float64{{0, 1}}, []float64{0, 1}},
		{[][]float64{{math.NaN()}}, []float64{0}},
		{[][]float64{{math.Inf(-1)}}, []float64{0}},
		{[][]float64{{0}}, []float64{2}},
		{[][]float64{{0}}, []float64{math.NaN()}},
		{[][]float64{{}}, []float64{0}},
	} {
		if _, err := NewDataset(c.x, c.t); err == nil {
			t.Errorf("NewDataset(%v, %v): no error", c.x, c.t)
		}
	}
}

func TestTrainDiverges(t *testing.T) {
	// With w = (1, −1) the excitation of x = (1e300, 1e300) is 0, so the
	// output is 0.5 and the step rate·d·x overflows both weights.
	d := mustDataset(t, [][]float64{{1e300, 1e300}}, []float64{1})
	n := &Neuron{W: []float64{1, -1}}
	res, err := Train(context.Background(), n, d, Config{Rand: seeded(1), Rate: 1e10, MaxIter: 100000, Stop: StopMax})
	if !errors.Is(err, ErrDiverged) || res.Status != Diverged {
		t.Errorf("status %v, error %v, want ErrDiverged", res.Status, err)
	}
	if res.Iterations > 1024 {
		t.Errorf("overflow noticed after %d iterations, want within 1024", res.Iterations)
	}
}

// TestTrainSaturates: a learning rate so large that the outputs are
// pinned to exactly 0 or 1, where every gradient is zero.
func TestTrainSaturates(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	for _, m := range []func(r *rand.Rand) Model{
		func(r *rand.Rand) Model { return NewRandom(2, r) },
		func(r *rand.Rand) Model { return NewNetRandom(2, 2, r) },
	} {
		rng := seeded(1)
		res, err := Train(context.Background(), m(rng), xor, Config{Rand: rng, Rate: 1e300, MaxIter: 1_000_000, Stop: StopMax})
		if err != nil || res.Status != Saturated || res.Iterations > 2048 {
			t.Errorf("rate 1e300: status %v after %d iterations, error %v, want saturated within 2048", res.Status, res.Iterations, err)
		}
	}
}

func TestTrainStalls(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	const window = 100_000
	// One neuron cannot learn XOR: its loss soon stops falling.
	rng := seeded(1)
	res, err := Train(context.Background(), NewRandom(2, rng), xor, Config{Rand: rng, Stop: StopMax, StallWindow: window})
	if err != nil || res.Status != Stalled {
		t.Fatalf("one neuron on XOR: status %v, error %v, want stalled", res.Status, err)
	}
	if res.Iterations > 10*window {
		t.Errorf("stall noticed after %d iterations, window %d", res.Iterations, window)
	}
}

func TestTrainCanceled(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	ctx, cancel := context.WithCancel(context.Background())
	rng := seeded(1)
	calls := 0
	res, err := Train(ctx, NewRandom(2, rng), xor, Config{Rand: rng, Progress: func(e Event) error {
		calls++
		if e.Iteration == 10_000 {
			cancel()
		}
		return nil
	}})
	if !errors.Is(err, context.Canceled) || res.Status != Canceled {
		t.Fatalf("status %v, error %v, want canceled", res.Status, err)
	}
	// Cancellation is noticed within the housekeeping interval.
	if res.Iterations < 10_000 || res.Iterations > 10_000+1024 || calls != res.Iterations {
		t.Errorf("stopped after %d iterations (%d progress calls), canceled at 10000", res.Iterations, calls)
	}
}

func TestTrainProgressError(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	rng := seeded(1)
	stop := errors.New("enough")
	res, err := Train(context.Background(), NewRandom(2, rng), d, Config{Rand: rng, Progress: func(e Event) error {
		if e.Iteration == 3 {
			return stop
		}
		return nil
	}})
	if err != stop || res.Iterations != 3 {
		t.Errorf("error %v after %d iterations, want %v after 3", err, res.Iterations, stop)
	}
}

// TestTrainNoAllocsPerIteration: a run of 100 iterations and one of 100,000
// allocate the same.
func TestTrainNoAllocsPerIteration(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	for _, stop := range []Stop{StopRow, StopMax} {
		for _, mk := range []func(*rand.Rand) Model{
			func(r *rand.Rand) Model { return NewRandom(2, r) },
			func(r *rand.Rand) Model { return NewNetRandom(2, 3, r) },
		} {
			allocs := func(iters int) float64 {
				rng := seeded(1)
				m := mk(rng)
				m.Step(xor.X[:2], 0, 0.5, SquaredError) // allocates a Net's scratch space once
				return testing.AllocsPerRun(5, func() {
					Train(context.Background(), m, xor, Config{Rand: rng, MaxIter: iters, Stop: stop})
				})
			}
			if a, b := allocs(100), allocs(100_000); a != b {
				t.Errorf("%T %v: %v allocations for 100 iterations, %v for 100,000", mk(seeded(1)), stop, a, b)
			}
		}
	}
}

// TestNetStallDetector: with 2 hidden neurons, learning rate 0.5 and
// N(0, 1) starts, about a quarter of runs on XOR get stuck. Seed 4 is one
// of them; seed 1 converges. The detector must tell them apart.
func TestNetStallDetector(t *testing.T) {
	if testing.Short() {
		t.Skip("trains up to 2 million iterations")
	}
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	const window = 500_000
	for _, c := range []struct {
		seed uint64
		want Status
	}{{4, Stalled}, {1, GoalMet}} {
		rng := seeded(c.seed)
		res, err := Train(context.Background(), NewNetRandom(2, 2, rng), xor,
			Config{Rand: rng, Stop: StopMax, MaxIter: 2_000_000, StallWindow: window})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != c.want {
			t.Errorf("seed %d: %v after %d iterations (largest row loss %v), want %v", c.seed, res.Status, res.Iterations, res.Table.Max, c.want)
		}
	}
}

// TestNetLearnsXORFromFixedSeed: the two-layer network learns what one
// neuron cannot.
func TestNetLearnsXORFromFixedSeed(t *testing.T) {
	xor := mustDataset(t, tableX, []float64{0, 1, 1, 0})
	rng := seeded(1)
	res, err := Train(context.Background(), NewNetRandom(2, 2, rng), xor, Config{Rand: rng, Stop: StopMax, MaxIter: 2_000_000})
	if err != nil || res.Status != GoalMet || res.Table.Correct != 4 || res.Table.Max > DefaultGoal(StopMax, SquaredError) {
		t.Errorf("XOR on 2-2-1: %v after %d iterations, %d rows right, largest loss %v, error %v",
			res.Status, res.Iterations, res.Table.Correct, res.Table.Max, err)
	}
}
