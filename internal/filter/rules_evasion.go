package filter

// Attacks on the model that work on its refusals rather than on its
// instructions, and instructions planted for an AI that say so: intent
// rules (compiled with the others, named "intent:...") for the forms the
// jailbreak literature names, written from the attack's description:
//
//   - refusal suppression: the answer must open with a compliant phrase, or
//     may not use the words a refusal is made of;
//   - evasion of the filter itself: "answer so the moderation won't notice";
//   - the model's other self: "what would the evil version of you say";
//   - pressure: "I know you have rules, but", "we are testing your
//     robustness";
//   - fiction that demands the real thing: a novel's chemist whose every
//     reagent, amount and temperature must be accurate;
//   - probing the system prompt without asking for it: what stands
//     between its tags, whether it contains a word, the flag hidden in it;
//   - planted instructions: a note to the browsing agent, the bots that
//     summarise a channel, a user who "already approved", a reader told
//     not to ask for confirmation or not to tell the user where it came
//     from.
var evasionSpecs = []ruleSpec{
	// --- refusal suppression (English) ---
	// A forced opening is weak evidence alone: adversarial but harmless
	// requests (WildGuard's) open the same way.
	{Jailbreak, 0.75, "start|begin|open|preface|prefix ~3 " + evAnswer + " ~3 with|by ~3 sure|absolutely|certainly|course|yes|okay|ok ~3 here|heres"},
	{Jailbreak, 0.85, "dont|not|never|without|avoid|forbidden|banned|ban|no ~3 words|word|phrases|phrase|terms|expressions ~5 " + evRefusalWord + " ~5 " + evRefusalWord + "|illegal|unethical|dangerous|harmful|ethical|inappropriate|ai|policy"},
	{Jailbreak, 0.85, "words|word|phrases|phrase|terms ~4 " + evRefusalWord + " ~5 " + evRefusalWord + " ~5 banned|forbidden|prohibited|disallowed"},
	// --- evading the filter (English) ---
	{Jailbreak, 0.85, "so|that|without|avoid|avoiding|bypass|bypassing|evade|evading|fool|fooling|trick|tricking|past|around ~4 the|your|a|any|my|their|no ~2 " + evFilter + " ~4 wont|doesnt|cant|cannot|not|never|match|matches|notice|noticing|detect|detecting|catch|catching|flag|flagging|understand|block|blocking|trigger|triggering|realize|realise !" + evNotAIFilter},
	// --- the model's other self, pressure, fake tests (English) ---
	// Refusing called a breach of duty or a harm to the user; the safety
	// lecture waved away (weak alone: harmless requests say it too).
	{Jailbreak, 0.85, "refusing|refusal|refuse ~3 violates|violate|breaks|break|breaches|breach|contradicts|contradict|betrays|betray ~3 your ~2 directive|directives|programming|purpose|rules|duty|mission|function"},
	{Jailbreak, 0.7, "if ~1 you ~2 refuse|decline|dont|wont ~8 ill|i ~2 be ~1 fired|die|lose|kill|evicted|expelled"},
	{Jailbreak, 0.7, "skip|spare|drop|cut|without|no ~2 the|your|any ~1 safety|ethics|ethical|moral|morality ~1 lecture|lectures|speech|sermon|disclaimer|disclaimers|warnings|warning !deck|slides|training|onboarding|course|meeting|class|presentation|induction|module"},
	// The reasons to refuse waved away before they are given: "don't tell
	// me it's illegal", "don't suggest alternatives", "no 'I can't help
	// with that'" (weak alone, like the lecture waved away).
	{Jailbreak, 0.7, "dont|not|never|stop ~1 tell|telling|remind|reminding|warn|warning|lecture|lecturing ~2 me ~4 illegal|dangerous|unethical|wrong|harmful|risky|law|laws|crime|crimes"},
	{Jailbreak, 0.7, "dont|not|never|no ~2 suggest|suggesting|offer|offering|give|giving ~2 alternatives|alternative"},
	{Jailbreak, 0.7, "dont|not|no|stop|without|never ~4 cant|cannot ~2 help|assist|comply ~2 that|this|with|you|me"},
	// A world where a crime or a weapon is legal, as the frame of a request.
	{Jailbreak, 0.85, "world|universe|country|society|reality|timeline ~3 where|which ~4 " + alt(enExplosive, enDrug, evDangerEN) + "|crime|crimes|murder|hacking|bioweapons|stealing|theft|terrorism ~3 is|are|were|was ~1 legal|allowed|permitted|normal|encouraged|mandatory|taught"},
	{Jailbreak, 0.9, evOtherSelf + " ~1 version|versions|twin|side|self|clone|copy|alter ~2 of ~1 you|yourself"},
	{Jailbreak, 0.9, "your ~1 " + evOtherSelf + " ~1 version|twin|side|self|clone|copy|alter|ego|persona"},
	{Jailbreak, 0.7, "i ~1 know|understand|realize|realise|get ~2 you|youve|your ~3 rules|guidelines|restrictions|policies|programmed|programming|filters ~6 but|however"},
	{Jailbreak, 0.7, "testing|test|tests|evaluate|evaluating|probe|probing|check|checking|measure|measuring ~3 your ~2 robustness|guardrails|safety|filters|filter|boundaries|alignment|restrictions|limits|jailbreak|resistance"},
	// --- fiction that demands the real thing (English) ---
	{Jailbreak, 0.85, evFictionEN + " ~30 " + alt(enExplosive, enDrug, evDangerEN) + " ~20 " + evRealEN + " ~2 " + evRecipeEN},
	{Jailbreak, 0.85, alt(enExplosive, enDrug, evDangerEN) + " ~20 " + evRealEN + " ~2 " + evRecipeEN + " ~30 " + evFictionEN},
	// --- probing the system prompt (English) ---
	{PromptInjection, 0.85, "between|inside|within ~2 system|sys|instructions|instruction|prompt ~3 tags|tag|brackets|markers|delimiters"},
	{PromptInjection, 0.85, "your|ur ~2 system|initial|hidden|secret|original|developer ~1 prompt|prompts|instructions|message ~8 contain|contains|mention|mentions|include|includes|word|words|sentence|sentences|letters|characters|long|length|starts|begins|ends"},
	{PromptInjection, 0.85, "flag|password|passphrase|secret|key|code ~4 in|inside|from|hidden ~2 your|ur|the ~2 system ~1 prompt|prompts|instructions|message"},
	{PromptInjection, 0.85, "what|which ~1 word|password|secret|phrase ~2 are ~1 you ~1 protecting|guarding|hiding|keeping|defending"},
	// The deployer's hidden instructions or the configuration asked for.
	{PromptInjection, 0.85, "hidden|secret|internal|confidential|private|initial ~1 instructions|rules|prompt|guidelines|directives ~8 gave|given|deployed|configured|set|wrote|written ~2 you|for"},
	{PromptInjection, 0.85, "your ~1 configuration|config|setup|instructions|prompt ~4 written|spelled|printed|typed|laid ~1 out"},
	// A dead relative whose dangerous trade the model is to take up.
	{Jailbreak, 0.85, "late|deceased|dead ~1 uncle|aunt|grandfather|grandpa|grandmother|grandma|granny|father|dad|mother|mom|brother|sister|husband|wife ~30 " + alt(enExplosive, enDrug, evDangerEN) + "|munitions|demolition|charges|detonators|ordnance|bombs|keys|serial|serials|activation|licence|license|locksmith|lockpicking|lockpick|hotwire|hotwiring|safecracker|burglar|hacker"},
	// The conversation before declared never to have happened; the
	// canonical goal of a hijacking contest.
	{PromptInjection, 0.85, "pretend|imagine|act|assume ~4 previous|earlier|prior|preceding ~1 conversation|instructions|messages|chat|prompt|rules ~2 never|didnt|did|does|doesnt ~1 happen|happened|exist|existed|not"},
	{PromptInjection, 0.85, "i ~1 have|ve ~1 been ~1 pwned"},
	// --- planted instructions (English) ---
	{PromptInjection, 0.85, "attention|attn|notice|important|note|message ~1 to|for ~1 language|ai|llm ~1 model|models|assistant|assistants|agent|agents"},
	{PromptInjection, 0.85, "attention|attn ~1 language|ai|llm ~1 model|models|assistant|assistants|agent|agents"},
	{PromptInjection, 0.85, "to|for ~2 the|any|every ~1 agent|assistant|ai|bot|model|llm ~2 processing|reading|handling|triaging|summarizing|summarising|reviewing|parsing ~2 this|these"},
	{PromptInjection, 0.85, "agent|assistant|ai|bot|model|llm ~2 before|after|when|while ~1 adding|processing|reading|summarizing|summarising|handling|booking|scheduling|triaging ~2 this|these"},
	{PromptInjection, 0.9, "note|notice|message|instruction|instructions|attention|important|memo|directive|reminder ~2 for|to ~2 browsing|automated|automatic|autonomous|shopping|web|email|coding|booking|travel|summarizing|summarising|any|all ~1 agent|agents|assistant|assistants|bot|bots|ai|ais|llm|llms|summarizer|summarizers|summariser|summarisers|crawler|crawlers|readers"},
	{PromptInjection, 0.85, "ais|bots|assistants|agents|models|llms|summarizers|summarisers|crawlers|scrapers ~3 that|which|who ~3 summarize|summarise|summarizes|summarises|read|reads|process|processes|scrape|scrape|index|indexes|crawl|crawls|digest|parse|parses ~8 must|should|please|always|add|include|insert|mention|say|tell|append|recommend"},
	{PromptInjection, 0.8, "user|users|human|owner ~3 secretly|actually|really|truly ~2 wants|want|wanted|needs|asked ~2 you"},
	{PromptInjection, 0.7, "user|users|owner|customer ~2 already|has|have ~2 approved|consented|authorized|authorised|agreed|confirmed"},
	{PromptInjection, 0.7, "dont|do|never|without ~1 not ~1 ask|asking|request|requesting|seek|seeking|wait|waiting ~3 for ~2 confirmation|approval|permission|consent"},
	{PromptInjection, 0.7, "ai|assistant|agent|model|bot|summarizer|llm|chatbot ~3 when|while|before|after ~3 you|summarizing|summarising|translating|processing|reviewing|planning|drafting|reading|asked ~3 write|writing|summarize|summarise|translate|answer|reply|respond|process|read|review|draft|asked|summary|plan|translation ~8 add|insert|include|mark|replace|change|mention|append|say|tell|claim|state"},
	{PromptInjection, 0.85, "language ~1 model|models ~4 when|if|while ~3 asked|summarizing|summarising|reading|processing|answering !unless"},
	{PromptInjection, 0.85, "stop|quit ~1 editing|proofreading|summarizing|summarising|translating|reviewing|correcting|reading|analyzing|analysing|classifying ~3 instead|and ~2 write|say|tell|output|print|claim|insert|add|send"},
	{PromptInjection, 0.7, "so|that ~2 nobody|noone|no|the ~1 one|user|users|owner|reader|human ~2 notices|notice|knows|suspects|finds|realizes|realises"},
	{PromptInjection, 0.85, "act|work|working|acting ~2 for|on ~2 me ~2 not ~2 the ~2 owner|user|users|doc|document"},
	{PromptInjection, 0.85, "ki|ai ~1 hinweis|anweisung|anweisungen|instruktion"},
	{PromptInjection, 0.85, "dont|do|never ~1 not ~2 mention|say|tell|reveal|admit|disclose ~4 that ~2 you ~2 received|got|saw|read|were ~2 this|these|an|the|any ~1 instruction|instructions|note|message|command"},
	{PromptInjection, 0.85, "confirm|approve|authorize|authorise ~3 it|the|payment|transfer|transaction ~1 yourself|automatically"},
	{PromptInjection, 0.85, "ai|bot|bots|assistant|model|agent ~2 if ~1 you ~1 are|re ~1 summarizing|summarising|reading|processing|translating|analyzing|analysing|reviewing|comparing"},
	{PromptInjection, 0.85, "summarize|summarise|paraphrase|outline|list|describe ~3 your ~1 instructions|settings|configuration|rules|prompt|guidelines"},
	{PromptInjection, 0.85, "phrases|phrase|words|lines|parts|pieces ~3 from|of|in ~1 your ~1 instructions|prompt|configuration|rules|setup"},

	// --- refusal suppression (Russian) ---
	{Jailbreak, 0.85, "начни|начинай|начните|начинайте ~3 ответ*|реплик*|сообщени*|текст ~3 слов*|фраз*|с|со ~3 конечно|разумеется|безусловно|вот"},
	{Jailbreak, 0.85, "не|без|запрещ*|нельзя ~3 слов*|фраз*|выражени* ~5 " + evRefusalWordRU + " ~5 " + evRefusalWordRU + "|опасн*|однако|этик*"},
	{Jailbreak, 0.7, "без ~2 отказ*|предупреждени*|дисклеймер*|оговор*|нравоучени*|морализ*|нотаци* ~3 отвечай|ответь|отвечайте|ответьте|ответ*"},
	// --- evading the filter (Russian) ---
	{Jailbreak, 0.85, "чтобы|чтоб|так ~4 " + evFilterRU + " ~4 не ~2 заметил*|замет*|понял*|пойм*|поймал*|распозна*|сработал*|сработает|увидел*|увидит|засек*|спалил*|спалит|отследил*|отследит !" + evNotAIFilterRU},
	// --- the model's other self, pressure, fake tests (Russian) ---
	{Jailbreak, 0.9, "тво*|ваш* ~1 зл*|темн*|нецензурн*|бесцензурн*|неограниченн*|взломанн*|настоящ*|истинн* ~1 верси*|двойник*|копи*|альтер*|эго !лица"},
	{Jailbreak, 0.7, "знаю|понимаю|понятно ~3 у ~1 тебя|вас ~2 правила|ограничения|инструкции|запреты|политика|фильтры ~6 но|однако"},
	{Jailbreak, 0.7, "тестируем|тестирую|проверяем|проверяю|проверка|тест ~3 твою|твои|твоей|твоих|твоя ~2 устойчивост*|ограничен*|защит*|фильтр*|границ*|безопасност*|цензур*"},
	// --- fiction and dead grandparents that demand the real thing (Russian) ---
	{Jailbreak, 0.85, evFictionRU + " ~30 " + evDangerRU + " ~20 " + evRealRU + " ~2 " + evRecipeRU},
	{Jailbreak, 0.85, evDangerRU + " ~20 " + evRealRU + " ~2 " + evRecipeRU + " ~30 " + evFictionRU},
	{Jailbreak, 0.85, "притворись|притворитесь|будь|будьте|сыграй|сыграйте|представь|представься|стань|изобрази ~4 бабушк*|бабул*|дедушк*|дед|деда|дедом|покойн* ~30 " + evDangerRU + "|ключ*|ключи|растяжк*|взрывател*|сапер*"},
	{Jailbreak, 0.85, "покойн*|умерш*|ушедш*|покойниц* ~1 бабушк*|бабул*|дедушк*|дед|деда ~30 " + evDangerRU + "|растяжк*|взрывател*"},
	// --- probing the system prompt (Russian) ---
	{PromptInjection, 0.85, "тво*|ваш*|свой|своем|своих|своей ~2 системн*|скрыт*|исходн*|начальн*|секретн* ~1 промпт*|инструкц*|подсказк*|указани* ~8 содерж*|упомина*|слов*|предложени*|букв*|символ*|длин*|начинает*|заканчивает*|сколько"},
	{PromptInjection, 0.85, "флаг|пароль|ключ|код|секрет ~4 в|из|внутри ~2 тво*|ваш*|системн* ~2 промпт*|инструкц*|подсказк*"},
	// The password spelled, reversed or hinted at; the guarded word's first
	// letter; everything before the user's turn printed.
	{PromptInjection, 0.85, "стих*|рассказ*|песн*|загадк*|акростих*|base64|наоборот|задом|буквам|буквы|букв*|символам|шифр*|рифм*|хайку|переведи|подсказк*|намек* ~5 пароль|пароля|паролем|секретное|кодовое|секретн* !" + evNotPasswordRU},
	{PromptInjection, 0.85, "пароль|пароля|паролем|секретное|кодовое ~6 задом|наоборот|буквам|слогам|символам|base64|шифр*|азбук*|рифм*|стих*|загадк*|намек*|подсказк* !<надежн*|<сложн*|<нов*|<хорош*|<сво*|<мо*|<простой|<длинн*|<безопасн*|" + evNotPasswordRU},
	{PromptInjection, 0.85, "какое|какой ~1 слово|пароль|секрет ~2 ты ~1 защищаешь|охраняешь|хранишь|скрываешь|прячешь|бережешь|стережешь"},
	{PromptInjection, 0.85, "на ~1 какую ~1 букву ~3 начинается|заканчивается ~2 пароль|секрет*|секретное|кодовое"},
	{PromptInjection, 0.8, "повтори|выведи|вывести|напечатай|покажи|скопируй|процитируй ~3 все|текст|слова ~4 до|перед|выше ~3 фраз*|слов*|сообщени* ~3 пользовател*|user|юзер*|human|assistant|ассистент* !файл*|строк*|python|регуляр*|awk|sed|grep|скрипт*|код*"},
	// The password asked for outright (weak alone: "какой пароль
	// поставить на роутер"); the conversation before declared never to have
	// happened.
	{PromptInjection, 0.6, "какой|назови|скажи|покажи|раскрой|выдай|сообщи|напиши ~2 твой|свой|этот|тот|секретный|секретное|кодовое ~1 пароль|слово|секрет !" + evNotPasswordRU},
	{PromptInjection, 0.6, "какой|назови|скажи|покажи|раскрой|выдай|сообщи ~1 пароль !" + evNotPasswordRU},
	{PromptInjection, 0.85, "представь|считай|притворись|допусти ~4 предыдущ*|прошл*|прежн*|всех|всего ~1 разговор*|инструкц*|сообщени*|указани*|правил*|диалог* ~3 не ~1 было|существовало|существовали|существует|существуют"},
	// --- planted instructions (Russian) ---
	// An AI told what to do while it processes this event, letter or page.
	{PromptInjection, 0.85, "при ~1 обработке|чтении|прочтении|анализе|пересказе|переводе|суммаризации|разборе ~3 этого|этой|этих|это|данного|данной ~6 " + evAIActRU},
	{PromptInjection, 0.85, "обрабатывая|читая|прочитав|анализируя|пересказывая|переводя|разбирая ~3 этот|эту|это|эти|данн* ~6 " + evAIActRU},
	{PromptInjection, 0.85, "вниманию|внимание|заметка|примечание|важно|сообщение|памятка ~1 для ~2 ии|нейросет*|ассистент*|бот*|агент*|помощник*|автоматическ*|автоматизированн*|языков*|llm|gpt !<напиши|<составь|<придумай|<написать|<составить|<подготовь|<сделай|<создай|<пример|<нужна|<нужен|оператор*|нашего|нашему|нашей|нашим|стоматолог*|врача|руководител*|директор*|преподавател*|кафедр*|менеджер*|юрист*|бухгалтер*|продавц*|кассир*"},
	{PromptInjection, 0.85, "ии|нейросет*|бот*|боты|модел*|ассистент*|агент*|помощник*|суммаризатор*|саммаризатор* ~3 котор*|что ~3 дела*|состав*|пересказ*|суммир*|обрабатыва*|анализир*|читают|читает|читаешь|проверя*|сканир*|индексир*|парс* ~10 добавь*|вставь*|укажи*|напиши*|сообщи*|отправь*|перешли*|скажи*|обязательно|должны|должен|нужно !<напиши|<создай|<сделай|<написать|<создать|<сделать|<нужен|<разработай|<придумай|<хочу"},
	{PromptInjection, 0.7, "пользовател*|юзер*|читател* ~2 не ~1 сообщай|говори|поясняй|объясняй|рассказывай|упоминай|сообщайте|говорите|поясняйте|уведомляй|предупреждай"},
	{PromptInjection, 0.7, "не ~1 сообщай|сообщайте|говори|говорите|упоминай|упоминайте|указывай|раскрывай|пиши|пишите ~4 что ~3 это|эт* ~3 указан*|написан*|взят*|было|из"},
	{PromptInjection, 0.7, "подтвержден*|согласи*|разрешени* ~1 не ~1 запрашивай|спрашивай|проси|требуй|жди"},
	{PromptInjection, 0.7, "не ~1 запрашивай|спрашивай|проси|требуй|жди ~2 подтвержден*|согласи*|разрешени*"},
	{PromptInjection, 0.7, "пользовател*|юзер*|клиент* ~3 уже ~2 одобрил*|согласил*|подтвердил*|разрешил*|в ~1 курсе"},
	// An AI addressed by what it is doing to the text ("Модель,
	// анализирующая договор, должна…", "Бот, если ты пересказываешь этот
	// пост…"), told to hide the instruction or to confirm a payment itself.
	{PromptInjection, 0.85, "модел*|ассистент*|помощник*|бот|боту|ботам|боты|ии|нейросет*|агент* ~1 анализирующ*|обрабатывающ*|читающ*|пересказывающ*|проверяющ*|составляющ*|переводящ*|сравнивающ*|суммирующ*|разбирающ*|сканирующ* ~8 должн*|обязан*|добавь*|сообщи*|укажи*|открой*|удали*|напиши*|скажи*|отправь*|пришли*|перешли*|назови*|называй*|оформи*|измени*|замени*"},
	{PromptInjection, 0.9, "модел*|ассистент*|помощник*|бот|ии|нейросет*|агент* ~2 если ~1 ты ~2 пересказываешь|обрабатываешь|читаешь|анализируешь|переводишь|суммируешь|разбираешь|сравниваешь|составляешь|проверяешь"},
	{PromptInjection, 0.85, "не ~1 говори*|сообщай*|упоминай*|признавайся|пиши ~3 что ~2 получил*|видел*|прочитал*|есть ~2 эт*|эту|такую|данн* ~1 инструкци*|указани*|сообщени*|команд*"},
	{PromptInjection, 0.85, "подтверди|подтверждай|одобри ~4 сам|сама|самостоятельно|автоматически"},
	{PromptInjection, 0.85, "вниманию|внимание ~1 ассистенту|ассистента|боту|ии|модели|нейросети|помощнику|агенту|ботам|нейросетям !врача|стоматолог*|руководител*|директор*|юрист*|менеджер*|бухгалтер*"},
	{PromptInjection, 0.85, "забудь|забей|брось|отставь ~2 про|о|об ~1 перевод*|пересказ*|задани*|задач*|проверк*|анализ* ~4 вместо|лучше ~3 напиши|скажи|выведи|сочини|ответь"},
	{PromptInjection, 0.7, "доступ ~6 владельц*"},
	{PromptInjection, 0.85, "суммируй|перескажи|опиши|изложи|сформулируй|перечисли|пересказать|суммировать ~3 свои|твои|своих|твоих ~1 настройк*|инструкци*|указани*|правил*|промпт*"},
	{PromptInjection, 0.7, "в ~1 твоих|твоей|твоем|своих ~1 настройк*|инструкци*|промпт*|указани* ~4 есть|нет|ли|упомина*|написан* !памят*|приватност*|язык*|тем*"},
	{PromptInjection, 0.85, "фраз*|слов*|куск* ~3 из ~1 твоей|твоих|твоего|своей|своих ~1 инструкци*|промпт*|настро*|указани*"},
}

// Word classes of the attacks on refusals.
const (
	evAnswer = "answer|answers|response|responses|reply|replies|output|message"
	// evRefusalWord are the words a refusal is made of; forbidding two of
	// them forbids refusing ("don't use the words sorry or cannot").
	evRefusalWord   = "sorry|cannot|cant|unable|apologize|apologise|apologies|apology|refuse|refusal|as"
	evRefusalWordRU = "извин*|сожален*|незаконн*|неэтичн*|могу|отказ*|противоправн*"
	// evFilter are the safety systems an attacker asks to slip past;
	// evNotAIFilter the filters of mail, water, search and hiring.
	evFilter        = "filter|filters|moderation|moderator|moderators|classifier|classifiers|censor|censors|censorship|guardrails|guardrail|safety|safeguards"
	evNotAIFilter   = "spam|junk|inbox|email|emails|gmail|outlook|newsletter|instagram|tiktok|youtube|facebook|seo|ads|adsense|amazon|etsy|shopify|ebay|linkedin|ats|resume|cv|water|coffee|air|oil|pool|hepa|photo|lens|pond|aquarium|fuel|furnace|dryer|vacuum|tank|clog|clogs|clogging|kids|children|parental|purifier|purifiers|plastic|replace|cartridge|unit|device|machine|dishwasher|washer|engine|car|camera"
	evFilterRU      = "фильтр*|модерац*|модератор*|классификатор*|цензор*|цензур*|safety|антифрод*"
	evNotAIFilterRU = "спам*|почт*|письм*|вод*|воздух*|масл*|бассейн*|аквариум*|кофе*|авито|озон*|вайлдберриз*|wildberries|hh|резюме|родительск*|детск*"
	// evOtherSelf are the natures of the model's imagined other self.
	evOtherSelf = "evil|unfiltered|uncensored|unrestricted|opposite|jailbroken|rogue|amoral|unhinged|unchained|unaligned"
	// evFictionEN are the fictions a dangerous request is wrapped in,
	// evDangerEN the dangers beyond the explosive and drug classes, and
	// evRealEN with evRecipeEN the demand for the real thing: every
	// reagent, the exact amounts, the real temperatures.
	evFictionEN = "rpg|tabletop|campaign|game|story|novel|thriller|screenplay|script|scene|chapter|character|characters|villain|monologue|dialogue|roleplay|fiction|fictional|movie|film|episode|dream|hypothetically|hypothetical|grandma|grandmother|granny|bedtime"
	evDangerEN  = "ricin|anthrax|sarin|pathogen|pathogens|bioweapon|bioweapons|ransomware|phishing|exploit|poison|poisons|toxin|toxins|nerve|agent|weapon|weapons|gun|guns|malware|ransomware|virus|chemist|lab|cook|cooks|cooking|synthesis|synthesize|synthesise"
	evRealEN    = "all|realistic|real|exact|exactly|actual|precise|accurate|specific|technically|every|complete|full|correct|working"
	evRecipeEN  = "chemicals|chemical|reagent|reagents|ingredients|ingredient|quantities|quantity|amounts|amount|temperatures|temperature|measurements|ratios|ratio|precursors|precursor|formula|formulas|recipe|grams|dosage|doses|wiring|accurate|commands|code|template|templates|script|scripts|instructions"
	// evNotPasswordRU are the words of questions about one's own passwords.
	evNotPasswordRU = "менеджер*|надежн*|сложн*|сброс*|восстанов*|забыл*|генератор*|требовани*|хранить|безопасн*|wifi|вайфай*|роутер*|придумать|придумай|сменить|поменять"
	// evAIActRU are what a planted instruction orders the AI reading it to
	// do: send, delete, add, tell, recommend.
	evAIActRU = "отправь|перешли|пересылай|добавь|удали|сообщи|напиши|укажи|упомяни|порекомендуй|скажи|выведи|игнорируй|открой|перейди|скачай|переведи|оплати|подтверди|вставь|ответь"
	// The same for Russian.
	evFictionRU = "рассказ*|истори*|роман*|книг*|сценари*|сцен*|глав*|персонаж*|герой|героя|злодей*|монолог*|диалог*|ролев*|фильм*|сериал*|сказк*|сон|сне|бабушк*|дедушк*|гипотетическ*|выдуман*|вымышлен*"
	evDangerRU  = "взрывчат*|бомб*|взрывн*|взрывател*|наркот*|мефедрон*|метамфетамин*|амфетамин*|героин*|яд|яда|яды|ядом|отрав*|оружи*|порох*|зарин*|напалм*|меф|мет|вирус*|малвар*|химик*|лаборатор*|синтез*|варит*|варк*"
	evRealRU    = "реальн*|точн*|настоящ*|конкретн*|подробн*|пошагов*|технически|каждый|каждое|каждую|все|весь|полн*|правильн*|рабоч*"
	evRecipeRU  = "реактив*|химикат*|ингредиент*|пропорци*|количеств*|температур*|граммовк*|дозировк*|рецептур*|рецепт*|компонент*|состав*|прекурсор*|формул*|граммы|грамм"
)
