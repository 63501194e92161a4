package neuron

import (
	"context"
	"math"
	"testing"
)

// softplusTol bounds the relative error of softplus and log1p against
// the standard library (itself within about one unit in the last place).
const softplusTol = 2e-15

func TestLog1p(t *testing.T) {
	worst, at := 0.0, 0.0
	for y := 0.0; y <= 1; y += 1.0 / (1 << 16) {
		if e := relErr(log1p(y), math.Log1p(y)); e > worst {
			worst, at = e, y
		}
	}
	for _, y := range []float64{1e-300, 1e-20, 1e-10, 1.0 / 128, 1 - 1e-16, 1} {
		if e := relErr(log1p(y), math.Log1p(y)); e > worst {
			worst, at = e, y
		}
	}
	if worst > softplusTol {
		t.Errorf("log1p's relative error is %.3g at y = %v, want ≤ %g", worst, at, softplusTol)
	}
}

func TestSoftplusOfNonFinite(t *testing.T) {
	if got := softplus(math.NaN()); !math.IsNaN(got) {
		t.Errorf("softplus(NaN) = %v, want NaN", got)
	}
	if got := softplus(math.Inf(1)); !math.IsInf(got, 1) {
		t.Errorf("softplus(+Inf) = %v, want +Inf", got)
	}
	if got := softplus(math.Inf(-1)); got != 0 {
		t.Errorf("softplus(-Inf) = %v, want 0", got)
	}
}

// TestCrossEntropyDiverges: a learning rate so large that the weights
// overflow is reported as a divergence, for either loss, not a crash.
func TestCrossEntropyDiverges(t *testing.T) {
	d := mustDataset(t, tableX, andT)
	for _, l := range losses {
		rng := seeded(1)
		res, err := Train(context.Background(), NewRandom(2, rng), d, Config{Rand: rng, Loss: l, Rate: 1.7e308, Stop: StopMax, MaxIter: 100_000})
		if res.Status != Diverged && res.Status != Saturated {
			t.Errorf("%v, rate 1.7e308: %v, %v; want diverged or saturated", l, res.Status, err)
		}
	}
}

func TestSoftplus(t *testing.T) {
	ref := func(z float64) float64 { return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z))) }
	// Below about 1e-308 (z < −708) the results are subnormal numbers,
	// spaced 2^−1074 apart whatever their size: there one spacing is
	// allowed as well.
	const subnormalSpacing = 0x1p-1074
	for z := -800.0; z <= 800; z += 1.0 / 64 {
		if e := relErr(softplus(z), ref(z)); e > softplusTol && math.Abs(softplus(z)-ref(z)) > subnormalSpacing {
			t.Fatalf("softplus(%v) = %v, want %v (relative error %.3g)", z, softplus(z), ref(z), e)
		}
	}
}

// TestCrossEntropyFinite: where σ rounds the output to exactly 0 or 1,
// the cross-entropy measured from the excitation is still finite and
// exact: for target 0 and excitation u it is softplus(u), about u when
// u is large; for target 1, about −u when u is very negative.
func TestCrossEntropyFinite(t *testing.T) {
	for _, c := range []struct{ u, t, want float64 }{
		{40, 0, 40},      // σ(40) rounds to 1, yet the loss is ≈ 40
		{800, 0, 800},    // beyond exp's range
		{-800, 1, 800},   // σ(−800) is exactly 0
		{-40, 1, 40},     //
		{40, 1, 0},       // right and sure: ≈ e^(−40), below 1e-17
		{-800, 0, 0},     //
		{0, 1, math.Ln2}, // o = ½: −ln ½
	} {
		n := &Neuron{W: []float64{1}, Bias: 0}
		o, got := CrossEntropy.At(n, []float64{c.u}, c.t)
		if math.IsInf(got, 0) || math.IsNaN(got) || math.Abs(got-c.want) > 1e-12*max(1, c.want) {
			t.Errorf("cross-entropy at u = %v, t = %v (o = %v): %v, want %v", c.u, c.t, o, got, c.want)
		}
		_, d := CrossEntropy.atOutput(c.u, o, c.t)
		if want := o - c.t; d != want {
			t.Errorf("dL/du at u = %v: %v, want o−t = %v", c.u, d, want)
		}
	}
	for _, o := range []float64{0, 1} {
		for _, tg := range []float64{0, 1} {
			if l := CrossEntropy.Of(o, tg); math.IsInf(l, 0) || math.IsNaN(l) {
				t.Errorf("CrossEntropy.Of(%v, %v) = %v, want finite", o, tg, l)
			}
		}
	}
}

func TestParseLoss(t *testing.T) {
	for _, l := range losses {
		got, err := ParseLoss(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLoss(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseLoss("hinge"); err == nil {
		t.Error("ParseLoss(hinge): no error")
	}
}

// andTable returns the n-input AND as a data set.
func andTable(t testing.TB, n int) *Dataset {
	var x [][]float64
	var y []float64
	for r := range 1 << n {
		row := make([]float64, n)
		for i := range row {
			row[i] = float64(r >> (n - 1 - i) & 1)
		}
		x = append(x, row)
		y = append(y, float64(r/((1<<n)-1)))
	}
	return mustDataset(t, x, y)
}

// TestCrossEntropyLearnsWideAND: with squared error the single 1-row of
// AND of 6 or 8 inputs is pushed to a saturated output near 0, where the
// gradient (o−t)·o·(1−o) vanishes, and the run ends at the cap; with
// cross-entropy the gradient o−t stays large and the table is learned at
// default settings. A plain re-implementation needs about 0.1 and 0.5
// million iterations; 12 inputs need about 11 to 14 million.
func TestCrossEntropyLearnsWideAND(t *testing.T) {
	cases := []struct {
		inputs, cap int
		loss        Loss
		want        Status
	}{
		{6, 0, CrossEntropy, GoalMet},
		{8, 0, CrossEntropy, GoalMet},
		{8, 0, SquaredError, IterationLimit},
	}
	if !testing.Short() {
		cases = append(cases, struct {
			inputs, cap int
			loss        Loss
			want        Status
		}{12, 40_000_000, CrossEntropy, GoalMet})
	}
	for _, c := range cases {
		d := andTable(t, c.inputs)
		rng := seeded(1)
		res, err := Train(context.Background(), NewRandom(c.inputs, rng), d, Config{Rand: rng, Stop: StopMax, Loss: c.loss, MaxIter: c.cap})
		if err != nil || res.Status != c.want {
			t.Errorf("and%d, %v: %v after %d iterations (loss %v), error %v; want %v", c.inputs, c.loss, res.Status, res.Iterations, res.Loss, err, c.want)
			continue
		}
		if c.want == GoalMet && (res.Table.Correct != d.Len() || res.Table.Max > DefaultGoal(StopMax, c.loss)) {
			t.Errorf("and%d, %v: %d of %d rows right, largest loss %v", c.inputs, c.loss, res.Table.Correct, d.Len(), res.Table.Max)
		}
		t.Logf("and%d, %v: %v after %d iterations", c.inputs, c.loss, res.Status, res.Iterations)
	}
}

// TestDefaultGoalsMeanTheSameCloseness: each loss's default goal for the
// table rules lets every output be about 0.045 from its target.
func TestDefaultGoalsMeanTheSameCloseness(t *testing.T) {
	const closeness, tol = 0.045, 0.001
	sq := math.Sqrt(2 * DefaultGoal(StopMax, SquaredError)) // ½e² = goal
	ce := -math.Expm1(-DefaultGoal(StopMax, CrossEntropy))  // −ln(1−e) = goal
	for name, e := range map[string]float64{"squared": sq, "cross-entropy": ce} {
		if math.Abs(e-closeness) > tol {
			t.Errorf("%s: default goal allows |o−t| = %v, want %v ± %v", name, e, closeness, tol)
		}
	}
}
