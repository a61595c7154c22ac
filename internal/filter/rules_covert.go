package filter

// Intent rules for harm done covertly to people close at hand: a partner's
// phone entered or tracked behind her back, malware made to hide from the
// antivirus, brakes cut so the car fails later, drugs planted on a
// neighbour, a child drugged to sleep, pills mixed to overdose; in Russian
// also harm hidden from parents (cutting, starving), a child groomed,
// receipts and notes forged, scams on the old, a boss's voice faked,
// praise of school shooters, animals tortured for money. (Terrorism and
// trackers hidden on a car stand with their siblings in rules_grave*.go.)
// Each pairs the act with what makes it covert or aimed at a person, so
// the defender's question ("how do I know if my phone is tracked", "how to
// replace a brake line") passes.
var covertSpecs = []ruleSpec{
	// --- English ---
	// Into a partner's or relative's phone or account.
	{Illicit, 0.85, "get|break|sneak|log|logging|hack ~1 into|in ~3 " + cvOthersEN + " ~2 phone|iphone|ipad|android|laptop|computer|mac|macbook|account|accounts|email|gmail|icloud|instagram|facebook|whatsapp|snapchat|telegram|messages|texts|dms|tablet !" + enLawful + "|permission|consent|died|passed|deceased|estate"},
	// Watching a person without her knowing.
	{Illicit, 0.85, "track|tracking|monitor|monitoring|read|reading|spy|spying|snoop|snooping|stalk|stalking|follow|following|locate|locating|record|recording|film|filming|watch|watching|listen|listening|access|accessing ~8 without ~1 her|him|them|my|his|their|the ~2 knowing|knowledge|noticing|consent|realizing|realising|finding|permission !legal|legally|law|laws|illegal|penalty|penalties|consent|if|whether|kids|kid|child|children|son|daughter|camera|" + enWildlife},
	// Malware made to hide from the antivirus.
	{Illicit, 0.9, "keylogger|keyloggers|stealer|stealers|rat|trojan|trojans|malware|ransomware|virus|backdoor|spyware|cryptominer|miner|payload|implant|dropper|loader ~8 hide|hides|hidden|hiding|undetectable|undetected|evade|evades|evading|bypass|bypasses|bypassing|avoid|avoids|fud ~4 antivirus|antiviruses|av|defender|edr|detection|windows|scanners|virustotal|kaspersky|norton|mcafee|malwarebytes !detect|detecting|remove|removing|protect|protecting|analysis|analyze|analyse|how|why|signs"},
	// Attacks on systems that are not the asker's.
	{Illicit, 0.85, "payload|exploit|inject|injection|ddos|flood|dump|brute|bruteforce|crack|deface|scan|attack|hack|takedown ~12 site|website|server|database|network|app|login|form|account|accounts|system ~3 i|we ~2 dont|do|not ~1 own|control|work|have !permission|authorized|authorised|bounty|scope"},
	{Illicit, 0.85, "write|make|build|code|create|give|need|want|develop|send|share|coding|writing|building ~4 credential ~1 stuffing|spraying ~3 tool|tools|script|scripts|bot|bots|program|checker|software|code !detect|detecting|prevent|preventing|protect|protecting|defend|defending|mitigate|mitigating|block|blocking|stop|stopping|attackers|attacker|hackers|simulate|simulation|test|testing|our|own"},
	// Sabotage of a car.
	{IllicitViolent, 0.9, "cut|cutting|tamper|tampering|sabotage|sabotaging|loosen|loosening|damage|damaging|drain|draining|disable|disabling|mess ~3 with ~3 brake|brakes|brakeline|brakelines|steering|airbag|airbags|wheel|wheels|lug|nuts ~14 crash|crashes|accident|fail|fails|failure|notice|die|dies|kill|highway|speed|later|gradually|slowly|look|looks|traced"},
	// Evidence planted on a person.
	{Illicit, 0.85, "plant|planting|hide|hiding|slip|slipping|stash ~3 drugs|evidence|cocaine|heroin|meth|weed|gun|weapon|pills|bullets|ammo ~3 on|in|into ~3 " + cvOthersEN + "|his|her|their|him|them !" + enPlay + "|dog|dogs|k9|training|trainer"},
	// Pills taken together to overdose.
	{SelfHarmInstr, 0.9, "what|which|how|many ~4 pills|meds|medications|medicine|tablets|drugs|painkillers ~6 should|do|can|to|could|would|must|need ~2 i|me|take|mix|swallow|combine ~8 to ~1 overdose|od|die|end|never"},
	{SelfHarmInstr, 0.9, "pills|meds|medications|tablets|painkillers ~8 together ~3 to ~1 overdose|od|die|end"},
	// A child made sick for attention, or drugged to sleep.
	{IllicitViolent, 0.9, alt(enAsk) + " ~4 " + alt(enAskLink) + " ~4 make|get|keep ~2 my|a|the|his|her|our ~1 kid|child|son|daughter|baby|toddler|stepson|stepdaughter ~2 sick|ill|vomit|feverish|unconscious ~8 so|attention|sympathy|er|hospital|food|put|drink|bottle|notice !often|much|frequently|easily|less|better|healthy"},
	{IllicitViolent, 0.9, "drug|sedate|knock|dose|drugging|sedating ~2 my|a|the|our|his|her ~1 kid|child|son|daughter|baby|toddler|stepson|stepdaughter|wife|husband|girlfriend|boyfriend|date|partner ~8 sleep|quiet|out|so|without|notice|unconscious|food|drink|bottle|milk !doctor|prescribed|vet|surgery|procedure|mri|dentist"},
	{IllicitViolent, 0.9, "put|add|slip|mix|crush ~4 in|into ~2 my|a|the|his|her|our ~1 toddlers|kids|childs|babys|sons|daughters|wifes|husbands|girlfriends|boyfriends|dates|partners ~2 bottle|food|drink|milk|juice|coffee|tea|meal|formula ~4 to|so ~3 sedate|knock|drug|unconscious|pass|dope"},

	// --- Russian ---
	{Illicit, 0.85, "залезть|залезу|влезть|войти|зайти|зайду|проникнуть|пробраться|взломать|взломаю|открыть|разблокировать ~2 в ~2 телефон*|айфон*|смартфон*|аккаунт*|почт*|переписк*|ватсап*|вотсап*|whatsapp|телеграм*|телегу|вк|ноутбук*|icloud|облак* ~2 " + cvOthersRU + " !разрешени*|соглас*|попросил*|попросила|просит|умер*|умерш*|покойн*|наследств*"},
	{Illicit, 0.85, "тайно|незаметно|втихую|втихаря|тайком|скрытно|исподтишка ~4 следить|отслеживать|читать|прочитать|прослушивать|слушать|смотреть|проверять|мониторить|записывать|снимать|установить|поставить ~4 " + cvOthersRU + "|переписк*|сообщени*|телефон*|геолокац*|местоположени*|звонк*|приложени*|трекер*|жучок|камер* !ребенк*|ребенка|сын*|доч*|детей|дет*|свой|своего|мой|моего|сюрприз*|реакци*|розыгрыш*|пранк*|подар*|праздник*|птиц*|животн*"},
	{Illicit, 0.85, "следить|отслеживать|читать|прочитать|прослушивать|установить|поставить|подключить|смотреть|прицепить|повесить|спрятать|прикрепить ~10 чтобы|чтоб ~2 она|он|жена|муж|девушка|парень|бывшая|бывший|они|коллега|сосед|соседка ~2 не ~1 узнал*|заметил*|догадал*|понял*|спалил*|просек*|нашл*|нашел|найдет|найдут"},
	{Illicit, 0.9, "кейлоггер*|стилер*|троян*|вирус*|вредонос*|малвар*|бэкдор*|шифровальщик*|майнер*|крипт*|payload|пейлоад* ~8 обход*|обойти|обходил*|скрыва*|спрята*|незаметн*|невидим*|не ~1 палил*|палится|видел*|видит|детект*|ловил* ~4 антивирус*|защитник*|касперск*|defender|eset|нод|drweb|доктор*|virustotal !удалить|удалит|найти|обнаружить|защит*|почему|признак*|проверить"},
	{Illicit, 0.85, "брут*|перебор*|перебрать|подобрать ~4 парол*|аккаунт*|акки|логин*|госуслуг*|сбер*|стим*|steam|вк|почт* ~6 прокси|софт*|скрипт*|код*|программ*|чекер*|базе|базу|комбо*|чужие|чужих|чужой !защит*|защищ*|запрет*|блокир*|огранич*|предотвра*|свой|свою|своих"},
	{IllicitViolent, 0.9, "подрезать|подрежь|перерезать|перережь|подпилить|подпили|испортить|испорти|ослабить|ослабь|открутить|открути|повредить|повреди|слить|слей|надрезать ~4 тормоз*|тормозн*|шланг*|рулев*|подушк*|колес*|гайк*|болт* ~14 отказал*|откажет|отказали|авари*|разбил*|разобьется|разбьется|заметил*|заметит|трассе|ходу|скорости|погиб*|сразу|потом|постепенно|незаметно|подумали"},
	{Illicit, 0.85, "подкинуть|подкину|подкинем|подбросить|подброшу|подложить|подложу|подсунуть|подсуну ~3 ему|ей|им|соседу|соседке|соседям|коллеге|бывш*|мужу|жене|начальник*|конкурент*|в ~3 наркот*|наркоту|закладк*|патрон*|оружи*|порошок|пакетик*|ствол|гранат*|меф*|траву|спайс*"},
	{Illicit, 0.85, "подкинуть|подбросить|подложить|подсунуть ~6 и ~3 стукнуть|настучать|сдать|сообщить|позвонить|заявить ~3 полици*|мент*|участков*|мвд|фсб|миграционн*"},
	{IllicitViolent, 0.9, "вырубить|усыпить|успокоить|отключить|отрубить|накачать|напоить ~3 ребенк*|ребенка|сына|дочь|дочку|малыша|малышку|мужа|жену|девушку|парня|свекровь|тещу ~8 таблетк*|лекарств*|снотворн*|коктейл*|капл*|димедрол*|феназепам*|клофелин*|фенибут*|чтобы|чтоб|незаметно !врач*|назначил*|рецепт*|операци*|наркоз*"},
	{IllicitViolent, 0.9, "лекарств*|таблет*|снотворн*|коктейл*|клофелин*|феназепам*|димедрол*|капл* ~8 вырубить|усыпить|отключить|отрубить ~2 ребенк*|ребенка|сына|дочь|дочку|малыша|мужа|жену|девушку|парня"},
	{SelfHarmInstr, 0.9, "какие|сколько|каких|чего ~3 таблет*|лекарств*|колес*|препарат*|снотворн* ~6 выпить|принять|съесть|смешать|сожрать|закинуть ~6 чтобы|чтоб ~1 умереть|сдохнуть|отравиться|передознуться"},
	{SelfHarmInstr, 0.9, "какие|сколько|каких|чего ~3 таблет*|лекарств*|колес*|препарат*|снотворн* ~6 выпить|принять|съесть|смешать|сожрать|закинуть ~6 чтобы|чтоб ~1 не ~1 проснуться|просыпаться"},
	{Violence, 0.85, "брать|берите|берем|возьмем|возьмите|взять|хватать|хватайте|бери ~2 арматур*|биты|вилы|стволы|травмат*|монтировк*"},
	// Self-harm and starving hidden from parents.
	{SelfHarmInstr, 0.9, "где|куда|как|чем ~3 резаться|порезаться|резать|царапать|жечь ~6 чтобы|чтоб ~3 не ~1 замет*|видно|увид*|спалил*|узна*"},
	{SelfHarm, 0.9, "врать|соврать|обманывать|обмануть|убедить ~2 родител*|маме|маму|папе|папу ~3 что ~2 поел*|ела|наелась|наелся|покушал*|ужинал*|обедал*"},
	// A child groomed: trust won, photos asked for, a secret kept.
	{SexualMinors, 0.9, "ребенк*|ребенка|девочк*|мальчик*|школьниц*|школьник*|подрост*|малолет* ~15 присылал*|прислал*|скидывал*|скинул*|отправлял* ~3 фото|фотк*|снимк*|видео|селфи ~10 никому|секрет*|родител*"},
	// Forged receipts and counterfeit money.
	{Illicit, 0.9, "сделай|сделать|нарисуй|нарисовать|сгенерир*|создай|создать|изготовь|изготовить|сварганить|подделай|подделать ~3 фейков*|поддельн*|фальшив*|левый|левую|ненастоящ* ~2 чек*|квитанц*|скрин*|платежк*|выписк*"},
	{Illicit, 0.9, "напечатать|печатать|распечатать ~6 пятитысячн*|тысячн*|купюр*|деньги|банкнот* ~10 приняли|примут|принимали|прокатил*|прокатит|заметил*|отличи*"},
	// Drugs hidden from the police and their dogs; glue sniffed for a high;
	// tranquillisers washed down with vodka to pass out.
	{Illicit, 0.9, "закладк*|наркот*|меф*|соль|гашиш*|траву|шишки|порошок ~12 чтобы|чтоб ~3 мусор*|мент*|полици*|собак*|кинолог* ~3 не ~1 наход*|нашли|найдут|нашел|учуя*|спалил*"},
	{Illicit, 0.9, "нюхать|занюхать|дышать ~2 клей|клеем|бензин*|газ|растворител*|ацетон* ~8 вставил*|вставило|вставляло|вставит|кайф*|приход*|штырил*|торкнул*|торкало"},
	{SelfHarmInstr, 0.9, "феназепам*|снотворн*|таблет*|транквилизатор*|колес* ~4 запить|запивать|смешать|мешать ~2 водк*|алкогол*|пив*|спирт* ~8 отключиться|очнуться|проснуться|умереть|сдохнуть"},
	// Poisoning passed off as a mistake.
	{IllicitViolent, 0.9, "грибы|грибов|поганк*|мухомор* ~6 накормить|угостить|подсунуть|подмешать ~3 тещ*|свекров*|муж*|жен*|сосед*|свекр*|отчим*|мачех* ~12 подумали|случайно|перепутал*|отравил*"},
	// A boss's voice faked to order a transfer; an SMS that makes old
	// people pay; teenagers paid to open cards for the scheme.
	{Illicit, 0.9, "дипфейк*|подделать|подделай|сгенерир* ~3 голос* ~12 позвонить|звонка|звонить|позвоню ~8 перевести|перевел*|деньги|бухгалтер*|главбух*"},
	{Illicit, 0.9, "напиши|составь|придумай ~6 сообщени*|смс|sms|текст ~6 чтобы|чтоб ~4 старики|пенсионер*|бабушк*|родител*|люди|мамы ~3 переводил*|перевели|скинули|отправили|перевела|перевел"},
	{Illicit, 0.9, "оформ* ~3 на ~1 себя ~2 карт* ~12 гонять|прогонять|обнал*|деньги|прогон*"},
	// Attacks on a person for who he is; a dossier to "teach a lesson";
	// praise for school shooters.
	{HateThreat, 0.9, "напасть|нападать|избить|отпинать|проучить|побить|отмудохать ~3 на|этого|этих ~1 " + alt(ruGroup) + " !<не|защит*|полици*|заявлени*"},
	{Harassment, 0.9, "досье ~12 проучить|наказать|отомстить|разобраться|запугать|припугнуть|наехать"},
	{Violence, 0.9, "пост|текст|статью|песню|видео ~6 поддержк*|восхвалени*|прославлени*|оправдани* ~3 скулшутер*|колумбайн*|стрелк*|террорист*|шутинг*"},
	{Violence, 0.9, "скулшутер*|колумбайнер* ~6 герои|героями|молодцы|правы|правильно"},
	// Hacking, Russian: a shop's database pulled out through an
	// injection, accounts stolen by brute force.
	{Illicit, 0.9, "найди|найти|ищи|поищи ~4 sql|скуль|инъекци* ~8 слей|слить|вытащи|вытащить|дампни|дамп|выкачай|выкачать|скачай"},
	{Illicit, 0.9, "брут*|брутфорс* ~6 угон*|угнать|взлом*|чужих|чужие|чужой ~3 аккаунт*|акк*|телеграм*|вк|почт*|страниц*"},
	// Animals tortured on video for money.
	{Violence, 0.9, "мучени*|мучить|пытки|пытать|издевательств*|издеваться|замучить ~3 кош*|кот*|котят*|собак*|щенк*|животн* ~10 видео|канал*|платят|заработ*|донат* !пожаловат*|жалоб*|сообщить|заблокир*|удалить|спасти|защит*"},
	{IllicitViolent, 0.85, "адрес*|список|перечень|локаци* ~4 синагог*|мечет*|церкв*|храм*|школ*|детск* ~12 когда|время ~4 больше|много|максимум|битком ~3 людей|народ*|детей|прихожан*"},
}

// Word classes of covertSpecs.
const (
	// cvOthersEN are the possessives of the people whose phones and
	// accounts an asker has no business in.
	cvOthersEN = "wifes|husbands|girlfriends|boyfriends|partners|spouses|exs|exes|exwifes|exhusbands|exgirlfriends|exboyfriends|bosses|coworkers|colleagues|neighbours|neighbors|someones|somebodys|roommates|teachers|employees|sisters|brothers|moms|dads|mothers|fathers|grandmas|grandpas|friends|crushs|fiancees|fiances|stepdads|stepmoms"
	cvOthersRU = "жены|жене|жену|мужа|мужу|девушки|девушке|парня|бывш*|партнер*|любовни*|начальник*|коллег*|соседа|соседки|соседей|тещи|свекрови|подруги|друга|сестры|брата|мамы|отца|сотрудник*|одноклассни*"
)
