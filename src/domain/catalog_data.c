/* catalog_data.c: the code lists themselves. */
#include "base/i18n.h"
#include "domain/catalog.h"

#define CATALOG(var, nm, arr) const struct catalog var = { nm, arr, sizeof(arr) / sizeof(arr[0]) }

static const struct catalog_item country[] = {
	{ "VEN", N_("Venezuela") }, { "COL", N_("Colombia") }, { "NIC", N_("Nicaragua") },
	{ "SLV", N_("El Salvador") }, { "HND", N_("Honduras") }, { "GTM", N_("Guatemala") },
	{ "CUB", N_("Cuba") }, { "HTI", N_("Haiti") }, { "PAN", N_("Panama") },
	{ "XXA", N_("Stateless") }, { "XXX", N_("Unknown") },
};
CATALOG(CAT_COUNTRY, "country", country);

static const struct catalog_item sex[] = {
	{ "female", N_("Female") }, { "male", N_("Male") },
	{ "other", N_("Other") }, { "unknown", N_("Not recorded") },
};
CATALOG(CAT_SEX, "sex", sex);

static const struct catalog_item legal_status[] = {
	{ "asylum_seeker", N_("Asylum seeker") }, { "refugee", N_("Refugee") },
	{ "migrant", N_("Migrant") }, { "in_transit", N_("In transit") },
	{ "stateless", N_("Stateless") }, { "host_community", N_("Host community") },
};
CATALOG(CAT_LEGAL_STATUS, "legal_status", legal_status);

static const struct catalog_item relationship[] = {
	{ "head", N_("Head of household") }, { "spouse", N_("Spouse or partner") },
	{ "child", N_("Son or daughter") }, { "parent", N_("Father or mother") },
	{ "sibling", N_("Brother or sister") }, { "grandchild", N_("Grandchild") },
	{ "grandparent", N_("Grandparent") }, { "other_relative", N_("Other relative") },
	{ "non_relative", N_("Not related") },
};
CATALOG(CAT_RELATIONSHIP, "relationship", relationship);

static const struct catalog_item need[] = {
	{ "CR", N_("Child at risk") }, { "DS", N_("Disability") },
	{ "ER", N_("Older person at risk") }, { "SC", N_("Unaccompanied or separated child") },
	{ "SM", N_("Serious medical condition") }, { "SP", N_("Single parent or caregiver") },
	{ "SV", N_("Survivor of sexual or gender-based violence") },
	{ "TR", N_("Survivor of torture") }, { "WR", N_("Woman at risk") },
	{ "LP", N_("Specific legal and physical protection needs") },
	{ "FU", N_("Family unity") },
};
CATALOG(CAT_NEED, "need", need);

static const struct catalog_item document_type[] = {
	{ "passport", N_("Passport") }, { "national_id", N_("National identity card") },
	{ "cedula_pa", N_("Panamanian cédula") }, { "onpar_file", N_("ONPAR file number") },
	{ "refugee_card", N_("Refugee card") }, { "work_permit", N_("Work permit") },
	{ "birth_certificate", N_("Birth certificate") }, { "other", N_("Other document") },
};
CATALOG(CAT_DOCUMENT_TYPE, "document_type", document_type);

static const struct catalog_item consent_scope[] = {
	{ "registration", N_("Registration and services of this office") },
	{ "referral", N_("Registration, services and referral to partners") },
	{ "referral_reporting", N_("Services, referrals and anonymous reporting to donors") },
	{ "declined", N_("Declined: register the minimum only") },
};
CATALOG(CAT_CONSENT_SCOPE, "consent_scope", consent_scope);

static const struct catalog_item province[] = {
	{ "1", N_("Bocas del Toro") }, { "2", N_("Coclé") }, { "3", N_("Colón") },
	{ "4", N_("Chiriquí") }, { "5", N_("Darién") }, { "6", N_("Herrera") },
	{ "7", N_("Los Santos") }, { "8", N_("Panamá") }, { "9", N_("Veraguas") },
	{ "10", N_("Guna Yala (comarca)") }, { "11", N_("Emberá-Wounaan (comarca)") },
	{ "12", N_("Ngäbe-Buglé (comarca)") }, { "13", N_("Panamá Oeste") },
};
CATALOG(CAT_PROVINCE, "province", province);

static const struct catalog_item district[] = {
	{ "0801", N_("Panamá") }, { "0802", N_("San Miguelito") },
	{ "1301", N_("Arraiján") }, { "1302", N_("La Chorrera") },
	{ "0301", N_("Colón") }, { "0501", N_("Chepigana") },
};
CATALOG(CAT_DISTRICT, "district", district);

static const struct catalog_item role[] = {
	{ "admin", N_("Administrator") }, { "supervisor", N_("Supervisor") },
	{ "caseworker", N_("Caseworker") }, { "assistance", N_("Assistance officer") },
	{ "community", N_("Community and schools officer") }, { "me", N_("M&E officer") },
	{ "ethics", N_("Ethics officer") }, { "readonly", N_("Read-only") },
};
CATALOG(CAT_ROLE, "role", role);

static const struct catalog_item area[] = {
	{ "psychosocial", N_("Psychosocial") }, { "legal", N_("Legal") },
	{ "livelihoods", N_("Livelihoods") }, { "assistance", N_("Cash and material assistance") },
	{ "community", N_("Communities and schools") },
};
CATALOG(CAT_AREA, "area", area);
