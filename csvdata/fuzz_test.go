package csvdata

import (
	"bytes"
	"errors"
	"slices"
	"testing"
)

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"a,b,y\n1,2,yes\n3,4,no\n",
		"1,2,0\n3,4,1\n",
		"\uFEFF\"a\",\"b\",\"y\"\r\n\"1.5\",\"-2\",\"x\"\r\n3e2,.25,z",
		"a;b;y\n1,5;2;x\n3;4,25;z\n",
		"a\tb\ty\n1\t\t0\n2\t3\t1\n",
		"a,y\n1,\"two\nlines\"\n2,x\n",
		"a,y\n1,x\n2,a\"b\n", "a,y\n1,\"x\n", "a,y\n1,\"x\"y\n",
		"a,b,y\n1,NaN,x\n2,inf,z\n3,1e400,x\n4,4,z\n",
		"a,b,y\n1,,x\n,2,z\n3,4,\n5,6,z\n7,8,x\n",
		"", "\n\n", "a,b,y\n", "y\n1\n0\n", "a,a,y\n1,2,x\n", ",,\n1,2,3\n",
		"a,b,y\n1,2,x\n1,x\n", "a,y\n1,a\n2,b\n3,c\n", "a,y\n1,a\n2,a\n",
		"x,y\n0x1p3,1\n1_0,0\n+.5e-3,1\n5.,0\n",
		"2019,2020,y\n1,2,x\n3,4,z\n", "NA,2,x\n3,4,z\n",
		"a , b , y \n 1 , 2 , 1.0 \n 3 , 4 , 0 \n",
		"a,y\n1,\u00e9\n2,\u00e8\n", "a,y\n1,\xff\n2,\xfe\n",
	} {
		f.Add([]byte(s), false, "")
		f.Add([]byte(s), true, "x")
	}
	f.Fuzz(func(t *testing.T, data []byte, dropBad bool, positive string) {
		opt := Options{DropBad: dropBad, Positive: positive}
		tab, err := Read(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil {
			checkError(t, err)
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %q (%T) is not a *ParseError", err, err)
			}
			if pe.Line < 0 || pe.Line > bytes.Count(data, []byte("\n"))+1 || pe.Column < 0 || pe.Column > len(data)+1 {
				t.Fatalf("error %q: line %d, column %d out of range", err, pe.Line, pe.Column)
			}
			return
		}
		d := tab.Data
		if err := d.Validate(); err != nil {
			t.Fatalf("Read gives a data set that is not valid: %v", err)
		}
		if d.Inputs != len(tab.Features) || !slices.Equal(d.Names, tab.Features) || slices.Contains(tab.Features, tab.Target) {
			t.Fatalf("%d inputs, features %q, target %q", d.Inputs, tab.Features, tab.Target)
		}
		if tab.Counts[0] < 1 || tab.Counts[1] < 1 || tab.Counts[0]+tab.Counts[1] != d.Len() {
			t.Fatalf("counts %v for %d rows", tab.Counts, d.Len())
		}
		for _, v := range d.T {
			if v != 0 && v != 1 {
				t.Fatalf("target %v, want 0 or 1", v)
			}
		}
		if tab.RowsRead != d.Len()+tab.RowsDropped || (tab.RowsDropped > 0) != (tab.DropReason != nil) || (!dropBad && tab.RowsDropped > 0) {
			t.Fatalf("%d rows read, %d kept, %d dropped (%v)", tab.RowsRead, d.Len(), tab.RowsDropped, tab.DropReason)
		}
		// Told the separator and header it found, Read finds the same.
		opt.Comma, opt.Header = tab.Comma, HeaderAbsent
		if tab.Header {
			opt.Header = HeaderPresent
		}
		again, err := Read(bytes.NewReader(data), "fuzz.csv", opt)
		if err != nil || !slices.Equal(again.Data.X, d.X) || !slices.Equal(again.Data.T, d.T) || again.Mapping != tab.Mapping {
			t.Fatalf("read again with separator %q and header %v: %v", opt.Comma, tab.Header, err)
		}
	})
}
