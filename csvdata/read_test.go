package csvdata

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/neuronlab/neuron"
)

// goInternals are words of Go's own errors that a user must not see.
var goInternals = []string{"strconv", "ParseFloat", "float64", "bufio", "token too long", "non-quoted-field", "quoted-field", "[]string"}

// checkError checks that err is a one-line message for users.
func checkError(t *testing.T, err error) {
	t.Helper()
	msg := err.Error()
	if !strings.HasPrefix(msg, "csvdata: ") || strings.ContainsAny(msg, "\n\r\u0085\u2028\u2029") {
		t.Errorf("error %q is not one line starting with \"csvdata: \"", msg)
	}
	for _, w := range goInternals {
		if strings.Contains(msg, w) {
			t.Errorf("error %q speaks of Go (%q)", msg, w)
		}
	}
	if len(msg) > 400 {
		t.Errorf("error is %d bytes long: %.100q...", len(msg), msg)
	}
}

func TestReadErrors(t *testing.T) {
	long := strings.Repeat("7", MaxFieldBytes+1)
	manyLabels := "x,y\n"
	for i := range MaxLabels + 1 {
		manyLabels += fmt.Sprintf("1,l%d\n", i)
	}
	for _, c := range []struct {
		name, in string
		opt      Options
		line     int    // want this line (-1: do not check)
		col      int    // want this column (-1: do not check)
		is       error  // want errors.Is(err, is), if set
		msg      string // want this in the message
	}{
		{"empty", "", Options{}, 0, 0, nil, "empty file: no rows"},
		{"blank lines", "\n  \n\r\n", Options{}, 0, 0, nil, "empty file"},
		{"header only", "a,b,y\n", Options{}, 1, 0, nil, "no data rows after the header"},
		{"header only, blank after", "a,b,y\n\n", Options{Header: HeaderPresent}, 1, 0, nil, "no data rows"},
		{"ragged short", "a,b,y\n1,2,x\n1,x\n", Options{}, 3, 0, nil, "2 fields, want 3 as on line 1"},
		{"ragged long", "1,2,x\n1,2,3,x\n", Options{}, 2, 0, nil, "4 fields, want 3 as on line 1"},
		{"ragged with DropBad", "a,y\n1,x\n1\n", Options{DropBad: true}, 3, 0, nil, "1 fields, want 2"},
		{"target name", "a,b,y\n1,2,x\n", Options{Target: "label"}, 1, 0, nil, `target column "label" not found; the columns are "a", "b", "y"`},
		{"target number", "a,b,y\n1,2,x\n", Options{Target: "4"}, 1, 0, nil, "target column 4 not found: the file has 3 columns"},
		{"target zero", "a,b,y\n1,2,x\n", Options{Target: "0"}, 1, 0, nil, "target column 0 not found"},
		{"target name, no header", "1,2,x\n3,4,z\n", Options{Target: "y"}, 0, 0, nil, "no header row, so name columns by number, 1 to 3"},
		{"many columns listed short", "a,b,c,d,e,f,g,h,i,j,y\n1,2,3,4,5,6,7,8,9,10,x\n", Options{Target: "z"}, 1, 0, nil, `"h", ... (11 in all)`},
		{"feature name", "a,b,y\n1,2,x\n", Options{Features: []string{"a", "c"}}, 1, 0, nil, `feature column "c" not found`},
		{"feature number", "a,b,y\n1,2,x\n", Options{Features: []string{"7"}}, 1, 0, nil, "feature column 7 not found"},
		{"duplicate names", "a,b,a,y\n1,2,3,x\n", Options{}, 1, 3, nil, `columns 1 and 3 are both named "a"`},
		{"duplicate unnamed", ",column 1,y\n1,2,x\n", Options{}, 1, 2, nil, `columns 1 and 2 are both named "column 1"`},
		{"feature twice", "a,b,y\n1,2,x\n", Options{Features: []string{"a", "a"}}, 1, 0, nil, `feature "a" is listed twice`},
		{"feature twice by number", "a,b,y\n1,2,x\n", Options{Features: []string{"b", "2"}}, 1, 0, nil, `features "b" and "2" are the same column, 2`},
		{"target as feature", "a,b,y\n1,2,x\n", Options{Features: []string{"a", "y"}}, 1, 0, nil, `column "y" is the target; it cannot also be a feature`},
		{"no features", "y\nyes\nno\n", Options{Header: HeaderPresent}, 1, 0, nil, `no feature columns: the only column, "y", is the target`},
		{"one class", "a,y\n1,yes\n2,yes\n", Options{}, 0, 2, nil, `every row's target label is "yes"`},
		{"one class, positive", "a,y\n1,yes\n2,yes\n", Options{Positive: "yes"}, 0, 2, nil, `every row's target label is "yes"`},
		{"three labels", "a,y\n1,b\n2,a\n3,c\n", Options{}, 0, 2, nil, `3 target labels ("a", "b", "c"): a neuron tells two classes apart; name the positive label`},
		{"many labels listed short", "a,y\n1,a\n1,b\n1,c\n1,d\n1,e\n1,f\n1,g\n", Options{}, 0, 2, nil, `"e", ... (7 in all)`},
		{"positive missing", "a,y\n1,yes\n2,no\n", Options{Positive: "maybe"}, 0, 2, nil, `positive label "maybe" is not a target label; the labels are "no", "yes"`},
		{"too many labels", manyLabels, Options{Positive: "l0"}, MaxLabels + 2, 2, nil, "more than 1000 distinct target labels"},
		{"not a number", "a,b,y\n1,2,x\n1,12a,z\n", Options{}, 3, 2, ErrNotNumber, `line 3, column 2 (b): "12a": not a number`},
		{"hex is not a number", "a,y\n0x1p3,x\n1,z\n", Options{Header: HeaderPresent}, 2, 1, ErrNotNumber, `"0x1p3": not a number`},
		{"underscores are not a number", "a,y\n1_000,x\n1,z\n", Options{Header: HeaderPresent}, 2, 1, ErrNotNumber, `"1_000": not a number`},
		{"text without header", "1,2,x\n3,four,z\n", Options{}, 2, 2, ErrNotNumber, `line 2, column 2: "four": not a number`},
		{"decimal comma, comma file", "a,b,y\n1,\"2,5\",x\n", Options{}, 2, 2, ErrNotNumber, "decimal comma is read only in files separated by semicolons"},
		{"decimal comma, tab file", "a\tb\ty\n1\t2,5\tx\n", Options{}, 2, 2, ErrNotNumber, "decimal comma"},
		{"missing value", "a,b,y\n1,,x\n", Options{}, 2, 2, ErrMissing, "line 2, column 2 (b): missing value"},
		{"missing value, spaces", "a,b,y\n1,  ,x\n", Options{}, 2, 2, ErrMissing, "missing value"},
		{"missing target", "a,b,y\n1,2,\n", Options{}, 2, 3, ErrMissing, "line 2, column 3 (y): missing value"},
		{"NaN", "a,b,y\n1,NaN,x\n", Options{}, 2, 2, ErrNotFinite, `"NaN": not a finite number`},
		{"Inf", "a,b,y\n1,-inf,x\n", Options{}, 2, 2, ErrNotFinite, `"-inf": not a finite number`},
		{"overflow", "a,b,y\n1,1e400,x\n", Options{}, 2, 2, ErrNotFinite, `"1e400": not a finite number: too large`},
		{"NaN target", "a,y\n1,nan\n2,x\n", Options{}, 2, 2, ErrNotFinite, `"nan": not a finite number`},
		{"long value cut", "a,y\n" + strings.Repeat("x", 100) + ",y\n", Options{Header: HeaderPresent}, 2, 1, ErrNotNumber, `"` + strings.Repeat("x", 40) + `...": not a number`},
		{"long field", "a,y\n" + long + ",x\n", Options{}, 2, 1, nil, "field longer than 1 MiB"},
		{"long label", "a,y\n1," + strings.Repeat("x", MaxLabelBytes+1) + "\n", Options{}, 2, 2, nil, "target label longer than 1 KiB"},
		{"bare quote", "a,y\n1,x\n2,a\"b\n", Options{}, 3, 0, nil, `a quote (") at byte 4, inside a field that does not start with one`},
		{"open quote", "a,y\n1,x\n2,\"yes\n", Options{}, 3, 0, nil, `stray or missing quote`},
		{"stray quote", "a,y\n1,\"x\"y\n", Options{}, 2, 0, nil, `a quoted field (from line 2) has a stray or missing quote`},
		{"all dropped", "a,y\n1,x\nz,y\n", Options{DropBad: true, Header: HeaderPresent, Features: []string{"y"}, Target: "a"}, 0, 0, nil, `no rows left: every one of the 2 rows has a bad value; the first: line 2, column 2 (y): "x": not a number`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tab, err := Read(strings.NewReader(c.in), "data.csv", c.opt)
			if err == nil {
				t.Fatalf("Read = %d rows, want an error with %q", tab.Data.Len(), c.msg)
			}
			checkError(t, err)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %q (%T) is not a *ParseError", err, err)
			}
			if !strings.HasPrefix(err.Error(), "csvdata: data.csv: ") || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error %q, want data.csv and %q", err, c.msg)
			}
			if (c.line >= 0 && pe.Line != c.line) || (c.col >= 0 && pe.Column != c.col) {
				t.Errorf("error %q at line %d, column %d, want line %d, column %d", err, pe.Line, pe.Column, c.line, c.col)
			}
			if c.is != nil && !errors.Is(err, c.is) {
				t.Errorf("error %q is not %q", err, c.is)
			}
		})
	}
}

func TestOptionErrors(t *testing.T) {
	for _, opt := range []Options{{Comma: '"'}, {Comma: '\n'}, {Comma: -1}, {Header: 3}, {Header: -1}} {
		_, err := Read(strings.NewReader("a,y\n1,x\n2,z\n"), "data.csv", opt)
		if err == nil {
			t.Errorf("Read with %+v: no error", opt)
			continue
		}
		checkError(t, err)
	}
}

// endless is an io.Reader of the same byte, without end, that counts the
// bytes read from it.
type endless struct {
	c    byte
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.c
	}
	e.read += len(p)
	return len(p), nil
}

// A line without end, or a quote that never closes, is refused once the
// row is longer than MaxRowBytes: never read to the end.
func TestRowTooLong(t *testing.T) {
	for _, c := range []struct {
		name   string
		prefix string
		fill   byte
	}{
		{"no line breaks", "a,y\n1,x\n", '1'},
		{"open quote", "a,y\n1,x\n2,\"", '\n'},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := &endless{c: c.fill}
			_, err := Read(io.MultiReader(strings.NewReader(c.prefix), e), "big.csv", Options{})
			if err == nil {
				t.Fatal("no error")
			}
			checkError(t, err)
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line != 3 || !strings.Contains(err.Error(), "row longer than 16 MiB") {
				t.Errorf("error %q, want line 3: row longer than 16 MiB", err)
			}
			if e.read > MaxRowBytes+1<<20 {
				t.Errorf("read %d bytes to refuse a row; the limit is %d", e.read, MaxRowBytes)
			}
		})
	}
	// A row just under the limit is read.
	in := "a,y\n" + strings.Repeat(" ", MaxRowBytes-8) + "1,x\n2,z\n"
	tab, err := Read(strings.NewReader(in), "big.csv", Options{})
	if err != nil || tab.Data.Len() != 2 {
		t.Errorf("row of %d bytes: %v", MaxRowBytes-5, err)
	}
}

// failing is an io.Reader that gives some bytes and then fails.
type failing struct{ r io.Reader }

func (f *failing) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		return n, errors.New("disk on fire")
	}
	return n, err
}

func TestReadFailure(t *testing.T) {
	_, err := Read(&failing{strings.NewReader("a,y\n1,x\n2,")}, "data.csv", Options{})
	if err == nil || !strings.Contains(err.Error(), "line 3: reading failed: disk on fire") {
		t.Errorf("error %v, want line 3: reading failed", err)
	}
}

func TestHeaderDetection(t *testing.T) {
	for _, c := range []struct {
		in     string
		opt    Options
		header bool
		names  []string // feature names; nil for an error
		rows   int      // 0 for a value that is not a number
	}{
		{"a,b,y\n1,2,x\n3,4,z\n", Options{}, true, []string{"a", "b"}, 2},
		{"1,2,x\n3,4,z\n", Options{}, false, []string{"column 1", "column 2"}, 2},
		{"1,2,0\n3,4,1\n", Options{}, false, []string{"column 1", "column 2"}, 2},
		{"y,a\nyes,1\nno,2\n", Options{Target: "y"}, true, []string{"a"}, 2},                      // the number is in another field
		{"a,b,y\nNaN,inf,x\n1,2,z\n3,4,x\n", Options{DropBad: true}, true, []string{"a", "b"}, 2}, // NaN counts as a number
		{"NA,2,x\n3,4,z\n", Options{}, false, []string{"column 1", "column 2"}, 0},                // some number: data
		{"2019,2020,y\n1,2,x\n3,4,z\n", Options{}, false, nil, 0},                                 // numbers as names are data: labels y, x, z; say HeaderPresent
		{"2019,2020,y\n1,2,x\n3,4,z\n", Options{Header: HeaderPresent}, true, []string{"2019", "2020"}, 2},
		{"a,b,y\n1,2,x\n3,4,z\n", Options{Header: HeaderAbsent}, false, []string{"column 1", "column 2"}, 0},
		{"a,b,y\nc,d,x\n3,4,z\n", Options{}, false, []string{"column 1", "column 2"}, 0}, // two rows of text: data
		{"a,b,y\n", Options{}, true, nil, 0},                                             // one row of text: a header
		{"a;b;y\n1,5;2;x\n3;4;z\n", Options{}, true, []string{"a", "b"}, 2},
		{" a , b ,y\n1,2,x\n3,4,z\n", Options{}, true, []string{"a", "b"}, 2},                // names are trimmed
		{",a,y\n0,1,x\n1,2,z\n", Options{}, true, []string{"column 1", "a"}, 2},              // pandas' row-number column
		{"\"a,1\",\"b\"\"2\",y\n1,2,x\n3,4,z\n", Options{}, true, []string{"a,1", `b"2`}, 2}, // quoted names
	} {
		rd, err := NewReader(strings.NewReader(c.in), "data.csv", c.opt)
		if err != nil {
			t.Errorf("NewReader(%q, %+v): %v", c.in, c.opt, err)
			continue
		}
		if rd.Header() != c.header {
			t.Errorf("NewReader(%q, %+v): header %v, want %v", c.in, c.opt, rd.Header(), c.header)
		}
		tab, err := Read(strings.NewReader(c.in), "data.csv", c.opt)
		switch {
		case c.names == nil:
			if err == nil {
				t.Errorf("Read(%q, %+v): no error", c.in, c.opt)
			}
		case c.rows == 0:
			if !errors.Is(err, ErrNotNumber) {
				t.Errorf("Read(%q, %+v): %v, want not a number", c.in, c.opt, err)
			}
			if !slices.Equal(rd.Features(), c.names) {
				t.Errorf("Read(%q, %+v): features %q, want %q", c.in, c.opt, rd.Features(), c.names)
			}
		case err != nil:
			t.Errorf("Read(%q, %+v): %v", c.in, c.opt, err)
		case tab.Header != c.header || !slices.Equal(tab.Features, c.names) || tab.Data.Len() != c.rows:
			t.Errorf("Read(%q, %+v): header %v, features %q, %d rows; want %v, %q, %d",
				c.in, c.opt, tab.Header, tab.Features, tab.Data.Len(), c.header, c.names, c.rows)
		}
	}
}

func TestMapping(t *testing.T) {
	for _, c := range []struct {
		labels   []string
		positive string
		want     Mapping
		t        []float64 // targets of the rows, one per label
	}{
		{[]string{"0", "1", "1"}, "", Mapping{Positive: "1", Negative: "0"}, []float64{0, 1, 1}},
		{[]string{"1", "0"}, "", Mapping{Positive: "1", Negative: "0"}, []float64{1, 0}},
		{[]string{"1.0", "0.0"}, "", Mapping{Positive: "1", Negative: "0"}, []float64{1, 0}},
		{[]string{"1", "-1"}, "", Mapping{Positive: "1", Negative: "-1"}, []float64{1, 0}},
		{[]string{"9", "10"}, "", Mapping{Positive: "10", Negative: "9"}, []float64{0, 1}}, // as numbers
		{[]string{"2", "1e1"}, "", Mapping{Positive: "10", Negative: "2"}, []float64{0, 1}},
		{[]string{"yes", "no"}, "", Mapping{Positive: "yes", Negative: "no"}, []float64{1, 0}},
		{[]string{"true", "false"}, "", Mapping{Positive: "true", Negative: "false"}, []float64{1, 0}},
		{[]string{"M", "B"}, "", Mapping{Positive: "M", Negative: "B"}, []float64{1, 0}},
		{[]string{"benign", "malignant"}, "", Mapping{Positive: "malignant", Negative: "benign"}, []float64{0, 1}},
		{[]string{"10", "b"}, "", Mapping{Positive: "b", Negative: "10"}, []float64{0, 1}}, // mixed: byte order
		{[]string{" no ", "yes"}, "", Mapping{Positive: "yes", Negative: "no"}, []float64{0, 1}},
		{[]string{"yes", "no"}, "no", Mapping{Positive: "no", Negative: "yes"}, []float64{0, 1}},
		{[]string{"1", "0"}, "0.0", Mapping{Positive: "0", Negative: "1"}, []float64{0, 1}},
		{[]string{"a", "b", "c", "b"}, "b", Mapping{Positive: "b", OneVsRest: true}, []float64{0, 1, 0, 1}},
		{[]string{"a", "b", "c"}, " c ", Mapping{Positive: "c", OneVsRest: true}, []float64{0, 0, 1}},
	} {
		in := "x,y\n"
		for i, l := range c.labels {
			in += fmt.Sprintf("%d,%s\n", i, l)
		}
		tab, err := Read(strings.NewReader(in), "data.csv", Options{Positive: c.positive})
		if err != nil {
			t.Errorf("labels %q, positive %q: %v", c.labels, c.positive, err)
			continue
		}
		if tab.Mapping != c.want || !slices.Equal(tab.Data.T, c.t) {
			t.Errorf("labels %q, positive %q: mapping %v, targets %v; want %v, %v", c.labels, c.positive, tab.Mapping, tab.Data.T, c.want, c.t)
		}
		var ones int
		for _, v := range c.t {
			ones += int(v)
		}
		if tab.Counts != [2]int{len(c.t) - ones, ones} {
			t.Errorf("labels %q: counts %v, want %v", c.labels, tab.Counts, [2]int{len(c.t) - ones, ones})
		}
	}
}

func TestMappingString(t *testing.T) {
	for m, want := range map[Mapping]string{
		{Positive: "malignant", Negative: "benign"}: `"benign" → 0, "malignant" → 1`,
		{Positive: "setosa", OneVsRest: true}:       `the rest → 0, "setosa" → 1`,
	} {
		if got := m.String(); got != want {
			t.Errorf("String() = %s, want %s", got, want)
		}
	}
	m := Mapping{Positive: "b", Negative: "a"}
	for label, want := range map[string]struct {
		t  float64
		ok bool
	}{"a": {0, true}, "b": {1, true}, "c": {0, false}} {
		if got, ok := m.Target(label); got != want.t || ok != want.ok {
			t.Errorf("Target(%q) = %v, %v; want %v, %v", label, got, ok, want.t, want.ok)
		}
	}
}

// Files from different programs: the same table, however it is written.
func TestFormats(t *testing.T) {
	want := &neuron.Dataset{Inputs: 2, X: []float64{1.5, -2, 3e2, 0.25}, T: []float64{1, 0}, Names: []string{"a b", "c"}}
	for _, c := range []struct{ name, in string }{
		{"plain", "a b,c,y\n1.5,-2,yes\n3e2,.25,no\n"},
		{"CRLF", "a b,c,y\r\n1.5,-2,yes\r\n3e2,.25,no\r\n"},
		{"BOM", "\uFEFFa b,c,y\n1.5,-2,yes\n3e2,.25,no\n"},
		{"BOM, quoted, CRLF", "\uFEFF\"a b\",\"c\",\"y\"\r\n\"1.5\",\"-2\",\"yes\"\r\n\"3e2\",\".25\",\"no\""},
		{"no final line break", "a b,c,y\n1.5,-2,yes\n3e2,.25,no"},
		{"spaces", "a b , c , y\n 1.5 , -2 , yes \n 3e2, 0.25 , no\n"},
		{"blank lines", "\n\na b,c,y\n\n1.5,-2,yes\n   \n3e2,.25,no\n\n"},
		{"semicolons", "a b;c;y\n1,5;-2;yes\n3e2;0,25;no\n"},
		{"semicolons and points", "a b;c;y\n1.5;-2;yes\n3E+2;.25;no\n"},
		{"tabs", "a b\tc\ty\n1.5\t-2\tyes\n300\t0.25\tno\n"},
		{"tabs, quoted", "\"a b\"\tc\t\"y\"\n1.5\t-2\t\"yes\"\n300\t0.25\tno\n"},
		{"quoted separators", "\"a b\",c,y\n1.5,-2,\"yes\"\n3e2,.25,\"no\"\n"},
		{"positive sign", "a b,c,y\n+1.5,-2.0,yes\n300.,+25e-2,no\n"},
	} {
		tab, err := Read(strings.NewReader(c.in), "data.csv", Options{})
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		d := tab.Data
		if err := d.Validate(); err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if d.Inputs != want.Inputs || !slices.Equal(d.X, want.X) || !slices.Equal(d.T, want.T) || !slices.Equal(d.Names, want.Names) || tab.Target != "y" {
			t.Errorf("%s: read %+v, target %q; want %+v", c.name, *d, tab.Target, *want)
		}
	}
}

func TestComma(t *testing.T) {
	for in, want := range map[string]rune{
		"a,b,y\n1,2,x\n":          ',',
		"a;b;y\n1;2;x\n":          ';',
		"a\tb\ty\n1\t2\tx\n":      '\t',
		"a\tb;c,y\n1\t2;3,x\n":    '\t',
		"\"a;b\",c,y\n1,2,x\n":    ',', // only separators outside quotes count
		"a,b;c,y\n1,2;3,x\n4,5,z": ';', // a semicolon beats commas: then "2,3" is a number
	} {
		rd, err := NewReader(strings.NewReader(in), "data.csv", Options{})
		if err != nil {
			t.Errorf("%q: %v", in, err)
			continue
		}
		if rd.Comma() != want {
			t.Errorf("%q: separator %q, want %q", in, rd.Comma(), want)
		}
	}
	tab, err := Read(strings.NewReader("a|b|y\n1|2,5|x\n3|4|z\n"), "data.csv", Options{Comma: '|'})
	if err == nil || !errors.Is(err, ErrNotNumber) {
		t.Errorf("'|' file with a decimal comma: %v, want not a number", err)
	}
	tab, err = Read(strings.NewReader("a|b|y\n1|2|x\n3|4|z\n"), "data.csv", Options{Comma: '|'})
	if err != nil || tab.Comma != '|' || !slices.Equal(tab.Data.X, []float64{1, 2, 3, 4}) {
		t.Errorf("'|' file: %v", err)
	}
}

func TestColumns(t *testing.T) {
	in := "a,b,c,y\n1,2,3,yes\n4,5,6,no\n"
	for _, c := range []struct {
		opt    Options
		target string
		names  []string
		x      []float64
	}{
		{Options{}, "y", []string{"a", "b", "c"}, []float64{1, 2, 3, 4, 5, 6}},
		{Options{Features: []string{}}, "y", []string{"a", "b", "c"}, []float64{1, 2, 3, 4, 5, 6}},
		{Options{Features: []string{"c", "a"}}, "y", []string{"c", "a"}, []float64{3, 1, 6, 4}},
		{Options{Features: []string{"3", " 1 "}}, "y", []string{"c", "a"}, []float64{3, 1, 6, 4}},
		{Options{Target: "a", Features: []string{"b", "c"}}, "a", []string{"b", "c"}, []float64{2, 3, 5, 6}},
		{Options{Target: "1", Features: []string{"b"}}, "a", []string{"b"}, []float64{2, 5}},
	} {
		tab, err := Read(strings.NewReader(in), "data.csv", c.opt)
		if err != nil {
			t.Errorf("%+v: %v", c.opt, err)
			continue
		}
		if tab.Target != c.target || !slices.Equal(tab.Features, c.names) || !slices.Equal(tab.Data.X, c.x) {
			t.Errorf("%+v: target %q, features %q, x %v; want %q, %q, %v", c.opt, tab.Target, tab.Features, tab.Data.X, c.target, c.names, c.x)
		}
	}
	// Without a header, columns are named and chosen by number.
	tab, err := Read(strings.NewReader("1,2,3\n4,5,6\n"), "data.csv", Options{Target: "2", Features: []string{"column 3", "1"}})
	if err != nil || tab.Target != "column 2" || !slices.Equal(tab.Features, []string{"column 3", "column 1"}) || !slices.Equal(tab.Data.X, []float64{3, 1, 6, 4}) {
		t.Errorf("no header: %v", err)
	}
	// A name wins over a number.
	tab, err = Read(strings.NewReader("2,1,y\n1,2,a\n3,4,b\n"), "data.csv", Options{Header: HeaderPresent, Features: []string{"1"}})
	if err != nil || !slices.Equal(tab.Data.X, []float64{2, 4}) {
		t.Errorf("column named 1: %v, x %v", err, tab.Data.X)
	}
}

func TestDropBad(t *testing.T) {
	in := "a,b,y\n" +
		"1,2,yes\n" + // line 2: kept
		"1,,no\n" + // line 3: missing
		"x,2,no\n" + // line 4: not a number
		"1,NaN,no\n" + // line 5: NaN
		"1,2,\n" + // line 6: missing target
		"-inf,2,no\n" + // line 7: infinite
		"3,4,no\n" + // line 8: kept
		"1,2,nan\n" // line 9: NaN target
	tab, err := Read(strings.NewReader(in), "data.csv", Options{DropBad: true})
	if err != nil {
		t.Fatal(err)
	}
	if tab.RowsRead != 8 || tab.RowsDropped != 6 || tab.Data.Len() != 2 || !slices.Equal(tab.Data.X, []float64{1, 2, 3, 4}) {
		t.Errorf("read %d, dropped %d, kept %d rows %v; want 8, 6, 2 rows [1 2 3 4]", tab.RowsRead, tab.RowsDropped, tab.Data.Len(), tab.Data.X)
	}
	var pe *ParseError
	if !errors.As(tab.DropReason, &pe) || pe.Line != 3 || pe.Column != 2 || !errors.Is(pe, ErrMissing) {
		t.Errorf("first drop: %v, want line 3, column 2: missing", tab.DropReason)
	}
	// Without DropBad, the first bad row is the error.
	if _, err := Read(strings.NewReader(in), "data.csv", Options{}); !errors.As(err, &pe) || pe.Line != 3 {
		t.Errorf("without DropBad: %v, want line 3", err)
	}
	// A bad value in a column that is not read does not matter.
	tab, err = Read(strings.NewReader(in), "data.csv", Options{DropBad: true, Features: []string{"b"}})
	if err != nil || tab.RowsDropped != 4 {
		t.Errorf("features [b]: %v, %d dropped, want 4", err, tab.RowsDropped)
	}
}

// Next numbers rows by the line where they start, blank lines and line
// breaks inside quotes counted.
func TestReaderLines(t *testing.T) {
	in := "a,y\n\n1,\"two\nlines\"\n2,x\n\n\n3,\"x\"\n"
	rd, err := NewReader(strings.NewReader(in), "data.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 1)
	var lines []int
	var labels []string
	for {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		lines, labels = append(lines, rd.Line()), append(labels, label)
	}
	if !slices.Equal(lines, []int{3, 5, 8}) || !slices.Equal(labels, []string{"two\nlines", "x", "x"}) || rd.Rows() != 3 {
		t.Errorf("lines %v, labels %q, %d rows; want [3 5 8], [\"two\\nlines\" x x], 3", lines, labels, rd.Rows())
	}
	if _, err := rd.Next(x); err != io.EOF {
		t.Errorf("Next after the end: %v, want io.EOF", err)
	}
}

// After an error, Next keeps returning it.
func TestReaderStopsAtError(t *testing.T) {
	rd, err := NewReader(strings.NewReader("a,y\n1,x\nz,x\n2,x\n"), "data.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 1)
	if _, err := rd.Next(x); err != nil {
		t.Fatal(err)
	}
	_, err1 := rd.Next(x)
	_, err2 := rd.Next(x)
	if err1 == nil || err1 != err2 {
		t.Errorf("errors %v then %v, want the same error twice", err1, err2)
	}
}

// rows is an io.Reader of a table with no end: a header, then rows
// "1,2,0" and "3,4,1" in turn. It counts the bytes read from it.
type rows struct {
	buf  []byte
	read int
	n    int
}

func (r *rows) Read(p []byte) (int, error) {
	if len(r.buf) == 0 {
		if r.n == 0 {
			r.buf = []byte("a,b,y\n")
		} else {
			r.buf = []byte("1,2,0\n3,4,1\n")
		}
		r.n++
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	r.read += n
	return n, nil
}

// A Reader reads no further than its buffer ahead of the rows it has
// given: it can read a table larger than memory.
func TestReaderStreams(t *testing.T) {
	src := &rows{}
	rd, err := NewReader(src, "endless.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float64, 2)
	const n = 200_000 // rows of 6 bytes: 1.2 MB
	for i := range n {
		label, err := rd.Next(x)
		want := []float64{1 + 2*float64(i%2), 2 + 2*float64(i%2)}
		if err != nil || !slices.Equal(x, want) || label != fmt.Sprint(i%2) {
			t.Fatalf("row %d: %v, %q, %v; want %v, %q", i, x, label, err, want, fmt.Sprint(i%2))
		}
	}
	const buffer = 64 << 10 // NewReader's buffer
	if max := 6 + 6*n + 2*buffer; src.read > max {
		t.Errorf("read %d bytes for %d rows; want at most %d", src.read, n, max)
	}
}

// Reading a row at a time, with a first pass for the labels, gives what
// Read gives.
func TestStreamingEqualsRead(t *testing.T) {
	for _, c := range []struct {
		file string
		opt  Options
	}{
		{"wdbc.csv", Options{}},
		{"iris.csv", Options{Positive: "virginica", Features: []string{"petal_width_cm", "sepal_length_cm"}}},
		{"iris.csv", Options{Positive: "setosa", DropBad: true}},
	} {
		data := readTestdata(t, c.file)
		tab, err := Read(strings.NewReader(data), c.file, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		// Pass 1: the labels and their mapping.
		rd, err := NewReader(strings.NewReader(data), c.file, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		x := make([]float64, len(rd.Features()))
		var labels Labels
		for {
			label, err := rd.Next(x)
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatal(err)
			}
			if _, err := labels.Add(label); err != nil {
				t.Fatal(err)
			}
		}
		m, err := labels.Mapping(c.opt.Positive)
		if err != nil {
			t.Fatal(err)
		}
		// Pass 2: the rows.
		rd, err = NewReader(strings.NewReader(data), c.file, c.opt)
		if err != nil {
			t.Fatal(err)
		}
		d := &neuron.Dataset{Inputs: len(x), Names: rd.Features()}
		for {
			label, err := rd.Next(x)
			if err == io.EOF {
				break
			} else if err != nil {
				t.Fatal(err)
			}
			target, ok := m.Target(label)
			if !ok {
				t.Fatalf("label %q not mapped", label)
			}
			d.X, d.T = append(d.X, x...), append(d.T, target)
		}
		if m != tab.Mapping || !slices.Equal(d.X, tab.Data.X) || !slices.Equal(d.T, tab.Data.T) || !slices.Equal(d.Names, tab.Data.Names) {
			t.Errorf("%s %+v: streaming gives %d rows, mapping %v; Read %d rows, mapping %v", c.file, c.opt, d.Len(), m, tab.Data.Len(), tab.Mapping)
		}
	}
}

func TestLabels(t *testing.T) {
	var l Labels
	for _, s := range []string{"b", "a", "b", "c", "b"} {
		if _, err := l.Add(s); err != nil {
			t.Fatal(err)
		}
	}
	if l.Len() != 3 || !slices.Equal(l.Names(), []string{"b", "a", "c"}) || l.Count("b") != 3 || l.Count("z") != 0 {
		t.Errorf("labels %q (%d), count of b %d", l.Names(), l.Len(), l.Count("b"))
	}
	if id, _ := l.Add("c"); id != 2 {
		t.Errorf("Add(c) = %d, want 2", id)
	}
	_, err := l.Mapping("")
	if err == nil || !strings.HasPrefix(err.Error(), "csvdata: 3 target labels") {
		t.Errorf("Mapping(\"\") = %v, want an error", err)
	}
	var empty Labels
	if _, err := empty.Mapping(""); err == nil {
		t.Error("Mapping of no labels: no error")
	}
	var many Labels
	for i := range MaxLabels {
		if _, err := many.Add(fmt.Sprint(i)); err != nil {
			t.Fatalf("label %d: %v", i, err)
		}
	}
	if _, err := many.Add("one more"); err == nil || many.Len() != MaxLabels {
		t.Errorf("label %d: %v, %d labels; want an error", MaxLabels+1, err, many.Len())
	}
	if _, err := many.Add("7"); err != nil {
		t.Errorf("a label seen before, after the limit: %v", err)
	}
}

// TestNoTarget: a table without a target column reads every column as a
// feature, or the features named, with empty labels.
func TestNoTarget(t *testing.T) {
	rd, err := NewReader(strings.NewReader("b,a,c\n1,2,3\n4,5,6\n"), "new.csv", Options{NoTarget: true, Features: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	var got [][]float64
	x := make([]float64, 2)
	for {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		}
		if err != nil || label != "" {
			t.Fatalf("Next: %q, %v", label, err)
		}
		got = append(got, slices.Clone(x))
	}
	if want := [][]float64{{2, 1}, {5, 4}}; !reflect.DeepEqual(got, want) || rd.Target() != "" {
		t.Errorf("rows %v, target %q; want %v and no target", got, rd.Target(), want)
	}
	if _, err := NewReader(strings.NewReader("a,b\n1,2\n"), "x", Options{NoTarget: true, Target: "b"}); err == nil {
		t.Error("NoTarget with a Target: no error")
	}
	if _, err := Read(strings.NewReader("a,b\n1,2\n"), "x", Options{NoTarget: true}); err == nil {
		t.Error("Read with NoTarget: no error")
	}
}
