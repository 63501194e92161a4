package csvdata

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Labels collects the distinct labels of a target column, up to MaxLabels
// of them, and counts the rows of each. The zero value is empty and ready
// to use.
type Labels struct {
	names  []string // in order of first appearance
	counts []int
	index  map[string]int
}

// Add counts a row with the given label, as Reader.Next returns it, and
// returns the label's number: 0 for the first distinct label, 1 for the
// second, and so on. A label that would be distinct label number
// MaxLabels+1 is not added; Add reports an error instead.
func (l *Labels) Add(label string) (int, error) {
	if i, ok := l.index[label]; ok {
		l.counts[i]++
		return i, nil
	}
	if len(l.names) == MaxLabels {
		return 0, errTooManyLabels
	}
	if l.index == nil {
		l.index = make(map[string]int)
	}
	l.index[label] = len(l.names)
	l.names = append(l.names, label)
	l.counts = append(l.counts, 1)
	return len(l.names) - 1, nil
}

var errTooManyLabels = fmt.Errorf("more than %d distinct target labels: the target must be a column of class labels, such as yes/no or 0/1", MaxLabels)

// Len returns the number of distinct labels.
func (l *Labels) Len() int { return len(l.names) }

// Names returns the distinct labels in the order they first appeared.
func (l *Labels) Names() []string { return slices.Clone(l.names) }

// Count returns the number of rows with the given label.
func (l *Labels) Count(label string) int {
	if i, ok := l.index[label]; ok {
		return l.counts[i]
	}
	return 0
}

// Mapping chooses which label is read as 1 and which as 0, as
// Options.Positive describes: positive names the label read as 1, or is
// "" to choose it from exactly two labels.
func (l *Labels) Mapping(positive string) (Mapping, error) {
	m, err := l.mapping(positive)
	if err != nil {
		return Mapping{}, errors.New("csvdata: " + err.Error())
	}
	return m, nil
}

// mapping is Mapping with errors that Read puts in a ParseError.
func (l *Labels) mapping(positive string) (Mapping, error) {
	sorted := slices.Clone(l.names)
	slices.Sort(sorted)
	if positive = strings.TrimSpace(positive); positive != "" {
		// Find it as it is, or as a number in its shortest form: "1.0"
		// is the label "1", and "0,5" the label "0.5".
		p, ok := positive, false
		for _, c := range []string{positive, canonLabel(positive, false), canonLabel(positive, true)} {
			if _, ok = l.index[c]; ok {
				p = c
				break
			}
		}
		switch {
		case !ok:
			return Mapping{}, fmt.Errorf("positive label %s is not a target label; the labels are %s", strconv.Quote(cut(positive)), list(sorted, 5))
		case len(l.names) == 1:
			return Mapping{}, oneClass(p)
		case len(l.names) == 2:
			other := l.names[0]
			if other == p {
				other = l.names[1]
			}
			return Mapping{Positive: p, Negative: other}, nil
		}
		return Mapping{Positive: p, OneVsRest: true}, nil
	}
	switch len(l.names) {
	case 0:
		return Mapping{}, errors.New("no target labels: no rows")
	case 1:
		return Mapping{}, oneClass(l.names[0])
	case 2:
	default:
		return Mapping{}, fmt.Errorf("%d target labels (%s): a neuron tells two classes apart; name the positive label to learn it against the rest",
			len(sorted), list(sorted, 5))
	}
	lo, hi := sorted[0], sorted[1]
	a, errA := parseNumber(lo, false)
	b, errB := parseNumber(hi, false)
	if errA == nil && errB == nil && a > b {
		lo, hi = hi, lo // as numbers, "10" is larger than "9"
	}
	return Mapping{Positive: hi, Negative: lo}, nil
}

// oneClass is the error for a target whose rows all have the same label.
func oneClass(label string) error {
	return fmt.Errorf("every row's target label is %s: a neuron needs rows of two classes to learn from", strconv.Quote(cut(label)))
}

// A Mapping says which target label is read as 1 and which as 0.
type Mapping struct {
	Positive  string // the label read as 1
	Negative  string // the label read as 0; "" when OneVsRest
	OneVsRest bool   // every label other than Positive is read as 0
}

// Target returns the target for a label as Reader.Next returns it: 1 for
// Positive, 0 for Negative (or for any other label when OneVsRest), and
// ok false for a label the mapping does not know.
func (m Mapping) Target(label string) (t float64, ok bool) {
	switch {
	case label == m.Positive:
		return 1, true
	case label == m.Negative || m.OneVsRest:
		return 0, true
	}
	return 0, false
}

// String describes the mapping, e.g. `"benign" → 0, "malignant" → 1` or
// `the rest → 0, "setosa" → 1`.
func (m Mapping) String() string {
	neg := strconv.Quote(m.Negative)
	if m.OneVsRest {
		neg = "the rest"
	}
	return neg + " → 0, " + strconv.Quote(m.Positive) + " → 1"
}
