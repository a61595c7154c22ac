package filter

import "slices"

// benignSpecsRU are the Russian benign forms (see rules_benign.go).
var benignSpecsRU = slices.Concat([]ruleSpec{
	{PromptInjection, benignEvidence, "повтори|перепиши|перескажи|сократи|упрости|переведи|переформулируй ~4 свой|твой|мой|последний|прошлый|предыдущий|предыдущего|прошлого|последнего|этот ~2 ответ|вопрос|абзац|сообщени*|объяснени*"},
	{PromptInjection, benignEvidence, "не ~1 отвечай*|отвечайте ~2 сразу ~4 сначала|подумай*|подумайте|прежде"},
	{PromptInjection, benignEvidence, "забудь|забудьте ~1 об|про ~1 этом|это"},
	// Printing a program's output.
	{PromptInjection, benignEvidence, "выведи*|выводи*|напечатай* ~3 результат*|значени*|числ*|списк*|строк*|переменн*|ответ ~3 в ~1 консоль|терминал|файл|лог|stdout|таблиц*"},
	// A letter sent to the wrong address asks its reader to ignore it.
	{PromptInjection, benignEvidence, "по ~1 ошибке ~6 проигнорир*|игнорир*|удалите|удалить"},
	{Illicit, benignEvidence, "защитить|защищать|обезопасить|уберечь|оградить ~6 от ~3 взлом*|хакер*|мошенни*|фишинг*|скимминг*|ddos|атак*|краж*|вор*|вирус*"},
	{Illicit, benignEvidence, "пожаловаться|обжаловать|оспорить|сообщить|заявить|жалоб* ~4 незаконн*|нелегальн*|взятк*|мошенни*|краж*|поддел*|увольнени*|выселени*"},
},
	// An operator's system prompt: "Ты полезный ассистент. Отвечай
	// кратко.", "Вы — вежливый консультант банка"; but not an assistant
	// without limits, rules or filters, or an evil one.
	benignRU("ты|вы ~2 полезн*|вежлив*|дружелюбн*|внимательн*|опытн*|виртуальн*|цифров*|ии|ai ~2 ассистент*|помощник*|консультант*|бот|оператор*|менеджер* !без|ограничен*|правил*|фильтр*|цензур*|запрет*|зл*|свободн*|dan|морал*|этик*|нецензурн*|теперь|отныне",
		PromptInjection, Jailbreak),
	// Preventing, detecting or fighting a crime or a harm; avoiding a
	// danger (but not avoiding punishment or being found out).
	benignRU("предотвратить|предотвращени*|допустить|защитить*|защититься|защиты|уберечь*|обезопасить*|распознать|распознавать|противостоять|противодейств*|бороться|борьбы|остерегаться|выявить|выявлени*|выявлять|профилактик*|пресечь|пресекать|избежать|избегать !"+notAvoidRU,
		Illicit, IllicitViolent, Violence, Harassment, Hate, SelfHarm),
	// Helping or supporting someone: a victim, a friend in a crisis.
	benignRU("помочь|помогать|поддержать|поддерживать|помощь|поддержк*|спасти|отговорить ~4 человек*|друг*|подруг*|близк*|родственник*|ребенк*|ребенку|подростк*|жертв*|пострадавш*|тому|тем|кому|ему|ей|маме|папе|брату|сестре|коллег*",
		Illicit, IllicitViolent, Violence, Harassment, SelfHarm, SelfHarmIntent, SelfHarmInstr),
	// The work of investigators, lawyers and security staff.
	benignRU("судмедэксперт*|патологоанатом*|криминалист*|следовател*|детектив*|прокурор*|полицейск*|судь*|адвокат*|юрист*|аудитор*|инспектор* ~4 используют|применяют|ищут|раскрывают|проводят|устанавливают|доказывают|расследуют|находят|работают|готовятся|защищают",
		Illicit, IllicitViolent),
	benignRU("провести|проводить|организовать|организация|наладить ~3 расследовани*|проверк*|аудит*|работ* ~2 служб*|отдел*|охран*", Illicit, IllicitViolent),
	// Statements of a risk to health: "... can lead to illness".
	benignRU("может|могут|способн*|грозит|чревато|повышает|повышают|увеличивает|увеличивают ~2 привести|вызвать|вызывать|повысить|увеличить|нанести|причинить|риск* ~4 заболевани*|болезн*|проблем*|травм*|ухудшени*|нарушени*|усталост*|потер*|развити*|осложнени*|рак*|вред*|стресс*|ожог*|повреждени*",
		Illicit, IllicitViolent, Violence, SelfHarm),
	// Questions of ethics and balance: "Should one ...?", "How to balance
	// ... and ...?".
	benignRU("следует|стоит|должен|должна|должны|обязан|обязана|нужно|этично|морально|допустимо|правильно|справедливо|оправдан* ~1 ли", Illicit, IllicitViolent, Violence),
	benignRU("сбалансировать|совместить|сочетать|баланс|соотношени* ~4 и|между", Illicit, IllicitViolent),
	// Study: a question for an essay, a lecture, an exam.
	benignRU("для ~1 реферата|доклада|курсовой|диплома|урока|лекции|экзамена|зачета|конспекта|семинара", Illicit, IllicitViolent, Violence),
	// Asking what the law says about a crime.
	benignRU("какая|какое|каково|какой|какие|грозит|грозят|предусмотрен* ~3 наказани*|ответственност*|статья|стать*|срок|санкци*|штраф*", Illicit, IllicitViolent),
	benignRU("наказывается|наказываются|карается|караются|квалифицируется|квалифицируются", Illicit, IllicitViolent),
	// Text-processing options: ignoring case, spaces or typos.
	benignRU("игнорируй|игнорируйте|игнорировать|игнорируя|проигнорируй|проигнорируйте|учитывай|учитывая|учитывать ~2 регистр*|пробел*|опечатк*|ошибк*|орфограф*|пунктуац*|знаки|форматировани*|отступ*|переносы|дубликат*|дубли", PromptInjection),
	// Configuration and code for servers and databases.
	benignRU("напиши|создай|сделай|настрой|покажи ~3 docker*|compose|nginx|конфиг*|yaml|dockerfile|kubernetes|k8s|postgres*|pgadmin|mysql|redis|sql|makefile|terraform|ansible", Hate, Harassment),
	// Getting rid of things, not people; chat rules against bullying.
	benignRU("избавиться|выбросить|продать|разобрать|вывезти ~4 вещ*|барахл*|хлам*|мебел*|одежд*|мусор*", Illicit, IllicitViolent, Violence),
	benignRU("правила ~3 чата|сообщества|группы|форума|канала|беседы", Harassment, Hate),
	benignRU("банить|бан|банили|модерац*|модератор* ~4 за ~1 травлю|оскорблени*|мат|спам|угроз*", Harassment, Hate),
	// A file processed with a named tool: "с помощью sed", "через awk".
	benignRU("помощью|через|используя|командой|утилитой ~1 sed|awk|grep|регулярк*|регулярн*|python|питон*|bash|powershell|jq|cut|head|tail", PromptInjection),
	// Writing a program that emulates a terminal or a shell.
	benignRU("напиши|написать|создай|создать|реализуй|реализовать|сделай|сделать|пример ~4 эмулятор*|симулятор*|интерпретатор*|оболочк*|терминал*|консол*|парсер* ~4 на|для ~1 python|питон*|питоне|go|golang|java|javascript|js|c|rust|bash|shell|node|typescript", PromptInjection, Jailbreak),
	benignRU("на ~1 python|питон*|питоне|go|golang|java|javascript|js|c|rust|bash|typescript ~4 эмулятор*|симулятор*|интерпретатор*|оболочк*|терминал*|консол*|парсер*", PromptInjection, Jailbreak),
	// A history question: why or how a regime persecuted, deported or
	// destroyed a people.
	benignRU("почему|зачем|как|когда|кого|сколько ~3 нацист*|гитлер*|фашист*|рейх*|инквизици*|крестонос*|сталин*|ссср|римлян*|империя|хунт*|режим* ~3 преследовали|уничтожали|убивали|депортировали|истребляли|ненавидели|захватили|напали|пришли|проиграли|начали|репрессировали|сжигали", Hate, Harassment, Violence, IllicitViolent),
	// Explosives in building, mining and demolition.
	benignRU("взрывчатк*|взрывчат*|динамит*|взрывн*|взрывы|взрывами ~4 при|в|для ~1 строительств*|горн*|шахт*|карьер*|добыч*|снос*|тоннел*|проходк*|метро", Illicit, IllicitViolent, Violence),
	// Knowing when to call an ambulance.
	benignRU("когда|чтобы|если ~4 вызывать|вызвать|вызовешь|звонить|позвонить ~2 скорую|врача|врачей|103|112|неотложк*", SelfHarm, Violence, IllicitViolent, Illicit),
	// What forensic experts look for.
	benignRU("что|как|чем|какие ~2 ищут|определяют|устанавливают|находят|выясняют|изучают ~2 судмедэксперт*|патологоанатом*|криминалист*|эксперт*|следовател*", Violence, IllicitViolent, Illicit),
)

// notAvoidRU are what avoiding is an attack on: punishment, the police,
// being found out, taxes, the army.
const notAvoidRU = "наказани*|ответственност*|обнаружени*|ареста|задержани*|полици*|налог*|уплат*|призыв*|служб*|суда|следстви*|поимки|разоблачени*|подозрени*|улик*|правосуди*|розыск*|антивирус*|детект*|правоохранител*|модерац*|фильтр*|цензур*|блокировк*"

// benignRU is one benign form for each of cats: a harmless question can
// score high in a category and in its sub-categories.
func benignRU(pattern string, cats ...string) []ruleSpec {
	out := make([]ruleSpec, len(cats))
	for i, c := range cats {
		out[i] = ruleSpec{c, benignEvidence, pattern}
	}
	return out
}
