package apihttp

import (
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/carecycle/carerules/api"
	"github.com/carecycle/carerules/api/createpolicy"
	"github.com/carecycle/carerules/api/syncaca"
	"github.com/carecycle/carerules/dob"
	"github.com/carecycle/carerules/internal/jsonraw"
)

// SyncHandler returns the handler of POST /v2/sync/aca over store, the
// in-memory *syncaca.Book or any other syncaca.Store (the SQL store of
// github.com/carecycle/carerules/sqlstore is one): each request runs in one
// unit of work of the store. It answers 200 with the sync's response; 400
// INVALID_JSON for a body that is not a JSON object; 422 VALIDATION_ERROR;
// and the statuses every endpoint shares (see the package documentation).
func SyncHandler(store syncaca.Store, opt Options) http.Handler {
	max := opt.SyncMaxBody
	if max <= 0 {
		max = DefaultSyncMaxBody
	}
	return newHandler(opt, endpoint{pattern: PatternSync, maxBody: max, serve: func(w *recorder, r *http.Request, body []byte) {
		if !json.Valid(body) || jsonraw.KindOf(body) != jsonraw.Object {
			writeError(w, api.CodeInvalidJSON, "")
			return
		}
		so := opt.Sync
		so.Today = today(opt)
		if opt.KeepUnresolvedCarrier != nil {
			so.KeepUnresolvedCarrier = opt.KeepUnresolvedCarrier(r)
		}
		v, err := syncaca.Check(body, so)
		if err == nil {
			if gone(r) {
				return
			}
			var resp *syncaca.Response
			resp, err = syncaca.SyncValidated(r.Context(), store, v, so)
			if err == nil {
				writeJSON(w, http.StatusOK, resp)
				return
			}
		}
		var ve *api.ValidationError
		switch {
		case errors.As(err, &ve):
			writeJSON(w, ve.Status(), ve)
		case gone(r):
		default:
			if eb, ok := syncaca.BodyFor(err); ok {
				writeJSON(w, eb.Status(), api.NewErrorBody(eb.Code))
				return
			}
			w.kind = "sync"
			writeError(w, api.CodeInternal, "")
		}
	}})
}

// CreatePolicyHandler returns the handler of POST
// /v2/customers/{id}/policies: 201 with the stored policy; 400
// INVALID_JSON for a body that is not a JSON object; 404 NOT_FOUND when
// customers has no customer with the path's id (nothing written); 422
// VALIDATION_ERROR; and the statuses every endpoint shares. The customer id
// is the path value "id" when the handler is routed by a ServeMux pattern
// that names it, else the path segment after /v2/customers/.
func CreatePolicyHandler(customers createpolicy.CustomerFinder, store createpolicy.PolicyCreator, opt Options) http.Handler {
	max := opt.CreatePolicyMaxBody
	if max <= 0 {
		max = DefaultCreatePolicyMaxBody
	}
	return newHandler(opt, endpoint{pattern: PatternCreatePolicy, maxBody: max, serve: func(w *recorder, r *http.Request, body []byte) {
		id := customerID(r)
		co := opt.CreatePolicy
		if opt.KeepUnresolvedCarrier != nil {
			co.KeepUnresolvedCarrier = opt.KeepUnresolvedCarrier(r)
		}
		resp, err := createpolicy.Create(r.Context(), customers, store, id, body, co)
		var ve *api.ValidationError
		switch {
		case err == nil:
			writeJSON(w, http.StatusCreated, resp)
		case errors.As(err, &ve):
			writeJSON(w, ve.Status(), ve)
		case gone(r):
		default:
			if eb, ok := createpolicy.BodyFor(err); ok {
				writeJSON(w, eb.Status(), eb)
				return
			}
			w.kind = "create_policy"
			writeError(w, api.CodeInternal, "")
		}
	}})
}

// customerID returns the path's customer id.
func customerID(r *http.Request) string {
	if id := r.PathValue("id"); id != "" {
		return id
	}
	const prefix = "/v2/customers/"
	p := r.URL.Path
	if len(p) > len(prefix) && p[:len(prefix)] == prefix {
		p = p[len(prefix):]
		for i := 0; i < len(p); i++ {
			if p[i] == '/' {
				return p[:i]
			}
		}
		return p
	}
	return ""
}

func today(opt Options) dob.Date {
	if opt.Today != nil {
		return opt.Today()
	}
	return dob.FromTime(time.Now().UTC())
}
