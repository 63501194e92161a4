package boolfn

import (
	"fmt"
	"strings"
)

// A ParseError is returned for a table string, expression or table file
// that cannot be read. It says where the problem is, like encoding/csv's
// ParseError, and its message is one line, e.g.
//
//	boolfn: expression "a & | b": column 5: unexpected "|"
type ParseError struct {
	What   string // what was read: "table", "expression" or "table file"
	Input  string // the text read, or the name of the file
	Line   int    // line in a file, counting from 1; 0 for a one-line text
	Column int    // character (for table files, field) counting from 1; 0 if none applies
	Err    error  // what is wrong
}

// maxQuoted is how many characters of a text an error message shows.
const maxQuoted = 40

func (e *ParseError) Error() string {
	var b strings.Builder
	b.WriteString("boolfn: " + e.What)
	if in := e.Input; in != "" || e.What != "table file" {
		if r := []rune(in); len(r) > maxQuoted {
			in = string(r[:maxQuoted]) + "..."
		}
		fmt.Fprintf(&b, " %q", in) // %q escapes newlines: the message stays one line
	}
	switch {
	case e.Line > 0 && e.Column > 0:
		fmt.Fprintf(&b, ": line %d, column %d", e.Line, e.Column)
	case e.Line > 0:
		fmt.Fprintf(&b, ": line %d", e.Line)
	case e.Column > 0:
		fmt.Fprintf(&b, ": column %d", e.Column)
	}
	return b.String() + ": " + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
