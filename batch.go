package neuron

import (
	"runtime"
	"sync"
)

// A batcher makes the steps that use several rows (Config.Batch), or an
// L2 penalty: it sums the rows' gradients, each computed with the
// weights as they are before the step, then moves the weights once
// against the mean gradient.
//
// A large batch is cut into blocks whose gradients are summed separately
// and then added up in block order. The blocks depend only on the batch
// size, never on the number of goroutines that compute them, so a run
// gives the same bits on one core or on many.
type batcher struct {
	m       Model
	d       *Dataset
	size    int // rows per step
	loss    Loss
	g       []float64   // the step's summed gradient, in Model.params order
	rows    []int       // the step's rows
	losses  []float64   // each of those rows' loss
	blocks  [][]float64 // each block's gradient, for batches of several blocks
	scratch []*scratch  // one per goroutine
	workers int
}

// Blocks of a large batch: at least blockRows rows each, and at most
// maxBlocks of them, which bounds their memory.
const (
	blockRows = 1024
	maxBlocks = 64
)

func newBatcher(m Model, d *Dataset, l Loss, size, workers int) *batcher {
	np := len(m.params(nil))
	b := &batcher{m: m, d: d, loss: l, size: size, g: make([]float64, np), rows: make([]int, size), losses: make([]float64, size)}
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	nb := b.blockCount(size)
	b.workers = max(1, min(workers, nb))
	if nb > 1 {
		b.blocks = make([][]float64, nb)
		for k := range b.blocks {
			b.blocks[k] = make([]float64, np)
		}
	}
	for range b.workers {
		b.scratch = append(b.scratch, m.newScratch())
	}
	return b
}

// blockCount returns how many blocks a batch of n rows is cut into.
func (b *batcher) blockCount(n int) int {
	nb := (n + blockRows - 1) / blockRows
	return min(nb, maxBlocks)
}

// step makes one step on the next used rows at the given learning rate
// and returns their mean loss before the step.
func (b *batcher) step(t *trainer, used int, rate float64) float64 {
	rows := b.rows[:used]
	if b.size == len(b.d.T) {
		for k := range rows { // full batch: every row, in order
			rows[k] = k
		}
	} else {
		for k := range rows {
			rows[k] = t.next()
		}
	}
	g := b.g
	clear(g)
	nb := b.blockCount(used)
	if nb == 1 {
		b.sum(rows, b.losses, g, b.scratch[0])
	} else {
		b.sumBlocks(rows, nb)
	}
	var total float64
	for k, i := range rows {
		total += b.losses[k]
		if t.book != nil {
			t.book.observe(i, b.losses[k])
		}
	}
	if used > 1 {
		inv := 1 / float64(used)
		for k := range g {
			g[k] *= inv // the mean gradient
		}
	}
	b.m.descend(g, rate, t.c.L2)
	return total / float64(used)
}

// sum adds the gradients of rows to g, keeping each row's loss.
func (b *batcher) sum(rows []int, losses, g []float64, s *scratch) {
	d, n := b.d, b.d.Inputs
	for k, i := range rows {
		losses[k] = b.m.addGradient(d.X[i*n:i*n+n:i*n+n], d.T[i], b.loss, g, s)
	}
}

// sumBlocks cuts rows into nb blocks, sums each block's gradient on the
// batcher's goroutines, and adds the blocks up in order into b.g.
func (b *batcher) sumBlocks(rows []int, nb int) {
	per := (len(rows) + nb - 1) / nb
	block := func(k int, s *scratch) {
		lo, hi := k*per, min((k+1)*per, len(rows))
		clear(b.blocks[k])
		b.sum(rows[lo:hi], b.losses[lo:hi], b.blocks[k], s)
	}
	if b.workers == 1 {
		for k := range nb {
			block(k, b.scratch[0])
		}
	} else {
		var wg sync.WaitGroup
		for w := range b.workers {
			wg.Go(func() {
				for k := w; k < nb; k += b.workers {
					block(k, b.scratch[w])
				}
			})
		}
		wg.Wait()
	}
	for k := range nb {
		addTo(b.g, b.blocks[k])
	}
}
