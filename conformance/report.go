package conformance

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Results is what happened to the scenarios of one target, group by group.
type Results struct {
	// Target is the target's name.
	Target string
	// Groups holds the outcome of each group, by group name.
	Groups map[string]*GroupResult
}

// GroupResult counts the outcomes of a group's scenarios.
type GroupResult struct {
	Passed, Failed, Skipped int
	// FirstDifference is the first failed scenario and what it saw, in the
	// order the scenarios ran.
	FirstDifference string
}

// result is one scenario's outcome.
type result struct {
	scenario        string
	failed, skipped bool

	mu    sync.Mutex // guards first: a scenario may fail from several goroutines
	first string     // the first difference it reported
}

// note keeps the first difference a scenario reports.
func (r *result) note(msg string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.first == "" {
		r.first = msg
	}
}

func (rs *Results) add(group string, r *result) {
	if rs.Groups == nil {
		rs.Groups = make(map[string]*GroupResult)
	}
	g := rs.Groups[group]
	if g == nil {
		g = new(GroupResult)
		rs.Groups[group] = g
	}
	switch {
	case r.skipped:
		g.Skipped++
	case r.failed:
		g.Failed++
		if g.FirstDifference == "" {
			r.mu.Lock()
			defer r.mu.Unlock()
			g.FirstDifference = r.scenario + ": " + r.first
		}
	default:
		g.Passed++
	}
}

// WriteReport writes a Markdown table of the results: one row per group,
// one column per target, each cell the passed and failed counts and the
// first difference.
func WriteReport(w io.Writer, results []Results) error {
	var groups []string
	for _, s := range Scenarios() {
		if !slices.Contains(groups, s.Group) {
			groups = append(groups, s.Group)
		}
	}
	var b strings.Builder
	b.WriteString("| Group |")
	for _, r := range results {
		fmt.Fprintf(&b, " %s |", r.Target)
	}
	b.WriteString("\n|---|")
	b.WriteString(strings.Repeat("---|", len(results)))
	b.WriteString("\n")
	for _, group := range groups {
		fmt.Fprintf(&b, "| %s |", group)
		for _, r := range results {
			b.WriteString(" " + cell(r.Groups[group]) + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("| **all** |")
	for _, r := range results {
		var total GroupResult
		for _, g := range r.Groups {
			total.Passed += g.Passed
			total.Failed += g.Failed
			total.Skipped += g.Skipped
		}
		b.WriteString(" " + cell(&total) + " |")
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// cell renders one group's outcome for one target.
func cell(g *GroupResult) string {
	if g == nil {
		return "not run"
	}
	s := fmt.Sprintf("%d/%d passed", g.Passed, g.Passed+g.Failed)
	if g.Skipped > 0 {
		s += fmt.Sprintf(", %d skipped", g.Skipped)
	}
	if g.FirstDifference != "" {
		s += ": " + escapeCell(g.FirstDifference)
	}
	return s
}

// escapeCell keeps a message on one table row and shortens it.
func escapeCell(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, "|", `\|`)
	if r := []rune(s); len(r) > 160 {
		s = string(r[:160]) + "…"
	}
	return s
}
