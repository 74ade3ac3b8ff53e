package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"github.com/jmoiron/sqlx"

	"github.com/bibdb/bibdb/internal/dedup"
)

// rulesSetting names the setting that holds the version of the
// deduplication rules that built the library's works.
const rulesSetting = "dedup_rules"

// RulesOfWorks tells which version of the deduplication rules built the
// library's works (0 when a bibdb that did not record it built them), and
// whether that is another version than this bibdb's: then a rebuild would
// build them again with this bibdb's rules. A library without records is
// built by no rules, and by this bibdb's.
func (d *DB) RulesOfWorks(ctx context.Context) (version int, other bool, err error) {
	has, err := hasRecords(ctx, d)
	if err != nil {
		return 0, false, fmt.Errorf("rules of works: %w", err)
	}
	if !has {
		return dedup.RulesVersion, false, nil
	}
	var value string
	err = d.GetContext(ctx, &value, "SELECT value FROM settings WHERE name = ?", rulesSetting)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return 0, true, nil
	case err != nil:
		return 0, false, fmt.Errorf("rules of works: %w", err)
	}
	version, _ = strconv.Atoi(value)
	return version, version != dedup.RulesVersion, nil
}

// setRules records that this bibdb's rules built the works, in tx.
func setRules(ctx context.Context, tx *sqlx.Tx) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
		rulesSetting, strconv.Itoa(dedup.RulesVersion))
	return err
}

// hasRecords reports whether the library holds any record.
func hasRecords(ctx context.Context, q sqlx.QueryerContext) (bool, error) {
	var has bool
	err := sqlx.GetContext(ctx, q, &has, "SELECT EXISTS (SELECT 1 FROM records)")
	return has, err
}
