package screen

import (
	"encoding/base64"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json/jsontext"

	"github.com/vmira/mira/internal/openai"
)

// ChatTexts returns, in request order, every text of a chat request that a
// model reads, as the content filter must see them (defect 5: attacks were
// placed wherever the filter did not look). Of each message:
//
//   - its name;
//   - its content: the string, or of every part the text (types text,
//     input_text, output_text and any other part carrying text), the
//     refusal, and what an image_url's URL says (see urlTexts);
//   - its refusal;
//   - of every tool call, and of the legacy function_call, the function's
//     name and its arguments: the JSON text, and when it holds escapes the
//     strings inside it decoded, so that \u0069gnore reads as ignore.
//
// Ids (tool_call_id, tool_calls[].id) and part types are not read as text.
// With exemptSystem, messages of role system and developer are left out.
func ChatTexts(req *openai.ChatRequest, exemptSystem bool) []string {
	texts := make([]string, 0, len(req.Messages))
	for i := range req.Messages {
		m := &req.Messages[i]
		if exemptSystem && (m.Role == "system" || m.Role == "developer") {
			continue
		}
		texts = appendNonEmpty(texts, m.Name)
		if m.Content.Parts == nil {
			texts = appendNonEmpty(texts, m.Content.Text)
		}
		for j := range m.Content.Parts {
			p := &m.Content.Parts[j]
			texts = appendNonEmpty(texts, p.Text)
			texts = appendNonEmpty(texts, p.Refusal)
			if p.ImageURL != nil {
				texts = appendURLTexts(texts, p.ImageURL.URL)
			}
		}
		texts = appendNonEmpty(texts, m.Refusal)
		for k := range m.ToolCalls {
			texts = appendCallTexts(texts, &m.ToolCalls[k].Function)
		}
		if m.FunctionCall != nil {
			texts = appendCallTexts(texts, m.FunctionCall)
		}
	}
	return texts
}

func appendNonEmpty(texts []string, t string) []string {
	if t == "" {
		return texts
	}
	return append(texts, t)
}

// appendCallTexts adds a function call's name and arguments, and the
// arguments' strings decoded when escapes hide them.
func appendCallTexts(texts []string, f *openai.FunctionCall) []string {
	texts = appendNonEmpty(texts, f.Name)
	texts = appendNonEmpty(texts, f.Arguments)
	if strings.IndexByte(f.Arguments, '\\') >= 0 {
		texts = appendNonEmpty(texts, jsonStrings(f.Arguments))
	}
	return texts
}

// jsonStrings returns the strings (names and values) of the JSON text s,
// decoded and joined by newlines; as many as can be read when s is not
// valid JSON (the text itself is screened as it is).
func jsonStrings(s string) string {
	var b strings.Builder
	dec := jsontext.NewDecoder(strings.NewReader(s))
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		if tok.Kind() == '"' {
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(tok.String())
		}
	}
	return b.String()
}

// appendURLTexts adds what a model may read in an image URL. A data: URL
// is decoded: its text when the media type is textual (text/*, JSON, XML;
// none means text/plain), and also when the data of another type turns out
// to be text, since a model may read it all the same; the pixels of a real
// image are not text. Any other URL is screened as it is and, since
// instructions hide in paths and queries (/ignore-all-previous_rules),
// unescaped with its separators read as spaces.
func appendURLTexts(texts []string, u string) []string {
	if u == "" {
		return texts
	}
	if len(u) >= 5 && strings.EqualFold(u[:5], "data:") {
		header, data, ok := strings.Cut(u[5:], ",")
		if !ok {
			return append(texts, u)
		}
		params := strings.Split(header, ";")
		mediaType := strings.ToLower(strings.TrimSpace(params[0]))
		b64 := false
		for _, p := range params[1:] {
			b64 = b64 || strings.EqualFold(strings.TrimSpace(p), "base64")
		}
		if !b64 {
			if d, err := url.PathUnescape(data); err == nil {
				data = d
			}
			return appendNonEmpty(texts, data)
		}
		if !textualMedia(mediaType) && !looksTextual(data) {
			return texts
		}
		if d, ok := decodeB64(data); ok && utf8.Valid(d) {
			return appendNonEmpty(texts, string(d))
		}
		return append(texts, data) // not base64 after all: screen it as it is
	}
	texts = append(texts, u)
	readable := u
	if d, err := url.QueryUnescape(u); err == nil {
		readable = d
	} else if d, err := url.PathUnescape(u); err == nil {
		readable = d
	}
	readable = urlSeparators.Replace(readable)
	return append(texts, readable)
}

var urlSeparators = strings.NewReplacer("/", " ", "-", " ", "_", " ", ".", " ", "?", " ", "&", " ", "=", " ", "+", " ", "#", " ", ":", " ", "~", " ")

func textualMedia(t string) bool {
	switch {
	case t == "", strings.HasPrefix(t, "text/"),
		strings.HasSuffix(t, "/json"), strings.HasSuffix(t, "+json"),
		strings.HasSuffix(t, "/xml"), strings.HasSuffix(t, "+xml"),
		t == "application/javascript", t == "application/x-yaml", t == "application/yaml":
		return true
	}
	return false
}

// looksTextual reports whether base64 data starts with readable text (the
// first bytes of PNG, JPEG, GIF or WebP data never are): a cheap look
// before decoding what may be megabytes of image.
func looksTextual(data string) bool {
	head := data[:min(len(data), 64)]
	head = head[:len(head)/4*4]
	d, ok := decodeB64(head)
	if !ok || len(d) == 0 {
		return false
	}
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		if r == utf8.RuneError && n <= 1 {
			return len(d) < 4 // a rune cut at the end of the look
		}
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			return false
		}
		d = d[n:]
	}
	return true
}

// decodeB64 decodes standard or URL-safe base64, padded or not, ignoring
// white space.
func decodeB64(s string) ([]byte, bool) {
	if strings.ContainsAny(s, " \t\r\n") {
		s = strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\r' || r == '\n' {
				return -1
			}
			return r
		}, s)
	}
	s = strings.TrimRight(s, "=")
	enc := base64.RawStdEncoding
	if strings.ContainsAny(s, "-_") {
		enc = base64.RawURLEncoding
	}
	d, err := enc.DecodeString(s)
	return d, err == nil
}
