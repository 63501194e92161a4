package neuron

// The named settings read and write themselves as text, so that they
// appear by name in JSON, flags and URLs: "max", not 1.

// MarshalText returns the rule's name.
func (s Stop) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText sets s to the rule named by text.
func (s *Stop) UnmarshalText(text []byte) (err error) {
	*s, err = ParseStop(string(text))
	return err
}

// MarshalText returns the loss's name.
func (l Loss) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// UnmarshalText sets l to the loss named by text.
func (l *Loss) UnmarshalText(text []byte) (err error) {
	*l, err = ParseLoss(string(text))
	return err
}

// MarshalText returns the order's name.
func (o Order) MarshalText() ([]byte, error) { return []byte(o.String()), nil }

// UnmarshalText sets o to the order named by text.
func (o *Order) UnmarshalText(text []byte) (err error) {
	*o, err = ParseOrder(string(text))
	return err
}

// MarshalText returns the status in words, e.g. "goal met".
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }
