package notify

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/vmira/mira/internal/config"
)

// emailTimeout bounds one SMTP conversation.
const emailTimeout = 30 * time.Second

// EmailOptions tune SMTP delivery; the zero value is production.
type EmailOptions struct {
	// RootCAs verify SMTP servers' certificates; nil: the system roots.
	RootCAs *x509.CertPool
	// Hello is the name given in EHLO; default "localhost".
	Hello string
}

// email sends plain-text mail over SMTP: implicit TLS on port 465,
// otherwise STARTTLS, required unless the server is on a loopback host.
type email struct {
	addr, host string
	implicit   bool // TLS from the first byte (port 465)
	loopback   bool
	from       string
	to         []string
	username   string
	password   string
	opts       EmailOptions
	now        func() time.Time
}

func newEmail(ch config.AlertChannel, password string, opts EmailOptions, now func() time.Time) (*email, error) {
	host, port, err := net.SplitHostPort(ch.SMTP)
	if err != nil || host == "" {
		return nil, fmt.Errorf("smtp %q is not host:port", ch.SMTP)
	}
	from, err := mail.ParseAddress(ch.From)
	if err != nil {
		return nil, fmt.Errorf("from %q is not an e-mail address", ch.From)
	}
	e := &email{
		addr: ch.SMTP, host: host, implicit: port == "465", loopback: isLoopback(host),
		from: from.Address, username: ch.Username, password: password, opts: opts, now: now,
	}
	if e.opts.Hello == "" {
		e.opts.Hello = "localhost"
	}
	for _, t := range ch.To {
		a, err := mail.ParseAddress(t)
		if err != nil {
			return nil, fmt.Errorf("to %q is not an e-mail address", t)
		}
		e.to = append(e.to, a.Address)
	}
	if len(e.to) == 0 {
		return nil, errors.New("to lists no recipient")
	}
	return e, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// send mails r to the channel's recipients, within emailTimeout. A message
// that cannot be composed is a permanent error: retrying would not help.
func (e *email) send(ctx context.Context, r *record) error {
	to := e.recipients(r)
	msg, err := e.compose(r, to)
	if err != nil {
		return &permanentError{err}
	}
	return e.transmit(ctx, to, msg)
}

// transmit connects to the SMTP server and sends msg to every address in
// to, all within emailTimeout.
func (e *email) transmit(ctx context.Context, to []string, msg []byte) error {
	ctx, cancel := context.WithTimeout(ctx, emailTimeout)
	defer cancel()
	tlsConf := &tls.Config{ServerName: e.host, RootCAs: e.opts.RootCAs, MinVersion: tls.VersionTLS12}
	conn, err := e.dial(ctx, tlsConf)
	if err != nil {
		return fmt.Errorf("connect to SMTP server: %w", err)
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()

	c, err := smtp.NewClient(conn, e.host)
	if err != nil {
		return fmt.Errorf("SMTP greeting: %w", err)
	}
	defer c.Close()
	return e.deliver(c, tlsConf, to, msg)
}

// recipients is the channel's own addresses plus the record's valid extra
// ones, without duplicates. A bad extra address is skipped rather than
// failing the send, so the channel's own recipients still get the alert.
func (e *email) recipients(r *record) []string {
	to := slices.Clone(e.to)
	for _, t := range r.ExtraTo {
		a, err := mail.ParseAddress(t)
		if err != nil {
			continue // a bad extra address must not stop the channel's own
		}
		if !slices.Contains(to, a.Address) {
			to = append(to, a.Address)
		}
	}
	return to
}

// dial connects to the SMTP server, with TLS from the start on an implicit
// TLS port (465) and in plain text otherwise, STARTTLS following in deliver.
func (e *email) dial(ctx context.Context, tlsConf *tls.Config) (net.Conn, error) {
	if e.implicit {
		return (&tls.Dialer{Config: tlsConf}).DialContext(ctx, "tcp", e.addr)
	}
	return (&net.Dialer{}).DialContext(ctx, "tcp", e.addr)
}

// deliver holds the SMTP conversation on c: it upgrades to TLS when the
// connection is not encrypted yet (refusing to go on in clear except on
// loopback, as the password and the alerts would be exposed),
// authenticates, and sends msg to every address in to.
func (e *email) deliver(c *smtp.Client, tlsConf *tls.Config, to []string, msg []byte) error {
	if err := c.Hello(e.opts.Hello); err != nil {
		return fmt.Errorf("SMTP EHLO: %w", err)
	}
	if !e.implicit {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(tlsConf); err != nil {
				return fmt.Errorf("SMTP STARTTLS: %w", err)
			}
		} else if !e.loopback {
			return fmt.Errorf("SMTP server %s does not offer STARTTLS; refusing to send alerts (and the password) in clear", e.host)
		}
	}
	if e.username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return fmt.Errorf("SMTP server %s does not offer AUTH", e.host)
		}
		// PlainAuth itself refuses an unencrypted connection to a host
		// other than localhost.
		if err := c.Auth(smtp.PlainAuth("", e.username, e.password, e.host)); err != nil {
			return fmt.Errorf("SMTP AUTH: %w", err)
		}
	}
	if err := c.Mail(e.from); err != nil {
		return fmt.Errorf("SMTP MAIL FROM: %w", err)
	}
	for _, t := range to {
		if err := c.Rcpt(t); err != nil {
			return fmt.Errorf("SMTP RCPT TO: %w", err)
		}
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("SMTP DATA: %w", err)
	}
	c.Quit()
	return nil
}

// compose writes the message: headers (free of line breaks, whatever the
// alert holds) and a quoted-printable plain-text body of the alert's facts.
func (e *email) compose(r *record, to []string) ([]byte, error) {
	var b bytes.Buffer
	domain := "mira.invalid"
	if _, d, ok := strings.Cut(e.from, "@"); ok && d != "" {
		domain = d
	}
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, oneLine(v)) }
	hdr("From", (&mail.Address{Name: "Mira", Address: e.from}).String())
	hdr("To", strings.Join(to, ", "))
	hdr("Subject", mime.QEncoding.Encode("utf-8", summary(r)))
	hdr("Date", e.now().Format(time.RFC1123Z))
	// The same Message-ID on every attempt lets mail systems drop repeats.
	hdr("Message-ID", "<alert."+strings.Map(func(c rune) rune {
		if c == '<' || c == '>' || c == '@' {
			return '_'
		}
		return c
	}, r.ID)+"@"+domain+">")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "text/plain; charset=utf-8")
	hdr("Content-Transfer-Encoding", "quoted-printable")
	hdr("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")

	qp := quotedprintable.NewWriter(&b)
	line := func(k, v string) { fmt.Fprintf(qp, "%-11s %s\r\n", k+":", oneLine(v)) }
	fmt.Fprintf(qp, "Mira raised an alert.\r\n\r\n")
	line("Alert", r.ID)
	line("Rule", r.Rule)
	line("Severity", r.Severity)
	line("Subject", r.Subject)
	line("Count", fmt.Sprint(r.Count))
	line("First seen", rfc3339(r.FirstSeen))
	line("Last seen", rfc3339(r.LastSeen))
	if len(r.Details) > 0 {
		fmt.Fprintf(qp, "\r\nDetails:\r\n")
		keys := make([]string, 0, len(r.Details))
		for k := range r.Details {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(qp, "  %s: %s\r\n", oneLine(k), oneLine(fmt.Sprint(r.Details[k])))
		}
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
