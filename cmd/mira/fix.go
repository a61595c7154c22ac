package main

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"syscall"

	"github.com/vmira/mira/client"
)

// fixFor returns what to do about err, as a line to print after it, or ""
// when there is nothing better to say than the error itself.
func fixFor(e *env, err error) string {
	if fix := tlsFix(e, err); fix != "" {
		return fix
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return fmt.Sprintf("start the server (mira serve), or set MIRA_BASE_URL to where it runs (now %s)", baseURL(e))
	}
	var ce *client.Error
	if !errors.As(err, &ce) {
		return ""
	}
	switch ce.Code {
	case client.CodeInvalidAPIKey:
		if e.getenv("MIRA_API_KEY") != "" {
			return "check that MIRA_API_KEY holds the whole key, or unset it to use your login (mira auth login)"
		}
		return "run mira auth login"
	case client.CodeKeyRevoked, client.CodeKeyExpired:
		return "create a new key (mira keys create) and put it in MIRA_API_KEY"
	case client.CodeInsufficientScope:
		return "use a key that holds the scope (mira keys create --scopes ...), or sign in as an owner or admin"
	}
	return ""
}

// tlsFix explains a certificate the CLI could not verify.
func tlsFix(e *env, err error) string {
	var unknown x509.UnknownAuthorityError
	var verify *tls.CertificateVerificationError
	var host x509.HostnameError
	switch {
	case errors.As(err, &host):
		return fmt.Sprintf("the certificate is not for the host in MIRA_BASE_URL (%s); use a host name it names (localhost for a local server)", baseURL(e))
	case errors.As(err, &unknown) || errors.As(err, &verify):
		if ca := e.getenv("MIRA_CA_CERT"); ca != "" {
			return fmt.Sprintf("MIRA_CA_CERT=%s does not sign this server's certificate: set MIRA_CA_CERT to the CA that does", ca)
		}
		return "set MIRA_CA_CERT to the server's CA certificate (mira serve prints it: export MIRA_CA_CERT=./mira-data/ca.pem)"
	}
	return ""
}

// baseURL is the server the CLI talks to.
func baseURL(e *env) string {
	if u := e.getenv("MIRA_BASE_URL"); u != "" {
		return u
	}
	return "https://localhost:8443"
}
