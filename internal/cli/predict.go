package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/csvdata"
	"github.com/neuronlab/neuron/internal/run"
)

// Limits on what predict reads.
const (
	maxModelBytes = 256 << 20 // a model file; a 1,024-neuron network of 16 inputs is under 1 MB
	maxLineBytes  = 1 << 20   // a line of standard input
)

func newPredictCmd(cio IO) *cobra.Command {
	var asJSON bool
	var csvFile string
	cmd := &cobra.Command{
		Use:   "predict MODEL [INPUT...]",
		Short: "Use a saved model: print its output and class for inputs",
		Long: `predict loads a model saved with 'neuron train --save MODEL' and prints its
output o (between 0 and 1) and its class (1 if o ≥ 0.5, else 0) for the
inputs given as arguments, or, with no inputs, for each line of standard
input: numbers separated by spaces, tabs or commas, one row per line
(blank lines and lines starting with # are skipped). Inputs may be negative:
'neuron predict m.json -1 0'. Ctrl-C stops it reading standard input.

A model trained on a data file ('neuron train --csv') standardizes each row
as it did in training, and names the class by its label too: output, class
and label. With --csv FILE, predict reads the rows of a CSV file instead:
its header must name every column the model was trained on, in any order
(other columns, such as the target, are ignored), and it writes a CSV table
to standard output: output, class (and label) for each row.

With --json, standard output is one JSON object: model (the file), inputs
(the input names) and predictions [{line, inputs, output, class, label}]
(line, the line of standard input or of the file, is left out for inputs
given as arguments; label only for a model trained on a data file). The
object is complete even when a bad line stops predict.`,
		Example: `  neuron train and --save and.json
  neuron predict and.json 1 1
  printf '0 0\n0 1\n1 0\n1 1\n' | neuron predict and.json --json
  neuron train --csv cells.csv --save cells.json
  neuron predict cells.json --csv new-cells.csv`,
		Args:              minArgs(1, "MODEL", "neuron predict and.json 1 1"),
		ValidArgsFunction: completeModel,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, info, err := loadModel(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			p := &predictor{out: bufio.NewWriter(cio.Out), m: m, json: asJSON}
			if info != nil && info.Scale != nil {
				p.scale, p.scaled = info.Scale, make([]float64, m.Inputs())
			}
			if info != nil && info.Table != nil {
				t := info.Table
				p.labels = t.Labels
				if t.OneVsRest {
					p.labels = []string{"not " + t.Labels[1], t.Labels[1]}
				}
			}
			if csvFile != "" {
				if len(args) > 1 {
					return fmt.Errorf("--csv reads the inputs from %s, so none are wanted as arguments, got %s", shortPath(csvFile), shortArgs(args[1:]))
				}
				return p.csv(cmd.Context(), args[0], csvFile, modelInputNames(m, info))
			}
			p.begin(args[0], modelInputNames(m, info))
			defer p.end()
			if len(args) > 1 {
				x, err := parseInputs(args[1:], p.names)
				if err != nil {
					return err
				}
				p.predict(0, x)
				return nil
			}
			return p.lines(cmd.Context(), cio.In)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the predictions as one JSON object (fields above)")
	cmd.Flags().StringVar(&csvFile, "csv", "", "predict every row of a CSV `FILE` whose header names the model's inputs; write CSV")
	cmd.RegisterFlagCompletionFunc("csv", files("csv", "tsv", "txt"))
	return cmd
}

// loadModel reads a saved model.
func loadModel(ctx context.Context, path string) (neuron.Model, *neuron.ModelInfo, error) {
	fail := func(err error) (neuron.Model, *neuron.ModelInfo, error) {
		return nil, nil, fmt.Errorf("model file %s: %w", shortPath(path), err)
	}
	f, err := run.Open(ctx, path)
	if err != nil {
		return fail(fileProblem(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fail(errors.New("is a directory"))
	}
	r := &io.LimitedReader{R: f, N: maxModelBytes + 1}
	m, info, err := neuron.Load(bufio.NewReader(r))
	switch {
	case r.N <= 0:
		return fail(fmt.Errorf("larger than %d MB, not a model this program saved", maxModelBytes>>20))
	case err != nil && ctx.Err() != nil: // Ctrl-C stopped the read
		return fail(f.Err(err))
	case err != nil:
		return fail(errors.New(strings.TrimPrefix(plainError{err}.Error(), "model: ")))
	}
	return m, info, nil
}

// modelInputNames returns the names of a model's inputs.
func modelInputNames(m neuron.Model, info *neuron.ModelInfo) []string {
	if info != nil && len(info.Names) == m.Inputs() {
		return info.Names
	}
	names := make([]string, m.Inputs())
	for i := range names {
		names[i] = fmt.Sprintf("x%d", i+1)
	}
	return names
}

// A predictor prints a model's predictions, as text or as one JSON object.
type predictor struct {
	out    *bufio.Writer
	m      neuron.Model
	json   bool
	csvOut bool // write CSV rows: output,class[,label]
	names  []string
	n      int // predictions printed

	scale  *neuron.Scaler // standardizes inputs as training did, or nil
	scaled []float64      // scratch for the standardized inputs
	labels []string       // the labels of classes 0 and 1, or nil
}

// begin starts the JSON object.
func (p *predictor) begin(model string, names []string) {
	p.names = names
	if p.json {
		file, _ := json.Marshal(model)
		in, _ := json.Marshal(names)
		fmt.Fprintf(p.out, "{\n  \"model\": %s,\n  \"inputs\": %s,\n  \"predictions\": [", file, in)
	}
}

// end completes the JSON object and writes out what is left.
func (p *predictor) end() {
	if p.json {
		if p.n > 0 {
			p.out.WriteString("\n  ")
		}
		p.out.WriteString("]\n}\n")
	}
	p.out.Flush()
}

// predictionJSON is one prediction of 'neuron predict --json'.
type predictionJSON struct {
	Line   int      `json:"line,omitempty"`
	Inputs []number `json:"inputs"`
	Output number   `json:"output"`
	Class  int      `json:"class"`
	Label  string   `json:"label,omitempty"`
}

// predict prints the model's output for x, from line (0: the arguments).
func (p *predictor) predict(line int, x []float64) {
	in := x
	if p.scale != nil {
		in = append(p.scaled[:0], x...)
		p.scale.ApplyRow(in) // as the model's training rows were
	}
	o := p.m.Output(in)
	class := 0
	if o >= 0.5 {
		class = 1
	}
	label := ""
	if p.labels != nil {
		label = p.labels[class]
	}
	switch {
	case p.json:
		b, _ := json.Marshal(predictionJSON{line, numbers(x), number(o), class, label})
		if p.n > 0 {
			p.out.WriteByte(',')
		}
		p.out.WriteString("\n    ")
		p.out.Write(b)
	case p.csvOut && label != "":
		fmt.Fprintf(p.out, "%.10f,%d,%s\n", o, class, csvField(label))
	case p.csvOut:
		fmt.Fprintf(p.out, "%.10f,%d\n", o, class)
	case label != "":
		fmt.Fprintf(p.out, "%.10f %d %s\n", o, class, label)
	default:
		fmt.Fprintf(p.out, "%.10f %d\n", o, class)
	}
	p.n++
}

// csvField quotes a label for a CSV file if it needs it.
func csvField(s string) string {
	if strings.ContainsAny(s, ",\"\r\n") || strings.TrimSpace(s) != s {
		return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
	}
	return s
}

// csv predicts every row of a CSV file whose header names the model's
// inputs, in any order, and writes a CSV table (or, with --json, the JSON
// object) to standard output.
func (p *predictor) csv(ctx context.Context, model, file string, names []string) error {
	f, err := run.Open(ctx, file)
	if err != nil {
		return fmt.Errorf("data file %s: %w", shortPath(file), fileProblem(err))
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return fmt.Errorf("data file %s: is a directory", shortPath(file))
	}
	rd, err := csvdata.NewReader(f, shortPath(file), csvdata.Options{NoTarget: true, Features: names, Header: csvdata.HeaderPresent})
	if err != nil {
		return f.Err(plainError{err})
	}
	p.csvOut = !p.json
	p.begin(model, names)
	defer p.end()
	if p.csvOut {
		head := "output,class"
		if p.labels != nil {
			head += ",label"
		}
		fmt.Fprintln(p.out, head)
	}
	x := make([]float64, len(names))
	for {
		_, err := rd.Next(x)
		if err == io.EOF {
			return nil
		}
		if err != nil && ctx.Err() == nil {
			return plainError{err}
		}
		if err != nil || p.n%4096 == 0 && ctx.Err() != nil {
			return stopped("after %d rows of %s, whose predictions were printed", p.n, shortPath(file))
		}
		p.predict(rd.Line(), x)
	}
}

// An inputLine is a line of standard input, or the error that ended it.
type inputLine struct {
	n    int
	text string
	more bool  // more input is already at hand: the output can wait
	err  error // io.EOF at the end
}

// errLongLine ends input whose line is too long to be a row of inputs.
var errLongLine = fmt.Errorf("longer than %d MB; want one row of inputs per line", maxLineBytes>>20)

// lines predicts each row of r, writing as it goes so that a pipeline
// sees every row before a bad one stops it, and a person typing rows
// sees each answer at once. Lines are read on their own goroutine so
// that Ctrl-C stops predict even while it waits for input.
func (p *predictor) lines(ctx context.Context, r io.Reader) error {
	ch, done := make(chan inputLine), make(chan struct{})
	defer close(done)
	go readLines(r, ch, done)
	for {
		var l inputLine
		select {
		case <-ctx.Done():
			if p.n == 0 {
				return stopped("while waiting for standard input")
			}
			rows := "rows"
			if p.n == 1 {
				rows = "row"
			}
			return stopped("while reading standard input, after %d %s, whose predictions were printed", p.n, rows)
		case l = <-ch:
		}
		switch {
		case l.err == io.EOF:
			return nil
		case errors.Is(l.err, errLongLine):
			return fmt.Errorf("standard input, line %d: %v", l.n, l.err)
		case l.err != nil:
			return fmt.Errorf("cannot read standard input: %v", fileProblem(l.err))
		}
		text := strings.TrimSpace(l.text)
		if l.n == 1 {
			text = strings.TrimPrefix(text, "\uFEFF") // a byte-order mark some editors write
		}
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.FieldsFunc(text, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' || c == ';' })
		x, err := parseInputs(fields, p.names)
		if err != nil {
			return fmt.Errorf("standard input, line %d: %v", l.n, err)
		}
		p.predict(l.n, x)
		if !l.more {
			p.out.Flush()
		}
	}
}

// readLines sends r's lines to ch until the end of r, an error, or done.
func readLines(r io.Reader, ch chan<- inputLine, done <-chan struct{}) {
	br := bufio.NewReaderSize(r, 64<<10)
	for n := 1; ; n++ {
		text, err := readLine(br)
		select {
		case ch <- inputLine{n: n, text: text, more: br.Buffered() > 0, err: err}:
		case <-done:
			return
		}
		if err != nil {
			return
		}
	}
}

// readLine reads one line, at most maxLineBytes long.
func readLine(br *bufio.Reader) (string, error) {
	var line []byte
	for {
		chunk, err := br.ReadSlice('\n')
		if len(line)+len(chunk) > maxLineBytes {
			return "", errLongLine
		}
		line = append(line, chunk...)
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF) && len(line) > 0:
			return string(line), nil
		}
		return string(line), err
	}
}

// parseInputs reads a row of inputs, one for each of the model's inputs
// names, as the flags read numbers.
func parseInputs(fields []string, names []string) ([]float64, error) {
	if want := len(names); len(fields) != want {
		return nil, fmt.Errorf("%d inputs given, the model has %d: %s", len(fields), want, run.Short(strings.Join(names, ", ")))
	}
	x := make([]float64, len(names))
	for i, s := range fields {
		v, err := run.ParseNumber(s)
		if err != nil {
			return nil, fmt.Errorf("input %d %q: %v", i+1, run.Short(s), err)
		}
		x[i] = v
	}
	return x, nil
}
