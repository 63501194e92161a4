package run

import (
	"context"
	"os"
)

// An Input is a file opened for reading by Open.
type Input struct {
	*os.File
	ctx  context.Context
	stop func() bool // ends the watch that closes the file when ctx is done
}

// Open opens the named file for reading, as os.Open does, but gives up
// with ctx's error once ctx is done. A named pipe (a FIFO, or the
// /dev/fd/N of a shell's <(...)) can keep a command waiting: opening it
// waits for a writer, and reading it waits for data. So Open waits for
// the file in another goroutine, and once ctx is done it closes the file,
// which ends a read blocked on it; Err then reports ctx's error rather
// than the failed read.
func Open(ctx context.Context, name string) (*Input, error) {
	type opened struct {
		f   *os.File
		err error
	}
	ch := make(chan opened, 1)
	go func() {
		f, err := os.Open(name)
		ch <- opened{f, err}
	}()
	select {
	case o := <-ch:
		if o.err != nil {
			return nil, o.err
		}
		return &Input{File: o.f, ctx: ctx, stop: context.AfterFunc(ctx, func() { o.f.Close() })}, nil
	case <-ctx.Done():
		// The open may still succeed, when a writer comes: close it then.
		go func() {
			if o := <-ch; o.err == nil {
				o.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}

// Close closes the file.
func (in *Input) Close() error {
	in.stop()
	return in.File.Close()
}

// Err returns err, the error of reading the file, or ctx's error when ctx
// is done, since Open then closed the file under the read.
func (in *Input) Err(err error) error {
	if err != nil && in.ctx.Err() != nil {
		return in.ctx.Err()
	}
	return err
}
