package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/web"
)

// defaultAddr is where serve listens unless told otherwise: this machine
// only.
const defaultAddr = "127.0.0.1:8080"

func newServeCmd(io IO) *cobra.Command {
	opt := web.DefaultOptions()
	addr, open := defaultAddr, false
	lim := opt.Limits
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Watch it learn live in the browser: a playground",
		Long: fmt.Sprintf(`serve runs the playground: a page that shows one neuron, or a two-layer
network, learning a boolean function live. It prints the address to open.

The page shows the output as a heat map over the inputs with the boundary
where it is 0.5, the loss curve, the weights in the excitation's formula,
each row's output and loss, and any step worked by hand; play, pause, step
and reset it, change its speed, type the weights or drag the line. The
address holds the whole setup and the iteration shown: a reload or a
shared link shows the same numbers, and the page reaches the goal at
exactly the iteration 'neuron train' prints for the same settings.

Everything the page needs is in this program: it works offline and loads
nothing from elsewhere. It listens on this machine only (%s) unless
--addr says otherwise; with an address that others can reach, such as
0.0.0.0:8080, it prints this machine's addresses to give to a class.
Ctrl-C stops it.

Limits (a request over one gets an error that says which):
  function         at most %d characters and %d inputs; a name, truth table
                   or expression (no table files)
  model            at most %d hidden neurons
  iterations       an iteration cap from 1 to %s
  restarts         none on the page (change the seed); at most %d in POST /api/train
  request body     at most %s bytes
  streams          at most --streams running at once (then 429 Too Many Requests)
  each stream      ends after --stream-time (play goes on from there), or when
                   its browser takes no data for --stream-idle
  answers          those that train (/api/state, /api/train) take turns, as
                   many at once as this machine has cores but one, so that
                   the streams keep their pace; each is computed within %v;
                   request headers are read within 5s, a whole request within 10s

The API, for scripts (JSON; errors are {"error": "..."}):
  GET  /api/functions                the 16 named functions, the limits
  GET  /api/check?func=F             can one neuron learn F, and why
  GET  /api/state?func=F&iter=N&...  what the page shows at iteration N
  GET  /api/run?func=F&from=N&speed=S  frames from N, as Server-Sent Events
  POST /api/train  {"func": "and", ...}  the whole run, as 'neuron train' prints it
A setup's query keys and JSON fields are train's flag names: rate, hidden,
goal, stop, loss, max-iter (max_iter in JSON), seed, start, force.`,
			defaultAddr, lim.FuncLen, lim.Inputs, lim.Hidden, explain.Count(lim.MaxIter), lim.Restarts,
			explain.Count(int(opt.MaxBody)), opt.WorkTime),
		Example: `  neuron serve
  neuron serve --open
  neuron serve --addr 0.0.0.0:8080     # for a class on the same network`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(cmd.Context(), io, addr, open, opt)
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", addr, "listen on this host:port; 0.0.0.0:8080 lets other machines connect")
	f.BoolVar(&open, "open", false, "open the page in the browser")
	f.Var(run.CountValue{P: &opt.Streams}, "streams", "most streams (pages playing) at once")
	f.Var(durationValue{&opt.StreamTime}, "stream-time", "longest time one stream plays before it pauses")
	f.Var(durationValue{&opt.StreamIdle}, "stream-idle", "close a stream whose browser takes no data for this long")
	f.SortFlags = false
	return cmd
}

func runServe(ctx context.Context, io IO, addr string, open bool, opt web.Options) error {
	if opt.Streams < 1 {
		return errors.New("--streams must be at least 1")
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return listenError(addr, err)
	}
	s := web.New(opt)
	urls := pageURLs(ln.Addr().(*net.TCPAddr))
	fmt.Fprintf(io.Out, "neuron playground: %s\n", urls[0])
	if len(urls) > 1 {
		fmt.Fprintf(io.Out, "From other machines on this network, one of:\n")
		for _, u := range urls[1:] {
			fmt.Fprintf(io.Out, "  %s\n", u)
		}
	}
	fmt.Fprintf(io.Out, "Ctrl-C stops it.\n")
	if open {
		if err := openBrowser(ctx, urls[0]); err != nil {
			fmt.Fprintf(io.Err, "neuron: could not open a browser (%v); open %s yourself\n", err, urls[0])
		}
	}
	if err := s.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(io.Out, "Stopped.")
	return nil
}

// listenError words a failure to listen on addr for people.
func listenError(addr string, err error) error {
	host, port, serr := net.SplitHostPort(addr)
	n, perr := strconv.Atoi(port)
	var dnse *net.DNSError
	switch {
	case serr != nil:
		return fmt.Errorf("--addr %q: want host:port, e.g. 127.0.0.1:8080", addr)
	case perr != nil || n < 0 || n > 65535:
		return fmt.Errorf("--addr %q: the port must be a number from 0 to 65535", addr)
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("--addr %s: the port is in use by another program; try another, e.g. --addr 127.0.0.1:8081", addr)
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("--addr %s: not allowed to listen there (ports below 1024 need privileges)", addr)
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("--addr %s: %s is not an address of this machine", addr, host)
	case errors.As(err, &dnse):
		return fmt.Errorf("--addr %s: no host named %q", addr, host)
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		err = oe.Err
	}
	return fmt.Errorf("--addr %s: cannot listen there: %v", addr, err)
}

// pageURLs returns the page's address as this machine opens it, then,
// when listening beyond loopback, the addresses others can open.
func pageURLs(a *net.TCPAddr) []string {
	url := func(ip net.IP) string {
		return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(a.Port)) + "/"
	}
	if a.IP.IsLoopback() {
		return []string{url(a.IP)}
	}
	if !a.IP.IsUnspecified() {
		return []string{url(a.IP), url(a.IP)}
	}
	urls := []string{url(net.IPv4(127, 0, 0, 1))}
	addrs, _ := net.InterfaceAddrs()
	for _, ad := range addrs {
		ipn, ok := ad.(*net.IPNet)
		if !ok || ipn.IP.IsLoopback() || ipn.IP.IsLinkLocalUnicast() {
			continue
		}
		if a.IP.To4() != nil && ipn.IP.To4() == nil {
			continue // listening on IPv4 only
		}
		urls = append(urls, url(ipn.IP))
	}
	return urls
}

// openBrowser asks the system to open url in the user's browser.
func openBrowser(ctx context.Context, url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.CommandContext(ctx, "open", url)
	case "windows":
		cmd = exec.CommandContext(ctx, "rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.CommandContext(ctx, "xdg-open", url)
	}
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait() // reap it; the browser lives on its own
	return nil
}

// durationValue is a flag holding a positive duration: 10m, 30s, 1h30m.
type durationValue struct{ p *time.Duration }

func (v durationValue) String() string {
	if v.p == nil {
		return "0s"
	}
	return v.p.String()
}
func (v durationValue) Type() string { return "duration" }
func (v durationValue) Set(s string) error {
	d, err := time.ParseDuration(strings.TrimSpace(s))
	switch {
	case err != nil:
		return errors.New("not a duration such as 30s, 10m or 1h30m")
	case d <= 0:
		return errors.New("must be more than 0")
	}
	*v.p = d
	return nil
}
