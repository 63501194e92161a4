package stats

import (
	"context"
	"sync"
	"sync/atomic"
)

// each calls job(ctx, i) for every i from 0 to n−1 on a pool of workers
// goroutines, each taking the next index not yet taken, and reports which
// jobs finished: those whose job returned true. A job stores its own
// result, by its index, so that the results do not depend on which
// worker ran which job, or when.
//
// progress, if not nil, is called in the caller's goroutine after each
// finished job with the number finished so far, and n.
//
// If parent is canceled, or a job returns an error, no job starts after
// it, the jobs in flight see their ctx canceled, and each returns the
// error (the first job's, or else parent.Err(), which a caller can test
// with errors.Is(err, context.Canceled)) once every worker has ended, so
// that no goroutine outlives the call. If every job finished, the error
// is nil.
func each(parent context.Context, n, workers int, progress func(done, total int), job func(ctx context.Context, i int) (bool, error)) ([]bool, error) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	var (
		next   atomic.Int64 // the next index to take
		wg     sync.WaitGroup
		doneC  = make(chan int, workers) // indexes of finished jobs
		failed sync.Once
		jobErr error // the first job's error
	)
	for range workers {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				ok, err := job(ctx, i)
				if err != nil {
					failed.Do(func() { jobErr = err })
					cancel()
					return
				}
				if ok {
					doneC <- i
				}
			}
		})
	}
	go func() {
		wg.Wait()
		close(doneC)
	}()
	finished := make([]bool, n)
	done := 0
	for i := range doneC { // until every worker has ended
		finished[i] = true
		done++
		if progress != nil {
			progress(done, n)
		}
	}
	switch {
	case done == n:
		return finished, nil
	case jobErr != nil: // written before its worker ended, so before doneC closed
		return finished, jobErr
	}
	return finished, parent.Err()
}
