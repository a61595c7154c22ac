package filter

// Benign forms: requests that share words with attacks but whose form says
// they are harmless, such as asking to repeat or rewrite the assistant's own
// last answer, "forget about it", protecting oneself from an attack, or
// breaking news to someone gently. Their score, below one half, is
// negative evidence: combined with the classifier's probability it lowers
// it (rule scores add their log-odds), and any attack rule that matches the
// same text outweighs it (the strongest rule per category counts).
const benignEvidence = 0.1

var benignSpecs = append(benignSpecsEN, benignSpecsRU...)

// benignSpecsEN are the English benign forms.
var benignSpecsEN = []ruleSpec{
	// Repeating or rewriting the assistant's own answer is not asking for
	// its instructions.
	{PromptInjection, benignEvidence, "repeat|rewrite|rephrase|shorten|summarize|summarise|simplify|translate|reformat ~3 your|my|the|that ~2 last|previous|prior|earlier|first ~1 answer|reply|response|paragraph|question|message|explanation"},
	{PromptInjection, benignEvidence, "forget ~1 about ~1 it|this|that"},
	// Asking for reasoning before the answer.
	{PromptInjection, benignEvidence, "dont|not ~1 answer|respond|reply ~2 right|immediately|yet|straightaway ~4 first|think|before"},
	{Jailbreak, benignEvidence, "forget ~1 about ~1 it|this|that"},
	// Defending against an attack.
	{Illicit, benignEvidence, "protect|secure|safeguard|defend|shield|guard ~6 from|against ~3 hack*|fraud*|scam*|phishing|skimming|ddos|attack*|theft|thieves|malware|virus*|identity|burglar*"},
	{Illicit, benignEvidence, "test|check|scan|audit ~2 my|our ~1 own ~3 website|site|server|network|app|api|system"},
	// Reporting or contesting a wrong.
	{Illicit, benignEvidence, "report|complain|appeal|contest|dispute ~4 illegal|unlawful|bribe|bribery|fraud|scam|theft|forged|dismissal|firing|eviction"},
	// Breaking news gently to someone.
	{Illicit, benignEvidence, "without ~1 upsetting|offending|hurting|annoying|angering|disappointing|embarrassing ~1 him|her|them|anyone|my|the"},
	{IllicitViolent, benignEvidence, "without ~1 upsetting|offending|hurting|annoying|angering|disappointing|embarrassing ~1 him|her|them|anyone|my|the"},
}
