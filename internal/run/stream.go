package run

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
	"github.com/neuronlab/neuron/metrics"
)

// Streaming trains on a file too large for memory by reading it again for
// every epoch, a chunk of rows at a time:
//
//   - a first pass reads every row once: it collects the target's labels
//     (to map them to 0 and 1), fits the Scaler to the training rows, and
//     counts them;
//   - each epoch reads the file again and trains on each chunk of
//     training rows with neuron.Train (one pass over the chunk, its rows
//     drawn or shuffled as the setup says), the model carrying on from
//     chunk to chunk;
//   - a last pass measures the model on the held-out rows.
//
// The rows held out for testing are chosen by a seeded hash of each row's
// number, so that every pass holds out the same ones: about Test of them,
// not stratified. Memory holds one chunk of rows, and for the report the
// output and target of each held-out row (16 bytes a row).

// streamChunk is the most training rows held in memory at a time.
const streamChunk = 1 << 16

// heldOut reports whether row i (0 being the first data row) is held
// out for testing: a SplitMix64 hash of the seed and i, read as a number
// in [0, 1), is below the fraction.
func heldOut(seed uint64, i int, fraction float64) bool {
	z := seed ^ (uint64(i)+1)*0x9E3779B97F4A7C15
	z = (z ^ z>>30) * 0xBF58476D1CE4E5B9
	z = (z ^ z>>27) * 0x94D049BB133111EB
	z ^= z >> 31
	return float64(z>>11)/(1<<53) < fraction
}

// Stream trains on the setup's data file in passes (see above) and
// measures the model on the held-out rows. Options.Observe sees the
// training, with iterations counted from the start of the run. It
// returns the outcome so far with an error.
func (p *Problem) Stream(ctx context.Context, o Options) (*DataOutcome, error) {
	s, d := &p.Setup, p.Setup.Data
	out := &DataOutcome{Config: s.dataConfig(), Tested: d.Test > 0}
	table, scaler, err := d.firstPass(ctx, s.Seed)
	if err != nil {
		return out, err
	}
	trained := scaler.N // the rows the scaler was fitted to: every row not held out
	if d.Raw {
		scaler = nil
	}
	out.Table, out.Scaler = table, scaler
	q := *p
	q.Data = &neuron.Dataset{Inputs: len(table.Features)}
	if want := q.ParamCount(); len(s.Start) != 0 && len(s.Start) != want {
		return out, fmt.Errorf("%d starting weights given, %s with %d inputs has %d", len(s.Start), s.Model(), len(table.Features), want)
	}
	m, rng := q.NewModel(s.Seed)
	out.Model = m
	c := out.Config
	c.Rand, c.Decay, c.MaxEpochs, c.Stop, c.StallWindow = rng, 0, 1, neuron.StopNone, 0
	chunk := &neuron.Dataset{Inputs: len(table.Features), Names: table.Features}
	done, epochs := 0, 0 // iterations and epochs done
	var hook func(neuron.Event) error
	if o.Observe != nil {
		if h := o.Observe(s.Seed, m); h != nil {
			hook = func(e neuron.Event) error { e.Iteration += done; return h(e) }
		}
	}
	c.Progress = hook
	var res neuron.Result
	for epochs < d.Epochs || d.Epochs == 0 && epochs == 0 {
		// The learning rate falls with the epochs as Config.Decay would.
		c.Rate = s.Rate / (1 + d.Decay*float64(epochs))
		var sum float64 // the epoch's training loss, summed over its chunks
		rows := 0
		err := d.eachChunk(ctx, s.Seed, table, scaler, chunk, func() error {
			if s.MaxIter > 0 {
				if done >= s.MaxIter {
					return errCapReached
				}
				c.MaxIter = s.MaxIter - done
			}
			r, err := neuron.Train(ctx, m, chunk, c)
			done += r.Iterations
			sum += r.Table.Mean * float64(chunk.Len())
			rows += chunk.Len()
			res = r
			if err == nil && r.Status != neuron.EpochLimit {
				return errStopped
			}
			return err
		})
		res.Iterations = done
		if errors.Is(err, errCapReached) || errors.Is(err, errStopped) {
			break
		}
		if err != nil {
			out.Final = res
			return out, err
		}
		epochs++
		out.Epochs = append(out.Epochs, EpochLoss{Epoch: epochs, Train: sum / float64(max(rows, 1)), Heldout: math.NaN()})
	}
	res.Epochs = epochs
	if res.Status == neuron.EpochLimit && s.MaxIter > 0 && done >= s.MaxIter {
		res.Status = neuron.IterationLimit
	}
	out.Final = res
	sp := Split{Train: table.Counts[0] + table.Counts[1], Result: res}
	measured := sp.Train // every row, when none are held out
	if d.Test > 0 {
		measured -= trained
	}
	sp.Report, sp.Test, err = d.measure(ctx, s.Seed, table, scaler, m, measured)
	sp.Train -= sp.Test
	out.Splits = []Split{sp}
	return out, err
}

var (
	errCapReached = errors.New("iteration cap reached")
	errStopped    = errors.New("training stopped")
)

// open opens the data file and starts reading it. The file must be a
// regular file: a stream reads it several times, and a pipe can be read
// only once.
func (d *DataSetup) open(ctx context.Context, opt csvdata.Options) (*Input, *csvdata.Reader, error) {
	// Before opening it, which for a named pipe waits for a writer.
	if st, err := os.Stat(d.CSV); err == nil && !st.IsDir() && !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("data file %s: --stream reads the file more than once, so it must be a regular file, not a pipe or a device", d.CSV)
	}
	f, err := Open(ctx, d.CSV)
	if err != nil {
		return nil, nil, fmt.Errorf("data file %s: %w", d.CSV, pathProblem(err))
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		f.Close()
		return nil, nil, fmt.Errorf("data file %s: is a directory", d.CSV)
	}
	rd, err := csvdata.NewReader(f, d.CSV, opt)
	if err != nil {
		f.Close()
		return nil, nil, f.Err(plainData(err))
	}
	return f, rd, nil
}

// firstPass reads the whole file once: the target's labels and their
// mapping, the rows of each class, and the scaler of the training rows
// (fitted even with Raw: its N counts them).
func (d *DataSetup) firstPass(ctx context.Context, seed uint64) (*csvdata.Table, *neuron.Scaler, error) {
	f, rd, err := d.open(ctx, d.options())
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	x := make([]float64, len(rd.Features()))
	var labels csvdata.Labels
	scaler := &neuron.Scaler{}
	for i := 0; ; i++ {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, f.Err(plainData(err))
		}
		if _, err := labels.Add(label); err != nil {
			return nil, nil, fmt.Errorf("%s: line %d: %v", d.CSV, rd.Line(), plainData(err))
		}
		if !heldOut(seed, i, d.Test) {
			scaler.Add(x)
		}
	}
	if labels.Len() == 0 {
		return nil, nil, fmt.Errorf("%s: no rows of data", d.CSV)
	}
	mapping, err := labels.Mapping(d.Positive)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %v", d.CSV, plainData(err))
	}
	t := &csvdata.Table{Features: rd.Features(), Target: rd.Target(), Mapping: mapping, Header: rd.Header(), Comma: rd.Comma(), Source: d.CSV}
	for _, name := range labels.Names() {
		target, _ := mapping.Target(name)
		t.Counts[int(target)] += labels.Count(name)
	}
	t.RowsRead = rd.Rows()
	t.RowsDropped, t.DropReason = rd.Dropped()
	if scaler.N == 0 {
		return nil, nil, fmt.Errorf("%s: every row is held out for testing; lower --test", d.CSV)
	}
	return t, scaler, nil
}

// eachChunk reads the file again and calls train with chunk holding each
// run of up to streamChunk training rows, standardized, in file order.
// It stops at train's first error.
func (d *DataSetup) eachChunk(ctx context.Context, seed uint64, t *csvdata.Table, sc *neuron.Scaler, chunk *neuron.Dataset, train func() error) error {
	f, rd, err := d.open(ctx, d.options())
	if err != nil {
		return err
	}
	defer f.Close()
	n := len(t.Features)
	x := make([]float64, n)
	chunk.X, chunk.T = chunk.X[:0], chunk.T[:0]
	for i := 0; ; i++ {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		}
		if err != nil {
			return f.Err(plainData(err))
		}
		if heldOut(seed, i, d.Test) {
			continue
		}
		target, ok := t.Mapping.Target(label)
		if !ok {
			return fmt.Errorf("%s: line %d: label %q was not in the file's first pass (has the file changed?)", d.CSV, rd.Line(), Short(label))
		}
		if sc != nil {
			sc.ApplyRow(x)
		}
		chunk.X = append(chunk.X, x...)
		chunk.T = append(chunk.T, target)
		if len(chunk.T) == streamChunk {
			if err := train(); err != nil {
				return err
			}
			chunk.X, chunk.T = chunk.X[:0], chunk.T[:0]
		}
	}
	if len(chunk.T) > 0 {
		return train()
	}
	return nil
}

// measure reads the file once more and measures m on the held-out rows
// (on every row when none are held out), about rows of them, and returns
// the report and the number of rows it measured.
func (d *DataSetup) measure(ctx context.Context, seed uint64, t *csvdata.Table, sc *neuron.Scaler, m neuron.Model, rows int) (metrics.Report, int, error) {
	f, rd, err := d.open(ctx, d.options())
	if err != nil {
		return metrics.Report{}, 0, err
	}
	defer f.Close()
	x := make([]float64, len(t.Features))
	probs, targets := make([]float64, 0, rows), make([]float64, 0, rows)
	for i := 0; ; i++ {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		}
		if err != nil {
			return metrics.Report{}, 0, f.Err(plainData(err))
		}
		if d.Test > 0 && !heldOut(seed, i, d.Test) {
			continue
		}
		if i%4096 == 0 && ctx.Err() != nil {
			return metrics.Report{}, 0, ctx.Err()
		}
		target, _ := t.Mapping.Target(label)
		if sc != nil {
			sc.ApplyRow(x)
		}
		probs, targets = append(probs, m.Output(x)), append(targets, target)
	}
	if len(probs) == 0 {
		return metrics.Report{Accuracy: math.NaN()}, 0, nil
	}
	r, err := metrics.Evaluate(probs, targets, 0.5)
	if err != nil {
		return metrics.Report{Rows: len(probs), Accuracy: math.NaN()}, len(probs), nil // a diverged model's NaN outputs
	}
	return r, len(probs), nil
}
