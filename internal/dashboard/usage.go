package dashboard

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"time"

	"github.com/vmira/mira/internal/mira"
	"github.com/vmira/mira/internal/reqlog"
	"github.com/vmira/mira/internal/session"
)

// Usage and request logs follow GET /v1/usage and /v1/logs: owners and
// admins see their organisation's, members the usage and logs of their own
// keys only.

// maxUsageDays bounds the date range of the usage page.
const maxUsageDays = 366

// keyLabels names the keys the user may see, by id.
type keyLabels map[string]string

func (l keyLabels) label(id string) string {
	if id == "" {
		return "CLI sign-in (no key)"
	}
	if s, ok := l[id]; ok {
		return s
	}
	return id
}

func labelsOf(ks []*mira.Key) keyLabels {
	l := keyLabels{}
	for _, k := range ks {
		l[k.ID] = k.Name + " (" + k.Prefix + "…" + k.Last4 + ")"
	}
	return l
}

// userKeys returns the keys u may see: every key of the organisation for
// owners and admins (nil without a key store), the user's own for members.
func (d *Dashboard) userKeys(ctx context.Context, u *mira.User) ([]*mira.Key, error) {
	if d.keys == nil {
		return nil, nil
	}
	return d.visibleKeys(ctx, u)
}

// chart is a server-rendered SVG bar chart: bars in a viewBox stretched to
// the width of the page; labels are HTML around it, so they stay legible
// at any width.
type chart struct {
	ID      string // for aria-labelledby
	Title   string
	Summary string // for screen readers
	Width   int    // viewBox width; the height is 100
	Max     int64  // the value at the top of the chart
	Half    int64
	Bars    []bar
	First   string // x-axis labels
	Middle  string
	Last    string
	Legend  []legendItem
}

type bar struct {
	X, W  float64
	Segs  []seg
	Title string // tooltip
}

type seg struct {
	Y, H  float64
	Class string
}

type legendItem struct{ Class, Text string }

// niceCeil rounds v up to 1, 2 or 5 times a power of ten.
func niceCeil(v int64) int64 {
	if v <= 1 {
		return 1
	}
	p := int64(math.Pow(10, math.Floor(math.Log10(float64(v)))))
	for _, m := range []int64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// newChart draws one bar per day; each bar stacks values (bottom first)
// with the given classes.
func newChart(id, title string, days []time.Time, values [][]int64, classes []string, tip func(i int) string) chart {
	c := chart{ID: id, Title: title, Width: len(days) * 10}
	var max int64
	for _, vs := range values {
		var sum int64
		for _, v := range vs {
			sum += v
		}
		max = maxInt(max, sum)
	}
	c.Max = niceCeil(max)
	c.Half = c.Max / 2
	if c.Max%2 != 0 {
		c.Half = 0
	}
	for i, vs := range values {
		b := bar{X: float64(i*10) + 1, W: 8, Title: tip(i)}
		base := 100.0
		for j, v := range vs {
			if v <= 0 {
				continue
			}
			h := float64(v) / float64(c.Max) * 100
			h = math.Max(h, 0.8) // visible however small
			base -= h
			b.Segs = append(b.Segs, seg{Y: round2(base), H: round2(h), Class: classes[j]})
		}
		c.Bars = append(c.Bars, b)
	}
	if len(days) > 0 {
		c.First = days[0].Format("Jan 2")
		c.Last = days[len(days)-1].Format("Jan 2")
		if len(days) > 4 {
			c.Middle = days[len(days)/2].Format("Jan 2")
		}
	}
	return c
}

func round2(f float64) float64 { return math.Round(f*100) / 100 }

func maxInt(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

type usageTotals struct {
	Requests, Errors, PromptTokens, CompletionTokens int64
}

func (t *usageTotals) add(r reqlog.UsageRow) {
	t.Requests += r.Requests
	t.Errors += r.Errors
	t.PromptTokens += r.PromptTokens
	t.CompletionTokens += r.CompletionTokens
}

// TotalTokens is prompt plus completion tokens.
func (t usageTotals) TotalTokens() int64 { return t.PromptTokens + t.CompletionTokens }

type usageRow struct {
	Day   string
	Key   string
	Model string
	usageTotals
}

type usageData struct {
	From, To  string
	Org       bool // the whole organisation (owners, admins), else the user's keys
	Total     usageTotals
	Requests  chart
	Tokens    chart
	PerDay    []usageRow
	PerKey    []usageRow // per key and model over the range
	NoKeys    bool       // a member without keys
	RangeText string
}

// dateRange reads from and to (YYYY-MM-DD, UTC days, both included);
// the default is the last 30 days.
func dateRange(q url.Values, now time.Time) (from, to time.Time, err error) {
	today := now.UTC().Truncate(24 * time.Hour)
	to, from = today, today.AddDate(0, 0, -29)
	if s := q.Get("to"); s != "" {
		if to, err = time.Parse(time.DateOnly, s); err != nil {
			return from, today, errors.New("the end date must be a date such as 2026-11-26")
		}
	}
	if s := q.Get("from"); s != "" {
		if from, err = time.Parse(time.DateOnly, s); err != nil {
			return today.AddDate(0, 0, -29), to, errors.New("the start date must be a date such as 2026-11-01")
		}
	} else if q.Get("to") != "" {
		from = to.AddDate(0, 0, -29)
	}
	switch {
	case from.After(to):
		return from, to, errors.New("the start date is after the end date")
	case to.Sub(from) >= maxUsageDays*24*time.Hour:
		return from, to, fmt.Errorf("choose at most %d days", maxUsageDays)
	}
	return from, to, nil
}

func (d *Dashboard) usagePage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	ctx := r.Context()
	from, to, rangeErr := dateRange(r.URL.Query(), d.now())
	data := usageData{From: from.Format(time.DateOnly), To: to.Format(time.DateOnly), Org: canAdminister(u)}
	if rangeErr != nil {
		d.Render(w, r, http.StatusBadRequest, "usage", &Page{Title: "Usage", Wide: true, Error: rangeErr.Error() + ".", Data: data})
		return
	}
	ks, err := d.userKeys(ctx, u)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	if !data.Org {
		data.NoKeys = len(ks) == 0
	}
	rows, err := d.usageRows(ctx, u, ks, from, to, data.Org)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	days := []time.Time{}
	for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
		days = append(days, day)
	}
	perDay := make([]usageTotals, len(days))
	perKey := map[[2]string]*usageTotals{}
	for _, row := range rows {
		data.Total.add(row)
		if i := int(row.Day.Sub(from) / (24 * time.Hour)); i >= 0 && i < len(days) {
			perDay[i].add(row)
		}
		k := [2]string{row.KeyID, row.Model}
		if perKey[k] == nil {
			perKey[k] = &usageTotals{}
		}
		perKey[k].add(row)
	}
	data.usageCharts(days, perDay)
	data.PerKey = perKeyRows(perKey, labelsOf(ks))
	d.Render(w, r, http.StatusOK, "usage", &Page{Title: "Usage", Wide: true, Data: data})
}

// usageRows returns the usage from one day to another per day, key and
// model. Owners and admins see the whole organisation's; a member sees only
// the keys they own, so their usage is asked for key by key.
func (d *Dashboard) usageRows(ctx context.Context, u *mira.User, ks []*mira.Key, from, to time.Time, org bool) ([]reqlog.UsageRow, error) {
	if org {
		return d.logs.Usage(ctx, reqlog.UsageQuery{OrgID: u.OrgID, From: from, To: to, ByKey: true, ByModel: true})
	}
	var rows []reqlog.UsageRow
	for _, k := range ks {
		kr, err := d.logs.Usage(ctx, reqlog.UsageQuery{OrgID: u.OrgID, KeyID: k.ID, From: from, To: to, ByModel: true})
		if err != nil {
			return rows, err
		}
		for i := range kr {
			kr[i].KeyID = k.ID
		}
		rows = append(rows, kr...)
	}
	return rows, nil
}

// usageCharts fills in the per-day table and the two charts, with the
// tooltips and text summaries that make them readable without the bars.
func (data *usageData) usageCharts(days []time.Time, perDay []usageTotals) {
	reqValues := make([][]int64, len(days))
	tokValues := make([][]int64, len(days))
	for i, t := range perDay {
		reqValues[i] = []int64{t.Requests - t.Errors, t.Errors}
		tokValues[i] = []int64{t.PromptTokens, t.CompletionTokens}
		if t.Requests > 0 {
			data.PerDay = append(data.PerDay, usageRow{Day: days[i].Format(time.DateOnly), usageTotals: t})
		}
	}
	data.Requests = newChart("chart-requests", "Requests per day", days, reqValues, []string{"bar-ok", "bar-err"}, func(i int) string {
		return fmt.Sprintf("%s: %s requests, %s errors", days[i].Format(time.DateOnly), formatInt(perDay[i].Requests), formatInt(perDay[i].Errors))
	})
	data.Requests.Legend = []legendItem{{"bar-ok", "Succeeded"}, {"bar-err", "Errors (status 400 and above)"}}
	data.Requests.Summary = fmt.Sprintf("%s requests from %s to %s, %s of them errors.", formatInt(data.Total.Requests), data.From, data.To, formatInt(data.Total.Errors))
	data.Tokens = newChart("chart-tokens", "Tokens per day", days, tokValues, []string{"bar-prompt", "bar-completion"}, func(i int) string {
		return fmt.Sprintf("%s: %s prompt and %s completion tokens", days[i].Format(time.DateOnly), formatInt(perDay[i].PromptTokens), formatInt(perDay[i].CompletionTokens))
	})
	data.Tokens.Legend = []legendItem{{"bar-prompt", "Prompt"}, {"bar-completion", "Completion"}}
	data.Tokens.Summary = fmt.Sprintf("%s tokens from %s to %s: %s prompt, %s completion.", formatInt(data.Total.TotalTokens()), data.From, data.To,
		formatInt(data.Total.PromptTokens), formatInt(data.Total.CompletionTokens))
}

// perKeyRows returns the per key and model table, busiest first, then by
// key and model so that the order is stable between loads.
func perKeyRows(perKey map[[2]string]*usageTotals, labels keyLabels) []usageRow {
	var out []usageRow
	for k, t := range perKey {
		out = append(out, usageRow{Key: labels.label(k[0]), Model: k[1], usageTotals: *t})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Requests != b.Requests {
			return a.Requests > b.Requests
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Model < b.Model
	})
	return out
}

type logView struct {
	reqlog.Record
	Key string
}

type logsData struct {
	Keys       []option
	AllKeys    bool // owners and admins may list every key's requests
	KeyID      string
	Model      string
	ErrorsOnly bool
	Rows       []logView
	NextURL    string
	NewestURL  string
	NoKeys     bool
}

func (d *Dashboard) logsPage(w http.ResponseWriter, r *http.Request) {
	u := session.UserFrom(r)
	ctx := r.Context()
	q := r.URL.Query()
	data := logsData{AllKeys: canAdminister(u), KeyID: q.Get("key"), Model: q.Get("model"), ErrorsOnly: q.Get("errors") == "1"}
	if len(data.Model) > 200 {
		data.Model = data.Model[:200]
	}
	ks, err := d.userKeys(ctx, u)
	if err != nil {
		d.fail(w, r, err)
		return
	}
	labels := labelsOf(ks)
	for _, k := range ks {
		data.Keys = append(data.Keys, option{k.ID, labels[k.ID]})
	}
	page := &Page{Title: "Request logs", Wide: true, Data: &data}
	if !data.AllKeys {
		// Members see the logs of their own keys, one key at a time: by
		// default the one used last.
		if len(ks) == 0 {
			data.NoKeys = true
			d.Render(w, r, http.StatusOK, "logs", page)
			return
		}
		if data.KeyID == "" {
			data.KeyID = lastUsedKey(ks).ID
		}
		if _, ok := labels[data.KeyID]; !ok {
			page.Error = "No such key among yours."
			data.KeyID = ""
			d.Render(w, r, http.StatusNotFound, "logs", page)
			return
		}
	}
	res, err := d.logs.Logs(ctx, reqlog.LogQuery{OrgID: u.OrgID, KeyID: data.KeyID, Model: data.Model,
		ErrorsOnly: data.ErrorsOnly, Cursor: q.Get("cursor"), Limit: 50})
	if errors.Is(err, reqlog.ErrBadCursor) {
		page.Error = "That page link is not valid any more. Showing the newest requests instead."
		res, err = d.logs.Logs(ctx, reqlog.LogQuery{OrgID: u.OrgID, KeyID: data.KeyID, Model: data.Model, ErrorsOnly: data.ErrorsOnly, Limit: 50})
	}
	if err != nil {
		d.fail(w, r, err)
		return
	}
	for _, rec := range res.Records {
		data.Rows = append(data.Rows, logView{Record: rec, Key: labels.label(rec.KeyID)})
	}
	if res.NextCursor != "" {
		data.NextURL = data.link(res.NextCursor)
	}
	if q.Get("cursor") != "" {
		data.NewestURL = data.link("")
	}
	d.Render(w, r, http.StatusOK, "logs", page)
}

// lastUsedKey returns the key of ks used most recently (the first when
// none is more recent), whose logs a member most likely wants to see.
func lastUsedKey(ks []*mira.Key) *mira.Key {
	latest := ks[0]
	for _, k := range ks {
		if k.LastUsedAt.After(latest.LastUsedAt) {
			latest = k
		}
	}
	return latest
}

// link returns the URL of the logs page at cursor ("" for the newest
// requests) with the page's filters kept, and bare when there are none.
func (data *logsData) link(cursor string) string {
	v := url.Values{}
	if data.KeyID != "" {
		v.Set("key", data.KeyID)
	}
	if data.Model != "" {
		v.Set("model", data.Model)
	}
	if data.ErrorsOnly {
		v.Set("errors", "1")
	}
	if cursor != "" {
		v.Set("cursor", cursor)
	}
	if len(v) == 0 {
		return "/dashboard/logs"
	}
	return "/dashboard/logs?" + v.Encode()
}
