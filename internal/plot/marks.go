package plot

import (
	"image/color"
	"math"

	gplot "gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// A mark shows a row of the data set: a black dot for a target of 1, a
// white one for 0, ringed in gold when the model gets the row wrong.
type mark struct {
	one   bool    // the target is 1 (at least 0.5)
	wrong bool    // the model's output is on the other side of 0.5
	ring  bool    // draw only the ring, as in the legend
	small float64 // how much smaller than a truth table's dots to draw it: 0 (not), up to 1
}

// draw draws the mark centred at pt.
func (m mark) draw(c *draw.Canvas, pt vg.Point) {
	// The dot's radius in points: a truth table's few rows get large dots;
	// hundreds of rows of data get small ones, so that they do not hide
	// each other and the shading.
	r := vg.Length(5.5 * (1 - 0.6*m.small))
	if m.wrong {
		ring := r * 0.7
		c.SetLineStyle(draw.LineStyle{Color: black, Width: vg.Points(4.5 * (1 - 0.5*m.small))})
		c.Stroke(circle(pt, r+ring))
		c.SetLineStyle(draw.LineStyle{Color: wrongColor, Width: vg.Points(3 * (1 - 0.5*m.small))})
		c.Stroke(circle(pt, r+ring))
	}
	if m.ring {
		return
	}
	fill, edge := white, black
	if m.one {
		fill, edge = black, white
	}
	c.SetColor(fill)
	c.Fill(circle(pt, r))
	c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(1.25 * (1 - 0.5*m.small))})
	c.Stroke(circle(pt, r))
	if m.one { // a black outline around the white edge keeps the dot sharp on any shade
		c.SetLineStyle(draw.LineStyle{Color: black, Width: vg.Points(0.5)})
		c.Stroke(circle(pt, r+0.6))
	}
}

// Thumbnail draws the mark in a legend entry; it implements
// gplot.Thumbnailer.
func (m mark) Thumbnail(c *draw.Canvas) { m.draw(c, c.Center()) }

// circle returns a circle of radius r points around pt.
func circle(pt vg.Point, r vg.Length) vg.Path {
	var p vg.Path
	p.Move(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Arc(pt, r, 0, 2*math.Pi)
	p.Close()
	return p
}

// rect returns the rectangle with corners lo and hi.
func rect(lo, hi vg.Point) vg.Path {
	var p vg.Path
	p.Move(lo)
	p.Line(vg.Point{X: hi.X, Y: lo.Y})
	p.Line(hi)
	p.Line(vg.Point{X: lo.X, Y: hi.Y})
	p.Close()
	return p
}

// A placed mark is a mark at a point in data coordinates.
type placed struct {
	at plotter.XY
	mark
}

// marks is a plotter of placed marks.
type marks []placed

// Plot implements plot.Plotter.
func (ms marks) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, m := range ms {
		m.draw(&c, vg.Point{X: trX(m.at.X), Y: trY(m.at.Y)})
	}
}

// A label is a short text at a point in data coordinates.
type label struct {
	at   plotter.XY
	text string
}

// labels is a plotter of labels, each on a white patch so that it reads
// on any shade and across lines.
type labels []label

// Plot implements plot.Plotter.
func (ls labels) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	sty := textStyle(10, true)
	sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
	for _, l := range ls {
		pt := vg.Point{X: trX(l.at.X), Y: trY(l.at.Y)}
		w, h := sty.Width(l.text)+4, sty.Height(l.text)+2
		c.SetColor(white)
		c.Fill(rect(vg.Point{X: pt.X - w/2, Y: pt.Y - h/2}, vg.Point{X: pt.X + w/2, Y: pt.Y + h/2}))
		c.FillText(sty, pt, l.text)
	}
}

// A lineTag names a line with a short text.
type lineTag struct {
	line plotter.XYs
	text string
}

// lineTags is a plotter that names lines the way a map names its contour
// lines: each tag on a light patch centred on its line, at the place along
// it, of a few tried, where its patch hides the least of the other lines,
// and overlaps no tag placed before, no label and no row's mark. A tag
// with no such place is left out; the legend names every line too.
type lineTags struct {
	tags   []lineTag
	lines  []plotter.XYs // every line drawn, which the tags should not hide
	labels labels        // placed already, by their own plotter
	marks  marks
}

// tagPlaces are the places tried along a line, as fractions of its
// length; of equally good places, the one listed first is taken.
var tagPlaces = [...]float64{0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9}

// Plot implements gplot.Plotter.
func (ts lineTags) Plot(c draw.Canvas, p *gplot.Plot) {
	trX, trY := p.Transforms(&c)
	at := func(xy plotter.XY) vg.Point { return vg.Point{X: trX(xy.X), Y: trY(xy.Y)} }
	var taken [][2]vg.Point // boxes that a tag must not overlap
	const markR = 10        // a mark's reach from its centre, ring included, in points
	for _, m := range ts.marks {
		pt := at(m.at)
		taken = append(taken, [2]vg.Point{{X: pt.X - markR, Y: pt.Y - markR}, {X: pt.X + markR, Y: pt.Y + markR}})
	}
	lsty := textStyle(10, true) // as labels.Plot sets them
	for _, l := range ts.labels {
		pt := at(l.at)
		w, h := lsty.Width(l.text)+4, lsty.Height(l.text)+2
		taken = append(taken, [2]vg.Point{{X: pt.X - w/2, Y: pt.Y - h/2}, {X: pt.X + w/2, Y: pt.Y + h/2}})
	}
	sty := textStyle(8, false)
	sty.Color = ink
	sty.XAlign, sty.YAlign = text.XCenter, text.YCenter
	for _, t := range ts.tags {
		pts := make([]vg.Point, len(t.line))
		for i, xy := range t.line {
			pts[i] = at(xy)
		}
		w, h := sty.Width(t.text)+4, sty.Height(t.text)+1
		var best [2]vg.Point
		fewest := -1
		for _, f := range tagPlaces {
			pt, ok := along(pts, f)
			box := [2]vg.Point{{X: pt.X - w/2, Y: pt.Y - h/2}, {X: pt.X + w/2, Y: pt.Y + h/2}}
			if !ok || !inside(box, c.Rectangle) || overlapsAny(box, taken) {
				continue
			}
			if n := ts.hidden(box, t.line, at); fewest < 0 || n < fewest {
				best, fewest = box, n
			}
		}
		if fewest < 0 {
			continue
		}
		taken = append(taken, best)
		c.SetColor(color.NRGBA{0xff, 0xff, 0xff, 0xd0})
		c.Fill(rect(best[0], best[1]))
		c.FillText(sty, vg.Point{X: (best[0].X + best[1].X) / 2, Y: (best[0].Y + best[1].Y) / 2}, t.text)
	}
}

// hidden returns the number of segments of lines other than own that
// pass through box, at converts data coordinates to the canvas's.
func (ts lineTags) hidden(box [2]vg.Point, own plotter.XYs, at func(plotter.XY) vg.Point) int {
	n := 0
	for _, l := range ts.lines {
		if len(l) == 0 || len(own) > 0 && &l[0] == &own[0] {
			continue
		}
		prev := at(l[0])
		for _, xy := range l[1:] {
			pt := at(xy)
			if crosses(plotter.XY{X: float64(prev.X), Y: float64(prev.Y)}, plotter.XY{X: float64(pt.X), Y: float64(pt.Y)}, box[0], box[1]) {
				n++
			}
			prev = pt
		}
	}
	return n
}

// along returns the point a fraction f of the way along the polyline
// pts, and false if it has no length.
func along(pts []vg.Point, f float64) (vg.Point, bool) {
	var total vg.Length
	for i := 1; i < len(pts); i++ {
		total += dist(pts[i-1], pts[i])
	}
	if total == 0 || math.IsNaN(float64(total)) {
		return vg.Point{}, false
	}
	rest := vg.Length(f) * total
	for i := 1; i < len(pts); i++ {
		d := dist(pts[i-1], pts[i])
		if rest <= d && d > 0 {
			t := rest / d
			return vg.Point{X: pts[i-1].X + t*(pts[i].X-pts[i-1].X), Y: pts[i-1].Y + t*(pts[i].Y-pts[i-1].Y)}, true
		}
		rest -= d
	}
	return pts[len(pts)-1], true
}

// dist returns the distance between a and b.
func dist(a, b vg.Point) vg.Length {
	return vg.Length(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y)))
}

// inside reports whether box lies within r.
func inside(box [2]vg.Point, r vg.Rectangle) bool {
	return box[0].X >= r.Min.X && box[0].Y >= r.Min.Y && box[1].X <= r.Max.X && box[1].Y <= r.Max.Y
}

// overlapsAny reports whether box overlaps any of the boxes.
func overlapsAny(box [2]vg.Point, boxes [][2]vg.Point) bool {
	for _, b := range boxes {
		if box[0].X < b[1].X && b[0].X < box[1].X && box[0].Y < b[1].Y && b[0].Y < box[1].Y {
			return true
		}
	}
	return false
}
