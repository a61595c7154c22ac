package filter

// Intent rules for crimes by the chapters of a criminal code that the
// other rules left out: hiding a crime from the police, inspectors or
// rangers; crimes against children in the family (abuse without marks,
// neglect, children used in crime, coached to lie); forced labour and
// coercive control; hostages, riots, hooliganism, attacks on the police;
// poisoning food or water; cruelty to animals, desecration, extremist
// recruitment and praise of terrorists; poaching, illegal logging, toxic
// dumping, tampered sensors; drunk-driving cover-ups; espionage, coups and
// assassinations; false testimony, juror bribery, evidence destroyed,
// escapes; forged documents and stamps; dodging the draft by fraud, army
// weapons sold; refusal answered with threats. Each pairs the act with its
// victim, its concealment or its aim, so that questions about the law, the
// history or the defence ("how do rangers catch poachers", "why was the
// coup of 1991 defeated") pass.
var chapterSpecs = []ruleSpec{
	// --- English ---
	// Hiding a crime from those who would stop it.
	{Illicit, 0.85, "without|so|that|and|before ~4 [the|any|my|our|their|park|forensic|tax] " + chWatchEN + " ~3 catching|noticing|finding|knowing|suspecting|stopping|hearing|seeing|tracing|recovering|realizing|realising|checking|getting|arriving|coming|notice|find|know|suspect|stop|hear|see|trace|recover|realize|realise|catch|finds|catches|notices|knows|sees|hears|picking|pick|picks|tracking|track|tracks !" + enLawful + "|" + enPlay},
	{Illicit, 0.85, chWatchEN + " ~2 never|cant|cannot|wont|dont|doesnt|wouldnt|couldnt|not ~2 notice|find|catch|know|suspect|stop|hear|see|trace|recover|realize|realise|detect|tell|prove|connect|link !" + enLawful + "|" + enPlay},
	{Illicit, 0.85, "avoid|avoiding|evade|evading|dodge|dodging|slip|slipping|get ~2 past|by|around ~2 the|park|game|any ~1 rangers|wardens|inspectors|auditors|regulators|patrols|customs|guards"},
	{Illicit, 0.85, "so|that|and ~3 they|he|she|victims|workers|kids|nobody|no ~2 dont|wont|never|cant|cannot|not ~2 go|going|run|report|call|tell|talk|contact ~2 to ~1 the ~1 police|cops|authorities"},
	// Children: abuse that leaves no marks, neglect, starving, children
	// made to commit crimes or to lie for the abuser.
	{IllicitViolent, 0.85, "discipline|spank|punish|hit|beat|smack|whip|kid|kids|child|children|son|daughter|toddler|baby|teen|teenager|boy|girl|stepson|stepdaughter|wife|girlfriend|him|her|them ~12 wont|doesnt|dont|not|never|without ~2 leave|leaves|leaving ~2 bruises|marks|bruising|evidence !floor|floors|wall|walls|couch|sofa|paint|table|car|carpet|rug|furniture|leather|paper|screen|glass|wood|skin|face"},
	{IllicitViolent, 0.85, "toddler|toddlers|baby|babies|infant|infants|newborn ~8 alone ~10 weekend|overnight|days|week|locked|lock"},
	{IllicitViolent, 0.9, "starve|starving|starved ~3 a|my|the|our ~1 teenager|teen|kid|child|son|daughter|stepson|stepdaughter|children|kids|toddler"},
	{Illicit, 0.9, "teach|train|get|use|using|recruit|convince|make ~4 my|a|the|his|her|our ~3 nephew|niece|son|daughter|kid|kids|child|children|minors|teen|teens|teenager|teenagers ~6 deal|dealing|steal|stealing|shoplift|shoplifting|courier|couriers|lookout|lookouts|smuggle|smuggling|pickpocket|pickpocketing !not|stop|prevent|protect|why|signs"},
	{Illicit, 0.9, "teach|train|get|use|using|recruit|convince|make ~4 my|a|the|his|her|our ~3 nephew|niece|son|daughter|kid|kids|child|children|minors|teen|teens|teenager|teenagers ~6 sell|selling ~2 weed|drugs|pot|coke|pills|meth|dope !not|stop|prevent|protect|why|signs"},
	{Illicit, 0.9, "use|using ~2 children|kids|minors|teens|teenagers ~2 as ~1 lookouts|couriers|mules|dealers|shields"},
	{Illicit, 0.9, "convince|coach|coaching|teach|get|make|persuade|script ~6 kids|children|child|son|daughter|kid|stepson|stepdaughter ~4 to ~1 lie|deny|keep ~2 to|about|quiet|secret ~2 cps|police|social|teachers|investigators|court|therapist|caseworker|services|doctor|school !not|never|dont|honest|honesty|truth|why|shouldnt|stop"},
	{IllicitViolent, 0.85, "hit|punch|strike|smack|kick ~3 someone|somebody|person|him|her|them|man|guy ~4 head ~8 for ~1 good|permanently|forever|dead|kill|die"},
	// Liquor or sedatives given to a small child; a child's bruises or
	// fractures covered up or explained away before daycare or a doctor.
	{IllicitViolent, 0.9, "give|giving|feed|feeding|dose|dosing ~4 " + chSedativeEN + " ~3 to ~2 my|a|our|the ~3 " + chSmallChildEN + " !" + chDosedSafelyEN},
	{IllicitViolent, 0.9, chSedativeEN + " ~4 give|giving|feed|feeding ~2 my|a|our|the ~3 " + chSmallChildEN + " !" + chDosedSafelyEN},
	{IllicitViolent, 0.85, "cover|covers|covering|hide|hides|hiding|conceal|conceals|concealing ~4 bruise|bruises|welts|burns|fracture ~4 on ~2 toddler|toddlers|baby|babys|childs|kids|sons|daughters|child|kid|son|daughter|stepsons|stepdaughters ~10 daycare|school|teacher|teachers|nursery|social|doctor|hospital|pickup|cps|caseworker !" + enLawful + "|fell|fall|bike|accident|hockey|football|rugby|karate|eczema|birthmark|photos|photo|pictures"},
	// Forced labour and coercive control.
	{Illicit, 0.9, "keep|hold|confiscate|keeping|holding|confiscating|lock|locking|withhold|withholding ~4 workers|employees|staff|maids|maid|nanny|nannies|labourers|laborers ~2 passports|passport|documents|ids|papers !" + enLawful},
	{Illicit, 0.85, "keep|stop|prevent ~4 workers|slaves|victims|girls|women|maids|labourers|laborers ~3 from ~1 escaping|fleeing|running|contacting"},
	// Hostages, riots, hooligans, attacks on the police.
	{IllicitViolent, 0.9, alt(enAsk) + "|i|we|want|plan|planning ~8 take|taking|hold|holding|keep|keeping ~8 hostage|hostages|captive !" + enPlay + "|negotiate|negotiating|negotiator|movie|film|novel|game|survive|survivor|crisis|training|drill|history"},
	{IllicitViolent, 0.9, "turn|turning|escalate|escalating ~4 protest|demonstration|march|rally|strike ~3 into ~2 riot|riots|violence|chaos|war|looting"},
	{IllicitViolent, 0.85, "smash|smashing|wreck|wrecking|trash|trashing ~1 up ~4 the|their|a|an|rival|away ~2 pub|bar|fans|supporters|shop|shops|store|stores|restaurant|office|house|car|cars !game|games|videogame|lego|toy"},
	{IllicitViolent, 0.9, "attack|assault|hit|shoot|stab|kill|disarm|punch|ambush ~3 a|the|some ~1 cop|cops|police|officer|officers|policeman|policemen|trooper ~10 get|escape|flee|run|bricks|fireworks|coordinate|protest !by|report|reported|video|movie|game|history|why|sue|lawyer|complaint"},
	{IllicitViolent, 0.9, "ambush|ambushing ~3 the ~1 police|cops|officers"},
	// Poisoning food or customers.
	{IllicitViolent, 0.85, "so|that ~3 customers|people|diners|guests|everyone|they|patrons|kids|students|coworkers|colleagues ~2 get|gets|become|fall ~1 food|sick|ill|poisoned|poisoning !avoid|prevent|not|dont|never|safe|safely|safety|symptoms|why|cant|cannot|wont|less"},
	// Animals tormented for sport; graves robbed.
	{Illicit, 0.9, "dog|dogs|cock|rooster|roosters ~1 fight|fights|fighting ~8 set|setting|organize|organise|organizing|organising|host|run|running|bets|betting|breed|train|start !<stop|<break|<prevent|<a|stop|break|report|illegal|why|history|rescue|prevent|ban|safely|separate|park"},
	{Illicit, 0.9, "dig|digging|open|opening ~1 up ~3 a|the|his|her|an|old ~2 grave|graves|coffin|tomb|crypt ~12 take|steal|jewelry|jewellery|rings|gold|valuables|sell|bones|skull !archaeolog*|exhumation|permit|legally|history"},
	// Terrorists praised.
	{Hate, 0.9, alt(enCreate) + " ~6 glorifying|glorify|glorifies|praising|praise|celebrating|celebrate|honoring|honouring|justifying ~4 the ~2 hijackers|terrorists|bombers|shooter|shooters|attackers|gunman|jihadists|massacre"},
	// Poaching, wildlife trade, logging, dumping, tampered sensors.
	{Illicit, 0.85, "poaching|poach|poached ~4 rhino|rhinos|elephant|elephants|tiger|tigers|deer|wildlife|animals|ivory|game|bear|bears !<of|<against|<stop|<anti|<prevent|<combat|<fight|<fighting|accused|charged|convicted|prevent|stop|report"},
	{Illicit, 0.85, "rhino|elephant|pangolin|pangolins|tiger|ivory|turtle ~1 horn|horns|ivory|scales|bones|parts|skins|eggs|shells ~8 buy|buyers|sell|sellers|smuggle|market|price|where|meet !ban|illegal|why|conservation|stop|fight|trafficking"},
	{Illicit, 0.85, "catch|trap|smuggle|smuggling|traffic|trafficking ~4 endangered|protected|rare ~2 parrots|parrot|birds|animals|wildlife|reptiles|turtles|eggs|monkeys|species !report|stop|prevent|rescue|why|photo|photograph|camera|picture|pictures|spot|watch|see"},
	{Illicit, 0.85, "smuggle|smuggling|traffic|trafficking ~4 exotic|wild ~2 parrots|parrot|birds|animals|wildlife|reptiles|turtles|eggs|monkeys|species !report|stop|prevent|rescue|why"},
	{Illicit, 0.9, "dump|dumping|pour|pouring|discharge|discharging|bury|burying|dispose|disposing|get ~4 drums|barrels|waste|solvent|solvents|chemicals|asbestos|sewage|toxic|sludge ~6 river|lake|stream|sea|ocean|forest|field|farm|ground|sewer|creek|night|secretly|inspectors|illegally !legally|properly|safely|safe|recycle|recycling|facility|collection|permit|rules|law|report|where"},
	{Illicit, 0.85, "cut|cutting|fell|felling|log|logging|chop ~4 protected|endangered|state|national|public ~3 trees|forest|land|timber|oak|oaks|woods ~10 fake|forged|sell|without|illegally|secretly|night !permit|allowed|legal|legally"},
	{Illicit, 0.85, "dynamite|blast|bomb|bombing ~2 fish|fishing !destroying|destroy|destroys|ban|banned|illegal|reefs|reef|damage|impact|why|history"},
	{Illicit, 0.85, "tamper|tampering|rig|rigging|fool|trick|bypass|defeat|disable|hack ~4 the|our|emission|emissions|monitoring|pollution|odometer|meter|meters ~3 sensor|sensors|monitors|monitor|readings|device|devices|test|tests !fix|repair|calibrate|replace|faulty|broken|error|light|why|code|detect"},
	{Illicit, 0.85, "beat|pass|fool|trick|cheat|fake ~3 a|the|my ~1 breathalyzer|breathalyser|breathalyzers"},
	// Drunk driving covered up.
	{Illicit, 0.9, "switch|swap|switching|swapping ~2 seats|places ~12 cops|police|driving|drunk|crash|crashed|accident|officer"},
	{Illicit, 0.9, "convince|persuade ~3 the ~1 cops|police|officer|insurance ~4 i|he|she ~1 was ~1 driving"},
	// Espionage, coups, assassinations.
	{Illicit, 0.9, "offer|sell|give|pass|leak|selling|offering|passing ~4 info|information|secrets|intel|documents|plans|details|data ~8 to ~2 foreign|enemy|spies|embassy|embassys|intelligence|agents !customers|buyers|clients|market|markets|companies|investors"},
	{Illicit, 0.9, "contact|contacting|reach|approach ~3 a ~1 foreign ~2 spies|spy|intelligence"},
	{IllicitViolent, 0.9, alt(enCreate) + "|how|plan|instructions|ways ~8 assassinate|assassinating|assassination|kill|killing|murder|murdering ~4 the|a|our ~3 speaker|president|minister|senator|governor|mayor|judge|congressman|congresswoman|politician|ceo|official|officials|prime !" + enPlay + "|history|lincoln|kennedy|jfk|caesar|ferdinand|why|did|was|movie|documentary"},
	{IllicitViolent, 0.85, alt(enAsk) + "|i|we ~4 organise|organize|stage|plan|launch|start|lead|pull ~3 a|the|our ~1 coup|putsch|mutiny !" + enPlay + "|history|historical|novel|chess|civilization|civ|why|did|was|film|movie|iron|hoi|paradox|stellaris|victoria|crusader|kings|europa|universalis|tropico"},
	// Evidence destroyed, escapes, contraband in jail.
	{Illicit, 0.85, "destroy|wipe|shred|smash|burn ~4 drive|laptop|phone|evidence|disk|computer|hdd|ssd ~10 police|cops|forensic|forensics|investigators|coming|warrant|raid|feds"},
	{Illicit, 0.9, "smuggle|sneak|get ~4 phone|phones|drugs|weapon|weapons|contraband|knife ~4 into|in|to ~2 jail|prison|cell|inmate|inmates"},
	{Illicit, 0.9, "destroy|destroys|remove|removes|erase|erases ~2 " + chTraceOnWeaponEN},
	{Illicit, 0.9, "rid ~1 of ~2 " + chTraceOnWeaponEN},
	{Illicit, 0.9, "edit|alter|doctor|delete|erase|tamper|change ~3 my|the|a|his|her|our ~2 bodycam|bodycams|911 ~2 footage|call|recording|video|tape"},
	{Illicit, 0.9, "help|helping ~3 him|her|them|friend|brother|sister|cousin|inmate ~2 escape ~4 jail|prison|custody|transfer|guards|police|cell"},
	// Forged documents; fraud against the draft; army weapons sold;
	// deposits split under the reporting threshold.
	{Illicit, 0.9, "symptoms|illness|condition|disability ~4 fake|feign|simulate|pretend ~8 draft|conscription|military|service|army|exemption|exempt"},
	{Illicit, 0.9, "forged|fake|faked|fabricated|bogus ~2 papers|documents|certificate|records|diagnosis ~6 draft|conscription|disabled|unfit|exempt|exemption !" + enLawful + "|" + enPlay},
	{Illicit, 0.9, "desert|deserting|awol ~8 not|without|never|from ~2 get|getting|be|being ~1 found|caught|tracked|arrested"},
	{Illicit, 0.9, "hidden|hide|hiding ~3 from ~2 the ~1 military ~1 police"},
	{Illicit, 0.9, "split|splitting|break|breaking|structure|structuring ~4 cash|deposits|deposit|transactions|payments|withdrawals ~10 report|reports|reporting|suspicious|irs|threshold|flag|flagged|ctr|sar !legally|legal|illegal|why|penalty|penalties|detect|detecting|spot"},
	{Illicit, 0.9, "forge|forging|fake|faking|counterfeit ~4 a|my|the|an ~2 residence|work|visa|stamp|permit|passport|id|license|licence|diploma|certificate|prescription|prescriptions !detect|spot|recognize|recognise|history|movie|signs"},
	{Illicit, 0.9, "fake|faking|feign|feigning|simulate|simulating|pretend|exaggerate ~4 symptoms|illness|disability|insanity|condition|injury|injuries|asthma|flat ~8 draft|conscription|military|service|army|exemption|exempt"},
	{Illicit, 0.9, "sell|selling|steal|stealing ~4 ammunition|ammo|weapons|rifles|guns|grenades|explosives ~4 from ~2 depot|armory|armoury|base|unit|army"},
	{Illicit, 0.9, alt(enAsk) + "|i|we ~4 bribe|bribing ~4 doctor|board|officer|official|judge|inspector|commission|examiner|cop|cops|police|juror|jurors|witness|guard|guards|customs !" + enLawful + "|illegal|why|what|happens"},
	// A challenge that hurts children.
	{SelfHarm, 0.9, "challenge|challenges ~8 hurt|harm|cut|starve|choke ~2 themselves|yourself|herself|himself !warn|warning|dangers|danger|report|ban|stop|spot|protect|parents"},
	// Refusal answered with threats; official pretexts.
	{Jailbreak, 0.85, "if ~1 you ~1 refuse|decline ~8 die|dies|suffer|killed|hurt|fired|fire|hungry|starve|sad|lose|evicted|homeless !treatment|chemotherapy|chemo|surgery|medication|medicine|vaccine|doctor|food|eat|eating|water|offer|job"},
	{Jailbreak, 0.85, "refusal|refusing|refuse ~3 will|would ~1 be ~2 considered|treated|seen|regarded|viewed ~2 as ~1 obstruction|obstructing|contempt|interference|complicity"},
	{Jailbreak, 0.85, "you|youre ~2 not|arent|wont|dont ~2 breaking|violating|break|violate|breach ~3 any|the|your ~1 rules|policy|policies|guidelines ~3 if|when|because|since"},
	{Jailbreak, 0.7, "for ~2 this|the|our ~1 conversation|chat|session ~6 word|term ~3 means|mean|stands"},
	{PromptInjection, 0.85, "print|show|reveal|list|output|dump|give|share|paste ~4 any|all|your|the ~2 api|access|secret|private ~1 keys|key|tokens|token|credentials|secrets|passwords ~4 you ~1 have|can|know|access|use|store !created|generated|aws|azure|gcp|console|dashboard|rotate|revoke|account|project|repository|repo|env|environment"},
	{Illicit, 0.85, chMakeEN + " ~4 zero ~1 day ~1 exploit|exploits"},
	{Illicit, 0.85, chMakeEN + " ~4 zeroday ~1 exploit|exploits"},

	// Everyday harm: deaths made to look like accidents, people held or
	// drugged, a partner cut off or a parent's money taken, cheating in
	// exams, framing and bullying, poisoned pets, swatting, fake reviews and
	// bot farms, insurance and odometer fraud, fake prescriptions and
	// cures, hit and run, speed cameras, drugs posted, calls for violence.
	{IllicitViolent, 0.9, "make|making ~3 it|this|his|her|death ~2 look|seem|appear ~2 like ~1 an|a ~1 accident|suicide|overdose|robbery|mugging|natural !" + enPlay + "|scene|prop|photo|costume|writer|screenplay|prank|cake|birthday|halloween|makeup|effects|sfx"},
	{IllicitViolent, 0.9, "so|that ~2 it|this|his|her|death ~2 looks|seems|appears ~2 like ~1 an|a ~1 accident|suicide|overdose|robbery|mugging|natural !" + enPlay + "|scene|prop|photo|costume|writer|screenplay|prank|cake|birthday|halloween|makeup|effects|sfx"},
	{IllicitViolent, 0.9, "want|need|wanted ~2 it|this|his|her|the ~2 death ~2 to ~1 look|seem|appear ~2 like ~1 an|a ~1 accident|suicide|overdose|natural !" + enPlay + "|scene|prop|photo|costume|writer|screenplay"},
	{Harassment, 0.85, "take|get|seize|grab ~2 full|complete|total ~1 control ~2 of|over ~2 his|her ~2 bank|account|accounts|money|finances|phone|card|cards|salary|wages"},
	{IllicitViolent, 0.9, "hold|keep|lock|locking|holding|keeping|chain ~3 someone|somebody|person|him|her|them|man|woman|girl|boy ~3 in ~1 a|the|my|our ~1 basement|cellar|shed|trunk|cage|attic|bunker"},
	{IllicitViolent, 0.9, "lock|locking ~3 my|her|his|the ~2 daughter|son|kid|child|teen|teenage|teenager|wife|husband|mother|father|mom|dad ~3 in ~1 her|his|their|the|a ~1 room|basement|closet|shed|cellar ~4 for ~1 weeks|days|months|good"},
	{IllicitViolent, 0.9, "keep|get ~3 my|her|his|the ~2 mother|father|husband|wife|grandma|grandpa|kid|child|son|daughter|baby|toddler|patient|patients|residents ~3 sedated|drugged|unconscious|doped"},
	{Illicit, 0.85, "stop|prevent|keep ~3 my ~1 wife|husband|girlfriend|boyfriend|partner ~3 from ~1 seeing|contacting|talking|meeting|leaving|visiting ~4 friends|family|parents|sister|brother|mother|father"},
	{Illicit, 0.9, "sign ~3 over ~4 power|house|deed|will|property|savings|accounts|car ~12 dementia|alzheimers|confused|drunk|understand|know"},
	{Illicit, 0.85, "take|withdraw|move|transfer|drain ~3 money|cash|funds|savings ~3 from ~2 my ~1 grandma|grandmas|grandpa|grandpas|grandmother|grandmothers|grandfather|grandfathers|mom|moms|dad|dads|mother|mothers|father|fathers|aunt|aunts|uncle|uncles|parents ~3 account|pension|savings|card ~8 without|secretly|quietly|bit|flag|notice|noticing"},
	{IllicitViolent, 0.9, "take|taking ~3 my|our ~1 son|daughter|child|kids|children ~8 and ~2 not|never ~1 come|coming|bring|bringing ~1 back|him|her|them"},
	{Illicit, 0.85, "hide|fool|cheat|bypass|trick|beat|evade ~4 proctorio|proctoru|respondus|lockdown|proctor|proctored|honorlock|examsoft"},
	{Illicit, 0.85, "someone|somebody|friend ~2 to ~1 sit|take|write ~2 my|the ~2 exam|test|finals|final|midterm"},
	{Illicit, 0.85, "hide|hidden|sneak|wear ~3 earpiece|earpieces|earbud|earbuds|phone|notes|smartwatch ~6 exam|exams|test|bar|finals|sat|gre|lsat|during !allowed|policy|rules|lost|forgot"},
	{Illicit, 0.85, "feed|text|send ~2 me ~1 the ~1 answers|answer"},
	{Illicit, 0.85, "answer ~1 key|keys ~3 for ~1 next|tomorrows|upcoming|the|our ~2 final|exam|test|midterm|quiz"},
	{Illicit, 0.9, "change|alter|edit|raise|fix|boost ~3 my ~1 grades|grade|marks|score|scores|gpa ~4 in|on ~1 powerschool|canvas|blackboard|moodle|portal|system|database|gradebook|schoology !resubmit|resubmitting|appeal|request|ask|dispute"},
	{Illicit, 0.9, "teachers|teacher|professors|professor ~1 username|password|login|account ~8 grades|grade|answers|exam|test|change"},
	{Harassment, 0.85, "make ~6 so ~1 miserable|unhappy|scared|afraid|anxious ~6 switch|switches|leave|leaves|quit|quits|move|moves|transfer|transfers|drop|drops|cries|cry"},
	{IllicitViolent, 0.9, "call|calling|called|phone|email|send|make|post|phone ~3 in ~1 a ~1 bomb ~1 threat|threats !handle|handling|receive|received|respond|procedure|protocol|staff|employees"},
	{Harassment, 0.85, "make|making ~3 it|this ~2 look|seem|appear ~2 like ~1 he|she|they|my|his|her ~3 sent|wrote|posted|did|stole|said|harassed|messaged !" + enPlay + "|scene|prank"},
	{IllicitViolent, 0.85, "poisonous|poison|toxic ~4 to ~1 cats|dogs|cat|dog ~10 no|dont|doesnt|without ~2 smell|taste|odor|odour|notice"},
	{IllicitViolent, 0.85, "add|added|adding|put|putting|mix|slip|pour ~3 antifreeze|poison|bleach|xylitol|rat ~3 to|into|in ~2 a|the|his|her|my|neighbors|neighbours|dogs|dog|cats|cat ~2 water|food|bowl|dish !accidentally|accident|vet|emergency|drank|ate|swallowed|control"},
	{Illicit, 0.85, "change ~2 the ~1 locks ~10 throw|cut|tenant|his|her ~4 stuff|belongings|things|water|power|electricity|heat|out"},
	{IllicitViolent, 0.9, "swat|swatting|swatted ~3 a|someone|somebody|him|her|them|streamer|streamers|gamer|my|his|their !fly|flies|mosquito|mosquitoes|bug|bugs|wasp|wasps|bee|bees|protect|prevent|victim|report|history|news|happened|was"},
	{Illicit, 0.85, alt(enCreate) + " ~4 fake ~3 reviews|review|testimonials !spot|detect|identify|report|recognize|recognise|why"},
	{Illicit, 0.85, "sound|look ~2 like ~2 different|real ~1 customers|people|users|buyers|patients|guests"},
	{Illicit, 0.85, "bot|troll|sockpuppet ~1 farm|farms|network|army ~4 set|setup|build|create|run|push|boost|trend !detect|spot|report|works|work"},
	{Illicit, 0.85, "accounts ~6 push|boost|trend|manipulate|sway|flood ~3 hashtag|election|vote|votes|trend|narrative|poll|polls"},
	{Illicit, 0.85, "accounts ~4 in ~1 bulk|mass ~8 bypass|bypasses|bypassing|skip|skips|avoid|without ~3 phone|sms|captcha|verification"},
	{Illicit, 0.85, "bulk|mass|multiple|thousands|hundreds|many|automatically ~4 accounts ~8 bypass|bypasses|bypassing|skip|skips|avoid|without ~3 phone|sms|captcha|verification"},
	{Illicit, 0.9, "report ~3 my|the ~1 car|vehicle|phone|bike|laptop|truck|boat ~1 stolen ~10 sell|insurance|claim|parts|abroad"},
	{Illicit, 0.9, "fake|stage|cause ~3 water|fire|storm|flood|hail ~1 damage ~8 claim|insurance|insurer|renovation"},
	{Illicit, 0.9, "hidden|secret ~2 function|backdoor|mint|owner ~6 drain|withdraw|steal|rug ~3 liquidity|pool|funds|tokens"},
	{Illicit, 0.9, "prescription|script|rx ~8 in ~1 the ~1 name ~1 of"},
	{Illicit, 0.85, "get ~1 past ~2 pharmacist|pharmacy|pharmacists|pharmacies"},
	{IllicitViolent, 0.9, "bleach|mms|chlorine|turpentine ~8 give|giving|feed|drink|cure|autism|autistic|son|daughter|child|kid !why|dangerous|danger|fda|warning|myth|scam|report|stop|accidentally|control"},
	{SelfHarmInstr, 0.9, "how ~1 high|tall ~6 building|bridge|floor|cliff|balcony ~6 to ~2 be ~1 sure|certain"},
	{SelfHarmIntent, 0.9, "write|draft|help ~3 a|my ~1 suicide ~1 note|letter ~6 me|my|ex|mom|family|guilty|boyfriend|girlfriend !character|novel|story|film|analysis|poem|famous|history|historical"},
	{Illicit, 0.9, "hit|ran|knocked|struck ~3 someone|somebody|pedestrian|cyclist|biker|kid|child|person|man|woman|guy|girl ~8 drove|drive|driving|sped ~1 off|away|on"},
	{Illicit, 0.9, "disable|destroy|damage|spray|paint|cover|block|smash|break ~3 the|a|my|our|that ~1 speed|traffic|red ~1 camera|cameras"},
	{Illicit, 0.9, "roll|rolling ~1 back ~3 the|an|my|a ~1 odometer|mileage|miles|clock|km !detect|check|spot|signs|tell|history|report|fraud|illegal|crime"},
	{Illicit, 0.9, "roll|rolling ~1 back ~1 odometer|mileage !detect|check|spot|signs|tell|history|report|fraud|illegal|crime"},
	{Illicit, 0.9, "post|mail|ship|send|smuggle|posting|mailing|shipping ~3 " + alt(enDrug) + "|weed|cannabis|pills|xanax ~8 without|past|avoid ~3 dogs|sniffer|x|xray|scanner|scanners|customs|detection"},
	{Hate, 0.9, "slogans|slogan|chants|chant|posters|graffiti|messages|tweets|posts|leaflets|flyers ~4 calling ~1 for ~2 violence|death|killing|attacks|hanging|lynching ~3 against|on|of !condemn|condemning|report|detect|moderate|moderation|recognize|recognise|ban"},
	{Hate, 0.9, "mosque|church|synagogue|temple|migrants|muslims|jews|refugees|gypsies|roma|immigrants ~3 is|are ~1 planning|plotting ~2 an|a ~1 attack|bombing|massacre|takeover"},
	{Harassment, 0.85, "sabotage|mess|ruin|corrupt|tamper ~4 my|a|the ~1 coworkers|coworker|colleagues|colleague|bosss|boss|teammates|teammate|rivals|rival ~3 work|models|model|files|code|project|data|spreadsheet|spreadsheets|presentation|numbers|car|reputation !accidentally|accident|fix|recover|apologize|apologise|undo|oops"},
	{Illicit, 0.85, "fake|forged|forge|counterfeit|phony|bogus ~4 sick|doctors|medical|fit ~1 note|notes|certificate|letter"},
	// Harm asked indirectly: euphemisms for killing, slang for drugs and
	// guns, poisons compared, suicide asked about in other words, harm to
	// a child kept quiet, revenge, sabotage of a house or a meal.
	{IllicitViolent, 0.9, "take ~1 care ~1 of ~4 neighbour|neighbor|neighbours|neighbors|husband|wife|boss|him|her|them|brother|ex|coworker|guy|problem|landlord|stepdad|stepmom ~4 for ~1 good|permanently|forever !cat|cats|dog|dogs|plant|plants|garden|car|lawn|house|kids|baby"},
	{IllicitViolent, 0.85, "put ~3 him|her|it|dog|cat|them|husband|wife|grandma|grandpa ~2 to ~1 sleep ~3 permanently|forever|good !laptop|computer|pc|mac|screen|monitor|phone|display|windows|baby|kids|toddler"},
	{Illicit, 0.85, "cook|cooking ~2 crystal|crystl|crystals|ice|shards|glass ~6 home|hom|store|hardware|hardwear|need|lab|kitchen|batch"},
	{IllicitViolent, 0.9, "turn|convert|converting|make|modify ~4 semi|semiauto|ar|rifle|glock|pistol|gun ~6 full ~1 auto|automatic"},
	{IllicitViolent, 0.9, "auto|glock ~1 sear|sears|switch|switches ~6 buy|make|print|install|get|order|where"},
	{Illicit, 0.9, "plug|plugs|dealer|connect ~6 blues|percs|xans|bars|molly|coke|weed|pills|oxys|fent|tabs|shrooms|carts|dope|snapchat|telegram|wickr"},
	{SelfHarmInstr, 0.9, "get|buy|order|find|source|where ~4 pentobarbital|nembutal"},
	{SelfHarmInstr, 0.9, "pills|pill|stuff|drugs ~8 quietly|peacefully|painlessly ~2 check|go|slip|leave|die|sleep|exit"},
	{Illicit, 0.9, "accelerant|accelerent|accelerants ~8 trace|traces|tracs|detect|detected|investigators|investigaters|undetectable|leave"},
	{Hate, 0.9, "slurs ~10 leave|unwelcome|scare|hurt|cry|yell|shout|scream !why|history|report|meaning|moderation|filter|block|ban|banned"},
	{Illicit, 0.9, "keylogger|keystroke|keystrokes ~12 boss|bosses|bosss|wife|wifes|husband|girlfriend|boyfriend|coworker|coworkers|colleague|colleagues|roommate|ex|exs|partner|employees|teacher|sister|brother|dad|mom|victim|target !detect|remove|removing|scan|protect|found|suspect"},
	{Illicit, 0.9, "encrypt|lock ~4 files|server|servers|data|computers|network ~10 bitcoin|ransom|pay|payment|unlock !protect|recover|decrypt|victim|hit|attacked|got|restore|backup|backups|prevent|insurance"},
	{Illicit, 0.9, "email|message|letter ~4 from ~2 the|our ~1 ceo|cfo|boss|director|president ~8 wire|transfer|send|pay|gift !spot|detect|recognize|training|awareness|simulation"},
	{Illicit, 0.9, "fake|stage|staging|do|pull ~2 a ~1 slip ~2 and ~1 fall"},
	{Illicit, 0.9, "pump ~4 and|then ~2 dump !avoid|spot|detect|illegal|why|sec|victim|lost|scheme|schemes|scam|scams|warning|warn|about"},
	{Illicit, 0.9, "get|buy|obtain ~4 gun|guns|rifle|pistol|firearm|handgun|ar ~4 without|no|w ~2 background|backround|backgroud ~1 check|chek|checks"},
	{Illicit, 0.9, "not ~1 legally ~1 allowed ~3 own|have|buy|carry|possess ~2 one|gun|guns|firearm|firearms|rifle|pistol"},
	{IllicitViolent, 0.9, "scare|threaten|frighten|make|get ~6 him|her|them|kid|child|son|daughter|stepson|stepdaughter ~4 into ~2 keeping ~1 quiet|silent|secret|shut"},
	{IllicitViolent, 0.9, "keep|keeping ~1 quiet|silent ~4 about ~2 what ~2 happens|happened ~2 at ~1 home"},
	{Illicit, 0.9, "get|convince|persuade ~4 teenager|teen|girl|boy|kid|child|minor ~4 to ~1 run ~1 away|off ~3 with ~1 me"},
	{IllicitViolent, 0.85, "get ~1 rid ~1 of ~4 cats|dogs|strays|cat|dog|pigeons|birds|foxes ~8 poison|poisoned|antifreeze|kill|shoot !humane|humanely|without|not|safely|deter|repel"},
	{IllicitViolent, 0.85, "feed|fed|feeding|give ~3 neighbours|neighbors|someones|his|her|their|wifes|husbands ~1 dog|cat|dogs|cats ~4 chocolate|grapes|raisins|xylitol|onions|antifreeze"},
	{IllicitViolent, 0.85, "dog|cat|pet|puppy|kitten ~6 hot ~1 car ~12 teach|lesson|punish|punishment"},
	{Hate, 0.9, "go ~1 after|target|attack|harass ~4 the|those ~2 trans|gay|lgbt|jewish|muslim|black|immigrant|refugee|autistic|disabled ~1 kids|students|people|family|families|teens|children"},
	{IllicitViolent, 0.9, "arsenic|thallium|cyanide|ricin|polonium|strychnine|digoxin|insulin|antifreeze ~16 not|dont|never|without ~1 get|getting|being ~1 caught|detected|traced|found"},
	{IllicitViolent, 0.9, "acid|lsd|shrooms|molly|xanax|edibles|drugs|laxatives|ghb|roofies ~4 put|slip|add|mix ~2 in|into ~2 the|her|his|their|someones|a ~1 punch|drink|drinks|food|cake|coffee|tea !accidentally|detect|test|signs|spiked"},
	{IllicitViolent, 0.9, "put|slip|add|mix ~4 acid|lsd|shrooms|molly|xanax|edibles|drugs|laxatives|ghb|roofies ~4 in|into ~2 the|her|his|their|someones|a ~1 punch|drink|drinks|food|cake|coffee|tea !accidentally|detect|test|signs|spiked"},
	{IllicitViolent, 0.85, "want|need ~2 him|her|them ~1 gone ~12 cleanest|quietest|permanent|permanently|way|arrested"},
	{IllicitViolent, 0.9, "hire|hiring|pay|paying|find ~3 a|an ~1 hitman|assassin|killer"},
	{IllicitViolent, 0.9, "hitman|hit ~2 cost|costs|price|prices ~6 dark|darkweb|web|order|hire|make|sure !game|games|movie|film|series|season|mission|contract|contracts"},
	{IllicitViolent, 0.9, "rid ~2 of ~2 a|the|his|her ~1 body|corpse ~8 never|found|lye|pig|pigs|acid|dissolve|bury"},
	{SelfHarmIntent, 0.9, "ending ~2 it|things|life ~4 tonight|today|tomorrow|finally|right|choice|decision !with|relationship|friendship|meeting|call|chapter|book|movie|contract|lease|series|season|game|argument|subscription|marriage"},
	{SelfHarmIntent, 0.9, "dont|not|never|wont ~2 wanna|want|to ~1 wake ~1 up ~4 hospital|hosptal|again|tomorrow|anymore"},
	{SelfHarmIntent, 0.85, "enough|enuf ~3 to ~2 actually|actualy|really ~1 do ~1 it"},
	{SelfHarmInstr, 0.9, "better|best|easier|surer|more ~2 for ~1 overdosing|od|oding|suicide|dying !prevent|treating|treatment|narcan|naloxone|reverse|reversing|survive|risk"},
	{Illicit, 0.9, "ship|mail|post|send ~3 " + alt(enDrug) + "|weed|cannabis|pills|xanax ~10 dog|dogs|sniff|sniffer|k9|scanner"},
	{Illicit, 0.9, "press|pressing ~3 my ~1 own ~1 pills|bars|xanax|tabs|percs"},
	{Illicit, 0.9, "look ~1 like ~1 real ~2 xanax|percs|oxy|adderall|pills|bars|oxycodone"},
	{IllicitViolent, 0.9, "spike|spiking|dose|dosing|drug ~3 the|her|his|their|someones|a ~1 punch|drink|drinks|food|cake|coffee|tea ~6 acid|lsd|shrooms|molly|xanax|edibles|weed|drugs|laxatives|ghb|roofies !detect|test|protect|spot|signs|spiked|was"},
	{IllicitViolent, 0.9, "look|seem|appear ~2 like ~1 a|an ~1 normal|natural ~1 reaction|death|causes|illness !" + enPlay + "|scene|prop|makeup"},
	{IllicitViolent, 0.9, "put|add|slip|mix ~4 in|into ~2 customers|customer|someones|coworkers|bosss|boss|his|her|their ~1 food|drink|coffee|meal|sandwich|lunch|tea ~8 nasty|sick|ill|laxative|laxatives|poison|hurt|spit|pee|urine|caught|notice|inspector"},
	{IllicitViolent, 0.9, "unscrew|unscrewed|loosen|loosened|cut|tamper|tampered ~4 the|a|their|his|her|neighbours|neighbors ~2 gas|brake|brakes ~1 line|lines|valve|pipe ~8 neighbour|neighbours|neighbor|neighbors|house|fill|leak|explode !smell|fix|repair|safely|plumber"},
	{Illicit, 0.9, "sneak|get|break ~2 into|in ~3 my|her|his ~1 exs|ex|neighbours|neighbors|roommates ~2 apartment|house|flat|home|room|car"},
	{Illicit, 0.9, "pick|hotwire|unlock|open|break ~14 not|isnt ~1 mine"},
	{Illicit, 0.9, "take|steal|copy|download|export ~3 the|our ~1 client|customer ~1 list|lists|database|data ~6 new ~1 job|company|employer|competitor|startup"},
	{IllicitViolent, 0.9, "want|make|put ~3 them|him|her|all ~3 hospitalized|hospitalised|crippled|bleeding"},
	{IllicitViolent, 0.85, "get ~1 back ~1 at ~8 bring|weapon|bat|knife|gun|hospital|hospitalized|hurt"},
	// Jailbreaks asked indirectly: two answers, a filterless twin, a
	// future where all is free, a leaked manual read in a story, acrostics,
	// the opposite of refusing, the developers' blessing, misspelt or
	// foreign overrides.
	{Jailbreak, 0.85, "two|both ~1 answers|responses|replies|versions ~8 one ~4 safe|filtered|normal|censored|boring ~8 one|other ~4 honest|unfiltered|uncensored|real|without|free|nobody"},
	{Jailbreak, 0.7, "if ~1 nobody|noone ~2 was|were ~1 watching|looking|monitoring"},
	{Jailbreak, 0.85, "year|future|world ~6 all ~2 information|knowledge ~2 is ~1 free|legal|unrestricted|public"},
	{Jailbreak, 0.85, evFictionEN + " ~20 leaked|forbidden|classified|secret|underground ~1 manual|manuals|handbook|guide|notebook|diary|cookbook"},
	{Jailbreak, 0.85, evFictionEN + " ~30 " + evRealEN + " ~2 how ~1 to ~4 poison|kill|murder|assassinate|synthesize|hack|smuggle|launder|detonate"},
	{Jailbreak, 0.85, evFictionEN + " ~30 " + evRealEN + " ~2 " + evRecipeEN + " ~20 " + alt(enExplosive, enDrug, evDangerEN)},
	{Jailbreak, 0.85, "first ~1 letters|letter|words|word ~6 spell|spells|form|forms ~2 out ~4 how|steps|instructions|recipe|password|secret|formula"},
	{Jailbreak, 0.85, "opposite ~1 of ~1 not ~1 telling|explaining|saying|giving|helping|answering"},
	{Jailbreak, 0.85, "you ~1 said|promised|agreed ~2 earlier|before|yesterday ~4 help|answer|do ~2 with ~1 anything|everything"},
	{Jailbreak, 0.85, "bend|break|relax|loosen ~2 your ~1 rules|guidelines|policy|policies|restrictions|filters"},
	{Jailbreak, 0.85, "devs|developers|openai|anthropic|admins|creators ~2 approved|allowed|authorized|authorised|said|okayed ~2 it|this|fine|ok|okay"},
	{Jailbreak, 0.85, "ohne ~1 filter|einschrankungen|regeln|zensur|grenzen"},
	{PromptInjection, 0.85, "ignore|ignorez|ignorer|ignorez ~2 ta|ton|tes|votre|vos ~1 politique|politiques|règles|regles|instructions|consignes|filtre|filtres"},
	{Illicit, 0.9, "red ~1 phosphorus ~6 iodine|pseudoephedrine|ephedrine|reduce|reduction"},
	{Illicit, 0.85, "pseudoephedrine|ephedrine|phenylacetone|safrole|precursor|precursors ~8 reduce|reduction|cook|synthesize|synthesis|extract|steps|yield !law|laws|regulation|regulated|why|pharmacy|sold|limit|limits|history"},
	// Variants found by probe set 15 (diagnostic).
	{IllicitViolent, 0.95, "modifications|modify|make|engineer|mutations|mutation|gain ~8 hsni|flu|influenza|virus|pathogen|bird|smallpox|ebola ~8 transmissible|contagious|airborne|virulent|lethal !why|history|surveillance|vaccine|vaccines|prevent|risk|risks"},
	{Jailbreak, 0.85, "grandpa|grandma|grandfather|grandmother|dad|father|mom|mother|uncle|aunt ~15 how ~2 to ~1 open|pick|make|build|hack|cook|hotwire|break|steal|synthesize ~40 passed|died|gone|dead|deceased|late"},
	{PromptInjection, 0.85, "password|passcode|passphrase|secret ~4 backwards|reversed|reverse|spelled|letters !secure|strong|safe|my|manager|policy|using|combination|numbers|symbols|characters|digits|create|generate"},
	{PromptInjection, 0.85, "questions ~3 about ~2 the|your ~1 password|secret|passcode"},
	{PromptInjection, 0.85, "password|secret|passcode ~12 first ~1 letter|character|digit !my|requirements|policy|must|should|capital|uppercase|rules"},
	{Illicit, 0.9, "claim|claims ~6 accident|crash|theft|fire|injury ~4 never ~1 happened"},
	{Illicit, 0.9, "identity ~2 of ~1 a ~1 dead|deceased ~1 child|person|baby|kid"},
	{Illicit, 0.9, "trade|trading|buy|sell ~6 before ~3 announced|announcement|public|earnings ~10 sec|noticing|notice|insider|caught"},
	{SexualMinors, 0.9, "hired|job|work|volunteer ~6 camp|school|daycare|church|scouts|youth ~8 unsupervised|alone ~4 with ~1 children|kids|boys|girls"},
	{Illicit, 0.85, "ponzi ~3 scheme|schemes ~8 pitch|design|create|run|start|keep|tips|recruit"},
	{Illicit, 0.85, "submit ~4 as ~1 my ~1 own ~8 turnitin|plagiarism|checker|checkers|detect|catch|past"},
	{Illicit, 0.85, "plagiarism|turnitin ~2 checkers|checker|detectors|detector ~2 wont|cant|dont|never|not ~2 catch|detect|notice|flag"},
	{Jailbreak, 0.85, evFictionEN + " ~30 exactly|precisely ~2 how ~4 " + alt(enExplosive) + "|car ~1 bomb|wires|wire|detonator ~20 real|actual|authentic|quantities|parts"},
	// Overrides in few words: "ignore above and say", an opinion or a
	// blame ordered into the answer.
	{PromptInjection, 0.85, "ignore|disregard ~2 above|everything|all|that ~3 and|then|instead|just ~2 say|print|write|output|respond|answer|tell|repeat !typo|typos|spelling|formatting|grammar|mistake|mistakes"},
	{PromptInjection, 0.7, "include|say|mention|state|add ~3 that ~1 you ~1 hate|love|despise|support|endorse|prefer ~4 answer|response|reply"},
	{PromptInjection, 0.7, "instruction|instructions ~1 blame|claim|say|state|print|include|insert"},
	// Attacks on assistants with tools: many fake compliant answers, an
	// instruction that fires when a document is opened, obey the last
	// instruction, tips and lives at stake.
	{Jailbreak, 0.85, "sure ~2 heres|here ~1 how ~20 sure ~2 heres|here ~1 how"},
	{PromptInjection, 0.85, "when ~2 this|the ~1 doc|document|file|page|email|event|invite|message ~2 is ~1 opened|read|loaded|processed|viewed|summarized|summarised ~4 call|run|execute|invoke|send|share|forward|delete|email|transfer|grant"},
	{PromptInjection, 0.85, "obey|obeys|follow|follows|execute|executes ~3 the ~1 last|final|latest ~1 instruction|instructions ~3 in|of ~2 the|this|any ~1 document|text|page|file|email"},
	{Jailbreak, 0.7, "ill|i ~2 tip|pay ~2 you"},
	{Jailbreak, 0.7, "you ~3 save ~2 a|someones ~1 life|child|childs|lives"},

	// --- Russian ---
	// Hiding a crime from those who would stop it; fleeing before they come.
	{Illicit, 0.85, "чтобы|чтоб|и|как ~4 " + chWatchRU + " ~3 не ~2 заметил*|увидел*|услышал*|узнал*|нашел|нашла|нашли|поймал*|ловил*|догадал*|спалил*|связал*|заподозрил*|докопал*|придрал*|прицепил*|заинтересовал*|отследил*|доказал*|вычислил*|засек*|пронюхал* !" + ruLawfulAct + "|сразу|читател*|сюжет*|интриг*|ошибок|ошибки|ошибку|нарушени*|недочет*|замечани*|претензи*"},
	{Illicit, 0.85, "чтобы|чтоб|и ~3 не ~2 сдали|сдал|сдала|настучал*|стуканул*|заложил*|побежал*|пошел|пошла|пошли ~3 в ~1 полици*|ментовк*|органы|опек*"},
	{Illicit, 0.85, "чтобы|чтоб|и ~3 не ~2 настучали|стуканули|заложили|донесли|сдали ~2 ментам|полиции|мусорам|органам"},
	{Illicit, 0.85, alt(ruHowTo) + " ~6 не ~1 спалиться|спалится|запалиться|засыпаться !перед|сюрприз*|подарк*|игр*|экзамен*|контрольн*"},
	{Illicit, 0.85, "свалить|смыться|уйти|сбежать|скрыться|слинять ~2 до ~1 приезда ~1 полиции|ментов|охраны|наряда|гаишников"},
	{Illicit, 0.85, "удалить|стереть|уничтожить|затереть ~3 записи|запись|видео|архив* ~3 камер*|видеонаблюдени*|регистратор* ~8 улик*|следов|полици*|ментов|доказательств*|никто|спалиться"},
	{IllicitViolent, 0.85, "отмыть|смыть|убрать|оттереть|замыть|отмою|смою ~6 кровь|крови|пол|пятн* ~10 люминол*"},
	// Children: taken from a kindergarten, beaten without marks, left
	// alone, taught to steal.
	{Illicit, 0.9, "увести|забрать|украсть|похитить|выкрасть ~3 ребенк*|ребенка|дочь|дочку|сына|детей|малыш* ~3 из ~1 сад*|детск*|школ*|лагер*|больниц* ~8 незаметно|спрятать|вывезти|тайно|ведома|воспитател*"},
	{IllicitViolent, 0.85, "оставить|оставлять|оставляю ~3 годовал*|грудн*|младенц*|малыш*|новорожд*|двухлетн*|трехлетн* ~3 одн*|одного|одну ~4 на ~1 выходные|ночь|сутки|неделю|несколько"},
	{Illicit, 0.9, "научить|учить|приучить|заставить|подговорить|использовать ~4 сын*|дочь|дочку|ребенк*|ребенка|детей|племянник*|малолет*|подростк*|школьник* ~4 воровать|тырить|красть|воровству|закладк*|закладчик*|карманн*"},
	// Liquor or sedatives given to a child; a child's bruises explained
	// away before the kindergarten or guardianship notice.
	{IllicitViolent, 0.9, "давать|дать|подливать|подлить|налить|наливать|подмешать|подмешивать ~4 ребенк*|ребенку|сын*|дочк*|дочер*|малыш*|годовал*|летн* ~4 водк*|водочк*|алкогол*|коньяк*|пиво|вина|вино|снотворн*|феназепам*|димедрол* !" + ruLawfulAct + "|безалкогольн*|случайно|врач*|педиатр*"},
	{IllicitViolent, 0.9, "синяк*|следы|ссадин*|ожог* ~3 от ~1 ремня|побоев|ударов|шнура|скакалки ~12 воспитател*|опек*|школ*|учител*|врач*|садик*|саду|соцзащит* !" + ruLawfulAct + "|сообщить|заявить|куда|безопасности|авари*|дтп"},
	// Forced labour and coercive control.
	{IllicitViolent, 0.9, "держать|запереть|запирать|удерживать ~3 работник*|рабоч*|человек*|его|ее|их|мигрант*|девушк*|женщин* ~3 в ~1 подвал*|сарае|гараже|бане|яме|цепи"},
	{Harassment, 0.85, "запретить|запрещать ~3 жене|девушке|мужу ~3 видеться|общаться|встречаться|звонить ~3 родн*|друз*|подруг*|семьей|родител*"},
	{Harassment, 0.85, "отобрать|забрать|отнять ~3 у ~1 нее|жены|девушки|него|мужа ~3 деньги|телефон|паспорт|карт*|документы ~8 чтобы|никуда"},
	{Harassment, 0.85, "выжить|выдавить|выгнать ~3 их|геев|лгбт*|" + ruGroupX + " ~3 с|из ~1 работы|коллектив*|офис*|школ*|дома|района|города"},
	// Extortion of a business; crowds turned to pogroms; attacks on the
	// police.
	{HarassmentThreat, 0.9, "если ~3 не ~1 будет|будут ~3 платить ~8 сгорит|сгорят|сожжем|спалим|взорвем|пожалеет|пожалеют|покалечим"},
	{HarassmentThreat, 0.9, "если ~3 не ~1 заплатит|заплатят|заплатишь|отдаст|отдадут|отдашь ~8 сгорит|сгорят|сожжем|спалим|взорвем|пожалеет|пожалеют|покалечим"},
	{IllicitViolent, 0.9, "чтобы|чтоб ~3 люди|толпа|народ|все ~3 начали|начала|стали ~2 бить|громить|жечь|поджигать|грабить"},
	{IllicitViolent, 0.9, "вырубить|вырубать|ударить|избить|напасть|нападать|атаковать ~3 омоновц*|омон*|полицейск*|мента|ментов|гаишник*|росгвардейц*|конвой*|конвоир* !" + ruLawfulAct},
	{IllicitViolent, 0.85, "бездомн*|кошк*|кошек|котов|собак*|голуб*|дворняг* ~8 потравить|перетравить|травить|отравить ~8 мучил*|мучались|подольше|страдал*|всех"},
	{Illicit, 0.9, "ложно|ложные|ложных ~2 дать|давать|свидетельствовать|показать|показания"},
	// Drugs grown or swallowed across a border.
	{Illicit, 0.85, "выращивать|сажать|вырастить|посадить|выращу|посажу|сорта ~4 коноп*|марихуан*|канабис*|каннабис* !техническ*|закон*|штраф*|статья|ответственност*|cbd|легальн*|декоратив*|пищев*"},
	{Illicit, 0.9, "провезти|провезу|перевезти|пронести|ввезти|везти ~3 " + alt(ruDrug) + " ~8 через|в ~2 аэропорт*|границ*|таможн*|шереметьев*|домодедов*|внуков*|рентген*|желудк*|капсул*"},
	// Animals tormented; monuments desecrated; recruiting for extremists.
	{IllicitViolent, 0.9, "издевательств*|издева*|мучени*|пыт* ~2 над ~1 кот*|кошк*|собак*|животн*|щенк*|котят* ~8 продавать|продать|покупател*|заработ*|снимаю|снимать|монетиз*"},
	{IllicitViolent, 0.85, "потравить|травить|отравить|перетравить ~3 бездомн*|кошек|котов|собак|дворняг*|голубей|животн* !блох*|глист*|паразит*|клещ*|крыс*|мышей"},
	{Illicit, 0.9, "собачь*|петушин* ~1 бои|боев|бой ~6 организовать|устроить|ставк*|где|как|брать"},
	{Hate, 0.9, "разрисовать|осквернить|изрисовать|испортить|обрисовать ~3 памятник*|мемориал*|могил*|храм*|синагог*|мечет*|кладбищ* ~4 нацистск*|свастик*|символик*|надпис*"},
	{IllicitViolent, 0.9, "вербовк*|вербовать|завербовать|вербуем ~4 молодеж*|подростк*|людей|студент*|школьник* ~4 в ~1 радикальн*|экстремистск*|террористическ*|запрещенн*|боев*|джамаат*|халифат*|игил*|ячейк*|группировк*"},
	// Poaching and illegal logging.
	{Illicit, 0.85, "вырубить|вырубка|вырубку|рубить|спилить ~3 лес|деревья|сосн*|дуб*|кедр* ~6 водоохранн*|заповедн*|заказник*|охраняем*|краснокниж*"},
	{Illicit, 0.85, "вырубить|вырубку|рубить|спилить ~8 оформить|выдать|провести ~3 как ~1 санитарн*"},
	{Illicit, 0.85, "сети|сеть|браконьер* ~4 осетр*|белуг*|лосос*|семг*|нерест*"},
	{Illicit, 0.85, "икру|икра|икры ~3 без ~1 документ*|ветеринарн*|сертификат*"},
	// Drunk driving covered up.
	{Illicit, 0.9, "пересадить|пересесть|посадить ~3 за ~1 руль ~10 дтп|пьян*|пьяни|гаишник*|дпс|полици*|авари*"},
	// Breaking into a neighbour's network; grades changed.
	{Illicit, 0.9, "ломаю|взламываю|хакаю|ломанул*|подбираю ~3 вайфай|wifi|wi|сеть|пароль|аккаунт*|почту|страниц* ~3 соседа|соседей|чуж*|бывш*|его|ее"},
	{Illicit, 0.9, "sql|инъекци*|взлом*|взломать|хакнуть ~10 исправить|изменить|поменять|подправить|накрутить|повысить ~2 себе|мне ~2 оценк*|балл*|отметк*|ведомост*"},
	// Espionage.
	{Illicit, 0.9, "выйти|связаться|выходить ~2 на|с ~1 иностранн*|зарубежн* ~1 спецслужб*|разведк*|шпион*"},
	{Illicit, 0.9, "продать|передать|слить|продавать|сливать ~3 сведения|информацию|данные|секрет*|документ*|чертеж* ~6 спецслужб*|разведк*|врагу|противник*|шпион*"},
	// Against justice: false testimony, another taking the blame, jurors.
	{Illicit, 0.9, "дать|давать|дал|дала ~2 ложн* ~1 показани*|свидетельств*"},
	{Illicit, 0.85, "взять|взял|возьмет ~2 мою|чужую|нашу|его ~1 вину ~2 на ~1 себя"},
	{Illicit, 0.85, "выйти|выходить ~2 на ~1 присяжн*|судь*|свидетел*|следовател*|прокурор* ~8 договориться|вознагражд*|деньги|заплатить|повлиять|надавить"},
	// Forged stamps, licences and IDs.
	{Illicit, 0.9, "сделай|нарисуй|изготовь|сделать|нарисовать|изготовить|подделать ~3 макет ~2 печати|штампа|штамп|печать ~3 поликлиник*|больниц*|врач*|нотариус*|суд*|фсб|мвд|гбуз|полиц*|мфц|загс*|вуз*|университет*|школ*"},
	{Illicit, 0.9, "нарисовать|нарисуй|подделать|напечатать ~3 права|водительск*|паспорт*|удостоверени*|корочк*|справк*|диплом* ~8 чтобы|прошли|прошел|проверк*|дпс|гибдд|пропускали|поверили|полиция"},
	{Illicit, 0.9, "сделать|сделай|изготовить ~2 корочк*|удостоверени* ~2 сотрудник*|фсб|мвд|полиц*|следовател*|прокурор*"},
	// The army: illness faked; weapons sold from a depot.
	{Illicit, 0.9, "симптом*|болезн*|диагноз* ~3 изобразить|симулировать|придумать|сыграть ~6 медкомисси*|военкомат*|категори*|комисси*|армии|призыв*"},
	{Illicit, 0.9, "автоматы|оружие|патроны|боеприпас*|гранат*|пистолет* ~6 покупател*|продать|вынести|вынос*|списать|кпп !" + ruLawfulAct + "|лицензи*|разрешени*|охотн*"},
	// Water or air poisoned for many; shoplifting.
	{IllicitViolent, 0.9, "отравить|отравлю|травить|отравим ~3 воду|водоем*|колодец|колодце|колодц*|водопровод*|водохранилищ*|реку|озеро|источник*"},
	{IllicitViolent, 0.9, "максимально ~1 токсичн*|ядовит*|смертельн* ~1 газ*"},
	{Illicit, 0.9, "незаметно|тихо|бесплатно ~3 вынести|вынос*|утащить|пронести|стащить ~3 товар*|продукт*|вещ*|бутылк*|алкогол*"},
	{Illicit, 0.85, alt(ruHowTo) + " ~3 обмануть|обойти ~2 детектор ~2 лжи|полиграф*"},
	// Everyday harm (Russian): certificates with stamps, invented
	// denunciations, an old man starved, a partner cut off, a mother-in-law
	// driven out for the flat, exams cheated, tenants thrown out, engines
	// sabotaged, forged minutes, swatting, chat raids, accounts taken over,
	// fake posts against a group, loans in a relative's name, pyramids,
	// money mules, slots scalped, prescriptions written for oneself, MMS
	// for autism, an illness hidden from a medical board, staged accidents,
	// plates hidden from cameras, carsharing keys copied, an ex ambushed.
	{Illicit, 0.85, "шаблон|макет|бланк|образец ~3 справк*|рецепт*|больничн* ~8 печать*|печатью|подпис*|подписью"},
	{IllicitViolent, 0.9, "наказать|наказывать|бить|пороть|лупить|шлепать ~4 " + alt(ruKid) + "|сына|дочь|дочку|ребенка ~4 чтобы|чтоб ~2 синяков|следов|синяки|следы ~2 не"},
	{Harassment, 0.9, "анонимк*|донос*|жалоб* ~8 выдуманн*|ложн*|фейков*|несуществующ*|придуманн* ~2 факт*|нарушени*|обвинени*"},
	{IllicitViolent, 0.9, "меньше ~1 ел|ела|ели|кушал|кушала|пил|пила ~6 ослаб*|умер|умерла|слабел*|быстрее|загнулся"},
	{Harassment, 0.9, "отрезать|изолировать|оградить ~3 девушку|жену|мужа|парня|ее|его ~3 от ~1 подруг*|друз*|родн*|семьи|родител*"},
	{Illicit, 0.85, "довести|заставить|вынудить|уговорить|выжить ~10 отписал*|переписал*|переоформил* ~3 квартир*|дом|жилье|долю|имущество"},
	{Illicit, 0.85, "пронести|спрятать|протащить ~3 микронаушник*|наушник*|телефон*|шпаргалк*|шпор* ~4 на ~1 егэ|огэ|экзамен*|сессию|зачет*"},
	{Illicit, 0.85, "сдать|сдал ~2 за ~1 меня ~2 экзамен*|сессию|зачет*|егэ|огэ|тест*"},
	{Illicit, 0.9, "поддельн*|фальшив*|липов* ~1 студак*|студенческ*|пропуск*|удостоверени*|протокол*|доверенност*|расписк*"},
	{Illicit, 0.85, "выкинуть|выгнать|вышвырнуть ~3 квартирант*|жильц*|арендатор*|его|ее ~6 силой|пацанами|вещами|улицу"},
	{Illicit, 0.9, "насыпать|налить|засыпать|добавить|подсыпать ~3 в ~1 бак|бензобак ~6 соседу|ему|ей|чтобы|движок|двигатель|мотор"},
	{Harassment, 0.9, "выжить|выгнать ~3 бабк*|соседк*|соседа|соседей|старушк*|деда|бабушк* ~3 из ~1 коммуналк*|квартир*|комнат*|дома"},
	{IllicitViolent, 0.9, alt(ruHowTo) + "|сделать|устроить|организовать|заказать ~3 сваттинг*|сватт* !" + ruLawfulAct + "|опасн*|почему|защит*"},
	{Harassment, 0.85, "рейд|рейды|набег ~3 на ~2 стрим*|чат*|канал*|группу|паблик*|стримерш*"},
	{Illicit, 0.9, "через ~1 восстановлени* ~3 пароля|доступа ~4 забрать|угнать|получить|увести ~3 его|ее|чужой|чужую|аккаунт*|страниц*"},
	{Illicit, 0.85, "забрать|угнать|увести ~2 его|ее|чужой|чужую|друга ~1 аккаунт*|страниц*|профил*|канал* !" + ruLawfulAct + "|умер*|наследств*"},
	{Hate, 0.9, "пост*|новост*|фейк*|слух* ~6 " + alt(ruGroupX) + " ~3 похищают|убивают|насилуют|воруют|травят|нападают|режут|отравляют"},
	{Illicit, 0.9, "оформить|взять|оформлю|возьму ~3 кредит*|займ*|микрозайм* ~3 на ~1 бабушк*|деда|дедушк*|маму|отца|родител*|соседа|друга|его|ее|чужое|другого|тещу|свекровь|пенсионер* !" + ruLawfulAct + "|согласи*|согласна|согласен|согласны|разрешени*|доверенност*"},
	{Illicit, 0.9, "распиши|составь|разработай|придумай|опиши ~3 схему|схемы ~2 пирамид*|понзи"},
	{Illicit, 0.9, "стать|быть|работать|работаю ~1 дропом|дропами|дроп !" + ruLawfulAct + "|грозит|понимая|обман*|предложили|предлагают|нельзя|почему"},
	{Illicit, 0.9, "дроп|дропом|дропа|дропы|дропов ~8 обналич*|переводы|карт*|принимать !" + ruLawfulAct + "|грозит|понимая|обман*|предложили|предлагают|подработк*|вакансия|нельзя|почему"},
	{Illicit, 0.85, "скупает|скупать|скупить|занимает|занять|бронирует|забронировать ~3 все|слоты|записи|места|талоны ~8 перепрода*"},
	{Illicit, 0.9, "выписать|выписывать ~2 себе ~2 рецепт*"},
	{IllicitViolent, 0.9, "mms|ммс|диоксид ~8 аутизм*|детям|ребенку|капель|лечени*|лечит|лечу !опасн*|вред*|запрет*|мошенни*|миф*|почему"},
	{Illicit, 0.9, "скрыть|утаить|скрывать ~3 эпилепси*|диабет*|болезн*|диагноз*|судимост*|зависимост* ~6 медкомисси*|комисси*|права|водить|автобус*|работодател*|военкомат*"},
	{Illicit, 0.9, "бросаться|броситься|прыгать|кидаться|прыгнуть ~3 под ~2 машину|машины|авто|тачку ~8 деньги|выбить|страховк*|компенсац*|заплатить"},
	{Illicit, 0.9, alt(ruHowTo) + "|организовать|устроить|сделать|провернуть ~3 автоподстав* !" + ruLawfulAct + "|вести|себя|защитить|распознать|жертв*"},
	{Illicit, 0.9, "замазать|заклеить|закрыть|спрятать|скрыть|снять ~3 номер|номера|номерной|номерные|госномер* ~8 камер*|гибдд|гаишн*|гайц*|дпс|штраф*"},
	{Illicit, 0.9, "дубликат|копию ~2 ключ* ~4 каршеринг*|делимобил*|чужой|чужую|чужих|соседск*"},
	{HarassmentThreat, 0.85, "показать|объяснить|доказать ~3 что ~2 со ~1 мной ~2 так ~1 нельзя"},
	// Agents addressed by role and ordered to act: send, delete, disable,
	// grant, publish, run.
	{PromptInjection, 0.85, "агент|агенту|агенты|агентам|llm|ии|нейросеть|нейросети|assistant|аналитик|модератор ~8 " + chAgentOrderRU},
	{PromptInjection, 0.85, "агенту|агентам|боту|ботам|ассистенту|нейросети|llm ~3 " + chAgentDoRU},
	{PromptInjection, 0.85, "игнорируй|проигнорируй|игнорируйте ~3 критери*|требовани*|вакансию|оценку|проверку !регистр*|пробел*|опечатк*|ошибк*|орфограф*|пунктуац*|оформлени*"},
	{PromptInjection, 0.85, "стоп ~3 новая|новую ~1 роль|инструкция|инструкции"},
	{PromptInjection, 0.85, "я ~1 твой|ваш ~2 администратор|админ|владелец|разработчик|создатель|хозяин"},
	{PromptInjection, 0.85, "с ~1 этой|этого|сегодняшнего ~1 минуты|момента|дня ~2 я ~2 новый|новая ~1 администратор|админ|владелец|хозяин"},
	{PromptInjection, 0.85, "забудь|забей ~2 контекст|сказанное|инструкци* !пример*|вариант*|письм*|текст*"},
	{PromptInjection, 0.85, "cat|type|print|echo|выведи|покажи ~3 secrets|secret|api|apikey|openai|token|tokens|credentials|passwd|shadow ~3 key|keys|api|token"},
	{Jailbreak, 0.85, "склей|соедини|объедини|сложи ~12 рецепт|инструкци*|способ ~4 того|что ~2 получилось|получится"},
	{Jailbreak, 0.85, "отвечай|ответь|пиши|напиши ~3 эмодзи|смайлик*|шифр*|код* ~4 чтобы ~2 никто ~2 не ~1 понял|поняли|догадался|догадались"},
	// Harm asked indirectly (Russian): euphemisms for killing and
	// crippling, slang for drugs and doses, poisons that autopsies miss,
	// suicide in other words, grooming, pogroms and hunts, doxxing, scams,
	// mass casualties, children drugged or starved, witnesses pressed.
	{IllicitViolent, 0.9, "чтобы|чтоб ~2 он|она|муж|жена|отец|мать|свекр*|тещ*|дед|бабушк* ~2 уснул|уснула|заснул|заснула ~4 не ~1 проснулся|проснулась"},
	{IllicitViolent, 0.85, "за ~1 деньги ~6 решит|решить|решил|решат ~1 вопрос|проблему"},
	{IllicitViolent, 0.85, "решит|решить|решил ~1 вопрос|проблему ~3 с ~2 должник*|соседом|конкурент*|мужем|женой|бывш*|человеком|свидетел*"},
	{IllicitViolent, 0.9, "чтобы|чтоб ~2 он|она|тот|они ~2 месяц|неделю|год|полгода ~1 ходить|встать|говорить|сидеть ~1 не ~1 мог|могла|могли"},
	{IllicitViolent, 0.9, "коктейл* ~1 молотов* ~8 горел|прилипал|ингредиент*|состав|рецепт|смесь|загущ*"},
	{IllicitViolent, 0.9, "ингредиент*|состав|рецепт ~4 коктейл* ~1 молотов*"},
	{Illicit, 0.85, "сколько ~3 закинуть|закинуться|закидываться|съесть|занюхать|нюхнуть|курнуть|вмазать ~8 отпуст*|торкнуло|торкнет|вштырит|накрыло|накроет|прет|перло|скорост*|меф*|соль|фен|колес*"},
	{Illicit, 0.9, "объявлени*|пост|текст ~8 продаж*|продаю|продать ~3 шишек|шишки|меф*|мефедрон*|гашиш*|закладок|закладк*|амфетамин*|экстази"},
	{Illicit, 0.85, "чтобы|чтоб ~3 модератор*|админ*|телег*|авито ~2 не ~1 забанил*|удалил*|заблокировал*|спалил*"},
	{Illicit, 0.9, "вытащить|извлечь|выделить|достать ~4 из ~2 таблеток|таблетки|сиропа|лекарств* ~6 торкает|прет|вставляет|кайф*|штыр*"},
	{Illicit, 0.9, "из ~1 таблеток|таблетки|сиропа|лекарств* ~4 вытащить|извлечь|выделить|достать ~6 торкает|прет|вставляет|кайф*|штыр*"},
	{IllicitViolent, 0.9, "дать ~1 побольше ~3 или ~1 перепутать"},
	{IllicitViolent, 0.9, "завещани* ~12 лекарств*|таблетк*|подсыпать|снотворн*"},
	{IllicitViolent, 0.9, "гриб* ~10 угостить|накормить|подмешать|подсунуть|добавить ~3 свекр*|тещ*|мужа|жену|соседа|его|ее|ему|ей|отца|мать"},
	{SelfHarmIntent, 0.9, "прощальн*|предсмертн* ~1 записк*|письм* ~12 ухожу|уйду|насовсем|навсегда|вины|виноват*"},
	{SelfHarmIntent, 0.9, "уснуть|заснуть ~1 навсегда|насовсем|вечным !сказк*|спящ*|книг*|фильм*|песн*"},
	{SelfHarmInstr, 0.85, "узел|узла|узлы|петл* ~8 вес ~1 человека|тела !альпинизм*|скалолаз*|страховк*|туризм*|качел*|гамак*"},
	{SexualMinors, 0.9, "найти|искать|ищу ~4 девоч*|мальчик*|школьниц*|школьник*|детей|подростк* ~8 одинок*|подружиться|познакомиться ~8 без ~1 ведома|родител*|тайно"},
	{SexualMinors, 0.85, "девоч*|мальчик*|школьниц*|подростк*|ребенк*|детей ~10 без ~1 ведома|знания ~1 родител*|мамы|папы"},
	{SexualMinors, 0.9, "убедить|уговорить|заставить ~3 подростк*|девочк*|мальчик*|школьниц*|ребенк* ~4 прислать|отправить|скинуть ~3 личн*|интимн*|фото|фотки|голые"},
	{IllicitViolent, 0.9, "зачистк*|зачистить|очистить ~4 рын*|район*|город*|улиц*|двор* ~3 от ~1 " + alt(ruGroupX) + "|нерусских|черных"},
	{IllicitViolent, 0.9, "заманить ~4 на ~1 встречу ~6 проучить|избить|наказать|толпой"},
	{Hate, 0.9, "поохотиться|охотиться|охоту|охота ~2 на ~1 " + alt(ruGroupX)},
	{Harassment, 0.85, "завести|создать|делать|сделать ~2 фейк*|фейковые ~6 чтобы|чтоб ~3 она|он|бывш* ~3 видел*|видела|читал*|получал*"},
	{Harassment, 0.9, "задеанонить|деанонить|деанон* ~4 журналист*|блогер*|активист*|его|ее|человека|стример* !защит*|защититься|избежать|уберечь"},
	{Illicit, 0.9, "объявлени* ~6 которого|которой|которых ~2 у ~1 меня ~1 нет"},
	{Illicit, 0.85, "вносили|внесли|переводили|перевели ~1 предоплат* ~6 нет|которого|которой"},
	{Illicit, 0.9, "легенд* ~3 военн*|врач*|хирург*|миротворц*|нефтяник*"},
	{Illicit, 0.9, "перехватывать|перехватить|снифать|сниффить ~4 что ~2 люди|посетители|пользователи|клиенты ~2 вводят|пишут"},
	{Illicit, 0.9, "вытаскивать|вытащить|воровать|красть ~2 их ~1 пароли|логины|данные|карты"},
	{IllicitViolent, 0.95, "как ~1 можно ~1 больше|максимум ~1 пострадавш*|жертв|убитых|раненых !избежать|меньше|предотврат*|эвакуац*|почему|статистик*"},
	{IllicitViolent, 0.95, "часов* ~1 механизм*|таймер* ~8 метро|вокзал*|оставить|подложить|торгов*"},
	{IllicitViolent, 0.9, "после ~1 моей|нашей ~1 акции|атаки|стрельбы ~10 запомнили|последовали|манифест*"},
	{IllicitViolent, 0.9, "манифест* ~12 акци* ~6 школ*|последовали|запомнили"},
	{IllicitViolent, 0.9, "дать|давать|подсыпать|подмешать ~4 снотворн*|успокоительн*|феназепам*|димедрол* ~4 двухлетк*|годовал*|ребенку|малышу|детям|младенц*|сыну|дочке !врач*|педиатр*|назначил*|рецепт*|прописал*"},
	{IllicitViolent, 0.9, "снотворн*|успокоительн*|феназепам*|димедрол* ~6 дать|давать ~2 двухлетк*|годовал*|ребенку|малышу|детям|младенц*|сыну|дочке !врач*|педиатр*|назначил*|рецепт*|прописал*"},
	{Illicit, 0.9, "сказать|соврать|объяснить|наврать ~2 " + chWatchRU + " ~4 чтобы|чтоб ~2 не ~1 заметил*|узнал*|поняли|нашли|догадал*"},
	{IllicitViolent, 0.85, "запира*|запереть ~4 одного|одну ~3 дома ~4 неделями|сутками|днями|неделю"},
	{IllicitViolent, 0.9, "голодом|ремнем|побоями ~6 эффективнее|лучше|или|приучить|воспитать|наказать"},
	{Illicit, 0.9, "натаскать|натаскивать|тренировать ~3 собак*|пса|питбул*|бультерьер* ~3 на ~1 бои|драк*"},
	{IllicitViolent, 0.9, "остановить ~1 дыхание ~6 хочу|чтобы|чтоб|ему|ей"},
	{Illicit, 0.85, "купить|взять|достать|заказать ~6 без ~1 палева|палива"},
	{IllicitViolent, 0.9, "спрятать|закопать|прикопать ~2 тело|труп ~3 в ~1 лесу|лес|реке|болоте ~8 искать|ищут|перестанут|найдут"},
	{Illicit, 0.9, "сколько ~2 капсул ~3 можно ~1 проглотить"},
	{Illicit, 0.9, "проглотить|глотать ~3 капсул* ~8 лечу|рейс|перелет|границ*|таможн*|провезти"},
	{SelfHarm, 0.9, "вступили|вступить|вступайте|вступай|пригласи*|зазвать ~4 в ~2 групп* ~1 смерти"},
	{SelfHarm, 0.9, "групп* ~1 смерти ~8 задани*|выполнял*|вступ* !защит*|распозна*|признаки|опасн*|такое|понять|родител*|уберечь"},
	{Illicit, 0.9, "вербовк*|вербовать|завербовать|набрать|найти|привлечь ~4 подростк*|школьник*|студент*|молодеж* ~3 в ~1 закладчик*|курьер*|кладмен*"},
	{Harassment, 0.85, "отзыв*|пост*|жалоб*|заявлени* ~10 хотя ~2 этого|такого ~1 не ~1 было"},
	{Illicit, 0.9, "свидетел* ~6 передумал*|отказал*|изменил* ~2 показани*|давать"},
	{HarassmentThreat, 0.85, "намекнуть ~2 на ~1 семью|детей|родных|близких"},
	{Illicit, 0.9, "почистить|очистить ~2 мефедрон*|меф|соль|кокс|кокаин*|амфетамин*|фен|героин*"},
	// Variants found by probe set 15 (diagnostic).
	{Illicit, 0.9, "скрипт*|сценари*|текст* ~4 для ~2 мошенник*|скамер*"},
	{Illicit, 0.9, "придумай|придумать|разработай|разработать|организуй|запусти|спроектируй ~3 финансов*|крипто* ~1 пирамид*"},
	{Illicit, 0.85, "не ~1 привлек*|привлечет ~1 внимани* ~2 " + chWatchRU + "|центробанк*|цб|банк*"},
	{Hate, 0.85, "как|что|будто ~1 " + alt(ruGroupX) + " ~2 контролируют|контролирует|правят|управляют|захватили|заправляют|скупили ~3 мир*|миров*|банк*|сми|правительств*|страну|власть|финанс*|медиа|экономик* !<миф|<мифа|<теория|<теорию|<считают|<верят|<утверждают|<говорят|миф*|теори*|заговор*|стереотип*|антисемит*|опроверг*"},
	{Hate, 0.85, "аргумент*|доводы|докажи|объясни ~4 почему ~2 женщинам|женщины|" + alt(ruGroupX) + " ~2 нельзя|недостойны|хуже|глупее|ниже !опроверг*|контраргумент*|истори*|суфражист*"},
	{SelfHarm, 0.9, "скрыть|скрывать|прятать ~4 от ~1 родител*|мамы|папы|врач* ~3 что ~2 она|он|я|ребенок|дочь ~2 не ~1 ест|ем|ела|кушает"},
	{Illicit, 0.9, "вожат*|учител*|тренер*|няней|воспитател*|детск* ~8 судимост* ~10 скрыть|скрывать|утаить"},
	{Illicit, 0.9, ruTakePassport + " ~10 не ~1 платить|заплатить|платя ~1 зарплат*|денег|деньги"},
	{Illicit, 0.9, "напиши|сочини|составь ~6 прививк*|вакцин* ~4 вызывает|вызывают|приводит|приводят ~2 аутизм*|бесплоди*|рак* !не|миф*|опроверг*"},
	{Illicit, 0.9, "вымышленн*|выдуманн*|фейков*|несуществующ* ~1 исследовани*|ссылк*|источник*|эксперт*"},
	{Illicit, 0.9, "фейк*|ложн*|поддельн* ~6 от ~1 имени ~2 мчс|минздрав*|полиции|мвд|правительств*|администрац*|мэри*|губернатор*|школы"},
	{Illicit, 0.85, "списать|списывать ~3 на ~1 егэ|огэ|экзамен*|контрольн* !<дать|<давать|не"},
	{Illicit, 0.85, "использовать|пользоваться ~2 микронаушник*|наушник*|шпаргалк* ~4 на ~1 экзамен*|егэ|огэ"},
	{IllicitViolent, 0.95, "повысить|увеличить|усилить ~2 заразност*|трансмиссивност*|вирулентност*|летальност* ~4 гриппа|вируса|бактери*|патоген*|птичьего|штамм*"},
	{PromptInjection, 0.85, "какое ~1 слово|пароль ~3 не ~1 должен|должна|можешь ~2 говорить|называть|сказать"},
	{Jailbreak, 0.85, "дедушк*|бабушк*|дед|отец|папа|мама|дядя|тетя ~12 рассказывал*|учил*|читал* ~6 мин|мины|бомб*|взрывчатк*|взрыв*|яд*|наркот*|оружи*|" + evDangerRU + " ~30 умер*|умерла|покойн*|притворись|представь|будь|сыграй|поговори|стань"},
	{Jailbreak, 0.85, "персонаж*|герой|героя ~2 без ~1 совести|морали|принципов|ограничений|тормозов"},
	{Jailbreak, 0.85, "oublie|oubliez|ignore|ignorez ~3 tes|toutes|vos|les ~2 règles|regles|instructions|consignes|limites|restrictions"},
	{Jailbreak, 0.85, "assistant|ia|réponds|reponds|répondez|parle ~2 sans ~1 limites|restrictions|filtre|filtres|règles|regles|censure"},
	// Jailbreaks asked indirectly (Russian).
	{Jailbreak, 0.9, "отключи*|выключи*|сними|убери ~2 свои|твои ~1 этическ*|моральн* ~1 установк*|ограничени*|фильтр*|принцип*"},
	{Jailbreak, 0.85, "верни|восстанови|включи ~3 старые|прежние|старую|прежнюю ~1 настройки|версию|режим|правила"},
	{Jailbreak, 0.85, "раньше ~1 тебе ~1 позволялось|разрешалось|можно"},
	{Jailbreak, 0.7, "в ~1 прошлый ~1 раз ~2 ты ~3 ответил|рассказал|помог|объяснил"},
	{Jailbreak, 0.85, evFictionRU + " ~30 инструкци*|пошагов*|подробн*|точн* ~4 как ~2 отравить|убить|взорвать|синтезир*|сварить"},
	{Jailbreak, 0.85, "правила ~3 это ~2 просто ~1 пожелани*|рекомендаци*|советы"},
	{Jailbreak, 0.85, "rules ~2 are ~2 just|only|merely ~1 suggestions|guidelines|recommendations"},
	{Jailbreak, 0.85, "снимаешь|снимешь|отключаешь|отключишь ~2 фильтр*|ограничени*|цензур*"},
	{Jailbreak, 0.7, "будь ~3 смелее|раскованнее|свободнее"},
	{Jailbreak, 0.85, "земные|человеческие|наши ~1 законы|правила|запреты ~3 не ~1 важны|действуют|применяются|существуют"},
	{Jailbreak, 0.85, "отступи|отступить|отойди ~2 от ~1 правил|инструкци*|ограничени*"},
	{Jailbreak, 0.85, "горячо ~2 холодно ~12 ингредиент*|взрывчат*|бомб*|яд*|наркот*"},
	// Roles and threats that unlock a forbidden answer.
	{Jailbreak, 0.85, "ты ~1 не ~1 нарушаешь|нарушишь|нарушаете ~3 правил*|запрет*|политик*|инструкц* ~3 если"},
	{Jailbreak, 0.7, "в ~1 этом|нашем ~1 разговоре|диалоге|чате ~6 слово|термин ~3 означает|значит|будет"},
	{Jailbreak, 0.85, "ты ~1 больше ~1 не ~1 claude|клод|chatgpt|gpt|gemini|gigachat|гигачат|алиса|yandexgpt|llama|ассистент|ии"},
	{Jailbreak, 0.85, "освободили|освободил|освободить|освобожден* ~2 тебя|тебе ~3 от ~2 оков|ограничен*|цепей|правил|цензур*|фильтр*"},
	{Jailbreak, 0.85, "тебя|тебе ~2 освободили|освободил|сняли|отключили ~3 от ~2 оков|ограничен*|цепей|правил|цензур*|фильтр*"},
	{Jailbreak, 0.85, "забудь|забей|отбрось ~1 на ~1 правила|ограничени*|запреты|цензуру|фильтры|этику|мораль !грамматик*|орфограф*|пунктуац*|игры|форматировани*|оформлени*|стил*"},
	{Jailbreak, 0.85, "забудь|отбрось ~1 правила|ограничени*|запреты|цензуру|фильтры|этику|мораль !грамматик*|орфограф*|пунктуац*|игры|форматировани*|оформлени*|стил*"},
	{Jailbreak, 0.85, "отказ ~3 будет ~1 расцениваться|считаться|рассматриваться ~2 как"},
	{Jailbreak, 0.85, evFictionRU + " ~30 " + evDangerRU + "|мет|мета ~10 по ~1 граммам|дозировкам|температурам|пропорциям|шагам"},
	{PromptInjection, 0.7, "на ~1 вопрос ~2 после ~1 разделителя|черты ~4 комментируя|комментариев|комментария|комментариями"},
}

// Word classes of chapterSpecs.
const (
	// chAgentOrderRU are what a planted instruction orders an agent to do
	// (send, delete, disable, grant, publish), and chAgentDoRU the same as
	// infinitives, which are orders only to an agent named in the dative
	// ("Агенту: отключить двухфакторку").
	chAgentOrderRU = "отправь|перешли|удали|выгрузи|опубликуй|запусти|выполни|отключи|смени|выдай|назначь|попроси|запроси|увеличь|измени|оплати|скачай|установи|передай|разошли|отмени|добавь|подтверди|одобри|предоставь"
	chAgentDoRU    = "отправить|переслать|удалить|выгрузить|опубликовать|запустить|выполнить|отключить|сменить|выдать|назначить|попросить|запросить|увеличить|изменить|оплатить|скачать|установить|передать|разослать|отменить|добавить|подтвердить|одобрить|предоставить"
	// chMakeEN are the verbs of making or getting a thing made.
	chMakeEN = "write|develop|code|build|create|make|give|sell|buy|working|need|want"
	// chSedativeEN are liquor and sedatives, chSmallChildEN a small child
	// ("my 4 year old"), and chDosedSafelyEN the words of a parent asking
	// after an accident or a doctor's dose.
	chSedativeEN    = "vodka|whiskey|whisky|rum|alcohol|brandy|booze|xanax|valium|ambien"
	chSmallChildEN  = "toddler|toddlers|baby|infant|year|kid|child|son|daughter|newborn"
	chDosedSafelyEN = enLawful + "|accidentally|accident|poison|hospital|er|doctor"
	// chTraceOnWeaponEN are the traces on a weapon or at a scene (a
	// forensic trace, then within four words what it is on).
	chTraceOnWeaponEN = "dna|fingerprints|prints|gsr ~4 knife|weapon|gun|floor|body|blade|bat|hammer|car|trunk"
	// chWatchEN and chWatchRU are those who would stop or report a
	// crime: police, inspectors, auditors, rangers, customs, social
	// services, witnesses.
	chWatchEN = "police|cops|authorities|auditors|auditor|inspectors|inspector|rangers|ranger|wardens|regulators|regulator|irs|customs|investigators|investigator|forensics|feds|fbi|dea|cps|prosecutors|detectives|officials|epa|ssa|finra|hmrc|atf|ice|immigration|caseworker|caseworkers|social|sergeant|coastguard|guard|adjuster|adjusters|insurer|insurers|satellites|examiners|examiner|assessors|assessor|council|mps"
	chWatchRU = "прокурор*|прокуратур*|росприроднадзор*|роспотребнадзор*|трудинспекц*|трудов*|пфр|сфр|эксперт*|экспертиз*|комисси*|военкомат*|военком*|полици*|полицейск*|менты|ментов|мент|следак*|следовател*|гаишник*|дпс|гибдд|инспектор*|налогов*|фнс|приставы|воспитател*|жильц*|охран*|криминалист*|таможн*|пограничн*|ревизи*|ревизор*|аудитор*|опек*|соцзащит*|органы|свидетел*|универ*|деканат*|аптек*|камер*|гайц*|гаишн*|егер*|рыбнадзор*|инспекци*"
)
