// Command webload drives the playground's server (neuron serve) on
// loopback: many streams at once, each for a fixed time, while workers
// send POST /api/train requests, a fixed number of them. It reports
// the requests per second, the time between frames on the streams (50th
// and 99th percentiles), peak memory, errors, and the goroutines before
// and after. It stops by itself: every loop is bounded in count and in
// time, and the whole run by -timeout.
//
// The server runs in this process, as 'neuron serve' runs it
// (web.Server.Serve on a 127.0.0.1 listener, with its timeouts), so that
// its goroutines can be counted; the memory figures therefore include
// the driver's own.
//
// First, before the load, it checks that training speed does not depend
// on the frames: one stream as fast as it goes (30 frames a second)
// against the same run trained directly with no stream, alternately,
// the median of each.
//
// It prints a summary, then one line of key=value pairs:
//
//	webload streams=100 frames=… gap_p50_ms=… gap_p99_ms=… posts=1000 rps=… heap_peak_mb=… rss_peak_mb=… errors=0 goroutines_before=… goroutines_after=… stream_vs_direct=…
//
// It exits with status 1 if any request failed or the goroutines did not
// return to their number before.
package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/neuronlab/neuron/internal/explain"
	"github.com/neuronlab/neuron/internal/run"
	"github.com/neuronlab/neuron/internal/web"
)

func main() {
	streams := flag.Int("streams", 100, "streams open at once")
	length := flag.Duration("duration", 10*time.Second, "how long each stream plays")
	speed := flag.Int("speed", 10_000, "iterations a second of each stream")
	posts := flag.Int("posts", 1000, "POST /api/train requests")
	workers := flag.Int("workers", 8, "POST requests at once")
	body := flag.String("body", `{"func": "and"}`, "the setup each POST /api/train sends")
	timeout := flag.Duration("timeout", 2*time.Minute, "stop everything after this long")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile of the run to this file")
	flag.Parse()
	if *streams < 0 || *posts < 0 || *workers < 1 || *length <= 0 || *speed < 1 {
		fmt.Fprintln(os.Stderr, "webload: need -streams >= 0, -posts >= 0, -workers >= 1, -duration > 0, -speed >= 1")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()

	// The server, on loopback, as neuron serve runs it.
	opt := web.DefaultOptions()
	opt.Streams = max(opt.Streams, *streams)
	srv := web.New(opt)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, "webload:", err)
		os.Exit(1)
	}
	base := "http://" + ln.Addr().String()
	serveCtx, stopServe := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(serveCtx, ln) }()
	runtime.GC()
	time.Sleep(100 * time.Millisecond) // let the server settle
	before := runtime.NumGoroutine()

	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "webload:", err)
			os.Exit(1)
		}
	}
	mem := watchMemory()
	tr := &http.Transport{MaxIdleConnsPerHost: *workers}
	client := &http.Client{Transport: tr}
	var errs atomic.Int64
	fail := func(format string, a ...any) {
		if errs.Add(1) <= 5 {
			fmt.Fprintf(os.Stderr, "webload: "+format+"\n", a...)
		}
	}

	streamRate, directRate, err := fullSpeed(ctx, client, base)
	if err != nil {
		fail("full speed: %v", err)
	}

	// Streams: each plays for length, then closes, as a paused tab does.
	query := fmt.Sprintf("/api/run?func=and&goal=1e-12&speed=%d&from=0", *speed)
	var (
		mu    sync.Mutex
		gaps  []time.Duration
		rates []float64 // iterations a second each stream showed
	)
	var wg sync.WaitGroup
	for range *streams {
		wg.Go(func() {
			g, rate, err := stream(ctx, client, base+query, *length)
			if err != nil {
				fail("stream: %v", err)
			}
			mu.Lock()
			gaps = append(gaps, g...)
			rates = append(rates, rate)
			mu.Unlock()
		})
	}

	// POSTs, while the streams play.
	time.Sleep(min(*length/4, time.Second))
	var lat []time.Duration
	jobs := make(chan int, *posts)
	for i := range *posts {
		jobs <- i
	}
	close(jobs)
	start := time.Now()
	var pw sync.WaitGroup
	for range *workers {
		pw.Go(func() {
			for range jobs {
				if ctx.Err() != nil {
					fail("POST /api/train: %v", ctx.Err())
					continue
				}
				t0 := time.Now()
				if err := post(ctx, client, base+"/api/train", *body); err != nil {
					fail("POST /api/train: %v", err)
				}
				d := time.Since(t0)
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
			}
		})
	}
	pw.Wait()
	postTime := time.Since(start)
	wg.Wait()

	heap, rss := mem()
	if *cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	// Goroutines after: close the driver's connections, let the server's
	// end, and count.
	tr.CloseIdleConnections()
	after := runtime.NumGoroutine()
	for deadline := time.Now().Add(5 * time.Second); after > before && time.Now().Before(deadline); after = runtime.NumGoroutine() {
		time.Sleep(10 * time.Millisecond)
	}
	stopServe()
	if err := <-served; err != nil {
		fail("server: %v", err)
	}

	slices.Sort(gaps)
	slices.Sort(lat)
	var rate float64
	for _, r := range rates {
		rate += r / float64(len(rates))
	}
	rps := float64(len(lat)) / postTime.Seconds()
	fmt.Printf("webload: %d streams for %v at %s iterations a second, %d POST /api/train (%d at a time), on %s; %d cores, %s\n",
		*streams, *length, explain.Count(*speed), *posts, *workers, ln.Addr(), runtime.NumCPU(), runtime.Version())
	fmt.Printf("streams: %s frames; time between frames p50 %.1f ms, p99 %.1f ms, max %.1f ms; each showed %s iterations a second on average\n",
		explain.Count(len(gaps)+len(rates)), ms(pct(gaps, 50)), ms(pct(gaps, 99)), ms(pct(gaps, 100)), explain.Count(int(rate)))
	fmt.Printf("POST /api/train: %d in %.2f s, %.0f requests a second; latency p50 %.1f ms, p99 %.1f ms\n",
		len(lat), postTime.Seconds(), rps, ms(pct(lat, 50)), ms(pct(lat, 99)))
	fmt.Printf("memory: peak Go heap %.1f MB, peak resident %.1f MB (server and driver in one process)\n", heap, rss)
	fmt.Printf("training speed: one stream as fast as it goes %s iterations a second, the same run with no stream %s; stream/direct %.2f\n",
		explain.Count(int(streamRate)), explain.Count(int(directRate)), streamRate/directRate)
	fmt.Printf("errors: %d; goroutines: %d before, %d after\n", errs.Load(), before, after)
	fmt.Printf("webload streams=%d frames=%d gap_p50_ms=%.1f gap_p99_ms=%.1f posts=%d rps=%.0f heap_peak_mb=%.1f rss_peak_mb=%.1f errors=%d goroutines_before=%d goroutines_after=%d stream_vs_direct=%.2f\n",
		*streams, len(gaps)+len(rates), ms(pct(gaps, 50)), ms(pct(gaps, 99)), len(lat), rps, heap, rss, errs.Load(), before, after, streamRate/directRate)
	if after != before {
		fmt.Fprintln(os.Stderr, "webload: the goroutines left over:")
		pprof.Lookup("goroutine").WriteTo(os.Stderr, 1)
	}
	if errs.Load() > 0 || after != before {
		os.Exit(1)
	}
}

// fullSpeed returns the iterations a second of one run trained through a
// stream as fast as it goes, frames and all, and of the same run trained
// directly (run.Prepare, Problem.Train) with no stream: alternately, reps
// times each, the median of each.
func fullSpeed(ctx context.Context, client *http.Client, base string) (stream, direct float64, err error) {
	const reps = 5
	s := run.Default()
	s.Goal, s.MaxIter = 1e-300, 3_000_000 // AND, trained to the cap
	var viaStream, alone []float64
	for range reps {
		t0 := time.Now()
		n, err := streamToEnd(ctx, client, base+"/api/run?"+s.Query().Encode()+"&speed=max")
		if err != nil {
			return 0, 0, err
		}
		viaStream = append(viaStream, float64(n)/time.Since(t0).Seconds())
		p, err := run.Prepare(s, web.DefaultLimits)
		if err != nil {
			return 0, 0, err
		}
		t0 = time.Now()
		out, err := p.Train(ctx, run.Options{})
		if err != nil {
			return 0, 0, err
		}
		alone = append(alone, float64(out.Iterations)/time.Since(t0).Seconds())
	}
	slices.Sort(viaStream)
	slices.Sort(alone)
	return viaStream[reps/2], alone[reps/2], nil
}

// streamToEnd reads a stream to its end and returns its last iteration.
func streamToEnd(ctx context.Context, client *http.Client, url string) (int, error) {
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s", res.Status)
	}
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 16<<10), 1<<20)
	last := 0
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "data: ") {
			last = iterOf(line)
		}
	}
	return last, sc.Err()
}

// stream plays one stream for length and returns the times between its
// frames and the iterations a second it showed.
func stream(ctx context.Context, client *http.Client, url string, length time.Duration) ([]time.Duration, float64, error) {
	ctx, cancel := context.WithTimeout(ctx, length)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := client.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(res.Body)
		return nil, 0, fmt.Errorf("%s: %s", res.Status, bytes.TrimSpace(b))
	}
	var gaps []time.Duration
	var first, last time.Time
	var firstIter, lastIter int
	sc := bufio.NewScanner(res.Body)
	sc.Buffer(make([]byte, 16<<10), 1<<20) // a frame is a few kB
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, "data: ") {
			continue
		}
		now := time.Now()
		it := iterOf(line)
		if first.IsZero() {
			first, firstIter = now, it
		} else {
			gaps = append(gaps, now.Sub(last))
		}
		last, lastIter = now, it
	}
	// The stream ends when length is up: that is the driver closing it.
	if err := sc.Err(); err != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return gaps, 0, err
	}
	rate := 0.0
	if d := last.Sub(first).Seconds(); d > 0 {
		rate = float64(lastIter-firstIter) / d
	}
	return gaps, rate, nil
}

// iterOf reads "iter":N from a frame's JSON; the frame begins with it.
func iterOf(line string) int {
	_, rest, _ := strings.Cut(line, `"iter":`)
	end := strings.IndexAny(rest, ",}")
	n, _ := strconv.Atoi(rest[:max(end, 0)])
	return n
}

func post(ctx context.Context, client *http.Client, url, body string) error {
	req, _ := http.NewRequestWithContext(ctx, "POST", url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", res.Status, bytes.TrimSpace(b))
	}
	return nil
}

// watchMemory samples the Go heap every 10 ms until its result is
// called, which returns the peak heap and the process's peak resident
// memory (VmHWM), in MB.
func watchMemory() func() (heap, rss float64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak atomic.Uint64
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() (float64, float64) {
		close(done)
		<-stopped
		return float64(peak.Load()) / 1e6, peakRSS()
	}
}

// peakRSS returns the process's peak resident memory in MB, from
// /proc/self/status (0 where there is none).
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1e3
		}
	}
	return 0
}

// pct returns the p-th percentile of sorted durations.
func pct(d []time.Duration, p int) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return d[min(len(d)-1, len(d)*p/100)]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }
