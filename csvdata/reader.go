package csvdata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits on what a file may hold, so that a file that is not a table, or
// has lost its line breaks, cannot fill memory.
const (
	MaxRowBytes   = 16 << 20 // bytes in a row, line breaks inside quotes included
	MaxFieldBytes = 1 << 20  // bytes in a field
	MaxLabelBytes = 1 << 10  // bytes in a target label
	MaxLabels     = 1000     // distinct labels in a target column
)

var (
	errRowTooLong   = fmt.Errorf("row longer than %d MiB; is a line break missing, or a quote left open?", MaxRowBytes>>20)
	errFieldTooLong = fmt.Errorf("field longer than %d MiB", MaxFieldBytes>>20)
	errLabelTooLong = fmt.Errorf("target label longer than %d KiB", MaxLabelBytes>>10)
)

// A Reader reads the rows of a table one at a time, holding only the row
// it is reading, so that it can read files larger than memory.
//
// To learn from such a file, read it more than once. A first pass counts
// the target labels (Labels.Add) and the feature statistics (neuron.Scaler.Add)
// and chooses the mapping of labels to targets (Labels.Mapping); each
// later pass opens the file again and turns every row into inputs and a
// target with neuron.Scaler.ApplyRow and Mapping.Target, as Example_streaming
// shows. Read does all of this for a file that fits in memory.
type Reader struct {
	name         string
	opt          Options
	lim          *rowLimiter
	cr           *csv.Reader
	comma        rune
	decimalComma bool

	header    bool
	names     []string // every column's name
	width     int      // fields per row
	widthLine int      // the line that set width
	feats     []int    // feature columns, from 0, in input order
	target    int      // target column, from 0

	ahead     [][]string // rows read ahead to detect the header
	aheadLine []int

	line       int   // line where the last row read starts
	rows       int   // data rows read
	dropped    int   // rows dropped (Options.DropBad)
	dropReason error // why the first dropped row was dropped
	err        error // the error that ended reading, io.EOF at the end
}

// NewReader returns a Reader of the table in r. It reads the first row,
// and the second if need be, to find the separator, the header and the
// columns that opt asks for. Name names the table in errors, e.g. the file name.
//
// The file is UTF-8 text, with or without a byte-order mark, with lines
// ending in LF or CRLF. Blank lines are skipped. Every row must have as
// many fields as the first. Errors about the file are *ParseError.
func NewReader(r io.Reader, name string, opt Options) (*Reader, error) {
	if opt.Comma != 0 && !validComma(opt.Comma) {
		return nil, fmt.Errorf("csvdata: %q cannot separate fields", opt.Comma)
	}
	if opt.Header < HeaderDetect || opt.Header > HeaderAbsent {
		return nil, fmt.Errorf("csvdata: unknown Header setting %d", opt.Header)
	}
	rd := &Reader{name: name, opt: opt, lim: &rowLimiter{r: r, start: 1}}
	br := bufio.NewReaderSize(rd.lim, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\uFEFF")) {
		br.Discard(3) // a byte-order mark some programs write first
	}
	rd.comma = opt.Comma
	if rd.comma == 0 {
		rd.comma = detectComma(br)
	}
	rd.decimalComma = rd.comma == ';'
	rd.cr = csv.NewReader(br)
	rd.cr.Comma = rd.comma
	rd.cr.FieldsPerRecord = -1 // Next checks, to say what it expected
	rd.cr.ReuseRecord = true
	// Leading spaces go, so that `1, "a"` is read; not where the separator
	// is itself a space or tab, as csv would then skip empty fields.
	rd.cr.TrimLeadingSpace = rd.comma != '\t' && rd.comma != ' '

	if err := rd.readHeader(); err != nil {
		return nil, err
	}
	if err := rd.chooseColumns(); err != nil {
		return nil, err
	}
	return rd, nil
}

// validComma reports whether c can separate fields: not a quote, line
// break or invalid character, as encoding/csv requires.
func validComma(c rune) bool {
	return c != '"' && c != '\r' && c != '\n' && utf8.ValidRune(c) && c != utf8.RuneError
}

// detectComma looks at the first line of br, without consuming it, and
// returns its separator: a tab if it has one outside quotes, else a
// semicolon if it has one, else a comma.
func detectComma(br *bufio.Reader) rune {
	// Wait for one byte more than is buffered until a line break shows,
	// the input ends or the buffer is full: no more is read than the
	// first line needs.
	var b []byte
	for {
		_, err := br.Peek(len(b) + 1)
		b, _ = br.Peek(br.Buffered())
		if err != nil || bytes.IndexByte(b, '\n') >= 0 || len(b) == br.Size() {
			break
		}
	}
	var quoted, semicolon bool
scan:
	for _, c := range b {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n':
			break scan
		case c == '\t':
			return '\t'
		case c == ';':
			semicolon = true
		}
	}
	if semicolon {
		return ';'
	}
	return ','
}

// readRow returns the next row that is not blank and the line where it
// starts, or io.EOF at the end. The row is valid until the next call.
func (rd *Reader) readRow() ([]string, int, error) {
	if len(rd.ahead) > 0 {
		row, line := rd.ahead[0], rd.aheadLine[0]
		rd.ahead, rd.aheadLine = rd.ahead[1:], rd.aheadLine[1:]
		return row, line, nil
	}
	for {
		row, err := rd.cr.Read()
		if err != nil {
			return nil, 0, rd.readError(err)
		}
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // a line of spaces is blank too
		}
		line, _ := rd.cr.FieldPos(0)
		for i, f := range row {
			if len(f) > MaxFieldBytes {
				return nil, 0, &ParseError{Name: rd.name, Line: line, Column: i + 1, ColumnName: rd.columnName(i), Err: errFieldTooLong}
			}
		}
		return row, line, nil
	}
}

// readError turns an error from the CSV reader into a *ParseError that
// speaks of the file, not of Go; io.EOF stays as it is.
func (rd *Reader) readError(err error) error {
	if err == io.EOF {
		return err
	}
	var ce *csv.ParseError
	switch {
	case errors.Is(err, errRowTooLong):
		return &ParseError{Name: rd.name, Line: rd.lim.start, Err: err}
	case errors.As(err, &ce) && errors.Is(ce.Err, csv.ErrBareQuote):
		err = fmt.Errorf(`a quote (") at byte %d, inside a field that does not start with one; quote the whole field and double the quotes inside it`, ce.Column)
		return &ParseError{Name: rd.name, Line: ce.Line, Err: err}
	case errors.As(err, &ce) && errors.Is(ce.Err, csv.ErrQuote):
		err = fmt.Errorf(`a quoted field (from line %d) has a stray or missing quote (") at byte %d; inside quotes write "" for "`, ce.StartLine, ce.Column)
		return &ParseError{Name: rd.name, Line: ce.Line, Err: err}
	case errors.As(err, &ce):
		return &ParseError{Name: rd.name, Line: ce.Line, Err: ce.Err}
	}
	return &ParseError{Name: rd.name, Line: rd.lim.start, Err: fmt.Errorf("reading failed: %w", err)}
}

// readHeader reads the first row, and the second if it takes that to tell
// whether the first is a header, and sets the column names and the width.
func (rd *Reader) readHeader() error {
	first, line, err := rd.readRow()
	if err == io.EOF {
		return &ParseError{Name: rd.name, Err: errors.New("empty file: no rows")}
	} else if err != nil {
		return err
	}
	first = append([]string(nil), first...) // rows are reused
	rd.width, rd.widthLine = len(first), line

	switch rd.opt.Header {
	case HeaderPresent:
		rd.header = true
	case HeaderDetect:
		rd.header = !rd.anyNumeric(first)
		if rd.header {
			second, line2, err := rd.readRow()
			switch {
			case err == io.EOF: // one row and no number in it: a header only
			case err != nil:
				return err
			default:
				rd.header = rd.anyNumeric(second)
				rd.ahead = append(rd.ahead, append([]string(nil), second...))
				rd.aheadLine = append(rd.aheadLine, line2)
			}
		}
	}

	rd.names = make([]string, rd.width)
	if !rd.header {
		for i := range rd.names {
			rd.names[i] = "column " + strconv.Itoa(i+1)
		}
		rd.ahead = append([][]string{first}, rd.ahead...)
		rd.aheadLine = append([]int{line}, rd.aheadLine...)
		return nil
	}
	seen := make(map[string]int, rd.width)
	for i, f := range first {
		name := strings.TrimSpace(f)
		if name == "" {
			name = "column " + strconv.Itoa(i+1) // e.g. the row-number column pandas writes
		}
		if j, ok := seen[name]; ok {
			return &ParseError{Name: rd.name, Line: line, Column: i + 1,
				Err: fmt.Errorf("columns %d and %d are both named %s", j+1, i+1, strconv.Quote(cut(name)))}
		}
		seen[name] = i
		rd.names[i] = name
	}
	return nil
}

// anyNumeric reports whether some field of row is a number.
func (rd *Reader) anyNumeric(row []string) bool {
	for _, f := range row {
		if isNumeric(f, rd.decimalComma) {
			return true
		}
	}
	return false
}

// columnName returns column i's name for an error message: "" without a
// header, where the column's number says it all.
func (rd *Reader) columnName(i int) string {
	if !rd.header || i >= len(rd.names) {
		return ""
	}
	return rd.names[i]
}

// chooseColumns finds the target and feature columns that the options
// name.
func (rd *Reader) chooseColumns() error {
	perr := func(err error) error {
		line := 0
		if rd.header {
			line = rd.widthLine
		}
		return &ParseError{Name: rd.name, Line: line, Err: err}
	}
	rd.target = rd.width - 1
	if rd.opt.NoTarget {
		if rd.opt.Target != "" {
			return perr(errors.New("a target column is named, but NoTarget says there is none"))
		}
		rd.target = -1
	} else if rd.opt.Target != "" {
		i, err := rd.column(rd.opt.Target, "target")
		if err != nil {
			return perr(err)
		}
		rd.target = i
	}
	if len(rd.opt.Features) == 0 {
		for i := range rd.width {
			if i != rd.target {
				rd.feats = append(rd.feats, i)
			}
		}
		if len(rd.feats) == 0 {
			return perr(fmt.Errorf("no feature columns: the only column, %s, is the target", strconv.Quote(cut(rd.names[rd.target]))))
		}
		return nil
	}
	given := make(map[int]string, len(rd.opt.Features))
	for _, spec := range rd.opt.Features {
		i, err := rd.column(spec, "feature")
		if err != nil {
			return perr(err)
		}
		if i == rd.target {
			return perr(fmt.Errorf("column %s is the target; it cannot also be a feature", strconv.Quote(cut(rd.names[i]))))
		}
		if prev, ok := given[i]; ok {
			if prev == spec {
				return perr(fmt.Errorf("feature %s is listed twice", strconv.Quote(cut(spec))))
			}
			return perr(fmt.Errorf("features %s and %s are the same column, %d", strconv.Quote(cut(prev)), strconv.Quote(cut(spec)), i+1))
		}
		given[i] = spec
		rd.feats = append(rd.feats, i)
	}
	return nil
}

// column returns the index of the column that spec names: by its name
// (from the header, or "column 3" without one), or else by its number
// counting from 1. What says what the
// column is for, for the error.
func (rd *Reader) column(spec, what string) (int, error) {
	spec = strings.TrimSpace(spec)
	for i, name := range rd.names {
		if name == spec {
			return i, nil
		}
	}
	n, err := strconv.Atoi(spec)
	switch {
	case err == nil && n >= 1 && n <= rd.width:
		return n - 1, nil
	case err == nil:
		return 0, fmt.Errorf("%s column %d not found: the file has %d columns", what, n, rd.width)
	case !rd.header:
		return 0, fmt.Errorf("%s column %s not found: the file has no header row, so name columns by number, 1 to %d", what, strconv.Quote(cut(spec)), rd.width)
	}
	return 0, fmt.Errorf("%s column %s not found; the columns are %s", what, strconv.Quote(cut(spec)), list(rd.names, 8))
}

// Features returns the names of the feature columns, in input order.
func (rd *Reader) Features() []string {
	names := make([]string, len(rd.feats))
	for k, i := range rd.feats {
		names[k] = rd.names[i]
	}
	return names
}

// Target returns the name of the target column, or "" with NoTarget.
func (rd *Reader) Target() string {
	if rd.target < 0 {
		return ""
	}
	return rd.names[rd.target]
}

// Header reports whether the first row was a header.
func (rd *Reader) Header() bool { return rd.header }

// Comma returns the field separator.
func (rd *Reader) Comma() rune { return rd.comma }

// Line returns the line where the row that Next last returned starts.
func (rd *Reader) Line() int { return rd.line }

// Rows returns the number of data rows read so far, dropped ones included.
func (rd *Reader) Rows() int { return rd.rows }

// Dropped returns the number of rows dropped so far (Options.DropBad) and
// why the first of them was dropped, a *ParseError; nil if none was.
func (rd *Reader) Dropped() (rows int, first error) { return rd.dropped, rd.dropReason }

// Next reads the next row: it stores the row's features in x, which must
// have room for len(Features()) values, and returns the row's target
// label, trimmed of spaces, with a number written in its shortest form
// ("1.0" is "1"). At the end of the table it returns io.EOF. An error
// ends reading: Next returns it again when called again. With
// Options.DropBad, Next skips rows with bad values and counts them. Next
// panics if x is too short.
func (rd *Reader) Next(x []float64) (label string, err error) {
	if len(x) < len(rd.feats) {
		panic(fmt.Sprintf("csvdata: Next: x has room for %d values, the table has %d features", len(x), len(rd.feats)))
	}
	for rd.err == nil {
		row, line, err := rd.readRow()
		if err != nil {
			rd.err = err
			break
		}
		rd.line = line
		if len(row) != rd.width {
			rd.err = &ParseError{Name: rd.name, Line: line,
				Err: fmt.Errorf("%d fields, want %d as on line %d", len(row), rd.width, rd.widthLine)}
			break
		}
		rd.rows++
		label, err := rd.parseRow(row, line, x)
		if err == nil {
			return label, nil
		}
		if !rd.opt.DropBad || !droppable(err) {
			rd.err = err
			break
		}
		rd.dropped++
		if rd.dropReason == nil {
			rd.dropReason = err
		}
	}
	return "", rd.err
}

// parseRow reads a row's features into x and returns its target label.
func (rd *Reader) parseRow(row []string, line int, x []float64) (string, error) {
	perr := func(i int, err error) error {
		return &ParseError{Name: rd.name, Line: line, Column: i + 1, ColumnName: rd.columnName(i), Value: cut(strings.TrimSpace(row[i])), Err: err}
	}
	for k, i := range rd.feats {
		v, err := parseNumber(strings.TrimSpace(row[i]), rd.decimalComma)
		if err != nil {
			return "", perr(i, err)
		}
		x[k] = v
	}
	if rd.target < 0 {
		return "", nil // no target column (Options.NoTarget)
	}
	label := strings.TrimSpace(row[rd.target])
	if label == "" {
		return "", perr(rd.target, ErrMissing)
	}
	if _, err := parseNumber(label, rd.decimalComma); errors.Is(err, ErrNotFinite) {
		return "", perr(rd.target, err)
	}
	if len(label) > MaxLabelBytes {
		return "", perr(rd.target, errLabelTooLong)
	}
	return canonLabel(label, rd.decimalComma), nil
}

// droppable reports whether err is about a bad value, so that
// Options.DropBad drops its row instead of failing.
func droppable(err error) bool {
	return errors.Is(err, ErrMissing) || errors.Is(err, ErrNotNumber) || errors.Is(err, ErrNotFinite)
}

// A rowLimiter passes bytes through from r, and fails once a row grows
// longer than MaxRowBytes, so that the CSV reader never buffers more.
//
// A row ends at a line break outside quotes. Every quote flips between
// inside and outside quotes: that is exact for valid CSV, where a doubled
// quote "" flips twice, and where CSV is not valid the CSV reader stops
// with its own error long before this count matters.
type rowLimiter struct {
	r      io.Reader
	n      int  // bytes in the current row so far
	quoted bool // inside quotes
	lines  int  // line breaks passed
	start  int  // line where the current row starts, counting from 1
	err    error
}

func (l *rowLimiter) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	for i, c := range p[:n] {
		switch c {
		case '"':
			l.quoted = !l.quoted
		case '\n':
			l.lines++
			if !l.quoted {
				l.n, l.start = 0, l.lines+1
				continue
			}
		}
		if l.n++; l.n > MaxRowBytes {
			l.err = errRowTooLong
			return i, l.err
		}
	}
	return n, err
}
