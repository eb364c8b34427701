-- Consent per purpose and data-sharing agreements (issue 7;
-- docs/consent.md).
--
-- consents: the append-only history of a person's consent for each
-- purpose. The current state of a purpose is its last 'given' or
-- 'withdrawn' row (ordered by recorded_at, then seq: seq comes from the
-- counter "consent" and orders rows written in the same second). An
-- 'override' row records that a supervisor went ahead without the consent
-- (note: why; context: what was done, e.g. "referral R-000012"); it never
-- changes the state. notice_version is the privacy notice in force when
-- the row was written (the setting privacy_notice_version); NULL, like
-- method, on rows migrated from older records.
CREATE TABLE consents (
	id TEXT PRIMARY KEY,
	seq BIGINT NOT NULL,
	person_id TEXT NOT NULL REFERENCES people(id),
	purpose TEXT NOT NULL,
	state TEXT NOT NULL,
	notice_version TEXT,
	method TEXT,
	note TEXT,
	context TEXT,
	recorded_by TEXT REFERENCES users(id),
	recorded_at TEXT NOT NULL,
	CHECK (purpose IN ('registration', 'sharing_partners', 'referral', 'reporting', 'phone_contact')),
	CHECK (state IN ('given', 'withdrawn', 'override')),
	CHECK (method IS NULL OR method IN ('verbal', 'signed', 'digital')),
	CHECK (state <> 'override' OR note IS NOT NULL)
);
CREATE INDEX consents_person ON consents(person_id, recorded_at);

-- A data-sharing agreement with a recipient outside the organisation: a
-- partner of the directory (partner_id) or a recipient named in free text
-- (recipient, e.g. a payment provider); fields the CAT_SHARED_FIELD codes
-- it covers, comma-separated. Valid from starts_on to expires_on
-- inclusive, unless ended (ended_at). Never deleted.
CREATE TABLE sharing_agreements (
	id TEXT PRIMARY KEY,
	partner_id TEXT REFERENCES partners(id),
	recipient TEXT,
	purpose TEXT NOT NULL,
	fields TEXT NOT NULL,
	legal_basis TEXT NOT NULL,
	starts_on TEXT NOT NULL,
	expires_on TEXT NOT NULL,
	signed_by TEXT NOT NULL,
	document_ref TEXT,
	created_by TEXT REFERENCES users(id),
	created_at TEXT NOT NULL,
	ended_by TEXT REFERENCES users(id),
	ended_at TEXT,
	end_reason TEXT,
	CHECK (partner_id IS NOT NULL OR recipient IS NOT NULL),
	CHECK (expires_on >= starts_on)
);
CREATE INDEX sharing_agreements_partner ON sharing_agreements(partner_id);

-- The registration form's consent scope becomes rows of the history, so
-- nothing is lost (people.consent_scope stays as it was): "registration"
-- gave registration; "referral" also referral and sharing with partners;
-- "referral_reporting" also reporting; "declined" (the minimum only)
-- records sharing, referral and reporting as withdrawn.
INSERT INTO consents (id, seq, person_id, purpose, state, note, recorded_by, recorded_at)
SELECT 'm0022-' || p.id || '-' || m.purpose, 0, p.id, m.purpose, m.state,
       'migrated: consent_scope ' || p.consent_scope, p.created_by,
       COALESCE(p.consent_date || 'T12:00:00Z', p.created_at)
FROM people p
JOIN (SELECT 'registration' AS scope, 'registration' AS purpose, 'given' AS state
      UNION ALL SELECT 'referral', 'registration', 'given'
      UNION ALL SELECT 'referral', 'referral', 'given'
      UNION ALL SELECT 'referral', 'sharing_partners', 'given'
      UNION ALL SELECT 'referral_reporting', 'registration', 'given'
      UNION ALL SELECT 'referral_reporting', 'referral', 'given'
      UNION ALL SELECT 'referral_reporting', 'sharing_partners', 'given'
      UNION ALL SELECT 'referral_reporting', 'reporting', 'given'
      UNION ALL SELECT 'declined', 'registration', 'given'
      UNION ALL SELECT 'declined', 'sharing_partners', 'withdrawn'
      UNION ALL SELECT 'declined', 'referral', 'withdrawn'
      UNION ALL SELECT 'declined', 'reporting', 'withdrawn') m ON m.scope = p.consent_scope;

-- Referrals to partners were sent with the person's consent (a CHECK
-- made sure of it): each one is a given 'referral' consent, and, when it
-- shared personal data, a given 'sharing_partners' consent, at the time
-- it was sent.
INSERT INTO consents (id, seq, person_id, purpose, state, note, recorded_by, recorded_at)
SELECT 'm0022-' || r.id || '-referral', 0, r.person_id, 'referral', 'given',
       'migrated: referral ' || r.ref, r.sent_by, r.sent_at
FROM referrals r WHERE r.to_partner_id IS NOT NULL AND r.consent = 1;
INSERT INTO consents (id, seq, person_id, purpose, state, note, recorded_by, recorded_at)
SELECT 'm0022-' || r.id || '-sharing', 0, r.person_id, 'sharing_partners', 'given',
       'migrated: referral ' || r.ref, r.sent_by, r.sent_at
FROM referrals r WHERE r.to_partner_id IS NOT NULL AND r.consent = 1 AND r.shared IS NOT NULL AND r.shared <> '';
