package csvdata

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Reasons for numbers that are written well but cannot be used.
var (
	errTooLarge     = fmt.Errorf("%w: too large", ErrNotFinite)
	errDecimalComma = fmt.Errorf("%w (a decimal comma is read only in files separated by semicolons)", ErrNotNumber)
)

// parseNumber reads s, already trimmed of spaces, as a decimal number:
// an optional sign, digits with an optional decimal point, and an optional
// exponent, as in 12, -0.5, .5, 3. or 6.02e23. Other forms that Go reads,
// such as 0x1p3 or 1_000, are not numbers in a data file.
//
// With decimalComma, a single comma may stand for the decimal point, so
// "1,5" is 1.5: spreadsheets write numbers so in locales that use a decimal
// comma, and then separate fields with semicolons.
//
// The error is ErrMissing for "", ErrNotFinite (or wraps it) for NaN,
// infinities and numbers too large for float64, and otherwise wraps
// ErrNotNumber. Numbers too small for float64 become 0.
func parseNumber(s string, decimalComma bool) (float64, error) {
	if s == "" {
		return 0, ErrMissing
	}
	if decimalComma && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	if !isDecimal(s) {
		switch {
		case isNaNOrInf(s):
			return 0, ErrNotFinite
		case strings.Count(s, ",") == 1 && isDecimal(strings.Replace(s, ",", ".", 1)):
			return 0, errDecimalComma
		}
		return 0, ErrNotNumber
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil { // a well-formed decimal fails only by being too large
		return 0, errTooLarge
	}
	return v, nil
}

// isDecimal reports whether s is a decimal number as parseNumber reads it.
func isDecimal(s string) bool {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		start := i
		for ; i < len(s) && '0' <= s[i] && s[i] <= '9'; i++ {
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// isNaNOrInf reports whether s spells NaN or an infinity, such as "NaN",
// "inf", "-Inf" or "Infinity", in any case.
func isNaNOrInf(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return strings.EqualFold(s, "nan") || strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity")
}

// isNumeric reports whether field s reads as a value of a numeric column,
// finite or not: what header detection counts as a number.
func isNumeric(s string, decimalComma bool) bool {
	_, err := parseNumber(strings.TrimSpace(s), decimalComma)
	return err == nil || errors.Is(err, ErrNotFinite)
}

// canonLabel returns the label a target field holds, already trimmed of
// spaces: a number is written in its shortest form, so that "1.0" and "1"
// are the same label "1"; any other text is itself.
func canonLabel(s string, decimalComma bool) string {
	v, err := parseNumber(s, decimalComma)
	if err != nil {
		return s
	}
	if a := math.Abs(v); a == 0 {
		return "0" // also for -0
	} else if a < 1e-6 || a >= 1e21 {
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}
