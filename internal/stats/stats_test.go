package stats

import (
	"context"
	"errors"
	"reflect"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
)

// prepare returns the problem of 'neuron train' with the default setup
// changed by edit.
func prepare(t testing.TB, edit func(s *run.Setup)) *run.Problem {
	t.Helper()
	s := run.Default()
	edit(&s)
	p, err := run.Prepare(s, run.CommandLimits)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// xorRestarts is a quick mix of outcomes: a 2-2-1 network on XOR with a
// short stall window, a low cap and a restart, so that some runs meet the
// goal at once, some after a restart, some stall and some reach the cap.
func xorRestarts(s *run.Setup) {
	s.Func, s.Hidden, s.Stall, s.MaxIter, s.Restarts, s.Seed = "xor", 2, 3000, 15_000, 1, 100
}

// serial trains the runs of p one after another with Problem.Train: the
// reference the pool must reproduce.
func serial(t *testing.T, p *run.Problem, n int) []Run {
	t.Helper()
	var runs []Run
	for k := range n {
		q := *p
		q.Setup.Seed = p.Setup.Seed + uint64(k)
		out, err := q.Train(context.Background(), run.Options{})
		if err != nil && !errors.Is(err, neuron.ErrDiverged) {
			t.Fatal(err)
		}
		r := Run{Seed: q.Setup.Seed, Status: out.Status, Attempts: len(out.Attempts), Last: out.Iterations}
		for _, a := range out.Attempts {
			r.Iterations += a.Iterations
		}
		runs = append(runs, r)
	}
	return runs
}

// TestManyIsSerialRuns: the pool's runs are the runs 'neuron train' makes
// from each seed, one after another, restarts and all.
func TestManyIsSerialRuns(t *testing.T) {
	p := prepare(t, xorRestarts)
	const n = 40
	s, err := Many(context.Background(), p, n, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := serial(t, p, n)
	if !reflect.DeepEqual(s.Runs, want) {
		t.Fatalf("Many's runs differ from the serial runs:\n got %+v\nwant %+v", s.Runs, want)
	}
	// The mix this test relies on: without it, it would test little.
	restarted, learned := 0, 0
	for _, r := range want {
		if r.Attempts > 1 {
			restarted++
		}
		if r.Met() {
			learned++
		}
	}
	if restarted == 0 || learned == 0 || learned == n {
		t.Errorf("%d of %d runs restarted and %d learned: want some of each", restarted, n, learned)
	}
	if s.Goal.N != learned || s.Failed.Total() != n-learned || s.Finished() != n || s.Asked != n {
		t.Errorf("summary counts %d met, %d failed, %d finished of %d asked; want %d, %d, %d of %d",
			s.Goal.N, s.Failed.Total(), s.Finished(), s.Asked, learned, n-learned, n, n)
	}
}

// TestWorkersDoNotChangeResults: the same seeds give the same summary
// with one worker, with several, and with one worker per core whether
// GOMAXPROCS is 1 or 4.
func TestWorkersDoNotChangeResults(t *testing.T) {
	p := prepare(t, xorRestarts)
	const n = 24
	ref, err := Many(context.Background(), p, n, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, o Options) {
		t.Helper()
		got, err := Many(context.Background(), p, n, o)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, ref) {
			t.Errorf("%s: summary differs from one worker's:\n got %+v\nwant %+v", what, got, ref)
		}
	}
	check("2 workers", Options{Workers: 2})
	check("7 workers", Options{Workers: 7})
	check("100 workers, more than runs", Options{Workers: 100})
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		check("GOMAXPROCS="+strconv.Itoa(procs), Options{})
	}
}

// TestSweepWorkersDoNotChangeResults does the same for a sweep, and
// checks that each rate's runs are Many's runs at that rate.
func TestSweepWorkersDoNotChangeResults(t *testing.T) {
	p := prepare(t, xorRestarts)
	rates := []float64{0.25, 1, 4}
	const n = 8
	one, err := SweepRates(context.Background(), p, rates, n, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	three, err := SweepRates(context.Background(), p, rates, n, Options{Workers: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(one, three) {
		t.Errorf("sweep with 3 workers differs from 1 worker's")
	}
	for k, r := range rates {
		q := *p
		q.Setup.Rate = r
		s, err := Many(context.Background(), &q, n, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(one.Points[k], s) {
			t.Errorf("rate %v: sweep's summary differs from Many's:\n got %+v\nwant %+v", r, one.Points[k], s)
		}
	}
}

// TestFailureReasons: each way a run can fail is counted under its own
// reason, and the runs that reach the cap or stall on the squared error's
// flat spot are counted as such.
func TestFailureReasons(t *testing.T) {
	const n = 6
	for _, c := range []struct {
		name string
		edit func(s *run.Setup)
		want Failures
	}{
		{"cap", func(s *run.Setup) { s.MaxIter = 100 }, Failures{Cap: n}},
		// One neuron cannot learn XOR: its loss stops falling.
		{"stall", func(s *run.Setup) { s.Func, s.Force, s.Stall = "xor", true, 2000 }, Failures{Stalled: n}},
		// A huge learning rate pins the output at 0 or 1 in a step or two.
		{"saturation", func(s *run.Setup) { s.Rate = 1e6 }, Failures{Saturated: n}},
		// Two identical hidden neurons and output weights ±1e300: the
		// first step moves the hidden weights by about 1e300·1e300.
		{"divergence", func(s *run.Setup) {
			s.Hidden, s.Rate = 2, 1e300
			s.Start = []float64{0, 0, 0, 0, 0, 0, 1e300, -1e300, 0}
		}, Failures{Diverged: n}},
		// AND of eight inputs under squared error reaches the cap with its
		// one 1-row's output pinned near 0, the flat spot; under
		// cross-entropy it reaches the cap too, early, but not on a flat
		// spot; and one neuron that cannot learn XOR is not counted, since
		// no loss would help it.
		{"flat spot", func(s *run.Setup) { s.Func, s.MaxIter = "and8", 200_000 }, Failures{Cap: n, FlatSpot: n}},
		{"cross-entropy", func(s *run.Setup) { s.Func, s.MaxIter, s.Loss = "and8", 200_000, neuron.CrossEntropy }, Failures{Cap: n}},
		{"xor, one neuron", func(s *run.Setup) { s.Func, s.Force, s.MaxIter = "xor", true, 20_000 }, Failures{Cap: n}},
	} {
		p := prepare(t, c.edit)
		s, err := Many(context.Background(), p, n, Options{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if s.Failed != c.want || s.Goal.N != 0 || s.FailedFraction() != 1 {
			t.Errorf("%s: failed %+v, flat spot %d (%v of the runs), %d met the goal; want %+v, flat spot %d, all, none",
				c.name, s.Failed, s.Failed.FlatSpot, s.FailedFraction(), s.Goal.N, c.want, c.want.FlatSpot)
		}
		for _, r := range s.Runs {
			if r.FlatSpot != (c.want.FlatSpot > 0) {
				t.Errorf("%s: run from seed %d: FlatSpot %v", c.name, r.Seed, r.FlatSpot)
			}
		}
	}
}

func TestFailuresString(t *testing.T) {
	for _, c := range []struct {
		f    Failures
		want string
	}{
		{Failures{}, ""},
		{Failures{Cap: 4, Stalled: 8}, "8 stalled, 4 reached the cap"},
		{Failures{Cap: 2, Saturated: 2, Diverged: 1000}, "1,000 diverged, 2 reached the cap, 2 saturated"},
	} {
		if got := c.f.String(); got != c.want {
			t.Errorf("%+v.String() = %q, want %q", c.f, got, c.want)
		}
	}
}

// settled waits a little for the goroutines to fall back to n, and
// reports whether they did.
func settled(n int) bool {
	for range 100 {
		if runtime.NumGoroutine() <= n {
			return true
		}
		time.Sleep(10 * time.Millisecond)
	}
	return false
}

// TestCancelKeepsFinishedRuns: canceled after some runs, Many returns
// them, each whole (as a run from its seed alone gives it), with
// context.Canceled, and leaves no goroutine running.
func TestCancelKeepsFinishedRuns(t *testing.T) {
	p := prepare(t, func(s *run.Setup) { s.Stop, s.Goal, s.MaxIter = neuron.StopRow, 1e-10, 0 }) // the original demo's run
	before := runtime.NumGoroutine()
	// The command cancels with a cause (the signal); the error is still
	// context.Canceled, as the command tests it.
	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	const n, stopAt = 10_000, 5
	calls := 0
	s, err := Many(ctx, p, n, Options{Workers: 2, Progress: func(done, total int) {
		calls++
		if done != calls || total != n {
			t.Errorf("progress(%d, %d) in call %d, want (%d, %d)", done, total, calls, calls, n)
		}
		if done == stopAt {
			cancel(errors.New("stopped by signal interrupt"))
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if s.Finished() < stopAt || s.Finished() >= n || s.Asked != n {
		t.Fatalf("%d of %d runs finished; want at least %d and not all", s.Finished(), s.Asked, stopAt)
	}
	if s.Goal.N != s.Finished() || s.Failed.Total() != 0 {
		t.Errorf("%d met the goal and %d failed of %d finished: a canceled run was counted", s.Goal.N, s.Failed.Total(), s.Finished())
	}
	for i, r := range s.Runs {
		if i > 0 && r.Seed <= s.Runs[i-1].Seed {
			t.Errorf("runs not in order of seed: %d after %d", r.Seed, s.Runs[i-1].Seed)
		}
		q := *p
		q.Setup.Seed = r.Seed
		out, err := q.Train(context.Background(), run.Options{})
		if err != nil || out.Iterations != r.Iterations || out.Status != r.Status {
			t.Errorf("run from seed %d: %d iterations, %v; alone it takes %d, %v (%v)", r.Seed, r.Iterations, r.Status, out.Iterations, out.Status, err)
		}
	}
	if !settled(before) {
		t.Errorf("%d goroutines after Many, %d before: a worker is still running", runtime.NumGoroutine(), before)
	}
}

// TestCancelDropsRunsInFlight: runs that would never end (one neuron
// forced onto XOR, no cap, no stall check) stop when canceled and are not
// counted.
func TestCancelDropsRunsInFlight(t *testing.T) {
	p := prepare(t, func(s *run.Setup) { s.Func, s.Force, s.MaxIter = "xor", true, 0 })
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	s, err := Many(ctx, p, 100, Options{Workers: 3})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("error %v, want context.DeadlineExceeded", err)
	}
	if s.Finished() != 0 || s.Goal.N != 0 || s.Failed.Total() != 0 {
		t.Errorf("%d runs finished, %d met, %d failed; want none: they were canceled in flight", s.Finished(), s.Goal.N, s.Failed.Total())
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Many took %v to stop after its context ended", took)
	}
	if !settled(before) {
		t.Errorf("%d goroutines after Many, %d before: a worker is still running", runtime.NumGoroutine(), before)
	}
}

// TestCancelSweepHasEveryRate: a sweep canceled early has runs at every
// rate, since it takes run 0 at every rate before run 1.
func TestCancelSweepHasEveryRate(t *testing.T) {
	p := prepare(t, func(s *run.Setup) {})
	rates := []float64{0.5, 1, 2, 4}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sw, err := SweepRates(ctx, p, rates, 1000, Options{Workers: 2, Progress: func(done, total int) {
		if total != 4000 {
			t.Errorf("progress total %d, want 4000", total)
		}
		if done == 3*len(rates) {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	for k, s := range sw.Points {
		if s.Finished() < 2 || s.Setup.Rate != rates[k] {
			t.Errorf("rate %v: %d runs finished at rate %v, want at least 2", rates[k], s.Finished(), s.Setup.Rate)
		}
	}
}

func TestBadArguments(t *testing.T) {
	p := prepare(t, func(s *run.Setup) {})
	ctx := context.Background()
	if _, err := Many(ctx, p, 0, Options{}); err == nil || err.Error() != "runs must be at least 1, not 0" {
		t.Errorf("Many with 0 runs: error %v", err)
	}
	if _, err := Many(ctx, p, 5, Options{Workers: -1}); err == nil || err.Error() != "workers must be at least 1 (or 0 for one per core), not -1" {
		t.Errorf("Many with -1 workers: error %v", err)
	}
	if _, err := SweepRates(ctx, p, nil, 5, Options{}); err == nil {
		t.Error("SweepRates with no rates: no error")
	}
	if _, err := SweepRates(ctx, p, []float64{1, -1}, 5, Options{}); err == nil {
		t.Error("SweepRates with a negative rate: no error")
	}
}

// BenchmarkManyAnd trains 200 runs of 'neuron train and' with one worker
// and with two: on two free cores, workers=2 should take about half the
// time per op (bench/cmd/statsrate measures the ratio side by side).
func BenchmarkManyAnd(b *testing.B) {
	p := prepare(b, func(s *run.Setup) {})
	for _, w := range []int{1, 2} {
		b.Run("workers="+strconv.Itoa(w), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Many(context.Background(), p, 200, Options{Workers: w}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestPoolStopsAtAJobsError: a job's error stops the pool, is returned,
// and cancels the jobs in flight, which wait for it.
func TestPoolStopsAtAJobsError(t *testing.T) {
	before := runtime.NumGoroutine()
	broken := errors.New("job 3 broke")
	finished, err := each(context.Background(), 1000, 4, nil, func(ctx context.Context, i int) (bool, error) {
		if i == 3 {
			return false, broken
		}
		if i > 3 {
			<-ctx.Done() // in flight until the pool is canceled
			return false, nil
		}
		return true, nil
	})
	if err != broken {
		t.Errorf("error %v, want %v", err, broken)
	}
	done := 0
	for _, f := range finished {
		if f {
			done++
		}
	}
	if done > 3 || finished[3] {
		t.Errorf("%d jobs finished (job 3: %v); want at most jobs 0 to 2", done, finished[3])
	}
	if !settled(before) {
		t.Errorf("%d goroutines after the pool, %d before: a worker is still running", runtime.NumGoroutine(), before)
	}
}
