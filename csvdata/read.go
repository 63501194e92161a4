package csvdata

import (
	"errors"
	"fmt"
	"io"

	"github.com/neuronlab/neuron"
)

// A Table is what Read returns: a data set to learn from and what it was
// made of.
type Table struct {
	// Data holds a row per data row kept: the feature values as inputs,
	// named after their columns, and the target, 0 or 1.
	Data *neuron.Dataset

	Features []string // feature column names, in input order (also Data.Names)
	Target   string   // target column name
	Mapping  Mapping  // which label became 1 and which 0
	Counts   [2]int   // rows whose target is 0 and 1

	RowsRead    int   // data rows read, dropped ones included, header not
	RowsDropped int   // rows dropped for bad values (Options.DropBad)
	DropReason  error // why the first dropped row was dropped; nil if none

	Header bool   // whether the first row was a header
	Comma  rune   // the field separator
	Source string // the name given to Read, for messages
}

// Read reads a whole table from r, as NewReader and Reader.Next describe,
// and maps its target labels to 0 and 1 as opt says. Name names the
// table in errors, e.g. the file name. Errors about the file are
// *ParseError: a bad value, the wrong number of fields, a column that
// opt names but the file lacks, a file of no data rows, a target of one
// label only or of more than two when opt.Positive is "".
func Read(r io.Reader, name string, opt Options) (*Table, error) {
	if opt.NoTarget {
		return nil, errors.New("csvdata: Read needs a target column (Options.NoTarget is for Reader)")
	}
	rd, err := NewReader(r, name, opt)
	if err != nil {
		return nil, err
	}
	feats := rd.Features()
	d := &neuron.Dataset{Inputs: len(feats), Names: feats}
	x := make([]float64, len(feats))
	var labels Labels
	for {
		label, err := rd.Next(x)
		if err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
		// Until the mapping is known, a row's target holds its label's
		// number; at most MaxLabels numbers, all exact in a float64.
		id, err := labels.Add(label)
		if err != nil {
			return nil, rd.targetError(rd.Line(), err)
		}
		d.X = append(d.X, x...)
		d.T = append(d.T, float64(id))
	}

	if d.Len() == 0 {
		if n, first := rd.Dropped(); n > 0 {
			var pe *ParseError
			errors.As(first, &pe)
			return nil, &ParseError{Name: name, Err: fmt.Errorf("no rows left: every one of the %d rows has a bad value; the first: %s", n, pe.detail())}
		}
		return nil, &ParseError{Name: name, Line: rd.widthLine, Err: errors.New("no data rows after the header")}
	}
	m, err := labels.mapping(opt.Positive)
	if err != nil {
		return nil, rd.targetError(0, err)
	}
	targets := make([]float64, labels.Len())
	for i, label := range labels.names {
		targets[i], _ = m.Target(label)
	}
	t := &Table{
		Data: d, Features: feats, Target: rd.Target(), Mapping: m,
		RowsRead: rd.Rows(), Header: rd.Header(), Comma: rd.Comma(), Source: name,
	}
	for i, id := range d.T {
		d.T[i] = targets[int(id)]
		t.Counts[int(d.T[i])]++
	}
	t.RowsDropped, t.DropReason = rd.Dropped()
	return t, nil
}

// targetError is a *ParseError about the target column.
func (rd *Reader) targetError(line int, err error) error {
	return &ParseError{Name: rd.name, Line: line, Column: rd.target + 1, ColumnName: rd.columnName(rd.target), Err: err}
}
