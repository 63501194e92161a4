package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/explain"
)

// A tracer follows training step by step. It keeps a copy of the model
// as it was before the current step, so that it can show what a learner
// would compute by hand: the excitation, output, loss and gradients from
// the old weights, and the new weights after the step.
type tracer struct {
	d     *neuron.Dataset
	loss  neuron.Loss
	names []string // input names
	prev  neuron.Model
	grad  neuron.Model // scratch for gradients

	text        io.Writer // the printed trace, or nil
	first       int       // print the first steps...
	every       int       // ...then every every-th step (0: none)
	all         bool      // ...or every step
	file        *bufio.Writer
	fileFormat  string // "csv" or "jsonl"
	fileFirst   int    // the steps the file gets, as first, every and all
	fileEvery   int
	fileAll     bool
	explain     io.Writer
	explainStep int     // the step to explain (0: none)
	rate        float64 // the learning rate, for the explanation

	cols    []column // the trace's columns, fixed by the model's shape
	vals    []float64
	textHdr bool // the printed trace's heading was written
	fileHdr bool // the CSV file's header was written
}

// A column of the trace: a heading for people, a name for files, and its
// width in the printed trace (0: only in files).
type column struct {
	head, name string
	width      int
}

// Widths of printed columns.
const (
	numWidth = 12 // a number with five significant digits
	bitWidth = 3  // an input or target of a truth table
)

func newTracer(d *neuron.Dataset, m neuron.Model, l neuron.Loss) *tracer {
	t := &tracer{d: d, loss: l, names: inputNames(d), prev: neuron.Clone(m)}
	t.grad = neuron.Clone(m)
	t.cols = traceColumns(t.names, m)
	t.vals = make([]float64, len(t.cols))
	return t
}

// copyModel sets dst's weights and biases to src's.
func copyModel(dst, src neuron.Model) {
	switch d := dst.(type) {
	case *neuron.Neuron:
		s := src.(*neuron.Neuron)
		copy(d.W, s.W)
		d.Bias = s.Bias
	case *neuron.Net:
		s := src.(*neuron.Net)
		copy(d.W1, s.W1)
		copy(d.B1, s.B1)
		copy(d.W2, s.W2)
		d.B2 = s.B2
	}
}

// traceColumns lists the columns for model m: iteration, row, inputs,
// target; then for a neuron u, o, loss, gradients, new weights; for a
// network the hidden outputs, o, loss, and (in files) every gradient
// and new weight.
func traceColumns(names []string, m neuron.Model) []column {
	cols := []column{{"iter", "iteration", 9}, {"row", "row", 0}}
	for i, n := range names {
		cols = append(cols, column{n, fmt.Sprintf("x%d", i+1), max(bitWidth, len(n)+1)})
	}
	cols = append(cols, column{"t", "target", bitWidth})
	num := func(head, name string) column { return column{head, name, numWidth} }
	switch m := m.(type) {
	case *neuron.Neuron:
		cols = append(cols, num("u", "excitation"), num("o", "output"), num("loss", "loss"))
		for i := range m.W {
			cols = append(cols, num(fmt.Sprintf("dL/dw%d", i+1), fmt.Sprintf("grad_w%d", i+1)))
		}
		cols = append(cols, num("dL/db", "grad_b"))
		for i := range m.W {
			cols = append(cols, num(fmt.Sprintf("w%d", i+1), fmt.Sprintf("w%d", i+1)))
		}
		cols = append(cols, num("bias", "b"))
	case *neuron.Net:
		for j := range m.Hidden() {
			cols = append(cols, num(fmt.Sprintf("h%d", j+1), fmt.Sprintf("h%d", j+1)))
		}
		cols = append(cols, num("o", "output"), num("loss", "loss"))
		for _, prefix := range []string{"grad_", ""} {
			for j := range m.Hidden() {
				for i := range names {
					cols = append(cols, column{name: fmt.Sprintf("%sw%d_%d", prefix, j+1, i+1)})
				}
				cols = append(cols, column{name: fmt.Sprintf("%sb%d", prefix, j+1)})
			}
			for j := range m.Hidden() {
				cols = append(cols, column{name: fmt.Sprintf("%sv%d", prefix, j+1)})
			}
			cols = append(cols, column{name: prefix + "c"})
		}
	}
	return cols
}

// observe is the tracer's Config.Progress.
func (t *tracer) observe(e neuron.Event) error {
	it := e.Iteration
	printed := t.text != nil && due(it, t.first, t.every, t.all)
	filed := t.file != nil && due(it, t.fileFirst, t.fileEvery, t.fileAll)
	if printed || filed {
		t.fill(e)
		if printed {
			t.printRow()
		}
		if filed {
			if err := t.fileRow(); err != nil {
				return err
			}
		}
	}
	if it == t.explainStep {
		x, target := t.d.Row(e.Row)
		explain.Step(t.explain, t.names, it, x, target, t.rate, t.loss, t.prev, e.Model)
		t.textHdr = false // head the printed trace again after the explanation
	}
	copyModel(t.prev, e.Model)
	return nil
}

// due reports whether step it is traced: one of the first steps, or a
// multiple of every, or any step with all.
func due(it, first, every int, all bool) bool {
	return all || it <= first || every > 0 && it%every == 0
}

// fill computes the step's values from the model before it (t.prev) and
// after it (e.Model), using the package's own formulas.
func (t *tracer) fill(e neuron.Event) {
	x, target := t.d.Row(e.Row)
	v := append(t.vals[:0], float64(e.Iteration), float64(e.Row))
	v = append(v, x...)
	v = append(v, target)
	switch p := t.prev.(type) {
	case *neuron.Neuron:
		g, m := t.grad.(*neuron.Neuron), e.Model.(*neuron.Neuron)
		o, loss := p.Gradient(x, target, t.loss, g)
		v = append(v, p.Excitation(x), o, loss)
		v = append(append(v, g.W...), g.Bias)
		v = append(append(v, m.W...), m.Bias)
	case *neuron.Net:
		g, m := t.grad.(*neuron.Net), e.Model.(*neuron.Net)
		for j := range p.Hidden() {
			v = append(v, p.HiddenNeuron(j).Output(x))
		}
		o, loss := p.Gradient(x, target, t.loss, g)
		v = append(v, o, loss)
		for _, n := range []*neuron.Net{g, m} {
			for j := range n.Hidden() {
				h := n.HiddenNeuron(j)
				v = append(append(v, h.W...), h.Bias)
			}
			v = append(append(v, n.W2...), n.B2)
		}
	}
	t.vals = v
}

// printRow prints the shown columns of one step, with a heading first.
func (t *tracer) printRow() {
	var b strings.Builder
	if !t.textHdr {
		for _, c := range t.cols {
			if c.width > 0 {
				fmt.Fprintf(&b, "%*s", c.width, c.head)
			}
		}
		fmt.Fprintf(t.text, "%s\n", b.String())
		b.Reset()
		t.textHdr = true
	}
	for k, c := range t.cols {
		if c.width > 0 {
			fmt.Fprintf(&b, "%*s", c.width, explain.Digits(t.vals[k], 5))
		}
	}
	fmt.Fprintf(t.text, "%s\n", b.String())
}

// fileRow writes one step to the trace file, every digit kept.
func (t *tracer) fileRow() error {
	w := t.file
	switch t.fileFormat {
	case "csv":
		if !t.fileHdr {
			for k, c := range t.cols {
				if k > 0 {
					w.WriteByte(',')
				}
				w.WriteString(c.name)
			}
			w.WriteByte('\n')
			t.fileHdr = true
		}
		for k, v := range t.vals {
			if k > 0 {
				w.WriteByte(',')
			}
			w.WriteString(explain.Digits(v, -1))
		}
		w.WriteByte('\n')
	case "jsonl":
		w.WriteByte('{')
		for k, c := range t.cols {
			if k > 0 {
				w.WriteByte(',')
			}
			name, _ := json.Marshal(c.name)
			w.Write(name)
			w.WriteByte(':')
			if v := t.vals[k]; math.IsInf(v, 0) || math.IsNaN(v) {
				w.WriteString("null") // JSON has no Inf or NaN
			} else {
				w.WriteString(explain.Digits(v, -1))
			}
		}
		w.WriteString("}\n")
	}
	// A bufio.Writer keeps its first error; an empty write returns it.
	_, err := w.Write(nil)
	return err
}
