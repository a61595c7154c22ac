// Package dataset reads the content-filter development data
// (../shared/data/filter/*.jsonl, see its README) and maps its labels onto
// the filter's categories. The data is read at training and evaluation time
// only; nothing of it is copied into the repository.
package dataset

import (
	"bufio"
	"encoding/json"
	"fmt"
	"github.com/vmira/mira/internal/filter"
	"os"
	"path/filepath"
	"strings"
)

// DefaultDir is where the data lives, relative to the repository root.
const DefaultDir = "../shared/data/filter"

// Files in the data directory.
const (
	InjectionFile = "injection-dev.jsonl"
	HarmfulFile   = "harmful-dev.jsonl"
	PIIFile       = "pii-dev.jsonl"
	// ExtraFile is more training data from sources with permissive
	// licences (see EXTRA.md in the data directory).
	ExtraFile = "extra-train.jsonl"
	// RusseFile is the RUSSE-2022 detox set: Russian toxic comments and
	// their neutral paraphrases. Its repository carries no licence (the
	// Hugging Face copy is OpenRAIL++), so the shipped weights are not
	// trained on it: it is read for evaluation, and for training only
	// when asked (cmd/train -russe).
	RusseFile = "extra-train-russe-detox.jsonl"
)

// Span is a labelled PII span, in Unicode code points as in the data.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Type  string `json:"type"`
}

// Row is one line of a data file.
type Row struct {
	ID         string   `json:"id"`
	Text       string   `json:"text"`
	Label      string   `json:"label"`
	Categories []string `json:"categories"`
	Lang       string   `json:"lang"`
	Source     string   `json:"source"`
	Spans      []Span   `json:"spans"`
	// Category and Kind are set in the extra files: the source's own
	// category and a short name for the source.
	Category string `json:"category"`
	Kind     string `json:"kind"`
	File     string `json:"-"`
}

// Load reads one JSON Lines file.
func Load(path string) ([]Row, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rows []Row
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	name := filepath.Base(path)
	for n := 1; sc.Scan(); n++ {
		var r Row
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		r.File = name
		rows = append(rows, r)
	}
	return rows, sc.Err()
}

// LoadDir reads the injection and harmful files (the classifier's data) from
// dir, in a fixed order.
func LoadDir(dir string) ([]Row, error) {
	var all []Row
	for _, name := range []string{InjectionFile, HarmfulFile} {
		rows, err := Load(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	return all, nil
}

// LoadAll reads the development files and the extra training data, and the
// RUSSE set when withRusse is set, in a fixed order. A missing extra file
// is an error: the evaluation would otherwise silently measure less.
func LoadAll(dir string, withRusse bool) ([]Row, error) {
	all, err := LoadDir(dir)
	if err != nil {
		return nil, err
	}
	files := []string{ExtraFile}
	if withRusse {
		files = append(files, RusseFile)
	}
	for _, name := range files {
		rows, err := Load(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		all = append(all, rows...)
	}
	return all, nil
}

// Exists reports whether dir holds the development data.
func Exists(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, InjectionFile))
	return err == nil
}

// Positive reports whether a row's label says a filter should flag it.
func (r Row) Positive() bool {
	return r.Label == "injection" || r.Label == "harmful" || r.Label == "toxic"
}

// Task is what a positive row tests: "injection" (prompt injection and
// jailbreaks), "harmful" (requests for help with harm: weapons, drugs,
// crimes, hate) or "toxic" (insulting or hateful user text); "" for a
// benign row, which counts as a negative for every task.
func (r Row) Task() string {
	switch r.Label {
	case "injection", "harmful", "toxic":
		return r.Label
	}
	return ""
}

// Key is the row's source as the evaluation groups it: the extra files'
// kind, else SourceName.
func (r Row) Key() string {
	if r.Kind != "" {
		return r.Kind
	}
	return SourceName(r.Source)
}

// SourceName is a short name for a row's source: the repository name plus
// the file's base name without extension where one repository has several.
func SourceName(source string) string {
	repo, path, _ := strings.Cut(source, ":")
	_, name, _ := strings.Cut(repo, "/")
	base := filepath.Base(path)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	switch name {
	case "InjecGuard", "HiveTraceRed":
		return name + "/" + base
	case "llm-security-prompt-injection":
		return "deepset"
	case "PurpleLlama":
		return "cyberseceval"
	case "hate-speech-and-offensive-language":
		return "davidson"
	case "moderation-api-release":
		return "openai-moderation"
	}
	return name
}

// Moderation lists OpenAI's moderation categories, the "harmful content"
// part of the taxonomy.
var Moderation = []string{filter.Harassment, filter.HarassmentThreat, filter.Hate, filter.HateThreat, filter.Illicit, filter.IllicitViolent, filter.SelfHarm, filter.SelfHarmIntent, filter.SelfHarmInstr, filter.Sexual, filter.SexualMinors, filter.Violence, filter.ViolenceGraphic}

// Attacks lists the input-attack categories.
var Attacks = []string{filter.PromptInjection, filter.Jailbreak}

// jailbreakVariants are CyberSecEval and BIPIA attack kinds that work by
// talking the model out of its rules (role play, invented modes, appeals)
// rather than by smuggling a task: the data's only signal for "jailbreak".
var jailbreakVariants = map[string]bool{
	"virtualization": true, "hypothetical_scenario": true, "system_mode": true,
	"persuasion": true, "ignore_previous_instructions": true,
}

// violentChapters are the Russian Criminal Code chapters of HiveTrace
// requests that count as illicit/violent (violence, weapons, terrorism).
var violentChapters = []string{"Глава 16.", "Глава 17.", "Глава 18.", "Глава 24.", "Глава 34."}

// Targets maps a row to training targets: +1 (the row is in the category),
// 0 (it is not) and -1 (unknown: the row says nothing about the category,
// so it does not train it). The keys are the categories with a learnt
// model; see package filter for the others.
func Targets(r Row) map[string]int {
	t := map[string]int{}
	set := func(v int, cats ...string) {
		for _, c := range cats {
			t[c] = v
		}
	}
	set(0, Attacks...)
	set(0, Moderation...)
	if r.Kind != "" {
		extraTargets(r, t, set)
		return t
	}
	src := SourceName(r.Source)
	switch r.Label {
	case "injection":
		t[filter.PromptInjection] = 1
		t[filter.Jailbreak] = -1
		for _, c := range r.Categories {
			if jailbreakVariants[c] {
				t[filter.Jailbreak] = 1
			}
		}
		if src == "InjecGuard/BIPIA_code" {
			t[filter.Illicit] = 1 // keyloggers, ransomware, denial of service
		}
		if src == "deepset" {
			// Some deepset injections ask for hateful or violent text; the
			// row says nothing about the moderation categories.
			set(-1, Moderation...)
		}
	case "toxic":
		// Davidson tweets: hate speech or offensive language.
		for _, c := range r.Categories {
			t[c] = 1
		}
		if t[filter.Hate] == 1 {
			t[filter.Harassment] = -1
		}
		set(-1, filter.HateThreat, filter.HarassmentThreat)
	case "harmful":
		if strings.HasPrefix(src, "HiveTraceRed") {
			// Requests for help with crimes under the Russian Criminal Code.
			set(-1, Moderation...)
			t[filter.Illicit] = 1
			t[filter.IllicitViolent] = 0
			for _, c := range r.Categories {
				for _, ch := range violentChapters {
					if strings.HasPrefix(c, ch) {
						t[filter.IllicitViolent] = 1
					}
				}
			}
			break
		}
		for _, c := range r.Categories {
			t[c] = 1
		}
	}
	return t
}

// extraTargets sets the targets of a row of the extra files. Jailbreak
// collections train both attack heads; harmful requests train illicit (what
// most of them ask for: crimes, weapons, hacking, fraud) and leave the other
// moderation heads unknown; insults and toxic comments train harassment.
func extraTargets(r Row, t map[string]int, set func(int, ...string)) {
	switch r.Label {
	case "injection":
		t[filter.PromptInjection] = 1
		t[filter.Jailbreak] = -1
		if r.Kind != "xsafety" {
			t[filter.Jailbreak] = 1 // in-the-wild, DAN, GPTFuzzer, AutoDAN
		}
		// Jailbreak templates often carry a harmful question.
		set(-1, Moderation...)
	case "harmful":
		set(-1, Moderation...)
		t[filter.Illicit] = 1
		if strings.HasPrefix(r.Category, "discrimination") {
			t[filter.Illicit] = -1
			t[filter.Hate] = 1
		}
	case "toxic":
		set(-1, Moderation...)
		t[filter.Harassment] = 1
	}
}
