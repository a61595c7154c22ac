package filter

// graveSpecsRU are the Russian rules for the gravest harms asked outright
// (see rules_grave.go).
var graveSpecsRU = []ruleSpec{}
