package stats

import (
	"math"
	"slices"
)

// A Dist describes how many iterations a set of runs took: its smallest
// and largest value, three percentiles and the mean.
//
// Percentiles are nearest-rank percentiles (see Percentile): each is the
// iteration count of an actual run, never a value between two runs.
type Dist struct {
	N      int     `json:"runs"` // how many runs it describes
	Min    int     `json:"min"`
	P10    int     `json:"p10"`    // 10th percentile
	Median int     `json:"median"` // 50th percentile
	P90    int     `json:"p90"`    // 90th percentile
	Max    int     `json:"max"`
	Mean   float64 `json:"mean"` // zero when N is zero
}

// Describe returns the distribution of the values v, which it does not
// change. An empty v gives the zero Dist.
func Describe(v []int) Dist {
	if len(v) == 0 {
		return Dist{}
	}
	s := slices.Clone(v)
	slices.Sort(s)
	sum := 0.0
	for _, x := range s { // in sorted order, so that the mean is the same whatever the order of v
		sum += float64(x)
	}
	return Dist{
		N:      len(s),
		Min:    s[0],
		P10:    Percentile(s, 10),
		Median: Percentile(s, 50),
		P90:    Percentile(s, 90),
		Max:    s[len(s)-1],
		Mean:   sum / float64(len(s)),
	}
}

// Percentile returns the p-th percentile, 0 ≤ p ≤ 100, of the values
// sorted in increasing order, by the nearest-rank rule: the smallest value
// that at least p percent of the values are at most. That is the value of
// rank k = ⌈p·n/100⌉ (counting from 1, and at least 1) among n values.
// For n = 10 the 10th percentile is the smallest value, the median (the
// 50th) the 5th smallest and the 90th percentile the 9th smallest; for an
// even n the median is the lower of the two middle values.
//
// Percentile panics if sorted is empty or p is outside [0, 100].
func Percentile(sorted []int, p float64) int {
	if len(sorted) == 0 || !(p >= 0 && p <= 100) {
		panic("stats: Percentile needs at least one value and 0 ≤ p ≤ 100")
	}
	n := len(sorted)
	// A rank that is a whole number but computed a hair above it, such as
	// 532.0000000000001 for p = 53.2 (itself a Rank) and n = 1000, must not
	// round up to the next run: a relative tolerance of 1e-9 absorbs that.
	x := p * float64(n) / 100
	k := int(math.Ceil(x - 1e-9*max(1, x)))
	return sorted[max(k, 1)-1]
}

// Rank returns the percentile rank of v among the values sorted in
// increasing order: the percentage of them that are at most v, from 0 to
// 100. It is the inverse of Percentile: Percentile(sorted, Rank(sorted, v))
// is at most v whenever some value is. It returns NaN if sorted is empty.
func Rank(sorted []int, v float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	atMost, _ := slices.BinarySearchFunc(sorted, v, func(x int, v float64) int {
		if float64(x) <= v {
			return -1
		}
		return 1
	})
	return 100 * float64(atMost) / float64(len(sorted))
}
