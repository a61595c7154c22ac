// Package testkit holds the fakes and independent checks that the tests of
// several packages share: a clock that moves only when told, a log buffer
// safe for concurrent writers, and a verifier of Mira's access tokens
// written apart from the code that signs them. Import it from _test.go
// files only; production code must not depend on it.
package testkit
