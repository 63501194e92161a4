package metrics

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/neuronlab/neuron"
)

// LogLossEpsilon is how far LogLoss keeps an output from 0 and 1, so that
// a confident wrong answer costs a large but finite −ln(1e-15) ≈ 34.5.
const LogLossEpsilon = 1e-15

// LogLoss returns the mean log-loss (cross-entropy) of outputs p for
// targets t, −(t·ln p + (1−t)·ln(1−p)) averaged over the rows, with each p
// first clamped to [LogLossEpsilon, 1−LogLossEpsilon]. It is 0 for no
// rows, and panics if p and t differ in length.
func LogLoss(p, t []float64) float64 {
	checkLen(p, t)
	if len(p) == 0 {
		return 0
	}
	var sum float64
	for i, pi := range p {
		pi = min(max(pi, LogLossEpsilon), 1-LogLossEpsilon)
		sum -= t[i]*math.Log(pi) + (1-t[i])*math.Log(1-pi)
	}
	return sum / float64(len(p))
}

// AUC returns the area under the ROC curve of outputs p for targets t: the
// chance that a positive row, drawn at random, gets a higher output than
// a negative row drawn at random, a tie counting half. It is 1 for outputs
// that rank every positive row above every negative one, 0.5 for outputs
// that rank at random, and it does not depend on a threshold.
//
// With no positive or no negative rows there are no pairs to compare and
// the area is undefined: AUC returns NaN and ok false. It panics if p and
// t differ in length.
func AUC(p, t []float64) (auc float64, ok bool) {
	checkLen(p, t)
	// Sorted by output, each positive row beats every negative row below
	// it and ties with the negative rows of its own output. Counting
	// group by group of equal outputs takes O(n log n), not O(n²).
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	var pos, neg, wins float64
	for i := 0; i < len(order); {
		var gpos, gneg float64 // positive and negative rows in this group
		j := i
		for ; j < len(order) && p[order[j]] == p[order[i]]; j++ {
			if t[order[j]] >= 0.5 {
				gpos++
			} else {
				gneg++
			}
		}
		wins += gpos*neg + gpos*gneg/2 // neg so far counts the rows below
		pos, neg = pos+gpos, neg+gneg
		i = j
	}
	if pos == 0 || neg == 0 {
		return math.NaN(), false
	}
	return wins / (pos * neg), true
}

// A Report measures a classifier on a set of rows. Its JSON names are
// stable: programs may read them.
type Report struct {
	Rows      int     `json:"rows"`
	Positives int     `json:"positives"` // rows whose target is 1
	Negatives int     `json:"negatives"` // rows whose target is 0
	Threshold float64 `json:"threshold"` // a row is predicted positive when its output is at least this

	Confusion // tp, fp, tn, fn

	Accuracy  float64 `json:"accuracy"`
	Precision float64 `json:"precision"` // 0 when no row is predicted positive
	Recall    float64 `json:"recall"`    // 0 when no row is positive
	F1        float64 `json:"f1"`        // 0 when precision and recall are
	LogLoss   float64 `json:"log_loss"`  // outputs clamped by LogLossEpsilon

	// AUC is the area under the ROC curve, or nil (JSON null) when the
	// rows are all of one class and it is undefined.
	AUC *float64 `json:"auc"`
}

// Evaluate measures outputs p, each in [0, 1], against targets t, each 0
// or 1, predicting positive where p ≥ threshold; 0.5 is the usual
// threshold, the one at which a neuron's excitation is 0. It reports an
// error for rows it cannot measure.
func Evaluate(p, t []float64, threshold float64) (Report, error) {
	switch {
	case len(p) != len(t):
		return Report{}, fmt.Errorf("metrics: %d outputs for %d targets", len(p), len(t))
	case len(p) == 0:
		return Report{}, errors.New("metrics: no rows to measure")
	case !(threshold >= 0 && threshold <= 1):
		return Report{}, fmt.Errorf("metrics: threshold %v is not in [0, 1]", threshold)
	}
	for i := range p {
		if !(p[i] >= 0 && p[i] <= 1) {
			return Report{}, fmt.Errorf("metrics: row %d's output is %v, not in [0, 1]", i, p[i])
		}
		if t[i] != 0 && t[i] != 1 {
			return Report{}, fmt.Errorf("metrics: row %d's target is %v, not 0 or 1", i, t[i])
		}
	}
	c := Count(p, t, threshold)
	r := Report{
		Rows: len(p), Positives: c.TP + c.FN, Negatives: c.TN + c.FP, Threshold: threshold,
		Confusion: c, Accuracy: c.Accuracy(), Precision: c.Precision(), Recall: c.Recall(), F1: c.F1(),
		LogLoss: LogLoss(p, t),
	}
	if auc, ok := AUC(p, t); ok {
		r.AUC = &auc
	}
	return r, nil
}

// Predict returns model m's output for every row of d, as Evaluate takes
// them. Any neuron.Model will do.
func Predict(m interface{ Output(x []float64) float64 }, d *neuron.Dataset) []float64 {
	p := make([]float64, d.Len())
	for i := range p {
		x, _ := d.Row(i)
		p[i] = m.Output(x)
	}
	return p
}
