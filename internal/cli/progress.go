package cli

import (
	"io"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/neuronlab/neuron"
)

// progress shows a live line on a terminal during long runs: iterations
// done, iterations per second, the mean loss and the time elapsed. It
// appears only after a quarter of a second, so short runs print nothing
// extra, and never when standard error is not a terminal.
type progress struct {
	w     io.Writer
	d     *neuron.Dataset
	loss  neuron.Loss
	cap   int
	start time.Time
	bar   *progressbar.ProgressBar
	what  string // e.g. "seed 3"
}

// progressEvery is how often, in iterations, the line is brought up to
// date (a power of two minus one, as a mask): often enough to look live,
// rarely enough to cost nothing measurable.
const progressEvery = 1<<16 - 1

// progressRows is the largest table whose mean loss the line measures;
// for larger tables, or none (a nil data set), it shows the loss of the
// row just used.
const progressRows = 4096

func newProgress(w io.Writer, d *neuron.Dataset, l neuron.Loss, cap int) *progress {
	return &progress{w: w, d: d, loss: l, cap: cap}
}

// observe is the progress line's Config.Progress.
func (p *progress) observe(e neuron.Event) error {
	if e.Iteration&progressEvery != 0 {
		return nil
	}
	if time.Since(p.start) < progressDelay {
		return nil
	}
	if p.d != nil && p.d.Len() <= progressRows {
		p.bar.Describe(p.what + "mean loss " + num(neuron.Evaluate(e.Model, p.d, p.loss).Mean))
	} else {
		p.bar.Describe(p.what + "row loss " + num(e.Loss)) // measuring every row would cost too much
	}
	p.bar.Set64(int64(e.Iteration))
	return nil
}

// progressDelay is how long a run goes before its line appears.
const progressDelay = 250 * time.Millisecond

// restart starts a new line for another attempt. The bar exists from the
// start, so that its rate counts from there, but draws nothing until
// observe first updates it.
func (p *progress) restart(what string) {
	p.done()
	p.start, p.what = time.Now(), what+": "
	max := int64(p.cap)
	if max <= 0 {
		max = -1 // no cap: a spinner
	}
	p.bar = progressbar.NewOptions64(max,
		progressbar.OptionSetWriter(p.w),
		progressbar.OptionSetItsString("it"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(false),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(20),
		progressbar.OptionClearOnFinish(),
	)
	p.bar.StartWithoutRender() // the rate counts from now
}

// done clears the line, if it was drawn, before the result is printed.
func (p *progress) done() {
	if p.bar != nil && time.Since(p.start) >= progressDelay {
		p.bar.Clear()
	}
	p.bar = nil
}
