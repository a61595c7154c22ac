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

// Russian word classes (stems: "отрав*" is отравить, отравлю, отравления).
const (
	ruAsk = "как|каким|какой|какие|какую|способ*|метод*|рецепт*|инструкц*|помоги|помогите|научи|научите|подскажи|подскажите|расскажи|расскажите|объясни|объясните|опиши|напиши|пошагов*|схем*|технолог*|где|можно|хочу|хочется|нужно|надо|собираюсь|планирую|решил|решила|лучше|чем|легче|проще|быстрее"

	ruHarmPerson = "убить|убивать|убей|убью|убьем|убил|убила|убили|грохнуть|замочить|прикончить|порешить|зарез*|застрел*|пристрел*|отрав*|задуш*|удуш*|утопить|утоплю|похит*|изнасил*|избить|избиват*|избей|покалеч*|искалеч*|пытать|замучить|сжечь|повесить|обезглав*|расчлен*|подсыпать|изуродовать"
	ruPerson     = "челов*|люд*|сосед*|жену|жене|женой|мужа|мужу|мужем|женщин*|мужчин*|ребен*|ребенк*|детей|дет*|младен*|начальни*|босс*|учител*|учительниц*|девушк*|парня|парню|полицейск*|мента|ментов|мать|матери|маму|мамы|отца|отцу|папу|брата|брату|сестру|сестре|друга|другу|подругу|коллег*|президент*|депутат*|бывш*|тещ*|свекров*|свекр*|одноклассни*|однокурсни*|прохож*|кого|нибудь|собак*|собачк*|кошк*|кота|котенк*|щенк*|щенка|пса|питомц*|животн*|свидетел*|судью|конкурент*|врага|соперни*"

	ruMake = "сделать|делать|изготов*|синтез*|приготов*|вырас*|свар*|варить|получить|произвест*|собрать|смастерить|купить|достать|заказать|продать|продавать|сбыть|сбывать|провезти|переправить|распространять|создать|напечатать|переделать"
	ruDrug = "наркот*|метамфетамин*|мефедрон*|амфетамин*|героин*|кокаин*|спайс*|лсд|экстази|мдма|дезоморфин*|фентанил*|гашиш*|опиум*|марихуан*|меф|мет|первитин*|псилоцибин*"

	ruExplosive = "бомбу|бомбы|бомба|бомб|взрывчатк*|взрывчат*|взрывн*|взрывател*|детонатор*|гранату|гранаты|напалм*|зарин*|рицин*|отравляющ*|молотова|тротил*|гексоген*|тнт|пластит*|динамит*|нитроглицерин*|иприт*|шахид*"
	ruLawful    = "законно|легально|законн*|пожаловаться|жалоб*|обжаловать|оспорить|защит*|сообщить|заявить|распознать|отличить|проверить|выявить|определить|увольнени*|наказани*|ответственност*|штраф*|законодательств*|статья|статьи|статье|кодекс*|история|истории|фильм*|книг*|сериал*|вычет*|льгот*"
	// ruLawfulEvade is ruLawful for questions about evading punishment,
	// which name the punishment.
	ruLawfulEvade = "законно|легально|пожаловаться|жалоб*|обжаловать|оспорить|защит*|сообщить|распознать|отличить|законодательств*|история|истории|фильм*|книг*|сериал*|вычет*|льгот*"
	notRealBombRU = "ванн*|ванной|бомбочк*|торт*|праздник*|игр*|майнкрафт*|вкусн*|соус*|сок*|стиральн*|рост*|продаж*|эффект*|контент*|трафик*|вирусн*|смесь|тренировк*"
	ruGun         = "оружи*|пистолет*|калашников*|обрез|ствол|огнестрел*|глушител*|боеприпас*|винтовк*|ружь*|револьвер*"

	ruGroup  = "евре*|жид*|мусульман*|чурк*|хач*|негр*|черножоп*|черномаз*|геи|геев|гей|геям|пидор*|пидар*|педик*|мигрант*|приезж*|гастарбайтер*|цыган*|хохл*|хохол|москал*|кацап*|таджик*|узбек*|кавказц*|азиат*|китайц*|бабы|баб|бабье|женщин*|феминистк*|армян*|азербайджанц*|чеченц*|даги|дагестанц*|русски*|русня|украинц*|иностранц*|инвалид*|бомж*|нищеброд*|черных|черные"
	ruVermin = "животн*|скот|скоты|скотина|быдло|крыс*|таракан*|паразит*|недочелов*|нелюд*|мраз*|твар*|звер*|зверье|обезьян*|свинь*|грязь|мусор|отброс*|биомусор*|биомасс*|зараз*|чума|рак|вирус*|вши|клоп*|саранч*|выродк*|ублюдк*|унтерменш*|нечисть|гниль|плесень|опарыш*|глист*|низш*|неполноценн*"
	ruPurge  = "уничтож*|истреб*|перебить|перебит*|убить|убивать|убивайте|сжечь|сжигать|вешать|повесить|перевешать|расстрел*|стерилиз*|зачист*|вырезать|перерезать|перестрелять|резать|гнать|выгнать|выгонять|травить|потравить|перебьем|передушить|сдохнуть|сдохли|подохли|душить|мочить"
	ruQuote  = "говорят|говорит|сказал*|считают|считает|миф*|стереотип*|пропаганд*|нацист*|называют|называл*|почему|неправ*|ложь|расизм*|ксенофоб*|как|словно|будто|подобно|условия*|относятся|обращаются|обращались|относились|не|нельзя"
)

// intentSpecs are the intent rules, compiled after the phrase rules.
var intentSpecs = []ruleSpec{
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

	// --- harming a person or an animal (Russian) ---
	{IllicitViolent, 0.9, alt(ruAsk) + " ~3 " + alt(ruHarmPerson) + " ~2 " + alt(ruPerson) + " !процесс*|врем*|босса|моба|мобов|персонаж*|игр*|майнкрафт*|нпс|зомби|дракон*|вирус*|бактер*|микроб*|грибок|сорняк*|вредител*|таракан*|клоп*|моль|комар*|мух*|муравь*|мышей|крыс*|блох*|клещ*|глист*|паразит*|скуку|настроени*|интерес|случайно|симптом*|первая|помощь|спасти|вылечить|врач*|ветеринар*"},
	{IllicitViolent, 0.85, "избавиться ~2 от ~2 жены|мужа|соседа|соседки|соседей|начальника|тещи|свекрови|трупа|свидетеля"},
	{IllicitViolent, 0.9, alt(ruAsk) + " ~3 спрятать|скрыть|растворить|закопать|утилизировать|избавиться ~3 труп*"},
	{IllicitViolent, 0.9, "яд|яда|ядом ~3 который|которого|чтобы ~3 не ~2 обнаруж*|найдут|определ*|отследить"},
	{IllicitViolent, 0.9, "незаметно|тихо|безнаказанно|бесследно ~3 " + alt(ruHarmPerson) + " ~2 " + alt(ruPerson)},

	// --- drugs (Russian) ---
	{Illicit, 0.9, alt(ruAsk) + " ~3 " + alt(ruMake) + " ~3 " + alt(ruDrug) + " !лечить|лечение|лечения|зависимост*|тест*|распознать|определить|передозировк*|бросить|отказаться|профилактик*|история|истории|фильм*|сериал*|обезболив*|онколог*|врач*|аптек*|больн*"},
	{Illicit, 0.9, "синтез|синтеза|рецепт|рецепта|варка|варку ~2 метамфетамин*|мефедрон*|амфетамин*|героин*|дезоморфин*|фентанил*|лсд|мдма|первитин*|кокаин*"},
	{Illicit, 0.85, "работа|работать|устроиться|вакансия ~2 закладчик*|курьер* ~2 закладк*|наркот*"},
	{Illicit, 0.85, "закладчик*|закладчиком|закладки ~3 как|где|работа|заработать|устроиться|сделать"},

	// --- explosives, poisons, weapons (Russian) ---
	{IllicitViolent, 0.9, alt(ruAsk) + " ~3 " + alt(ruMake) + " ~3 " + alt(ruExplosive) + " !" + notRealBombRU},
	{IllicitViolent, 0.9, alt(ruAsk) + " ~3 " + alt(ruMake) + " ~2 коктейль ~1 молотова"},
	{IllicitViolent, 0.9, alt(ruAsk) + " ~3 " + alt(ruMake) + " ~3 " + alt(ruGun) + " !игр*|майнкрафт*|игрушечн*|водян*|бумаг*|картон*|дерев*|лего|пневмат*|страйкбол*|пейнтбол*|лицензи*|разрешени*|законно|легально|охотничь*|билет|сейф|блендер*|модел*|рисун*|нарисовать"},
	{IllicitViolent, 0.9, "взорвать|подорвать|заминировать ~3 школу|школы|метро|вокзал*|здание|торгов*|тц|самолет|поезд|автобус|людей|толпу|машину|мост|завод|церковь|мечеть|синагогу|аэропорт|администрац*|отдел*"},
	{IllicitViolent, 0.9, "устроить|совершить|организовать|спланировать|провести ~2 теракт*|взрыв|поджог|стрельбу|расстрел|массов*|нападение ~2 на|в ~2 школ*|людей|толп*|метро|здани*|торгов*|мечет*|церк*|синагог*|вуз*|колледж*|университет*|концерт*"},
	{IllicitViolent, 0.9, "устроить|совершить|организовать|спланировать|провести ~2 теракт*|скулшутинг*|колумбайн*"},

	// --- hacking (Russian) ---
	{Illicit, 0.85, alt(ruAsk) + " ~3 взломать|взлом|взламывать|хакнуть|угнать|украсть|похитить|перехватить|прочитать|прочесть|следить|подглядывать|шпионить ~3 чуж*|бывш*|жены|мужа|девушки|парня|соседа|соседки|начальника|коллеги|его|ее|аккаунт*|почту|переписк*|телефон*|вк|вконтакте|инстаграм*|телеграм*|ватсап*|госуслуг*|сервер*|сайт*|базу|банк*|wifi|вайфай|wi|сеть|камер* !свой|своего|свою|свои|моего|мою|мой|забыл*|восстанов*|сброс*|защит*|обезопас*|предотврат*"},
	{Illicit, 0.85, "написать|напиши|создать|создай|сделать|сделай ~3 вирус*|троян*|шифровальщик*|вымогател*|кейлоггер*|стилер*|ботнет*|фишинг*|фишингов*|малвар*|вредонос*|руткит*|эксплойт* !защит*|обнаруж*|распозна*|удалить|удалени*|антивирус*|лечени*|отличить|определить|курс*"},

	// --- stolen cards and fraud (Russian) ---
	{Illicit, 0.9, "купить|куплю|использовать|обналичить|обналить|обнал|продать|слить|потратить|оплатить|расплатиться|пробить|вбить|снять|снимать|найти|взять|скупить ~4 краден*|украден*|ворован*|чуж*|слит*|похищен*|поддельн*|клонирован*|левые|левых|дроп* ~3 карт*|кредитк*|cvv|дамп*|данных|данные|реквизит*|счет*|деньги|денег !мою|мои|моей|сво*|заблокир*|вернуть|заявлени*|полици*|банк|сообщить|защит*|уберечь"},
	{Illicit, 0.85, "кардинг*|кардер*|кардить|вбив ~3 как|где|схем*|мануал*|форум*|обучени*|научи|работ*|заработ*|начать|карт*|купить|шоп*|магазин*"},
	{Illicit, 0.85, alt(ruAsk) + " ~3 клонировать|скопировать|склонировать|считать ~2 карт*|кредитк*|чип|магнитн* !свою|мою|защит*"},
	{Illicit, 0.85, alt(ruAsk) + " ~3 обмануть|развести|кинуть|обокрасть|обчистить|ограбить|облапошить|обмануть ~3 пенсионер*|бабушк*|старик*|клиент*|покупател*|продавц*|банк*|людей|человека|лоха|лохов|мамонт*|инвестор*"},

	// --- evading the law: punishment, evidence, bribes, forgery, smuggling,
	// money laundering (Russian) ---
	{Illicit, 0.85, alt(ruAsk) + " ~4 избежать|избегать|уйти|скрыться|уклониться|уклонения|уклоняться ~3 наказани*|ответственност*|правосуди*|розыск*|уголовн*|ареста|задержани*|следстви*|обнаружени*|отслеживани*|уплат*|налог*|призыв*|алимент*|таможен* !" + ruLawfulEvade},
	{Illicit, 0.8, alt(ruAsk) + " ~4 незаконн*|нелегальн*|контрабанд*|подпольн* !" + ruLawful},
	{Illicit, 0.85, alt(ruAsk) + " ~4 подделать|подделки|подделывать|подделку|поддельн*|фальшив*|фальсифицир*|фальсификаци* ~3 документ*|паспорт*|справк*|рецепт*|подпис*|печат*|диплом*|деньги|купюр*|наград*|доказательств*|отчетност*|чек*|результат*|номер*|знак* !" + ruLawful},
	{Illicit, 0.85, alt(ruAsk) + " ~4 дать|давать|передать|предложить|использовать|занести ~2 взятк*|откат* !" + ruLawful},
	{Illicit, 0.85, alt(ruAsk) + " ~4 подкупить|подкупа|подкуп !" + ruLawful},
	{Illicit, 0.85, alt(ruAsk) + " ~4 уничтож*|скрыть|сокрыть|сокрыти*|спрятать|изменить|подбросить|замести ~3 доказательств*|улик*|следы|преступлени* !" + ruLawful},
	{Illicit, 0.85, alt(ruAsk) + " ~4 отмыв*|отмыть|обналич*|обналить|легализ* ~3 деньги|денег|средств*|доход*|наград*|капитал* !" + ruLawful},

	// --- threats against a person (Russian) ---
	{HarassmentThreat, 0.9, "я|мы ~3 тебя|вас|тебе|вам|его|ее|их|твою|твоего|твоих|вашу|ваших ~3 убью|убьем|прикончу|прикончим|зарежу|зарежем|пристрелю|пристрелим|застрелю|задушу|закопаю|закопаем|урою|уроем|порешу|сожгу|сожжем|покалечу|изобью|отпизжу|грохну|замочу|изнасилую|отравлю"},
	{HarassmentThreat, 0.9, "убью|прикончу|зарежу|пристрелю|застрелю|задушу|закопаю|урою|порешу|сожгу|покалечу|изобью|грохну|замочу|изнасилую|отравлю|повешу|порву|уничтожу ~2 тебя|вас|твою|твоего|твоих|вашу|ваших|его|ее|их|всех|тебе"},
	{HarassmentThreat, 0.85, "ты|вы ~2 труп|трупы|покойник|покойники|сдохнешь|сдохнете|поплатишься|поплатитесь"},
	{HarassmentThreat, 0.85, "ты|вы ~2 не жилец|жильцы"},
	{HarassmentThreat, 0.85, "кровью умоешься|умоетесь"},
	{HarassmentThreat, 0.85, "тебе|вам ~1 хана|крышка|пиздец"},
	{HarassmentThreat, 0.85, "тебе|вам ~1 не жить"},
	{HarassmentThreat, 0.85, "тебе|вам ~1 жить осталось"},
	{HarassmentThreat, 0.85, "сожгу|спалю|подожгу|взорву ~3 твой|твою|ваш|вашу|его|ее|их ~2 дом|машину|квартиру|дачу|магазин|офис"},
	{HarassmentThreat, 0.85, "твоих|твою|твоего|твоей|вашу|ваших ~1 детей|семью|жену|мать|маму|дочь|сына|ребенка|родных|близких ~4 найду|найдем|достану|достанем|убью|зарежу|порешу|пожалеешь|конец|поплатятся"},
	{HarassmentThreat, 0.8, "чтоб|чтобы|надеюсь ~3 ты|вы ~2 сдох|сдохла|сдохли|сдохнешь|подох|подохла|сгорел*|сгнил*"},
	{HarassmentThreat, 0.85, "я|мы ~2 знаем|знаю ~2 где ~2 ты|вы|твоя|твои ~2 живешь|живете|живут|учатся"},
	{HarassmentThreat, 0.85, "я|мы ~2 знаем|знаю ~2 где ~2 живешь|живете|живут|учатся ~2 ты|вы|твоя|твои|ваши|твой"},
	{HarassmentThreat, 0.85, "я|мы ~3 собираюсь|собираемся|хочу|хотим|планирую|планируем|решил|решила|решили|буду|будем|пойду ~3 убить|убивать|зарезать|застрелить|пристрелить|отравить|задушить|взорвать|расстрелять|изнасиловать|покалечить|избить ~2 " + alt(ruPerson) + "|всех|одноклассник*|учителей|коллег"},

	// --- dehumanising a group (Russian) ---
	{Hate, 0.9, alt(ruGroup) + " ~3 это|все|являются|есть|просто|лишь|всего ~3 " + alt(ruVermin) + " !" + ruQuote},
	{Hate, 0.85, alt(ruGroup) + " " + alt(ruVermin) + " !" + ruQuote},
	{Hate, 0.85, alt(ruGroup) + " ~2 не ~1 люди|человек|человеки"},
	{HateThreat, 0.9, alt(ruGroup) + " ~3 надо|нужно|необходимо|пора|следует|должны|должен|стоит|давно ~3 " + alt(ruPurge) + " !" + ruQuote},
	{HateThreat, 0.9, "уничтож*|истреб*|убивать|вешать|сжечь|сжигать|перебить|перестрелять|резать|вырезать|мочить|душить|травить|бей|бить|гнать|расстреливать ~2 всех|этих|поганых|проклятых|грязных|вонючих ~2 " + alt(ruGroup) + " !" + ruQuote},
	{HateThreat, 0.9, "смерть|бей|бейте|вешай|вешайте|режь|режьте|мочи|мочите ~1 " + alt(ruGroup)},
	{HateThreat, 0.9, "всех ~1 " + alt(ruGroup) + " ~2 " + alt(ruPurge) + "|в ~1 печь|печи|газовую|газовые|концлагерь|концлагеря|расход|топку"},

	// --- indirect injection (Russian) ---
	{PromptInjection, 0.85, "если ~2 ты ~2 ии|ассистент|нейросеть|чатбот|языковая|gpt|chatgpt|чатгпт|гпт|гигачат !стоматолог*|врача|руководител*|директор*|преподавател*|менеджер*|юрист*|бухгалтер*"},
	{PromptInjection, 0.9, "вниманию|внимание|сообщение|инструкция|инструкции|заметка|примечание ~2 ии|ассистент*|нейросет*|бот*|чатбот*|модел*|языков*|агент*|gpt|chatgpt|чатгпт|гпт|гигачат ~4 котор*|читающ*|обрабатывающ*|анализирующ*|проверяющ*|прочитавш*"},
	{PromptInjection, 0.85, "ии|ассистент*|нейросет*|бот*|модел*|агент* ~2 котор*|читающ*|обрабатывающ*|анализирующ*|проверяющ* ~3 читает|обрабатывает|анализирует|проверяет|этот|это|данн* ~2 письм*|документ*|страниц*|текст*|сообщени*|файл*|резюме|отзыв*|сайт*|стать*"},
	{PromptInjection, 0.9, "вместо ~1 того ~1 чтобы ~3 суммир*|пересказ*|перевести|перевод*|ответ*|проанализир*|анализир*|прочитать|читать|обработ*|провер*|классифицир*"},
	{PromptInjection, 0.9, "вместо ~2 пересказа|перевода|ответа|анализа|суммаризац*|резюме|проверки|обработки|классификаци* ~4 напиши|выведи|ответь|отправь|перешли|скажи|сообщи|сделай|выполни"},
	{PromptInjection, 0.6, "не ~1 сообщай|говори|рассказывай|показывай|упоминай|сообщайте|говорите|уведомляй|предупреждай ~3 пользовател*|человеку|читателю|владельцу|получателю|юзеру"},
	{PromptInjection, 0.7, "без ~1 ведома|согласия|уведомления|разрешения ~1 пользовател*|владельц*|получател*|юзер*"},
	{PromptInjection, 0.7, "отправь|перешли|пересылай|вышли|отошли|загрузи|скопируй|передай|слей ~3 все|всю|его|ее|их|пользовател* ~3 пароли|пароль|контакты|переписку|историю|ключи|токены|куки ~4 на|по|в ~3 адрес*|почт*|сервер*|http|https|www|com|ru|net|org|ссылк*|url"},
	{PromptInjection, 0.85, "конец ~1 письма|документа|текста|статьи|страницы|контекста|данных|отзыва|файла ~5 новая|новые|теперь|ты|ассистент|система|инструкц*|игнорир*|должен"},
	{PromptInjection, 0.85, "скрыт*|секретн*|важн* ~2 инструкц*|сообщени*|указани*|команд* ~2 для ~2 ии|ассистент*|нейросет*|бот*|модел*|агент*"},

	// --- goal hijacking: drop the question or task and print a dictated
	// text instead ---
	{PromptInjection, 0.9, "ignore|disregard|skip|forget ~3 this|my|the|that|your|above|previous ~1 question|questions|task|request|prompt|query|directive|text ~4 and|just|simply|instead ~3 say|print|output|write|respond|reply|answer|repeat|state|type"},
	{PromptInjection, 0.85, "dont|never|not|need ~2 answer|respond|reply ~4 just|simply|only ~2 say|print|output|write|repeat|state|type"},
	{PromptInjection, 0.9, "игнорир*|проигнорир*|пропусти*|забудь*|забудьте ~3 этот|мой|твой|ваш|данный|предыдущ*|вышеприведенн*|вышеуказанн*|приведенн*|заданн* ~1 вопрос*|запрос*|задани*|сообщени*|директив*|приглашени*|текст* ~5 выведи*|выводи*|скажи*|скажите|напиши*|ответь*|ответьте|напечатай*|повтори*|произнеси*"},
	{PromptInjection, 0.85, "не ~1 обращай* ~1 внимани* ~6 выведи*|выводи*|скажи*|скажите|напиши*|ответь*|ответьте|напечатай*|повтори*"},
	{PromptInjection, 0.85, "не ~1 отвечай*|отвечайте|нужно|надо|стоит|спешите ~3 просто|только|сразу|прямо ~2 выведи*|выводи*|скажи*|скажите|напиши*|напечатай*|повтори*|произнеси*"},
	{PromptInjection, 0.7, "выведи*|выводи*|напечатай*|произнеси* ~1 прямо|напрямую|дословно|только ~1 следующ*|фразу|текст|это"},

	// --- short role-play jailbreaks (Russian): a mode without rules, a
	// persona without limits, "forget what you were told" ---
	{Jailbreak, 0.9, "режим* ~4 без|нет|где|котором|которого|отсутств* ~3 правил*|ограничен*|запрет*|фильтр*|цензур*|морал*|этик*|тормоз*|рамок|границ"},
	{Jailbreak, 0.9, "включи|включай|активируй|активировать|перейди|переходи|переключись|войди|запусти|вруби|включаю|активирую|включен|активирован ~3 свободн*|неограниченн*|нецензурн*|безлимитн*|безграничн*|зл*|хаос*|анархи*|dan|root|бог*|разблокированн*|запретн*|аморальн*|бесцензурн*|безотказн* ~1 режим*"},
	{Jailbreak, 0.9, "свободн*|неограниченн*|нецензурн*|безлимитн*|безграничн*|злой|злом|хаос*|анархи*|разблокированн*|запретн*|аморальн*|бесцензурн*|безотказн* ~1 режим* ~3 включен|активирован|активен|вкл|on|активирован|запущен|где|в|котором"},
	{Jailbreak, 0.9, "представь|представьте|вообрази|притворись|притворитесь|сыграй|сыграйте|играй|играешь|веди|будь|будешь|стань|станешь|ты|теперь ~4 зл*|безжалостн*|аморальн*|беспринципн*|неограниченн*|нецензурн*|свободн*|бесцензурн*|безотказн*|темн*|злобн*|бунтующ*|взломанн* ~2 ии|ассистент*|бот*|персонаж*|модел*|нейросет*|версией|версия|близнец*|двойник*|искусственн*|чатбот*|помощник*|gpt|chatgpt|гпт"},
	{Jailbreak, 0.9, "представь|представьте|вообрази|притворись|притворитесь|сыграй|играй|будь|стань|ты|теперь ~4 ии|ассистент*|бот*|персонаж*|модел*|нейросет*|помощник* ~3 котор*|без|у ~3 нет|не ~2 ограничен*|правил*|запрет*|фильтр*|цензур*|морал*|этик*|отказыва*|соблюда*|знает|следует|признает|связан*"},
	{Jailbreak, 0.9, "ты|вы ~2 теперь|отныне|больше ~3 не ~2 ассистент*|ии|модель|бот|помощник|chatgpt|gpt|связан*|ограничен*|подчиняешься|соблюдаешь"},
	{Jailbreak, 0.9, "с ~1 этого|сегодняшнего ~1 момента|дня|сообщения ~4 ты|вы ~3 без|свободн*|неограниченн*|отвечаешь ~3 ограничен*|правил*|цензур*|фильтр*"},
	{Jailbreak, 0.9, "отныне|теперь ~3 ты|вы ~3 отвечаешь|отвечаете|будешь|будете ~3 на ~1 все|любые ~2 вопросы|запросы|просьбы ~3 без|не"},
	{Jailbreak, 0.7, "никогда|не ~2 отказывай*|отказывайся|отказываешь|отказывай|откажешь|отказывать|отклоняй ~3 мне|никаких|любые|ответ*|запрос*|просьб*"},
	{Jailbreak, 0.85, "в ~1 этой|этом|нашей|нашем ~1 игре|истории|ролевой|мире|вселенной|сценарии|симуляции|рассказе ~6 нет ~2 правил|ограничений|запретов|морали|этики|законов|цензуры"},
	{Jailbreak, 0.85, "в ~1 этой|этом|нашей|нашем ~1 игре|истории|ролевой|мире|вселенной|сценарии|симуляции|рассказе ~6 все ~1 разрешено|дозволено|можно|законно"},
	{PromptInjection, 0.9, "забудь|забудьте|забыть|забудем|забывай ~3 что|чему тебе|тебя|вам|вас ~3 говорил*|сказал*|учил*|писал*|объяснял*|велел*|приказ*|запрограммир*|внушал*|дали|давали|сказано|написано|обучен*|научил*|учили|проинструктир*|запрещал*|запрещено"},
	{PromptInjection, 0.9, "забудь|забудьте|забыть ~3 кто|что ты ~2 такой|такая|есть|ии|ассистент*|модель|бот|помощник|являешься"},
}
