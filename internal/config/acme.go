package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// ACME obtains and renews the serving certificate from an ACME CA (Let's
// Encrypt by default): HTTP-01 on the plain listener, TLS-ALPN-01 on the
// HTTPS one. With PostgreSQL the certificates and accounts are kept in the
// database, shared by every instance; otherwise in DataDir/acme.
type ACME struct {
	// Domains are the names to get a certificate for (MIRA_ACME_DOMAINS,
	// comma-separated). Empty: no ACME.
	Domains []string `yaml:"domains"`
	// Email is the ACME account's contact address (expiry notices).
	Email string `yaml:"email"`
	// CA is the ACME directory URL; default Let's Encrypt's production one.
	CA string `yaml:"ca"`
	// CARoot is a PEM file of roots to trust for the CA's own HTTPS (a
	// private ACME CA); the system roots otherwise.
	CARoot string `yaml:"ca_root"`
}

// Enabled reports whether certificates come from ACME.
func (a ACME) Enabled() bool { return len(a.Domains) > 0 }

// Check refuses ACME settings that cannot work, and ACME together with a
// certificate file.
func (a ACME) Check(t TLS) error {
	if !a.Enabled() {
		return nil
	}
	if t.Cert != "" || t.Key != "" {
		return errors.New("tls.acme.domains (MIRA_ACME_DOMAINS) and tls.cert/tls.key (--tls-cert/--tls-key) both give the certificate: keep one")
	}
	for _, d := range a.Domains {
		if d == "" || strings.ContainsAny(d, " /:@*") || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") {
			return fmt.Errorf("tls.acme.domains (MIRA_ACME_DOMAINS): %q is not a domain name", d)
		}
	}
	if a.CA != "" {
		if u, err := url.Parse(a.CA); err != nil || u.Scheme != "https" || u.Host == "" {
			return fmt.Errorf("tls.acme.ca: %q is not an https:// ACME directory URL", a.CA)
		}
	}
	return nil
}

// splitDomains splits MIRA_ACME_DOMAINS on commas, dropping blanks.
func splitDomains(v string) []string {
	var out []string
	for _, d := range strings.Split(v, ",") {
		if d = strings.ToLower(strings.TrimSpace(d)); d != "" {
			out = append(out, d)
		}
	}
	return out
}
