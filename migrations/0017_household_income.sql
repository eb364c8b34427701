-- The household's monthly income, for its vulnerability score (issue 6;
-- docs/vulnerability.md): US dollar cents a month, NULL when not known.
ALTER TABLE households ADD COLUMN monthly_income_cents INTEGER
	CHECK (monthly_income_cents IS NULL OR (monthly_income_cents >= 0 AND monthly_income_cents <= 1000000000));
