package neuron

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkSeedIteration times one iteration of the original procedure:
// draw a row, forward, loss, gradients, update, stop check. The goal is
// never met, so each of the b.N iterations is one op.
func BenchmarkSeedIteration(b *testing.B) {
	d, _ := NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	rng := rand.New(rand.NewPCG(1, 0))
	n := NewRandom(2, rng)
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := Train(context.Background(), n, d, Config{Rand: rng, Goal: 1e-300, MaxIter: b.N}); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkTrainAND times whole runs of the original procedure on AND, one
// seed per op, and reports the time per iteration.
func BenchmarkTrainAND(b *testing.B) {
	d, _ := NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 0, 0, 1})
	b.ReportAllocs()
	seed := uint64(0)
	iters := 0
	for b.Loop() {
		rng := rand.New(rand.NewPCG(seed, 0))
		seed++
		res, err := Train(context.Background(), NewRandom(2, rng), d, Config{Rand: rng})
		if err != nil {
			b.Fatal(err)
		}
		iters += res.Iterations
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(iters), "ns/iter")
}

func benchmarkNetStep(b *testing.B, hidden int) {
	rng := rand.New(rand.NewPCG(1, 0))
	n := NewNetRandom(2, hidden, rng)
	x := [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	tg := []float64{0, 1, 1, 0}
	b.ReportAllocs()
	for b.Loop() {
		i := rng.IntN(4)
		n.Step(x[i], tg[i], 0.5, SquaredError)
	}
}

func BenchmarkNetStep221(b *testing.B) { benchmarkNetStep(b, 2) }
func BenchmarkNetStep241(b *testing.B) { benchmarkNetStep(b, 4) }

// BenchmarkNetIteration241 times one iteration of Train on a network with
// 4 hidden neurons learning XOR, one row per step: draw a row, forward,
// loss, backward and update, stop check. As in BenchmarkSeedIteration
// the goal is never met, so each of the b.N iterations is one op.
func BenchmarkNetIteration241(b *testing.B) {
	d, _ := NewDataset([][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}, []float64{0, 1, 1, 0})
	rng := rand.New(rand.NewPCG(1, 0))
	n := NewNetRandom(2, 4, rng)
	b.ReportAllocs()
	b.ResetTimer()
	res, err := Train(context.Background(), n, d, Config{Rand: rng, Goal: 1e-300, MaxIter: b.N})
	if err != nil || res.Iterations != b.N {
		b.Fatalf("%v after %d of %d iterations (error %v)", res.Status, res.Iterations, b.N, err)
	}
}
