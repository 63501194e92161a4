package cli

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// floatFlag is a float64 flag with a plain error for text that is not a
// number. Range checks (positive, finite) happen after parsing, where the
// message can name the flag's meaning.
type floatFlag float64

func (f *floatFlag) String() string { return strconv.FormatFloat(float64(*f), 'g', -1, 64) }
func (f *floatFlag) Type() string   { return "number" }
func (f *floatFlag) Set(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return errors.New("not a number")
	}
	*f = floatFlag(v)
	return nil
}

// countFlag is a non-negative count that may be written 10000000,
// 10_000_000, 10,000,000 or 1e7.
type countFlag int

func (c *countFlag) String() string { return strconv.Itoa(int(*c)) }
func (c *countFlag) Type() string   { return "count" }
func (c *countFlag) Set(s string) error {
	v, err := parseCount(s)
	if err != nil {
		return err
	}
	*c = countFlag(v)
	return nil
}

func parseCount(s string) (int, error) {
	t := strings.NewReplacer("_", "", ",", "").Replace(strings.TrimSpace(s))
	if v, err := strconv.ParseInt(t, 10, 64); err == nil {
		if v < 0 {
			return 0, errors.New("must not be negative")
		}
		return int(v), nil
	}
	f, err := strconv.ParseFloat(t, 64)
	switch {
	case err != nil && !errors.Is(err, strconv.ErrRange):
		return 0, errors.New("not a whole number")
	case f < 0:
		return 0, errors.New("must not be negative")
	case f != math.Trunc(f) || f > math.MaxInt64/2:
		return 0, errors.New("not a whole number in range")
	}
	return int(f), nil
}
