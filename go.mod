module github.com/neuronlab/neuron

go 1.26
