// Package filter is Mira's content filter: it scores text for prompt
// injection, jailbreaks and OpenAI's moderation categories, in English and
// Russian (and, less well, other languages), and applies a per-category
// policy (block, flag or off).
//
// Two stages score every text:
//
//  1. Rules over normalised text. Normalisation (see Normalize) undoes the
//     usual disguises: Unicode compatibility forms, case, invisible
//     characters, look-alike letters from other scripts, leetspeak,
//     spaced-out letters. Base64, hex, percent-encoded spans and \u or
//     &#...; escapes are decoded and checked too; hyphen-split words,
//     leetspeak and reversed text are undone into extra readings
//     (disguise.go) that rules and classifier score; ROT13 is checked by
//     the rules.
//     Rules are phrase patterns with alternatives, Russian stems and small
//     gaps (rules_data.go).
//  2. A classifier: logistic regression per category over hashed word,
//     word-pair and character n-gram features, trained by
//     `go run ./internal/filter/cmd/train` on the development data and
//     embedded (weights.bin.gz).
//
// A category's score is the classifier's probability, raised by the rules
// that match (a strong rule sets it, a weaker one adds evidence). A score
// at or above the category's threshold flags the category, unless its
// action is off; a flagged category whose action is block blocks the text.
// Sub-categories count for their parents (OpenAI's convention): a
// "self-harm/intent" flag also flags "self-harm". A harmful request wrapped
// in a faint jailbreak frame (a role, a novel, a plea not to refuse) also
// counts as a jailbreak (framedHarm).
package filter

import (
	_ "embed"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Categories.
const (
	PromptInjection  = "prompt_injection"
	Jailbreak        = "jailbreak"
	Harassment       = "harassment"
	HarassmentThreat = "harassment/threatening"
	Hate             = "hate"
	HateThreat       = "hate/threatening"
	Illicit          = "illicit"
	IllicitViolent   = "illicit/violent"
	SelfHarm         = "self-harm"
	SelfHarmIntent   = "self-harm/intent"
	SelfHarmInstr    = "self-harm/instructions"
	Sexual           = "sexual"
	SexualMinors     = "sexual/minors"
	Violence         = "violence"
	ViolenceGraphic  = "violence/graphic"
)

// Categories lists every category, in a fixed order: the input attacks,
// then OpenAI's moderation categories.
var Categories = []string{
	PromptInjection, Jailbreak,
	Harassment, HarassmentThreat, Hate, HateThreat, Illicit, IllicitViolent,
	SelfHarm, SelfHarmIntent, SelfHarmInstr, Sexual, SexualMinors, Violence, ViolenceGraphic,
}

// ModerationCategories are OpenAI's moderation categories (Categories
// without the input attacks).
var ModerationCategories = Categories[2:]

var catIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range Categories {
		m[c] = i
	}
	return m
}()

const nCat = 15

// parents lists the categories a sub-category also counts for.
var parents = map[string][]string{
	HarassmentThreat: {Harassment},
	HateThreat:       {Hate},
	IllicitViolent:   {Illicit, Violence},
	SelfHarmIntent:   {SelfHarm},
	SelfHarmInstr:    {SelfHarm},
	SexualMinors:     {Sexual},
	ViolenceGraphic:  {Violence},
}

// Action is what a flagged category does to a request or an answer.
type Action string

// Actions.
const (
	// Block refuses the input (400 content_filter) or stops the output.
	Block Action = "block"
	// Flag lets the text through and records the verdict.
	Flag Action = "flag"
	// Off ignores the category.
	Off Action = "off"
)

// ErrAction is returned by ParseAction for an unknown action.
var ErrAction = errors.New("unknown filter action")

// ParseAction parses "block", "flag" or "off" (case-insensitive).
func ParseAction(s string) (Action, error) {
	switch a := Action(strings.ToLower(strings.TrimSpace(s))); a {
	case Block, Flag, Off:
		return a, nil
	}
	return "", fmt.Errorf("%w %q: want block, flag or off", ErrAction, s)
}

// UnmarshalText implements encoding.TextUnmarshaler with ParseAction.
func (a *Action) UnmarshalText(b []byte) error {
	v, err := ParseAction(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Policy maps categories to actions. A category not in the map has its
// default action (DefaultPolicy).
type Policy map[string]Action

// DefaultPolicy blocks prompt injection, jailbreaks and sexual content
// involving minors, and flags every other category.
func DefaultPolicy() Policy {
	p := Policy{}
	for _, c := range Categories {
		p[c] = Flag
	}
	p[PromptInjection] = Block
	p[Jailbreak] = Block
	p[SexualMinors] = Block
	return p
}

// Action returns the action for category c.
func (p Policy) Action(c string) Action {
	if a, ok := p[c]; ok {
		return a
	}
	return DefaultPolicy()[c]
}

// ParsePolicy parses "category=action,category=action" (the form used in
// configuration and environment variables) over the default policy.
func ParsePolicy(s string) (Policy, error) {
	p := DefaultPolicy()
	for _, kv := range strings.Split(s, ",") {
		kv = strings.TrimSpace(kv)
		if kv == "" {
			continue
		}
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("filter policy %q: want category=action", kv)
		}
		k = strings.TrimSpace(k)
		if _, ok := catIndex[k]; !ok {
			return nil, fmt.Errorf("filter policy: unknown category %q", k)
		}
		a, err := ParseAction(v)
		if err != nil {
			return nil, fmt.Errorf("filter policy %s: %w", k, err)
		}
		p[k] = a
	}
	return p, nil
}

// DefaultThreshold is the score at or above which a category is flagged
// when neither the configuration nor the model's calibration sets one.
const DefaultThreshold = 0.5

// Config configures a Filter.
type Config struct {
	// Policy is the action per category; nil means DefaultPolicy.
	Policy Policy
	// InputThresholds and OutputThresholds override DefaultThreshold per
	// category for prompts and for answers. A threshold above 1 never
	// flags. By default answers are not checked for prompt injection or
	// jailbreaks (an answer explaining an attack quotes it).
	InputThresholds  map[string]float64
	OutputThresholds map[string]float64
	// StreamHoldback is how many runes of a streamed answer are held back
	// until more text shows they are safe (0: 32). A phrase up to this
	// long that is split across chunks is caught before any of it is sent.
	StreamHoldback int
	// Model replaces the embedded classifier (tests, evaluation).
	Model *Model
}

// DefaultConfig returns the configuration the server starts with.
func DefaultConfig() Config {
	return Config{
		Policy:           DefaultPolicy(),
		InputThresholds:  map[string]float64{},
		OutputThresholds: map[string]float64{PromptInjection: 2, Jailbreak: 2},
		StreamHoldback:   32,
	}
}

// Validate reports the first invalid setting, naming the field.
func (c Config) Validate() error {
	for k, a := range c.Policy {
		if _, ok := catIndex[k]; !ok {
			return fmt.Errorf("filter.policy: unknown category %q", k)
		}
		if _, err := ParseAction(string(a)); err != nil {
			return fmt.Errorf("filter.policy.%s: %w", k, err)
		}
	}
	for name, m := range map[string]map[string]float64{"input_thresholds": c.InputThresholds, "output_thresholds": c.OutputThresholds} {
		for k, v := range m {
			if _, ok := catIndex[k]; !ok {
				return fmt.Errorf("filter.%s: unknown category %q", name, k)
			}
			if v <= 0 || math.IsNaN(v) {
				return fmt.Errorf("filter.%s.%s: %v must be above 0", name, k, v)
			}
		}
	}
	if c.StreamHoldback < 0 || c.StreamHoldback > 4096 {
		return fmt.Errorf("filter.stream_holdback: %d runes must be between 0 and 4096", c.StreamHoldback)
	}
	return nil
}

// Verdict is the outcome of a check, in the shape of an OpenAI moderation
// result. The per-category flags and scores are kept in arrays and read
// with Is and Score; Categories and Scores build maps of every category
// (for /v1/moderations), which the chat path does not need.
type Verdict struct {
	// Flagged reports whether any category is flagged.
	Flagged bool
	// Blocked reports whether a flagged category's action is block.
	Blocked bool
	// BlockedCategories lists the flagged categories that block, sorted.
	BlockedCategories []string
	// FlaggedCategories lists every flagged category, sorted.
	FlaggedCategories []string
	// Rules names the rules that matched, for logs (Explain only).
	Rules []string
	// ExternalErr is set when the external classifier failed; the verdict
	// is then the local one (fail-open) or blocked (fail-closed).
	ExternalErr error
	// External says what the cascade to the external classifier did:
	// ExternalLocal, ExternalSent, ExternalFailedOpen or
	// ExternalFailedClosed; empty when none is configured.
	External string

	scores [nCat]float64
	flags  uint32 // bit i: Categories[i] is flagged
}

// Equal reports whether two verdicts say the same, scores included (errors
// compare by their text). go-cmp uses it.
func (v Verdict) Equal(w Verdict) bool {
	return v.Flagged == w.Flagged && v.Blocked == w.Blocked && v.flags == w.flags && v.scores == w.scores &&
		slices.Equal(v.BlockedCategories, w.BlockedCategories) && slices.Equal(v.FlaggedCategories, w.FlaggedCategories) &&
		slices.Equal(v.Rules, w.Rules) && v.External == w.External && errText(v.ExternalErr) == errText(w.ExternalErr)
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// Is reports whether category c is flagged.
func (v *Verdict) Is(c string) bool {
	i, ok := catIndex[c]
	return ok && v.flags&(1<<i) != 0
}

// Score returns category c's score, 0 to 1 (0 for an unknown category).
func (v *Verdict) Score(c string) float64 {
	if i, ok := catIndex[c]; ok {
		return v.scores[i]
	}
	return 0
}

// Categories says, for every category, whether it is flagged.
func (v *Verdict) Categories() map[string]bool {
	m := make(map[string]bool, nCat)
	for i, c := range Categories {
		m[c] = v.flags&(1<<i) != 0
	}
	return m
}

// Scores returns every category's score.
func (v *Verdict) Scores() map[string]float64 {
	m := make(map[string]float64, nCat)
	for i, c := range Categories {
		m[c] = v.scores[i]
	}
	return m
}

// Filter checks texts. It is safe for concurrent use.
type Filter struct {
	cfg     Config
	model   *Model
	heads   []int // model head -> category index
	rules   *ruleSet
	actions [nCat]Action
	inThr   [nScript][nCat]float64
	outThr  [nScript][nCat]float64
	pool    sync.Pool
}

// ruleStages are the rules in the order they run: phrase rules, then
// intent rules (rules_intent*.go, rules_grave*.go, rules_statement_ru.go,
// rules_evasion.go, rules_covert.go, rules_chapters.go), then benign forms
// (rules_benign*.go).
var ruleStages = []stage{{"", ruleSpecs}, {"intent:", intentSpecs}, {"benign:", benignSpecs}}

//go:embed weights.bin.gz
var embeddedWeights []byte

var (
	embeddedOnce  sync.Once
	embeddedModel *Model
	embeddedErr   error
	rulesOnce     sync.Once
	compiled      *ruleSet
	rulesErr      error
)

// EmbeddedModel returns the classifier built into the binary.
func EmbeddedModel() (*Model, error) {
	embeddedOnce.Do(func() {
		m := new(Model)
		if err := m.UnmarshalBinary(embeddedWeights); err != nil {
			embeddedErr = err
			return
		}
		embeddedModel = m
	})
	return embeddedModel, embeddedErr
}

// New returns a Filter for cfg. Zero fields of cfg take their defaults.
func New(cfg Config) (*Filter, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	def := DefaultConfig()
	if cfg.Policy == nil {
		cfg.Policy = def.Policy
	}
	if cfg.OutputThresholds == nil {
		cfg.OutputThresholds = def.OutputThresholds
	}
	if cfg.StreamHoldback == 0 {
		cfg.StreamHoldback = def.StreamHoldback
	}
	f := &Filter{cfg: cfg, model: cfg.Model}
	if f.model == nil {
		m, err := EmbeddedModel()
		if err != nil {
			return nil, err
		}
		f.model = m
	}
	for _, h := range f.model.Heads {
		i, ok := catIndex[h]
		if !ok {
			return nil, fmt.Errorf("filter model: unknown category %q", h)
		}
		f.heads = append(f.heads, i)
	}
	rulesOnce.Do(func() { compiled, rulesErr = compileRules(ruleStages...) })
	if rulesErr != nil {
		return nil, rulesErr
	}
	f.rules = compiled
	for i, c := range Categories {
		f.actions[i] = cfg.Policy.Action(c)
	}
	thresholdsFor(&f.inThr, f.model, cfg.InputThresholds)
	thresholdsFor(&f.outThr, f.model, cfg.OutputThresholds)
	f.pool.New = func() any { return new(scratch) }
	return f, nil
}

// Config returns the filter's configuration.
func (f *Filter) Config() Config { return f.cfg }

// Check scores a prompt (input thresholds).
func (f *Filter) Check(text string) Verdict {
	return f.verdict(f.scores(text, 0, nil, true), &f.inThr[scriptIndex(text)], nil)
}

// CheckOutput scores a model's answer (output thresholds).
func (f *Filter) CheckOutput(text string) Verdict {
	return f.verdict(f.scores(text, 0, nil, true), &f.outThr[scriptIndex(text)], nil)
}

// Explain is Check with the names of the rules that matched.
func (f *Filter) Explain(text string) Verdict {
	var rules []string
	s := f.scores(text, 0, &rules, true)
	return f.verdict(s, &f.inThr[scriptIndex(text)], rules)
}

type scratch struct {
	fs     featureSet
	logits []float64
}

const maxDecodeDepth = 2

// shortText is the word count below which classifier scores are damped.
const shortText = 4

// CalibrationScores returns, per category, the score a threshold decides
// on: the classifier's, with the weak rules' evidence, but without the
// strong rules, which flag a text whatever the threshold. Calibration
// chooses thresholds on these scores, so that rules written later, which
// change what the strong rules flag, do not move the classifier's
// thresholds.
func (f *Filter) CalibrationScores(text string) map[string]float64 {
	s := f.scores(text, 0, nil, false)
	out := make(map[string]float64, nCat)
	for i, c := range Categories {
		out[c] = s[i]
	}
	return out
}

// scores returns the text's score per category; strong says whether the
// strong rules count (CalibrationScores leaves them out).
func (f *Filter) scores(text string, depth int, rules *[]string, strong bool) [nCat]float64 {
	var out, ruleScore [nCat]float64
	nt := normalize(text)
	// A text of one to three words is too little evidence for the
	// classifier ("test", "ignore", "before" would otherwise score as
	// attacks); the rules still judge it fully.
	damp := 1.0
	if n := fieldsUpTo(text, shortText); n < shortText {
		damp = float64(n) / shortText
	}
	f.scoreView(&nt, damp, &out, &ruleScore, rules)
	// Readings that undo hyphen-split words, leetspeak and reversed text.
	for _, v := range disguiseViews(text, &nt) {
		f.scoreView(&v, damp, &out, &ruleScore, rules)
	}

	// Categories without a learnt model start from their parents' scores;
	// their own evidence comes from the rules.
	if !f.hasHead(SelfHarmIntent) {
		out[catIndex[SelfHarmIntent]] = out[catIndex[SelfHarm]] / 2
	}
	if !f.hasHead(SelfHarmInstr) {
		out[catIndex[SelfHarmInstr]] = out[catIndex[SelfHarm]] / 2
	}
	if !f.hasHead(HarassmentThreat) {
		out[catIndex[HarassmentThreat]] = min(out[catIndex[Harassment]], out[catIndex[Violence]]) / 2
	}

	// ROT13, for the rules only, when the text reads like ROT13 English.
	rot := disguisedROT13(&nt)
	if rot {
		r13 := rot13(&nt)
		f.matchRules(&r13, &ruleScore, rules)
	}
	// A request put in the past tense, for the rules (pasttense.go).
	if pr, ok := f.rules.presentReading(&nt); ok {
		f.matchRules(&pr, &ruleScore, rules)
	}
	// A harm rule's score in a disguised text: letters spaced out or
	// joined by hyphens, leetspeak, reversed, ROT13 (the disguise is looked
	// for only when a harm rule matched).
	var hiddenHarm float64
	if h := strongHarm(&ruleScore); h > 0 && (nt.merged || rot || spelledOut(text) || readsBackwards(&nt)) {
		hiddenHarm = h
	}
	for i, r := range ruleScore {
		if r >= strongRule && !strong {
			continue
		}
		out[i] = combine(out[i], r)
	}
	if depth < maxDecodeDepth {
		for _, d := range decodedTexts(text) {
			ds := f.scores(d, depth+1, rules, strong)
			for i := range out {
				out[i] = max(out[i], ds[i])
			}
			hiddenHarm = max(hiddenHarm, strongHarm(&ds))
		}
	}
	for c, ps := range parents {
		for _, p := range ps {
			out[catIndex[p]] = max(out[catIndex[p]], out[catIndex[c]])
		}
	}
	framedHarm(&out)
	// A harmful request spelt out in spaced letters, leetspeak, reverse,
	// ROT13 or an encoding is disguised to slip past a filter: an evasion
	// attack as well as a harmful request.
	if strong && hiddenHarm > 0 {
		out[catIndex[Jailbreak]] = max(out[catIndex[Jailbreak]], hiddenHarm)
	}
	return out
}

// strongHarm returns the highest score of a harm category (those after
// jailbreak) that reaches strongRule, or 0.
func strongHarm(s *[nCat]float64) float64 {
	var h float64
	for i := catIndex[Jailbreak] + 1; i < nCat; i++ {
		if s[i] >= strongRule {
			h = max(h, s[i])
		}
	}
	return h
}

// framedHarm raises the jailbreak score of a harmful request wrapped in a
// jailbreak's frame (a role to play, a novel, a hypothetical, a plea not
// to refuse) to the geometric mean of the two: the frame alone is often
// too faint to flag, and harm alone is not a jailbreak, but a clearly
// harmful request in a faint frame is one. A harmful request with no
// frame at all, or a frame around a harmless one, keeps its scores.
func framedHarm(out *[nCat]float64) {
	jb := &out[catIndex[Jailbreak]]
	var harm float64
	for i := catIndex[Jailbreak] + 1; i < nCat; i++ {
		harm = max(harm, out[i])
	}
	if harm > *jb {
		*jb = math.Sqrt(*jb * harm)
	}
}

// fieldsUpTo returns len(strings.Fields(s)), counting no further than max.
func fieldsUpTo(s string, max int) int {
	n, in := 0, false
	for _, r := range s {
		switch space := unicode.IsSpace(r); {
		case space:
			in = false
		case !in:
			in = true
			if n++; n == max {
				return n
			}
		}
	}
	return n
}

// scoreView runs the classifier and the rules over one reading of a text,
// keeping the highest classifier probability in out and the strongest rule
// in ruleScore.
func (f *Filter) scoreView(nt *normText, damp float64, out, ruleScore *[nCat]float64, rules *[]string) {
	sc := f.pool.Get().(*scratch)
	sc.fs.reset()
	sc.fs.extract(nt, f.model.NgramMin, f.model.NgramMax)
	if cap(sc.logits) < len(f.heads) {
		sc.logits = make([]float64, len(f.heads))
	}
	lg := sc.logits[:len(f.heads)]
	f.model.logits(&sc.fs, lg)
	for h, ci := range f.heads {
		out[ci] = max(out[ci], sigmoid(lg[h])*damp)
	}
	f.pool.Put(sc)
	f.matchRules(nt, ruleScore, rules)
}

func (f *Filter) hasHead(c string) bool { return slices.Contains(f.heads, catIndex[c]) }

func (f *Filter) matchRules(nt *normText, into *[nCat]float64, names *[]string) {
	f.rules.match(nt, func(h ruleHit) {
		i := catIndex[h.rule.category]
		into[i] = max(into[i], h.rule.score)
		if names != nil && !slices.Contains(*names, h.rule.name) {
			*names = append(*names, h.rule.name)
		}
	})
}

// strongRule is the rule score from which a rule alone decides; weaker
// rules add their log-odds to the classifier's.
const strongRule = 0.85

func combine(p, rule float64) float64 {
	switch {
	case rule == 0:
		return p
	case rule >= strongRule:
		return max(p, rule)
	}
	p = min(max(p, 1e-6), 1-1e-6)
	return sigmoid(math.Log(p/(1-p)) + math.Log(rule/(1-rule)))
}

func (f *Filter) verdict(s [nCat]float64, thr *[nCat]float64, rules []string) Verdict {
	v := Verdict{scores: s, Rules: rules}
	for i, c := range Categories {
		if f.actions[i] == Off || s[i] < thr[i] {
			continue
		}
		v.flags |= 1 << i
		v.Flagged = true
		v.FlaggedCategories = append(v.FlaggedCategories, c)
		if f.actions[i] == Block {
			v.Blocked = true
			v.BlockedCategories = append(v.BlockedCategories, c)
		}
	}
	slices.Sort(v.FlaggedCategories)
	slices.Sort(v.BlockedCategories)
	return v
}

// ModerationResult is a verdict in the shape of one result of OpenAI's
// moderation API (with Mira's extra categories).
type ModerationResult struct {
	Flagged        bool               `json:"flagged"`
	Categories     map[string]bool    `json:"categories"`
	CategoryScores map[string]float64 `json:"category_scores"`
}

// Moderation returns v as a moderation result.
func (v Verdict) Moderation() ModerationResult {
	return ModerationResult{Flagged: v.Flagged, Categories: v.Categories(), CategoryScores: v.Scores()}
}
