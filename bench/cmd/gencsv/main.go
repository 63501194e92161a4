// Command gencsv writes a large CSV table of two Gaussian classes, to
// train on with 'neuron train --csv FILE --stream' (bench/stream_memory.sh).
//
// Each row's class is "a" or "b" with probability ½; its features are
// drawn from N(±m, 1) with m_j = 0.03·j for feature j = 1 … n, as in
// bench/cmd/gendata. The file has a header row (x1, ..., xn, class) and
// one row per line, numbers with 6 significant digits.
//
// Usage: gencsv -bytes 2200000000 -features 20 -seed 1 > big.csv
// It writes rows until the file has at least the bytes asked, and prints
// the number of rows on standard error.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
)

func main() {
	size := flag.Int64("bytes", 2_200_000_000, "write rows until the file has at least this many bytes")
	features := flag.Int("features", 20, "features per row")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	rng := rand.New(rand.NewPCG(*seed, 0))
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	var n int64
	write := func(b []byte) {
		w.Write(b)
		n += int64(len(b))
	}
	var line []byte
	for j := 1; j <= *features; j++ {
		line = fmt.Appendf(line, "x%d,", j)
	}
	write(append(line, "class\n"...))
	rows := 0
	for n < *size {
		line = line[:0]
		sign, class := -1.0, "a"
		if rng.IntN(2) == 1 {
			sign, class = 1, "b"
		}
		for j := 1; j <= *features; j++ {
			line = strconv.AppendFloat(line, sign*0.03*float64(j)+rng.NormFloat64(), 'g', 6, 64)
			line = append(line, ',')
		}
		write(append(append(line, class...), '\n'))
		rows++
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "gencsv:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gencsv rows=%d bytes=%d\n", rows, n)
}
