package backup

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/vmira/mira/internal/backup/backuptest"
	"github.com/vmira/mira/internal/config"
)

// s3Server is a running versitygw standing for one region.
type s3Server struct {
	endpoint string // http://127.0.0.1:port
	region   string
	access   string
	secret   string
	stop     func()
}

// startVersitygw runs versitygw (see backuptest) with bucket created.
func startVersitygw(t *testing.T, region, bucket string) *s3Server {
	t.Helper()
	v := backuptest.StartVersitygw(t, region, bucket)
	return &s3Server{endpoint: v.Endpoint, region: v.Region, access: v.Access, secret: v.Secret, stop: v.Stop}
}

// target returns an S3 target on s with credentials in a fake environment.
func (s *s3Server) target(t *testing.T, name, bucket, prefix string) *S3 {
	t.Helper()
	env := map[string]string{"KEY_" + name: s.access, "SECRET_" + name: s.secret}
	tg, err := NewS3(config.BackupTarget{Name: name, Type: "s3", Endpoint: s.endpoint, Region: s.region,
		Bucket: bucket, Prefix: prefix, AccessKeyEnv: "KEY_" + name, SecretKeyEnv: "SECRET_" + name},
		func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// raw is a plain client on s, to look behind the target's back.
func (s *s3Server) raw(t *testing.T) *minio.Client {
	t.Helper()
	c, err := minio.New(strings.TrimPrefix(s.endpoint, "http://"), &minio.Options{
		Creds: credentials.NewStaticV4(s.access, s.secret, ""), Region: s.region})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func names(objs []Object) []string {
	var out []string
	for _, o := range objs {
		out = append(out, o.Name)
	}
	slices.Sort(out)
	return out
}

// TestS3RoundTrip: two regions, each with a prefix; put, list, get,
// delete, and retention over S3.
func TestS3RoundTrip(t *testing.T) {
	eu := startVersitygw(t, "eu-west-1", "mira-backups")
	us := startVersitygw(t, "us-east-2", "mira-backups")
	ctx := context.Background()
	for _, tg := range []*S3{eu.target(t, "eu", "mira-backups", "prod/"), us.target(t, "us", "mira-backups", "prod/mira/")} {
		t.Run(tg.Name(), func(t *testing.T) {
			now := time.Now().UTC()
			a, b := bname(now, "aaaa"), bname(now.Add(-48*time.Hour), "bbbb")
			for _, n := range []string{a, a + SidecarSuffix, b, b + SidecarSuffix} {
				body := []byte("contents of " + n)
				if err := tg.Put(ctx, n, bytes.NewReader(body), int64(len(body))); err != nil {
					t.Fatal(err)
				}
			}
			objs, err := tg.List(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := names(objs), []string{b, b + SidecarSuffix, a, a + SidecarSuffix}; !slices.Equal(got, sortedCopy(want)) {
				t.Fatalf("List = %v; want %v", got, sortedCopy(want))
			}
			for _, o := range objs {
				if o.Size != int64(len("contents of "+o.Name)) || o.Modified.IsZero() {
					t.Errorf("object %+v: wrong size or no time", o)
				}
			}
			r, err := tg.Get(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			r.Close()
			if err != nil || string(got) != "contents of "+a {
				t.Fatalf("Get = %q, %v", got, err)
			}
			if _, err := tg.Get(ctx, "mira-backup-missing.tar.gz.age"); err == nil || !strings.Contains(err.Error(), `"`+tg.Name()+`"`) {
				t.Errorf("Get of a missing object = %v; want an error naming the target", err)
			}
			// Retention: count 1 removes b and its sidecar.
			deleted, err := Apply(ctx, tg, config.BackupKeep{Count: 1}, now, a)
			if err != nil || len(deleted) != 2 {
				t.Fatalf("Apply = %v, %v", deleted, err)
			}
			if err := tg.Delete(ctx, a+SidecarSuffix); err != nil {
				t.Fatal(err)
			}
			if err := tg.Delete(ctx, "never-there"); err != nil {
				t.Errorf("Delete of a missing object = %v; want nil", err)
			}
			objs, err = tg.List(ctx)
			if err != nil || !slices.Equal(names(objs), []string{a}) {
				t.Fatalf("List after deletes = %v, %v; want [%s]", names(objs), err, a)
			}
			if err := tg.Put(ctx, "../escape", strings.NewReader("x"), 1); err == nil {
				t.Error("Put accepted a name with a slash")
			}
		})
	}
	// The prefix keeps other objects out of sight.
	raw := eu.raw(t)
	if _, err := raw.PutObject(ctx, "mira-backups", "other/file", strings.NewReader("x"), 1, minio.PutObjectOptions{}); err != nil {
		t.Fatal(err)
	}
	objs, err := eu.target(t, "eu", "mira-backups", "prod/").List(ctx)
	if err != nil || len(objs) != 1 {
		t.Errorf("List with a prefix = %v, %v", names(objs), err)
	}
}

func sortedCopy(s []string) []string {
	c := slices.Clone(s)
	slices.Sort(c)
	return c
}

// TestS3LargeObject: 20 MiB of unknown size goes up as a multipart upload
// and comes back intact.
func TestS3LargeObject(t *testing.T) {
	srv := startVersitygw(t, "eu-west-1", "big")
	tg := srv.target(t, "eu", "big", "")
	ctx := context.Background()
	data := make([]byte, 20<<20)
	rand.Read(data)
	want := sha256.Sum256(data)
	name := bname(time.Now(), "big")
	// An io.Reader that hides its size (as an encrypting pipe does).
	if err := tg.Put(ctx, name, io.MultiReader(bytes.NewReader(data)), -1); err != nil {
		t.Fatal(err)
	}
	r, err := tg.Get(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	h := sha256.New()
	n, err := io.Copy(h, r)
	if err != nil || n != int64(len(data)) || !bytes.Equal(h.Sum(nil), want[:]) {
		t.Fatalf("read back %d bytes, %v; checksum match %v", n, err, bytes.Equal(h.Sum(nil), want[:]))
	}
	// It went up in parts: a multipart ETag ends in -<parts>.
	info, err := srv.raw(t).StatObject(ctx, "big", name, minio.StatObjectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(info.ETag, "-") {
		t.Errorf("ETag %q is not a multipart upload's", info.ETag)
	}
}

// slowReader gives data slowly and cancels after a while.
type slowReader struct {
	left   int
	after  int
	cancel func()
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, io.EOF
	}
	n := min(len(p), r.left, 1<<20)
	clear(p[:n])
	r.left -= n
	r.after -= n
	if r.after <= 0 && r.cancel != nil {
		r.cancel()
		r.cancel = nil
		time.Sleep(100 * time.Millisecond)
	}
	return n, nil
}

// TestS3InterruptedUpload: cancelling mid-upload leaves no object and no
// pending multipart upload behind.
func TestS3InterruptedUpload(t *testing.T) {
	srv := startVersitygw(t, "eu-west-1", "cut")
	tg := srv.target(t, "eu", "cut", "p/")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	name := bname(time.Now(), "cut")
	// 40 MiB, cancelled after 20: two parts up, the third cut off.
	err := tg.Put(ctx, name, &slowReader{left: 40 << 20, after: 20 << 20, cancel: cancel}, -1)
	if err == nil {
		t.Fatal("Put succeeded after its context was cancelled")
	}
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), `"eu"`) {
		t.Errorf("Put = %v; want context.Canceled naming the target", err)
	}
	objs, err := tg.List(context.Background())
	if err != nil || len(objs) != 0 {
		t.Fatalf("List after an interrupted upload = %v, %v; want nothing", names(objs), err)
	}
	var pending []string
	for u := range srv.raw(t).ListIncompleteUploads(context.Background(), "cut", "", true) {
		if u.Err != nil {
			t.Fatal(u.Err)
		}
		pending = append(pending, u.Key)
	}
	if len(pending) != 0 {
		t.Errorf("pending multipart uploads left behind: %v", pending)
	}
}

// TestS3Down: a target that is down fails with its name and no secret.
func TestS3Down(t *testing.T) {
	srv := startVersitygw(t, "eu-west-1", "down")
	tg := srv.target(t, "eu-down", "down", "")
	srv.stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errs := []error{tg.Put(ctx, "x", strings.NewReader("x"), 1)}
	_, err := tg.List(ctx)
	errs = append(errs, err)
	_, err = tg.Get(ctx, "x")
	errs = append(errs, err, tg.Delete(ctx, "x"))
	for _, err := range errs {
		if err == nil {
			t.Fatal("an operation on a stopped server succeeded")
		}
		msg := err.Error()
		if !strings.Contains(msg, `"eu-down"`) {
			t.Errorf("error %q does not name the target", msg)
		}
		if strings.Contains(msg, srv.secret) || strings.Contains(msg, srv.access) {
			t.Errorf("error %q holds a credential", msg)
		}
	}
	// Wrong credentials: refused, named, no secret.
	env := map[string]string{"K": srv.access, "S": "wrong-" + srv.secret}
	srv2 := startVersitygw(t, "eu-west-1", "down")
	bad, err := NewS3(config.BackupTarget{Name: "eu-bad", Endpoint: srv2.endpoint, Bucket: "down", AccessKeyEnv: "K", SecretKeyEnv: "S"},
		func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	_, err = bad.List(ctx)
	if err == nil || !strings.Contains(err.Error(), `"eu-bad"`) || strings.Contains(err.Error(), srv.secret) {
		t.Errorf("List with a wrong secret = %v", err)
	}
}

func TestNewS3Refuses(t *testing.T) {
	env := map[string]string{"K": "AKIDEXAMPLE", "S": "s3cr3t"}
	getenv := func(k string) string { return env[k] }
	ok := config.BackupTarget{Name: "eu", Endpoint: "https://s3.eu-west-1.example", Bucket: "b", AccessKeyEnv: "K", SecretKeyEnv: "S"}
	if _, err := NewS3(ok, getenv); err != nil {
		t.Fatalf("NewS3 = %v", err)
	}
	for _, c := range []struct {
		mod  func(*config.BackupTarget)
		want string
	}{
		{func(c *config.BackupTarget) { c.AccessKeyEnv = "MISSING" }, "MISSING"},
		{func(c *config.BackupTarget) { c.SecretKeyEnv = "" }, "secret_key_env"},
		{func(c *config.BackupTarget) { c.Endpoint = "http://s3.example.com" }, "https"},
		{func(c *config.BackupTarget) { c.Endpoint = "ftp://127.0.0.1" }, "https"},
		{func(c *config.BackupTarget) { c.Endpoint = "" }, "endpoint"},
		{func(c *config.BackupTarget) { c.Endpoint = "https://s3.example.com/path" }, "endpoint"},
		{func(c *config.BackupTarget) { c.Bucket = "" }, "bucket"},
		{func(c *config.BackupTarget) { c.CAFile = "/nonexistent/ca.pem" }, "ca_file"},
	} {
		cfg := ok
		c.mod(&cfg)
		_, err := NewS3(cfg, getenv)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `"eu"`) {
			t.Errorf("NewS3(%+v) = %v; want an error naming the target and %q", cfg, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "s3cr3t") {
			t.Errorf("error %q holds the secret", err)
		}
	}
	for _, ep := range []string{"http://127.0.0.1:7070", "http://localhost:7070", "http://[::1]:7070"} {
		cfg := ok
		cfg.Endpoint = ep
		if _, err := NewS3(cfg, getenv); err != nil {
			t.Errorf("NewS3 on loopback %s = %v", ep, err)
		}
	}
}

func TestScrub(t *testing.T) {
	err := scrub(errors.Join(context.Canceled, errors.New("bad key AKID and secret S3CR3T")), "AKID", "S3CR3T")
	if strings.Contains(err.Error(), "AKID") || strings.Contains(err.Error(), "S3CR3T") || !errors.Is(err, context.Canceled) {
		t.Errorf("scrub = %v", err)
	}
}
