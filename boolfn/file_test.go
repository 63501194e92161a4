package boolfn

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

func TestReadTable(t *testing.T) {
	for _, tc := range []struct {
		what, text, table string
		vars              []string
	}{
		{"CSV with a header", "x,y,out\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n", "0001", []string{"x", "y"}},
		{"CSV without a header, any order", "1,1,0\n0,1,1\n0,0,0\n1,0,1\n", "0110", []string{"a", "b"}},
		{"TSV with a header", "in1\tin2\tf\n0\t0\t1\n0\t1\t1\n1\t0\t1\n1\t1\t0\n", "1110", []string{"in1", "in2"}},
		{"TSV without a header", "0\t0\t1\n0\t1\t0\n1\t0\t0\n1\t1\t1\n", "1001", []string{"a", "b"}},
		{"spaces", "a b c\n 0  1   1 \n0 0 0\n1 1 1\n1 0 1\n", "0111", []string{"a", "b"}},
		{"semicolons, CRLF", "p;q;r\r\n0;0;1\r\n0;1;0\r\n1;0;1\r\n1;1;1\r\n", "1011", []string{"p", "q"}},
		{"comments, blank lines, a byte-order mark", "\uFEFF# AND\n\na,b,and\n\n0,0,0\n# the middle\n0,1,0\n1,0,0\n1,1,1\n", "0001", []string{"a", "b"}},
		{"quoted names, spaces around fields", "\"left\" , \"\"\"right\"\"\" , out\n0 , 0 , 0\n0,1,1\n1,0,1\n1,1,1", "0111", []string{"left", `"right"`}},
		{"one input", "a,not\n0,1\n1,0\n", "10", []string{"a"}},
	} {
		f, err := ReadTable(strings.NewReader(tc.text), "t.csv")
		if err != nil {
			t.Errorf("%s: ReadTable: %v", tc.what, err)
			continue
		}
		if f.Name != "t.csv" || f.TableString() != tc.table || !slices.Equal(f.Vars, tc.vars) {
			t.Errorf("%s: ReadTable = %q %s %q, want %q %s %q", tc.what, f.Name, f.TableString(), f.Vars, "t.csv", tc.table, tc.vars)
		}
	}
}

func TestReadTableErrors(t *testing.T) {
	many := strings.Repeat("0,", 17) + "0\n"
	for _, tc := range []struct {
		what, text   string
		line, column int
		want         string
	}{
		{"ragged", "a,b,out\n0,0,0\n0,1\n", 3, 0, `boolfn: table file "t.csv": line 3: 2 fields, want 3 as on line 1`},
		{"ragged after a comment", "# c\n0,0,0\n0,1,1,1\n", 3, 0, "line 3: 4 fields, want 3 as on line 2"},
		{"not binary", "0,0,0\n0,2,1\n", 2, 2, `line 2, column 2: "2" is not 0 or 1`},
		{"not binary output", "a,b,o\n0,0,0\n0,1,yes\n", 3, 3, `line 3, column 3: "yes" is not 0 or 1`},
		{"a number in the header", "a,2,out\n0,0,0\n", 1, 1, `line 1, column 1: "a" is not 0 or 1`},
		{"duplicate", "a,b,o\n0,0,0\n0,1,1\n0,0,1\n", 4, 0, "line 4: duplicate row for a=0 b=0, first on line 2"},
		{"missing", "0,0,0\n0,1,1\n1,1,1\n", 0, 0, `boolfn: table file "t.csv": 3 of 4 rows: no row for a=1 b=0`},
		{"too many inputs", "# wide\n" + many, 2, 0, "line 2: 17 input columns, at most 16 (MaxInputs)"},
		{"only an output", "x\n0\n1\n", 1, 0, "line 1: want at least one input column before the output column"},
		{"empty", "", 0, 0, `boolfn: table file "t.csv": empty: no rows`},
		{"only comments", "# nothing\n\n   \n", 0, 0, "empty: no rows"},
		{"only a header", "\na,b,out\n", 2, 0, "line 2: no rows after the header"},
		{"empty name", "a,,out\n0,0,0\n", 1, 2, "line 1, column 2: empty input name"},
		{"a control character in a name", "a,0\r0;A,out\n0,0,0\n", 1, 2, `line 1, column 2: input name "0\r0;A" has a control character`},
		{"duplicate name", "a,a,out\n0,0,0\n", 1, 2, `line 1, column 2: input name "a" is also column 1's`},
		{"line too long", "0,0,0\n" + strings.Repeat(" ", maxLineBytes+1) + "\n", 2, 0, "line 2: line longer than 65536 bytes"},
	} {
		_, err := ReadTable(strings.NewReader(tc.text), "t.csv")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: ReadTable error = %v, want a *ParseError", tc.what, err)
			continue
		}
		if pe.Line != tc.line || pe.Column != tc.column || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: ReadTable error = %q (line %d, column %d), want %q (line %d, column %d)",
				tc.what, err, pe.Line, pe.Column, tc.want, tc.line, tc.column)
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error is not one line: %q", tc.what, err)
		}
	}
}

func TestReadTableReadError(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader("a,b,o\n0,0,0\n"))
	_, err := ReadTable(iotest.OneByteReader(r), "slow")
	if !errors.Is(err, iotest.ErrTimeout) {
		t.Errorf("ReadTable of a failing reader: error = %v, want one wrapping %v", err, iotest.ErrTimeout)
	}
}

func TestReadTableLarge(t *testing.T) {
	// Parity of 16 inputs, rows in reverse order: every row must count.
	f, _ := Lookup("xor16")
	var b strings.Builder
	for r := f.Rows() - 1; r >= 0; r-- {
		for _, v := range f.Input(r) {
			b.WriteByte('0' + byte(v))
			b.WriteByte('\t')
		}
		b.WriteString(map[bool]string{false: "0\n", true: "1\n"}[f.Table[r]])
	}
	g, err := ReadTable(strings.NewReader(b.String()), "xor16.tsv")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(g.Table, f.Table) {
		t.Errorf("ReadTable of xor16 in reverse order differs from xor16")
	}
}
