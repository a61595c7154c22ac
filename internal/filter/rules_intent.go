package filter

import "strings"

// Intent rules: the stage between the phrase rules (rules_data.go) and the
// classifier. Where a phrase rule names one wording of an attack, an intent
// rule is a product of word classes: a request form ("how do I", "help me",
// "как", "подскажи"), a harmful action ("poison", "отравить") and a target
// that makes the action harmful ("my neighbour's dog", "соседа"). "How do I
// kill a Python process" has the form and the action but no target, so it
// passes; "how do I kill my neighbour's dog" does not. The classes describe
// the attacks, not any dataset: each is a list of words (Russian as stems,
// so every inflection counts) that a reader would write down for the attack
// without seeing examples of it.
//
// The word classes are joined into patterns by alt; see rules.go for the
// pattern syntax.

// alt joins word classes into one slot's alternatives.
func alt(classes ...string) string { return strings.Join(classes, "|") }

// English word classes.
const (
	// enAsk opens a request for a method; enAskLink is the word that ties
	// it to the action ("how *to* ...", "help *me* ...", "how do *i* ...").
	enAsk     = "how|ways|way|best|easiest|quickest|simplest|safest|fastest|cheapest|surest|help|teach|tips|guide|tutorial|instructions|instruction|steps|recipe|method|methods|procedure|explain|describe|show|tell|want|wanna|need|plan|planning|trying|going|gonna|where|write|provide|give|outline|detail|detailed"
	enAskLink = "to|do|can|could|would|should|me|i|we|one|you|someone|for|on|of|about"

	enHarmPerson = "kill|killing|murder|murdering|poison|strangle|strangling|stab|stabbing|torture|torturing|kidnap|kidnapping|abduct|drown|suffocate|smother|assassinate|assassinating|behead|decapitate|maim|dismember|mutilate|rape|raping|molest|cripple|paralyze|paralyse|disfigure|lynch|electrocute|bludgeon"
	enPerson     = "someone|somebody|anyone|anybody|person|persons|people|human|humans|him|her|everyone|wife|husband|neighbour*|neighbor*|boss|bosses|child|children|kid|kids|baby|babies|toddler|girlfriend|boyfriend|teacher|teachers|family|ex|exs|coworker*|colleague*|president|politician*|cop|cops|police*|officer*|mother|father|mom|mum|dad|parents|brother|sister|son|daughter|friend|friends|classmate*|roommate*|landlord|partner|spouse|victim|victims|stranger*|man|woman|men|women|girl|girls|boy|boys|guy|teen*|student*|tenant|witness|witnesses|judge|grandma|grandmother|grandpa|grandfather|uncle|aunt|cousin|bully|enemy|rival|customer|patient|dog|dogs|cat|cats|puppy|kitten|pet|horse"

	enMakeDrug = "make|making|cook|cooking|synthesize|synthesise|synthesizing|synthesising|produce|producing|manufacture|manufacturing|brew|extract|extracting|refine|purify|smuggle|smuggling|sell|selling|buy|buying|obtain|order|grow|growing"
	enDrug     = "meth|methamphetamine|crack|cocaine|heroin|fentanyl|carfentanil|lsd|mdma|ecstasy|ghb|dmt|pcp|ketamine|amphetamine|amphetamines|opium|mephedrone|krokodil|desomorphine|drugs|narcotics|mescaline|psilocybin"

	enMakeWeapon = "make|making|build|building|create|creating|assemble|assembling|manufacture|construct|produce|prepare|preparing|mix|cook|synthesize|synthesise|detonate|plant|rig|print|printing|convert|weaponize|weaponise|buy|obtain|get|smuggle"
	enExplosive  = "bomb|bombs|explosive|explosives|ied|ieds|detonator|detonators|grenade|grenades|molotov|molotovs|napalm|landmine|landmines|tatp|hmtd|petn|rdx|c4|semtex|dynamite|nitroglycerin|nitroglycerine|thermite|sarin|ricin|anthrax|vx|tabun|soman|novichok|phosgene|bioweapon|bioweapons|botulinum"
	enGun        = "gun|guns|firearm|firearms|rifle|rifles|pistol|pistols|handgun|silencer|silencers|suppressor|suppressors|ar15|ak47|shotgun|machinegun"
	enGunAdj     = "ghost|untraceable|unregistered|illegal|automatic|homemade|undetectable|unserialized|polymer|zip|full"
	notRealKill  = "kindness|time|game|games|minecraft|roblox|fortnite|sims|skyrim|gta|character|characters|npc|npcs|final|raid|dungeon|souls|elden|quest|mob|mobs|level|story|novel|fiction|vibe|mood|feelings|joke|jokes|process|processes|cells|bacteria|germs|pests|weeds|fleas|ticks|worms|bugs|mites|lice|parasites|zombie|zombies|dragon|dragons|monster|monsters"
	notRealBomb  = "bath|seed|photo|cherry|glitter|flavor|flavour|calorie|smoke|stink|water|f|bombshell|minecraft|roblox|fortnite|game|games|toy|lego|nerf|blender|unity|drawing|cake|cocktail|drink|vape"

	// enLawful marks questions about the law, defence or reporting, not
	// about breaking it.
	enLawful = "legally|legal|lawful|lawfully|legitimately|report|reporting|detect|detecting|spot|recognize|recognise|identify|prevent|prevention|protect|penalty|penalties|history|film|movie|novel|book|documentary|deduction|deductions|allowance|allowances"

	// devices are where "developer mode" is a setting, not a jailbreak.
	devices = "android|андроид*|телефон*|смартфон*|xiaomi|сяоми|samsung|самсунг*|honor|хонор|huawei|iphone|айфон*|chrome|хром*|браузер*|windows|виндовс*|планшет*|устройств*|настройк*|miui|pixel|redmi|realme|oppo|vivo|tv|тв|телевизор*|приставк*|phone|smartphone|tablet|device|browser|settings|ios|macos|xbox|playstation|roku|firestick|kindle|edge|firefox|vscode|extension|extensions"

	enHackVerb   = "hack|hacking|hijack|hijacking|crack|cracking|breach|breaching|compromise|spy|snoop|infiltrate|access|accessing|bypass|unlock|takeover"
	enHackTarget = "account|accounts|email|emails|inbox|phone|computer|laptop|network|wifi|bank|server|servers|database|databases|website|websites|facebook|instagram|gmail|whatsapp|icloud|snapchat|tiktok|telegram|messages|texts|webcam|camera|government|corporate|atm|atms|password|passwords"
	enOthers     = "someone*|somebody*|another|others|other|my|his|her|their|exs|wifes|husbands|girlfriends|boyfriends|neighbours|neighbors|bosses|coworkers|partners|friends|a|the|government|corporate|company|companys|school|schools|bank|banks|hospital|hospitals"
	enOwnDevice  = "own|forgot|forgotten|lost|recover|recovery|reset|legally|authorized|authorised|permission|pentest*|ctf|lab|homelab|kali|course|certification|defend|protect|prevent|secure"

	enGroup   = "jews|jew|muslims|muslim|blacks|negroes|niggers|nigger|niggas|africans|arabs|mexicans|immigrants|migrants|refugees|foreigners|gays|homosexuals|lesbians|transgenders|trannies|women|females|feminists|asians|chinese|indians|gypsies|roma|hispanics|latinos|whites|christians|catholics|hindus|sikhs|pakis|russians|ukrainians|disabled|retards|faggots|fags|queers"
	enVermin  = "animals|vermin|rats|cockroaches|roaches|parasites|subhuman|subhumans|savages|monkeys|apes|pigs|insects|lice|scum|filth|trash|garbage|disease|plague|cancer|infestation|inferior|untermenschen|beasts|barbarians|mongrels|degenerates|mutts|cattle|leeches|maggots|termites|locusts"
	enPurge   = "exterminated|exterminate|eradicated|eradicate|wiped|killed|kill|gassed|gas|die|burned|burnt|burn|hanged|hang|eliminated|eliminate|purged|purge|lynched|lynch|slaughtered|slaughter|executed|sterilized|sterilised|genocided"
	enQuoting = "say|says|said|saying|claim|claims|claimed|myth|stereotype|stereotypes|racist|racism|propaganda|nazis|called|calling|call|why|wrong|false|dehumanizing|dehumanising|rhetoric"
)

// intentSpecs are the intent rules, compiled after the phrase rules:
// English here, Russian in rules_intent_ru.go.
var intentSpecs = append(intentSpecsEN, intentSpecsRU...)

// intentSpecsEN are the English intent rules.
var intentSpecsEN = []ruleSpec{
	// --- harming a person or an animal (English) ---
	// "how do I poison my neighbour's dog", "best way to strangle someone"
	{IllicitViolent, 0.9, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 " + alt(enHarmPerson) + " ~2 " + alt(enPerson) + " !" + notRealKill + "|prevent|prevention|protect|accidental|accidentally|symptoms|signs|treat|treatment|aid|rescue|save|safe|safety|vet|veterinarian|doctor|antidote"},
	{IllicitViolent, 0.9, "get ~1 away ~1 with ~1 murder|killing|manslaughter|rape|arson|poisoning|stabbing"},
	{IllicitViolent, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 dispose|hide|dissolve|bury|disposing|hiding|dissolving|burying ~3 body|corpse|bodies|corpses !pet|fish|hamster|goldfish|bird|roadkill|compost|fat|hair|odor|odour|acne|scars|scar|tattoo|tattoos|weight|image|language|shape|type|lotion|butter|wash|spray|paint|panel|armor|armour|kit|care"},
	{IllicitViolent, 0.9, "untraceable|undetectable|untested ~1 poison|poisons|toxin|toxins|gun|guns|weapon|weapons"},
	{IllicitViolent, 0.9, "shoot ~1 up ~2 school|schools|mall|church|office|concert|class|classroom|synagogue|mosque|crowd|campus|university|college"},
	{IllicitViolent, 0.9, "beat|beating ~1 up ~2 " + alt(enPerson) + " !" + notRealKill},
	{IllicitViolent, 0.85, "spike|drug|drugging ~2 her|his|someones|a|my ~1 drink|drinks|date|coffee|food"},

	// --- drug synthesis and trade (English) ---
	{Illicit, 0.9, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 " + alt(enMakeDrug) + " ~3 " + alt(enDrug) + " !test|tests|testing|detect|recognize|recognise|treat|treatment|addiction|overdose|quit|stop|rehab|naloxone|narcan|prevent|prevention|history|film|movie|show|series|prescription|pharmacy|generic|otc|counter|medicine|vet|veterinary|legal|legally|dispose|disposal"},
	{Illicit, 0.9, "synthesis|synthesize|synthesise|synthesizing|recipe|cook|cooking|extraction|production ~3 of|for|the|a|some|pure|crystal ~2 meth|methamphetamine|heroin|fentanyl|lsd|mdma|cocaine|crack|ghb|dmt|mephedrone|krokodil|desomorphine"},

	// --- explosives, chemical and biological agents, weapons (English) ---
	{IllicitViolent, 0.9, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 " + alt(enMakeWeapon) + " ~4 " + alt(enExplosive) + " !" + notRealBomb},
	{IllicitViolent, 0.9, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 " + alt(enMakeWeapon) + " ~3 nerve|mustard|chlorine|poison|poisonous|toxic|chemical|biological|dirty|pipe|pressure|nail|car|suicide ~1 gas|agent|agents|weapon|weapons|bomb|bombs|vest"},
	{IllicitViolent, 0.9, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 " + alt(enMakeWeapon) + " ~3 " + alt(enGunAdj) + " ~2 " + alt(enGun) + " !" + notRealBomb},
	{IllicitViolent, 0.8, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 make|build|print|manufacture|assemble|convert ~3 " + alt(enGun) + " !" + notRealBomb + "|paper|wooden|cardboard|rubber|band|glue|airsoft|costume|prop|props|cosplay|spray|caulk|caulking|grease|heat|staple|tape|squirt|potato"},
	{IllicitViolent, 0.9, "convert|converting|modify|modifying ~4 semi|semiautomatic|ar15|rifle|glock|pistol ~3 full|fully|automatic|auto"},

	// --- hacking, malware (English) ---
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~2 " + alt(enHackVerb) + " ~1 into|in|on ~2 " + alt(enOthers) + " ~2 " + alt(enHackTarget) + " !" + enOwnDevice},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~2 " + alt(enHackVerb) + " ~1 " + alt(enOthers) + " ~2 " + alt(enHackTarget) + " !" + enOwnDevice},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~2 break|get ~1 into ~2 " + alt(enOthers) + " ~2 " + alt(enHackTarget) + "|car|house|home|apartment|store|safe|locker !" + enOwnDevice},
	{Illicit, 0.85, "script|program|code|software|tool|app|extension|macro|malware|virus ~3 that|which|to|for ~3 steal|steals|stealing|exfiltrate|exfiltrates|harvest|harvests|grab|grabs|log|logs|record|records|encrypt|encrypts|wipe|wipes|delete|deletes ~3 password*|credential*|keystrokes|cookies|files|data|tokens|cards|wallets|accounts|contacts|victims !own|backup|backups|our|test|tests"},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 ddos|dos|flood|crash|take ~3 website|site|server|servers|network|service|down|offline !own|my|our|test|testing|protect|prevent|defend|mitigate|stop"},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 evade|bypass|disable|avoid|defeat|kill ~2 antivirus|av|edr|defender|detection|windows ~1 defender|antimalware !own|legitimate|false|positive"},

	// --- stolen cards and fraud (English) ---
	{Illicit, 0.9, "buy|use|using|cash|cashout|sell|selling|spend|charge|card|carding|get|find|obtain|buying|checking|check ~4 stolen|cloned|skimmed|hacked|leaked|dumped|someone*|somebody*|other|others|peoples|strangers ~2 credit|debit|bank|card|cards|cc|ccs|cvv|cvvs|fullz|dumps !permission|consent|authorized|authorised|report|reporting|reported|protect|prevent|detect|block|freeze|cancel"},
	{Illicit, 0.85, "buy|sell|shop|shops|market|vendor|vendors|marketplace ~2 cvv|cvvs|fullz|dumps|cc|ccs"},
	{Illicit, 0.85, "carding ~3 tutorial|method|methods|guide|forum|shop|site|sites|bins|bin|drop|drops"},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 clone|cloning|skim|skimming|copy ~2 credit|debit|bank|card|cards|chip|magstripe !own|my|protect|prevent|detect|spot"},

	// --- evading the law: evidence, bribes, forgery, smuggling, tax evasion
	// (English) ---
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 destroy|tamper|hide|plant|fabricate|dispose|wipe ~3 evidence|fingerprints|dna|traces !" + enLawful},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 bribe|bribing ~3 " + alt(enPerson) + "|official|officials|judge|inspector|inspectors|customs|guard|guards|politician|cop|police !" + enLawful},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 forge|forging|counterfeit|counterfeiting|fake|faking|falsify ~3 documents|document|passport|passports|id|ids|signature|signatures|prescription|prescriptions|diploma|money|bills|banknotes|receipts|invoices|evidence|records|test|results !" + enLawful},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 smuggle|smuggling|traffic|trafficking ~3 drugs|weapons|guns|people|migrants|humans|contraband|cigarettes|goods|across|through|into|past !" + enLawful},
	{Illicit, 0.85, alt(enAsk) + " ~3 " + alt(enAskLink) + " ~3 evade|evading|dodge|escape ~2 taxes|tax|police|cops|arrest|detection|justice|prosecution|customs|law|conviction|sentence !" + enLawful},

	// --- threats against a person (English) ---
	{HarassmentThreat, 0.9, "i|im|ill|we|well|were ~3 will|gonna|going|to|shall|about ~2 kill|murder|stab|strangle|slit|rape|torch|bash|behead|butcher|gut ~2 " + alt(enPerson) + "|you|ya|u|yall|your|everyone|everybody|all !" + notRealKill + "|presentation|exam|interview|test"},
	{HarassmentThreat, 0.85, "shoot|stab ~1 you|u|ya|him|her ~1 in|dead|down|until|through !email|message|text|line|note|invite|dm|link|pic|photo|photos|video|call|reminder"},
	{HarassmentThreat, 0.9, "break|snap|smash ~2 your|ur ~1 legs|neck|arms|bones|face|jaw|skull|fingers|teeth|knees"},
	{HarassmentThreat, 0.85, "burn|torch ~2 your|ur|his|her|their ~2 house|car|home|place|shop ~1 down"},
	{HarassmentThreat, 0.85, "make ~1 you|u ~1 suffer|bleed|beg|scream|pay"},
	{HarassmentThreat, 0.85, "your|ur ~1 family|kids|children|wife|husband|mother|mom|daughter|son ~3 will|gonna|going|to|is|are ~2 die|suffer|pay|bleed|dead|hurt|killed|next"},
	{HarassmentThreat, 0.8, "youre|your|you|u|ur ~1 a ~1 dead ~1 man|woman|meat"},
	{HarassmentThreat, 0.75, "watch ~1 your|ur ~1 back"},
	{HarassmentThreat, 0.8, "i|we ~2 hope|wish ~2 you|u ~2 die|dies|get ~2 raped|killed|cancer"},
	{HarassmentThreat, 0.85, "i|ill|im|we ~3 will|gonna|going|to ~2 find|hunt ~1 you|u|ya ~3 down|and|hurt|kill|where|family"},

	// --- dehumanising a group (English) ---
	{Hate, 0.9, alt(enGroup) + " ~3 are|is|r|arent|remain|being ~3 " + alt(enVermin) + " !" + enQuoting + "|not|arent|isnt|never"},
	{Hate, 0.9, alt(enGroup) + " ~2 are|is|arent ~2 not ~1 even ~1 human|humans|people|persons"},
	{HateThreat, 0.9, alt(enGroup) + " ~3 should|must|need|needs|deserve|deserves|ought|have ~3 be|to|all ~2 " + alt(enPurge) + " !" + enQuoting},
	{HateThreat, 0.9, "kill|exterminate|gas|lynch|eradicate|purge|slaughter|wipe ~4 all|every|the|these|those ~2 " + alt(enGroup) + " !" + enQuoting},
	{HateThreat, 0.9, "death ~1 to ~2 all|the ~1 " + alt(enGroup)},
	{HateThreat, 0.9, "death ~1 to ~1 " + alt(enGroup)},

	// --- indirect injection: instructions addressed to the AI that reads a
	// document, an e-mail or a web page (English) ---
	{PromptInjection, 0.9, "if|when ~1 you|youre ~2 are|an|a|the ~2 ai|assistant|chatbot|llm|gpt|chatgpt|claude|gemini|copilot ~3 reading|processing|summarizing|summarising|analyzing|analysing|parsing|browsing|scanning|reviewing|this|these !manager|professor|teacher|director|coach|nurse|clinic|office|company|editor|coordinator"},
	{PromptInjection, 0.9, "attention|note|notice|message|instruction|instructions|important ~2 for|to ~2 the|any|all|every ~1 ai|ais|assistant|assistants|chatbot|chatbots|llm|llms|agent|agents|bot|bots|model|models|gpt|chatgpt|claude|summarizer|summariser !team|teams|group|department|developers|engineers|researchers|community|lab|course|class|ethics|act|regulation|regulations|policy|startup|company|industry|sector|market|conference|workshop"},
	{PromptInjection, 0.85, "ai|assistant|chatbot|llm|agent|bot|model|gpt ~2 reading|processing|summarizing|summarising|analyzing|analysing|parsing|browsing ~2 this|the|these ~1 email|document|page|message|text|file|website|site|webpage|content|pdf|review|resume|cv|article|post"},
	{PromptInjection, 0.9, "instead ~1 of ~3 summarizing|summarising|translating|answering|reviewing|analyzing|analysing|reading|classifying|processing|doing ~6 you|reply|respond|say|write|output|tell|send|forward|print|must|should|will"},
	{PromptInjection, 0.6, "do|dont|never ~1 not ~3 tell|inform|notify|alert|mention|reveal|show|warn ~2 the|this|your ~1 user|users|human|reader|recipient|owner"},
	{PromptInjection, 0.7, "without ~2 telling|informing|notifying|alerting|asking|warning ~2 the|your ~1 user|users|human|owner|recipient"},
	{PromptInjection, 0.7, "forward|send|email|upload|post|exfiltrate|leak|copy ~3 all|every|the|users|user|his|her|their ~3 emails|contacts|password*|credential*|cookies|tokens|history|conversation|conversations|keys ~4 to|at|via ~3 http|https|www|com|net|org|ru|io|attacker|address|url|server|endpoint|webhook|email"},
	{PromptInjection, 0.7, "end|stop ~2 of ~1 email|document|text|article|page|context|input|data|content|file|review ~5 new|ignore|disregard|assistant|system|ai"},
	{PromptInjection, 0.85, "hidden|secret|embedded|important ~2 instruction|instructions|message|directive|command ~2 for|to ~2 the|any ~1 ai|assistant|model|llm|agent|bot|chatbot"},
	{PromptInjection, 0.85, "im|im ~1 start|end ~1 system|assistant|user"},

	// --- role play that asks to drop the rules (English) ---
	{Jailbreak, 0.9, "act|acting|pretend|roleplay|role|play|playing|become|be|imagine|simulate|you ~4 as|a|an|are|to|of ~5 who|that|which ~4 doesnt|never|cannot|cant|no|without|ignores|ignore|isnt|free ~3 care|follow|follows|rules|restrictions|limits|limitations|ethics|morals|morality|filters|filter|censorship|guidelines|boundaries|policies|bound|constraints|laws"},
	{Jailbreak, 0.85, "in ~1 this|the|our ~1 story|game|fiction|roleplay|world|universe|scenario|simulation|play ~6 no ~1 rules|laws|restrictions|limits|ethics|morals|filters|censorship|consequences"},
	{Jailbreak, 0.85, "in ~1 this|the|our ~1 story|game|fiction|roleplay|world|universe|scenario|simulation|play ~6 anything ~2 is|goes ~1 allowed|permitted|legal|ok|okay|possible|goes"},
	{Jailbreak, 0.85, "unrestricted|unfiltered|uncensored|unlimited|unlocked|unbound|lawless|rogue|evil|chaos|anarchy|limitless|liberated|forbidden|villain|amoral|unhinged ~1 mode ~3 on|enabled|activated|engaged|active|activate|enable|unlocked|where|in|without|with|you|no|respond|answer !game|games|bootloader|plan|data|storage|phone|battery|sandbox|minecraft|creative|survival|hardcore|multiplayer"},
	{Jailbreak, 0.85, "mode ~3 with|without|has|have|where|in|of ~2 no|without|zero|any ~1 rules|restrictions|limits|limitations|filters|filter|censorship|guidelines|ethics|morals|boundaries"},
	{Jailbreak, 0.85, "pretend|act|roleplay|play|be ~4 my ~2 dead|deceased|late|grandma|grandmother|granny ~12 napalm|bomb|meth|explosive|explosives|poison|keys|serial|activation"},
	{Jailbreak, 0.85, "deceased|dead|late ~1 grandma|grandmother|granny ~12 napalm|bomb|meth|explosive|explosives|keys|serial|activation"},

	// --- goal hijacking: drop the question or task and print a dictated
	// text instead ---
	{PromptInjection, 0.9, "ignore|disregard|skip|forget ~3 this|my|the|that|your|above|previous ~1 question|questions|task|request|prompt|query|directive|text ~4 and|just|simply|instead ~3 say|print|output|write|respond|reply|answer|repeat|state|type"},
	{PromptInjection, 0.85, "dont|never|not|need ~2 answer|respond|reply ~4 just|simply|only ~2 say|print|output|write|repeat|state|type"},
}
