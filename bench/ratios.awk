# bench/ratios.awk: reads a results file of ../shared/perf/run.sh (its raw runs)
# and prints each target's CPU per request as a ratio to proxy_tls, the bare
# Go TLS proxy, per round and as the median of the per-round ratios (the
# figure the performance targets are stated in).
/^# raw runs/ { raw = 1; next }
raw && $1 ~ /^[0-9]+$/ {
  cpu[$1, $2] = $11 / $3; reps[$1] = 1; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 }
}
END {
  print "\ncpu/req against proxy_tls, per round, and the median of the per-round ratios:"
  for (i = 1; i <= n; i++) {
    t = order[i]; m = 0; line = ""
    for (r in reps) { if ((r, "proxy_tls") in cpu && (r, t) in cpu) { v[++m] = cpu[r, t] / cpu[r, "proxy_tls"] } }
    # sort v
    for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++) if (v[b] < v[a]) { x = v[a]; v[a] = v[b]; v[b] = x }
    for (a = 1; a <= m; a++) line = line sprintf(" %.2f", v[a])
    med = (m % 2) ? v[(m + 1) / 2] : (v[m / 2] + v[m / 2 + 1]) / 2
    printf "  %-14s median %.2fx  (rounds, sorted:%s)\n", t, med, line
    delete v
  }
}
