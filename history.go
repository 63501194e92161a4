package neuron

// A History records how the loss falls during training, and the weights
// and biases that got it there, in bounded memory: it keeps every
// iteration at first, and each time it fills up it drops every other
// point and records half as often. However long the run, it holds at most
// Max points, spread evenly over the iterations, each of at most
// HistoryRows row losses and HistoryParams weights and biases.
//
// Use its Record method as Config.Progress (or call it from one).
type History struct {
	// Data is the data set whose loss is measured at each point.
	Data *Dataset
	// Loss is the loss measured; the zero value is SquaredError.
	Loss Loss
	// Max is the most points kept. If zero, 1000 is used.
	Max int

	// Points are the recorded points, in order of iteration.
	Points []Point

	every int // record iterations that are multiples of every
}

// A Point is the loss over the whole data set at one iteration, and the
// model's weights and biases then.
type Point struct {
	Iteration int
	Mean      float64   // mean row loss
	Max       float64   // largest row loss
	Rows      []float64 // each row's loss, for data sets of at most HistoryRows rows
	// Params are every weight and bias as Params returns them, for models
	// of at most HistoryParams of them: the path steepest descent took.
	Params []float64
}

// HistoryRows is the most rows for which a History keeps each row's loss.
const HistoryRows = 16

// HistoryParams is the most weights and biases a model may have for a
// History to keep them at each point: enough for one neuron of up to 127
// inputs or a 2-H-1 network of up to 31 hidden neurons, while a History
// of 1000 points holds at most 1 MB of them. A larger model's points
// carry the loss only.
const HistoryParams = 128

// Record records a point if e.Iteration is due. It never fails; its error
// result lets it serve as Config.Progress.
func (h *History) Record(e Event) error {
	if h.every == 0 {
		h.every = 1
	}
	if e.Iteration%h.every == 0 {
		h.Add(e.Model, e.Iteration)
	}
	return nil
}

// Add measures m on h.Data and records it as the point at the given
// iteration, whether or not it is due: use it for the start (iteration 0)
// and the end of a run.
func (h *History) Add(m Model, iteration int) {
	if n := len(h.Points); n > 0 && h.Points[n-1].Iteration == iteration {
		return // already recorded
	}
	if h.every == 0 {
		h.every = 1
	}
	for len(h.Points) >= h.limit() {
		h.thin()
	}
	p := Point{Iteration: iteration}
	d := h.Data
	if d.Len() <= HistoryRows {
		p.Rows = make([]float64, d.Len())
	}
	var sum float64
	for i := range d.T {
		x, t := d.Row(i)
		_, l := h.Loss.At(m, x, t)
		sum += l
		p.Max = max(p.Max, l)
		if p.Rows != nil {
			p.Rows[i] = l
		}
	}
	p.Mean = sum / float64(d.Len())
	if n := paramCount(m); n <= HistoryParams {
		p.Params = m.params(make([]float64, 0, n))
	}
	h.Points = append(h.Points, p)
}

// paramCount returns the number of weights and biases of m without
// copying them.
func paramCount(m Model) int {
	switch m := m.(type) {
	case *Neuron:
		return len(m.W) + 1
	case *Net:
		return len(m.W1) + len(m.B1) + len(m.W2) + 1
	}
	return len(m.params(nil))
}

func (h *History) limit() int {
	if h.Max <= 0 {
		return 1000
	}
	return max(h.Max, 2)
}

// thin doubles the recording interval and keeps the first point and the
// points that fall on the new interval.
func (h *History) thin() {
	h.every *= 2
	kept := h.Points[:1]
	for _, p := range h.Points[1:] {
		if p.Iteration%h.every == 0 {
			kept = append(kept, p)
		}
	}
	clear(h.Points[len(kept):]) // let the dropped points' Rows and Params be collected
	h.Points = kept
}
