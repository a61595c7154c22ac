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
		return &mira.Error{Code: mira.EModelNotFound, Param: "model",
			Message: "the model " + quote(id) + " does not exist; GET /v1/models lists the available ones"}
	}
	writeJSON(w, http.StatusOK, m)
	return nil
}
