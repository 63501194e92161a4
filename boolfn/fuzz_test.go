package boolfn

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkParseError checks that err is a one-line *ParseError about what.
func checkParseError(t *testing.T, err error, what string, maxColumn int) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "boolfn: "+what) || strings.ContainsAny(msg, "\n\r\u0085\u2028\u2029") {
		t.Errorf("error %q is not one line starting with %q", msg, "boolfn: "+what)
	}
	if pe.Column < 0 || pe.Column > maxColumn || pe.Line < 0 {
		t.Errorf("error %q: line %d, column %d out of range (columns up to %d)", msg, pe.Line, pe.Column, maxColumn)
	}
}

func FuzzParseTable(f *testing.F) {
	for _, s := range []string{"01", "0001", "01101001", "", "0", "000", "0021", "1111111111111111", "0é01", "01\xff1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fn, err := ParseTable(s)
		if err != nil {
			checkParseError(t, err, "table", utf8.RuneCountInString(s))
			return
		}
		n := fn.Inputs()
		if n < 1 || n > MaxInputs || fn.Rows() != 1<<n || len(fn.Table) != len(s) {
			t.Fatalf("ParseTable(%q): %d inputs, %d rows", s, n, fn.Rows())
		}
		if got := fn.TableString(); got != s {
			t.Fatalf("ParseTable(%q).TableString() = %q", s, got)
		}
		again, err := ParseTable(fn.TableString())
		if err != nil || again.Name != fn.Name || !slices.Equal(again.Vars, fn.Vars) || !slices.Equal(again.Table, fn.Table) {
			t.Fatalf("ParseTable(%q) does not round-trip: %v, %v", s, again, err)
		}
	})
}

func FuzzParseExpr(f *testing.F) {
	for _, s := range []string{
		"a & !b | c", "maj(a,b,c)", "a ^ b ^ c", "(a | b) & !(a & b)", "x1 & x2 | x3",
		"a & | b", "(a", "a)", "not not a", "NOT(a, b)", "and()", "maj(a,)", "implies(a, b)",
		"a or b xor c and not d", "~a + b * c", "a || b && !c", "0 | 1", "2", "1b", "x01 | x1",
		"é", "a\n&\tb", strings.Repeat("!", 101) + "a", strings.Repeat("(", 100) + "a" + strings.Repeat(")", 100),
		strings.Join(vars(17), "|"), "xor(b, a)", "parity(a) & majority(b, c, d, e)", "nand(a, nor(b, c), xnor(d))",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fn, err := ParseExpr(s)
		if err != nil {
			checkParseError(t, err, "expression", utf8.RuneCountInString(s)+1)
			return
		}
		n := len(fn.Vars)
		if n > MaxInputs || len(fn.Table) != 1<<n || fn.Rows() != 1<<n {
			t.Fatalf("ParseExpr(%q): %d vars, %d rows", s, n, len(fn.Table))
		}
		for i, v := range fn.Vars {
			if !strings.Contains(s, v) {
				t.Errorf("ParseExpr(%q): variable %q is not in the text", s, v)
			}
			if i > 0 && naturalCompare(fn.Vars[i-1], v) >= 0 {
				t.Errorf("ParseExpr(%q): variables %q not in natural order", s, fn.Vars)
			}
		}
		// Its negation, where the nesting allows one more level, is the
		// complement.
		if neg, err := ParseExpr("!(" + s + "\n)"); err == nil {
			if !slices.Equal(neg.Vars, fn.Vars) {
				t.Fatalf("!(%q) has vars %q, want %q", s, neg.Vars, fn.Vars)
			}
			for r := range fn.Table {
				if neg.Table[r] == fn.Table[r] {
					t.Fatalf("!(%q) agrees with %q in row %d", s, s, r)
				}
			}
		}
	})
}

func FuzzReadTable(f *testing.F) {
	for _, s := range []string{
		"a,b,out\n0,0,0\n0,1,0\n1,0,0\n1,1,1\n",
		"0\t0\t1\n0\t1\t0\n1\t0\t0\n1\t1\t1\n",
		"# c\n\np q r\n0 0 1\n0 1 0\n1 0 1\n1 1 1\n",
		"x;y\r\n0;1\r\n1;0\r\n",
		"\uFEFF\"a\",\"b\",o\n1,1,1\n1,0,0\n0,1,0\n0,0,0",
		"a,b,out\n0,0,0\n0,1\n", "0,0,0\n0,0,1\n", "a,a,o\n", "a,,o\n", "x\n0\n", "", "a,2,o\n0,0,0\n",
		strings.Repeat("0,", 17) + "0\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fn, err := ReadTable(bytes.NewReader(data), "fuzz")
		if err != nil {
			checkParseError(t, err, "table file", len(data)+1)
			return
		}
		n := fn.Inputs()
		if n < 1 || n > MaxInputs || fn.Rows() != 1<<n || fn.Name != "fuzz" {
			t.Fatalf("ReadTable: %d inputs, %d rows, name %q", n, fn.Rows(), fn.Name)
		}
		// Written out as TSV and read back, the table is the same.
		var b strings.Builder
		for _, v := range fn.Vars {
			b.WriteString(`"` + strings.ReplaceAll(v, `"`, `""`) + `"` + "\t") // quoted as in CSV
		}
		b.WriteString("out\n")
		for r, out := range fn.Table {
			for _, v := range fn.Input(r) {
				b.WriteString(map[float64]string{0: "0\t", 1: "1\t"}[v])
			}
			b.WriteString(map[bool]string{false: "0\n", true: "1\n"}[out])
		}
		again, err := ReadTable(strings.NewReader(b.String()), "fuzz")
		if err != nil {
			t.Fatalf("reading back %q: %v", b.String(), err)
		}
		if !slices.Equal(again.Table, fn.Table) || !slices.Equal(again.Vars, fn.Vars) {
			t.Fatalf("read back as %q %s, want %q %s", again.Vars, again.TableString(), fn.Vars, fn.TableString())
		}
		// Small tables: decide them, and check the answer.
		if n <= 5 {
			d := fn.Dataset()
			s, err := Separable(d)
			if err != nil {
				t.Fatalf("Separable(%s): %v", fn.TableString(), err)
			}
			checkSeparation(t, fn.TableString(), d, s)
		}
	})
}
