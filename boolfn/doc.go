// Package boolfn makes boolean functions into data sets a neuron can learn
// and decides exactly which of them one neuron can learn.
//
// A Func is a truth table. Row r of a function of n inputs holds the
// inputs given by the bits of r, the first input the most significant bit,
// so a two-input table lists its outputs for a, b = 00, 01, 10, 11 in that
// order: AND is "0001" and XOR is "0110".
//
// Functions come from the 16 named two-input functions (Named, Lookup),
// from families of n inputs such as "and3", "parity4" or "majority5"
// (Lookup), from table strings such as "01101001" (ParseTable), from
// expressions such as "maj(a, b, c)" or "a & !b | c" (ParseExpr), and from
// CSV or TSV table files (ReadTable). Parse accepts any of the first four,
// as a command line gives them.
//
// One neuron can learn a function exactly when the function is linearly
// separable: some weights w and bias b give w·x + b > 0 for the rows whose
// output is 1 and w·x + b < 0 for the others. Separable decides this with
// linear programming and returns either such weights or a certificate that
// none exist.
package boolfn
