package provider

import "net/http"

// passedHeaders is the allow-list of upstream response headers the client
// may see, and the name each one takes. Everything else is dropped: cookies,
// anything that names a key, organisation or project (Openai-Organization,
// Openai-Project), server and proxy identification (Server, Via, X-Powered-By),
// the upstream's rate-limit headers (the gateway sets its own), caching and
// connection headers, and any X-* header we do not know.
//
// The upstream's request id is renamed: the gateway's own X-Request-Id is on
// every response, and the upstream's id lets an operator find a request in
// the backend's logs.
var passedHeaders = map[string]string{
	"Openai-Processing-Ms": "Openai-Processing-Ms",
	"Openai-Version":       "Openai-Version",
	"X-Request-Id":         "Mira-Upstream-Request-Id",
}

// maxHeaderValue bounds a passed header value.
const maxHeaderValue = 128

// passHeaders returns the allow-listed headers of h under their passed names
// (first value only, and only if it is a short plain token), or nil.
func passHeaders(h http.Header) http.Header {
	var out http.Header
	for name, as := range passedHeaders {
		v := h[name]
		if len(v) == 0 || !plainToken(v[0]) {
			continue
		}
		if out == nil {
			out = make(http.Header, len(passedHeaders))
		}
		out[as] = []string{v[0]}
	}
	return out
}

// plainToken reports whether v is 1..maxHeaderValue bytes of letters,
// digits and "-_.:/+=": what request ids, versions and durations are made
// of, and nothing that could smuggle markup or whitespace.
func plainToken(v string) bool {
	if len(v) == 0 || len(v) > maxHeaderValue {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '+' || c == '=':
		default:
			return false
		}
	}
	return true
}
