// Package metrics measures how well a model tells two classes apart, and
// splits data into training and test rows to measure it fairly.
package metrics
