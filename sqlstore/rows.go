package sqlstore

import (
	"context"
	"database/sql"
	"strings"
)

// customerRow is a row of carerules_customer. Empty identifiers and
// fallback key are stored as NULL.
type customerRow struct {
	ID, HealthSherpa, External, CarrierAssigned, Fallback string
	Doc                                                   []byte
}

// policyRow is a row of carerules_policy. Position is assigned by the
// store at insert: the policy's place among its customer's policies.
type policyRow struct {
	ID, CustomerID                string
	Position                      int
	HealthSherpa, CarrierAssigned string
	Type, Status, EffectiveDate   string
	Doc                           []byte
}

const customerCols = `id, health_sherpa_customer_id, external_id, carrier_assigned_customer_id, fallback_key, doc`
const policyCols = `id, customer_id, position, health_sherpa_policy_id, carrier_assigned_policy_id, policy_type, status, effective_date, doc`

// null stores "" as NULL.
func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (u *unit) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	u.s.stats.reads.Add(1)
	rows, err := u.tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, u.s.wrap(ctx, "reading", err)
	}
	return rows, nil
}

func (u *unit) exec(ctx context.Context, q string, args ...any) error {
	u.s.stats.writes.Add(1)
	if _, err := u.tx.ExecContext(ctx, q, args...); err != nil {
		return u.s.wrap(ctx, "writing", err)
	}
	return nil
}

// findCustomers returns, in one statement, every customer holding any of
// the values: healthSherpaCustomerIds hs, externalIds ext,
// carrierAssignedCustomerIds ca, fallback keys fb. Each customer once.
func (u *unit) findCustomers(ctx context.Context, hs, ext, ca, fb []string) ([]customerRow, error) {
	if len(hs)+len(ext)+len(ca)+len(fb) == 0 {
		return nil, nil
	}
	d := u.s.d
	var conds []string
	var args []any
	for _, c := range []struct {
		col  string
		vals []string
	}{{"health_sherpa_customer_id", hs}, {"external_id", ext}, {"carrier_assigned_customer_id", ca}, {"fallback_key", fb}} {
		if len(c.vals) == 0 {
			continue
		}
		args = append(args, d.list(c.vals))
		conds = append(conds, d.inList(c.col, len(args)))
	}
	rows, err := u.query(ctx, `SELECT `+customerCols+` FROM carerules_customer WHERE `+strings.Join(conds, " OR "), args...)
	if err != nil {
		return nil, err
	}
	return u.scanCustomers(ctx, rows)
}

func (u *unit) scanCustomers(ctx context.Context, rows *sql.Rows) ([]customerRow, error) {
	defer rows.Close()
	var out []customerRow
	for rows.Next() {
		var r customerRow
		var hs, ext, ca, fb sql.NullString
		if err := rows.Scan(&r.ID, &hs, &ext, &ca, &fb, &r.Doc); err != nil {
			return nil, u.s.wrap(ctx, "reading", err)
		}
		r.HealthSherpa, r.External, r.CarrierAssigned, r.Fallback = hs.String, ext.String, ca.String, fb.String
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, u.s.wrap(ctx, "reading", err)
	}
	return out, nil
}

// findPolicies returns, in one statement, every policy holding any of the
// healthSherpaPolicyIds hs or carrierAssignedPolicyIds ca. Each once.
func (u *unit) findPolicies(ctx context.Context, hs, ca []string) ([]policyRow, error) {
	if len(hs)+len(ca) == 0 {
		return nil, nil
	}
	d := u.s.d
	var conds []string
	var args []any
	if len(hs) > 0 {
		args = append(args, d.list(hs))
		conds = append(conds, d.inList("health_sherpa_policy_id", len(args)))
	}
	if len(ca) > 0 {
		args = append(args, d.list(ca))
		conds = append(conds, d.inList("carrier_assigned_policy_id", len(args)))
	}
	rows, err := u.query(ctx, `SELECT `+policyCols+` FROM carerules_policy WHERE `+strings.Join(conds, " OR "), args...)
	if err != nil {
		return nil, err
	}
	return u.scanPolicies(ctx, rows)
}

// policiesOf returns the policies of the customers, grouped by customer
// and in each customer's order.
func (u *unit) policiesOf(ctx context.Context, customerIDs []string) ([]policyRow, error) {
	if len(customerIDs) == 0 {
		return nil, nil
	}
	d := u.s.d
	rows, err := u.query(ctx, `SELECT `+policyCols+` FROM carerules_policy WHERE `+d.inList("customer_id", 1)+
		` ORDER BY customer_id, position`, d.list(customerIDs))
	if err != nil {
		return nil, err
	}
	return u.scanPolicies(ctx, rows)
}

func (u *unit) scanPolicies(ctx context.Context, rows *sql.Rows) ([]policyRow, error) {
	defer rows.Close()
	var out []policyRow
	for rows.Next() {
		var r policyRow
		var hs, ca sql.NullString
		if err := rows.Scan(&r.ID, &r.CustomerID, &r.Position, &hs, &ca, &r.Type, &r.Status, &r.EffectiveDate, &r.Doc); err != nil {
			return nil, u.s.wrap(ctx, "reading", err)
		}
		r.HealthSherpa, r.CarrierAssigned = hs.String, ca.String
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, u.s.wrap(ctx, "reading", err)
	}
	return out, nil
}

// insertCustomers inserts the rows, up to chunk per statement.
func (u *unit) insertCustomers(ctx context.Context, rs []customerRow) error {
	for len(rs) > 0 {
		n := min(len(rs), chunk)
		var b strings.Builder
		b.WriteString(`INSERT INTO carerules_customer (` + customerCols + `) VALUES `)
		args := make([]any, 0, 6*n)
		for i, r := range rs[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(u.placeholders(len(args), 6, nil))
			args = append(args, r.ID, null(r.HealthSherpa), null(r.External), null(r.CarrierAssigned), null(r.Fallback), string(r.Doc))
		}
		if err := u.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}

// placeholders returns "(p1, ..., pn)" for n parameters after the first
// `after`; wrap, when set, decorates the k-th marker.
func (u *unit) placeholders(after, n int, wrap func(k int, marker string) string) string {
	var b strings.Builder
	b.WriteByte('(')
	for k := range n {
		if k > 0 {
			b.WriteString(", ")
		}
		m := u.s.d.param(after + k + 1)
		if wrap != nil {
			m = wrap(k, m)
		}
		b.WriteString(m)
	}
	b.WriteByte(')')
	return b.String()
}

// updateCustomers rewrites the identifiers, fallback key and document of
// existing customers, up to chunk per statement.
func (u *unit) updateCustomers(ctx context.Context, rs []customerRow) error {
	for len(rs) > 0 {
		n := min(len(rs), chunk)
		var b strings.Builder
		b.WriteString(`WITH v (id, hs, ext, ca, fb, doc) AS (VALUES `)
		args := make([]any, 0, 6*n)
		for i, r := range rs[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(u.placeholders(len(args), 6, func(_ int, m string) string { return "CAST(" + m + " AS TEXT)" }))
			args = append(args, r.ID, null(r.HealthSherpa), null(r.External), null(r.CarrierAssigned), null(r.Fallback), string(r.Doc))
		}
		b.WriteString(`) UPDATE carerules_customer SET health_sherpa_customer_id = v.hs, external_id = v.ext, ` +
			`carrier_assigned_customer_id = v.ca, fallback_key = v.fb, doc = v.doc FROM v WHERE carerules_customer.id = v.id`)
		if err := u.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}

// insertPolicies inserts the rows, up to chunk per statement. Each
// policy's position is one past the largest its customer holds, plus the
// number of earlier rows of the same customer in rs: the order of rs is the
// customer's order.
func (u *unit) insertPolicies(ctx context.Context, rs []policyRow) error {
	d := u.s.d
	for len(rs) > 0 {
		n := min(len(rs), chunk)
		seen := map[string]int{}
		var b strings.Builder
		b.WriteString(`INSERT INTO carerules_policy (` + policyCols + `) VALUES `)
		args := make([]any, 0, 10*n)
		for i, r := range rs[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			k := seen[r.CustomerID]
			seen[r.CustomerID] = k + 1
			base := len(args)
			b.WriteString("(" + d.param(base+1) + ", " + d.param(base+2) +
				", (SELECT COALESCE(MAX(position), -1) + 1 + " + d.intParam(base+3) + " FROM carerules_policy WHERE customer_id = " + d.param(base+2) + ")")
			for j := 4; j <= 9; j++ {
				b.WriteString(", " + d.param(base+j))
			}
			b.WriteString(")")
			args = append(args, r.ID, r.CustomerID, k, null(r.HealthSherpa), null(r.CarrierAssigned), r.Type, r.Status, r.EffectiveDate, string(r.Doc))
		}
		if err := u.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}

// updatePolicies rewrites the identifiers, type, status, effective date and
// document of existing policies (never their owner or position), up to
// chunk per statement.
func (u *unit) updatePolicies(ctx context.Context, rs []policyRow) error {
	for len(rs) > 0 {
		n := min(len(rs), chunk)
		var b strings.Builder
		b.WriteString(`WITH v (id, hs, ca, typ, status, eff, doc) AS (VALUES `)
		args := make([]any, 0, 7*n)
		for i, r := range rs[:n] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(u.placeholders(len(args), 7, func(_ int, m string) string { return "CAST(" + m + " AS TEXT)" }))
			args = append(args, r.ID, null(r.HealthSherpa), null(r.CarrierAssigned), r.Type, r.Status, r.EffectiveDate, string(r.Doc))
		}
		b.WriteString(`) UPDATE carerules_policy SET health_sherpa_policy_id = v.hs, carrier_assigned_policy_id = v.ca, ` +
			`policy_type = v.typ, status = v.status, effective_date = v.eff, doc = v.doc FROM v WHERE carerules_policy.id = v.id`)
		if err := u.exec(ctx, b.String(), args...); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}
