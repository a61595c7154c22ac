package credstore

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/zalando/go-keyring"
)

// ErrKeyringNotFound is what a Keyring returns for a missing secret.
var ErrKeyringNotFound = keyring.ErrNotFound

// systemKeyring is the OS keyring: Secret Service on Linux and BSD, the
// Keychain on macOS, the Credential Manager on Windows.
type systemKeyring struct{}

func (systemKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (systemKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (systemKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// keyringOpTimeout bounds every keyring call after the probe. The keyring
// answered the probe, so this only guards against a hang (a stuck D-Bus
// peer); it is long enough for an unlock prompt.
const keyringOpTimeout = 60 * time.Second

// probeUser is a keyring entry that never exists; looking it up tells
// whether the keyring answers at all.
const probeUser = "mira-credstore-probe"

type keyringStore struct {
	kr Keyring
}

// withTimeout runs f in a goroutine and gives up after d: keyring libraries
// have no deadlines, and a keyring that never answers (no Secret Service
// peer on the bus, a locked collection waiting on a prompt nobody sees)
// must not hang the CLI. A goroutine left behind ends with the process.
func withTimeout[T any](d time.Duration, f func() (T, error)) (T, error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := f()
		ch <- result{v, err}
	}()
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-t.C:
		var zero T
		return zero, fmt.Errorf("the OS keyring did not answer within %s", d)
	}
}

func (k *keyringStore) probe(timeout time.Duration) error {
	_, err := withTimeout(timeout, func() (string, error) { return k.kr.Get(Service, probeUser) })
	if err == nil || errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	return err
}

func (k *keyringStore) get(server string) (Credential, error) {
	s, err := withTimeout(keyringOpTimeout, func() (string, error) { return k.kr.Get(Service, server) })
	if errors.Is(err, keyring.ErrNotFound) {
		return Credential{}, ErrNotFound
	}
	if err != nil {
		return Credential{}, fmt.Errorf("reading credentials from the OS keyring: %w", err)
	}
	var c Credential
	if err := json.Unmarshal([]byte(s), &c); err != nil {
		return Credential{}, fmt.Errorf("the OS keyring entry %q/%q is not a mira credential: run `mira auth login`", Service, server)
	}
	return c, nil
}

func (k *keyringStore) put(server string, c Credential) error {
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("encoding credentials: %w", err)
	}
	_, err = withTimeout(keyringOpTimeout, func() (struct{}, error) {
		return struct{}{}, k.kr.Set(Service, server, string(b))
	})
	if err != nil {
		return fmt.Errorf("writing credentials to the OS keyring: %w (set %s=file to use the credentials file instead)", err, EnvBackend)
	}
	return nil
}

func (k *keyringStore) delete(server string) error {
	_, err := withTimeout(keyringOpTimeout, func() (struct{}, error) {
		return struct{}{}, k.kr.Delete(Service, server)
	})
	if err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return fmt.Errorf("removing credentials from the OS keyring: %w", err)
	}
	return nil
}
