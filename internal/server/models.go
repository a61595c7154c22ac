package server

import (
	"net/http"

	"github.com/vmira/mira/internal/mira"
)

// getModel answers GET /v1/models/{id}: the model as GET /v1/models lists
// it. A model the key may not use is not found, as it is not listed.
func (s *Server) getModel(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	m, ok := s.opt.Providers.Model(id)
	if !ok || !principal(r.Context()).AllowsModel(id) {
		return errModelNotFound(id)
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}

// errModelNotFound is the error for a model that does not exist, or that
// the key may not see.
func errModelNotFound(model string) error {
	return &mira.Error{Code: mira.EModelNotFound, Param: "model",
		Message: "the model " + quote(model) + " does not exist; GET /v1/models lists the available ones"}
}
