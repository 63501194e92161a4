package cli

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// num formats a number for people: six significant digits, no noise.
func num(v float64) string {
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// count formats a whole number with thousands separators: 1,234,567.
func count(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// weightList formats weights as "w1 = 7.37, w2 = 7.37".
func weightList(w []float64) string {
	parts := make([]string, len(w))
	for i, v := range w {
		parts[i] = fmt.Sprintf("w%d = %s", i+1, num(v))
	}
	return strings.Join(parts, ", ")
}

// finite reports whether v is neither ±Inf nor NaN.
func finite(v float64) bool { return !math.IsInf(v, 0) && !math.IsNaN(v) }
