package main

import (
	"fmt"
	"log/slog"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/vmira/mira/internal/config"
)

// serverFlags are the flags shared by serve and admin: where the
// configuration and the data live. Flags override env, env the file.
type serverFlags struct {
	config, dataDir                     string
	listen, httpListen, tlsCert, tlsKey string
	adminListen                         string
	allowSelfSigned                     bool
}

func (f *serverFlags) register(fs *pflag.FlagSet, serving bool) {
	fs.StringVar(&f.config, "config", "", "configuration file (YAML; env MIRA_CONFIG)")
	fs.StringVar(&f.dataDir, "data-dir", "", "data directory (env MIRA_DATA_DIR; default ./mira-data)")
	if serving {
		fs.StringVar(&f.listen, "listen", "", "HTTPS address (env MIRA_LISTEN; default 127.0.0.1:8443)")
		fs.StringVar(&f.httpListen, "http-listen", "", "plain-HTTP address that only rejects requests and revokes keys sent to it (env MIRA_HTTP_LISTEN)")
		fs.StringVar(&f.adminListen, "admin-listen", "", "admin listener for /metrics, pprof, /healthz, /readyz (env MIRA_ADMIN_LISTEN; default 127.0.0.1:9464; off disables; off loopback it needs admin.tls_cert, admin.tls_key and admin.token_file)")
		fs.StringVar(&f.tlsCert, "tls-cert", "", "certificate chain, PEM (env MIRA_TLS_CERT; default: generated local CA)")
		fs.StringVar(&f.tlsKey, "tls-key", "", "private key of --tls-cert, PEM, mode 0600 (env MIRA_TLS_KEY)")
		fs.BoolVar(&f.allowSelfSigned, "allow-self-signed", false, "INSECURE for public use: serve a self-signed or local-CA certificate on a non-loopback address")
	}
}

// load returns the configuration: defaults, file, environment, flags.
func (f *serverFlags) load(e *env) (config.Config, error) {
	path := f.config
	if path == "" {
		path = e.getenv("MIRA_CONFIG")
	}
	cfg, err := config.Load(path, e.getenv)
	if err != nil {
		return cfg, err
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&cfg.DataDir, f.dataDir)
	set(&cfg.Listen, f.listen)
	set(&cfg.HTTPListen, f.httpListen)
	set(&cfg.AdminListen, f.adminListen)
	set(&cfg.TLS.Cert, f.tlsCert)
	set(&cfg.TLS.Key, f.tlsKey)
	if f.allowSelfSigned {
		cfg.TLS.AllowSelfSigned = true
	}
	return cfg, nil
}

func newServeCmd(e *env) *cobra.Command {
	var f serverFlags
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the API over HTTPS",
		Long: `Serve Mira's OpenAI-compatible API over HTTPS.

With no configuration it keeps its data in ./mira-data (0700), uses SQLite
there, generates a local CA and a localhost certificate, and serves the
built-in model mira-echo on https://127.0.0.1:8443.`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := f.load(e)
			if err != nil {
				return err
			}
			log := slog.New(slog.NewJSONHandler(e.stderr, nil))
			if cfg.TLS.AllowSelfSigned {
				log.Warn("INSECURE: --allow-self-signed is set; clients on other hosts must be handed the CA explicitly, and a certificate they cannot verify invites them to disable verification")
			}
			ctx := cmd.Context()
			m := &Main{Config: cfg, Logger: log, Getenv: e.getenv, Out: e.stderr}
			if err := m.Run(ctx); err != nil {
				return err
			}
			fmt.Fprintf(e.stderr, "Mira is serving on https://%s\n", m.Addr)
			werr := m.Wait(ctx)
			cerr := m.Close()
			if werr != nil {
				return werr
			}
			return cerr
		},
	}
	f.register(cmd.Flags(), true)
	return cmd
}
