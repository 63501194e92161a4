// Command neuron shows one neuron learning boolean functions by steepest
// descent. Run it without arguments for the original AND/OR demo, or see
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

// stopSignals are the signals that stop a run as Ctrl-C does: the result
// so far is printed and its files written. SIGHUP comes when the
// terminal closes.
var stopSignals = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

func main() {
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, stopSignals...)
	// A closed pipe on standard output becomes a write error, which the
	// command handles (quietly) after committing or removing its files,
	// rather than a SIGPIPE that would kill it mid-write.
	signal.Ignore(syscall.SIGPIPE)
	go func() {
		sig := <-sigs
		cancel(cli.Interrupt{Signal: sig})
		// A second signal means now: remove unfinished files and go.
		sig = <-sigs
		cli.RemoveTemporaryFiles()
		os.Exit(cli.Interrupt{Signal: sig}.Status())
	}()
	err := cli.Run(ctx, os.Args[1:], cli.IO{
		In:       os.Stdin,
		Out:      os.Stdout,
		Err:      os.Stderr,
		Terminal: term.IsTerminal(int(os.Stderr.Fd())),
	})
	if msg := cli.Message(err); msg != "" {
		fmt.Fprintln(os.Stderr, "neuron:", msg)
	}
	os.Exit(cli.ExitCode(err))
}
