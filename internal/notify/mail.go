package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// Mailer returns the first e-mail channel (by name) as a sender of single
// messages, for mail that is not an alert (invitations), or nil when no
// e-mail channel is configured.
func (n *Notifier) Mailer() *Mailer {
	for _, name := range n.names {
		if e, ok := n.channels[name].(*email); ok {
			return &Mailer{e: e}
		}
	}
	return nil
}

// Mailer sends one plain-text message at a time through an alert
// channel's SMTP server, with the channel's TLS rules, to the given
// recipient only (never to the channel's own recipients). It does not
// queue: a message holding a secret link must not be stored.
type Mailer struct{ e *email }

// SendMail sends subject and body to the one address to.
func (m *Mailer) SendMail(ctx context.Context, to, subject, body string) error {
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return fmt.Errorf("notify: %q is not an e-mail address", to)
	}
	msg, err := m.e.composeText(addr.Address, subject, body)
	if err != nil {
		return err
	}
	return m.e.transmit(ctx, []string{addr.Address}, msg)
}

// composeText writes a plain-text message to one recipient.
func (e *email) composeText(to, subject, body string) ([]byte, error) {
	if subject == "" || body == "" {
		return nil, errors.New("notify: a message needs a subject and a body")
	}
	var b bytes.Buffer
	domain := "mira.invalid"
	if _, d, ok := strings.Cut(e.from, "@"); ok && d != "" {
		domain = d
	}
	id := make([]byte, 16)
	rand.Read(id)
	hdr := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, oneLine(v)) }
	hdr("From", (&mail.Address{Name: "Mira", Address: e.from}).String())
	hdr("To", to)
	hdr("Subject", mime.QEncoding.Encode("utf-8", subject))
	hdr("Date", e.now().Format(time.RFC1123Z))
	hdr("Message-ID", "<"+hex.EncodeToString(id)+"@"+domain+">")
	hdr("MIME-Version", "1.0")
	hdr("Content-Type", "text/plain; charset=utf-8")
	hdr("Content-Transfer-Encoding", "quoted-printable")
	hdr("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\n", "\r\n")))
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
