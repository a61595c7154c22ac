package store

import (
	"database/sql"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestRebindDollar(t *testing.T) {
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = $1 AND b = $2"},
		{"INSERT INTO t VALUES (?,?,?,?,?,?,?,?,?,?,?)", "INSERT INTO t VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"},
		{"SELECT '?' , ? FROM t", "SELECT '?' , $1 FROM t"},
		{"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"},
		{`SELECT "odd?col" FROM t WHERE x = ?`, `SELECT "odd?col" FROM t WHERE x = $1`},
		{"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2"},
		{"SELECT ? /* a ? b */ , ?", "SELECT $1 /* a ? b */ , $2"},
		{"SELECT 'unterminated ?", "SELECT 'unterminated ?"},
		{"SELECT ? -- unterminated ?", "SELECT $1 -- unterminated ?"},
		{"SELECT ? /* unterminated ?", "SELECT $1 /* unterminated ?"},
		{"?", "$1"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := rebindDollar(tc.in); got != tc.want {
			t.Errorf("rebindDollar(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}

func TestRebindCaches(t *testing.T) {
	db := &DB{dialect: DialectPostgres}
	q := "SELECT ? + ?"
	if got, want := db.Rebind(q), "SELECT $1 + $2"; got != want {
		t.Fatalf("Rebind(%q) = %q; want %q", q, got, want)
	}
	if _, ok := db.rebound.Load(q); !ok {
		t.Errorf("Rebind did not cache %q", q)
	}
	if got, want := db.Rebind(q), "SELECT $1 + $2"; got != want {
		t.Errorf("Rebind(%q) from the cache = %q; want %q", q, got, want)
	}
	lite := &DB{dialect: DialectSQLite}
	if got := lite.Rebind(q); got != q {
		t.Errorf("SQLite Rebind(%q) = %q; want it unchanged", q, got)
	}
}

func BenchmarkRebindCached(b *testing.B) {
	db := &DB{dialect: DialectPostgres}
	for b.Loop() {
		db.Rebind(qKeyByDigest)
	}
}

// TestMigrationsMatch checks that both dialects have the same migration
// versions, so a database can move between them at any version.
func TestMigrationsMatch(t *testing.T) {
	versions := func(dialect string) []int {
		ms, err := migrations(dialect)
		if err != nil {
			t.Fatalf("migrations(%s): %v", dialect, err)
		}
		var vs []int
		for _, m := range ms {
			vs = append(vs, m.Version)
		}
		return vs
	}
	lite, pg := versions(DialectSQLite), versions(DialectPostgres)
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("migration versions differ (-sqlite +postgres):\n%s", diff)
	}
	for i, v := range lite {
		if v != i+1 {
			t.Errorf("migration versions %v are not 1, 2, 3, ...", lite)
			break
		}
	}
	if SchemaVersion() != len(lite) {
		t.Errorf("SchemaVersion() = %d; want %d", SchemaVersion(), len(lite))
	}
}

func TestTimeArg(t *testing.T) {
	if got := TimeArg(time.Time{}); got != nil {
		t.Errorf("TimeArg(zero) = %v; want nil", got)
	}
	if got := TimeFrom(sql.NullInt64{}); !got.IsZero() {
		t.Errorf("TimeFrom(NULL) = %v; want zero", got)
	}
	for _, tm := range []time.Time{
		time.Unix(0, 0), // the epoch is not the zero time
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 3, 4, 5, 6, 7, 123456000, time.FixedZone("X", 3600)),
	} {
		got := TimeFrom(sql.NullInt64{Int64: TimeArg(tm).(int64), Valid: true})
		if !got.Equal(tm) || got.Location() != time.UTC {
			t.Errorf("TimeFrom(TimeArg(%v)) = %v; want the same instant in UTC", tm, got)
		}
	}
}
