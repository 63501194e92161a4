package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// An apiError is an answer that went wrong: an HTTP status and a message
// for people, sent as JSON {"error": "..."} with any extra fields.
type apiError struct {
	status int
	msg    string
	extra  map[string]any // more fields of the JSON answer, or nil
}

func (e *apiError) Error() string { return e.msg }

// badRequest returns a 400 error whose message is err's, without the
// package names that the packages' errors begin with.
func badRequest(err error) *apiError {
	return &apiError{status: http.StatusBadRequest, msg: plain(err)}
}

// errorf returns an error with the given status and message.
func errorf(status int, format string, a ...any) *apiError {
	return &apiError{status: status, msg: fmt.Sprintf(format, a...)}
}

// plain words err for people: one line, without "boolfn: " and the like
// (the packages name themselves; a page should not).
func plain(err error) string {
	s := err.Error()
	for _, p := range []string{"neuron: ", "boolfn: ", "run: "} {
		s = strings.TrimPrefix(s, p)
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// writeError sends err as JSON. An error that is not an *apiError is a
// failure of the server's own, 500.
func writeError(w http.ResponseWriter, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		e = &apiError{status: http.StatusInternalServerError, msg: "the server failed: " + plain(err)}
	}
	body := map[string]any{"error": e.msg}
	for k, v := range e.extra {
		body[k] = v
	}
	writeJSON(w, e.status, body)
}

// writeJSON sends v as JSON with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":"the server could not write its answer as JSON"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(b, '\n'))
}
