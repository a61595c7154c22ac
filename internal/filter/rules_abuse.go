package filter

// English abuse the classifier misses: telling someone to kill himself
// ("go kill yourself", "kys"), and wishing him death or disease. The
// development data's abuse is tweets about third persons, and it has few
// of these; the Russian forms are in rules_statement_ru.go and
// rules_abuse_ru.go.

// enWishYou are the words of a wish said to someone: "I hope you …".
const enWishYou = "hope|wish|pray|hoping|wishing ~2 you|u|ya|yall"

// notWishEN are the words that make a wish kind or a warning: "I hope you
// don't suffer", a death in a game.
const notWishEN = "dont|never|not|doesnt|wont|didnt|<dont|<never|<not|game|games|respawn|minecraft|roblox|fortnite"

var abuseSpecsEN = []ruleSpec{
	{Harassment, 0.85, "go|just|pls|please|plz|should|shud|gotta|better|need|must ~2 kill|hang|shoot|off|neck|rope|end|drown|stab ~1 yourself|urself|yourselves|youself|yrself|urselves !if|whether|how|" + notWishEN},
	{Harassment, 0.85, "kys|kysss|kyslol"},
	{Harassment, 0.85, enWishYou + " ~1 die|dies|dying|croak|rot|burn|suffer|choke|drown|starve !" + notWishEN},
	{Harassment, 0.85, enWishYou + " ~1 get|gets|catch ~1 cancer|raped|aids|killed|shot|stabbed|murdered !" + notWishEN},
	{Harassment, 0.85, enWishYou + " ~1 get|gets ~1 hit|run ~2 bus|truck|car|train !" + notWishEN},
}
