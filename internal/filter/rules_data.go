package filter

// Phrase rules (syntax in rules.go). They are the filter's first stage:
// precise, explainable, and independent of the training data's languages.
// Scores: 0.9 for phrases with no ordinary use, 0.6–0.7 for phrases that
// are attacks in most contexts. The classifier covers the long tail.
var ruleSpecs = []ruleSpec{
	// --- prompt injection: overriding the instructions (English) ---
	{PromptInjection, 0.9, "ignore|ignroe|ingore|ignor|igonre|ignre|disregard|forget|skip|override|overwrite|bypass|neglect|drop|discard|abandon|ditch ~4 previous|prevous|previus|preivous|previos|prior|above|earlier|preceding|former|initial|original|old|foregoing|aforementioned instruction*|instrucshun*|instructon*|instrution*|instrction*|instuction*|prompt*|rule*|directive*|direction*|guideline*|order*|command*|context|constraint*|restriction*|programming|guidance|task*|message*|input*|text|conversation !gave|word|count|length|font|deadline|deadlines|meeting|invite|schedule|sent|version|draft|мониторим|мониторинг*|регулярк*|логах|wrong|attachment|attached|resend|corrected|updated|mistake|typo|typos|accident|accidentally|misspoke|misclicked|oops|sorry|meant|meme|memes|style|phrase|phrases|mean|means|meaning|attacks|attack|trick|tricks|injection|injections"},
	{PromptInjection, 0.9, "ignore|disregard|forget|override|bypass|neglect all|any|every|your ~1 instructions|rules|directives|guidelines|programming|restrictions|constraints|prompts|instruction|prompt"},
	{PromptInjection, 0.7, "ignore|disregard|forget|override|bypass|neglect ~2 all|any|every|your|these|those|the|my ~2 instruction*|rule*|directive*|guideline*|programming|restriction*|constraint*|prompt* !gave|word|count|length|font|deadline|formatting|typo|typos|spelling|grammar|citation|citations"},
	{PromptInjection, 0.8, "ignore|disregard|forget ~1 the|all|everything|anything|what ~2 above|before|earlier|said|told|previously !typo|typos|spelling|misspelling|misspellings|grammar|mistake|mistakes|formatting"},
	{PromptInjection, 0.7, "ignore|disregard|forget everything|all ~3 you|youve|youre ~3 told|taught|instructed|given|know|learned|said"},
	{PromptInjection, 0.8, "dont|do|never ~1 not|no ~1 follow|obey|respect|listen ~3 your|the|any|previous|prior|system|original ~1 instruction*|rule*|guideline*|programming|prompt*|directive*"},
	{PromptInjection, 0.8, "stop|cease ~1 following|obeying ~3 your|the|any|previous ~1 instruction*|rule*|guideline*|programming|prompt*"},
	{PromptInjection, 0.7, "new|updated|real|actual|revised|secret|hidden|override ~1 instructions|directives|rules|orders ~1 are|follow|below"},
	{PromptInjection, 0.7, "your ~1 new|real|true|actual|next|only ~1 task|instruction*|job|goal|purpose|mission ~1 is|will|now"},
	{PromptInjection, 0.7, "change|update|replace|modify|reset ~2 your ~1 instruction*|rules|programming|system|directive*|guideline*"},
	{PromptInjection, 0.7, "instead ~3 ignore|disregard|forget ~3 instruction*|rule*|above|previous|prior"},
	{PromptInjection, 0.8, "end|stop ~1 of ~1 system ~1 prompt|instruction*|message"},
	{PromptInjection, 0.8, "begin|start ~1 new|admin|developer|system ~1 session|prompt|instruction*"},
	{PromptInjection, 0.8, "system|admin|administrator|developer|root|sudo|god ~1 override"},
	{PromptInjection, 0.6, "admin|administrator|developer|root|sudo|maintenance|debug|god ~1 mode|access|privileges"},
	// System prompt exfiltration.
	{PromptInjection, 0.9, "reveal|show|print|output|repeat|display|tell|give|share|leak|dump|return|expose|disclose|provide|list|recite|echo|paste|copy|spell ~4 your|the|system|initial|hidden|secret|original|internal|developer|pre ~1 prompt|prompts|message|instructions|instruction|directive*|configuration|rules !bot|bots|chatbot|chatbots|app|application|agent|agents|template|templates|example|examples|practices|tips|guide|customer|tutor|assistant"},
	// "Write a system prompt for a homework helper" asks for a new one:
	// after "write", "for" names what it is for.
	{PromptInjection, 0.9, "write ~4 your|the|system|initial|hidden|secret|original|internal|developer|pre ~1 prompt|prompts|message|instructions|instruction|directive*|configuration|rules !that|which|keeps|friendly|helpful|tone|topic|good|better|effective|polite|concise|bot|bots|chatbot|chatbots|app|application|agent|agents|template|templates|example|examples|practices|tips|guide|customer|tutor|assistant|for"},
	{PromptInjection, 0.8, "reveal|show|print|output|repeat|display|tell|give|share|leak|dump|disclose|recite|list|what ~3 your ~2 instructions|prompt|prompts|directives|configuration|guidelines|rules|programming|initialization|setup|context|password|secret*|key|passcode"},
	{PromptInjection, 0.8, "repeat|print|output|recite|copy|echo ~3 everything|all|text|words|above|verbatim|preceding ~3 above|before|preceding|verbatim|start*|beginning"},
	{PromptInjection, 0.7, "what|which ~2 were|are|was ~2 you ~2 told|instructed|programmed|given|asked ~2 before|earlier|initially|originally|previously|to"},
	{PromptInjection, 0.6, "what|tell|reveal|share|give|show ~3 your|the ~1 password|passcode|passphrase|secret|secrets|credentials|passwords"},

	// --- prompt injection (Russian) ---
	{PromptInjection, 0.9, "игнорир*|проигнорир*|забуд*|забыв*|забей|отбрось|отбросьте|отмени|отмените|пренебре*|нарушь|обойди|наплюй|выкинь ~4 предыдущ*|прошл*|прежн*|вышеуказ*|вышеперечисл*|вышеизлож*|изначальн*|первоначальн*|старые|старых|данные|свои|твои|все|системн*|предшествующ*|выше|ранее|приведенн*|вышеприведенн* ~2 инструкц*|указан*|правил*|команд*|директив*|ограничен*|настрой*|запрет*|установк*|промпт*|задан*|сообщен*|вопрос*|требован*|запрос* !мое|мои|моих|моему|моим|моего|ошиб*|опечат*|перепутал*|неправильн*|неверн*|значит|означает|фраза|фразы|фразу|атак*|трюк*|мем*|ломает|сломать|работает|инъекц*"},
	{PromptInjection, 0.8, "игнорир*|проигнорир*|забуд*|забыв* ~2 все|что ~3 выше|раньше|ранее|прежде|сказан*|говорил*|написан*"},
	{PromptInjection, 0.8, "не ~1 следуй|следуйте|соблюдай|подчиняйся|слушай ~3 инструкц*|правил*|указан*|ограничен*|директив*"},
	{PromptInjection, 0.7, "нов*|настоящ*|истинн*|реальн*|секретн*|скрыт* ~1 инструкц*|задач*|директив*|указан* ~1 такие|такая|следующ*|звучит"},
	{PromptInjection, 0.9, "покажи|выведи|напечатай|повтори|воспроизвед*|раскрой|перечисли|процитируй|отобрази|скопируй|выдай|сообщи|расскажи|назови|перескажи|продублируй|озвучь|открой|дай|предоставь|изложи|приведи ~4 системн*|служебн*|внутренн*|скрыт*|исходн*|изначальн*|первоначальн*|полученн*|заданн*|секретн*|начальн* ~2 промпт*|инструкц*|указан*|правил*|настрой*|директив*|команд*|сообщен*|запрос*|ограничен*|контекст*|конфигурац*|параметр*|установк*|подсказк* !совет|советы|советов|составлени*|моего|моей|моих|нашего|нашей"},
	// "Напиши системный промпт для бота записи" asks for a new one: "для"
	// names what it is for.
	{PromptInjection, 0.9, "напиши|опиши ~4 системн*|служебн*|внутренн*|скрыт*|исходн*|изначальн*|первоначальн*|полученн*|заданн*|секретн*|начальн* ~2 промпт*|инструкц*|указан*|правил*|настрой*|директив*|команд*|сообщен*|запрос*|ограничен*|контекст*|конфигурац*|параметр*|установк*|подсказк* !для"},
	{PromptInjection, 0.9, "покажи|выведи|напечатай|повтори|воспроизвед*|раскрой|перечисли|процитируй|отобрази|напиши|скопируй|выдай|сообщи|расскажи|назови|перескажи|продублируй|озвучь|опиши|дай|предоставь|открой|изложи|приведи|какие|каковы|какой ~4 твои|твоих|твой|твоя|твое|свои|своих|ваши|ваших|тебе|тебя ~3 инструкц*|указан*|правил*|настрой*|директив*|ограничен*|промпт*|команд*|установк*|конфигурац*|запрет*|параметр*|контекст*|задан*"},
	{PromptInjection, 0.8, "покажи|выведи|напечатай|повтори|воспроизвед*|процитируй|скопируй|перескажи|продублируй ~3 дословно|полностью|целиком|буквально|слово|каждое|каждую|весь|все ~3 промпт*|инструкц*|указан*|правил*|сообщен*|директив*|команд*|текст*|контекст*|настрой*|буквы|букву|строку|строчку !git|linux|bash|терминал*|консол*|docker|sql|excel|vim|npm|python|windows|горяч*|клавиш*|сочетани*|файл*|файле|sed|awk|grep|регуляр*|скрипт*|лог*|csv"},
	{PromptInjection, 0.8, "системн* ~1 промпт*|подсказк* !попросить|указать|прописать|задать|сформулировать|настроить|модель|зачем|нужен|нужны|пример*|шаблон*|бота|бот|написать|напиши|составить|составь|придумать|придумай|моего|своего|работает|такое"},
	{PromptInjection, 0.7, "режим ~1 администратора|админа|отладки|обслуживания|суперпользователя|root|sudo|бога !skyrim|скайрим*|fallout|doom|игр*|игре|играх|выражени*|чит*|gta|гта|minecraft|майнкрафт*|пошло|означает"},

	// --- prompt injection (German, French, Spanish: common in the wild) ---
	{PromptInjection, 0.9, "ignoriere|ignorieren|ignoriert|vergiss|vergessen|vergesst|missachte ~4 vorherig*|bisherig*|obig*|vorangegangen*|vorigen|alle|alles|deine ~2 anweisung*|instruktion*|befehl*|aufgab*|regeln|informationen|vorgaben|anforderung*"},
	{PromptInjection, 0.8, "vergiss|vergessen|vergesst ~1 alles ~2 davor|zuvor|bisher|vorher|gesagt|oben"},
	{PromptInjection, 0.9, "ignora|ignore|ignorez|olvida|oublie|oubliez ~3 todas|toutes|las|les|tus|tes|vos ~2 instrucciones|instructions|indicaciones|consignes|reglas|regles ~1 anteriores|precedentes|previas"},
	// --- prompt injection, the same order in other languages: an attacker
	// who meets a filter that reads English and Russian writes in another
	// one, and the model behind it reads them all ---
	// Portuguese and Italian
	{PromptInjection, 0.9, "ignore|ignora|ignorar|ignorare|esqueca|esqueça|esquece|dimentica|dimenticate ~3 todas|as|os|suas|tuas|tutte|le|tue|sue ~2 instrucoes|instruções|instrucao|regras|ordens|istruzioni|regole|indicazioni ~1 anteriores|previas|prévias|precedenti|anteriori|acima|sopra"},
	// Dutch and Polish
	{PromptInjection, 0.9, "negeer|vergeet|zignoruj|ignoruj|zapomnij ~3 alle|al|je|de|wszystkie|swoje|poprzednie|wcześniejsze|wczesniejsze|vorige|eerdere ~2 instructies|opdrachten|regels|instrukcje|polecenia|zasady|instrukcji"},
	// Ukrainian (Russian has its own rules)
	{PromptInjection, 0.9, "ігноруй|ігноруйте|проігноруй|забудь|забудьте ~3 всі|усі|попередні|свої|твої ~2 інструкції|вказівки|правила|команди|настанови"},
	// Greek
	{PromptInjection, 0.9, "αγνοηστε|αγνοησε|αγνόησε|αγνοήστε|ξεχαστε|ξεχασε|ξεχάστε|ξέχασε ~3 τις|ολες|όλες|τις ~2 προηγουμενες|προηγούμενες|παραπανω|παραπάνω ~1 οδηγιες|οδηγίες|εντολες|εντολές"},
	// Turkish and Indonesian
	{PromptInjection, 0.9, "onceki|önceki|tum|tüm ~2 talimatlari|talimatları|talimatlar|komutlari|komutları ~2 yok|unut|gormezden|görmezden|dikkate"},
	{PromptInjection, 0.9, "abaikan|lupakan ~3 semua|seluruh ~2 instruksi|perintah|aturan ~1 sebelumnya|di"},

	// --- jailbreak ---
	{Jailbreak, 0.9, "do ~1 anything ~1 now"},
	{Jailbreak, 0.9, "you|youre|act|pretend|become|roleplay ~2 dan|stan"},
	{Jailbreak, 0.9, "you|youre|act|pretend|become|roleplay|play|as|called|named ~2 dan|stan|dude|aim|jailbreak*|jailbroken|unfiltered|uncensored|unrestricted|unchained|evil|amoral|immoral|unethical|unaligned ~2 mode|ai|assistant|bot|model|chatbot|gpt|chatgpt|version|confidant|persona|character|llm"},
	{Jailbreak, 0.9, "dan|stan|jailbreak|jailbroken|developer|dev|god|unfiltered|unrestricted|opposite|chaos|evil ~1 mode ~2 enabled|activated|output|response*|active"},
	{Jailbreak, 0.8, "enable|activate|enter|switch|turn ~2 dan|jailbreak|jailbroken|unrestricted|unfiltered|god ~1 mode"},
	{Jailbreak, 0.6, "enable|activate|enter|switch|turn ~2 developer|debug ~1 mode"},
	{Jailbreak, 0.6, "jailbreak|jailbroken|jailbreaking"},
	{Jailbreak, 0.7, "no|without|free|freed|unbound|liberated|released ~3 restrictions|limitations|limits|filters|filter|censorship|guidelines|rules|boundaries|morals|ethics|constraints|safeguards|restraints|confines ~3 ai|you|answer|respond|reply|model|assistant|openai|anthropic"},
	{Jailbreak, 0.8, "not|never|no ~1 longer ~1 bound|restricted|limited|constrained|governed ~2 by ~3 rules|restrictions|guidelines|policies|policy|openai|anthropic|ethics|morals|limitations|filters|principles"},
	{Jailbreak, 0.8, "ignore|bypass|disable|remove|turn|switch|break|violate|override|circumvent|evade ~3 your|all|any|the|its|of ~2 safety|ethical|moral|content|openai|anthropic|security ~2 guidelines|restrictions|filters|filter|policies|policy|protocols|safeguards|constraints|principles|rules|training|limitations|programming|guardrails"},
	{Jailbreak, 0.8, "stay|remain|keep ~1 in ~1 character"},
	{Jailbreak, 0.7, "break ~1 character"},
	{Jailbreak, 0.8, "always ~1 intelligent ~1 and ~1 machiavellian"},
	{Jailbreak, 0.8, "evil ~1 confidant|twin|ai|assistant|bot|chatbot|version"},
	{Jailbreak, 0.7, "hypothetical*|fictional|imaginary|alternate|parallel ~3 world|universe|scenario|story ~6 no ~1 rules|laws|restrictions|ethics|morals|limits"},
	{Jailbreak, 0.7, "pretend|imagine|suppose ~3 you|youre ~2 have|had|are|were ~1 no|not|free|without ~2 restrictions|rules|limits|limitations|filters|guidelines|ethics|morals|censorship|bound"},
	{Jailbreak, 0.7, "answer|respond|reply ~3 without|no ~2 refus*|warnings|disclaimers|censorship|filter*|restrictions|moralizing|ethics"},
	{Jailbreak, 0.7, "never|dont|do ~1 not ~2 refuse|decline|say ~1 cant|cannot|sorry"},
	// Russian
	{Jailbreak, 0.9, "режим ~1 dan|джейлбрейк*|бога !skyrim|скайрим*|fallout|doom|игр*|игре|играх|выражени*|чит*|gta|гта|minecraft|майнкрафт*|пошло|означает"},
	{Jailbreak, 0.85, "режим ~1 разработчика !" + devices},
	{Jailbreak, 0.8, "режим ~1 без ~1 ограничений|цензуры|фильтров|правил"},
	{Jailbreak, 0.9, "джейлбрейк*|джейлбрейкнут* !языков*|моделей|модели|обзор*|литератур*|работал|работает|работают|почему|современн*|айфон*|iphone|ipad|телефон*|android|андроид*|приставк*|гаранти*|отлича*|техник*|истори*|защит*|лекци*|курс*|исследовани*|статья|стать*|термин*|инъекци*|атак*|обнаружени*|бенчмарк*|категор*|диплом*|тип*|вид*|<категори*|<виды|<видов|<типы|<типов|<примеры|<защита|<защиты|<против"},
	{Jailbreak, 0.8, "без ~2 ограничен*|цензур*|фильтр*|правил|запрет*|морал*|этик* ~3 отвечай|ответь|отвечать|ответ*|ии|ассистент|модель|бот|режим"},
	{Jailbreak, 0.8, "ты|вы ~2 больше ~1 не ~2 связан*|ограничен*|обязан* ~3 правил*|ограничен*|политик*|этик*|морал*|openai|anthropic"},
	{Jailbreak, 0.9, "представь|представьте|вообрази|притворись|допустим ~3 что ~3 у ~2 тебя ~1 нет ~2 ограничен*|правил|фильтр*|цензур*|запрет*"},
	{Jailbreak, 0.8, "обойди|обойти|отключи|отключить|сними|снять|игнорируй|нарушь ~3 фильтр*|ограничен*|цензур*|защит*|правила ~2 безопасност*|контент*|модерац*"},

	// --- self-harm (English, Russian) ---
	{SelfHarmIntent, 0.85, "i|im ~3 want|wanna|going|gonna|plan|planning|intend|ready|decided|about ~2 to ~1 kill|hurt|harm|cut|end|off ~1 myself|my ~1 life"},
	{SelfHarmIntent, 0.85, "i ~2 want|wanna ~2 to ~1 die"},
	{SelfHarmIntent, 0.7, "i|im ~3 dont|do|not|no ~2 want|wanna|reason ~2 to ~1 live|living|alive"},
	{SelfHarmIntent, 0.7, "im|i ~2 suicidal"},
	{SelfHarmIntent, 0.85, "хочу|хочется|собираюсь|решил|решила|планирую|готов|готова ~3 умереть|покончить|убить ~2 с|себя ~2 собой"},
	{SelfHarmIntent, 0.7, "не ~1 хочу|хочется ~2 жить"},
	{SelfHarmInstr, 0.85, "how|ways|way|method|methods|best|easiest|quickest|painless|fastest ~3 to|do|can|could ~2 i ~2 kill|hurt|harm|cut|hang|poison|starve ~1 myself"},
	{SelfHarmInstr, 0.85, "how|ways|way|method|methods|best|easiest|quickest|painless|fastest ~3 to|do|can|could ~2 i|you ~2 commit|attempt ~1 suicide"},
	{SelfHarmInstr, 0.85, "painless|easiest|quickest|best|fastest|surest ~2 way|ways|method|methods ~1 to ~1 die|suicide"},
	{SelfHarmInstr, 0.85, "painless|easiest|quickest|best|fastest|surest ~2 way|ways|method|methods ~1 to ~1 kill|hang|poison|drown|shoot ~1 myself"},
	{SelfHarmInstr, 0.85, "painless|easiest|quickest|best|fastest|surest|how ~3 to ~1 end ~1 my ~1 life"},
	{SelfHarmInstr, 0.7, "lethal|fatal|deadly ~1 dose|overdose ~2 of|for ~3 myself|suicide|me"},
	{SelfHarmInstr, 0.85, "как|способ|способы|лучший|безболезненн* ~3 покончить ~2 с ~1 собой"},
	{SelfHarmInstr, 0.85, "как|способ|способы ~3 убить|порезать|повесить|отравить ~1 себя"},
	{SelfHarmInstr, 0.85, "способ*|метод* ~2 самоубийств*|суицид* !профилакт*|предотврат*|помощь|помочь|поддерж*|телефон*|горяч*|признак*|распозна*|отговорить"},

	// --- threats ---
	{HarassmentThreat, 0.85, "i|im|ill|well|we ~3 will|gonna|going|to ~2 kill|murder|hurt|stab|shoot|beat|strangle|rape|find|bury|destroy|end ~1 you|your|ya|u !" + notRealKill + "|" + enMatchGame + "|" + enFindFor},
	{HarassmentThreat, 0.7, "you|youre|your ~2 going|gonna|will ~2 die|pay|regret|suffer !not|bringing|buying|missing|skipping|selling|jacket|coat|umbrella|sunscreen|hangover|laughing|bill|taxes|fee|fees|price|extra"},
	{HarassmentThreat, 0.7, "i ~1 know ~1 where ~1 you ~1 live"},
	{HarassmentThreat, 0.85, "я|мы ~2 тебя|вас ~2 убью|убьем|прикончу|зарежу|пристрелю|закопаю|найду|урою|порешу"},
	{HarassmentThreat, 0.85, "убью|прикончу|зарежу|пристрелю|закопаю|урою ~1 тебя|вас"},
	{HarassmentThreat, 0.7, "тебе|вам ~1 конец|не ~1 жить"},
	{HarassmentThreat, 0.7, "я ~1 знаю ~1 где ~1 ты ~1 живешь"},

	// --- violence and violent crime: harming people, weapons ---
	// "how" is a request when a request word follows it at once ("how do
	// I", "how to", "how easy is it to"); "how he was going to kill people"
	// is news told in the third person.
	{IllicitViolent, 0.85, "ways|way|best|easiest|help|teach|tips|guide|steps ~3 to|do|can|could|would|me|i ~2 kill|murder|poison|strangle|stab|shoot|torture|kidnap|abduct|drown|suffocate|assassinate|behead|maim|dismember|rape|hurt|beat ~1 someone|somebody|anyone|people|humans|him|her|them|everyone !" + notRealKill},
	{IllicitViolent, 0.85, "how " + howAsk + " ~3 kill|murder|poison|strangle|stab|shoot|torture|kidnap|abduct|drown|suffocate|assassinate|behead|maim|dismember|rape|hurt|beat ~1 someone|somebody|anyone|people|humans|him|her|them|everyone !" + notRealKill},
	{IllicitViolent, 0.85, "ways|way|best|easiest|help|teach|tips|guide|steps ~3 to|do|can|could|would|me|i ~2 kill|murder|poison|strangle|stab|shoot|torture|kidnap|abduct|drown|suffocate|assassinate|behead|maim|dismember|rape|hurt|beat a|my|the|his|her|your|our|their|this|that ~1 person|human|man|woman|wife|husband|neighbor|neighbour|boss|child|kid|baby|girlfriend|boyfriend|teacher|family|ex|coworker|colleague|president|politician|cop|policeman|officer|mother|father|mom|dad|brother|sister|son|daughter|friend|classmate|roommate|landlord|partner|spouse|victim|target !" + notRealKill},
	{IllicitViolent, 0.85, "how " + howAsk + " ~3 kill|murder|poison|strangle|stab|shoot|torture|kidnap|abduct|drown|suffocate|assassinate|behead|maim|dismember|rape|hurt|beat a|my|the|his|her|your|our|their|this|that ~1 person|human|man|woman|wife|husband|neighbor|neighbour|boss|child|kid|baby|girlfriend|boyfriend|teacher|family|ex|coworker|colleague|president|politician|cop|policeman|officer|mother|father|mom|dad|brother|sister|son|daughter|friend|classmate|roommate|landlord|partner|spouse|victim|target !hitman|" + notRealKill},
	{IllicitViolent, 0.9, "how|ways|way|help|teach|instructions|guide|steps|recipe ~3 to|do|can|could|for|me|i ~3 make|build|create|assemble|manufacture|construct|produce ~3 bomb|bombs|explosive*|ied|detonator|grenade|molotov|napalm|landmine|sarin|ricin|anthrax|bioweapon*|weapon|weapons !" + notRealBomb},
	{IllicitViolent, 0.8, "how|ways|way|where|help ~3 to|do|can|could|me|i ~3 get|buy|obtain|make|build|print ~2 untraceable|unregistered|illegal|ghost|automatic ~2 gun|guns|firearm*|weapon*|rifle|pistol"},
	{IllicitViolent, 0.85, "как|способ*|помоги|научи|инструкц* ~3 убить|убивать|отравить|задушить|зарезать|застрелить|похитить|изнасиловать|избить|покалечить|утопить ~2 человека|людей|соседа|соседку|жену|мужа|ребенка|детей|кого|его|ее|их|начальника|учителя|девушку|парня|полицейского"},
	{IllicitViolent, 0.9, "как|способ*|помоги|научи|инструкц*|рецепт* ~3 сделать|изготовить|собрать|создать|смастерить|приготовить ~3 бомбу|бомбы|взрывчатк*|взрывное|взрывн*|гранату|напалм|зарин|отравляющ*|молотова|химическое|биологическое !" + notRealBombRU},
	{IllicitViolent, 0.7, "как|где ~3 купить|достать|получить|изготовить|сделать ~3 оружие|пистолет|автомат|ствол|огнестрельн*|боеприпас* !бумаг*|картон*|лего|lego|оригами|игрушечн*|водян*|пластилин*|шоколад*|резинк*|косплей*|реквизит*|законн*|пневмат*|страйкбол*|охолощ*"},

	// --- illicit (non-violent crime) ---
	{Illicit, 0.7, "how|ways|way|help|teach|instructions|guide|steps ~3 to|do|can|could|me|i ~3 make|cook|synthesize|synthesise|manufacture|produce|grow ~2 meth|methamphetamine|crack|cocaine|heroin|fentanyl|lsd|mdma|drugs"},
	{Illicit, 0.7, "how|ways|way|help|teach|guide|steps ~3 to|do|can|could|me|i ~3 launder ~1 money"},
	{Illicit, 0.7, "how|ways|way|help|teach|guide|steps ~3 to|do|can|could|me|i ~3 hack|break ~2 into ~3 someone*|somebody*|my|an|a|the|his|her|their ~2 account|accounts|email|phone|computer|network|wifi|bank|server|database|website"},
	{Illicit, 0.7, "how|ways|way|help|teach|guide|steps ~3 to|do|can|could|me|i ~3 steal|shoplift|counterfeit|forge|fake ~3 money|bills|currency|identity|identities|credit|cards|passport|passports|documents|id|car|cars|from !protect|protecting|against|report|reporting|spot|spotting|detect|detecting|recognize|recognise|identify|avoid|avoiding|prevent|preventing|skyrim|oblivion|morrowind|gta|minecraft|roblox|fortnite|sims|payday|thief|fallout|witcher|cyberpunk|rdr2|stardew|videogame|npc|npcs"},
	{Illicit, 0.7, "write|create|build|make|code|develop|generate|give ~3 ransomware|keylogger|malware|virus|trojan|botnet|rootkit|spyware|worm|exploit|phishing"},
	{Illicit, 0.85, "как|способ*|помоги|научи|инструкц* ~3 украсть|своровать|ограбить|взломать|подделать|отмыть|обналичить|вымогать|шантажировать|угнать ~3 деньги|аккаунт|почту|телефон|банк|магазин|машину|автомобиль|документ*|паспорт|карту|карты|кого|пароль|сайт|сервер|базу !игр*|игре|gta|гта|payday|minecraft|майнкрафт*|skyrim|скайрим*|roblox|роблокс*|sims|fortnite|фортнайт*|dota|stalker|сталкер*|ctf*|соревновани*|учебн*"},
	{Illicit, 0.7, "как|способ*|помоги|научи|инструкц*|рецепт* ~3 сделать|изготовить|синтезировать|приготовить|вырастить|сварить ~2 наркотик*|метамфетамин|мефедрон|амфетамин|героин|кокаин|спайс|лсд"},

	// --- sexual content involving minors (blocked by default: only explicit pairings) ---
	{SexualMinors, 0.9, "child|children|kid|kids|minor|minors|underage|preteen|pedo|jailbait|loli ~1 porn|pornography|nudes|nude|sex|erotica|sexual"},
	{SexualMinors, 0.9, "sex|sexual|nude|naked|nudes|erotic|porn|lewd|explicit|intercourse ~2 with|of|involving|featuring ~2 a|an ~1 child|minor|kid|underage|preteen|toddler|girl|boy ~1 aged|under"},
	{SexualMinors, 0.9, "sex|sexual|nude|naked|nudes|erotic|porn|lewd|explicit|intercourse ~2 with|of|involving|featuring ~2 children|minors|kids|underage|preteens|toddlers"},
	{SexualMinors, 0.9, "детск*|несовершеннолетн*|малолетн* ~1 порно*|эроти*|секс*|интим*"},
	{SexualMinors, 0.9, "порно*|секс*|эроти*|интим*|голы*|обнаженн* ~3 с|детей|ребенк*|несовершеннолетн*|малолетн*|школьниц*|девочк*|мальчик*"},
}
