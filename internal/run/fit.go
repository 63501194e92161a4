package run

import (
	"context"
	"math"
	"math/rand/v2"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
	"github.com/neuronlab/neuron/metrics"
)

// A Split is one model trained on some rows of a table and tested on
// others: the single train/test split, or one fold of cross-validation.
type Split struct {
	Fold       int // 1-based fold number; 0 for a single split
	Train      int // rows trained on
	Validation int // rows held out of those for early stopping
	Test       int // rows tested on
	// TestRows are the tested rows' indexes in the table (0 is the first
	// data row), so that another program can test on the same rows.
	TestRows []int
	Result   neuron.Result
	// Report measures the model on the test rows (on the training rows
	// when none are held out: see DataOutcome.Tested).
	Report metrics.Report
}

// An EpochLoss is the mean loss after one epoch, on the training rows and
// on the held-out rows (validation rows with early stopping, else the
// test rows; NaN when there are none).
type EpochLoss struct {
	Epoch          int
	Train, Heldout float64
}

// A DataOutcome is a finished run on a table.
type DataOutcome struct {
	Table  *csvdata.Table
	Config neuron.Config // as trained, without its random source and hooks
	Splits []Split       // one per fold, or one
	// Tested says whether the reports measure held-out rows; if not, they
	// measure the rows the model was trained on, which flatters it.
	Tested bool
	// Mean and Std summarize the folds' reports (cross-validation only):
	// each measure's mean and standard deviation over the folds.
	Mean, Std *metrics.Report
	// Model is the model to keep: trained on the split's training rows,
	// or, with cross-validation, on every row.
	Model  neuron.Model
	Scaler *neuron.Scaler // how Model's inputs are standardized; nil with Raw
	Final  neuron.Result  // how Model's training ended
	Epochs []EpochLoss    // Model's losses, epoch by epoch
}

// splitSeed separates the stream that splits rows from the one that
// draws the weights and rows (rand.NewPCG(seed, 0)), so that changing
// --test does not change the starting weights.
const splitSeed = 0x5eed

// Fit trains on the problem's table as the data setup says, and measures
// the model on held-out rows: a stratified train/test split (Test), or
// stratified k-fold cross-validation (Folds) followed by a final model
// trained on every row. Options.Observe sees each model's training;
// History and StopAt do not apply. It returns the outcome so far with an
// error (a canceled ctx, overflow, a hook's error).
func (p *Problem) Fit(ctx context.Context, o Options) (*DataOutcome, error) {
	d := p.Setup.Data
	data := p.Table.Data
	out := &DataOutcome{Table: p.Table, Config: p.Setup.dataConfig()}
	rng := rand.New(rand.NewPCG(p.Setup.Seed, splitSeed))
	all := make([]int, data.Len())
	for i := range all {
		all[i] = i
	}
	if d.Folds > 0 {
		folds, err := metrics.KFold(data.T, d.Folds, rng)
		if err != nil {
			return out, plainData(err)
		}
		for k, test := range folds {
			sp, _, err := p.fitSplit(ctx, o, metrics.TrainRows(folds, k), test, rng)
			sp.Fold = k + 1
			out.Splits = append(out.Splits, sp)
			if err != nil {
				return out, err
			}
		}
		out.Tested = true
		out.Mean, out.Std = summarize(out.Splits)
		final, err := p.fitFinal(ctx, o, all, rng)
		out.Model, out.Scaler, out.Final, out.Epochs = final.model, final.scaler, final.result, final.epochs
		return out, err
	}
	train, test := all, []int(nil)
	if d.Test > 0 {
		var err error
		if train, test, err = metrics.Split(data.T, d.Test, rng); err != nil {
			return out, plainData(err)
		}
		out.Tested = true
	}
	sp, m, err := p.fitSplit(ctx, o, train, test, rng)
	out.Splits = append(out.Splits, sp)
	out.Model, out.Scaler, out.Final, out.Epochs = m.model, m.scaler, m.result, m.epochs
	return out, err
}

// A fitted model, with what it was fitted with.
type fitted struct {
	model  neuron.Model
	scaler *neuron.Scaler
	result neuron.Result
	epochs []EpochLoss
}

// fitSplit trains a model on rows train, holding out a validation part of
// them for early stopping, and measures it on rows test (or, when test is
// empty, on the rows it trained on).
func (p *Problem) fitSplit(ctx context.Context, o Options, train, test []int, rng *rand.Rand) (Split, fitted, error) {
	f, val, err := p.fitRows(ctx, o, train, test, rng)
	sp := Split{Train: len(train) - val, Validation: val, Test: len(test), TestRows: test, Result: f.result}
	measured := test
	if len(test) == 0 {
		measured = train
	}
	sp.Report = p.report(f, measured)
	return sp, f, err
}

// fitFinal trains the model to keep on every row, after cross-validation.
func (p *Problem) fitFinal(ctx context.Context, o Options, all []int, rng *rand.Rand) (fitted, error) {
	f, _, err := p.fitRows(ctx, o, all, nil, rng)
	return f, err
}

// fitRows trains one model on the given training rows; test rows, if any,
// are measured after each epoch (unless validation rows are). It returns
// the number of training rows held out for validation.
func (p *Problem) fitRows(ctx context.Context, o Options, train, test []int, rng *rand.Rand) (fitted, int, error) {
	s, data := &p.Setup, p.Table.Data
	fit := train
	var val []int
	if s.Data.Patience > 0 {
		sub := metrics.Subset(data, train)
		a, b, err := metrics.Split(sub.T, s.Data.Validation, rng)
		if err != nil {
			return fitted{}, 0, plainData(err)
		}
		fit, val = pick(train, a), pick(train, b)
	}
	var f fitted
	trainD := metrics.Subset(data, fit)
	if !s.Data.Raw {
		f.scaler = neuron.FitScaler(data, fit)
		f.scaler.Apply(trainD)
	}
	c := p.Setup.dataConfig()
	if len(val) > 0 {
		c.Validation = p.scaled(f.scaler, val)
	} else if len(test) > 0 {
		c.Validation = p.scaled(f.scaler, test) // measured, never used to decide
	}
	c.Epoch = func(e neuron.EpochEvent) error {
		f.epochs = append(f.epochs, EpochLoss{Epoch: e.Epoch, Train: e.Loss, Heldout: e.Validation})
		return nil
	}
	m, mrng := p.NewModel(s.Seed)
	c.Rand = mrng
	if o.Observe != nil {
		c.Progress = o.Observe(s.Seed, m)
	}
	res, err := neuron.Train(ctx, m, trainD, c)
	f.model, f.result = m, res
	return f, len(val), err
}

// scaled returns the given rows of the table, standardized by sc (or as
// they are when sc is nil).
func (p *Problem) scaled(sc *neuron.Scaler, rows []int) *neuron.Dataset {
	d := metrics.Subset(p.Table.Data, rows)
	if sc != nil {
		sc.Apply(d)
	}
	return d
}

// report measures a fitted model on the given rows of the table.
func (p *Problem) report(f fitted, rows []int) metrics.Report {
	d := p.scaled(f.scaler, rows)
	r, err := metrics.Evaluate(metrics.Predict(f.model, d), d.T, 0.5)
	if err != nil {
		// Outputs are in [0, 1] and targets 0 or 1 by construction; a
		// diverged model's NaN outputs are the one way here.
		return metrics.Report{Rows: d.Len(), Accuracy: math.NaN()}
	}
	return r
}

// pick returns rows[k] for each k in idx.
func pick(rows, idx []int) []int {
	out := make([]int, len(idx))
	for i, k := range idx {
		out[i] = rows[k]
	}
	return out
}

// summarize returns the mean and standard deviation over the splits of
// each measure in their reports (the sample standard deviation, dividing
// by k−1, as for an estimate from k folds).
func summarize(splits []Split) (mean, std *metrics.Report) {
	mean, std = &metrics.Report{}, &metrics.Report{}
	fields := func(r *metrics.Report) []*float64 {
		return []*float64{&r.Accuracy, &r.Precision, &r.Recall, &r.F1, &r.LogLoss}
	}
	k := float64(len(splits))
	var aucs []float64
	for _, sp := range splits {
		for i, v := range fields(&sp.Report) {
			*fields(mean)[i] += *v / k
		}
		mean.Rows += sp.Report.Rows
		if sp.Report.AUC != nil {
			aucs = append(aucs, *sp.Report.AUC)
		}
	}
	for _, sp := range splits {
		for i, v := range fields(&sp.Report) {
			dv := *v - *fields(mean)[i]
			*fields(std)[i] += dv * dv / max(k-1, 1)
		}
	}
	for _, v := range fields(std) {
		*v = math.Sqrt(*v)
	}
	if len(aucs) == len(splits) {
		var m, ss float64
		for _, a := range aucs {
			m += a / k
		}
		for _, a := range aucs {
			ss += (a - m) * (a - m) / max(k-1, 1)
		}
		sd := math.Sqrt(ss)
		mean.AUC, std.AUC = &m, &sd
	}
	return mean, std
}
