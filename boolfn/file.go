package boolfn

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// maxLineBytes caps the length of a line in a table file. A table of
// MaxInputs inputs needs a few dozen bytes; the cap keeps a file with no
// line breaks from filling memory.
const maxLineBytes = 64 << 10

// ReadTable reads a truth table from a CSV or TSV file and returns it as a
// function called name; name also labels errors.
//
// Each row holds the inputs, 0 or 1, and then the output, 0 or 1. Fields
// are separated by tabs, commas or semicolons (whichever the first row
// uses) or else by spaces. An optional header row names the inputs: the
// first row is a header when none of its fields is a number; its last
// field names the output and is not used. A name may be quoted as in CSV,
// "like ""this""", but cannot contain the separator. Without a header the inputs are
// named a, b, c, ....
//
// Every one of the 2^n combinations of n inputs, n from 1 to MaxInputs,
// must appear exactly once, in any order. Blank lines and lines starting
// with # are skipped. Errors are ParseErrors that give the line, and the
// column (field) where one applies.
func ReadTable(r io.Reader, name string) (*Func, error) {
	sc := bufio.NewScanner(r)
	perr := func(line, col int, err error) error {
		if rerr := sc.Err(); rerr != nil && !errors.Is(err, rerr) {
			// A read error cut the line short: it is the real problem.
			return &ParseError{What: "table file", Input: name, Line: line, Err: rerr}
		}
		return &ParseError{What: "table file", Input: name, Line: line, Column: col, Err: err}
	}
	sc.Buffer(make([]byte, 0, 4096), maxLineBytes)
	var (
		split     func(string) []string // splits a row into fields, chosen by the first row
		width     int                   // fields per row, set by the first row
		firstLine int                   // line of the first row
		header    bool
		vars      []string
		table     []bool
		seen      []int // seen[r] is the line that gave row r, 0 if none yet
		rows      int   // rows read
		line      int
	)
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if line == 1 {
			text = strings.TrimPrefix(text, "\uFEFF") // a byte-order mark some editors write
		}
		if text == "" || text[0] == '#' {
			continue
		}
		if split == nil {
			split = splitter(text)
		}
		fields := split(text)
		if width == 0 { // the first row sets the shape of the table
			width, firstLine = len(fields), line
			n := width - 1
			switch {
			case n < 1:
				return nil, perr(line, 0, errors.New("want at least one input column before the output column"))
			case n > MaxInputs:
				return nil, perr(line, 0, fmt.Errorf("%d input columns, at most %d (MaxInputs)", n, MaxInputs))
			}
			table, seen = make([]bool, 1<<n), make([]int, 1<<n)
			if header = isHeader(fields); header {
				var col int
				var err error
				if vars, col, err = headerNames(fields[:n]); err != nil {
					return nil, perr(line, col, err)
				}
				continue
			}
			vars = letters(n)
		}
		if len(fields) != width {
			return nil, perr(line, 0, fmt.Errorf("%d fields, want %d as on line %d", len(fields), width, firstLine))
		}
		// The inputs, read as binary digits, give the row number r.
		r := 0
		for i, f := range fields {
			if f != "0" && f != "1" {
				return nil, perr(line, i+1, fmt.Errorf("%q is not 0 or 1", f))
			}
			if i < len(vars) {
				r = r<<1 | int(f[0]-'0')
			}
		}
		if seen[r] != 0 {
			return nil, perr(line, 0, fmt.Errorf("duplicate row for %s, first on line %d", describeRow(vars, r), seen[r]))
		}
		seen[r], table[r] = line, fields[width-1] == "1"
		rows++
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			line, err = line+1, fmt.Errorf("line longer than %d bytes", maxLineBytes)
		}
		return nil, &ParseError{What: "table file", Input: name, Line: line, Err: err}
	}
	switch {
	case width == 0:
		return nil, perr(0, 0, errors.New("empty: no rows"))
	case rows == 0:
		return nil, perr(firstLine, 0, errors.New("no rows after the header"))
	case rows < len(table):
		for r, l := range seen {
			if l == 0 {
				return nil, perr(0, 0, fmt.Errorf("%d of %d rows: no row for %s", rows, len(table), describeRow(vars, r)))
			}
		}
	}
	return &Func{Name: name, Vars: vars, Table: table}, nil
}

// splitter returns the function that splits rows like the given first row
// into trimmed fields: at tabs, commas or semicolons, or else at runs of
// spaces.
func splitter(first string) func(string) []string {
	for _, sep := range []string{"\t", ",", ";"} {
		if strings.Contains(first, sep) {
			return func(s string) []string {
				f := strings.Split(s, sep)
				for i := range f {
					f[i] = strings.TrimSpace(f[i])
				}
				return f
			}
		}
	}
	return strings.Fields
}

// isHeader reports whether a first row is a header: none of its fields is
// a number.
func isHeader(fields []string) bool {
	for _, f := range fields {
		if _, err := strconv.ParseFloat(f, 64); err == nil {
			return false
		}
	}
	return true
}

// headerNames returns the input names of a header row, unquoted, and
// checks that they are present, printable and distinct; an error
// comes with its column.
func headerNames(fields []string) (names []string, col int, err error) {
	names = make([]string, len(fields))
	for i, f := range fields {
		if len(f) >= 2 && f[0] == '"' && f[len(f)-1] == '"' {
			f = strings.ReplaceAll(f[1:len(f)-1], `""`, `"`) // as in CSV, "" inside quotes is "
		}
		if f == "" {
			return nil, i + 1, errors.New("empty input name")
		}
		if strings.ContainsFunc(f, unicode.IsControl) {
			return nil, i + 1, fmt.Errorf("input name %q has a control character", f)
		}
		for j, g := range names[:i] {
			if f == g {
				return nil, i + 1, fmt.Errorf("input name %q is also column %d's", f, j+1)
			}
		}
		names[i] = f
	}
	return names, 0, nil
}

// describeRow names row r's inputs, e.g. "a=1 b=0".
func describeRow(vars []string, r int) string {
	n := len(vars)
	parts := make([]string, n)
	for i, v := range vars {
		if strings.ContainsFunc(v, func(c rune) bool { return !unicode.IsPrint(c) || c == ' ' }) {
			v = strconv.Quote(v) // keep the message on one line, and clear
		}
		parts[i] = fmt.Sprintf("%s=%d", v, r>>(n-1-i)&1)
	}
	return strings.Join(parts, " ")
}
