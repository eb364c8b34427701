-- 0019 on PostgreSQL: the ledger takes the kind "reconciled".
ALTER TABLE assistance_ledger DROP CONSTRAINT assistance_ledger_kind_check;
ALTER TABLE assistance_ledger ADD CONSTRAINT assistance_ledger_kind_check
	CHECK (kind IN ('request', 'approve', 'reject', 'disburse', 'reconciled'));
