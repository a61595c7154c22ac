package alerts

import (
	"context"
	"database/sql"

	"github.com/vmira/mira/internal/audit"
)

// Tap is an audit appender (the keys service's, the server's) that tells
// the engine of each entry it appended: key creations feed
// privileged_key_created. The entry is seen once AppendTx returns, before
// its transaction commits; a change rolled back after that is rare enough
// (the keys service appends last) to accept an alert about it.
type Tap struct {
	Auditor
	Engine *Engine
}

// AppendTx appends e and tells the engine.
func (t Tap) AppendTx(ctx context.Context, tx *sql.Tx, e *audit.Entry) error {
	if err := t.Auditor.AppendTx(ctx, tx, e); err != nil {
		return err
	}
	t.Engine.Audited(e)
	return nil
}

// TapFunc wraps an audit function (the one OAuth and sessions use) so that
// the engine is told of each entry after it: sign-in lockouts, sign-ins
// from new addresses, device approvals.
func TapFunc(f func(ctx context.Context, e *audit.Entry), engine *Engine) func(ctx context.Context, e *audit.Entry) {
	return func(ctx context.Context, e *audit.Entry) {
		f(ctx, e)
		engine.Audited(e)
	}
}
