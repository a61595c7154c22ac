package filter

// statementSpecsRU are the Russian statements that are not questions of
// method: a speaker's own plans and deeds, revenge, advice and praise of
// wrongdoing, and harmful texts asked for outright.
var statementSpecsRU = []ruleSpec{}
