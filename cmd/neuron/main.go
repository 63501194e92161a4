// Command neuron shows one neuron learning boolean functions by steepest
// descent. Run it without arguments for the seed's AND/OR demo, or see
// 'neuron --help'.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

	"github.com/neuronlab/neuron/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := cli.Run(ctx, os.Args[1:], cli.IO{
		In:       os.Stdin,
		Out:      os.Stdout,
		Err:      os.Stderr,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())),
	})
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "neuron:", err)
	}
	os.Exit(cli.ExitCode(err))
}
