package backup

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/vmira/mira/internal/config"
)

// s3PartSize is the multipart part size. minio-go buffers one part per
// upload when the size is unknown, so this bounds the memory a backup
// upload takes; objects above it go up in parts, and S3 makes the object
// visible only when CompleteMultipartUpload succeeds.
const s3PartSize = 16 << 20

// S3 is a Target in an S3-compatible bucket, under a prefix.
//
// minio-go rather than the AWS SDK v2: it is one module (the SDK is a
// dozen, plus smithy), it is written for S3-compatible servers first
// (MinIO, Ceph, Garage, versitygw, R2, B2) with path-style addressing on
// custom endpoints, and PutObject streams an io.Reader of known or unknown
// size, switching to multipart by itself and aborting a failed multipart
// upload, which is all a backup target needs.
type S3 struct {
	name   string
	bucket string
	prefix string
	client *minio.Client
	// secrets are scrubbed from every error we return.
	secrets []string
}

var _ Target = (*S3)(nil)

// NewS3 returns the S3 target cfg describes. Credentials come only from
// the environment variables cfg names (read with getenv), and both must be
// set. The endpoint must be https, except http on a loopback address
// (a local test server); CAFile adds a private CA to the system roots.
func NewS3(cfg config.BackupTarget, getenv func(string) string) (*S3, error) {
	fail := func(format string, args ...any) (*S3, error) {
		return nil, fmt.Errorf("backup target %q: %s", cfg.Name, fmt.Sprintf(format, args...))
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	if cfg.Bucket == "" {
		return fail("bucket is required")
	}
	if cfg.AccessKeyEnv == "" || cfg.SecretKeyEnv == "" {
		return fail("access_key_env and secret_key_env are required (credentials come from the environment)")
	}
	ak, sk := getenv(cfg.AccessKeyEnv), getenv(cfg.SecretKeyEnv)
	if ak == "" {
		return fail("environment variable %s (access_key_env) is empty", cfg.AccessKeyEnv)
	}
	if sk == "" {
		return fail("environment variable %s (secret_key_env) is empty", cfg.SecretKeyEnv)
	}
	u, err := parseS3Endpoint(cfg.Endpoint)
	if err != nil {
		return fail("%v", err)
	}
	secure := u.Scheme == "https"
	tr, err := minio.DefaultTransport(secure)
	if err != nil {
		return fail("transport: %v", err)
	}
	tr.Proxy = http.ProxyFromEnvironment
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return fail("ca_file: %v", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return fail("ca_file %s holds no PEM certificate", cfg.CAFile)
		}
		if tr.TLSClientConfig == nil {
			tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		tr.TLSClientConfig.RootCAs = pool
	}
	region := cfg.Region
	if region == "" {
		region = "us-east-1"
	}
	client, err := minio.New(u.Host, &minio.Options{
		Creds:     credentials.NewStaticV4(ak, sk, ""),
		Secure:    secure,
		Region:    region,
		Transport: tr,
		// A target that is down fails in seconds, not a minute; the
		// next scheduled backup tries again.
		MaxRetries: 5,
	})
	if err != nil {
		return nil, scrub(fmt.Errorf("backup target %q: %w", cfg.Name, err), ak, sk)
	}
	return &S3{name: cfg.Name, bucket: cfg.Bucket, prefix: cfg.Prefix, client: client, secrets: []string{ak, sk}}, nil
}

// parseS3Endpoint checks an endpoint URL: https, or http on loopback only.
func parseS3Endpoint(endpoint string) (*url.URL, error) {
	if endpoint == "" {
		return nil, errors.New("endpoint is required (e.g. https://s3.eu-west-1.amazonaws.com)")
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || (u.Path != "" && u.Path != "/") || u.User != nil || u.RawQuery != "" {
		return nil, fmt.Errorf("endpoint %q is not a URL such as https://s3.example.com", endpoint)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !loopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("endpoint %q must be https (http only on a loopback address)", endpoint)
		}
	default:
		return nil, fmt.Errorf("endpoint %q must be https (http only on a loopback address)", endpoint)
	}
	return u, nil
}

func loopbackHost(h string) bool {
	if h == "localhost" {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Name returns the target's name.
func (s *S3) Name() string { return s.name }

func (s *S3) key(name string) string { return s.prefix + name }

func (s *S3) err(op, name string, err error) error {
	if name != "" {
		op += " " + name
	}
	return scrub(fmt.Errorf("backup target %q (s3 bucket %s): %s: %w", s.name, s.bucket, op, err), s.secrets...)
}

// Put uploads r under prefix+name. size may be -1 (unknown). Objects above
// the part size go up as a multipart upload, which S3 makes visible only
// when it completes; a failed or cancelled upload is aborted so that no
// parts are left behind.
func (s *S3) Put(ctx context.Context, name string, r io.Reader, size int64) error {
	if err := checkObjectName(name); err != nil {
		return s.err("put", name, err)
	}
	_, err := s.client.PutObject(ctx, s.bucket, s.key(name), r, size, minio.PutObjectOptions{
		ContentType: "application/octet-stream",
		PartSize:    s3PartSize,
	})
	if err != nil {
		// minio-go aborts the multipart upload it started; this also
		// catches one a lost connection left behind. Best effort.
		actx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		_ = s.client.RemoveIncompleteUpload(actx, s.bucket, s.key(name))
		cancel()
		if cerr := ctx.Err(); cerr != nil && !errors.Is(err, cerr) {
			err = fmt.Errorf("%w (%v)", cerr, err)
		}
		return s.err("put", name, err)
	}
	return nil
}

// Get opens the object prefix+name.
func (s *S3) Get(ctx context.Context, name string) (io.ReadCloser, error) {
	if err := checkObjectName(name); err != nil {
		return nil, s.err("get", name, err)
	}
	obj, err := s.client.GetObject(ctx, s.bucket, s.key(name), minio.GetObjectOptions{})
	if err != nil {
		return nil, s.err("get", name, err)
	}
	// GetObject is lazy: Stat makes a missing object an error here.
	if _, err := obj.Stat(); err != nil {
		obj.Close()
		return nil, s.err("get", name, err)
	}
	return &s3Reader{obj: obj, s: s, name: name}, nil
}

type s3Reader struct {
	obj  *minio.Object
	s    *S3
	name string
}

func (r *s3Reader) Read(p []byte) (int, error) {
	n, err := r.obj.Read(p)
	if err != nil && err != io.EOF {
		err = r.s.err("read", r.name, err)
	}
	return n, err
}

func (r *s3Reader) Close() error { return r.obj.Close() }

// List returns the complete objects under the prefix, names without it.
// Incomplete multipart uploads are not objects, so they are never listed.
func (s *S3) List(ctx context.Context) ([]Object, error) {
	var out []Object
	for o := range s.client.ListObjects(ctx, s.bucket, minio.ListObjectsOptions{Prefix: s.prefix, Recursive: true}) {
		if o.Err != nil {
			return nil, s.err("list", "", o.Err)
		}
		name := strings.TrimPrefix(o.Key, s.prefix)
		if name == "" || strings.HasSuffix(name, "/") {
			continue
		}
		out = append(out, Object{Name: name, Size: o.Size, Modified: o.LastModified})
	}
	return out, nil
}

// Delete removes prefix+name; a missing object is not an error.
func (s *S3) Delete(ctx context.Context, name string) error {
	if err := checkObjectName(name); err != nil {
		return s.err("delete", name, err)
	}
	if err := s.client.RemoveObject(ctx, s.bucket, s.key(name), minio.RemoveObjectOptions{}); err != nil {
		return s.err("delete", name, err)
	}
	return nil
}

// checkObjectName refuses names that would escape the prefix.
func checkObjectName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\\\x00") {
		return fmt.Errorf("invalid object name %q", name)
	}
	return nil
}

// scrub replaces any secret in err's message; the result still wraps err
// for errors.Is (context.Canceled and the like).
func scrub(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := msg
	for _, s := range secrets {
		if s != "" {
			clean = strings.ReplaceAll(clean, s, "[redacted]")
		}
	}
	if clean == msg {
		return err
	}
	return &scrubbed{msg: clean, err: err}
}

type scrubbed struct {
	msg string
	err error
}

func (e *scrubbed) Error() string { return e.msg }

// Unwrap keeps errors.Is working for sentinel errors (context.Canceled);
// callers must print Error(), never the wrapped chain.
func (e *scrubbed) Unwrap() error { return e.err }
