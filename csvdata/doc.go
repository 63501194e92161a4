// Package csvdata reads a table of numbers with one column of class labels
// from a CSV file into a neuron.Dataset, whole or a row at a time.
package csvdata
