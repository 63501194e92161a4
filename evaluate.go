package neuron

// Stats measures a model on every row of a data set.
type Stats struct {
	Mean    float64 // mean loss over the rows
	Max     float64 // largest row loss
	Correct int     // rows whose output is on the target's side of 0.5
	Rows    int     // number of rows
}

// Accuracy returns the fraction of rows classified correctly.
func (s Stats) Accuracy() float64 {
	if s.Rows == 0 {
		return 0
	}
	return float64(s.Correct) / float64(s.Rows)
}

// Evaluate measures m on every row of d with loss l: the mean and largest
// loss, and how many rows it classifies correctly (output ≥ 0.5 exactly
// when the target is ≥ 0.5).
func Evaluate(m Model, d *Dataset, l Loss) Stats {
	s := Stats{Rows: d.Len()}
	var sum float64
	for i := range d.T {
		x, t := d.Row(i)
		o, loss := l.At(m, x, t)
		sum += loss
		s.Max = max(s.Max, loss)
		if (o >= 0.5) == (t >= 0.5) {
			s.Correct++
		}
	}
	s.Mean = sum / float64(s.Rows)
	return s
}
