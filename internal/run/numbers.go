package run

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Numbers are read the same way wherever a user types them, in a flag, a
// URL or a command: decimal only (010 is ten, not eight), with optional
// _ or , between digit groups, and whole numbers may be written with an
// exponent (1e7). Errors say what is wrong in words, never Go's.

// maxExact is the largest whole number a float64 holds exactly, 2^53.
const maxExact = 1 << 53

// ParseCount reads a whole number ≥ 0 that fits an int: 10000000,
// 10_000_000, 10,000,000 or 1e7.
func ParseCount(s string) (int, error) {
	v, err := parseWhole(s, math.MaxInt64)
	return int(v), err
}

// ParseSeed reads a random seed: a whole number from 0 to 2^64−1.
func ParseSeed(s string) (uint64, error) { return parseWhole(s, math.MaxUint64) }

// parseWhole reads a whole number from 0 to most.
func parseWhole(s string, most uint64) (uint64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty, want a whole number")
	}
	if strings.HasPrefix(t, "-") {
		return 0, errors.New("must not be negative")
	}
	t = strings.TrimPrefix(t, "+")
	plain := strings.NewReplacer("_", "", ",", "").Replace(t)
	if plain != "" && strings.Trim(plain, "0123456789") == "" {
		v, err := strconv.ParseUint(plain, 10, 64)
		if err != nil || v > most {
			return 0, errors.New("too large")
		}
		return v, nil
	}
	if strings.ContainsAny(strings.ToLower(plain), "xpin") {
		// Hexadecimal (0x1p4), Inf and NaN parse as floats, but are not
		// decimal whole numbers, as ParseNumber refuses them too.
		return 0, errors.New("not a whole number")
	}
	f, err := strconv.ParseFloat(plain, 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, errors.New("not a whole number")
	case math.IsNaN(f) || math.IsInf(f, 0) || f > maxExact || f > float64(most):
		return 0, errors.New("too large")
	case f < 0:
		return 0, errors.New("must not be negative")
	case f != math.Trunc(f):
		return 0, errors.New("not a whole number")
	}
	return uint64(f), nil
}

// ParseNumber reads a number: 0.5, 1e-3, -2. It refuses Inf and NaN.
func ParseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("empty, want a number")
	}
	v, err := strconv.ParseFloat(t, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, errors.New("out of range")
	case err != nil || math.IsNaN(v) || math.IsInf(v, 0):
		return 0, errors.New("not a number")
	}
	// Hexadecimal floats and the like parse, but mean nothing to a learner.
	if strings.ContainsAny(strings.ToLower(t), "xp_") {
		return 0, errors.New("not a decimal number")
	}
	return v, nil
}

// ParseNumbers reads a list of numbers separated by commas (or spaces):
// "1, -2, 0.5".
func ParseNumbers(s string) ([]float64, error) {
	fields := strings.FieldsFunc(s, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' })
	if len(fields) == 0 {
		return nil, errors.New("empty, want numbers separated by commas")
	}
	v := make([]float64, len(fields))
	for i, f := range fields {
		x, err := ParseNumber(f)
		if err != nil {
			return nil, errors.New("item " + strconv.Itoa(i+1) + " " + strconv.Quote(Short(f)) + ": " + err.Error())
		}
		v[i] = x
	}
	return v, nil
}

// Short returns s, or its first 40 characters and "…" if it is longer,
// for echoing an input in an error message.
func Short(s string) string {
	const most = 40
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !isRuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// FormatNumber writes v in the shortest form that reads back as v.
func FormatNumber(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
