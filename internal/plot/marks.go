package plot

import (
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
	one   bool // the target is 1 (at least 0.5)
	wrong bool // the model's output is on the other side of 0.5
	ring  bool // draw only the ring, as in the legend
}

// draw draws the mark centred at pt.
func (m mark) draw(c *draw.Canvas, pt vg.Point) {
	const r = 5.5 // the dot's radius in points
	if m.wrong {
		c.SetLineStyle(draw.LineStyle{Color: black, Width: vg.Points(4.5)})
		c.Stroke(circle(pt, r+4))
		c.SetLineStyle(draw.LineStyle{Color: wrongColor, Width: vg.Points(3)})
		c.Stroke(circle(pt, r+4))
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
	c.SetLineStyle(draw.LineStyle{Color: edge, Width: vg.Points(1.25)})
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
		var box vg.Path
		box.Move(vg.Point{X: pt.X - w/2, Y: pt.Y - h/2})
		box.Line(vg.Point{X: pt.X + w/2, Y: pt.Y - h/2})
		box.Line(vg.Point{X: pt.X + w/2, Y: pt.Y + h/2})
		box.Line(vg.Point{X: pt.X - w/2, Y: pt.Y + h/2})
		box.Close()
		c.SetColor(white)
		c.Fill(box)
		c.FillText(sty, pt, l.text)
	}
}
