package metrics

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/neuronlab/neuron"
)

// Splits are stratified: they keep each class's share of the rows, a
// class being the rows whose target is at least 0.5 (positive) or below
// it (negative). A test set drawn without regard to class could, by bad
// luck, hold few or none of the rarer class. Which rows go where is drawn
// from rng, so a seeded rng repeats a split exactly.

// classes returns the indexes of the negative and of the positive rows of
// targets t, each in ascending order.
func classes(t []float64) [2][]int {
	var c [2][]int
	for i, ti := range t {
		if ti >= 0.5 {
			c[1] = append(c[1], i)
		} else {
			c[0] = append(c[0], i)
		}
	}
	return c
}

// Split divides the rows of targets t at random into training and test
// rows: round(testFrac·n) of the n rows are test rows, and
// round(testFrac·n₁) of the n₁ positive rows are among them, so both sets
// keep the classes' shares as closely as whole rows allow. Each set is in
// ascending order. It reports an error unless 0 < testFrac < 1, rng is
// set and both sets get rows.
func Split(t []float64, testFrac float64, rng *rand.Rand) (train, test []int, err error) {
	switch {
	case rng == nil:
		return nil, nil, errors.New("metrics: Split: rng is nil: seed a source, e.g. rand.New(rand.NewPCG(seed, 0))")
	case !(testFrac > 0 && testFrac < 1):
		return nil, nil, fmt.Errorf("metrics: test fraction %v is not between 0 and 1", testFrac)
	}
	c := classes(t)
	nTest := int(math.Round(testFrac * float64(len(t))))
	posTest := min(int(math.Round(testFrac*float64(len(c[1])))), nTest)
	take := [2]int{min(nTest-posTest, len(c[0])), posTest}
	for k, rows := range c {
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		test = append(test, rows[:take[k]]...)
		train = append(train, rows[take[k]:]...)
	}
	if len(test) == 0 || len(train) == 0 {
		return nil, nil, fmt.Errorf("metrics: a test fraction of %v of %d rows leaves %d training and %d test rows; both need some", testFrac, len(t), len(train), len(test))
	}
	slices.Sort(train)
	slices.Sort(test)
	return train, test, nil
}

// KFold divides the rows of targets t at random into k folds for k-fold
// cross-validation: each row is in exactly one fold, fold sizes differ by
// at most one, and each fold holds its share of each class, give or take
// one row. Each fold is in ascending order. Fold i is the test set of the
// i-th of k rounds, and TrainRows(folds, i) its training set.
//
// A class of fewer than k rows leaves some folds without it; then their
// AUC is undefined. KFold reports an error unless 2 ≤ k ≤ len(t) and rng
// is set.
func KFold(t []float64, k int, rng *rand.Rand) ([][]int, error) {
	switch {
	case rng == nil:
		return nil, errors.New("metrics: KFold: rng is nil: seed a source, e.g. rand.New(rand.NewPCG(seed, 0))")
	case k < 2:
		return nil, fmt.Errorf("metrics: %d folds; cross-validation needs at least 2", k)
	case k > len(t):
		return nil, fmt.Errorf("metrics: %d folds of %d rows; at most one fold per row", k, len(t))
	}
	folds := make([][]int, k)
	// Deal each class's rows, shuffled, to the folds in turn like cards,
	// the positive rows carrying on where the negative ones stopped.
	next := 0
	for _, rows := range classes(t) {
		rng.Shuffle(len(rows), func(i, j int) { rows[i], rows[j] = rows[j], rows[i] })
		for _, r := range rows {
			folds[next] = append(folds[next], r)
			next = (next + 1) % k
		}
	}
	for _, f := range folds {
		slices.Sort(f)
	}
	return folds, nil
}

// TrainRows returns the rows of every fold but fold i, in ascending
// order: the training rows of the round that tests on fold i.
func TrainRows(folds [][]int, i int) []int {
	var rows []int
	for j, f := range folds {
		if j != i {
			rows = append(rows, f...)
		}
	}
	slices.Sort(rows)
	return rows
}

// Subset returns a new data set of the given rows of d, in the given
// order, copied. It panics if a row is out of range.
func Subset(d *neuron.Dataset, rows []int) *neuron.Dataset {
	s := neuron.MakeDataset(d.Inputs, len(rows))
	s.Names = slices.Clone(d.Names)
	for _, i := range rows {
		x, t := d.Row(i)
		s.X = append(s.X, x...)
		s.T = append(s.T, t)
	}
	return s
}
