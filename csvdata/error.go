package csvdata

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Reasons a value is bad. A ParseError's Err is one of these (or wraps
// one) when a field could not be read as a number; with Options.DropBad
// such rows are dropped instead.
var (
	ErrMissing   = errors.New("missing value")
	ErrNotNumber = errors.New("not a number")
	ErrNotFinite = errors.New("not a finite number")
)

// A ParseError is returned for a file that cannot be read as a table. It
// says where the problem is, like encoding/csv's ParseError, and its
// message is one line, e.g.
//
//	csvdata: data.csv: line 5, column 3 (area): "12a": not a number
type ParseError struct {
	Name       string // the file's name, as given to Read or NewReader
	Line       int    // line where the row starts, counting from 1; 0 if none applies
	Column     int    // field, counting from 1; 0 if none applies
	ColumnName string // the column's name from the header; "" without one
	Value      string // the offending value, cut short; "" if none
	Err        error  // what is wrong
}

// maxShown is how many characters of a value or name an error shows.
const maxShown = 40

func (e *ParseError) Error() string {
	s := "csvdata: "
	if e.Name != "" {
		s += show(e.Name) + ": "
	}
	return s + e.detail()
}

// detail is the message without the package and file name, as used to say
// why the first dropped row was dropped.
func (e *ParseError) detail() string {
	var b strings.Builder
	switch {
	case e.Line > 0 && e.Column > 0:
		fmt.Fprintf(&b, "line %d, column %d", e.Line, e.Column)
	case e.Line > 0:
		fmt.Fprintf(&b, "line %d", e.Line)
	case e.Column > 0:
		fmt.Fprintf(&b, "column %d", e.Column)
	}
	if e.Column > 0 && e.ColumnName != "" {
		b.WriteString(" (" + show(e.ColumnName) + ")")
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Value != "" {
		b.WriteString(strconv.Quote(e.Value) + ": ")
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }

// cut returns s, or its first maxShown characters and "...", so that an
// error message stays short whatever the file holds.
func cut(s string) string {
	n := 0
	for i := range s {
		if n == maxShown {
			return s[:i] + "..."
		}
		n++
	}
	return s
}

// show returns a name, cut short, as an error message shows it: as it is
// when it is plain, quoted when it has spaces, quotes or characters that
// do not print (a quoted string never breaks the message's line).
func show(s string) string {
	s = cut(s)
	plain := s != "" && !strings.ContainsFunc(s, func(r rune) bool {
		return !unicode.IsPrint(r) || unicode.IsSpace(r) || strings.ContainsRune(`"'(),:`, r)
	})
	if plain {
		return s
	}
	return strconv.Quote(s)
}

// list shows up to max names, quoted, then how many there are in all.
func list(names []string, max int) string {
	var b strings.Builder
	for i, s := range names {
		if i == max {
			fmt.Fprintf(&b, ", ... (%d in all)", len(names))
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(cut(s)))
	}
	return b.String()
}
