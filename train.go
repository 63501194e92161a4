package neuron

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// DefaultRate is the learning rate used when Config.Rate is zero: the
// original demo's.
const DefaultRate = 0.5

// DefaultMaxIter is the iteration cap used when Config.MaxIter is zero:
// about a second of training for one neuron, and a guard against running
// forever on data that a model cannot fit (one neuron on XOR never meets
// StopMax's goal). NoLimit removes the cap.
const DefaultMaxIter = 10_000_000

// NoLimit, as Config.MaxIter, trains without an iteration cap until the
// goal is met, as the original demo does.
const NoLimit = -1

// FullBatch, as Config.Batch, makes every step use every row.
const FullBatch = -1

// An Order says how Train picks the rows for each step.
type Order int

const (
	// DrawRows draws each step's rows uniformly at random, with
	// replacement: the original demo's way.
	DrawRows Order = iota
	// Shuffle visits every row once per epoch, in a new random order each
	// epoch.
	Shuffle
)

var orderNames = [...]string{DrawRows: "draw", Shuffle: "shuffle"}

// String returns the order's name: "draw" or "shuffle".
func (o Order) String() string {
	if o >= 0 && int(o) < len(orderNames) {
		return orderNames[o]
	}
	return fmt.Sprintf("Order(%d)", int(o))
}

// ParseOrder returns the order named s: "draw" or "shuffle".
func ParseOrder(s string) (Order, error) {
	for i, name := range orderNames {
		if s == name {
			return Order(i), nil
		}
	}
	return 0, fmt.Errorf("neuron: unknown row order %q (want draw or shuffle)", s)
}

// Config says how Train trains. Its zero value, with Rand set, is the
// original demo's procedure: learning rate 0.5, squared error, one row
// drawn at random per step, stop as soon as that row's loss is at most
// 1e-10 (StopRow), here capped at DefaultMaxIter iterations.
type Config struct {
	// Rand draws the rows. It must not be nil: every run is seeded, so that
	// it can be repeated bit for bit, e.g. rand.New(rand.NewPCG(seed, 0)).
	Rand *rand.Rand

	// Rate is the learning rate, the size of each step. If zero,
	// DefaultRate (0.5) is used.
	Rate float64

	// Goal is the loss goal. If zero, DefaultGoal(Stop, Loss) is used.
	Goal float64

	// Stop is the stop rule; the zero value is the original demo's, StopRow.
	Stop Stop

	// Loss is the loss minimized; the zero value is SquaredError, the
	// original demo's.
	Loss Loss

	// MaxIter caps the number of iterations (steps). If zero,
	// DefaultMaxIter is used; NoLimit means no cap.
	MaxIter int

	// StallWindow, if positive, stops training with Status Stalled when
	// the mean loss over the rows has not reached a new low, lower than the
	// previous low by at least the fraction StallDrop, for StallWindow
	// iterations. A two-layer network caught in a local minimum stalls
	// this way. If zero, stalls are not detected.
	//
	// The mean loss watched is that of each row's loss when the row was
	// last used, which costs nothing to keep up to date.
	StallWindow int
	// StallDrop is the relative fall of the mean loss that counts as
	// progress for StallWindow. If zero, 0.01 (1%) is used.
	StallDrop float64

	// Progress, if not nil, is called after every iteration. If it returns
	// an error, training stops and Train returns that error. It must not
	// change the model. When nil it costs nothing.
	Progress func(Event) error

	// The fields below matter for data sets larger than a truth table.
	// An epoch is as many rows used as the data set has.

	// Order says how rows are picked; the zero value is DrawRows.
	Order Order

	// Batch is the number of rows per step: each step moves the weights
	// against the mean gradient of that many rows. If zero or one, each
	// step uses one row, as in the original demo; FullBatch uses every row
	// (and then Order does not matter). Large batches are split over
	// Workers goroutines in a way that gives the same result for any
	// number of them.
	Batch int

	// Decay, if positive, lowers the learning rate as training goes on:
	// in epoch e (counting from 0) the rate is Rate/(1 + Decay·e).
	Decay float64

	// L2, if positive, adds the penalty ½·L2·Σw² over every weight (not
	// the biases) to the loss minimized, which pulls the weights toward 0.
	// The losses reported do not include it.
	L2 float64

	// MaxEpochs, if positive, stops training with Status EpochLimit after
	// that many epochs.
	MaxEpochs int

	// Validation, if not nil, is a held-out data set measured after every
	// epoch (Result.Validation, EpochEvent.Validation).
	Validation *Dataset
	// Patience, if positive, stops training with Status EarlyStopped when
	// the mean loss on Validation has not fallen below its lowest for
	// Patience epochs, and restores the weights of that lowest epoch.
	// It requires Validation.
	Patience int

	// Epoch, if not nil, is called after every epoch. If it returns an
	// error, training stops and Train returns that error.
	Epoch func(EpochEvent) error

	// Workers is the most goroutines a step of a large batch uses. If
	// zero, runtime.GOMAXPROCS(0) is used. It changes the speed, never
	// the result.
	Workers int
}

// An Event tells Config.Progress about the iteration just done.
type Event struct {
	Iteration int     // iterations done so far, counting this one
	Row       int     // index of the row used in this iteration, or −1 for a batch of rows
	Loss      float64 // that row's loss (a batch's mean loss), measured before the step
	Model     Model   // the model after the step; read it, do not change it
}

// An EpochEvent tells Config.Epoch about the epoch just done.
type EpochEvent struct {
	Epoch      int     // epochs done so far, counting this one
	Iteration  int     // iterations done so far
	Rate       float64 // the learning rate of this epoch
	Loss       float64 // mean loss over the training rows
	Validation float64 // mean loss over Config.Validation; NaN without it
	Model      Model   // the model now; read it, do not change it
}

// Status says why training stopped.
type Status int

const (
	GoalMet        Status = iota + 1 // the stop rule's loss reached the goal
	IterationLimit                   // the iteration cap was reached first
	Stalled                          // the loss stopped falling (see Config.StallWindow)
	Saturated                        // no weight changed in a while: see below
	Diverged                         // a weight or the bias overflowed to ±Inf or NaN
	Canceled                         // the context was canceled or a hook returned an error
	EpochLimit                       // the epoch cap was reached first (Config.MaxEpochs)
	EarlyStopped                     // the held-out loss stopped falling (Config.Patience)
)

// A model is Saturated when its outputs are so close to 0 or 1 that every
// gradient o(1−o)·... is zero, or too small to change a weight in float64:
// training can make no more progress. A much too large learning rate does
// this in a few steps; so does a goal too small for float64 to reach.
// Train looks for it every 1024 rows used.

var statusNames = [...]string{
	GoalMet:        "goal met",
	IterationLimit: "iteration cap reached",
	Stalled:        "stalled",
	Saturated:      "saturated",
	Diverged:       "diverged",
	Canceled:       "canceled",
	EpochLimit:     "epoch cap reached",
	EarlyStopped:   "stopped early",
}

// String describes the status in a few words, e.g. "goal met".
func (s Status) String() string {
	if s > 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ErrDiverged is returned, wrapped, when the weights overflow: the
// learning rate is too large.
var ErrDiverged = errors.New("weights overflowed to Inf or NaN")

// Result is the outcome of Train.
type Result struct {
	Model      Model   // the trained model (the one passed to Train)
	Status     Status  // why training stopped
	Iterations int     // iterations (steps) done
	Epochs     int     // epochs completed
	Loss       float64 // the loss the stop rule measured last (see Stop); for StopNone the mean loss
	Table      Stats   // the model measured on every training row after training
	Validation Stats   // the model measured on Config.Validation, if given
	BestEpoch  int     // with Patience: the epoch whose weights were kept
}

// Train teaches m the data set d by steepest descent. Each iteration
// picks a row (by default one drawn uniformly at random, as the original
// demo does), computes its output and loss, and steps every weight and
// the bias against the loss's gradient (Model.Step); with Config.Batch,
// a step uses the mean gradient of several rows. Train stops when the
// stop rule's loss reaches the goal, at the iteration or epoch cap, on a
// stall, on early stopping, or when ctx is done.
//
// Train changes m in place and never prints. It returns the result so far
// even with an error: the error is non-nil when the configuration or data
// set is invalid (Result is then zero), when the weights overflow
// (wrapping ErrDiverged), when ctx is done (ctx.Err()), or when a hook
// fails (its error).
func Train(ctx context.Context, m Model, d *Dataset, c Config) (Result, error) {
	if err := c.check(m, d); err != nil {
		return Result{}, err
	}
	t := newTrainer(ctx, m, d, &c)
	return t.run()
}

// check reports whether c's fields are usable for m and d.
func (c *Config) check(m Model, d *Dataset) error {
	switch {
	case c.Rand == nil:
		return errors.New("neuron: Config.Rand is nil: seed a source, e.g. rand.New(rand.NewPCG(seed, 0))")
	case !(c.Rate >= 0) || math.IsInf(c.Rate, 0):
		return fmt.Errorf("neuron: learning rate %v must be a positive number", c.Rate)
	case !(c.Goal >= 0) || math.IsInf(c.Goal, 0):
		return fmt.Errorf("neuron: loss goal %v must be a positive number", c.Goal)
	case c.Stop < StopRow || c.Stop > StopNone:
		return fmt.Errorf("neuron: unknown stop rule %v", c.Stop)
	case c.Loss < SquaredError || c.Loss > CrossEntropy:
		return fmt.Errorf("neuron: unknown loss %v", c.Loss)
	case c.Order < DrawRows || c.Order > Shuffle:
		return fmt.Errorf("neuron: unknown row order %v", c.Order)
	case c.MaxIter < NoLimit:
		return fmt.Errorf("neuron: iteration cap %d must not be negative (0 means DefaultMaxIter, NoLimit none)", c.MaxIter)
	case c.StallWindow < 0:
		return fmt.Errorf("neuron: stall window %d must not be negative (0 means off)", c.StallWindow)
	case !(c.StallDrop >= 0 && c.StallDrop < 1):
		return fmt.Errorf("neuron: stall drop %v must be in [0, 1)", c.StallDrop)
	case c.Batch < FullBatch:
		return fmt.Errorf("neuron: batch size %d must be positive (or FullBatch)", c.Batch)
	case !(c.Decay >= 0) || math.IsInf(c.Decay, 0):
		return fmt.Errorf("neuron: learning-rate decay %v must be a number ≥ 0", c.Decay)
	case !(c.L2 >= 0) || math.IsInf(c.L2, 0):
		return fmt.Errorf("neuron: L2 penalty %v must be a number ≥ 0", c.L2)
	case c.MaxEpochs < 0:
		return fmt.Errorf("neuron: epoch cap %d must not be negative (0 means none)", c.MaxEpochs)
	case c.Patience < 0:
		return fmt.Errorf("neuron: patience %d must not be negative (0 means off)", c.Patience)
	case c.Patience > 0 && c.Validation == nil:
		return errors.New("neuron: early stopping (Patience) needs a Validation data set")
	case c.Workers < 0:
		return fmt.Errorf("neuron: workers %d must not be negative (0 means GOMAXPROCS)", c.Workers)
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if m.Inputs() != d.Inputs {
		return fmt.Errorf("neuron: model has %d inputs, data set has %d", m.Inputs(), d.Inputs)
	}
	if v := c.Validation; v != nil {
		if err := v.Validate(); err != nil {
			return fmt.Errorf("neuron: validation %w", errors.Unwrap(err))
		}
		if v.Inputs != d.Inputs {
			return fmt.Errorf("neuron: validation data set has %d inputs, training data %d", v.Inputs, d.Inputs)
		}
	}
	return nil
}

// A trainer is one run of Train: the loop and what it keeps between
// iterations.
type trainer struct {
	ctx  context.Context
	m    Model
	d    *Dataset
	c    *Config
	rate float64 // this epoch's learning rate
	goal float64
	max  int // iteration cap (math.MaxInt for none)

	book  *lossBook // each row's last loss, for the table rules and stalls
	stall stallCheck
	batch *batcher // nil when each step uses one row and no L2 penalty

	perm []int // Shuffle: this epoch's order of the rows
	pos  int   // Shuffle: rows of perm used this epoch

	it, epochs   int
	used         int  // rows used in this epoch
	epochWatched bool // something looks at epochs (see epochEnded)
	loss         float64
	status       Status
	err          error

	// Housekeeping (see check): every checkEvery iterations, at nextCheck,
	// the weights are compared with snap, taken at the previous check.
	checkEvery, nextCheck int
	snap, snap2           []float64

	best      []float64 // Patience: the weights of the lowest validation loss
	bestLoss  float64
	bestEpoch int
}

func newTrainer(ctx context.Context, m Model, d *Dataset, c *Config) *trainer {
	t := &trainer{ctx: ctx, m: m, d: d, c: c, rate: c.Rate, goal: c.Goal, max: c.MaxIter, loss: math.NaN()}
	if t.rate == 0 {
		t.rate = DefaultRate
	}
	if t.goal == 0 {
		t.goal = DefaultGoal(c.Stop, c.Loss)
	}
	switch t.max {
	case 0:
		t.max = DefaultMaxIter
	case NoLimit:
		t.max = math.MaxInt
	}
	table := c.Stop == StopMax || c.Stop == StopMean // rules that measure every row
	if table || c.StallWindow > 0 {
		t.book = newLossBook(m, d, c.Loss, t.goal)
		if table && t.book.holds(c.Stop) {
			t.status = GoalMet
		}
		t.stall = newStallCheck(c.StallWindow, c.StallDrop, t.book.mean())
	}
	size := c.Batch
	if size == FullBatch || size > d.Len() {
		size = d.Len()
	}
	if size > 1 || c.L2 > 0 {
		t.batch = newBatcher(m, d, c.Loss, max(size, 1), c.Workers)
	}
	if c.Order == Shuffle && size < d.Len() {
		t.perm = make([]int, d.Len())
		for i := range t.perm {
			t.perm[i] = i
		}
		t.shuffle()
	}
	if c.Patience > 0 {
		t.best = m.params(nil)
		t.bestLoss = Evaluate(m, c.Validation, c.Loss).Mean
	}
	t.epochWatched = c.Epoch != nil || c.Validation != nil || c.MaxEpochs > 0 || c.Decay > 0 || t.perm != nil
	// Housekeeping every 1024 rows used keeps the loop itself to a few
	// predictable branches.
	t.checkEvery = 1024
	if t.batch != nil {
		t.checkEvery = max(1, 1024/t.batch.size)
	}
	t.nextCheck = t.checkEvery
	t.snap, t.snap2 = m.params(nil), m.params(nil)
	return t
}

// shuffle starts an epoch of Shuffle order: a new random order of the
// rows (Fisher–Yates, by rand.Shuffle).
func (t *trainer) shuffle() {
	p := t.perm
	t.c.Rand.Shuffle(len(p), func(i, j int) { p[i], p[j] = p[j], p[i] })
	t.pos = 0
}

func (t *trainer) run() (Result, error) {
	// The loop reads what it needs from t rather than keeping it in local
	// variables: Go saves every register across a call, and the loop makes
	// a call or two per iteration, so a value held in a register would be
	// stored and reloaded each time.
	for t.status == 0 {
		if t.it >= t.max {
			t.status = IterationLimit
			break
		}
		row, used := -1, 1
		if t.batch == nil {
			// One row: the original demo's step. (This is t.next, written
			// out: as a function it would be a call too many.)
			if t.perm == nil {
				row = t.c.Rand.IntN(len(t.d.T))
			} else {
				row = t.nextShuffled()
			}
			x, target := t.d.Row(row)
			t.loss = t.m.Step(x, target, t.rate, t.c.Loss)
			if t.book != nil {
				t.book.observe(row, t.loss)
			}
		} else {
			used = min(t.batch.size, len(t.d.T)-t.used) // a step does not cross an epoch
			t.loss = t.batch.step(t, used, t.rate)
		}
		t.it++
		t.used += used
		if t.c.Progress != nil {
			if t.err = t.c.Progress(Event{Iteration: t.it, Row: row, Loss: t.loss, Model: t.m}); t.err != nil {
				t.status = Canceled
				break
			}
		}
		if t.c.Stop == StopRow {
			if t.loss <= t.goal { // the original demo's rule
				t.status = GoalMet
			}
		} else if t.c.Stop != StopNone && t.book.holds(t.c.Stop) && t.it >= t.book.nextExact {
			// The remembered losses meet the goal; measure every row.
			t.book.measure(t.it)
			if t.book.holds(t.c.Stop) {
				t.status = GoalMet
			}
		}
		if t.it == t.stall.next && t.status == 0 && t.stall.stalled(t.it, t.book.mean()) {
			t.status = Stalled
		}
		if t.used == len(t.d.T) {
			t.endEpoch()
		}
		if t.it == t.nextCheck && t.status == 0 {
			t.check()
		}
	}
	return t.result()
}

// next returns the next row to use.
func (t *trainer) next() int {
	if t.perm == nil {
		return t.c.Rand.IntN(len(t.d.T))
	}
	return t.nextShuffled()
}

// nextShuffled returns the next row of this epoch's Shuffle order.
func (t *trainer) nextShuffled() int {
	i := t.perm[t.pos]
	t.pos++
	return i
}

// check is the housekeeping: it stops a run whose weights overflowed
// (Diverged) or did not change since the last check (Saturated), or whose
// context is done.
func (t *trainer) check() {
	t.nextCheck += t.checkEvery
	t.snap2 = t.m.params(t.snap2[:0])
	switch {
	case !finiteAll(t.snap2):
		t.status = Diverged
	case slices.Equal(t.snap, t.snap2):
		t.status = Saturated
	}
	t.snap, t.snap2 = t.snap2, t.snap
	select {
	case <-t.ctx.Done():
		t.status, t.err = Canceled, t.ctx.Err()
	default:
	}
}

// endEpoch ends an epoch: the hooks and rules that look at whole epochs,
// then the next epoch's learning rate and order.
func (t *trainer) endEpoch() {
	t.epochs++
	t.used = 0
	if t.epochWatched {
		t.epochEnded()
	}
}

// epochEnded runs the hooks and rules that look at whole epochs.
func (t *trainer) epochEnded() {
	c := t.c
	rate := t.rate
	vloss := math.NaN()
	if c.Validation != nil {
		vloss = Evaluate(t.m, c.Validation, c.Loss).Mean
	}
	if c.Epoch != nil && t.err == nil {
		e := EpochEvent{Epoch: t.epochs, Iteration: t.it, Rate: rate, Loss: Evaluate(t.m, t.d, c.Loss).Mean, Validation: vloss, Model: t.m}
		if t.err = c.Epoch(e); t.err != nil {
			t.status = Canceled
			return
		}
	}
	if c.Patience > 0 {
		if vloss < t.bestLoss {
			t.bestLoss, t.bestEpoch = vloss, t.epochs
			t.best = t.m.params(t.best[:0])
		} else if t.epochs-t.bestEpoch >= c.Patience && t.status == 0 {
			t.status = EarlyStopped
			t.m.setParams(t.best)
		}
	}
	if c.MaxEpochs > 0 && t.epochs >= c.MaxEpochs && t.status == 0 {
		t.status = EpochLimit
	}
	if c.Decay > 0 {
		// The learning rate falls as 1/(1 + decay·epoch).
		base := c.Rate
		if base == 0 {
			base = DefaultRate
		}
		t.rate = base / (1 + float64(c.Decay*float64(t.epochs)))
	}
	if t.perm != nil {
		t.shuffle()
	}
}

// result finishes a run: the reason it stopped and the model measured.
func (t *trainer) result() (Result, error) {
	m, c := t.m, t.c
	// A non-finite model can look fitted (a bias of +Inf gives output 1),
	// so overflow overrides every other reason to stop.
	if !finiteAll(m.params(t.snap[:0])) {
		t.status = Diverged
		t.err = fmt.Errorf("neuron: %w by iteration %d: learning rate %v is too large", ErrDiverged, t.it, t.rate)
	}
	res := Result{Model: m, Status: t.status, Iterations: t.it, Epochs: t.epochs, Table: Evaluate(m, t.d, c.Loss), BestEpoch: t.bestEpoch}
	if c.Validation != nil {
		res.Validation = Evaluate(m, c.Validation, c.Loss)
	}
	switch c.Stop {
	case StopRow:
		res.Loss = t.loss
	case StopMax:
		res.Loss = res.Table.Max
	default: // StopMean, and StopNone's closest measure
		res.Loss = res.Table.Mean
	}
	return res, t.err
}
