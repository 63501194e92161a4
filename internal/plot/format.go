package plot

import (
	"fmt"
	"path/filepath"
	"strings"
)

// Format is an image file format.
type Format int

const (
	PNG Format = iota + 1 // Portable Network Graphics, a raster image
	SVG                   // Scalable Vector Graphics, a vector image
)

// String returns the format's usual file extension without the dot,
// "png" or "svg".
func (f Format) String() string {
	switch f {
	case PNG:
		return "png"
	case SVG:
		return "svg"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// FormatOf returns the format a file name asks for by its extension,
// ".png" or ".svg" in any case.
func FormatOf(path string) (Format, error) {
	ext := filepath.Ext(path)
	switch strings.ToLower(ext) {
	case ".png":
		return PNG, nil
	case ".svg":
		return SVG, nil
	case "":
		return 0, fmt.Errorf("plot: %q has no extension: want .png or .svg", path)
	}
	return 0, fmt.Errorf("plot: %q: unknown image format %q: want .png or .svg", path, ext)
}
