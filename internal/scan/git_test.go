package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/vmira/mira/internal/apikey"
)

// testRepo is a temporary git repository with deterministic commit dates.
type testRepo struct {
	t    *testing.T
	dir  string
	tick int
}

func newTestRepo(t *testing.T) *testRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	r := &testRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.name", "Mira Test")
	r.git("config", "user.email", "test@example.invalid")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *testRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	date := fmt.Sprintf("2025-01-01T00:%02d:00Z", r.tick)
	cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
		"GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *testRepo) write(name, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit stages everything and commits; it returns the commit hash.
func (r *testRepo) commit(msg string) string {
	r.t.Helper()
	r.tick++
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// found is a finding reduced to what the tests compare.
type found struct {
	Path, Rule string
	Line       int
	Commit     string
}

func summarize(dir string, fs []Finding) []found {
	out := []found{}
	for _, f := range fs {
		p, err := filepath.Rel(dir, f.Path)
		if err != nil {
			p = f.Path
		}
		out = append(out, found{filepath.ToSlash(p), f.Rule, f.Line, f.Commit})
	}
	return out
}

// TestGitScenario is the story of issue 5: a valid key committed long ago
// and deleted since, a look-alike with a bad checksum, an AWS key pair and a
// private key. The working tree shows what is there now; the history shows
// the old key with its commit; the look-alike never appears.
func TestGitScenario(t *testing.T) {
	g := newGen(7)
	r := newTestRepo(t)
	oldKey, branchKey, allowedKey, ignoredKey, binaryKey := apikey.Generate(), apikey.Generate(), apikey.Generate(), apikey.Generate(), apikey.Generate()
	fake := g.lookAlike(oldKey)
	awsID, awsSecret := g.awsID(), g.awsSecret()
	pem := g.pem("RSA PRIVATE KEY", 12)
	ghToken := g.github("gh" + "p")
	glToken := g.gitlab()
	awsINI := "[default]\naws_access_key_id = " + awsID + "\naws_secret_access_key = " + awsSecret + "\n"

	// c1: the key that will be deleted, next to a look-alike.
	r.write("README.md", "# demo\n")
	r.write("config/app.env", "MIRA_API_KEY="+oldKey+"\nOTHER_KEY="+fake+"\nDEBUG=true\n")
	c1 := r.commit("initial config")

	// c2: the key is replaced by a reference; AWS, PEM and a binary arrive.
	r.write("config/app.env", "MIRA_API_KEY=${MIRA_API_KEY}\nOTHER_KEY="+fake+"\nDEBUG=true\n")
	r.write("deploy/aws.ini", awsINI)
	r.write("keys/id_rsa", pem)
	r.write("bin/blob.dat", "\x00\x01\x02 "+binaryKey+" \x00")
	r.write("test/fixture.env", "MIRA_API_KEY="+allowedKey+" # mira:allow (a revoked demo key)\n")
	r.write("docs/example.md", "Use `"+ignoredKey+"` as shown.\n")
	r.write(".miraignore", "docs/  # examples, reviewed\n")
	c2 := r.commit("deploy config")

	// c3 on a branch that is not checked out: history covers every ref.
	r.git("checkout", "-q", "-b", "feature")
	r.write("notes.txt", "temporary key "+branchKey+"\n")
	c3 := r.commit("notes")
	r.git("checkout", "-q", "main")

	// c4, c5: the AWS file is deleted, then restored as it was: the same
	// secret at the same place is reported once, with the commit that
	// first added it.
	r.git("rm", "-q", "deploy/aws.ini")
	r.tick++
	r.git("commit", "-q", "-m", "remove aws")
	r.write("deploy/aws.ini", awsINI)
	r.commit("restore aws")

	// Not committed: an untracked token (working tree only) and a staged one.
	r.write("scratch.txt", "GITHUB_TOKEN="+ghToken+"\n")
	r.write("staged.env", "GITLAB_TOKEN="+glToken+"\n")
	r.git("add", "staged.env")

	ctx := t.Context()
	s := New(Options{})

	t.Run("working tree", func(t *testing.T) {
		res, err := s.Files(ctx, r.dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []found{
			{"deploy/aws.ini", RuleAWS, 2, ""},
			{"deploy/aws.ini", RuleGeneric, 3, ""},
			{"keys/id_rsa", RulePrivateKey, 1, ""},
			{"scratch.txt", "github-pat", 1, ""},
			{"staged.env", "gitlab-token", 1, ""},
		}
		if diff := cmp.Diff(want, summarize(r.dir, res.Findings)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
		if res.Allowed != 1 || res.Skipped.Binary != 1 || res.Skipped.Ignored != 1 {
			t.Errorf("Allowed %d, Skipped %+v; want 1 allowed (mira:allow), 1 binary, 1 ignored (docs/)", res.Allowed, res.Skipped)
		}
	})

	t.Run("history", func(t *testing.T) {
		res, err := s.History(ctx, r.dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []found{
			{"config/app.env", RuleMiraKey, 1, c1},
			{"deploy/aws.ini", RuleAWS, 2, c2},
			{"deploy/aws.ini", RuleGeneric, 3, c2},
			{"keys/id_rsa", RulePrivateKey, 1, c2},
			{"notes.txt", RuleMiraKey, 1, c3},
		}
		if diff := cmp.Diff(want, summarize(r.dir, res.Findings)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
		if res.Commits != 5 {
			t.Errorf("Commits = %d; want 5", res.Commits)
		}
		// mira:allow in fixture.env and docs/ in .miraignore.
		if res.Allowed != 2 {
			t.Errorf("Allowed = %d; want 2", res.Allowed)
		}
		if diff := cmp.Diff([]string{oldKey, branchKey}, MiraKeys(res.Findings)); diff != "" {
			t.Errorf("MiraKeys (-want +got):\n%s", diff)
		}
		var text, js strings.Builder
		_ = WriteText(&text, res.Findings)
		_ = WriteJSON(&js, res)
		t.Logf("history:\n%s", text.String())
		secrets := []string{oldKey, branchKey, allowedKey, ignoredKey, binaryKey, fake, awsSecret, awsID, pem[40:120]}
		mustContainNone(t, text.String()+js.String()+res.Summary()+fmt.Sprint(res), secrets...)
		if !strings.Contains(text.String(), "config/app.env:1:14:") || !strings.Contains(text.String(), "commit "+c1[:12]) {
			t.Errorf("text output lacks the old key's place and commit:\n%s", text.String())
		}
	})

	t.Run("history of a subdirectory", func(t *testing.T) {
		res, err := s.History(ctx, filepath.Join(r.dir, "deploy"))
		if err != nil {
			t.Fatal(err)
		}
		want := []found{{"deploy/aws.ini", RuleAWS, 2, c2}, {"deploy/aws.ini", RuleGeneric, 3, c2}}
		if diff := cmp.Diff(want, summarize(r.dir, res.Findings)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
	})

	t.Run("staged", func(t *testing.T) {
		res, err := s.Staged(ctx, r.dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []found{{"staged.env", "gitlab-token", 1, ""}}
		if diff := cmp.Diff(want, summarize(r.dir, res.Findings)); diff != "" {
			t.Errorf("findings (-want +got):\n%s", diff)
		}
	})

	t.Run("run with history", func(t *testing.T) {
		res, err := Run(ctx, []string{r.dir}, Options{GitHistory: true})
		if err != nil {
			t.Fatal(err)
		}
		if n := len(res.Findings); n != 10 {
			t.Errorf("Run found %d; want 5 in the tree + 5 in history", n)
		}
		for _, f := range res.Findings {
			if strings.Contains(f.Masked, fake[8:20]) {
				t.Errorf("the look-alike was reported: %v", f)
			}
		}
	})

	t.Run("report", func(t *testing.T) {
		res, _ := s.History(ctx, r.dir)
		var sent []string
		n, err := Report(ctx, append(MiraKeys(res.Findings), fake, oldKey), func(k string) error {
			sent = append(sent, k)
			return nil
		})
		if n != 2 || !slices.Equal(sent, []string{oldKey, branchKey}) {
			t.Errorf("Report sent %d: %d keys; want the two real keys once each", n, len(sent))
		}
		if err == nil || strings.Contains(err.Error(), fake) {
			t.Errorf("Report error = %v; want one naming the look-alike, masked", err)
		}
	})
}

func TestReportErrors(t *testing.T) {
	k1, k2 := apikey.Generate(), apikey.Generate()
	boom := errors.New("server said no")
	n, err := Report(t.Context(), []string{k1, k2}, func(k string) error {
		if k == k1 {
			return boom
		}
		return nil
	})
	if n != 1 || !errors.Is(err, boom) {
		t.Errorf("Report = %d, %v; want 1 sent and the failure", n, err)
	}
	if strings.Contains(err.Error(), k1) || !strings.Contains(err.Error(), apikey.Mask(k1)) {
		t.Errorf("error %q must name the key masked", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if n, err := Report(ctx, []string{k1}, func(string) error { return nil }); n != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("Report with a cancelled context = %d, %v", n, err)
	}
}

func TestHistoryOutsideARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	if _, err := New(Options{}).History(t.Context(), dir); err == nil {
		t.Fatal("History outside a repository succeeded; want an error (exit code 2)")
	}
}

func TestHistoryOfAnEmptyRepository(t *testing.T) {
	r := newTestRepo(t)
	res, err := New(Options{}).History(t.Context(), r.dir)
	if err != nil || res.Found() {
		t.Fatalf("History of an empty repository = %+v, %v; want nothing", res, err)
	}
	// The first commit's staged files can be scanned before HEAD exists.
	r.write("a.env", "MIRA_API_KEY="+apikey.Generate()+"\n")
	r.git("add", "a.env")
	res, err = New(Options{}).Staged(t.Context(), r.dir)
	if err != nil || len(res.Findings) != 1 {
		t.Fatalf("Staged before the first commit = %v, %v; want the key", res, err)
	}
}

// TestHistoryUnusualPaths: names with spaces, quotes and non-ASCII
// characters come back as they are.
func TestHistoryUnusualPaths(t *testing.T) {
	r := newTestRepo(t)
	key := apikey.Generate()
	names := []string{"with space.env", `quo"te.env`, "café/ключ.env", "tab\there.env"}
	for _, n := range names {
		r.write(n, "K="+key+"\n")
	}
	r.commit("odd names")
	res, err := New(Options{}).History(t.Context(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range summarize(r.dir, res.Findings) {
		got = append(got, f.Path)
	}
	slices.Sort(got)
	want := slices.Clone(names)
	slices.Sort(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("paths (-want +got):\n%s", diff)
	}
}

// TestHistoryLineNumbers: added lines keep their numbers in the new file
// across hunks.
func TestHistoryLineNumbers(t *testing.T) {
	r := newTestRepo(t)
	var lines []string
	for i := range 40 {
		lines = append(lines, fmt.Sprintf("line %d", i+1))
	}
	r.write("f.txt", strings.Join(lines, "\n")+"\n")
	r.commit("plain")
	k1, k2 := apikey.Generate(), apikey.Generate()
	lines[4] = "a " + k1                      // line 5, changed
	lines = slices.Insert(lines, 30, "b "+k2) // line 31, inserted
	r.write("f.txt", strings.Join(lines, "\n")+"\n")
	c := r.commit("keys")
	res, err := New(Options{}).History(t.Context(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []found{{"f.txt", RuleMiraKey, 5, c}, {"f.txt", RuleMiraKey, 31, c}}
	if diff := cmp.Diff(want, summarize(r.dir, res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}
