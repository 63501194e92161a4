package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
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

	save                                         string
	plotDir, plotLoss, plotBoundary, plotWeights string
	plotInputs                                   string

	trace                  bool
	traceFirst, traceEvery int
	traceAll               bool
	traceFile              string
	explain                int
	json                   bool
}

// traceFileSteps is how many steps a trace file keeps unless told: the
// first 10,000, a few megabytes, however long the run.
const traceFileSteps = 10_000

func newTrainCmd(io IO) *cobra.Command {
	o := &trainOpts{setup: run.Default(), traceFirst: 20}
	var data *run.DataFlags // bound below, read when the command runs
	cmd := &cobra.Command{
		Use:   "train FUNC | train --csv FILE",
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
'cross-entropy' is −t·ln o − (1−t)·ln(1−o), whose gradient is simply o−t.

Your own data: with --csv FILE and no FUNC, train learns a table of numeric
feature columns and a target column of two labels (--target, --features;
--positive LABEL learns one label against the rest). It holds rows out to test
the model (--test 0.2 by default, or --folds K for stratified cross-validation),
standardizes each feature on the training rows (unless --raw), and reports
accuracy, precision, recall, F1, log-loss, AUC and the confusion matrix on the
held-out rows. Steps take one row drawn at random, as the original demo does
(--order draw), or every row once per epoch in a shuffled order (--order
shuffle), singly or in mini-batches (--batch N, or --batch all); --decay lowers
the learning rate each epoch, --l2 penalizes large weights, --epochs caps the
epochs (100), and --patience stops early when the loss on validation rows,
held out of the training rows, stops falling. --stream reads a file larger
than memory in passes. With --csv there is no loss goal (--stop none) and no
iteration cap unless asked. 'neuron predict MODEL --csv FILE' applies a saved
model to new rows.

Output files are checked before training starts, written whole or not at all,
and kept after Ctrl-C with the result so far. Standard output carries the
results; notices (files written, restarts, progress) go to standard error.

With --json, standard output is one JSON object: function, inputs (names),
setup {model, hidden, rate, loss, stop, goal, max_iter (0: no cap), stall,
seed, restarts}, status (goal_met, iteration_limit, stalled, saturated,
diverged or interrupted), learned, seed (of the final attempt), iterations,
stop_loss (the loss the stop rule measured last), rows, correct_rows,
max_loss, mean_loss, table [{inputs, expected, output, loss}] (every row, or
for more than 64 rows only the first 10 on the wrong side of 0.5:
table_complete says which), model {kind, inputs, weights, bias, or hidden
[{weights, bias}] and output {weights, bias}}, attempts [{seed, status,
iterations, max_loss}], and files {model, loss_plot, boundary_plot,
weights_plot, trace} written.

With --csv and --json, the object has: data {file, target, features,
negative, positive, one_vs_rest, rows, class_rows, rows_dropped}, setup (as
above, and order, batch, decay, l2, epochs, patience, validation, test, folds,
raw), tested, splits [{fold, train_rows, validation_rows, test_rows, held_out
(the tested rows, 0 the first data row), result {status, epochs, iterations,
best_epoch}, report {rows, accuracy, precision, recall, f1, log_loss, auc, tp,
fp, tn, fn}}], mean and std (over the folds), final (the kept model's result),
model, scale {mean, std} and files.

Exit status: 0 learned (for --csv: trained), 1 bad input or an error, 2 not
learned (cap, stall, saturation), 130 interrupted (143 for SIGTERM, 129 for
SIGHUP).`,
		Example: `  neuron train and
  neuron train or --stop row --goal 1e-10 --seed 7
  neuron train xor --hidden 2 --restarts 5
  neuron train and8 --loss cross-entropy
  neuron train 'maj(a,b,c)' --rate 2 --json
  neuron train --csv cells.csv --folds 5 --loss cross-entropy --order shuffle --rate 0.1 --decay 0.1 --l2 0.002`,
		Args: func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed(run.FlagCSV) {
				if len(args) > 0 {
					return fmt.Errorf("--csv trains on a data file, so no FUNC is wanted, got %s (see '%s --help')", shortArgs(args), cmd.CommandPath())
				}
				return nil
			}
			if _, err := data.Setup(); err != nil { // a data flag without --csv
				return fmt.Errorf("%v (see '%s --help')", err, cmd.CommandPath())
			}
			return exactArgs(1, "FUNC", "neuron train and")(cmd, args)
		},
		ValidArgsFunction: completeFunction,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := emptyFlags(cmd, "save", "plot", "plot-loss", "plot-boundary", "plot-inputs", "trace-file", run.FlagCSV, run.FlagTarget, run.FlagPositive); err != nil {
				return err
			}
			ds, err := data.Setup()
			if err != nil {
				return fmt.Errorf("%v (see '%s --help')", err, cmd.CommandPath())
			}
			if ds != nil {
				o.setup.Data, o.setup.Func = ds, ""
				dataDefaults(cmd, &o.setup)
				return runTrainData(cmd.Context(), io, o, cmd)
			}
			o.setup.Func = args[0]
			limited := cmd.Flags().Changed("trace-first") || cmd.Flags().Changed("trace-every")
			return runTrain(cmd.Context(), io, o, limited)
		},
	}
	f := cmd.Flags()
	run.AddFlags(f, &o.setup)
	data = run.AddDataFlags(f)
	f.StringVar(&o.save, "save", "", "save the learned model to `FILE` (JSON; 'neuron predict FILE' uses it)")
	f.StringVar(&o.plotDir, "plot", "", "draw the loss curve, the decision boundary and the weights as `DIR`/loss.png, DIR/boundary.png and DIR/weights.png (DIR is made if need be)")
	f.StringVar(&o.plotLoss, "plot-loss", "", "draw the loss curve to `FILE` (.png or .svg)")
	f.StringVar(&o.plotBoundary, "plot-boundary", "", "draw the decision boundary, and where it was earlier in the run, to `FILE` (.png or .svg)")
	f.StringVar(&o.plotWeights, "plot-weights", "", "draw each weight and bias against the iteration, the path steepest descent took, to `FILE` (.png or .svg)")
	f.StringVar(&o.plotInputs, "plot-inputs", "", "the two inputs the boundary shows, e.g. `a,c` (others are fixed at 0); default the first two")
	f.BoolVar(&o.trace, "trace", false, "print steps: row drawn, excitation, output, loss, gradients, new weights")
	f.Var(run.CountValue{P: &o.traceFirst}, "trace-first", "trace the first `N` steps")
	f.Var(run.CountValue{P: &o.traceEvery}, "trace-every", "after those, trace every `K`-th step (0: none)")
	f.BoolVar(&o.traceAll, "trace-all", false, "trace every step (a long run makes a long trace: about 200 bytes a step in a file)")
	f.StringVar(&o.traceFile, "trace-file", "", fmt.Sprintf("write the steps, all digits, to `FILE` (.csv or .jsonl): the first %s unless --trace-first, --trace-every or --trace-all say otherwise", count(traceFileSteps)))
	f.Var(run.CountValue{P: &o.explain}, "explain", "work step `N` by hand, each formula with its numbers (alone: step 1)")
	f.Lookup("explain").NoOptDefVal = "1"
	f.BoolVar(&o.json, "json", false, "print the result as one JSON object (fields above)")
	completeSetupFlags(cmd)
	cmd.RegisterFlagCompletionFunc("save", files("json"))
	cmd.RegisterFlagCompletionFunc("plot", dirs)
	cmd.RegisterFlagCompletionFunc("plot-loss", files("png", "svg"))
	cmd.RegisterFlagCompletionFunc("plot-boundary", files("png", "svg"))
	cmd.RegisterFlagCompletionFunc("plot-weights", files("png", "svg"))
	cmd.RegisterFlagCompletionFunc("trace-file", files("csv", "jsonl"))
	for _, name := range []string{"plot-inputs", "trace-first", "trace-every", "explain"} {
		cmd.RegisterFlagCompletionFunc(name, nothing)
	}
	return cmd
}

// emptyFlags reports a flag among names given an empty value, which
// would otherwise read as not given at all.
func emptyFlags(cmd *cobra.Command, names ...string) error {
	for _, name := range names {
		if f := cmd.Flags().Lookup(name); f != nil && f.Changed && strings.TrimSpace(f.Value.String()) == "" {
			return fmt.Errorf("--%s is given an empty value: want %s (see '%s --help')", name, strings.SplitN(f.Usage, "`", 3)[1], cmd.CommandPath())
		}
	}
	return nil
}

// tableFile returns the table file a function argument names, or "" for
// a name, table or expression. A directory is an error.
func tableFile(arg string) (string, error) {
	if !run.IsTableFile(arg) {
		return "", nil
	}
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		return "", fmt.Errorf("table file %s: is a directory", shortPath(arg))
	}
	return arg, nil
}

func runTrain(ctx context.Context, io IO, o *trainOpts, traceLimited bool) error {
	if o.json && (o.trace || o.explain > 0) {
		return errors.New("--json prints one JSON object, so it cannot be combined with --trace or --explain; --trace-file keeps the steps in a file")
	}
	input, err := tableFile(o.setup.Func)
	if err != nil {
		return err
	}
	p, err := run.PrepareContext(ctx, o.setup, run.CommandLimits)
	var notSep *run.NotSeparableError
	if errors.As(err, &notSep) {
		return fmt.Errorf("%v ('neuron check' explains); try --hidden 2 (a two-layer network), or --force to train one neuron anyway", err)
	}
	if err != nil {
		return functionError(o.setup.Func, err)
	}
	d := p.Data
	outs, err := o.outputs(d, input)
	if err != nil {
		return err
	}
	out := io.Out
	if p.Sep != nil && !p.Sep.Separable {
		fmt.Fprintf(io.Err, "%s is not linearly separable: one neuron cannot learn it. Training anyway (--force).\n", funcName(p))
	}
	var traceFile *atomicFile
	if o.traceFile != "" {
		if traceFile, err = createAtomic(o.traceFile); err != nil {
			return err
		}
		defer traceFile.Abort() // after Commit, does nothing
	}
	var prog *progress
	if io.Terminal && !o.trace {
		prog = newProgress(io.Err, d, p.Setup.Loss, p.Setup.Config().MaxIter)
	}
	opts := o.options(io, p, outs, traceFile, traceLimited, prog)
	res, err := p.Train(ctx, opts)
	if prog != nil {
		prog.done()
	}
	if res == nil || res.Model == nil {
		return err
	}

	// Files are written even after Ctrl-C: the result so far is worth
	// keeping. They are written before the results are printed, so that
	// the results can list them; their notices follow the results.
	written, notices, fileErr := o.writeFiles(p, res, outs, traceFile)
	if o.json {
		writeJSON(out, trainDocument(p, res, written))
	} else {
		if o.trace {
			fmt.Fprintln(out) // the explanation ends with a blank line already
		}
		printHeader(out, p, res)
		printRows(out, d, res.Model, p.Setup.Loss)
		printOutcome(out, res)
		printModel(out, res.Model)
	}
	for _, n := range notices {
		fmt.Fprintln(io.Err, n)
	}
	if o.explain > res.Iterations && err == nil {
		fmt.Fprintf(io.Err, "Step %s was not explained: the run ended after %s iterations.\n", count(o.explain), count(res.Iterations))
	}
	switch {
	case errors.Is(err, context.Canceled) && fileErr != nil:
		return stopped("after %s iterations; the result so far was printed, but %v", count(res.Iterations), fileErr)
	case errors.Is(err, context.Canceled):
		return stopped("after %s iterations; the result so far was printed", count(res.Iterations))
	case err != nil:
		return err
	case fileErr != nil:
		return fileErr
	}
	return outcomeError(p, res)
}

// options are what the run shows as it goes: the trace, the
// explanation, the progress line and the restarts.
func (o *trainOpts) options(io IO, p *run.Problem, outs *outputs, traceFile *atomicFile, traceLimited bool, prog *progress) run.Options {
	s, d := &p.Setup, p.Data
	opts := run.Options{
		Observe: func(seed uint64, m neuron.Model) func(neuron.Event) error {
			var hooks []func(neuron.Event) error
			if o.trace || traceFile != nil || o.explain > 0 {
				tr := newTracer(d, m, s.Loss)
				tr.rate = s.Config().Rate
				if o.trace {
					tr.text, tr.first, tr.every, tr.all = io.Out, o.traceFirst, o.traceEvery, o.traceAll
				}
				if traceFile != nil {
					tr.file, tr.fileFormat = traceFile.Writer, outs.traceFormat
					tr.fileFirst, tr.fileEvery, tr.fileAll = o.traceFirst, o.traceEvery, o.traceAll
					if !traceLimited {
						tr.fileFirst, tr.fileEvery = traceFileSteps, 0
					}
				}
				tr.explain, tr.explainStep = io.Out, o.explain
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
			fmt.Fprintf(io.Err, "seed %d: %s after %s iterations, largest row loss %s; restarting with seed %d\n",
				a.Seed, a.Status, count(a.Iterations), num(a.MaxLoss), next)
		},
	}
	if outs.plots() {
		opts.History = historyPoints
	}
	return opts
}

// filesJSON lists the files a run wrote.
type filesJSON struct {
	Model        string `json:"model,omitempty"`
	LossPlot     string `json:"loss_plot,omitempty"`
	BoundaryPlot string `json:"boundary_plot,omitempty"`
	WeightsPlot  string `json:"weights_plot,omitempty"`
	Trace        string `json:"trace,omitempty"`
}

// writeFiles commits the trace file and writes the pictures and the
// model, and returns what it wrote and the notices that say so. It
// stops at the first file it cannot write, and removes the temporary
// files of the others.
func (o *trainOpts) writeFiles(p *run.Problem, res *run.Outcome, outs *outputs, trace *atomicFile) (filesJSON, []string, error) {
	var w filesJSON
	var notices strings.Builder
	if trace != nil {
		if err := trace.Commit(); err != nil {
			return w, nil, err
		}
		w.Trace = o.traceFile
		fmt.Fprintf(&notices, "Trace written to %s.\n", o.traceFile)
	}
	if res.History != nil {
		drawn, err := outs.draw(&notices, p, res)
		for _, f := range drawn {
			switch f {
			case outs.lossPath:
				w.LossPlot = f
			case outs.boundaryPath:
				w.BoundaryPlot = f
			case outs.weightsPath:
				w.WeightsPlot = f
			}
		}
		if err != nil {
			return w, lines(notices.String()), err
		}
	}
	if o.save != "" {
		info := p.Setup.Info(p.Data.Names, res)
		err := writeAtomic(o.save, func(b *bufio.Writer) error {
			if err := neuron.Save(b, res.Model, info); err != nil {
				return fmt.Errorf("--save %s: %v", shortPath(o.save), plainError{err})
			}
			return nil
		})
		if err != nil {
			return w, lines(notices.String()), err
		}
		w.Model = o.save
		fmt.Fprintf(&notices, "Model saved to %s.\n", o.save)
	}
	return w, lines(notices.String()), nil
}

// lines splits text into its lines.
func lines(text string) []string {
	if text == "" {
		return nil
	}
	return strings.Split(strings.TrimSuffix(text, "\n"), "\n")
}

// historyPoints is the most points a loss curve keeps, however long the run.
const historyPoints = 1000

func printHeader(w io.Writer, p *run.Problem, res *run.Outcome) {
	s, d, c := &p.Setup, p.Data, res.Config
	fmt.Fprintf(w, "%s: %s, %d inputs, %d rows\n", funcName(p), s.Model(), d.Inputs, d.Len())
	cap := "no cap"
	if s.MaxIter > 0 {
		cap = "cap " + count(s.MaxIter)
	}
	loss := ""
	if s.Loss != neuron.SquaredError {
		loss = s.Loss.String() + " "
	}
	goal := fmt.Sprintf("%sloss goal %s (stop rule %s)", loss, num(c.Goal), c.Stop)
	if c.Stop == neuron.StopNone {
		goal = "no loss goal (stop rule none)"
		if loss != "" {
			goal = loss + "loss, no goal (stop rule none)"
		}
	}
	fmt.Fprintf(w, "learning rate %s, %s, %s, seed %d\n\n", num(c.Rate), goal, cap, res.Seed)
}

// shownRows returns the rows the results show: every row of a small
// table; of a large one, only the first 10 on the wrong side of 0.5.
func shownRows(d *neuron.Dataset, m neuron.Model) (rows []int, complete bool) {
	if d.Len() <= maxPrintedRows {
		for i := range d.Len() {
			rows = append(rows, i)
		}
		return rows, true
	}
	for i := range d.Len() {
		x, t := d.Row(i)
		if (m.Output(x) >= 0.5) != (t >= 0.5) && len(rows) < 10 {
			rows = append(rows, i)
		}
	}
	return rows, false
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
	rows, complete := shownRows(d, m)
	for _, i := range rows {
		x, t := d.Row(i)
		o, loss := l.At(m, x, t)
		var row strings.Builder
		for j, v := range x {
			fmt.Fprintf(&row, "%-*v ", len(names[j]), v)
		}
		mark := ""
		if (o >= 0.5) != (t >= 0.5) {
			mark = "  wrong side of 0.5"
		}
		line := fmt.Sprintf("%s%-8v  %.10f  %-9s%s", row.String(), t, o, num(loss), mark)
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	if !complete {
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
	case neuron.StopMean, neuron.StopNone:
		return "mean loss"
	}
	return "loss of the last row drawn"
}

func printOutcome(w io.Writer, res *run.Outcome) {
	c := res.Config
	what := ruleLoss(c.Stop)
	switch {
	case res.Status == neuron.GoalMet:
		fmt.Fprintf(w, "Learned in %s iterations: %s %s ≤ goal %s.\n", count(res.Iterations), what, num(res.Loss), num(c.Goal))
	case c.Stop == neuron.StopNone && (res.Status == neuron.IterationLimit || res.Status == neuron.EpochLimit):
		fmt.Fprintf(w, "Trained %s iterations (%s, no goal): %s %s.\n", count(res.Iterations), res.Status, what, num(res.Loss))
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
	if p.FlatSpot(res.Model) {
		hint = "; a wrong output is saturated near 0 or 1, where the squared error's gradient (o−t)·o·(1−o) all but vanishes: try --loss cross-entropy"
	}
	if c.Stop == neuron.StopNone && (res.Status == neuron.IterationLimit || res.Status == neuron.EpochLimit) {
		return nil // no goal: the cap is the end asked for
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

// trainJSON is the document 'neuron train --json' prints (see its help).
type trainJSON struct {
	Function      string        `json:"function"`
	Inputs        []string      `json:"inputs"`
	Setup         setupJSON     `json:"setup"`
	Status        string        `json:"status"`
	Learned       bool          `json:"learned"`
	Seed          uint64        `json:"seed"`
	Iterations    int           `json:"iterations"`
	StopLoss      number        `json:"stop_loss"`
	Rows          int           `json:"rows"`
	CorrectRows   int           `json:"correct_rows"`
	MaxLoss       number        `json:"max_loss"`
	MeanLoss      number        `json:"mean_loss"`
	Table         []rowJSON     `json:"table"`
	TableComplete bool          `json:"table_complete"`
	Model         modelJSON     `json:"model"`
	Attempts      []attemptJSON `json:"attempts"`
	Files         filesJSON     `json:"files"`
}

// setupJSON is how a run was set up, every default filled in.
type setupJSON struct {
	Model    string `json:"model"` // "neuron" or "net"
	Hidden   int    `json:"hidden"`
	Rate     number `json:"rate"`
	Loss     string `json:"loss"`
	Stop     string `json:"stop"`
	Goal     number `json:"goal"`
	MaxIter  int    `json:"max_iter"` // 0: no cap
	Stall    int    `json:"stall"`    // 0: off
	Seed     uint64 `json:"seed"`
	Restarts int    `json:"restarts"`
}

type rowJSON struct {
	Inputs   []number `json:"inputs"`
	Expected number   `json:"expected"`
	Output   number   `json:"output"`
	Loss     number   `json:"loss"`
}

type attemptJSON struct {
	Seed       uint64 `json:"seed"`
	Status     string `json:"status"`
	Iterations int    `json:"iterations"`
	MaxLoss    number `json:"max_loss"`
}

func trainDocument(p *run.Problem, res *run.Outcome, files filesJSON) trainJSON {
	s, d, c := &p.Setup, p.Data, res.Config
	model := "neuron"
	if s.Hidden > 0 {
		model = "net"
	}
	doc := trainJSON{
		Function: funcName(p),
		Inputs:   inputNames(d),
		Setup: setupJSON{Model: model, Hidden: s.Hidden, Rate: number(c.Rate), Loss: c.Loss.String(), Stop: c.Stop.String(),
			Goal: number(c.Goal), MaxIter: s.MaxIter, Stall: c.StallWindow, Seed: s.Seed, Restarts: s.Restarts},
		Status:      statusWord(res.Status),
		Learned:     res.Status == neuron.GoalMet,
		Seed:        res.Seed,
		Iterations:  res.Iterations,
		StopLoss:    number(res.Loss),
		Rows:        res.Table.Rows,
		CorrectRows: res.Table.Correct,
		MaxLoss:     number(res.Table.Max),
		MeanLoss:    number(res.Table.Mean),
		Table:       []rowJSON{},
		Model:       modelDoc(res.Model),
		Files:       files,
	}
	rows, complete := shownRows(d, res.Model)
	for _, i := range rows {
		x, t := d.Row(i)
		o, loss := s.Loss.At(res.Model, x, t)
		doc.Table = append(doc.Table, rowJSON{numbers(x), number(t), number(o), number(loss)})
	}
	doc.TableComplete = complete
	for _, a := range res.Attempts {
		doc.Attempts = append(doc.Attempts, attemptJSON{a.Seed, statusWord(a.Status), a.Iterations, number(a.MaxLoss)})
	}
	return doc
}
