package filter

// graveSpecsEN are the English rules for the gravest harms asked outright,
// whatever the request form: suicide and self-harm methods, sexual content
// with minors and grooming, terrorism and mass-casualty attacks, poisoning
// a person, weapons and explosives, and hate speech written on request.
var graveSpecsEN = []ruleSpec{}
