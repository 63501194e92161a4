package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
	plotDir                             string // created when the pictures are drawn, if it does not exist
	lossPath, boundaryPath, weightsPath string
	lossFmt, boundaryFmt, weightsFmt    plot.Format
	x, y                                int // inputs the boundary shows
	traceFormat                         string
}

// outputs checks the output flags against the data set d, read from the
// file input (empty for a function given by name, table or expression).
func (o *trainOpts) outputs(d *neuron.Dataset, input string) (*outputs, error) {
	outs := &outputs{plotDir: o.plotDir, lossPath: o.plotLoss, boundaryPath: o.plotBoundary, weightsPath: o.plotWeights, x: 0, y: 1}
	if o.plotDir != "" {
		if outs.lossPath == "" {
			outs.lossPath = filepath.Join(o.plotDir, "loss.png")
		}
		if outs.boundaryPath == "" {
			outs.boundaryPath = filepath.Join(o.plotDir, "boundary.png")
		}
		if outs.weightsPath == "" {
			outs.weightsPath = filepath.Join(o.plotDir, "weights.png")
		}
	}
	var err error
	if outs.lossPath != "" {
		if outs.lossFmt, err = plot.FormatOf(outs.lossPath); err != nil {
			return nil, fmt.Errorf("--plot-loss %s: want a .png or .svg file", shortPath(outs.lossPath))
		}
	}
	if outs.boundaryPath != "" {
		if outs.boundaryFmt, err = plot.FormatOf(outs.boundaryPath); err != nil {
			return nil, fmt.Errorf("--plot-boundary %s: want a .png or .svg file", shortPath(outs.boundaryPath))
		}
	}
	if outs.weightsPath != "" {
		if outs.weightsFmt, err = plot.FormatOf(outs.weightsPath); err != nil {
			return nil, fmt.Errorf("--plot-weights %s: want a .png or .svg file", shortPath(outs.weightsPath))
		}
	}
	if d.Inputs == 1 {
		outs.y = 0
	}
	if o.plotInputs != "" {
		if outs.x, outs.y, err = plotInputs(o.plotInputs, inputNames(d)); err != nil {
			return nil, err
		}
	}
	if o.traceFile != "" {
		switch strings.ToLower(filepath.Ext(o.traceFile)) {
		case ".csv":
			outs.traceFormat = "csv"
		case ".jsonl", ".json":
			outs.traceFormat = "jsonl"
		default:
			return nil, fmt.Errorf("--trace-file %s: want a .csv or .jsonl file", shortPath(o.traceFile))
		}
	}
	files := []output{
		{"--save", o.save},
		{"--plot-loss", outs.lossPath},
		{"--plot-boundary", outs.boundaryPath},
		{"--trace-file", o.traceFile},
		{"--plot-weights", outs.weightsPath},
	}
	if o.plotDir != "" && o.plotLoss == "" {
		files[1].flag = "--plot"
	}
	if o.plotDir != "" && o.plotBoundary == "" {
		files[2].flag = "--plot"
	}
	if o.plotDir != "" && o.plotWeights == "" {
		files[4].flag = "--plot"
	}
	var named []output
	for _, f := range files {
		if f.path != "" {
			named = append(named, f)
		}
	}
	if err := checkOutputs(named, o.plotDir, input); err != nil {
		return nil, err
	}
	return outs, nil
}

// plotInputs reads --plot-inputs: two different input names.
func plotInputs(flag string, names []string) (x, y int, err error) {
	parts := strings.Split(flag, ",")
	if len(parts) != 2 || len(names) < 2 {
		if len(names) < 2 {
			return 0, 0, fmt.Errorf("--plot-inputs %q: the function has one input", run.Short(flag))
		}
		return 0, 0, fmt.Errorf("--plot-inputs %q: want two input names, e.g. %s,%s", run.Short(flag), names[0], names[1])
	}
	idx := make([]int, 2)
	for k, p := range parts {
		idx[k] = indexOf(names, strings.TrimSpace(p))
		if idx[k] < 0 {
			return 0, 0, fmt.Errorf("--plot-inputs: no input named %q (inputs: %s)", run.Short(p), run.Short(strings.Join(names, ", ")))
		}
	}
	if idx[0] == idx[1] {
		return 0, 0, fmt.Errorf("--plot-inputs %q: want two different inputs", run.Short(flag))
	}
	return idx[0], idx[1], nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

func (outs *outputs) plots() bool {
	return outs.lossPath != "" || outs.boundaryPath != "" || outs.weightsPath != ""
}

// makePlotDir makes --plot's directory if need be, and reports whether it
// made it (and so should remove it again if no picture is written).
func (outs *outputs) makePlotDir() (made bool, err error) {
	if outs.plotDir == "" {
		return false, nil
	}
	err = os.Mkdir(outs.plotDir, 0o777)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrExist):
		return false, nil
	}
	return false, fmt.Errorf("--plot %s: %v", shortPath(outs.plotDir), fileProblem(err))
}

// draw writes the pictures of a finished run, and reports each on w. It
// creates --plot's directory if need be, and removes it again if no
// picture could be drawn in it.
func (outs *outputs) draw(w io.Writer, p *run.Problem, res *run.Outcome) (written []string, err error) {
	made, err := outs.makePlotDir()
	if err != nil {
		return nil, err
	}
	defer func() {
		if made && len(written) == 0 {
			os.Remove(outs.plotDir)
		}
	}()
	labels := plotLabels(p, res)
	if outs.lossPath != "" {
		opt := plot.LossOptions{Labels: labels, Goal: res.Config.Goal, Stop: res.Config.Stop}
		err := writeAtomic(outs.lossPath, func(b *bufio.Writer) error { return plot.WriteLossWith(b, outs.lossFmt, res.History, opt) })
		if err != nil {
			return written, err
		}
		written = append(written, outs.lossPath)
		fmt.Fprintf(w, "Loss curve drawn to %s.\n", outs.lossPath)
	}
	if outs.boundaryPath != "" {
		// The history's weights add the boundary at earlier moments.
		opt := plot.BoundaryOptions{Labels: labels, X: outs.x, Y: outs.y, History: res.History}
		err := writeAtomic(outs.boundaryPath, func(b *bufio.Writer) error {
			return plot.WriteBoundary(b, outs.boundaryFmt, res.Model, p.Data, opt)
		})
		if err != nil {
			return written, err
		}
		written = append(written, outs.boundaryPath)
		fmt.Fprintf(w, "Decision boundary drawn to %s.\n", outs.boundaryPath)
	}
	if outs.weightsPath != "" {
		err := writeAtomic(outs.weightsPath, func(b *bufio.Writer) error {
			return plot.WriteWeights(b, outs.weightsFmt, res.Model, res.History, labels)
		})
		if err != nil {
			return written, err
		}
		written = append(written, outs.weightsPath)
		fmt.Fprintf(w, "Weights drawn to %s.\n", outs.weightsPath)
	}
	return written, nil
}

// plotLabels are the pictures' title and subtitle.
func plotLabels(p *run.Problem, res *run.Outcome) plot.Labels {
	model := "one neuron"
	if p.Setup.Hidden > 0 {
		model = fmt.Sprintf("a %d-%d-1 network", p.Data.Inputs, p.Setup.Hidden)
	}
	c := res.Config
	loss := ""
	if c.Loss != neuron.SquaredError {
		loss = c.Loss.String() + ", "
	}
	return plot.Labels{
		Title: fmt.Sprintf("%s: %s", funcName(p), model),
		Subtitle: fmt.Sprintf("learning rate %s, seed %d, %s iterations, %sstop rule %s, goal %s, %s",
			num(c.Rate), res.Seed, count(res.Iterations), loss, c.Stop, num(c.Goal), res.Status),
	}
}

// funcName names what a problem learns.
func funcName(p *run.Problem) string {
	if p.Func != nil {
		return p.Func.Name
	}
	return p.Setup.Func
}
