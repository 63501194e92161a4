package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
)

// Limits on what train accepts and prints.
const (
	defaultMaxIter = run.DefaultMaxIter // about a second for one neuron
	maxPrintedRows = 64                 // larger tables print only their wrong rows
)

// trainOpts are the train command's flags beyond the setup's.
type trainOpts struct {
	setup run.Setup

	plotDir, plotLoss, plotBoundary string
	plotInputs                      string

	trace                 bool
	traceFirst, traceEvry int
	traceFile             string
	explain               int
	save                  string
}

func newTrainCmd(io IO) *cobra.Command {
	o := &trainOpts{setup: run.Default(), traceFirst: 20}
	cmd := &cobra.Command{
		Use:   "train FUNC",
		Short: "Train one neuron (or a two-layer network) on a boolean function",
		Long: `train teaches one neuron, or with --hidden a two-layer network, the boolean
function FUNC by steepest descent, and prints each row's expected and actual
output, how many iterations it took, and the learned weights.

FUNC is one of:
  a name         and, or, nand, nor, xor, xnor, implies, ... ('neuron functions' lists all 16)
  a family       and3, or8, nand4, nor5, xor4 (or parity4), xnor3, majority5
  a truth table  0001: the outputs for rows 00, 01, 10, 11 (2^n characters for n inputs)
  an expression  'a & !b | c', 'maj(a,b,c)', 'a ^ b ^ c' (quote it for the shell)
  a table file   a .csv or .tsv file of 0/1 input columns and a 0/1 output column

Before training one neuron, train checks exactly whether one neuron can learn
FUNC (whether it is linearly separable); if not, it says why and stops, unless
--force. With --hidden H, a network of H hidden neurons learns FUNC instead.

Stop rules (--stop): 'max' stops when every row's loss is at most the goal
(the default, goal 0.001: every output within 0.045 of its target); 'mean'
when the mean loss is; 'row' is the original demo's rule: stop as soon as the
row just drawn is within the goal (default goal 1e-10), whatever the other
rows do.

Losses (--loss): 'squared' is ½(o−t)², the original demo's; its gradient
(o−t)·o·(1−o) all but vanishes once an output saturates near 0 or 1, even a
wrong one, which is why AND of 8 inputs is never learned with it.
'cross-entropy' is −t·ln o − (1−t)·ln(1−o), whose gradient is simply o−t.`,
		Example: `  neuron train and
  neuron train or --stop row --goal 1e-10 --seed 7
  neuron train xor --hidden 2 --restarts 5
  neuron train and8 --loss cross-entropy
  neuron train 'maj(a,b,c)' --rate 2`,
		Args: exactArgs(1, "FUNC"),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.setup.Func = args[0]
			fileAll := !cmd.Flags().Changed("trace-first") && !cmd.Flags().Changed("trace-every")
			return runTrain(cmd.Context(), io, o, fileAll)
		},
	}
	f := cmd.Flags()
	run.AddFlags(f, &o.setup)
	f.StringVar(&o.plotDir, "plot", "", "draw the loss curve and the decision boundary as DIR/loss.png and DIR/boundary.png")
	f.StringVar(&o.plotLoss, "plot-loss", "", "draw the loss curve to FILE (.png or .svg)")
	f.StringVar(&o.plotBoundary, "plot-boundary", "", "draw the decision boundary to FILE (.png or .svg)")
	f.StringVar(&o.plotInputs, "plot-inputs", "", "the two inputs the boundary shows, e.g. a,c (others are fixed at 0); default the first two")
	f.BoolVar(&o.trace, "trace", false, "print each step: row drawn, excitation, output, loss, gradients, new weights")
	f.Var(run.CountValue{P: &o.traceFirst}, "trace-first", "trace the first N steps")
	f.Var(run.CountValue{P: &o.traceEvry}, "trace-every", "after those, trace every K-th step (0: none)")
	f.StringVar(&o.traceFile, "trace-file", "", "write every step, all digits, to FILE (.csv or .jsonl); --trace-first/--trace-every limit it")
	f.Var(run.CountValue{P: &o.explain}, "explain", "work step N by hand, each formula with its numbers: --explain=N (alone: step 1)")
	f.Lookup("explain").NoOptDefVal = "1"
	f.StringVar(&o.save, "save", "", "save the learned model to FILE (JSON; 'neuron predict FILE' uses it)")
	return cmd
}

// exactArgs is cobra.ExactArgs with a message that names the argument.
func exactArgs(n int, name string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return fmt.Errorf("%s needs %s (see '%s --help')", cmd.CommandPath(), name, cmd.CommandPath())
		}
		return nil
	}
}

func runTrain(ctx context.Context, io IO, o *trainOpts, traceFileAll bool) error {
	p, err := run.Prepare(o.setup, run.CommandLimits)
	var notSep *run.NotSeparableError
	if errors.As(err, &notSep) {
		return fmt.Errorf("%v ('neuron check' explains); try --hidden 2 (a two-layer network), or --force to train one neuron anyway", err)
	}
	if err != nil {
		return err
	}
	s, f, d := &p.Setup, p.Func, p.Data
	outs, err := o.outputs(d)
	if err != nil {
		return err
	}
	out := io.Out
	if p.Sep != nil && !p.Sep.Separable {
		fmt.Fprintf(out, "%s is not linearly separable: one neuron cannot learn it. Training anyway (--force).\n", f.Name)
	}
	var traceFile *atomicFile
	if o.traceFile != "" {
		if traceFile, err = createAtomic(o.traceFile); err != nil {
			return err
		}
		defer traceFile.Abort() // after Commit, does nothing
	}
	var prog *progress
	cfg := s.Config()
	if io.Terminal {
		prog = newProgress(io.Err, d, s.Loss, cfg.MaxIter)
	}
	opts := run.Options{
		Observe: func(seed uint64, m neuron.Model) func(neuron.Event) error {
			var hooks []func(neuron.Event) error
			if o.trace || traceFile != nil || o.explain > 0 {
				tr := newTracer(d, m, s.Loss)
				tr.rate, tr.first, tr.every = cfg.Rate, o.traceFirst, o.traceEvry
				if o.trace {
					tr.text = out
				}
				if traceFile != nil {
					tr.file, tr.fileFormat, tr.fileAll = traceFile.Writer, outs.traceFormat, traceFileAll
				}
				tr.explain, tr.explainStep = out, o.explain
				hooks = append(hooks, tr.observe)
			}
			if prog != nil {
				prog.restart(fmt.Sprintf("seed %d", seed))
				hooks = append(hooks, prog.observe)
			}
			return run.Chain(hooks...)
		},
		Restarted: func(a run.Attempt, next uint64) {
			if prog != nil {
				prog.done()
			}
			fmt.Fprintf(out, "seed %d: %s after %s iterations, largest row loss %s; restarting with seed %d\n",
				a.Seed, a.Status, count(a.Iterations), num(a.MaxLoss), next)
		},
	}
	if outs.plots() {
		opts.History = historyPoints
	}
	res, err := p.Train(ctx, opts)
	if prog != nil {
		prog.done()
	}
	if o.trace || s.Restarts > 0 {
		fmt.Fprintln(out) // the explanation ends with a blank line already
	}
	printHeader(out, p, res)
	printRows(out, d, res.Model, s.Loss)
	printOutcome(out, res)
	printModel(out, res.Model)

	// Files are written even after Ctrl-C: the result so far is worth keeping.
	var fileErr error
	keep := func(err error) {
		if fileErr == nil {
			fileErr = err
		}
	}
	if traceFile != nil {
		keep(traceFile.Commit())
	}
	if res.History != nil {
		keep(outs.draw(out, p, res))
	}
	if o.save != "" {
		info := s.Info(d.Names, res)
		err := writeAtomic(o.save, func(w *bufio.Writer) error { return neuron.Save(w, res.Model, info) })
		if err == nil {
			fmt.Fprintf(out, "Model saved to %s.\n", o.save)
		}
		keep(err)
	}
	switch {
	case errors.Is(err, context.Canceled):
		return fmt.Errorf("interrupted after %s iterations; the result so far is above: %w", count(res.Iterations), err)
	case err != nil:
		return err
	case fileErr != nil:
		return fileErr
	}
	return outcomeError(p, res)
}

// historyPoints is the most points a loss curve keeps, however long the run.
const historyPoints = 1000

func printHeader(w io.Writer, p *run.Problem, res *run.Outcome) {
	s, d, c := &p.Setup, p.Data, res.Config
	fmt.Fprintf(w, "%s: %s, %d inputs, %d rows\n", p.Func.Name, s.Model(), d.Inputs, d.Len())
	cap := "no cap"
	if s.MaxIter > 0 {
		cap = "cap " + count(s.MaxIter)
	}
	loss := ""
	if s.Loss != neuron.SquaredError {
		loss = s.Loss.String() + " "
	}
	fmt.Fprintf(w, "learning rate %s, %sloss goal %s (stop rule %s), %s, seed %d\n\n", num(c.Rate), loss, num(c.Goal), c.Stop, cap, res.Seed)
}

// printRows prints each row's inputs, expected and actual output and loss;
// for large tables, only the rows on the wrong side of 0.5.
func printRows(w io.Writer, d *neuron.Dataset, m neuron.Model, l neuron.Loss) {
	names := inputNames(d)
	var head strings.Builder
	for _, n := range names {
		fmt.Fprintf(&head, "%s ", n)
	}
	fmt.Fprintf(w, "%sexpected  actual        loss\n", head.String())
	wrong := 0
	for i := range d.Len() {
		x, t := d.Row(i)
		o, loss := l.At(m, x, t)
		bad := (o >= 0.5) != (t >= 0.5)
		if bad {
			wrong++
		}
		if d.Len() > maxPrintedRows && (!bad || wrong > 10) {
			continue
		}
		var row strings.Builder
		for j, v := range x {
			fmt.Fprintf(&row, "%-*v ", len(names[j]), v)
		}
		mark := ""
		if bad {
			mark = "  wrong side of 0.5"
		}
		line := fmt.Sprintf("%s%-8v  %.10f  %-9s%s", row.String(), t, o, num(loss), mark)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	if d.Len() > maxPrintedRows {
		fmt.Fprintf(w, "(%s rows; only rows on the wrong side of 0.5 are shown, at most 10)\n", count(d.Len()))
	}
	fmt.Fprintln(w)
}

func inputNames(d *neuron.Dataset) []string {
	if len(d.Names) == d.Inputs {
		return d.Names
	}
	names := make([]string, d.Inputs)
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i+1)
	}
	return names
}

// ruleLoss names the loss a stop rule measures.
func ruleLoss(s neuron.Stop) string {
	switch s {
	case neuron.StopMax:
		return "largest row loss"
	case neuron.StopMean:
		return "mean loss"
	}
	return "loss of the last row drawn"
}

func printOutcome(w io.Writer, res *run.Outcome) {
	c := res.Config
	what := ruleLoss(c.Stop)
	switch res.Status {
	case neuron.GoalMet:
		fmt.Fprintf(w, "Learned in %s iterations: %s %s ≤ goal %s.\n", count(res.Iterations), what, num(res.Loss), num(c.Goal))
	default:
		fmt.Fprintf(w, "Not learned: %s after %s iterations; %s %s > goal %s.\n", res.Status, count(res.Iterations), what, num(res.Loss), num(c.Goal))
	}
	fmt.Fprintf(w, "%d of %d rows on the right side of 0.5; largest row loss %s, mean loss %s.\n",
		res.Table.Correct, res.Table.Rows, num(res.Table.Max), num(res.Table.Mean))
}

func printModel(w io.Writer, m neuron.Model) {
	switch m := m.(type) {
	case *neuron.Neuron:
		fmt.Fprintf(w, "Weights: %s; bias b = %s\n", weightList(m.W), num(m.Bias))
	case *neuron.Net:
		for j := range m.Hidden() {
			h := m.HiddenNeuron(j)
			fmt.Fprintf(w, "Hidden neuron %d: %s; bias b = %s\n", j+1, weightList(h.W), num(h.Bias))
		}
		fmt.Fprintf(w, "Output neuron: %s; bias b = %s\n", weightList(m.W2), num(m.B2))
	}
}

// outcomeError returns the error for a run that did not meet its goal.
func outcomeError(p *run.Problem, res *run.Outcome) error {
	c := res.Config
	what := ruleLoss(c.Stop)
	hint := ""
	if flatSpot(p, res.Model) {
		hint = "; a wrong output is saturated near 0 or 1, where the squared error's gradient (o−t)·o·(1−o) all but vanishes: try --loss cross-entropy"
	}
	switch res.Status {
	case neuron.GoalMet:
		return nil
	case neuron.IterationLimit:
		return notLearned("iteration cap of %s reached before the goal: %s %s > %s%s", count(c.MaxIter), what, num(res.Loss), num(c.Goal), hint)
	case neuron.Stalled:
		if hint == "" {
			hint = "; try --restarts or more --hidden neurons"
		}
		return notLearned("stalled: the mean loss fell less than 1%% in %s iterations (%s %s > %s)%s",
			count(c.StallWindow), what, num(res.Loss), num(c.Goal), hint)
	case neuron.Saturated:
		return notLearned("saturated after %s iterations: the outputs are pinned at 0 or 1, so every gradient is 0 and the weights stopped changing (%s %s); try a smaller learning rate than %s",
			count(res.Iterations), what, num(res.Loss), num(c.Rate))
	}
	return notLearned("%s after %s iterations%s", res.Status, count(res.Iterations), hint)
}

// flatSpot reports whether squared-error training is stuck on the flat
// spot of the sigmoid: some row's output is on the wrong side of 0.5 and
// so close to 0 or 1 that o·(1−o), and with it the gradient, is tiny.
func flatSpot(p *run.Problem, m neuron.Model) bool {
	const flat = 0.01 // o·(1−o) below this: o within about 0.01 of 0 or 1
	if p.Setup.Loss != neuron.SquaredError {
		return false
	}
	for i := range p.Data.Len() {
		x, t := p.Data.Row(i)
		o := m.Output(x)
		if (o >= 0.5) != (t >= 0.5) && o*(1-o) < flat {
			return true
		}
	}
	return false
}
