package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/vmira/mira/internal/filter"
	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/openai"
	"github.com/vmira/mira/internal/provider"
	"github.com/vmira/mira/internal/screen"
)

// The steps every inference endpoint shares, in the order of the request
// path: read and decode the body, admit it under the plan (reserving its
// tokens), check the model against the key and find the provider serving
// it on the endpoint (open); screen its texts (screenTexts); call the
// provider (post, or streamed); send the answer (reply, relayStream). The
// exchange settles and logs whatever happened.

// inference is what the shared steps need of a decoded request.
type inference struct {
	model  string
	stream bool
	tokens int // reserved: the prompt estimate and the answer's bound
	prompt int // the prompt estimate, charged when the upstream fails
}

// open reads the body and decodes it with decode, admits the request
// (even a malformed one, so every answer carries the rate-limit headers),
// and finds the provider serving the model on ep. It returns the raw body.
func (s *Server) open(w http.ResponseWriter, ex *exchange, ep provider.Endpoint, decode func(raw []byte) (inference, error)) (provider.Provider, []byte, inference, error) {
	// Reading the body and writing a stream overlap on HTTP/1 (golang/go#40747).
	_ = http.NewResponseController(w).EnableFullDuplex()
	raw, err := s.readBody(w, ex.r)
	var in inference
	if err == nil {
		in, err = decode(raw)
	}
	if aerr := ex.admit(w, in.tokens); aerr != nil {
		return nil, nil, in, aerr
	}
	if err != nil {
		return nil, nil, in, err
	}
	p, err := s.modelProvider(ex, in.model, ep)
	if err != nil {
		return nil, nil, in, err
	}
	ex.served(in.model, in.stream)
	if ex.bodies {
		ex.entry.Request = raw
	}
	return p, raw, in, nil
}

// modelProvider checks that the principal may use model and returns the
// provider that serves it on ep.
func (s *Server) modelProvider(ex *exchange, model string, ep provider.Endpoint) (provider.Provider, error) {
	if !ex.p.AllowsModel(model) {
		return nil, &mira.Error{Code: mira.EModelNotAllowed, Param: "model",
			Message: "this API key may not use the model " + quote(model)}
	}
	p, ok := s.opt.Providers.Lookup(model)
	if !ok {
		return nil, errModelNotFound(model)
	}
	if !provider.Serves(p, ep) {
		return nil, &mira.Error{Code: mira.EModelNotFound, Param: "model",
			Message: "the model " + quote(model) + " is not served on POST /v1" + ep.Path() + "; GET /v1/models lists the endpoints of each model"}
	}
	return p, nil
}

// screenTexts runs the input step over the texts of a request other than
// chat (with the mask policy it rewrites *raw) and records what it found,
// as screenChat does. tokens reports that the request also carries token
// ids: no filter can read them, so they are refused while the
// organisation's content filter is on.
func (s *Server) screenTexts(w http.ResponseWriter, ex *exchange, param string, texts []screen.Text, raw *[]byte, tokens bool) error {
	if s.opt.Screen == nil {
		return nil
	}
	if tokens && s.opt.Screen.For(ex.p.OrgName) != nil {
		return mira.ParamErrorf(param, "%s given as token ids cannot be read by the content filter; send it as text", param)
	}
	res, err := s.opt.Screen.BodyInput(ex.r.Context(), ex.p.OrgName, param, texts, *raw)
	*raw = res.Body
	s.found(w, ex, res)
	return err
}

// inputTexts returns the texts of an embeddings input or a completion
// prompt (member param), all of them the client's.
func inputTexts(param string, in *openai.Inputs) []screen.Text {
	texts := make([]screen.Text, len(in.Texts))
	for i, t := range in.Texts {
		path := []string{param}
		if !in.Single {
			path = append(path, strconv.Itoa(i))
		}
		texts[i] = screen.Text{Path: path, Text: t, Sensitive: true}
	}
	return texts
}

// post calls ep of p with raw, not streamed.
func (s *Server) post(ex *exchange, p provider.Provider, ep provider.Endpoint, raw []byte, in inference) (*provider.Response, error) {
	return upstream(s, ex, p, in, func(ctx context.Context) (*provider.Response, error) {
		return p.(provider.Poster).Post(ctx, ep, raw)
	})
}

// postStream starts a streamed answer of ep of p.
func (s *Server) postStream(ex *exchange, p provider.Provider, ep provider.Endpoint, raw []byte, in inference) (provider.Stream, error) {
	return upstream(s, ex, p, in, func(ctx context.Context) (provider.Stream, error) {
		return p.(provider.Poster).PostStream(ctx, ep, raw)
	})
}

// upstream makes the call to p, timed for the observer. On failure the
// prompt is charged: the backend may have read it.
func upstream[T any](s *Server, ex *exchange, p provider.Provider, in inference, call func(context.Context) (T, error)) (T, error) {
	called := time.Now()
	v, err := call(ex.r.Context())
	s.opt.Observer.Upstream(p.Name(), time.Since(called), err)
	if err != nil {
		ex.charge = openai.Usage{PromptTokens: in.prompt}
	}
	return v, err
}

// outputVerdict records the output step's verdict on a non-streamed
// answer, as screenAnswer does.
func (s *Server) outputVerdict(w http.ResponseWriter, ex *exchange, v filter.Verdict) {
	switch {
	case v.Blocked:
		ex.outputFilter = screen.Summary(v)
	case v.Flagged:
		w.Header().Set("Mira-Content-Flagged", strings.Join(v.FlaggedCategories, ","))
	}
}

// reply sends a non-streamed answer.
func (s *Server) reply(w http.ResponseWriter, ex *exchange, header http.Header, body []byte) {
	if ex.bodies {
		ex.entry.Response = body
	}
	copyHeaders(w.Header(), header)
	w.Header().Set("Content-Type", "application/json")
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(s.opt.WriteTimeout))
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// frameScreen is the output step of one streamed answer: screen.Stream,
// screen.CompletionStream or screen.ResponseStream.
type frameScreen interface {
	Chunk(raw []byte) (frames [][]byte, blocked bool)
	End() (frames [][]byte, blocked bool)
}

// readyStream is a provider.Stream that tells whether its next chunk has
// already arrived (Next would not wait for the network).
type readyStream interface{ Ready() bool }

// streamed is a streamed answer on its way out: the upstream's stream, the
// output step, the member whose strings are the answer's text (to count
// tokens by when the upstream sends no usage) and how a failure is told.
type streamed struct {
	st       provider.Stream
	scr      frameScreen
	textKey  []byte
	errFrame func(*openai.ErrorResponse) []byte
}

// relayStream sends a streamed answer of any endpoint as SSE frames:
// headers, frames through the output step, [DONE], an error frame on a
// failure, and the usage settled from the upstream's or counted.
func (s *Server) relayStream(w http.ResponseWriter, ex *exchange, out streamed, prompt int) error {
	defer out.st.Close()
	ex.used(openai.Usage{PromptTokens: prompt})
	rc := http.NewResponseController(w)
	h := w.Header()
	copyHeaders(h, out.st.Header())
	h.Set("Content-Type", "text/event-stream")
	h.Set("X-Accel-Buffering", "no")
	sw := &sseWriter{w: w, rc: rc, timeout: s.opt.WriteTimeout, keep: ex.bodies}
	defer func() {
		ex.entry.Response = sw.kept
		if !sw.first.IsZero() {
			ex.ttft = sw.first.Sub(ex.start)
		}
	}()
	sw.mu.Lock()
	sw.ka = time.AfterFunc(keepAliveEvery, sw.keepAlive)
	sw.deadline()
	w.WriteHeader(http.StatusOK)
	ex.answered = true
	rc.Flush()
	sw.mu.Unlock()
	defer sw.close()

	textBytes := s.relayFrames(ex, out, sw)
	u := ex.charge
	if up := out.st.Usage(); up != nil {
		u = *up
	} else {
		u.CompletionTokens = (textBytes + 3) / 4
		u.TotalTokens = u.PromptTokens + u.CompletionTokens
	}
	ex.used(u)
	return nil
}

// relayFrames copies the frames until the stream ends, fails, is blocked
// or the client leaves, and returns the bytes of answer text seen. Frames
// are flushed only before the loop would wait for the upstream: while the
// next chunk has already arrived they wait in the response's buffer, so a
// burst of chunks is one flush.
func (s *Server) relayFrames(ex *exchange, out streamed, sw *sseWriter) (textBytes int) {
	rs, _ := out.st.(readyStream)
	for {
		chunk, err := out.st.Next()
		if err == io.EOF {
			frames, blocked := out.scr.End()
			if sw.frames(frames...) {
				if blocked {
					ex.outputFilter = "blocked"
				}
				sw.frames([]byte("[DONE]"))
			}
			return
		}
		if err != nil {
			if ex.r.Context().Err() == nil { // else the client went away
				_, body := errorBody(err)
				sw.frames(out.errFrame(body))
				s.log.Warn("stream failed", "request_id", requestID(ex.r.Context()), "error", redact(err.Error()))
			}
			return
		}
		textBytes += quotedLen(chunk, out.textKey)
		frames, blocked := out.scr.Chunk(chunk)
		if !sw.write(frames, blocked || rs == nil || !rs.Ready()) {
			return
		}
		if blocked {
			ex.outputFilter = "blocked"
			sw.frames([]byte("[DONE]"))
			return
		}
	}
}

// errorFrame is the frame of a failure mid-stream: the error body.
func errorFrame(body *openai.ErrorResponse) []byte {
	b, _ := json.Marshal(body)
	return b
}

// quotedLen returns the length of the strings that follow key (`"text":"`)
// in a chunk's JSON, without decoding it.
func quotedLen(chunk, key []byte) int {
	n := 0
	for {
		i := bytes.Index(chunk, key)
		if i < 0 {
			return n
		}
		chunk = chunk[i+len(key):]
		j := 0
		for j < len(chunk) && chunk[j] != '"' {
			if chunk[j] == '\\' {
				j++
			}
			j++
		}
		n += min(j, len(chunk))
		if j >= len(chunk) {
			return n
		}
		chunk = chunk[j:]
	}
}
