package cli

// 'neuron stats' and 'neuron sweep': many runs at once. Everything they
// compute comes from internal/stats, which trains every run through
// run.Problem.Train; this file parses flags, prints and writes the
// pictures.

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/plot"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/stats"
)

// manyOpts are the flags of stats and sweep beyond the setup's.
type manyOpts struct {
	setup   run.Setup
	runs    int
	workers int
	plot    string
	mark    float64 // stats: a count to mark; 0 for none
	markAs  string  // stats: what the mark is, on the histogram
	json    bool
	rates   string // sweep: lo:hi
	points  int    // sweep
}

// Defaults and limits of stats and sweep. Each run keeps a record of a
// few dozen bytes, so the runs are bounded: a million of them take about
// 50 MB.
const (
	maxRuns   = 1_000_000 // runs of stats, and points × runs of sweep
	maxPoints = 1000

	defaultStatsRuns   = 1000
	defaultSweepRuns   = 100
	defaultSweepRates  = "0.05:20"
	defaultSweepPoints = 30
)

func newStatsCmd(io IO) *cobra.Command {
	o := &manyOpts{setup: run.Default(), runs: defaultStatsRuns}
	cmd := &cobra.Command{
		Use:   "stats FUNC",
		Short: "Train many runs at once and describe how many iterations they took",
		Long: `stats trains FUNC --runs times, from seeds seed, seed+1, ..., on every core,
and prints how many iterations the runs took to reach the goal: the fewest,
the 10th percentile, the median, the 90th percentile, the most and the mean,
over the runs that met it; and how many failed, and why (the iteration cap,
a stall, saturation, overflow), and how many of those that reached the cap
or stalled ended with a wrong output on the squared error's flat spot,
where cross-entropy would still learn. Every flag of 'neuron train' that sets up a
run applies, and run k is exactly 'neuron train ... --seed seed+k', restarts
and all: a run's iterations count every attempt.

Percentiles are nearest-rank: the p-th percentile is the smallest count that
at least p% of the runs took at most, always the count of an actual run. The
results do not depend on --workers or on the number of cores.

--plot draws the histogram of the counts; --mark V marks V on it and says at
which percentile it falls, e.g. --mark 44842 for the original demo's AND run
(with --stop row --goal 1e-10 --max-iter 0, the original demo's rule).

Progress is shown on a terminal. Ctrl-C stops the runs in flight and prints
the table of the runs finished so far (runs cut short are not counted).

With --json, standard output is one JSON object: function, setup {...},
runs (asked), finished, goal {runs, min, p10, median, p90, max, mean},
failed {cap, stalled, saturated, diverged, flat_spot}, mark {value,
percentile} and files {plot}. flat_spot counts the runs among cap and
stalled that ended with a wrong output saturated near 0 or 1 under squared
error.

Exit status: 0 done, 1 bad input or an error, 2 no run met the goal,
130 interrupted (the table of the runs so far was printed).`,
		Example: `  neuron stats and --runs 10000
  neuron stats and --stop row --goal 1e-10 --max-iter 0 --mark 44842 --plot and-runs.png
  neuron stats xor --hidden 2 --restarts 3 --runs 500
  neuron stats and8 --loss cross-entropy --runs 100 --json`,
		Args:              exactArgs(1, "FUNC", "neuron stats and --runs 1000"),
		ValidArgsFunction: completeFunction,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.setup.Func = args[0]
			return runStats(cmd.Context(), io, o)
		},
	}
	f := cmd.Flags()
	run.AddFlags(f, &o.setup)
	o.addManyFlags(cmd, "train `N` runs, from seeds seed, seed+1, ...", "draw the histogram of iterations to `FILE` (.png or .svg)")
	f.Var(run.NumberValue{P: &o.mark}, "mark", "mark this many iterations `V` on the histogram and give its percentile, e.g. 44842 (the original demo's AND)")
	f.StringVar(&o.markAs, "mark-name", "", "name the --mark value on the histogram with `TEXT`, e.g. \"the original demo's run\"")
	cmd.RegisterFlagCompletionFunc("mark", nothing)
	cmd.RegisterFlagCompletionFunc("mark-name", nothing)
	return cmd
}

func newSweepCmd(io IO) *cobra.Command {
	o := &manyOpts{setup: run.Default(), runs: defaultSweepRuns, rates: defaultSweepRates, points: defaultSweepPoints}
	cmd := &cobra.Command{
		Use:   "sweep FUNC",
		Short: "Train many runs at each of a range of learning rates",
		Long: `sweep trains FUNC --runs times at each of --points learning rates spaced
evenly on a log scale over --rate lo:hi (each the same factor larger than
the one before), from the same seeds at every rate, on every core, and
prints for each rate the median iterations to the goal, the 10th to 90th
percentile, and the share of runs that failed, and why. Every flag of
'neuron train' that sets up a run applies, but --rate takes a range.

A larger learning rate takes larger steps and, up to a point, fewer of
them; beyond it the steps overshoot, and the outputs saturate at 0 or 1,
where the gradient of the squared error vanishes and learning stops.

Percentiles are nearest-rank, of the runs that met the goal. --plot draws
the median with the 10th–90th percentile band against the rate, on log
scales, and the share of failed runs below it.

With --json, standard output is one JSON object: function, setup {...},
runs (per rate), points [{rate, finished, goal {runs, min, p10, median,
p90, max, mean}, failed {cap, stalled, saturated, diverged, flat_spot}}],
fastest
{rate, median} and files {plot}.

Exit status: 0 done, 1 bad input or an error, 2 no run met the goal at any
rate, 130 interrupted (the table of the runs so far was printed).`,
		Example: `  neuron sweep and --rate 0.05:20 --points 30 --runs 100 --plot and-sweep.png
  neuron sweep and --rate 0.05:1000 --max-iter 1e6
  neuron sweep xor --hidden 2 --restarts 3 --rate 0.1:10 --points 9`,
		Args:              exactArgs(1, "FUNC", "neuron sweep and --rate 0.05:20"),
		ValidArgsFunction: completeFunction,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.setup.Func = args[0]
			return runSweep(cmd.Context(), io, o)
		},
	}
	f := cmd.Flags()
	run.AddFlags(f, &o.setup)
	// --rate takes a range here: the setup's flag, given a new value.
	rate := f.Lookup(run.FlagRate)
	rate.Value, rate.DefValue = rangeValue{&o.rates}, defaultSweepRates
	rate.Usage = "learning rates `lo:hi` to sweep, e.g. 0.05:20 (or one rate)"
	f.Var(run.CountValue{P: &o.points}, "points", "sweep this many learning rates, spaced evenly on a log scale")
	o.addManyFlags(cmd, "train `N` runs at each rate, from seeds seed, seed+1, ... (the same at every rate)", "draw iterations against the learning rate to `FILE` (.png or .svg)")
	cmd.RegisterFlagCompletionFunc("points", nothing)
	return cmd
}

// addManyFlags defines the flags stats and sweep share.
func (o *manyOpts) addManyFlags(cmd *cobra.Command, runsUsage, plotUsage string) {
	f := cmd.Flags()
	f.Var(run.CountValue{P: &o.runs}, "runs", runsUsage)
	f.Var(run.CountValue{P: &o.workers}, "workers", "train `W` runs at once (0: one per core); the results do not depend on it")
	f.StringVar(&o.plot, "plot", "", plotUsage)
	f.BoolVar(&o.json, "json", false, "print the result as one JSON object (fields above)")
	completeSetupFlags(cmd)
	cmd.RegisterFlagCompletionFunc("plot", files("png", "svg"))
	for _, name := range []string{"runs", "workers"} {
		cmd.RegisterFlagCompletionFunc(name, nothing)
	}
}

// rangeValue is sweep's --rate: lo:hi.
type rangeValue struct{ p *string }

func (v rangeValue) String() string { return *v.p }
func (v rangeValue) Type() string   { return "range" }
func (v rangeValue) Set(s string) error {
	if _, _, err := stats.ParseRange(s); err != nil {
		_, why, _ := strings.Cut(err.Error(), ": ") // the flag's error names the value
		if why == "" {
			why = err.Error()
		}
		return errors.New(why)
	}
	*v.p = strings.TrimSpace(s)
	return nil
}

// prepareMany checks o and prepares its problem, as train does.
func prepareMany(ctx context.Context, o *manyOpts) (*run.Problem, error) {
	switch {
	case o.setup.Stop == neuron.StopNone:
		return nil, errors.New("--stop none has no goal, so there are no iterations to the goal to count; give --stop max, mean or row")
	case o.runs < 1:
		return nil, errors.New("--runs must be at least 1")
	case o.runs > maxRuns:
		return nil, fmt.Errorf("--runs %s: at most %s runs at once", count(o.runs), count(maxRuns))
	case o.mark < 0:
		return nil, fmt.Errorf("--mark %s: must be a positive number of iterations", num(o.mark))
	}
	if _, err := tableFile(o.setup.Func); err != nil {
		return nil, err
	}
	p, err := run.PrepareContext(ctx, o.setup, run.CommandLimits)
	var notSep *run.NotSeparableError
	if errors.As(err, &notSep) {
		return nil, fmt.Errorf("%v ('neuron check' explains); try --hidden 2 (a two-layer network), or --force to train one neuron anyway", err)
	}
	if err != nil {
		return nil, functionError(o.setup.Func, err)
	}
	if o.plot != "" {
		if _, err := plot.FormatOf(o.plot); err != nil {
			return nil, fmt.Errorf("--plot %s: want a file name ending in .png or .svg", shortPath(o.plot))
		}
		if err := checkOutputs([]output{{"--plot", o.plot}}, "", o.setup.Func); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func runStats(ctx context.Context, io IO, o *manyOpts) error {
	p, err := prepareMany(ctx, o)
	if err != nil {
		return err
	}
	prog := newRunsProgress(io, o.runs)
	s, err := stats.Many(ctx, p, o.runs, stats.Options{Workers: o.workers, Progress: prog.update})
	prog.done()
	if s == nil {
		return err
	}
	var written string
	var fileErr error
	if o.plot != "" && s.Goal.N > 0 {
		fileErr = writeAtomic(o.plot, func(b *bufio.Writer) error {
			f, _ := plot.FormatOf(o.plot)
			return plot.WriteHistogram(b, f, s, plot.HistogramOptions{Labels: manyLabels(p, s.Finished(), 0), Mark: o.mark, MarkName: o.markAs})
		})
		if fileErr == nil {
			written = o.plot
		}
	}
	if o.json {
		writeJSON(io.Out, statsDocument(p, s, o.mark, written))
	} else {
		printManyHeader(io.Out, p, s.Finished(), s.Asked, 0)
		printDist(io.Out, s)
		printFailed(io.Out, p, s)
		if o.mark > 0 && s.Goal.N > 0 {
			printMark(io.Out, s, o.mark)
		}
	}
	switch {
	case written != "":
		fmt.Fprintf(io.Err, "Histogram drawn to %s.\n", written)
	case o.plot != "" && s.Goal.N == 0:
		fmt.Fprintf(io.Err, "No histogram drawn to %s: no run met the goal.\n", o.plot)
	}
	return manyError(err, fileErr, s.Finished(), s.Asked, s.Goal.N == 0)
}

func runSweep(ctx context.Context, io IO, o *manyOpts) error {
	switch {
	case o.points < 1:
		return errors.New("--points must be at least 1")
	case o.points > maxPoints:
		return fmt.Errorf("--points %s: at most %s learning rates", count(o.points), count(maxPoints))
	case o.runs > maxRuns/o.points:
		return fmt.Errorf("--points %s × --runs %s: at most %s runs in all", count(o.points), count(o.runs), count(maxRuns))
	}
	lo, hi, err := stats.ParseRange(o.rates)
	if err != nil {
		return fmt.Errorf("--rate %v", err)
	}
	if lo == hi && o.points > 1 {
		o.points = 1 // one rate: one point
	}
	rates, err := stats.Rates(lo, hi, o.points)
	if err != nil {
		return err
	}
	o.setup.Rate = lo // checked by Prepare; each rate replaces it
	p, err := prepareMany(ctx, o)
	if err != nil {
		return err
	}
	prog := newRunsProgress(io, o.runs*len(rates))
	sw, err := stats.SweepRates(ctx, p, rates, o.runs, stats.Options{Workers: o.workers, Progress: prog.update})
	prog.done()
	if sw == nil {
		return err
	}
	finished, met := 0, 0
	for _, s := range sw.Points {
		finished += s.Finished()
		met += s.Goal.N
	}
	var written string
	var fileErr error
	if o.plot != "" {
		fileErr = writeAtomic(o.plot, func(b *bufio.Writer) error {
			f, _ := plot.FormatOf(o.plot)
			return plot.WriteSweep(b, f, sw, manyLabels(p, o.runs, len(rates)))
		})
		if fileErr == nil {
			written = o.plot
		}
	}
	if o.json {
		writeJSON(io.Out, sweepDocument(p, sw, written))
	} else {
		printManyHeader(io.Out, p, finished, o.runs*len(rates), len(rates))
		printSweep(io.Out, sw)
	}
	if written != "" {
		fmt.Fprintf(io.Err, "Sweep drawn to %s.\n", written)
	}
	return manyError(err, fileErr, finished, o.runs*len(rates), met == 0)
}

// manyError is the error stats or sweep ends with.
func manyError(err, fileErr error, finished, asked int, noneMet bool) error {
	switch {
	case errors.Is(err, context.Canceled):
		return stopped("after %s of %s runs; the table of those was printed", count(finished), count(asked))
	case err != nil:
		return err
	case fileErr != nil:
		return fileErr
	case noneMet:
		return notLearned("no run met the goal")
	}
	return nil
}

// printManyHeader says what was trained: the function and model, the
// setup, and the runs (at each of rates rates, for a sweep).
func printManyHeader(w io.Writer, p *run.Problem, finished, asked, rates int) {
	s, d := &p.Setup, p.Data
	fmt.Fprintf(w, "%s: %s, %d inputs, %d rows\n", funcName(p), s.Model(), d.Inputs, d.Len())
	var parts []string
	if rates == 0 {
		parts = append(parts, "learning rate "+num(s.Rate))
	}
	if s.Loss != neuron.SquaredError {
		parts = append(parts, s.Loss.String())
	}
	parts = append(parts, fmt.Sprintf("loss goal %s (stop rule %s)", num(s.GoalFor()), s.Stop))
	if s.MaxIter > 0 {
		parts = append(parts, "cap "+count(s.MaxIter))
	} else {
		parts = append(parts, "no cap")
	}
	if s.Restarts > 0 {
		parts = append(parts, fmt.Sprintf("up to %d restarts", s.Restarts))
	}
	fmt.Fprintln(w, strings.Join(parts, ", "))
	perRate := asked
	if rates > 0 {
		perRate = asked / rates
	}
	fmt.Fprintf(w, "%s, seeds %d to %d", countNoun(perRate, "run"), s.Seed, s.Seed+uint64(perRate)-1)
	if rates > 0 {
		fmt.Fprintf(w, ", at each of %s", countNoun(rates, "learning rate"))
	}
	if finished < asked {
		fmt.Fprintf(w, "; interrupted: %s of %s runs finished", count(finished), count(asked))
	}
	fmt.Fprint(w, "\n\n")
}

// printDist prints the distribution of iterations to the goal.
func printDist(w io.Writer, s *stats.Summary) {
	d := s.Goal
	if d.N == 0 {
		fmt.Fprintf(w, "No run met the goal.\n")
		return
	}
	fmt.Fprintf(w, "Iterations to the goal, over the %s that met it:\n", countNoun(d.N, "run"))
	rows := []struct {
		name string
		v    string
	}{
		{"fewest", count(d.Min)},
		{"10th percentile", count(d.P10)},
		{"median", count(d.Median)},
		{"90th percentile", count(d.P90)},
		{"most", count(d.Max)},
		{"mean", count(int(d.Mean + 0.5))},
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.v))
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-16s %*s\n", r.name, width, r.v)
	}
	if n := restartedRuns(s); n > 0 {
		fmt.Fprintf(w, "(%s restarted; a run's iterations count every attempt.)\n", countNoun(n, "run"))
	}
	fmt.Fprintln(w)
}

// restartedRuns counts the finished runs that restarted.
func restartedRuns(s *stats.Summary) int {
	n := 0
	for _, r := range s.Runs {
		if r.Attempts > 1 {
			n++
		}
	}
	return n
}

// printFailed says how many runs failed and why, and how to repeat the
// first of them.
func printFailed(w io.Writer, p *run.Problem, s *stats.Summary) {
	n := s.Failed.Total()
	if n == 0 {
		fmt.Fprintln(w, "No run failed.")
		return
	}
	fmt.Fprintf(w, "%s of %s failed: %s.\n", count(n), countNoun(s.Finished(), "run"), s.Failed)
	i := slices.IndexFunc(s.Runs, func(r stats.Run) bool { return !r.Met() })
	one := p.Setup
	one.Seed = s.Runs[i].Seed
	fmt.Fprintf(w, "The first failed run, from seed %d (%s): '%s' repeats it.\n", one.Seed, s.Runs[i].Status, one.Args())
	if k := s.Failed.FlatSpot; k > 0 {
		fmt.Fprintf(w, "%s ended with a wrong output saturated near 0 or 1, %s: try --loss cross-entropy.\n", ofFailed(k, n), flatSpotWhy)
	}
}

// flatSpotWhy says why a run on the flat spot does not learn.
const flatSpotWhy = "where the squared error's gradient (o−t)·o·(1−o) all but vanishes"

// ofFailed writes k of n failed runs: "It", "All 20", "3 of them".
func ofFailed(k, n int) string {
	switch {
	case n == 1:
		return "It"
	case k == n:
		return "All " + count(n)
	}
	return count(k) + " of them"
}

// printMark says where a count falls among the runs that met the goal.
func printMark(w io.Writer, s *stats.Summary, mark float64) {
	its := s.Iterations()
	r := stats.Rank(its, mark)
	m := num(mark)
	if mark == float64(int(mark)) {
		m = count(int(mark))
	}
	switch {
	case r == 0:
		fmt.Fprintf(w, "%s is below every run: each took more iterations.\n", m)
	case r == 100:
		fmt.Fprintf(w, "%s is at the top: every run took at most %s iterations.\n", m, m)
	case r < 1:
		fmt.Fprintf(w, "%s is below the 1st percentile: %.1f%% of the runs took at most %s iterations.\n", m, r, m)
	default:
		// v is at the p-th percentile for every p ≤ r (stats.Rank): name the largest whole one.
		fmt.Fprintf(w, "%s is at the %s percentile: %.1f%% of the runs took at most %s iterations.\n", m, ordinal(int(r)), r, m)
	}
}

// ordinal writes n as 1st, 2nd, 3rd, 4th, 11th, 22nd, ...
func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}

// printSweep prints a row for each rate of a sweep, and the fastest.
func printSweep(w io.Writer, sw *stats.Sweep) {
	fmt.Fprintf(w, "%10s %10s  %-21s  %s\n", "rate", "median", "10th–90th percentile", "failed")
	for _, s := range sw.Points {
		median, band := "-", "        -"
		if d := s.Goal; d.N > 0 {
			median, band = count(d.Median), fmt.Sprintf("%9s – %-9s", count(d.P10), count(d.P90))
		}
		failed := fmt.Sprintf("%3.0f%%", 100*s.FailedFraction())
		if s.Failed.Total() > 0 {
			failed += " (" + s.Failed.String() + ")"
		}
		if s.Finished() == 0 {
			failed = "no run finished"
		}
		fmt.Fprintf(w, "%10s %10s  %-21s  %s\n", digits3(s.Setup.Rate), median, band, failed)
	}
	fmt.Fprintln(w)
	flat := 0
	for _, s := range sw.Points {
		flat += s.Failed.FlatSpot
	}
	if flat > 0 {
		fmt.Fprintf(w, "Over all rates, %s ended with a wrong output saturated near 0 or 1, %s: try --loss cross-entropy.\n", countNoun(flat, "failed run"), flatSpotWhy)
	}
	if b := sw.Fastest(0.1); b != nil {
		fmt.Fprintf(w, "Fastest median: %s iterations at learning rate %s (of the rates at which at most 10%% of runs failed).\n", count(b.Goal.Median), digits3(b.Setup.Rate))
	}
	fmt.Fprintln(w, "Percentiles are of the runs that met the goal.")
}

// digits3 writes a learning rate of a sweep in three significant digits:
// 0.0615, 1.11, 129, 1,000.
func digits3(v float64) string {
	if v >= 1000 {
		return count(int(math.Round(v)))
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// countNoun writes "1 run" or "1,000 runs".
func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return count(n) + " " + noun + "s"
}

// manyLabels are the pictures' title and subtitle.
func manyLabels(p *run.Problem, runs, rates int) plot.Labels {
	s := &p.Setup
	model := "one neuron"
	if s.Hidden > 0 {
		model = fmt.Sprintf("a %d-%d-1 network", p.Data.Inputs, s.Hidden)
	}
	title := fmt.Sprintf("%s: %s, %s", funcName(p), model, countNoun(runs, "run"))
	sub := ""
	if rates > 0 {
		title = fmt.Sprintf("%s: %s, %s at each of %s", funcName(p), model, countNoun(runs, "run"), countNoun(rates, "learning rate"))
	} else {
		sub = "learning rate " + num(s.Rate) + ", "
	}
	if s.Loss != neuron.SquaredError {
		sub += s.Loss.String() + ", "
	}
	sub += fmt.Sprintf("stop rule %s, goal %s", s.Stop, num(s.GoalFor()))
	if s.MaxIter > 0 {
		sub += ", cap " + count(s.MaxIter)
	} else {
		sub += ", no cap"
	}
	if s.Restarts > 0 {
		sub += fmt.Sprintf(", up to %d restarts", s.Restarts)
	}
	if rates == 0 {
		sub += fmt.Sprintf("; seeds %d to %d", s.Seed, s.Seed+uint64(runs)-1)
	}
	return plot.Labels{Title: title, Subtitle: sub}
}

// distJSON is a distribution as --json gives it.
type distJSON struct {
	Runs   int    `json:"runs"`
	Min    int    `json:"min"`
	P10    int    `json:"p10"`
	Median int    `json:"median"`
	P90    int    `json:"p90"`
	Max    int    `json:"max"`
	Mean   number `json:"mean"`
}

func distDoc(d stats.Dist) distJSON {
	return distJSON{d.N, d.Min, d.P10, d.Median, d.P90, d.Max, number(d.Mean)}
}

// setupDoc is the setup of many runs as --json gives it (train's
// setupJSON); a sweep's rate, which varies, is null.
func setupDoc(s *run.Setup, withRate bool) setupJSON {
	model := "neuron"
	if s.Hidden > 0 {
		model = "net"
	}
	rate := number(math.NaN())
	if withRate {
		rate = number(s.Rate)
	}
	return setupJSON{Model: model, Hidden: s.Hidden, Rate: rate, Loss: s.Loss.String(), Stop: s.Stop.String(),
		Goal: number(s.GoalFor()), MaxIter: s.MaxIter, Stall: s.StallFor(), Seed: s.Seed, Restarts: s.Restarts}
}

type markJSON struct {
	Value      float64 `json:"value"`
	Percentile number  `json:"percentile"` // percent of the runs that met the goal that took at most value
}

type plotFileJSON struct {
	Plot string `json:"plot,omitempty"`
}

type statsJSON struct {
	Function string         `json:"function"`
	Setup    setupJSON      `json:"setup"`
	Runs     int            `json:"runs"`
	Finished int            `json:"finished"`
	Goal     distJSON       `json:"goal"`
	Failed   stats.Failures `json:"failed"`
	Mark     *markJSON      `json:"mark,omitempty"`
	Files    plotFileJSON   `json:"files"`
}

func statsDocument(p *run.Problem, s *stats.Summary, mark float64, written string) statsJSON {
	doc := statsJSON{Function: funcName(p), Setup: setupDoc(&p.Setup, true), Runs: s.Asked, Finished: s.Finished(),
		Goal: distDoc(s.Goal), Failed: s.Failed, Files: plotFileJSON{written}}
	if mark > 0 && s.Goal.N > 0 {
		doc.Mark = &markJSON{mark, number(stats.Rank(s.Iterations(), mark))}
	}
	return doc
}

type sweepPointJSON struct {
	Rate     float64        `json:"rate"`
	Finished int            `json:"finished"`
	Goal     distJSON       `json:"goal"`
	Failed   stats.Failures `json:"failed"`
}

type fastestJSON struct {
	Rate   float64 `json:"rate"`
	Median int     `json:"median"`
}

type sweepJSON struct {
	Function string           `json:"function"`
	Setup    setupJSON        `json:"setup"`
	Runs     int              `json:"runs"`
	Points   []sweepPointJSON `json:"points"`
	Fastest  *fastestJSON     `json:"fastest"` // of the rates at which at most 10% failed; null if none
	Files    plotFileJSON     `json:"files"`
}

func sweepDocument(p *run.Problem, sw *stats.Sweep, written string) sweepJSON {
	doc := sweepJSON{Function: funcName(p), Setup: setupDoc(&p.Setup, false), Runs: sw.Runs, Files: plotFileJSON{written}}
	for _, s := range sw.Points {
		doc.Points = append(doc.Points, sweepPointJSON{s.Setup.Rate, s.Finished(), distDoc(s.Goal), s.Failed})
	}
	if b := sw.Fastest(0.1); b != nil {
		doc.Fastest = &fastestJSON{b.Setup.Rate, b.Goal.Median}
	}
	return doc
}

// runsProgress shows a live line on a terminal while many runs train:
// runs done of all, runs per second and the time elapsed. Like train's
// progress line, it appears only after a quarter of a second, and never
// when standard error is not a terminal.
type runsProgress struct {
	start time.Time
	bar   *progressbar.ProgressBar
}

// newRunsProgress returns the progress line of total runs, or nil when
// standard error is not a terminal. The bar exists from the start, so
// that its rate counts from there, but draws nothing until update first
// sets it.
func newRunsProgress(io IO, total int) *runsProgress {
	if !io.Terminal {
		return nil
	}
	p := &runsProgress{start: time.Now(), bar: progressbar.NewOptions64(int64(total),
		progressbar.OptionSetWriter(io.Err),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionShowIts(),
		progressbar.OptionShowCount(),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(20),
		progressbar.OptionClearOnFinish(),
	)}
	p.bar.StartWithoutRender()
	return p
}

// update is stats.Options.Progress.
func (p *runsProgress) update(done, total int) {
	if p != nil && time.Since(p.start) >= progressDelay {
		p.bar.Set64(int64(done))
	}
}

// done clears the line, if it was drawn, before the results are printed.
func (p *runsProgress) done() {
	if p != nil && time.Since(p.start) >= progressDelay {
		p.bar.Clear()
	}
}
