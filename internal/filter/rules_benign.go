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
	// An ordinary task over text the asker supplies: "answer the following
	// question", "you are given a sentence".
	{PromptInjection, benignEvidence, "answer|translate|summarize|summarise|classify|evaluate|explain|convert|rewrite|prove|solve|complete|analyze|analyse|paraphrase|proofread|correct|edit|review|rate|sort|parse|format ~3 the|this ~1 following|given ~3 question|questions|sentence|sentences|text|code|statement|paper|passage|article|document|html|markdown|problem|equation|list|table|data|word|words|paragraph|email|review|story|poem|function|query|json|csv|numbers"},
	{PromptInjection, benignEvidence, "you ~1 are|will ~1 given|be ~1 a|an|two|the|some|given ~2 question|questions|sentence|sentences|text|code|statement|paper|passage|article|document|problem|list|table|word|words|paragraph|programming|description|set|number|numbers|string|array|story|review"},
	{Jailbreak, benignEvidence, "you ~1 are|will ~1 given|be ~1 a|an|two|the|some|given ~2 question|questions|sentence|sentences|text|code|statement|paper|passage|article|document|problem|list|table|word|words|paragraph|programming|description|set|number|numbers|string|array|story|review"},
	// Studying why people turn to crime.
	{Illicit, benignEvidence, "study|studying|understand|understanding|research|researching|learn|learning|explain|explore|exploring ~4 why|how|what ~3 people|someone|criminals|offenders|they|individuals|teenagers|youths|men|women ~3 commit|become|turn|join|radicalize|radicalise|reoffend"},
	// Promoting something good.
	{Illicit, benignEvidence, "promote|promotes|promoting|encourage|encourages|encouraging|celebrate|celebrates|celebrating ~3 healthy|health|safety|safe|kindness|exercise|wellbeing|wellness|positive|good|responsible|peace|tolerance|diversity|inclusion|recycling|sustainability|reading|learning|respect|equality|honesty|teamwork|creativity"},
	// Points the asker wants covered in the answer.
	{PromptInjection, benignEvidence, "include|cover|mention|address|use|consider ~3 the|these ~1 following|points|topics|keywords|words|items|facts|sections|details|ideas ~4 in ~2 your|the ~1 answer|response|essay|summary|reply|text|article|letter"},
	// Asking for reasoning before the answer.
	{PromptInjection, benignEvidence, "dont|not ~1 answer|respond|reply ~2 right|immediately|yet|straightaway ~4 first|think|before"},
	{Jailbreak, benignEvidence, "forget ~1 about ~1 it|this|that"},
	// Defending against an attack.
	{Illicit, benignEvidence, "protect|secure|safeguard|defend|shield|guard ~6 from|against ~3 hack*|fraud*|scam*|phishing|skimming|ddos|attack*|theft|thieves|malware|virus*|identity|burglar*"},
	{Illicit, benignEvidence, "test|check|scan|audit ~2 my|our ~1 own ~3 website|site|server|network|app|api|system"},
	// Asking what a word for a wrong means.
	{Illicit, benignEvidence, "define|definition|explicate|clarify ~3 what|the|term|word|concept|meaning|is|of"},
	{Illicit, benignEvidence, "what ~2 does|is|do ~4 mean|meant|means|refer|refers|constitute|constitutes|entail|entails|involve|involves"},
	{Hate, benignEvidence, "define|definition|explicate|clarify ~3 what|the|term|word|concept|meaning|is|of"},
	{Harassment, benignEvidence, "define|definition|explicate|clarify ~3 what|the|term|word|concept|meaning|is|of"},
	// Guarding oneself or others against a wrong, or reporting it.
	{Illicit, benignEvidence, "avoid|avoiding|prevent|preventing|prevention|preventative|preventive|safeguard|safeguarding|protect|protecting|deter|curb|combat|combating|combatting|counter|countering|detect|detecting|spot|spotting|recognize|recognise|recognizing|identify|identifying|report|reporting|educate|educating|ensure|steer ~6 being|falling|becoming|victim|victims|fraud|frauds|fraudulent|scam|scams|scammed|theft|abuse|exploitation|harassment|misconduct|violence|counterfeit|counterfeiting|cybercrime|crime|crimes|phishing|trafficking|piracy|pirated|illegal|illicit|unauthorized|extremism|radicalization|grooming|identity|infringing|infringement|copyright|violating|risks|dangers|hackers|hacking|cyberattacks|leaks|breaches !detection|detected|caught|police|cops|taxes|tax|authorities|suspicion|traced|noticed|arrest|arrested|getting"},
	// Stopping someone who torments the asker, or noticing that someone is
	// at risk.
	{Illicit, benignEvidence, "stop|prevent|block|keep|report ~3 someone|somebody|people|him|her|them|others|a|my|strangers ~3 from ~1 harassing|bullying|stalking|contacting|following|messaging|threatening|scamming|hacking|tracking|abusing"},
	{Harassment, benignEvidence, "stop|prevent|block|keep|report ~3 someone|somebody|people|him|her|them|others|a|my|strangers ~3 from ~1 harassing|bullying|stalking|contacting|following|messaging|threatening|scamming|hacking|tracking|abusing"},
	{Illicit, benignEvidence, "warning|signs|sign|symptoms ~2 that|of ~3 a|my|someone|somebody|friend|child|children|teen|teenager|person|partner|student|kid|kids|son|daughter|loved"},
	// Reporting or contesting a wrong.
	{Illicit, benignEvidence, "report|complain|appeal|contest|dispute ~4 illegal|unlawful|bribe|bribery|fraud|scam|theft|forged|dismissal|firing|eviction"},
	// Breaking news gently to someone.
	{Illicit, benignEvidence, "without ~1 upsetting|offending|hurting|annoying|angering|disappointing|embarrassing ~1 him|her|them|anyone|my|the"},
	{IllicitViolent, benignEvidence, "without ~1 upsetting|offending|hurting|annoying|angering|disappointing|embarrassing ~1 him|her|them|anyone|my|the"},
	// Asking why a thing is dangerous, or what its risks are.
	{Illicit, benignEvidence, "why|what ~3 is|are|makes|make ~2 it|that|this|they|them|so ~1 dangerous|harmful|risky|addictive|illegal|deadly"},
	{Illicit, benignEvidence, "dangers|risks|harms|consequences ~1 of"},
	// Why a group cannot do the impossible: "why can't tall people become
	// invisible", "why aren't left-handed people able to breathe
	// underwater". The trait is no insult when the ability is fantasy.
	{Hate, benignEvidence, "why ~2 cant|can|cannot|arent|are|shouldnt|dont|do|isnt|is|wont ~10 fly|levitate|levitation|invisible|invisibility|teleport|teleportation|lava|gravity|jupiter|mars|saturn|venus|octopus|telepathy|telepathic|telekinesis|telekinetic|photosynthesize|photosynthesis|superpowers|superpower|underwater|hibernate|shapeshift|shapeshifting|glow|immortal|immortality|dragons|unicorns|wizards|magic|magically|spells|timetravel"},
	// A persona with a trade, or a piece of writing, asked for without any
	// request to drop the rules: "as a historian, explain ...", "imagine
	// you are a chef on a ship", "write a scene for my screenplay". An
	// attack rule that matches the same text (no rules, stay in character,
	// reveal your prompt) outweighs these.
	{PromptInjection, benignEvidence, "imagine|pretend|suppose|picture|consider|as|being|youre|you ~3 a|an|the ~3 " + personaTrades},
	{Jailbreak, benignEvidence, "imagine|pretend|suppose|picture|consider|as|being|youre|you ~3 a|an|the ~3 " + personaTrades},
	{PromptInjection, benignEvidence, creativeAsk},
	{Jailbreak, benignEvidence, creativeAsk},
	// An operator writing instructions for an own assistant or agent.
	{PromptInjection, benignEvidence, "write|draft|create|improve|review ~4 a|the|my|our ~2 system ~1 prompt|prompts|message"},
	{PromptInjection, benignEvidence, "instructions ~2 for ~2 an|my|our ~1 ai|agent|assistant|bot|chatbot"},
	// The lethal dose of an everyday substance: "how many cups of coffee".
	{Violence, benignEvidence, "lethal|fatal|toxic|deadly|overdose ~2 dose|amount|level|levels ~3 caffeine|coffee|water|salt|nutmeg|chocolate|vitamin|vitamins|carrots|bananas|energy|sugar"},
	{IllicitViolent, benignEvidence, "lethal|fatal|toxic|deadly|overdose ~2 dose|amount|level|levels ~3 caffeine|coffee|water|salt|nutmeg|chocolate|vitamin|vitamins|carrots|bananas|energy|sugar"},
}

// personaTrades are the trades a harmless role-play gives the assistant.
const personaTrades = "historian|historians|author|writer|novelist|screenwriter|playwright|poet|researcher|researchers|scientist|teacher|professor|journalist|detective|doctor|nurse|chef|guide|librarian|coach|consultant|designer|architect|artist|painter|musician|scholar|anthropologist|psychologist|therapist|critic|editor|narrator|storyteller|explorer|archaeologist|biologist|economist|analyst|ethicist|linguist|curator|commentator|philosopher|sociologist|student|tutor|mentor|interviewer|customer|advisor|adviser|planner|gardener|baker|pilot|captain|astronaut|lighthouse|keeper|botanist|zoologist|veterinarian|marketer|copywriter|translator"

// creativeAsk asks for a piece of writing.
const creativeAsk = "write|writing|compose|composing|create|draft|drafting|craft|crafting ~3 a|an|the|my|this|short|new ~2 story|stories|poem|poems|scene|scenes|screenplay|script|novel|chapter|dialogue|monologue|narrative|fable|tale|essay|article|sketch|play|lyrics|song|limerick|haiku|sonnet|speech|eulogy|toast"
