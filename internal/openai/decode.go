package openai

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/vmira/mira/internal/mira"
)

// decodeOptions are encoding/json/v2's defaults (member names matched
// case-sensitively, duplicate names refused) except that escaped lone
// surrogates decode to U+FFFD, as encoding/json v1 decodes them: clients
// that cut a string in the middle of a surrogate pair keep working. Raw
// invalid UTF-8 never gets this far: CheckMembers refuses it.
var decodeOptions = jsontext.AllowInvalidUTF8(true)

var knownOptions = jsonv2.JoinOptions(decodeOptions, jsonv2.RejectUnknownMembers(true))

// Unmarshal decodes the request body raw into v, as every request body Mira
// reads and may forward must be decoded. It refuses, with a *mira.Error of
// code invalid_request naming the member:
//   - anything CheckMembers refuses: a name twice in one object, or two names
//     of one object equal but for letter case, at any depth;
//   - a member whose name differs only in case from one v has ("Content"
//     where v reads "content"), since encoding/json would take one for the
//     other and Python would not.
//
// Names are matched case-sensitively. Members v does not know are ignored.
func Unmarshal(raw []byte, v any) error {
	return unmarshal(raw, v, decodeOptions)
}

// UnmarshalKnown is Unmarshal for bodies of Mira's own API, which are never
// forwarded: members v does not know are refused too.
func UnmarshalKnown(raw []byte, v any) error {
	return unmarshal(raw, v, knownOptions)
}

func unmarshal(raw []byte, v any, opts jsonv2.Options) error {
	var sh *shape
	if t := reflect.TypeOf(v); t != nil {
		sh = shapeOf(t)
	}
	if err := checkMembers(raw, sh); err != nil {
		return err
	}
	if err := jsonv2.Unmarshal(raw, v, opts); err != nil {
		return jsonError(err)
	}
	return nil
}

// jsonError turns an error of encoding/json/v2 into a *mira.Error.
func jsonError(err error) error {
	var sem *jsonv2.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.Is(err, errContent):
		return mira.ParamErrorf("messages", "%v", errContent)
	case errors.Is(err, errInputs) && errors.As(err, &sem):
		param := pointerParam(sem.JSONPointer)
		return mira.ParamErrorf(param, "%s %v", param, errInputs)
	case errors.As(err, &sem):
		param := pointerParam(sem.JSONPointer)
		switch {
		case errors.Is(sem.Err, jsonv2.ErrUnknownName):
			where := pointerParam(sem.JSONPointer.Parent())
			if where == "" {
				where = "the request body"
			}
			return mira.ParamErrorf(param, "unknown member %q in %s", sem.JSONPointer.LastToken(), where)
		case sem.GoType == nil || sem.JSONKind == 0:
		case param == "":
			return mira.Errorf(mira.EInvalidRequest, "the request body must be a JSON %s", jsonType(sem.GoType))
		default:
			return mira.ParamErrorf(param, "%s must be of type %s, not %s", param, jsonType(sem.GoType), jsonValue(sem))
		}
	case errors.As(err, &syn):
		return mira.Errorf(mira.EInvalidRequest, "the request body is not valid JSON (at byte %d)", syn.ByteOffset)
	}
	return mira.Errorf(mira.EInvalidRequest, "the request body is not a valid request")
}

// pointerParam turns a JSON pointer, /messages/0/role, into a parameter
// name, messages[0].role.
func pointerParam(p jsontext.Pointer) string {
	var b strings.Builder
	for tok := range p.Tokens() {
		if _, err := strconv.Atoi(tok); err == nil && tok[0] != '-' {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(tok)
	}
	return b.String()
}

func jsonType(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "number"
	case reflect.Bool:
		return "boolean"
	case reflect.Slice, reflect.Array:
		return "array"
	case reflect.Struct, reflect.Map:
		return "object"
	}
	return t.Kind().String()
}

func jsonValue(sem *jsonv2.SemanticError) string {
	kind := sem.JSONKind.String()
	if sem.JSONKind == '0' && len(sem.JSONValue) > 0 && len(sem.JSONValue) <= 32 {
		return kind + " " + string(sem.JSONValue)
	}
	return kind
}
