// Package apihttp serves the API's two endpoints over HTTP: an http.Handler
// each for POST /v2/customers/{id}/policies (CreatePolicyHandler, over
// package createpolicy) and POST /v2/sync/aca (SyncHandler, over package
// syncaca), for a host to mount on its own mux and wrap:
//
//	mux := http.NewServeMux()
//	mux.Handle(apihttp.PatternSync, apihttp.SyncHandler(book, opt))
//	mux.Handle(apihttp.PatternCreatePolicy, apihttp.CreatePolicyHandler(customers, policies, opt))
//
// (Mount does both over one in-memory book.) The handlers live in their own
// package, not in package api, because they import both endpoint packages,
// which import api: api stays the shapes only, with no net/http server code,
// and a host that runs the endpoints without HTTP (a queue consumer, the
// command line) does not link it.
//
// # Statuses and bodies
//
// Every request goes through the same steps, in this order; the first that
// fails answers:
//
//  1. x-api-key absent, or not starting with "cc_": 401 UNAUTHORIZED.
//  2. Options.Authenticate (the host's check that the key is real): an error
//     wrapping ErrUnauthorized is 401, one wrapping ErrForbidden is 403
//     FORBIDDEN, any other is 500.
//  3. Options.RateLimit (the host's limiter): refused is 429 RATE_LIMITED,
//     {message, code, retryAfter} with retryAfter in whole seconds, and the
//     same number in a Retry-After header.
//  4. The body is bounded with http.MaxBytesReader before it is read: over
//     the limit (Options.CreatePolicyMaxBody, 1 MiB by default;
//     Options.SyncMaxBody, 4 MiB by default) is 413 PAYLOAD_TOO_LARGE. A
//     Content-Length over the limit is refused without reading.
//  5. A body that is not one JSON object (or was cut short: a client too
//     slow for the server's read timeout) is 400 INVALID_JSON.
//  6. Create-policy: no customer with the path's id is 404 NOT_FOUND, and
//     nothing is written.
//  7. A request that breaks a field or structure rule is 422
//     VALIDATION_ERROR, with every issue (at most 100 listed).
//  8. Success: 201 with the created policy, or 200 with the sync's response.
//
// Any failure of the host (a store error, a panic, a hook's error) is 500
// INTERNAL_ERROR, whose message never carries the error's text. Messages are
// the API's words.
//
// # Context
//
// The request's context reaches the store. When it ends (the client went
// away, the server shuts down) before the store commits, nothing is written
// and nothing is answered; the access line logs status 499. A store must
// write nothing when its context is done before it commits; *syncaca.Book
// and createpolicy.BookStore check it under their lock.
//
// # Access log
//
// One log/slog line per request, message "request", level Info: method,
// route (the ServeMux pattern, never the path, which holds a customer id),
// status, duration, bytes (the response's), request_id (also sent as the
// X-Request-Id header) and, for a 500, error_kind (which step failed, never
// the error's text). No name, phone number, date of birth, body or API key
// is ever logged.
//
// # What the host sets on its http.Server
//
// A slow client is bounded by the server, not the handler: set
// ReadHeaderTimeout and ReadTimeout (the carerules serve command uses 5 s
// and 30 s), WriteTimeout and IdleTimeout. The handler never reads more than
// the body limit and answers a body cut short by the read timeout with 400.
package apihttp
