package boolfn

import (
	"fmt"
	"math/bits"
)

// ParseTable returns the function whose truth table s lists: 2^n
// characters 0 or 1, n from 1 to MaxInputs, row 0 first (see Func). The
// inputs are named a, b, c, ... and the function is named s.
// For example, "0001" is AND and "01101001" is three-input parity.
func ParseTable(s string) (*Func, error) {
	perr := func(col int, format string, args ...any) error {
		return &ParseError{What: "table", Input: s, Column: col, Err: fmt.Errorf(format, args...)}
	}
	if s == "" {
		return nil, perr(0, "empty: want 2^n characters 0 or 1, n from 1 to %d", MaxInputs)
	}
	table := make([]bool, 0, len(s))
	col := 0
	for _, c := range s {
		col++
		if c != '0' && c != '1' {
			return nil, perr(col, "%q is not 0 or 1", string(c))
		}
		table = append(table, c == '1')
	}
	// The length must be 2^n: a power of two, one bit set.
	l := len(table)
	switch n := bits.Len(uint(l)) - 1; {
	case l > 1<<MaxInputs:
		return nil, perr(0, "length %d is too long: at most %d (%d inputs, MaxInputs)", l, 1<<MaxInputs, MaxInputs)
	case l == 1:
		return nil, perr(0, "length 1 is too short: a table of one input has 2 rows")
	case l != 1<<n:
		return nil, perr(0, "length %d is not a power of two: the nearest valid lengths are %d and %d", l, 1<<n, 1<<(n+1))
	default:
		return &Func{Name: s, Vars: letters(n), Table: table}, nil
	}
}
