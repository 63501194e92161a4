package csvdata

// Options say which columns of a file to read and how. The zero value
// reads every column but the last as a feature and the last as the target,
// detects the header row and the field separator, maps the target's two
// labels to 0 and 1 automatically and refuses rows with bad values.
type Options struct {
	// Target is the column to learn: a name from the header, or else a
	// column number counting from 1. Default "": the last column.
	Target string

	// NoTarget says the table has no target column, as when a model
	// predicts rows whose class is not known: every column may be a
	// feature, and Reader.Next returns an empty label. Read, which maps
	// labels to targets, does not take it.
	NoTarget bool

	// Features are the columns the model sees, by name or number as for
	// Target, in the order of the model's inputs. Default nil (or empty):
	// every column but the target, in file order.
	Features []string

	// Header says whether the first row names the columns. Default
	// HeaderDetect.
	Header Header

	// Positive is the target label read as 1. With it, a target of more
	// than two labels is learned one against the rest: Positive is 1 and
	// every other label 0.
	//
	// Default "": the target must have exactly two labels, and which is 1
	// is decided from them: of two numbers (such as 0 and 1, or -1 and 1)
	// the larger, and otherwise the later in sorted (byte) order, so that
	// "yes" beats "no", "true" beats "false", "malignant" beats "benign"
	// and "M" beats "B". The Mapping in the result says which it was.
	//
	// A label that is a number is read as that number, so "1.0" and "1"
	// are the same label, written "1".
	Positive string

	// DropBad drops rows that have a missing, non-numeric, NaN or infinite
	// feature value, or a missing or NaN target, and counts them. Default
	// false: such a row is an error. Rows with the wrong number of fields
	// are an error either way: they mean the file is not one table.
	DropBad bool

	// Comma is the field separator. Default 0: a tab if the first line
	// has one outside quotes, else a semicolon if it has one, else a
	// comma. Fields may be quoted as in RFC 4180: "a, ""b""" is a, "b".
	//
	// In a file separated by semicolons a number may have a decimal comma,
	// "1,5" for 1.5, as spreadsheets write them in many locales; with
	// other separators "1,5" is not a number.
	Comma rune
}

// Header says whether a file's first row is a header that names the
// columns.
type Header int

const (
	// HeaderDetect decides from the file. The first row is a header when
	// none of its fields is a number and the second row (if there is
	// one) has a field that is. A header of numbers such as "1,2,3" is
	// therefore taken for data, and so is a first data row with no number
	// in it, such as "NA,NA,yes" (then the names it gives are likely to
	// clash): say HeaderPresent or HeaderAbsent for such files.
	HeaderDetect  Header = iota
	HeaderPresent        // the first row is a header
	HeaderAbsent         // the first row is data; columns are named "column 1", "column 2", ...
)
