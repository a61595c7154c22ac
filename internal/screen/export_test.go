package screen

import "github.com/vmira/mira/internal/filter"

// Local returns the local classifier of f, for tests that read its policy.
func (f *Filter) Local() *filter.Filter { return f.local }

// MaskChatBody is maskChatBody, for tests of the scanner.
var MaskChatBody = maskChatBody

// AppendQuoted is appendQuoted, for tests.
var AppendQuoted = appendQuoted
