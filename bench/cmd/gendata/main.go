// Command gendata writes the generated data set that bench/cmd/epochs and
// bench/python/sklearn_sgd.py time an epoch of training on: two Gaussian
// classes in n dimensions, a training file and a held-out test file.
//
// Each row's class is 0 or 1 with probability ½; its features are drawn
// from N(+m, I) for class 1 and N(−m, I) for class 0, with m_j = 0.03·j
// for feature j = 1 … n. The best possible classifier, the hyperplane
// through the origin orthogonal to m, is right with probability Φ(‖m‖)
// (Φ the standard normal distribution function): 0.946 for n = 20, which
// is what a trained neuron should reach on the test rows.
//
// Both files have the same binary layout, which numpy reads in one call
// (so that neither side's time to parse text enters the comparison):
//
//	8 bytes        n, the number of features, a little-endian uint64
//	then per row   n features, then the target (0 or 1), each a
//	               little-endian float64
//
// Usage: gendata -rows 1000000 -test 100000 -features 20 -seed 1 -dir DIR
// writes DIR/train.f64 and DIR/test.f64, each whole or not at all, and
// prints one line of key=value pairs.
package main

import (
	"bufio"
	"encoding/binary"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
)

// separation is the step of the class means: feature j's mean is
// ±separation·j.
const separation = 0.03

func main() {
	rows := flag.Int("rows", 1_000_000, "training rows")
	test := flag.Int("test", 100_000, "held-out test rows")
	features := flag.Int("features", 20, "features per row")
	seed := flag.Uint64("seed", 1, "seed of the generator")
	dir := flag.String("dir", "", "directory to write train.f64 and test.f64 in (required)")
	flag.Parse()
	if *dir == "" || *rows < 1 || *test < 1 || *features < 1 {
		fmt.Fprintln(os.Stderr, "gendata: need -dir DIR, -rows >= 1, -test >= 1, -features >= 1")
		os.Exit(2)
	}
	rng := rand.New(rand.NewPCG(*seed, 0))
	m := means(*features)
	for _, f := range []struct {
		name string
		rows int
	}{{"train.f64", *rows}, {"test.f64", *test}} {
		if err := write(filepath.Join(*dir, f.name), f.rows, m, rng); err != nil {
			fmt.Fprintln(os.Stderr, "gendata:", err)
			os.Exit(1)
		}
	}
	fmt.Printf("gendata rows=%d test=%d features=%d seed=%d best_accuracy=%.4f\n", *rows, *test, *features, *seed, best(m))
}

// means returns m, the mean of class 1 (class 0's is −m).
func means(n int) []float64 {
	m := make([]float64, n)
	for j := range m {
		m[j] = separation * float64(j+1)
	}
	return m
}

// best returns the accuracy of the best classifier, Φ(‖m‖).
func best(m []float64) float64 {
	var ss float64
	for _, v := range m {
		ss += v * v
	}
	return 0.5 * math.Erfc(-math.Sqrt(ss)/math.Sqrt2)
}

// write writes a file of the given number of rows drawn from rng, through
// a temporary file renamed into place at the end.
func write(file string, rows int, m []float64, rng *rand.Rand) error {
	tmp := file + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer os.Remove(tmp) // after a successful rename there is nothing left to remove
	w := bufio.NewWriterSize(f, 1<<20)
	var buf [8]byte
	put := func(v uint64) {
		binary.LittleEndian.PutUint64(buf[:], v)
		w.Write(buf[:]) // a write error stays in w and comes out of Flush
	}
	put(uint64(len(m)))
	for range rows {
		t, sign := 1.0, 1.0
		if rng.IntN(2) == 0 {
			t, sign = 0, -1
		}
		for _, mj := range m {
			put(math.Float64bits(sign*mj + rng.NormFloat64()))
		}
		put(math.Float64bits(t))
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}
