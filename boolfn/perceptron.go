package boolfn

import "math"

// perceptron gives up after maxEpochs passes over the rows or
// maxCorrections corrections, whichever comes first; then farkas takes
// over, so giving up costs only time. Every separable function of up to
// 4 inputs needs at most 53 passes and 161 corrections.
const (
	maxEpochs      = 64
	maxCorrections = 256
)

// perceptron reports whether it can prove, quickly, that the rows are
// separable with a margin no certificate can hide (see proves): then
// farkas could only fail.
func (p *problem) perceptron() bool {
	w, b, ok := p.learn(maxEpochs, maxCorrections)
	return ok && p.proves(w, b)
}

// learn tries the perceptron rule: take the rows in turn, and wherever
// w·x + b has the wrong sign (or is 0), add y·x to w and y to b. If
// weights that separate the rows exist, this finds some, but may take
// many passes; it gives up after epochs passes or corrections
// corrections and reports whether w, b separate every row.
func (p *problem) learn(epochs, corrections int) (w []float64, b float64, ok bool) {
	w = make([]float64, p.n)
	for range epochs {
		wrong := false
		for r := range p.row {
			x, y := p.x(r), p.y(r)
			if y*excitation(w, b, x) > 0 {
				continue
			}
			if corrections--; corrections < 0 {
				return w, b, false
			}
			for j, v := range x {
				w[j] += y * v
			}
			b += y
			wrong = true
		}
		if !wrong {
			return w, b, true
		}
	}
	return w, b, false
}

// proves reports whether w, b, which put every row on its side, also show
// that no certificate passes the check in averages. Such a certificate's
// averages A₁ (of 1-rows) and A₀ (of 0-rows) differ by at most
// certTol·scale in each input, so w·(A₁ − A₀) ≤ ‖w‖₁·certTol·scale. But
// each 1-row has w·x + b ≥ margin, so their average has too, and each
// 0-row w·x + b ≤ −margin: w·(A₁ − A₀) ≥ 2·margin. So a margin above
// ‖w‖₁·certTol·scale/2, plus an allowance for rounding in both
// computations, rules certificates out.
func (p *problem) proves(w []float64, b float64) bool {
	margin := math.Inf(1)
	for r := range p.row {
		margin = min(margin, p.y(r)*excitation(w, b, p.x(r)))
	}
	// The largest |w·x + b| can be, which bounds its rounding errors too.
	size := math.Abs(b)
	for _, v := range w {
		size += math.Abs(v) * p.scale
	}
	const eps = 0x1p-52 // the spacing of float64 numbers near 1
	return margin > (certTol+float64(p.len()+p.n+3)*eps)*size
}
