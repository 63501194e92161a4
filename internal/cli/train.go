package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/boolfn"
)

// Limits on what train accepts.
const (
	maxHidden      = 1024       // more hidden neurons than this is surely a typo
	defaultMaxIter = 10_000_000 // about a second for one neuron
	defaultStall   = 500_000    // two-layer runs that cannot escape a local minimum
	maxPrintedRows = 64         // larger tables print only their wrong rows
)

// trainOpts are the train command's flags.
type trainOpts struct {
	rate, goal floatFlag
	stop       string
	maxIter    countFlag
	seed       uint64
	hidden     int
	restarts   countFlag
	stall      countFlag
	force      bool

	plotDir, plotLoss, plotBoundary string
	plotInputs                      string

	trace                 bool
	traceFirst, traceEvry countFlag
	traceFile             string
	explain               countFlag
	save                  string
}

func newTrainCmd(io IO) *cobra.Command {
	o := &trainOpts{rate: neuron.DefaultRate, stop: "max", maxIter: defaultMaxIter, seed: 1, traceFirst: 20}
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
when the mean loss is; 'row' is the seed's rule: stop as soon as the row just
drawn is within the goal (default goal 1e-10), whatever the other rows do.`,
		Example: `  neuron train and
  neuron train or --stop row --goal 1e-10 --seed 7
  neuron train xor --hidden 2 --restarts 5
  neuron train 'maj(a,b,c)' --rate 2`,
		Args: exactArgs(1, "FUNC"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("goal") {
				o.goal = -1 // the default goal of the stop rule
			}
			if !cmd.Flags().Changed("stall") {
				o.stall = -1
			}
			fileAll := !cmd.Flags().Changed("trace-first") && !cmd.Flags().Changed("trace-every")
			return runTrain(cmd.Context(), io, args[0], o, fileAll)
		},
	}
	f := cmd.Flags()
	f.VarP(&o.rate, "rate", "r", "learning rate: the size of each step (> 0)")
	f.VarP(&o.goal, "goal", "g", "loss goal (> 0); default 0.001, or 1e-10 with --stop row")
	f.StringVar(&o.stop, "stop", o.stop, "stop rule: max (every row), mean (mean over rows) or row (the seed's: the row just drawn)")
	f.VarP(&o.maxIter, "max-iter", "n", "iteration cap; 0 means no cap")
	f.Uint64VarP(&o.seed, "seed", "s", o.seed, "random seed; the same seed repeats the run bit for bit")
	f.IntVarP(&o.hidden, "hidden", "H", 0, fmt.Sprintf("hidden neurons: train a two-layer network (1 to %d); 0 trains one neuron", maxHidden))
	f.Var(&o.restarts, "restarts", "if the network stalls or hits the cap, try again this many times with seeds seed+1, seed+2, ...")
	f.Var(&o.stall, "stall", fmt.Sprintf("stop as stalled after this many iterations without a 1%% fall of the mean loss; 0 is off (default %d with --hidden, else 0)", defaultStall))
	f.BoolVar(&o.force, "force", false, "train one neuron even when it cannot learn FUNC")
	f.StringVar(&o.plotDir, "plot", "", "draw the loss curve and the decision boundary as DIR/loss.png and DIR/boundary.png")
	f.StringVar(&o.plotLoss, "plot-loss", "", "draw the loss curve to FILE (.png or .svg)")
	f.StringVar(&o.plotBoundary, "plot-boundary", "", "draw the decision boundary to FILE (.png or .svg)")
	f.StringVar(&o.plotInputs, "plot-inputs", "", "the two inputs the boundary shows, e.g. a,c (others are fixed at 0); default the first two")
	f.BoolVar(&o.trace, "trace", false, "print each step: row drawn, excitation, output, loss, gradients, new weights")
	f.Var(&o.traceFirst, "trace-first", "trace the first N steps")
	f.Var(&o.traceEvry, "trace-every", "after those, trace every K-th step (0: none)")
	f.StringVar(&o.traceFile, "trace-file", "", "write every step, all digits, to FILE (.csv or .jsonl); --trace-first/--trace-every limit it")
	f.Var(&o.explain, "explain", "work step N by hand, each formula with its numbers: --explain=N (alone: step 1)")
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

// config checks the flags and returns the training configuration,
// without its random source.
func (o *trainOpts) config() (neuron.Config, error) {
	var c neuron.Config
	stop, err := neuron.ParseStop(o.stop)
	if err != nil {
		return c, fmt.Errorf("--stop %q: want max, mean or row", o.stop)
	}
	rate, goal := float64(o.rate), float64(o.goal)
	if goal == -1 {
		goal = neuron.DefaultGoal(stop)
	}
	switch {
	case !(rate > 0) || math.IsInf(rate, 0):
		return c, fmt.Errorf("learning rate must be a positive number, not %v", rate)
	case !(goal > 0) || math.IsInf(goal, 0):
		return c, fmt.Errorf("loss goal must be a positive number, not %v", goal)
	case o.hidden < 0 || o.hidden > maxHidden:
		return c, fmt.Errorf("--hidden %d: want 0 (one neuron) up to %d hidden neurons", o.hidden, maxHidden)
	}
	stall := int(o.stall)
	if stall == -1 {
		stall = 0
		if o.hidden > 0 {
			stall = defaultStall
		}
	}
	return neuron.Config{Rate: rate, Goal: goal, Stop: stop, MaxIter: int(o.maxIter), StallWindow: stall}, nil
}

// loadFunc reads FUNC: a table file if it names one, else a name, table
// string or expression.
func loadFunc(arg string) (*boolfn.Func, error) {
	ext := strings.ToLower(arg)
	if strings.HasSuffix(ext, ".csv") || strings.HasSuffix(ext, ".tsv") || strings.HasSuffix(ext, ".txt") {
		file, err := os.Open(arg)
		if err != nil {
			return nil, fmt.Errorf("table file: %w", errors.Unwrap(err))
		}
		defer file.Close()
		return boolfn.ReadTable(file, arg)
	}
	return boolfn.Parse(arg)
}

func runTrain(ctx context.Context, io IO, arg string, o *trainOpts, traceFileAll bool) error {
	cfg, err := o.config()
	if err != nil {
		return err
	}
	f, err := loadFunc(arg)
	if err != nil {
		return err
	}
	d := f.Dataset()
	outs, err := o.outputs(d)
	if err != nil {
		return err
	}
	out := io.Out
	if o.hidden == 0 {
		sep, err := boolfn.Separable(d)
		if err != nil {
			return err
		}
		if !sep.Separable {
			if !o.force {
				return fmt.Errorf("one neuron cannot learn %s: %s ('neuron check' explains); try --hidden 2 (a two-layer network), or --force to train one neuron anyway",
					f.Name, sep.Summary(d))
			}
			fmt.Fprintf(out, "%s is not linearly separable: one neuron cannot learn it. Training anyway (--force).\n", f.Name)
		}
	}
	var traceFile *atomicFile
	if o.traceFile != "" {
		if traceFile, err = createAtomic(o.traceFile); err != nil {
			return err
		}
		defer traceFile.Abort() // after Commit, does nothing
	}
	var prog *progress
	if io.Terminal {
		prog = newProgress(io.Err, d, cfg.MaxIter)
	}

	var (
		res  neuron.Result
		hist *neuron.History
		seed = o.seed
	)
	for attempt := 0; ; attempt++ {
		cfg.Rand = rand.New(rand.NewPCG(seed, 0))
		m := newModel(d.Inputs, o.hidden, cfg.Rand)
		var hooks []func(neuron.Event) error
		if outs.plots() {
			hist = &neuron.History{Data: d, Max: historyPoints}
			hist.Add(m, 0)
			hooks = append(hooks, hist.Record)
		}
		if o.trace || traceFile != nil || o.explain > 0 {
			tr := newTracer(d, m)
			tr.rate, tr.first, tr.every = cfg.Rate, int(o.traceFirst), int(o.traceEvry)
			if o.trace {
				tr.text = out
			}
			if traceFile != nil {
				tr.file, tr.fileFormat, tr.fileAll = traceFile.Writer, outs.traceFormat, traceFileAll
			}
			tr.explain, tr.explainStep = out, int(o.explain)
			hooks = append(hooks, tr.observe)
		}
		if prog != nil {
			prog.restart(fmt.Sprintf("seed %d", seed))
			hooks = append(hooks, prog.observe)
		}
		cfg.Progress = chain(hooks)
		res, err = neuron.Train(ctx, m, d, cfg)
		if prog != nil {
			prog.done()
		}
		if hist != nil {
			hist.Add(m, res.Iterations)
		}
		if err != nil || res.Status == neuron.GoalMet || attempt >= int(o.restarts) {
			break
		}
		fmt.Fprintf(out, "seed %d: %s after %s iterations, largest row loss %s; restarting with seed %d\n",
			seed, res.Status, count(res.Iterations), num(res.Table.Max), seed+1)
		seed++
	}
	if o.trace || o.restarts > 0 {
		fmt.Fprintln(out) // the explanation ends with a blank line already
	}
	printHeader(out, f, d, o.hidden, cfg, seed)
	printRows(out, d, res.Model)
	printOutcome(out, res, cfg)
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
	if hist != nil {
		keep(outs.draw(out, f, hist, res, cfg, seed, o.hidden))
	}
	if o.save != "" {
		info := &neuron.ModelInfo{Names: d.Names, Data: f.Name, Rate: cfg.Rate, Goal: cfg.Goal, Stop: cfg.Stop.String(),
			Seed: seed, MaxIter: cfg.MaxIter, Iterations: res.Iterations, Loss: res.Loss, Status: res.Status.String()}
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
	return outcomeError(res, cfg)
}

// historyPoints is the most points a loss curve keeps, however long the run.
const historyPoints = 1000

// chain returns one Config.Progress that calls each hook in turn, or nil
// when there are none, so that training pays nothing for no observers.
func chain(hooks []func(neuron.Event) error) func(neuron.Event) error {
	switch len(hooks) {
	case 0:
		return nil
	case 1:
		return hooks[0]
	}
	return func(e neuron.Event) error {
		for _, h := range hooks {
			if err := h(e); err != nil {
				return err
			}
		}
		return nil
	}
}

// newModel returns a neuron, or a network with hidden neurons, with
// weights drawn from N(0, 1).
func newModel(inputs, hidden int, rng *rand.Rand) neuron.Model {
	if hidden == 0 {
		return neuron.NewRandom(inputs, rng)
	}
	return neuron.NewNetRandom(inputs, hidden, rng)
}

func printHeader(w io.Writer, f *boolfn.Func, d *neuron.Dataset, hidden int, c neuron.Config, seed uint64) {
	model := "one neuron"
	if hidden > 0 {
		model = fmt.Sprintf("a two-layer network (%d hidden neurons)", hidden)
	}
	fmt.Fprintf(w, "%s: %s, %d inputs, %d rows\n", f.Name, model, d.Inputs, d.Len())
	cap := "no cap"
	if c.MaxIter > 0 {
		cap = "cap " + count(c.MaxIter)
	}
	fmt.Fprintf(w, "learning rate %s, loss goal %s (stop rule %s), %s, seed %d\n\n", num(c.Rate), num(c.Goal), c.Stop, cap, seed)
}

// printRows prints each row's inputs, expected and actual output and loss;
// for large tables, only the rows on the wrong side of 0.5.
func printRows(w io.Writer, d *neuron.Dataset, m neuron.Model) {
	names := inputNames(d)
	var head strings.Builder
	for _, n := range names {
		fmt.Fprintf(&head, "%s ", n)
	}
	fmt.Fprintf(w, "%sexpected  actual        loss\n", head.String())
	wrong := 0
	for i := range d.Len() {
		x, t := d.Row(i)
		o := m.Output(x)
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
		line := fmt.Sprintf("%s%-8v  %.10f  %-9s%s", row.String(), t, o, num(neuron.Loss(o, t)), mark)
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

func printOutcome(w io.Writer, res neuron.Result, c neuron.Config) {
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
func outcomeError(res neuron.Result, c neuron.Config) error {
	what := ruleLoss(c.Stop)
	switch res.Status {
	case neuron.GoalMet:
		return nil
	case neuron.IterationLimit:
		return notLearned("iteration cap of %s reached before the goal: %s %s > %s", count(c.MaxIter), what, num(res.Loss), num(c.Goal))
	case neuron.Stalled:
		return notLearned("stalled: the mean loss fell less than 1%% in %s iterations (%s %s > %s); try --restarts or more --hidden neurons",
			count(c.StallWindow), what, num(res.Loss), num(c.Goal))
	case neuron.Saturated:
		return notLearned("saturated after %s iterations: the outputs are pinned at 0 or 1, so every gradient is 0 and the weights stopped changing (%s %s); try a smaller learning rate than %s",
			count(res.Iterations), what, num(res.Loss), num(c.Rate))
	}
	return notLearned("%s after %s iterations", res.Status, count(res.Iterations))
}
