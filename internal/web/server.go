// Package web is the playground of 'neuron serve': a page that shows one
// neuron, or a two-layer network, learning a boolean function live, and
// the JSON API behind it.
//
// The server keeps no sessions. Runs are seeded and repeat bit for bit,
// so whatever the page shows is computed again from the setup in its
// address: the state at iteration N is a run stopped at N, and a stream
// from N is one run from 0 that passes N silently and then sends frames
// at the chosen speed. All training goes through run.Prepare and
// Problem.Train, as the command's does; the page's JavaScript only draws
// what the server computed.
//
// Paths (each answered by one handler in the table of routes):
//
//	GET  /                the page, its style and script inside
//	GET  /api/functions   the 16 named functions, the limits, the speeds
//	GET  /api/check       ?func=F: can one neuron learn F, and why
//	GET  /api/state       ?<setup>&iter=N: what the page shows at iteration N
//	GET  /api/run         ?<setup>&from=N&speed=S: frames from N, as Server-Sent Events
//	POST /api/train       a setup as JSON: the whole run's result, as 'neuron train' prints it
//
// A setup in a query uses the flag names of 'neuron train' (run.Setup.Query).
package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/neuronlab/neuron/internal/run"
)

// DefaultLimits bound what the server trains: no table files (the server
// reads no files for its users), short functions of few inputs, small
// networks, a cap on every run.
var DefaultLimits = run.Limits{
	FuncLen:  200,
	Inputs:   6,
	Hidden:   8,
	MaxIter:  run.DefaultMaxIter,
	Restarts: 10,
}

// Options configure a Server. DefaultOptions gives every field a value;
// New uses the default for any field left zero.
type Options struct {
	// Limits bound the setups trained.
	Limits run.Limits
	// MaxBody is the largest request body accepted, in bytes.
	MaxBody int64
	// Streams is the most streams (GET /api/run) running at once; one
	// more is refused with 429 Too Many Requests.
	Streams int
	// StreamTime is the longest one stream runs. The page can go on
	// from where it ended.
	StreamTime time.Duration
	// StreamIdle is how long a stream waits for a browser that takes no
	// data (the write deadline of each event) before it closes.
	StreamIdle time.Duration
	// WorkTime is the longest one answer of /api/state or /api/train may
	// compute.
	WorkTime time.Duration
}

// DefaultOptions returns the options 'neuron serve' starts with.
func DefaultOptions() Options {
	return Options{
		Limits:     DefaultLimits,
		MaxBody:    8 << 10,
		Streams:    128,
		StreamTime: 10 * time.Minute,
		StreamIdle: 15 * time.Second,
		WorkTime:   30 * time.Second,
	}
}

// Timeouts of the HTTP server, beyond the Options.
const (
	readHeaderTimeout = 5 * time.Second  // the request line and headers
	readTimeout       = 10 * time.Second // the whole request, body included
	idleTimeout       = 60 * time.Second // a kept-alive connection between requests
	maxHeaderBytes    = 32 << 10         // a request's headers, its query included
	shutdownTime      = 5 * time.Second  // answers in progress may finish in this long
)

// A Server is the playground: the page and its API, as an http.Handler.
// What its handlers share is here; they keep nothing between requests.
type Server struct {
	opt      Options
	routes   map[string]route
	pageFile *asset
	policy   string        // the page's Content-Security-Policy
	streams  chan struct{} // a token for each stream running
	// work holds a token for each answer computing a whole run or a
	// state (/api/train, /api/state); the others wait their turn, so
	// that a burst of them leaves the streams a core to keep their pace.
	work chan struct{}
	// training counts the runs in progress, for tests: a run whose
	// browser went away must stop.
	training atomic.Int64
	// closing is done when the server shuts down; it ends the streams.
	closing context.Context
	close   context.CancelFunc
}

// A route is a path's handler and the method it answers. A handler that
// returns an error has written nothing; the error is sent as JSON.
type route struct {
	method  string
	handler func(w http.ResponseWriter, r *http.Request) error
}

// New returns a playground server with the given options; zero fields
// take their DefaultOptions values.
func New(o Options) *Server {
	def := DefaultOptions()
	if o.Limits == (run.Limits{}) {
		o.Limits = def.Limits
	}
	if o.MaxBody <= 0 {
		o.MaxBody = def.MaxBody
	}
	if o.Streams <= 0 {
		o.Streams = def.Streams
	}
	if o.StreamTime <= 0 {
		o.StreamTime = def.StreamTime
	}
	if o.StreamIdle <= 0 {
		o.StreamIdle = def.StreamIdle
	}
	if o.WorkTime <= 0 {
		o.WorkTime = def.WorkTime
	}
	s := &Server{opt: o, streams: make(chan struct{}, o.Streams), work: make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1))}
	s.closing, s.close = context.WithCancel(context.Background())
	s.pageFile, s.policy = s.loadAssets()
	s.routes = map[string]route{
		"/":              {http.MethodGet, s.page},
		"/api/functions": {http.MethodGet, s.functions},
		"/api/check":     {http.MethodGet, s.check},
		"/api/state":     {http.MethodGet, s.state},
		"/api/run":       {http.MethodGet, s.run},
		"/api/train":     {http.MethodPost, s.train},
	}
	return s
}

// Options returns the options the server runs with, defaults filled in.
func (s *Server) Options() Options { return s.opt }

// Training returns the number of runs in progress.
func (s *Server) Training() int { return int(s.training.Load()) }

// ServeHTTP answers a request from the table of routes. Every answer,
// errors included, says that it may load nothing (the page's own policy
// lets it run its script and style and ask this server).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	rt, ok := s.routes[r.URL.Path]
	if !ok {
		writeError(w, errorf(http.StatusNotFound, "nothing at %s: the playground is at /, its API under /api/ (%s)", r.URL.Path, s.apiPaths()))
		return
	}
	// HEAD is answered for the page's files; the API computes, so it
	// takes only the method it answers.
	head := r.Method == http.MethodHead && rt.method == http.MethodGet && !strings.HasPrefix(r.URL.Path, "/api/")
	if r.Method != rt.method && !head {
		h.Set("Allow", rt.method)
		writeError(w, errorf(http.StatusMethodNotAllowed, "%s takes %s requests, not %s", r.URL.Path, rt.method, r.Method))
		return
	}
	if err := rt.handler(w, r); err != nil {
		writeError(w, err)
	}
}

// compute runs f when a worker is free, or returns the error of ctx if it
// ends first.
func (s *Server) compute(ctx context.Context, f func()) error {
	select {
	case s.work <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-s.work }()
	f()
	return nil
}

// apiPaths lists the API's paths, for an error message.
func (s *Server) apiPaths() string {
	var p []string
	for path, rt := range s.routes {
		if strings.HasPrefix(path, "/api/") {
			p = append(p, rt.method+" "+path)
		}
	}
	sort.Strings(p)
	return strings.Join(p, ", ")
}

// Serve answers requests on ln until ctx is done, then shuts down
// gracefully: it stops listening, ends the streams (each sends a last
// frame saying so), and lets other answers in progress finish, for at
// most shutdownTime. It returns nil after a clean shutdown.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		// Streams set their own deadline for each event.
		WriteTimeout:   s.opt.WorkTime + 10*time.Second,
		IdleTimeout:    idleTimeout,
		MaxHeaderBytes: maxHeaderBytes,
	}
	srv.RegisterOnShutdown(s.close)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTime)
	defer cancel()
	err := srv.Shutdown(sctx)
	if serr := <-errc; !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	if err != nil {
		srv.Close()
		return fmt.Errorf("shutting down: %s", plain(err))
	}
	return nil
}
