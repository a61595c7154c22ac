package provider

import (
	"errors"
	"net"
	"net/url"
	"strings"
)

// addressless is a transport error whose message names no URL, host or
// address of the backend (SPEC.md: backend addresses never reach clients
// or logs); errors.Is and errors.As still see the original.
type addressless struct {
	err error
	msg string
}

func (e *addressless) Error() string { return e.msg }
func (e *addressless) Unwrap() error { return e.err }

// hideAddress returns err, a failed round trip to the backend at rawURL,
// as an addressless error.
func hideAddress(err error, rawURL string) error {
	msg := describe(err)
	if u, perr := url.Parse(rawURL); perr == nil {
		for _, s := range []string{rawURL, u.Host, u.Hostname()} {
			if s != "" {
				msg = strings.ReplaceAll(msg, s, "[backend]")
			}
		}
	}
	return &addressless{err: err, msg: msg}
}

// describe tells what went wrong without the addresses that net and
// net/http put in their errors' messages.
func describe(err error) string {
	var ue *url.Error
	var oe *net.OpError
	var de *net.DNSError
	switch {
	case errors.As(err, &ue):
		return ue.Op + " request: " + describe(ue.Err)
	case errors.As(err, &oe) && oe.Err != nil:
		return oe.Op + ": " + describe(oe.Err)
	case errors.As(err, &oe):
		return oe.Op + " failed"
	case errors.As(err, &de):
		return "lookup: " + de.Err
	}
	return err.Error()
}
