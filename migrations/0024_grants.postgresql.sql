-- The flag type torture_survivor.
ALTER TABLE flags DROP CONSTRAINT flags_type_check;
ALTER TABLE flags ADD CONSTRAINT flags_type_check CHECK (type IN ('safety_risk', 'no_phone_contact',
	'sgbv_survivor', 'child_protection', 'torture_survivor', 'medical_urgent',
	'unaccompanied_minor', 'legal_deadline', 'other'));
