// Command epochs times epochs of neuron.Train on the data set that
// bench/cmd/gendata writes, to compare with scikit-learn's SGDClassifier
// (bench/python/sklearn_sgd.py) on the same file.
//
// It reads DIR/train.f64 and DIR/test.f64 (gendata's layout) before the
// clock starts, then trains one neuron, its weights drawn from N(0, 1)
// with rand.NewPCG(seed, 0), with cross-entropy loss, every row once per
// epoch in a new random order (neuron.Shuffle), a constant learning rate
// and no penalty, for a fixed number of epochs:
//
//	-batch 1     online steepest descent, a step per row: the algorithm
//	             of SGDClassifier;
//	-batch B     mini-batches of B rows, a step on their mean gradient;
//	-batch all   full batch, a step per epoch on every row's mean gradient.
//
// A batch of more than 1024 rows is cut into blocks whose gradients are
// summed on up to -workers goroutines (0: one per core) and added in
// block order, so the weights come out the same bits whatever the number
// of workers; the line printed ends with a hash of them to check this.
//
// Training stops at the epoch cap. Besides the cap, Train always has a
// stop rule: by default (-stop mean) the mean loss over the training
// rows, as 'neuron train --csv' uses, for which Train remembers each row's
// loss as last seen (a store and a load at a random place of a table as
// long as the data set for every row used); -stop none uses the rule of
// the row just drawn with a goal no row reaches, which keeps nothing per
// row, as SGDClassifier does not.
//
// With -hugepages (the default) the data set's memory is advised to Linux
// as 2 MiB pages, as numpy advises its large arrays, so that both sides
// pay the same for rows read in random order; -hugepages=false leaves it
// in ordinary 4 KiB pages, as a Go program that reads a table gets.
//
// The time is that of the neuron.Train call, divided by the epochs; with
// -stop mean it includes Train's measure of every training row's loss
// before training, and in any case after it. It prints one line of
// key=value pairs:
//
//	epochs lang=go go=go1.26.8 stop=mean hugepages=true batch=1 workers=2 rows=… epochs=… rate=… seconds=… s_per_epoch=… ns_per_row=… test_accuracy=… params=…
package main

import (
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"

	"github.com/neuronlab/neuron"
)

// A run is what the flags ask for.
type run struct {
	dir, batch, stop, profile string
	size                      int // Config.Batch
	rate                      float64
	epochs, workers           int
	seed                      uint64
	hugePages                 bool
}

func main() {
	var r run
	flag.StringVar(&r.dir, "dir", "", "directory holding train.f64 and test.f64, as gendata writes them (required)")
	flag.StringVar(&r.batch, "batch", "1", "rows per step: 1 (online), a mini-batch size, or all (full batch)")
	flag.Float64Var(&r.rate, "rate", 0.01, "learning rate (constant)")
	flag.IntVar(&r.epochs, "epochs", 5, "epochs to train")
	flag.IntVar(&r.workers, "workers", 0, "most goroutines a step of a large batch uses (0: one per core)")
	flag.Uint64Var(&r.seed, "seed", 1, "seed of the starting weights and the row order")
	flag.StringVar(&r.stop, "stop", "mean", "stop rule besides the epoch cap: mean (the mean loss over the rows, as data runs use) or none")
	flag.BoolVar(&r.hugePages, "hugepages", true, "ask Linux for 2 MiB pages for the data set, as numpy does for large arrays")
	flag.StringVar(&r.profile, "cpuprofile", "", "write a CPU profile of the training to this file")
	flag.Parse()
	var err error
	r.size, err = parseBatch(r.batch)
	if err != nil || (r.stop != "mean" && r.stop != "none") || r.dir == "" || r.epochs < 1 || !(r.rate > 0) || r.workers < 0 {
		fmt.Fprintln(os.Stderr, "epochs: need -dir DIR, -batch 1|B|all, -stop mean|none, -epochs >= 1, -rate > 0, -workers >= 0")
		os.Exit(2)
	}
	if err := r.do(); err != nil {
		fmt.Fprintln(os.Stderr, "epochs:", err)
		os.Exit(1)
	}
}

// do reads the data, trains and prints the result line.
func (r *run) do() error {
	train, err := read(filepath.Join(r.dir, "train.f64"), r.hugePages)
	if err != nil {
		return err
	}
	test, err := read(filepath.Join(r.dir, "test.f64"), r.hugePages)
	if err != nil {
		return err
	}
	// Collect the garbage of reading (the files' bytes) now, so that no
	// collection runs on the clock.
	runtime.GC()

	m, c := r.setup(train)
	if r.profile != "" {
		stop, err := startProfile(r.profile)
		if err != nil {
			return err
		}
		defer stop()
	}
	start := time.Now()
	res, err := neuron.Train(context.Background(), m, train, c)
	secs := time.Since(start).Seconds()
	if err != nil {
		return err
	}
	if res.Status != neuron.EpochLimit || res.Epochs != r.epochs {
		return fmt.Errorf("training stopped after %d epochs (%v), not at the cap of %d", res.Epochs, res.Status, r.epochs)
	}
	workers := r.workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	acc := float64(neuron.Evaluate(m, test, neuron.CrossEntropy).Correct) / float64(test.Len())
	fmt.Printf("epochs lang=go go=%s stop=%s hugepages=%t batch=%s workers=%d rows=%d epochs=%d rate=%g seconds=%.6f s_per_epoch=%.6f ns_per_row=%.3f test_accuracy=%.4f params=%016x\n",
		runtime.Version(), r.stop, r.hugePages, r.batch, workers, train.Len(), r.epochs, r.rate, secs, secs/float64(r.epochs),
		secs*1e9/float64(r.epochs*train.Len()), acc, hash(neuron.Params(m)))
	return nil
}

// setup returns the starting model and the configuration of the run.
func (r *run) setup(train *neuron.Dataset) (neuron.Model, neuron.Config) {
	rng := rand.New(rand.NewPCG(r.seed, 0))
	m := neuron.NewRandom(train.Inputs, rng)
	c := neuron.Config{
		Rand: rng, Rate: r.rate, Loss: neuron.CrossEntropy, Stop: neuron.StopMean,
		Order: neuron.Shuffle, Batch: r.size, MaxEpochs: r.epochs, MaxIter: neuron.NoLimit, Workers: r.workers,
	}
	if r.stop == "none" {
		c.Stop, c.Goal = neuron.StopRow, unreachable
	}
	return m, c
}

// unreachable is the loss goal of -stop none, with the rule that stops
// when the row just used has a loss at most the goal: the smallest
// positive float64, which a row's cross-entropy reaches only if its
// excitation is beyond about ±745, so that the epoch cap alone stops.
// Unlike the mean rule, this rule keeps no loss per row.
const unreachable = math.SmallestNonzeroFloat64

// startProfile starts a CPU profile written to file; call stop to end it.
func startProfile(file string) (stop func(), err error) {
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// parseBatch reads -batch: 1, a size, or "all".
func parseBatch(s string) (int, error) {
	if s == "all" {
		return neuron.FullBatch, nil
	}
	n, err := strconv.Atoi(s)
	if err == nil && n < 1 {
		err = errors.New("batch size below 1")
	}
	return n, err
}

// read reads a data set in gendata's layout: the number of features n as
// a little-endian uint64, then rows of n features and a target, each a
// little-endian float64. With huge, the data set's memory is advised as
// huge pages before it is first written.
func read(file string, huge bool) (*neuron.Dataset, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	if len(b) < 8 {
		return nil, fmt.Errorf("%s: too short for gendata's layout", file)
	}
	n := int(binary.LittleEndian.Uint64(b))
	b = b[8:]
	width := 8 * (n + 1)
	if n < 1 || n > 1<<20 || len(b)%width != 0 || len(b) == 0 {
		return nil, fmt.Errorf("%s: not whole rows of %d features and a target", file, n)
	}
	rows := len(b) / width
	// neuron.MakeDataset is how the command allocates a table it trains
	// on (large pages on Linux); -hugepages=false allocates plainly, to
	// show what the pages are worth.
	d := &neuron.Dataset{Inputs: n, X: make([]float64, 0, rows*n), T: make([]float64, 0, rows)}
	if huge {
		d = neuron.MakeDataset(n, rows)
	}
	for i := range rows {
		row := b[i*width : (i+1)*width]
		for j := range n {
			d.X = append(d.X, math.Float64frombits(binary.LittleEndian.Uint64(row[8*j:])))
		}
		d.T = append(d.T, math.Float64frombits(binary.LittleEndian.Uint64(row[8*n:])))
	}
	return d, d.Validate()
}

// hash returns the FNV-1a hash of the parameters' bits: equal hashes mean
// (but for a one-in-2⁶⁴ chance) the same weights to the last bit.
func hash(params []float64) uint64 {
	h := fnv.New64a()
	for _, p := range params {
		h.Write(binary.LittleEndian.AppendUint64(nil, math.Float64bits(p)))
	}
	return h.Sum64()
}
