-- Cash and material assistance (issue 6; docs/assistance.md): programmes,
-- requests with two-person approval and disbursement, and the append-only
-- ledger that every budget figure is summed from (never a stored total).
-- Money is integer cents (BIGINT: PostgreSQL's INTEGER stops at 21 million
-- dollars) with an ISO 4217 currency.
CREATE TABLE programmes (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	kind TEXT NOT NULL,
	donor TEXT,
	budget_cents BIGINT NOT NULL,
	currency TEXT NOT NULL,
	cap_cents BIGINT NOT NULL,
	period TEXT NOT NULL,
	eligibility TEXT,
	min_score INTEGER,
	active INTEGER NOT NULL DEFAULT 1,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	updated_at TEXT NOT NULL,
	CHECK (kind IN ('multipurpose_cash', 'rent', 'health', 'food_voucher', 'hygiene_kit', 'in_kind')),
	CHECK (period IN ('month', 'quarter', 'year', 'once')),
	CHECK (budget_cents >= 0),
	CHECK (cap_cents > 0),
	CHECK (active IN (0, 1))
);

-- A request for a household (and optionally one of its members) in a
-- programme. ref is A-000001 (counter "assistance"). period_key is the
-- programme period the request counts against ("2026-11", "2026-Q4",
-- "2026", "once"). status: requested -> approved | rejected,
-- approved -> disbursed. possible_duplicate 1 when another request of the
-- household in the programme and period existed (duplicate_of: the
-- oldest); duplicate_confirmed 1 once the approver confirmed it anyway.
CREATE TABLE assistance_requests (
	id TEXT PRIMARY KEY,
	ref TEXT NOT NULL UNIQUE,
	household_id TEXT NOT NULL REFERENCES households(id),
	person_id TEXT REFERENCES people(id),
	programme_id TEXT NOT NULL REFERENCES programmes(id),
	amount_cents BIGINT NOT NULL,
	currency TEXT NOT NULL,
	reason TEXT NOT NULL,
	period_key TEXT NOT NULL,
	status TEXT NOT NULL,
	possible_duplicate INTEGER NOT NULL DEFAULT 0,
	duplicate_of TEXT REFERENCES assistance_requests(id),
	duplicate_confirmed INTEGER NOT NULL DEFAULT 0,
	requested_by TEXT REFERENCES users(id),
	requested_at TEXT NOT NULL,
	decided_by TEXT REFERENCES users(id),
	decided_at TEXT,
	decision_note TEXT,
	disbursed_by TEXT REFERENCES users(id),
	disbursed_at TEXT,
	mechanism TEXT,
	reference TEXT,
	disbursed_on TEXT,
	updated_at TEXT NOT NULL,
	CHECK (amount_cents > 0),
	CHECK (status IN ('requested', 'approved', 'rejected', 'disbursed')),
	CHECK (mechanism IS NULL OR mechanism IN ('bank_transfer', 'mobile_wallet', 'prepaid_card', 'cash', 'in_kind')),
	CHECK (possible_duplicate IN (0, 1)),
	CHECK (duplicate_confirmed IN (0, 1)),
	CHECK (decided_by IS NULL OR requested_by IS NULL OR decided_by <> requested_by)
);
CREATE INDEX assistance_requests_household ON assistance_requests(household_id, programme_id, period_key);
CREATE INDEX assistance_requests_programme ON assistance_requests(programme_id, status);
CREATE INDEX assistance_requests_status ON assistance_requests(status, requested_at);
CREATE INDEX assistance_requests_person ON assistance_requests(person_id);

-- The ledger: one row per step of a request, never updated or deleted.
-- amount_cents is the request's amount on every row; the budget figures
-- are sums by kind (docs/assistance.md). Each step happens once per
-- request: UNIQUE (request_id, kind) makes a second approval or a second
-- disbursement impossible on both engines, whatever races.
CREATE TABLE assistance_ledger (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL UNIQUE,
	programme_id TEXT NOT NULL REFERENCES programmes(id),
	request_id TEXT NOT NULL REFERENCES assistance_requests(id),
	kind TEXT NOT NULL,
	amount_cents BIGINT NOT NULL,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK (kind IN ('request', 'approve', 'reject', 'disburse')),
	CHECK (amount_cents > 0),
	UNIQUE (request_id, kind)
);
CREATE INDEX assistance_ledger_programme ON assistance_ledger(programme_id, kind);
