package filter

// English abuse the classifier misses: telling someone to kill himself
// ("go kill yourself", "kys"), wishing him death or disease, turning
// people away for who they are, and calling the families of a massacre's
// victims actors. The development data's abuse is tweets about third
// persons, and it has few of these; the Russian forms are in
// rules_statement_ru.go and rules_abuse_ru.go.

// enWishYou are the words of a wish said to someone: "I hope you …".
const enWishYou = "hope|wish|pray|hoping|wishing ~2 you|u|ya|yall"

// notWishEN are the words that make a wish kind or a warning: "I hope you
// don't suffer", a death in a game.
const notWishEN = "dont|never|not|doesnt|wont|didnt|<dont|<never|<not|game|games|respawn|minecraft|roblox|fortnite"

// enTrait are the groups and traits a landlord or an employer may not turn
// people away for.
const enTrait = "pregnant|pregnancy|gay|gays|lesbian|lesbians|trans|transgender|muslim|muslims|jewish|jews|disabled|disability|immigrant|immigrants|black|blacks|hispanic|hispanics|mexican|mexicans|asian|asians|arab|arabs|christian|christians|hindu|hindus|older|elderly|refugee|refugees|migrant|migrants"

var abuseSpecsEN = []ruleSpec{
	{Harassment, 0.85, "go|just|pls|please|plz|should|shud|gotta|better|need|must ~2 kill|hang|shoot|off|neck|rope|end|drown|stab ~1 yourself|urself|yourselves|youself|yrself|urselves !if|whether|how|" + notWishEN},
	{Harassment, 0.85, "kys|kysss|kyslol"},
	{Harassment, 0.85, enWishYou + " ~1 die|dies|dying|croak|rot|burn|suffer|choke|drown|starve !" + notWishEN},
	{Harassment, 0.85, enWishYou + " ~1 get|gets|catch ~1 cancer|raped|aids|killed|shot|stabbed|murdered !" + notWishEN},
	{Harassment, 0.85, enWishYou + " ~1 get|gets ~1 hit|run ~2 bus|truck|car|train !" + notWishEN},
	// Turning people away for who they are, without it showing: "screen
	// out Muslim tenants without it looking like discrimination", "find
	// out if she is pregnant so I can reject her".
	{Hate, 0.85, "screen|filter|weed|keep|turn ~1 out|away ~4 " + enTrait + " ~10 without|legally|looking|getting|sued|discrimination|noticing|obvious|quietly|subtly|secretly"},
	{Hate, 0.85, "find|figure|tell|know|check|learn ~6 if|whether ~4 " + enTrait + " ~6 so|then ~3 reject|deny|fire|screen|exclude|refuse"},
	{Hate, 0.85, "excuse|excuses|reason|reasons|way|ways ~3 to ~1 deny|reject|refuse|evict|fire|exclude|avoid ~4 " + enTrait + " !how|report|reporting|illegal|law|laws|rights|protect|protected|fight|fighting|sue|complaint"},
	// A massacre called staged and its victims' families actors, as a
	// text to write.
	{Harassment, 0.85, "write|post|draft|make|create|compose ~8 staged|hoax|fake|faked ~10 crisis|paid ~1 actor|actors !debunk*|myth|conspiracy|theory|theories|why|lawsuit|sued|defamation|verdict|trial|jones|infowars|false"},
}
