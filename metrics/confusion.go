package metrics

import "fmt"

// A Confusion counts a classifier's answers by what they were and what
// they should have been. A row is positive when its target is 1 (at least
// 0.5) and predicted positive when the model's output is at least the
// threshold.
type Confusion struct {
	TP int `json:"tp"` // true positives: positive rows predicted positive
	FP int `json:"fp"` // false positives: negative rows predicted positive
	TN int `json:"tn"` // true negatives: negative rows predicted negative
	FN int `json:"fn"` // false negatives: positive rows predicted negative
}

// Count returns the confusion matrix of outputs p for targets t at the
// given threshold. It panics if p and t differ in length.
func Count(p, t []float64, threshold float64) Confusion {
	checkLen(p, t)
	var c Confusion
	for i, pi := range p {
		switch pos, predicted := t[i] >= 0.5, pi >= threshold; {
		case pos && predicted:
			c.TP++
		case pos:
			c.FN++
		case predicted:
			c.FP++
		default:
			c.TN++
		}
	}
	return c
}

// Rows returns the number of rows counted.
func (c Confusion) Rows() int { return c.TP + c.FP + c.TN + c.FN }

// The ratios below are 0 where they would be 0/0: accuracy of no rows,
// precision when no row is predicted positive, recall when no row is
// positive, and F1 when both of those are so. A model that finds nothing
// where there is nothing to find gets no credit from them; accuracy
// credits it.

// Accuracy returns the share of rows classified correctly,
// (TP + TN) / rows.
func (c Confusion) Accuracy() float64 { return ratio(c.TP+c.TN, c.Rows()) }

// Precision returns the share of rows predicted positive that are
// positive, TP / (TP + FP).
func (c Confusion) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall returns the share of positive rows predicted positive,
// TP / (TP + FN), also called sensitivity or true positive rate.
func (c Confusion) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 returns the harmonic mean of precision and recall,
// 2·TP / (2·TP + FP + FN).
func (c Confusion) F1() float64 { return ratio(2*c.TP, 2*c.TP+c.FP+c.FN) }

// ratio returns a/b, or 0 when b is 0.
func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// checkLen panics if p and t differ in length: a programming error.
func checkLen(p, t []float64) {
	if len(p) != len(t) {
		panic(fmt.Sprintf("metrics: %d outputs for %d targets", len(p), len(t)))
	}
}
