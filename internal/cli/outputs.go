package cli

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/plot"
	"github.com/neuronlab/neuron/internal/run"
)

// outputs are the files a training run writes, checked before training
// so that a bad name fails at once rather than after a long run.
type outputs struct {
	lossPath, boundaryPath string
	lossFmt, boundaryFmt   plot.Format
	x, y                   int // inputs the boundary shows
	traceFormat            string
}

func (o *trainOpts) outputs(d *neuron.Dataset) (*outputs, error) {
	outs := &outputs{lossPath: o.plotLoss, boundaryPath: o.plotBoundary, x: 0, y: 1}
	if o.plotDir != "" {
		if err := os.MkdirAll(o.plotDir, 0o755); err != nil {
			return nil, fmt.Errorf("--plot: %v", err)
		}
		if outs.lossPath == "" {
			outs.lossPath = filepath.Join(o.plotDir, "loss.png")
		}
		if outs.boundaryPath == "" {
			outs.boundaryPath = filepath.Join(o.plotDir, "boundary.png")
		}
	}
	var err error
	if outs.lossPath != "" {
		if outs.lossFmt, err = plot.FormatOf(outs.lossPath); err != nil {
			return nil, fmt.Errorf("--plot-loss: %v", err)
		}
	}
	if outs.boundaryPath != "" {
		if outs.boundaryFmt, err = plot.FormatOf(outs.boundaryPath); err != nil {
			return nil, fmt.Errorf("--plot-boundary: %v", err)
		}
	}
	if d.Inputs == 1 {
		outs.y = 0
	}
	if o.plotInputs != "" {
		names := inputNames(d)
		parts := strings.Split(o.plotInputs, ",")
		if len(parts) != 2 || d.Inputs < 2 {
			return nil, fmt.Errorf("--plot-inputs %q: want two input names, e.g. %s,%s", o.plotInputs, names[0], names[min(1, len(names)-1)])
		}
		idx := make([]int, 2)
		for k, p := range parts {
			idx[k] = indexOf(names, strings.TrimSpace(p))
			if idx[k] < 0 {
				return nil, fmt.Errorf("--plot-inputs: no input named %q (inputs: %s)", p, strings.Join(names, ", "))
			}
		}
		if idx[0] == idx[1] {
			return nil, fmt.Errorf("--plot-inputs %q: want two different inputs", o.plotInputs)
		}
		outs.x, outs.y = idx[0], idx[1]
	}
	if o.traceFile != "" {
		switch strings.ToLower(filepath.Ext(o.traceFile)) {
		case ".csv":
			outs.traceFormat = "csv"
		case ".jsonl", ".json":
			outs.traceFormat = "jsonl"
		default:
			return nil, fmt.Errorf("--trace-file %q: want a .csv or .jsonl file", o.traceFile)
		}
	}
	return outs, nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func (outs *outputs) plots() bool { return outs.lossPath != "" || outs.boundaryPath != "" }

// draw writes the pictures of a finished run.
func (outs *outputs) draw(w io.Writer, p *run.Problem, res *run.Outcome) error {
	model := "one neuron"
	if p.Setup.Hidden > 0 {
		model = fmt.Sprintf("a %d-%d-1 network", p.Data.Inputs, p.Setup.Hidden)
	}
	c := res.Config
	loss := ""
	if c.Loss != neuron.SquaredError {
		loss = c.Loss.String() + ", "
	}
	labels := plot.Labels{
		Title: fmt.Sprintf("%s: %s", p.Func.Name, model),
		Subtitle: fmt.Sprintf("learning rate %s, seed %d, %s iterations, %sstop rule %s, goal %s, %s",
			num(c.Rate), res.Seed, count(res.Iterations), loss, c.Stop, num(c.Goal), res.Status),
	}
	if outs.lossPath != "" {
		err := writeAtomic(outs.lossPath, func(b *bufio.Writer) error { return plot.WriteLoss(b, outs.lossFmt, res.History, labels) })
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Loss curve drawn to %s.\n", outs.lossPath)
	}
	if outs.boundaryPath != "" {
		opt := plot.BoundaryOptions{Labels: labels, X: outs.x, Y: outs.y}
		err := writeAtomic(outs.boundaryPath, func(b *bufio.Writer) error {
			return plot.WriteBoundary(b, outs.boundaryFmt, res.Model, p.Data, opt)
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Decision boundary drawn to %s.\n", outs.boundaryPath)
	}
	return nil
}
