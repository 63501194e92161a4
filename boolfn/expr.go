package boolfn

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// maxDepth caps how deeply an expression may nest: parentheses, function
// calls and ! operators, each counting one level. The parser recurses once
// per level, so the cap bounds its stack however the text is made.
const maxDepth = 100

// ParseExpr returns the function that the boolean expression s computes.
//
// Variables are identifiers, [A-Za-z_][A-Za-z0-9_]*, and the constants are
// 0 and 1. The operators, from lowest to highest precedence, are
//
//	|  or  +     OR
//	^  xor       XOR
//	&  and  *    AND
//	!  not  ~    NOT (prefix)
//
// with parentheses for grouping (|| and && are accepted too). The
// functions and(...), or(...), xor(...) (or parity), xnor(...),
// nand(...), nor(...) and maj(...) (or majority, true when more than half
// of the arguments are) take one or more arguments; not(x) takes one and
// implies(x, y), which is !x | y, two. Operator words and function names
// are case-insensitive; variable names are not.
//
// The function's inputs are the variables in natural order: alphabetical,
// but with numbers compared by value, so x2 comes before x10 and b & a has
// inputs a, b. There must be at least one variable and at most MaxInputs.
// The function's Name is s without surrounding spaces. Errors are
// ParseErrors with the column, in characters from 1, of the offending
// token.
func ParseExpr(s string) (*Func, error) {
	text := strings.TrimSpace(s)
	p := &parser{src: []rune(s), vars: map[string]int{}}
	perr := func(col int, err error) (*Func, error) {
		return nil, &ParseError{What: "expression", Input: s, Column: col, Err: err}
	}
	if text == "" {
		return perr(0, errors.New("empty"))
	}
	if err := p.next(); err != nil {
		return perr(p.tok.col, err)
	}
	root, err := p.expr()
	if err == nil && p.tok.kind != tEnd {
		err = p.unexpected()
	}
	if err != nil {
		return perr(p.tok.col, err)
	}
	if len(p.names) == 0 {
		return perr(0, errors.New("no variables: a function needs at least one input"))
	}

	// Number the variables in natural order; the first is the most
	// significant bit of the row number.
	names := make([]string, len(p.names))
	copy(names, p.names)
	slices.SortFunc(names, naturalCompare)
	shift := make([]int, len(p.names)) // by order of appearance
	for i, name := range names {
		shift[p.vars[name]] = len(names) - 1 - i
	}
	prog := compile(root, shift, nil)

	f := &Func{Name: text, Vars: names, Table: make([]bool, 1<<len(names))}
	var m machine
	for r := range f.Table {
		f.Table[r] = m.run(prog, r)
	}
	return f, nil
}

// An opcode is an operation of an expression.
type opcode uint8

const (
	opConst   opcode = iota // the constant arg, 0 or 1
	opVar                   // a variable: bit arg of the row number
	opNot                   // the rest take arg operands
	opAnd                   // all true
	opOr                    // any true
	opXor                   // an odd number true
	opXnor                  // an even number true
	opNand                  // not all true
	opNor                   // none true
	opMaj                   // more than half true
	opImplies               // !x | y
)

// functions maps each function name to its operation and the number of
// arguments it takes: at least min, and at most max if max > 0.
var functions = map[string]struct {
	op       opcode
	min, max int
}{
	"and":      {opAnd, 1, 0},
	"or":       {opOr, 1, 0},
	"xor":      {opXor, 1, 0},
	"parity":   {opXor, 1, 0},
	"xnor":     {opXnor, 1, 0},
	"nand":     {opNand, 1, 0},
	"nor":      {opNor, 1, 0},
	"maj":      {opMaj, 1, 0},
	"majority": {opMaj, 1, 0},
	"not":      {opNot, 1, 1},
	"implies":  {opImplies, 2, 2},
}

// A node is a node of an expression's syntax tree. Chains of one binary
// operator, a & b & c, become one node with many operands (kids): all
// three operators are associative, and the tree stays shallow.
type node struct {
	op   opcode
	arg  int // opConst: the value; opVar: the variable's number in order of appearance
	kids []*node
}

// Tokens.

type tokKind uint8

const (
	tEnd    tokKind = iota // end of the text
	tIdent                 // a name: variable, function or operator word
	tNum                   // digits
	tOp                    // a symbol operator: | || + ^ & && * ! ~
	tLParen                // (
	tRParen                // )
	tComma                 // ,
)

type token struct {
	kind tokKind
	text string
	col  int // column of the first character, counting from 1
}

// A parser reads an expression by recursive descent, one function per
// precedence level, with one token of lookahead.
type parser struct {
	src   []rune
	pos   int   // index in src of the next character to read
	tok   token // the current token
	depth int   // current nesting, at most maxDepth
	vars  map[string]int
	names []string // variable names in order of appearance
}

func isLetter(c rune) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c rune) bool  { return '0' <= c && c <= '9' }

// next reads the next token into p.tok.
func (p *parser) next() error {
	for p.pos < len(p.src) && strings.ContainsRune(" \t\r\n", p.src[p.pos]) {
		p.pos++
	}
	start := p.pos
	p.tok = token{col: start + 1}
	if start == len(p.src) {
		return nil // tEnd
	}
	c := p.src[start]
	p.pos++
	switch {
	case isLetter(c):
		for p.pos < len(p.src) && (isLetter(p.src[p.pos]) || isDigit(p.src[p.pos])) {
			p.pos++
		}
		p.tok.kind = tIdent
	case isDigit(c):
		for p.pos < len(p.src) && (isDigit(p.src[p.pos]) || isLetter(p.src[p.pos])) {
			p.pos++ // 2x is one bad token, not 2 then x
		}
		p.tok.kind = tNum
	case c == '|' || c == '&':
		if p.pos < len(p.src) && p.src[p.pos] == c {
			p.pos++ // || and &&
		}
		p.tok.kind = tOp
	case strings.ContainsRune("+^*!~", c):
		p.tok.kind = tOp
	case c == '(':
		p.tok.kind = tLParen
	case c == ')':
		p.tok.kind = tRParen
	case c == ',':
		p.tok.kind = tComma
	default:
		return fmt.Errorf("unexpected %q", string(c))
	}
	p.tok.text = string(p.src[start:p.pos])
	return nil
}

// binaryOp returns the operation and precedence level (1 lowest) of the
// current token if it is a binary operator.
func (p *parser) binaryOp() (op opcode, level int, ok bool) {
	if p.tok.kind != tOp && p.tok.kind != tIdent {
		return 0, 0, false
	}
	switch strings.ToLower(p.tok.text) {
	case "|", "||", "+", "or":
		return opOr, 1, true
	case "^", "xor":
		return opXor, 2, true
	case "&", "&&", "*", "and":
		return opAnd, 3, true
	}
	return 0, 0, false
}

const unaryLevel = 4 // the level above the binary operators

// expr parses a whole expression.
func (p *parser) expr() (*node, error) { return p.binary(1) }

// binary parses a chain of operands of level+1 joined by operators of
// the given level: x op x op ... op x.
func (p *parser) binary(level int) (*node, error) {
	if level == unaryLevel {
		return p.unary()
	}
	x, err := p.binary(level + 1)
	if err != nil {
		return nil, err
	}
	var chain *node
	for {
		op, l, ok := p.binaryOp()
		if !ok || l != level {
			break
		}
		if err := p.next(); err != nil {
			return nil, err
		}
		y, err := p.binary(level + 1)
		if err != nil {
			return nil, err
		}
		if chain == nil {
			chain = &node{op: op, kids: []*node{x}}
		}
		chain.kids = append(chain.kids, y)
	}
	if chain != nil {
		return chain, nil
	}
	return x, nil
}

// unary parses a prefix NOT or an operand.
func (p *parser) unary() (*node, error) {
	if t := strings.ToLower(p.tok.text); p.tok.kind == tOp && (t == "!" || t == "~") ||
		p.tok.kind == tIdent && t == "not" && !p.peekParen() {
		if err := p.nest(); err != nil {
			return nil, err
		}
		defer p.unnest()
		if err := p.next(); err != nil {
			return nil, err
		}
		x, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &node{op: opNot, kids: []*node{x}}, nil
	}
	return p.operand()
}

// nest enters one more level of nesting: a !, a ( or a function call.
func (p *parser) nest() error {
	if p.depth++; p.depth > maxDepth {
		return fmt.Errorf("nesting deeper than %d levels", maxDepth)
	}
	return nil
}

func (p *parser) unnest() { p.depth-- }

// peekParen reports whether the character after the current token, past
// spaces, is "(": then a name is a function call.
func (p *parser) peekParen() bool {
	i := p.pos
	for i < len(p.src) && strings.ContainsRune(" \t\r\n", p.src[i]) {
		i++
	}
	return i < len(p.src) && p.src[i] == '('
}

// operand parses a constant, a variable, a function call or a
// parenthesized expression.
func (p *parser) operand() (*node, error) {
	t := p.tok
	switch t.kind {
	case tNum:
		if t.text != "0" && t.text != "1" {
			return nil, fmt.Errorf("unexpected %q: the constants are 0 and 1", t.text)
		}
		return &node{op: opConst, arg: int(t.text[0] - '0')}, p.next()
	case tLParen:
		if err := p.nest(); err != nil {
			return nil, err
		}
		defer p.unnest()
		if err := p.next(); err != nil {
			return nil, err
		}
		x, err := p.expr()
		if err != nil {
			return nil, err
		}
		if p.tok.kind != tRParen {
			return nil, p.missingParen(t)
		}
		return x, p.next()
	case tIdent:
		if p.peekParen() {
			if err := p.nest(); err != nil {
				return nil, err
			}
			defer p.unnest()
			return p.call()
		}
		if _, _, isOp := p.binaryOp(); isOp || strings.EqualFold(t.text, "not") {
			return nil, p.unexpected()
		}
		i, ok := p.vars[t.text]
		if !ok {
			if len(p.names) == MaxInputs {
				return nil, fmt.Errorf("too many variables: %q would be number %d, at most %d (MaxInputs)", t.text, MaxInputs+1, MaxInputs)
			}
			i = len(p.names)
			p.vars[t.text] = i
			p.names = append(p.names, t.text)
		}
		return &node{op: opVar, arg: i}, p.next()
	}
	return nil, p.unexpected()
}

// call parses a function call: name ( expr , expr ... ).
func (p *parser) call() (*node, error) {
	name := p.tok
	fn, ok := functions[strings.ToLower(name.text)]
	if !ok {
		return nil, fmt.Errorf("unknown function %q (want %s)", name.text, functionNames())
	}
	if err := p.next(); err != nil { // the name
		return nil, err
	}
	open := p.tok
	if err := p.next(); err != nil { // the (
		return nil, err
	}
	x := &node{op: fn.op}
	for p.tok.kind != tRParen || len(x.kids) > 0 { // f() has no arguments
		arg, err := p.expr()
		if err != nil {
			return nil, err
		}
		x.kids = append(x.kids, arg)
		if p.tok.kind != tComma {
			break
		}
		if err := p.next(); err != nil {
			return nil, err
		}
	}
	if p.tok.kind != tRParen {
		return nil, p.missingParen(open)
	}
	// The error points at the function's name (p.tok gives the column).
	got, fname := len(x.kids), strings.ToLower(name.text)
	switch {
	case fn.max > 0 && fn.min == fn.max && got != fn.min:
		p.tok = name
		return nil, fmt.Errorf("%s takes %s, got %d", fname, plural(fn.min, "argument"), got)
	case got < fn.min:
		p.tok = name
		return nil, fmt.Errorf("%s takes at least %s, got %d", fname, plural(fn.min, "argument"), got)
	}
	return x, p.next()
}

// unexpected returns the error for an unexpected current token.
func (p *parser) unexpected() error {
	switch p.tok.kind {
	case tEnd:
		return errors.New("unexpected end of expression")
	case tRParen:
		if p.depth == 0 {
			return errors.New(`")" without a matching "("`)
		}
	}
	return fmt.Errorf("unexpected %q", p.tok.text)
}

// missingParen returns the error for a "(" at open that is not closed
// where the current token stands.
func (p *parser) missingParen(open token) error {
	if p.tok.kind == tEnd {
		return fmt.Errorf(`missing ")" for the "(" at column %d`, open.col)
	}
	return fmt.Errorf(`unexpected %q: want ")" for the "(" at column %d`, p.tok.text, open.col)
}

// functionNames lists the function names for an error message.
func functionNames() string {
	names := make([]string, 0, len(functions))
	for name := range functions {
		names = append(names, name)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// naturalCompare orders names alphabetically, except that runs of digits
// compare by their value: x2 before x10.
func naturalCompare(a, b string) int {
	if c := naturalCompareRuns(a, b); c != 0 {
		return c
	}
	return strings.Compare(a, b) // x01 and x1: equal as numbers, not as names
}

func naturalCompareRuns(a, b string) int {
	for a != "" && b != "" {
		if isDigit(rune(a[0])) && isDigit(rune(b[0])) {
			da, db := digitRun(a), digitRun(b)
			na, nb := strings.TrimLeft(da, "0"), strings.TrimLeft(db, "0")
			// Without leading zeros, a longer number is larger; numbers
			// of equal length compare as text.
			if c := len(na) - len(nb); c != 0 {
				return c
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return int(a[0]) - int(b[0])
		}
		a, b = a[1:], b[1:]
	}
	return len(a) - len(b) // a prefix comes first
}

// digitRun returns the digits at the start of s.
func digitRun(s string) string {
	i := 0
	for i < len(s) && isDigit(rune(s[i])) {
		i++
	}
	return s[:i]
}

// An instr is one instruction of a compiled expression. A program is the
// syntax tree in postfix order, run on a stack: each operand pushes its
// value, each operation pops its arg operands and pushes its result.
type instr struct {
	op  opcode
	arg int // opConst: the value; opVar: the bit of the row number; else the number of operands
}

// compile appends x's program to prog; shift gives each variable's bit.
func compile(x *node, shift []int, prog []instr) []instr {
	for _, k := range x.kids {
		prog = compile(k, shift, prog)
	}
	switch x.op {
	case opConst:
		return append(prog, instr{opConst, x.arg})
	case opVar:
		return append(prog, instr{opVar, shift[x.arg]})
	}
	return append(prog, instr{x.op, len(x.kids)})
}

// A machine runs programs; its stack is reused from row to row.
type machine struct{ stack []bool }

// run returns the value of prog in row r.
func (m *machine) run(prog []instr, r int) bool {
	s := m.stack[:0]
	for _, in := range prog {
		switch in.op {
		case opConst:
			s = append(s, in.arg == 1)
			continue
		case opVar:
			s = append(s, r>>in.arg&1 == 1)
			continue
		}
		args := s[len(s)-in.arg:]
		count := 0 // operands that are true
		for _, v := range args {
			if v {
				count++
			}
		}
		var v bool
		switch in.op {
		case opNot:
			v = count == 0
		case opAnd:
			v = count == len(args)
		case opOr:
			v = count > 0
		case opXor:
			v = count%2 == 1
		case opXnor:
			v = count%2 == 0
		case opNand:
			v = count < len(args)
		case opNor:
			v = count == 0
		case opMaj:
			v = 2*count > len(args)
		case opImplies:
			v = !args[0] || args[1]
		}
		s = append(s[:len(s)-in.arg], v)
	}
	m.stack = s
	return s[0]
}
