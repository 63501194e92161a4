package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
	"github.com/neuronlab/neuron/internal/plot"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/metrics"
)

// 'neuron train --csv FILE' trains on a table of the user's own data
// through the same run set-up (run.Setup.Data, Problem.Fit): it holds
// rows out, standardizes the features on the training rows, trains, and
// reports how well the model classifies rows it never saw.

// dataDefaults sets the defaults that differ for a data file: no loss
// goal (a table is trained for a number of epochs, or until early
// stopping) and no iteration cap, unless the flags say otherwise.
func dataDefaults(cmd *cobra.Command, s *run.Setup) {
	if !cmd.Flags().Changed(run.FlagStop) {
		s.Stop = neuron.StopNone
	}
	if !cmd.Flags().Changed(run.FlagMaxIter) {
		s.MaxIter = 0
	}
}

// functionOnlyFlags are flags that apply to boolean functions only.
var functionOnlyFlags = []string{"trace", "trace-file", "trace-first", "trace-every", "trace-all", "explain", "plot-weights", run.FlagRestarts, run.FlagForce}

func runTrainData(ctx context.Context, io IO, o *trainOpts, cmd *cobra.Command) error {
	for _, name := range functionOnlyFlags {
		if cmd.Flags().Changed(name) {
			return fmt.Errorf("--%s applies to boolean functions, not to a data file (--csv)", name)
		}
	}
	stream := o.setup.Data.Stream
	if stream && (o.plotBoundary != "" || o.plotInputs != "") {
		return errors.New("--plot-boundary draws every row, which --stream does not keep; use --plot-loss")
	}
	p, err := run.PrepareContext(ctx, o.setup, run.CommandLimits)
	if err != nil {
		return err
	}
	o.plotWeights = ""
	d := p.Data
	if stream {
		d = &neuron.Dataset{Inputs: 2} // no rows in memory; only the loss picture is drawn
	}
	outs, err := o.outputs(d, p.Setup.Data.CSV)
	if err != nil {
		return err
	}
	outs.weightsPath = ""
	if stream {
		outs.boundaryPath = ""
	}
	var prog *progress
	if io.Terminal {
		prog = newProgress(io.Err, nil, p.Setup.Loss, p.Setup.Config().MaxIter)
	}
	models := 0
	train := p.Fit
	if stream {
		train = p.Stream
	}
	res, err := train(ctx, run.Options{Observe: func(seed uint64, m neuron.Model) func(neuron.Event) error {
		if prog == nil {
			return nil
		}
		models++
		prog.restart(fmt.Sprintf("model %d", models))
		return prog.observe
	}})
	if prog != nil {
		prog.done()
	}
	if res.Model == nil || res.Table == nil {
		return err
	}
	written, notices, fileErr := o.writeDataFiles(p, res, outs)
	if o.json {
		writeJSON(io.Out, dataDocument(p, res, written))
	} else {
		printData(io.Out, p, res)
	}
	for _, n := range notices {
		fmt.Fprintln(io.Err, n)
	}
	switch {
	case errors.Is(err, context.Canceled):
		return stopped("after %s iterations; the result so far was printed", count(res.Final.Iterations))
	case err != nil:
		return err
	case fileErr != nil:
		return fileErr
	}
	return dataOutcomeError(res)
}

// dataOutcomeError returns the error for a data run whose training could
// not go on: its outputs saturated or its loss stalled.
func dataOutcomeError(res *run.DataOutcome) error {
	for _, r := range append(splitResults(res), res.Final) {
		switch r.Status {
		case neuron.Saturated:
			return notLearned("saturated after %s iterations: the outputs are pinned at 0 or 1, so every gradient is 0; try a smaller learning rate than %s",
				count(r.Iterations), num(res.Config.Rate))
		case neuron.Stalled:
			return notLearned("stalled after %s iterations: the mean loss stopped falling", count(r.Iterations))
		}
	}
	return nil
}

func splitResults(res *run.DataOutcome) []neuron.Result {
	var rs []neuron.Result
	for _, sp := range res.Splits {
		rs = append(rs, sp.Result)
	}
	return rs
}

// printData prints a data run: what was read, how it was trained, how
// well the model does on held-out rows, and the model kept.
func printData(w io.Writer, p *run.Problem, res *run.DataOutcome) {
	s, d, t := &p.Setup, p.Setup.Data, res.Table
	fmt.Fprintf(w, "%s: %s, %d features, %s rows", shortPath(d.CSV), s.Model(), len(t.Features), count(tableRows(t)))
	if t.RowsDropped > 0 {
		fmt.Fprintf(w, " (%s rows dropped: %v)", count(t.RowsDropped), plainError{t.DropReason})
	}
	fmt.Fprintf(w, "\ntarget %s: %s\n", t.Target, mappingText(res))
	fmt.Fprintln(w, trainingText(s))
	fmt.Fprintln(w)
	switch {
	case d.Folds > 0:
		fmt.Fprintf(w, "%d-fold cross-validation, stratified: each fold's model is tested on rows it never saw.\n\n", d.Folds)
		printReports(w, res)
		printConfusion(w, res, "the held-out rows of all folds")
		final := res.Final
		fmt.Fprintf(w, "\nThe model kept was trained on all %s rows: %s after %s epochs (%s iterations).",
			count(tableRows(t)), final.Status, count(final.Epochs), count(final.Iterations))
	case res.Tested:
		sp := res.Splits[0]
		how := "stratified"
		if d.Stream {
			how = "chosen at random"
		}
		fmt.Fprintf(w, "%s rows (%s%%, %s) held out to test the model; trained on %s", count(sp.Test), num(100*d.Test), how, count(sp.Train))
		if sp.Validation > 0 {
			fmt.Fprintf(w, ", with %s more held out for early stopping", count(sp.Validation))
		}
		fmt.Fprintf(w, ".\nTraining: %s after %s epochs (%s iterations)%s.\n\n", sp.Result.Status, count(sp.Result.Epochs), count(sp.Result.Iterations), bestEpoch(sp.Result))
		printReports(w, res)
		printConfusion(w, res, "the test rows")
	default:
		sp := res.Splits[0]
		fmt.Fprintf(w, "No rows held out (--test 0): the figures below measure the rows the model learned from, which flatters it.\n")
		fmt.Fprintf(w, "Training: %s after %s epochs (%s iterations)%s.\n\n", sp.Result.Status, count(sp.Result.Epochs), count(sp.Result.Iterations), bestEpoch(sp.Result))
		printReports(w, res)
		printConfusion(w, res, "the training rows")
	}
	fmt.Fprintln(w)
	printDataModel(w, p, res)
}

func bestEpoch(r neuron.Result) string {
	if r.Status == neuron.EarlyStopped {
		return fmt.Sprintf("; the weights of epoch %s were kept", count(r.BestEpoch))
	}
	return ""
}

// mappingText says which label became which output, with row counts.
func mappingText(res *run.DataOutcome) string {
	t := res.Table
	m := t.Mapping
	neg := fmt.Sprintf("%q", m.Negative)
	if m.OneVsRest {
		neg = "every other label"
	}
	return fmt.Sprintf("%s → 0 (%s rows), %q → 1 (%s rows)", neg, count(t.Counts[0]), m.Positive, count(t.Counts[1]))
}

// trainingText describes how the model was trained, in one line.
func trainingText(s *run.Setup) string {
	d := s.Data
	var parts []string
	if d.Raw {
		parts = append(parts, "features as they are (--raw)")
	} else {
		parts = append(parts, "features standardized on the training rows")
	}
	rate := "learning rate " + num(s.Rate)
	if d.Decay > 0 {
		rate += fmt.Sprintf(" (decay %s per epoch)", num(d.Decay))
	}
	parts = append(parts, rate, s.Loss.String()+" loss")
	batch := "one row per step"
	switch {
	case d.Batch == neuron.FullBatch:
		batch = "every row in each step (full batch)"
	case d.Batch > 1:
		batch = fmt.Sprintf("mini-batches of %d rows", d.Batch)
	}
	if d.Order == neuron.Shuffle {
		batch += ", shuffled each epoch"
	} else if d.Batch != neuron.FullBatch {
		batch += ", drawn at random"
	}
	parts = append(parts, batch)
	if d.L2 > 0 {
		parts = append(parts, "L2 "+num(d.L2))
	}
	if s.Stop != neuron.StopNone {
		parts = append(parts, fmt.Sprintf("loss goal %s (stop rule %s)", num(s.GoalFor()), s.Stop))
	}
	if d.Epochs > 0 {
		parts = append(parts, "at most "+count(d.Epochs)+" epochs")
	}
	if d.Patience > 0 {
		parts = append(parts, fmt.Sprintf("early stopping after %d epochs without a better validation loss", d.Patience))
	}
	if s.MaxIter > 0 {
		parts = append(parts, "cap "+count(s.MaxIter)+" iterations")
	}
	parts = append(parts, fmt.Sprintf("seed %d", s.Seed))
	return strings.Join(parts, ", ")
}

// printReports prints each split's measures as a table, and for
// cross-validation their mean and standard deviation.
func printReports(w io.Writer, res *run.DataOutcome) {
	tw := newTable(w, "fold", "train", "test", "epochs", "stopped", "accuracy", "precision", "recall", "F1", "log-loss", "AUC")
	for _, sp := range res.Splits {
		fold := "-"
		if sp.Fold > 0 {
			fold = fmt.Sprint(sp.Fold)
		}
		r := sp.Report
		tw.row(fold, count(sp.Train), count(sp.Test), count(sp.Result.Epochs), sp.Result.Status.String(),
			f4(r.Accuracy), f4(r.Precision), f4(r.Recall), f4(r.F1), f4(r.LogLoss), auc(r.AUC))
	}
	if res.Mean != nil {
		m, sd := res.Mean, res.Std
		tw.row("mean", "", "", "", "", f4(m.Accuracy), f4(m.Precision), f4(m.Recall), f4(m.F1), f4(m.LogLoss), auc(m.AUC))
		tw.row("± sd", "", "", "", "", f4(sd.Accuracy), f4(sd.Precision), f4(sd.Recall), f4(sd.F1), f4(sd.LogLoss), auc(sd.AUC))
	}
	tw.flush()
}

// printConfusion prints the confusion matrix summed over the splits.
func printConfusion(w io.Writer, res *run.DataOutcome, of string) {
	var c metrics.Confusion
	for _, sp := range res.Splits {
		c.TP += sp.Report.TP
		c.FP += sp.Report.FP
		c.TN += sp.Report.TN
		c.FN += sp.Report.FN
	}
	m := res.Table.Mapping
	neg := m.Negative
	if m.OneVsRest {
		neg = "rest"
	}
	fmt.Fprintf(w, "\nOn %s: %s of %s right.\n", of, count(c.TP+c.TN), count(c.Rows()))
	tw := newTable(w, "", "predicted "+neg, "predicted "+m.Positive)
	tw.row("actual "+neg, count(c.TN), count(c.FP))
	tw.row("actual "+m.Positive, count(c.FN), count(c.TP))
	tw.flush()
}

// printDataModel prints the kept model's weights: for one neuron, the
// largest (in size) with their features' names.
func printDataModel(w io.Writer, p *run.Problem, res *run.DataOutcome) {
	const most = 8
	switch m := res.Model.(type) {
	case *neuron.Neuron:
		names := res.Table.Features
		order := make([]int, len(m.W))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int {
			return -cmpFloat(math.Abs(m.W[a]), math.Abs(m.W[b]))
		})
		units := " (standardized features)"
		if p.Setup.Data.Raw {
			units = ""
		}
		head := "Weights, largest first" + units + ":"
		if len(order) > most {
			head = fmt.Sprintf("The %d largest of %d weights%s:", most, len(order), units)
			order = order[:most]
		}
		var parts []string
		for _, i := range order {
			parts = append(parts, fmt.Sprintf("%s %s", names[i], num(m.W[i])))
		}
		fmt.Fprintf(w, "%s %s; bias b = %s\n", head, strings.Join(parts, ", "), num(m.Bias))
	case *neuron.Net:
		fmt.Fprintf(w, "A two-layer network of %d hidden neurons (%d weights and biases; --json or --save keeps them all).\n",
			m.Hidden(), len(neuron.Params(m)))
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// f4 formats a measure in [0, 1] with four decimals.
func f4(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.4f", v)
}

func auc(v *float64) string {
	if v == nil {
		return "-" // one class only among the rows measured
	}
	return f4(*v)
}

// writeDataFiles writes the pictures and the model of a data run.
func (o *trainOpts) writeDataFiles(p *run.Problem, res *run.DataOutcome, outs *outputs) (w filesJSON, notices []string, err error) {
	labels := plot.Labels{
		Title:    fmt.Sprintf("%s: %s", shortPath(p.Setup.Data.CSV), p.Setup.Model()),
		Subtitle: fmt.Sprintf("learning rate %s, %s loss, seed %d, %s after %s epochs", num(p.Setup.Rate), p.Setup.Loss, p.Setup.Seed, res.Final.Status, count(res.Final.Epochs)),
	}
	made, err := outs.makePlotDir()
	if err != nil {
		return w, nil, err
	}
	defer func() {
		if made && w.LossPlot == "" && w.BoundaryPlot == "" {
			os.Remove(outs.plotDir)
		}
	}()
	if outs.lossPath != "" {
		train, held := make([]float64, len(res.Epochs)), make([]float64, len(res.Epochs))
		heldAny := false
		for i, e := range res.Epochs {
			train[i], held[i] = e.Train, e.Heldout
			heldAny = heldAny || !math.IsNaN(e.Heldout)
		}
		if !heldAny {
			held = nil
		}
		opt := plot.EpochOptions{Labels: labels, Loss: p.Setup.Loss, Heldout: heldoutName(p, res)}
		if res.Final.Status == neuron.EarlyStopped {
			opt.Best = res.Final.BestEpoch
		}
		err := writeAtomic(outs.lossPath, func(b *bufio.Writer) error {
			if err := plot.WriteEpochs(b, outs.lossFmt, train, held, opt); err != nil {
				return fmt.Errorf("--plot-loss %s: %v", shortPath(outs.lossPath), plainError{err})
			}
			return nil
		})
		if err != nil {
			return w, notices, err
		}
		w.LossPlot = outs.lossPath
		notices = append(notices, fmt.Sprintf("Loss curve drawn to %s.", outs.lossPath))
	}
	if outs.boundaryPath != "" {
		d := p.Data
		if res.Scaler != nil { // the model sees standardized rows: draw those
			d = &neuron.Dataset{Inputs: d.Inputs, X: slices.Clone(d.X), T: d.T, Names: d.Names}
			res.Scaler.Apply(d)
		}
		opt := plot.BoundaryOptions{Labels: labels, X: outs.x, Y: outs.y, Snapshots: -1, Project: true}
		if res.Scaler != nil {
			opt.Names = make([]string, d.Inputs)
			for i, n := range d.Names {
				opt.Names[i] = n + " (standardized)"
			}
		}
		if d.Inputs > 2 {
			// The shading and the boundary need a value of every other
			// feature: its mean, 0 once standardized.
			opt.Fixed = make([]float64, d.Inputs)
			if res.Scaler == nil {
				opt.Fixed = neuron.FitScaler(d, nil).Mean
			}
			opt.Note = fmt.Sprintf("shading and boundary with the other %d features at their means; every row drawn at its own %s and %s",
				d.Inputs-2, d.Names[outs.x], d.Names[outs.y])
		}
		err := writeAtomic(outs.boundaryPath, func(b *bufio.Writer) error {
			if err := plot.WriteBoundary(b, outs.boundaryFmt, res.Model, d, opt); err != nil {
				return fmt.Errorf("--plot-boundary %s: %v", shortPath(outs.boundaryPath), plainError{err})
			}
			return nil
		})
		if err != nil {
			return w, notices, err
		}
		w.BoundaryPlot = outs.boundaryPath
		notices = append(notices, fmt.Sprintf("Decision boundary drawn to %s.", outs.boundaryPath))
	}
	if o.save != "" {
		info := p.Setup.DataInfo(res)
		err := writeAtomic(o.save, func(b *bufio.Writer) error {
			if err := neuron.Save(b, res.Model, info); err != nil {
				return fmt.Errorf("--save %s: %v", shortPath(o.save), plainError{err})
			}
			return nil
		})
		if err != nil {
			return w, notices, err
		}
		w.Model = o.save
		notices = append(notices, fmt.Sprintf("Model saved to %s.", o.save))
	}
	return w, notices, nil
}

// heldoutName names the rows the held-out loss curve measures.
func heldoutName(p *run.Problem, res *run.DataOutcome) string {
	switch {
	case p.Setup.Data.Patience > 0:
		return "validation rows"
	case p.Setup.Data.Folds > 0:
		return "" // the kept model trained on every row: none held out
	}
	return "test rows"
}

// A table writes aligned columns of text.
type table struct{ tw *tabwriter.Writer }

// newTable starts a table with the given column heads.
func newTable(w io.Writer, heads ...string) *table {
	t := &table{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	t.row(heads...)
	return t
}

func (t *table) row(cells ...string) { fmt.Fprintln(t.tw, strings.Join(cells, "\t")) }

// flush writes the table, each line without trailing spaces.
func (t *table) flush() { t.tw.Flush() }

// dataJSON is the document 'neuron train --csv FILE --json' prints.
type dataJSON struct {
	Data   dataFileJSON  `json:"data"`
	Setup  dataSetupJSON `json:"setup"`
	Tested bool          `json:"tested"` // whether the reports measure held-out rows
	Splits []splitJSON   `json:"splits"`
	Mean   *reportJSON   `json:"mean,omitempty"` // over the folds
	Std    *reportJSON   `json:"std,omitempty"`
	Final  resultJSON    `json:"final"` // how the kept model's training ended
	Model  modelJSON     `json:"model"`
	Scale  *scaleJSON    `json:"scale,omitempty"`
	Files  filesJSON     `json:"files"`
}

type dataFileJSON struct {
	File        string   `json:"file"`
	Target      string   `json:"target"`
	Features    []string `json:"features"`
	Negative    string   `json:"negative"` // the label of output 0 ("" for the rest)
	Positive    string   `json:"positive"` // the label of output 1
	OneVsRest   bool     `json:"one_vs_rest"`
	Rows        int      `json:"rows"`
	ClassRows   [2]int   `json:"class_rows"` // rows of output 0 and of output 1
	RowsDropped int      `json:"rows_dropped"`
}

type dataSetupJSON struct {
	setupJSON
	Order      string `json:"order"`
	Batch      int    `json:"batch"` // -1: every row
	Decay      number `json:"decay"`
	L2         number `json:"l2"`
	Epochs     int    `json:"epochs"` // 0: no cap
	Patience   int    `json:"patience"`
	Validation number `json:"validation"`
	Test       number `json:"test"`
	Folds      int    `json:"folds"`
	Raw        bool   `json:"raw"`
}

type splitJSON struct {
	Fold       int        `json:"fold"` // 0 for a single split
	Train      int        `json:"train_rows"`
	Validation int        `json:"validation_rows"`
	Test       int        `json:"test_rows"`
	HeldOut    []int      `json:"held_out"` // the tested rows, 0 being the first data row
	Result     resultJSON `json:"result"`
	Report     reportJSON `json:"report"`
}

type resultJSON struct {
	Status     string `json:"status"`
	Epochs     int    `json:"epochs"`
	Iterations int    `json:"iterations"`
	BestEpoch  int    `json:"best_epoch,omitempty"`
}

type reportJSON struct {
	Rows      int     `json:"rows"`
	Accuracy  number  `json:"accuracy"`
	Precision number  `json:"precision"`
	Recall    number  `json:"recall"`
	F1        number  `json:"f1"`
	LogLoss   number  `json:"log_loss"`
	AUC       *number `json:"auc"` // null with one class only
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	TN        int     `json:"tn"`
	FN        int     `json:"fn"`
}

type scaleJSON struct {
	Mean []number `json:"mean"`
	Std  []number `json:"std"`
}

func reportDoc(r metrics.Report) reportJSON {
	doc := reportJSON{Rows: r.Rows, Accuracy: number(r.Accuracy), Precision: number(r.Precision), Recall: number(r.Recall),
		F1: number(r.F1), LogLoss: number(r.LogLoss), TP: r.TP, FP: r.FP, TN: r.TN, FN: r.FN}
	if r.AUC != nil {
		a := number(*r.AUC)
		doc.AUC = &a
	}
	return doc
}

func resultDoc(r neuron.Result) resultJSON {
	return resultJSON{Status: statusWord(r.Status), Epochs: r.Epochs, Iterations: r.Iterations, BestEpoch: r.BestEpoch}
}

func dataDocument(p *run.Problem, res *run.DataOutcome, files filesJSON) dataJSON {
	s, d, t := &p.Setup, p.Setup.Data, res.Table
	model := "neuron"
	if s.Hidden > 0 {
		model = "net"
	}
	c := res.Config
	doc := dataJSON{
		Data: dataFileJSON{File: d.CSV, Target: t.Target, Features: t.Features, Negative: t.Mapping.Negative, Positive: t.Mapping.Positive,
			OneVsRest: t.Mapping.OneVsRest, Rows: tableRows(t), ClassRows: t.Counts, RowsDropped: t.RowsDropped},
		Setup: dataSetupJSON{
			setupJSON: setupJSON{Model: model, Hidden: s.Hidden, Rate: number(c.Rate), Loss: c.Loss.String(), Stop: c.Stop.String(),
				Goal: number(c.Goal), MaxIter: s.MaxIter, Stall: c.StallWindow, Seed: s.Seed},
			Order: d.Order.String(), Batch: d.Batch, Decay: number(d.Decay), L2: number(d.L2), Epochs: d.Epochs,
			Patience: d.Patience, Validation: number(d.Validation), Test: number(d.Test), Folds: d.Folds, Raw: d.Raw,
		},
		Tested: res.Tested,
		Final:  resultDoc(res.Final),
		Model:  modelDoc(res.Model),
		Files:  files,
	}
	if d.Patience == 0 {
		doc.Setup.Validation = 0
	}
	for _, sp := range res.Splits {
		held := sp.TestRows
		if held == nil {
			held = []int{}
		}
		doc.Splits = append(doc.Splits, splitJSON{Fold: sp.Fold, Train: sp.Train, Validation: sp.Validation, Test: sp.Test,
			HeldOut: held, Result: resultDoc(sp.Result), Report: reportDoc(sp.Report)})
	}
	if res.Mean != nil {
		m, sd := reportDoc(*res.Mean), reportDoc(*res.Std)
		doc.Mean, doc.Std = &m, &sd
	}
	if res.Scaler != nil {
		doc.Scale = &scaleJSON{Mean: numbers(res.Scaler.Mean), Std: numbers(res.Scaler.Std)}
	}
	return doc
}

// tableRows returns the rows of data a table has (those trained on and
// held out, not those dropped), also when streaming kept none in memory.
func tableRows(t *csvdata.Table) int { return t.Counts[0] + t.Counts[1] }
