package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/neuronlab/neuron"
	"github.com/neuronlab/neuron/internal/run"
)

// Frame pacing.
const (
	// fps is the most frames a second a stream sends, however fast it
	// trains: more than a screen shows smoothly would only cost.
	fps      = 30
	frameGap = time.Second / fps
	// lookEvery is how many iterations at most pass between two looks
	// at the clock, about 30 µs of training: often enough to keep the
	// frames on time, rare enough to cost nothing.
	lookEvery = 1024
)

// run answers GET /api/run?<setup>&from=N&speed=S with a stream of
// Server-Sent Events: "frame" events, each a Frame as JSON, while the run
// goes on, and one "end" event, the last Frame, when it ends, is cut
// short by the stream's time limit, or the server shuts down.
//
// The stream trains one run from iteration 0 (Problem.Train), passes
// iteration N silently, then shows the iterations after it at S a second
// ("max": as fast as it goes), at most fps frames a second. Closing the
// stream pauses: the browser going away cancels the request's context,
// which stops the training at once.
func (s *Server) run(w http.ResponseWriter, r *http.Request) error {
	q, p, v, from, err := s.request(r, keyFrom)
	if err != nil {
		return err
	}
	speed, err := speed(q)
	if err != nil {
		return err
	}
	select {
	case s.streams <- struct{}{}:
		defer func() { <-s.streams }()
	default:
		w.Header().Set("Retry-After", "10")
		return errorf(http.StatusTooManyRequests, "%d streams are running, as many as this server allows at once; try again in a moment", cap(s.streams))
	}

	ctx, cancel := context.WithTimeout(r.Context(), s.opt.StreamTime)
	defer cancel()
	defer context.AfterFunc(s.closing, cancel)()
	rc := http.NewResponseController(w)
	// The stream outlives the server's read timeout; StreamTime bounds it.
	rc.SetReadDeadline(time.Time{})
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // a proxy in front must not hold frames back
	w.WriteHeader(http.StatusOK)

	st := &stream{w: w, rc: rc, idle: s.opt.StreamIdle, p: p, v: v, ctx: ctx, pace: newPacer(from, speed)}
	if err := st.write(": training from iteration 0; frames after iteration %d\n\n", from); err != nil {
		return nil // the browser went away
	}
	s.training.Add(1)
	out, err := p.Train(ctx, run.Options{Observe: st.observe})
	s.training.Add(-1)
	switch {
	case r.Context().Err() != nil || st.err != nil:
		return nil // the browser went away: nobody to tell
	case out.Model == nil:
		// Training did not start (neuron.Train refused the setup, which
		// Prepare checked): say why, as the last event.
		st.send("end", map[string]string{"status": "error", "message": "The run could not start: " + plain(err)})
		return nil
	}
	// The run ended, diverged (err wraps neuron.ErrDiverged) or was cut
	// short (ctx). Keep the pace to the end: the last frame is no sooner
	// than its iteration is due, nor than fps allows.
	st.pace.waitFor(ctx, out.Iterations)
	f := newFrame(p, v, out.Model, out.Iterations)
	describe(f, outcomeStatus(out), &p.Setup, out.Loss) // a run cut short is paused
	switch {
	case out.Status != neuron.Canceled:
	case s.closing.Err() != nil:
		f.Message = "The server is shutting down. " + f.Message
	default:
		f.Message = fmt.Sprintf("This stream ran for its limit of %v; press play to go on. %s", s.opt.StreamTime, f.Message)
	}
	st.send("end", f)
	return nil
}

// A stream sends the frames of one run to one browser.
type stream struct {
	w    http.ResponseWriter
	rc   *http.ResponseController
	idle time.Duration // each event's write deadline
	p    *run.Problem
	v    view
	ctx  context.Context
	pace *pacer
	err  error // the first failed write: the browser went away
}

// observe is the run's Options.Observe: from iteration 0 it begins the
// pace at once; otherwise step does, at iteration from.
func (st *stream) observe(_ uint64, _ neuron.Model) func(neuron.Event) error {
	if st.pace.from == 0 {
		st.pace.begin(st.pace.now())
	}
	return st.step
}

// step is the run's Progress hook, called after every iteration: it
// lets the iterations up to from pass at full speed, then keeps the pace
// and sends a frame when one is due.
func (st *stream) step(e neuron.Event) error {
	i := e.Iteration
	if i < st.pace.next {
		return nil
	}
	if i == st.pace.from {
		st.pace.begin(st.pace.now())
		return nil
	}
	send, err := st.pace.look(st.ctx, i)
	if err != nil || !send {
		return err
	}
	f := newFrame(st.p, st.v, e.Model, i)
	describe(f, statusRunning, &st.p.Setup, e.Loss)
	return st.send("frame", f)
}

// send writes one event, whose data is v as JSON.
func (st *stream) send(event string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return st.write("event: %s\ndata: %s\n\n", event, b)
}

// write writes to the stream and flushes, within the idle deadline.
func (st *stream) write(format string, a ...any) error {
	if st.err != nil {
		return st.err
	}
	st.rc.SetWriteDeadline(time.Now().Add(st.idle))
	if _, err := fmt.Fprintf(st.w, format, a...); err != nil {
		st.err = err
		return err
	}
	if err := st.rc.Flush(); err != nil {
		st.err = err
	}
	return st.err
}

// A pacer keeps a stream's frames at the chosen speed and at most fps a
// second. Iteration i is shown no sooner than start + (i − from)/speed;
// training runs free between the iterations at which the pacer looks at
// the clock, so its speed does not depend on the frames.
type pacer struct {
	from  int
	speed int // iterations per second; 0 is as fast as it goes
	start time.Time
	due   time.Time // the next frame is sent no sooner
	next  int       // the next iteration to look at the clock

	// The clock: time.Now and sleep, or a test's.
	now   func() time.Time
	sleep func(context.Context, time.Duration) error
}

func newPacer(from, speed int) *pacer {
	return &pacer{from: from, speed: speed, next: from, now: time.Now, sleep: sleep}
}

// begin starts the pace at iteration from, at time now.
func (p *pacer) begin(now time.Time) {
	p.start, p.due, p.next = now, now.Add(frameGap), p.from+1
}

// timeOf returns when iteration i is due.
func (p *pacer) timeOf(i int) time.Time {
	return p.start.Add(time.Duration(float64(i-p.from) / float64(p.speed) * float64(time.Second)))
}

// look is called at iteration i ≥ next: it waits until i is due and says
// whether a frame is due, and when to look next.
func (p *pacer) look(ctx context.Context, i int) (frame bool, err error) {
	now := p.now()
	if p.speed > 0 {
		if at := p.timeOf(i); at.After(now) {
			if err := p.sleep(ctx, at.Sub(now)); err != nil {
				return false, err
			}
			now = p.now()
		}
	}
	// Up to fps iterations a second, each has its own frame, spaced by
	// the speed; faster, a frame shows where training has got to.
	frame = p.speed > 0 && p.speed <= fps || !now.Before(p.due)
	if frame {
		p.due = now.Add(frameGap)
	}
	p.next = i + lookEvery
	if p.speed > 0 {
		// The first iteration due no sooner than the next frame.
		atFrame := p.from + int(math.Ceil(float64(p.speed)*p.due.Sub(p.start).Seconds()))
		p.next = min(p.next, max(i+1, atFrame))
	}
	return frame, nil
}

// waitFor waits until iteration i is due and a frame may be sent: the
// pace of a run's last frame.
func (p *pacer) waitFor(ctx context.Context, i int) error {
	if p.start.IsZero() {
		return nil // the run ended before from: nothing was shown
	}
	at := p.due
	if p.speed > 0 && p.timeOf(i).After(at) {
		at = p.timeOf(i)
	}
	return p.sleep(ctx, at.Sub(p.now()))
}

// sleep waits for d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
