package stats

import (
	"math"
	"slices"
	"testing"
)

// TestPercentileByHand checks nearest-rank percentiles worked by hand:
// rank k = ⌈p·n/100⌉, the k-th smallest value.
func TestPercentileByHand(t *testing.T) {
	five := []int{15, 20, 35, 40, 50}
	ten := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for _, c := range []struct {
		v    []int
		p    float64
		want int
	}{
		{five, 0, 15},   // rank at least 1: the smallest
		{five, 5, 15},   // ⌈0.25⌉ = 1
		{five, 30, 20},  // ⌈1.5⌉ = 2
		{five, 40, 20},  // ⌈2⌉ = 2: exactly 40% are at most 20
		{five, 50, 35},  // ⌈2.5⌉ = 3: the middle value
		{five, 90, 50},  // ⌈4.5⌉ = 5
		{five, 100, 50}, // the largest
		{ten, 10, 1},    // ⌈1⌉ = 1, not 2
		{ten, 50, 5},    // an even count: the lower middle value
		{ten, 90, 9},    // ⌈9⌉ = 9
		{ten, 91, 10},   // ⌈9.1⌉ = 10
		{[]int{7}, 50, 7},
	} {
		if got := Percentile(c.v, c.p); got != c.want {
			t.Errorf("Percentile(%v, %v) = %d, want %d", c.v, c.p, got, c.want)
		}
	}
}

func TestPercentilePanicsOnMisuse(t *testing.T) {
	for _, c := range []struct {
		v []int
		p float64
	}{{nil, 50}, {[]int{1}, -1}, {[]int{1}, 101}, {[]int{1}, math.NaN()}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Percentile(%v, %v) did not panic", c.v, c.p)
				}
			}()
			Percentile(c.v, c.p)
		}()
	}
}

// TestRankByHand checks the percentile rank, the share of values at most v.
func TestRankByHand(t *testing.T) {
	const tol = 1e-12
	v := []int{15, 20, 20, 35, 40}
	for _, c := range []struct {
		x, want float64
	}{{10, 0}, {15, 20}, {19.5, 20}, {20, 60}, {39, 80}, {40, 100}, {1e9, 100}} {
		if got := Rank(v, c.x); math.Abs(got-c.want) > tol {
			t.Errorf("Rank(%v, %v) = %v, want %v", v, c.x, got, c.want)
		}
	}
	if got := Rank(nil, 1); !math.IsNaN(got) {
		t.Errorf("Rank(nil, 1) = %v, want NaN", got)
	}
}

// TestRankInvertsPercentile: the value at a rank's percentile is at most
// the value ranked, and the next smaller rank would not reach it; for
// many sizes, so that rounding of p·n/100 is exercised.
func TestRankInvertsPercentile(t *testing.T) {
	for n := 1; n <= 300; n++ {
		v := make([]int, n)
		for i := range v {
			v[i] = 3*i + i%7 // increasing
		}
		for _, x := range []float64{float64(v[0]), float64(v[n/3]) + 1, float64(v[n-1])} {
			r := Rank(v, x)
			if got := Percentile(v, r); float64(got) > x {
				t.Fatalf("n = %d: Percentile(v, Rank(v, %v) = %v) = %d, more than %v", n, x, r, got, x)
			}
		}
	}
}

func TestDescribe(t *testing.T) {
	v := []int{40, 10, 30, 20, 100, 50, 60, 70, 80, 90} // 10 to 100, shuffled
	orig := slices.Clone(v)
	got := Describe(v)
	want := Dist{N: 10, Min: 10, P10: 10, Median: 50, P90: 90, Max: 100, Mean: 55}
	if got != want {
		t.Errorf("Describe(%v) = %+v, want %+v", orig, got, want)
	}
	if !slices.Equal(v, orig) {
		t.Errorf("Describe changed its argument to %v", v)
	}
	if got := Describe(nil); got != (Dist{}) {
		t.Errorf("Describe(nil) = %+v, want the zero Dist", got)
	}
}
