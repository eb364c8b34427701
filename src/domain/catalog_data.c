/* catalog_data.c: the code lists themselves. */
#include <string.h>

#include "base/i18n.h"
#include "domain/catalog.h"
#include "store/model.h"

#define CATALOG(var, nm, arr) \
	const struct catalog var = { nm, arr, sizeof(arr) / sizeof(arr[0]), sizeof(arr) / sizeof(arr[0]) }

/* ISO 3166-1 alpha-3 with short English names (common forms such as
 * "Bolivia" or "South Korea" rather than the formal ISO names). The Panama
 * office's most frequent origins come first, then every other code in
 * alphabetical order of code, then the two user-assigned codes. */
static const struct catalog_item country[] = {
	{ "VEN", N_("Venezuela") }, { "COL", N_("Colombia") }, { "NIC", N_("Nicaragua") },
	{ "CUB", N_("Cuba") }, { "SLV", N_("El Salvador") }, { "HND", N_("Honduras") },
	{ "GTM", N_("Guatemala") }, { "HTI", N_("Haiti") }, { "PAN", N_("Panama") },
	{ "ABW", N_("Aruba") }, { "AFG", N_("Afghanistan") }, { "AGO", N_("Angola") },
	{ "AIA", N_("Anguilla") }, { "ALA", N_("Åland Islands") }, { "ALB", N_("Albania") },
	{ "AND", N_("Andorra") }, { "ARE", N_("United Arab Emirates") }, { "ARG", N_("Argentina") },
	{ "ARM", N_("Armenia") }, { "ASM", N_("American Samoa") }, { "ATA", N_("Antarctica") },
	{ "ATF", N_("French Southern Territories") }, { "ATG", N_("Antigua and Barbuda") },
	{ "AUS", N_("Australia") }, { "AUT", N_("Austria") }, { "AZE", N_("Azerbaijan") },
	{ "BDI", N_("Burundi") }, { "BEL", N_("Belgium") }, { "BEN", N_("Benin") },
	{ "BES", N_("Bonaire, Sint Eustatius and Saba") }, { "BFA", N_("Burkina Faso") },
	{ "BGD", N_("Bangladesh") }, { "BGR", N_("Bulgaria") }, { "BHR", N_("Bahrain") },
	{ "BHS", N_("Bahamas") }, { "BIH", N_("Bosnia and Herzegovina") },
	{ "BLM", N_("Saint Barthélemy") }, { "BLR", N_("Belarus") }, { "BLZ", N_("Belize") },
	{ "BMU", N_("Bermuda") }, { "BOL", N_("Bolivia") }, { "BRA", N_("Brazil") },
	{ "BRB", N_("Barbados") }, { "BRN", N_("Brunei") }, { "BTN", N_("Bhutan") },
	{ "BVT", N_("Bouvet Island") }, { "BWA", N_("Botswana") },
	{ "CAF", N_("Central African Republic") }, { "CAN", N_("Canada") },
	{ "CCK", N_("Cocos (Keeling) Islands") }, { "CHE", N_("Switzerland") },
	{ "CHL", N_("Chile") }, { "CHN", N_("China") }, { "CIV", N_("Côte d'Ivoire") },
	{ "CMR", N_("Cameroon") }, { "COD", N_("Democratic Republic of the Congo") },
	{ "COG", N_("Republic of the Congo") }, { "COK", N_("Cook Islands") },
	{ "COM", N_("Comoros") }, { "CPV", N_("Cabo Verde") }, { "CRI", N_("Costa Rica") },
	{ "CUW", N_("Curaçao") }, { "CXR", N_("Christmas Island") },
	{ "CYM", N_("Cayman Islands") }, { "CYP", N_("Cyprus") }, { "CZE", N_("Czechia") },
	{ "DEU", N_("Germany") }, { "DJI", N_("Djibouti") }, { "DMA", N_("Dominica") },
	{ "DNK", N_("Denmark") }, { "DOM", N_("Dominican Republic") }, { "DZA", N_("Algeria") },
	{ "ECU", N_("Ecuador") }, { "EGY", N_("Egypt") }, { "ERI", N_("Eritrea") },
	{ "ESH", N_("Western Sahara") }, { "ESP", N_("Spain") }, { "EST", N_("Estonia") },
	{ "ETH", N_("Ethiopia") }, { "FIN", N_("Finland") }, { "FJI", N_("Fiji") },
	{ "FLK", N_("Falkland Islands (Malvinas)") }, { "FRA", N_("France") },
	{ "FRO", N_("Faroe Islands") }, { "FSM", N_("Micronesia") }, { "GAB", N_("Gabon") },
	{ "GBR", N_("United Kingdom") }, { "GEO", N_("Georgia") }, { "GGY", N_("Guernsey") },
	{ "GHA", N_("Ghana") }, { "GIB", N_("Gibraltar") }, { "GIN", N_("Guinea") },
	{ "GLP", N_("Guadeloupe") }, { "GMB", N_("Gambia") }, { "GNB", N_("Guinea-Bissau") },
	{ "GNQ", N_("Equatorial Guinea") }, { "GRC", N_("Greece") }, { "GRD", N_("Grenada") },
	{ "GRL", N_("Greenland") }, { "GUF", N_("French Guiana") }, { "GUM", N_("Guam") },
	{ "GUY", N_("Guyana") }, { "HKG", N_("Hong Kong") },
	{ "HMD", N_("Heard Island and McDonald Islands") }, { "HRV", N_("Croatia") },
	{ "HUN", N_("Hungary") }, { "IDN", N_("Indonesia") }, { "IMN", N_("Isle of Man") },
	{ "IND", N_("India") }, { "IOT", N_("British Indian Ocean Territory") },
	{ "IRL", N_("Ireland") }, { "IRN", N_("Iran") }, { "IRQ", N_("Iraq") },
	{ "ISL", N_("Iceland") }, { "ISR", N_("Israel") }, { "ITA", N_("Italy") },
	{ "JAM", N_("Jamaica") }, { "JEY", N_("Jersey") }, { "JOR", N_("Jordan") },
	{ "JPN", N_("Japan") }, { "KAZ", N_("Kazakhstan") }, { "KEN", N_("Kenya") },
	{ "KGZ", N_("Kyrgyzstan") }, { "KHM", N_("Cambodia") }, { "KIR", N_("Kiribati") },
	{ "KNA", N_("Saint Kitts and Nevis") }, { "KOR", N_("South Korea") },
	{ "KWT", N_("Kuwait") }, { "LAO", N_("Laos") }, { "LBN", N_("Lebanon") },
	{ "LBR", N_("Liberia") }, { "LBY", N_("Libya") }, { "LCA", N_("Saint Lucia") },
	{ "LIE", N_("Liechtenstein") }, { "LKA", N_("Sri Lanka") }, { "LSO", N_("Lesotho") },
	{ "LTU", N_("Lithuania") }, { "LUX", N_("Luxembourg") }, { "LVA", N_("Latvia") },
	{ "MAC", N_("Macao") }, { "MAF", N_("Saint Martin (French part)") },
	{ "MAR", N_("Morocco") }, { "MCO", N_("Monaco") }, { "MDA", N_("Moldova") },
	{ "MDG", N_("Madagascar") }, { "MDV", N_("Maldives") }, { "MEX", N_("Mexico") },
	{ "MHL", N_("Marshall Islands") }, { "MKD", N_("North Macedonia") }, { "MLI", N_("Mali") },
	{ "MLT", N_("Malta") }, { "MMR", N_("Myanmar") }, { "MNE", N_("Montenegro") },
	{ "MNG", N_("Mongolia") }, { "MNP", N_("Northern Mariana Islands") },
	{ "MOZ", N_("Mozambique") }, { "MRT", N_("Mauritania") }, { "MSR", N_("Montserrat") },
	{ "MTQ", N_("Martinique") }, { "MUS", N_("Mauritius") }, { "MWI", N_("Malawi") },
	{ "MYS", N_("Malaysia") }, { "MYT", N_("Mayotte") }, { "NAM", N_("Namibia") },
	{ "NCL", N_("New Caledonia") }, { "NER", N_("Niger") }, { "NFK", N_("Norfolk Island") },
	{ "NGA", N_("Nigeria") }, { "NIU", N_("Niue") }, { "NLD", N_("Netherlands") },
	{ "NOR", N_("Norway") }, { "NPL", N_("Nepal") }, { "NRU", N_("Nauru") },
	{ "NZL", N_("New Zealand") }, { "OMN", N_("Oman") }, { "PAK", N_("Pakistan") },
	{ "PCN", N_("Pitcairn") }, { "PER", N_("Peru") }, { "PHL", N_("Philippines") },
	{ "PLW", N_("Palau") }, { "PNG", N_("Papua New Guinea") }, { "POL", N_("Poland") },
	{ "PRI", N_("Puerto Rico") }, { "PRK", N_("North Korea") }, { "PRT", N_("Portugal") },
	{ "PRY", N_("Paraguay") }, { "PSE", N_("Palestine") }, { "PYF", N_("French Polynesia") },
	{ "QAT", N_("Qatar") }, { "REU", N_("Réunion") }, { "ROU", N_("Romania") },
	{ "RUS", N_("Russia") }, { "RWA", N_("Rwanda") }, { "SAU", N_("Saudi Arabia") },
	{ "SDN", N_("Sudan") }, { "SEN", N_("Senegal") }, { "SGP", N_("Singapore") },
	{ "SGS", N_("South Georgia and the South Sandwich Islands") },
	{ "SHN", N_("Saint Helena, Ascension and Tristan da Cunha") },
	{ "SJM", N_("Svalbard and Jan Mayen") }, { "SLB", N_("Solomon Islands") },
	{ "SLE", N_("Sierra Leone") }, { "SMR", N_("San Marino") }, { "SOM", N_("Somalia") },
	{ "SPM", N_("Saint Pierre and Miquelon") }, { "SRB", N_("Serbia") },
	{ "SSD", N_("South Sudan") }, { "STP", N_("Sao Tome and Principe") },
	{ "SUR", N_("Suriname") }, { "SVK", N_("Slovakia") }, { "SVN", N_("Slovenia") },
	{ "SWE", N_("Sweden") }, { "SWZ", N_("Eswatini") },
	{ "SXM", N_("Sint Maarten (Dutch part)") }, { "SYC", N_("Seychelles") },
	{ "SYR", N_("Syria") }, { "TCA", N_("Turks and Caicos Islands") }, { "TCD", N_("Chad") },
	{ "TGO", N_("Togo") }, { "THA", N_("Thailand") }, { "TJK", N_("Tajikistan") },
	{ "TKL", N_("Tokelau") }, { "TKM", N_("Turkmenistan") }, { "TLS", N_("Timor-Leste") },
	{ "TON", N_("Tonga") }, { "TTO", N_("Trinidad and Tobago") }, { "TUN", N_("Tunisia") },
	{ "TUR", N_("Türkiye") }, { "TUV", N_("Tuvalu") }, { "TWN", N_("Taiwan") },
	{ "TZA", N_("Tanzania") }, { "UGA", N_("Uganda") }, { "UKR", N_("Ukraine") },
	{ "UMI", N_("United States Minor Outlying Islands") }, { "URY", N_("Uruguay") },
	{ "USA", N_("United States") }, { "UZB", N_("Uzbekistan") }, { "VAT", N_("Holy See") },
	{ "VCT", N_("Saint Vincent and the Grenadines") }, { "VGB", N_("British Virgin Islands") },
	{ "VIR", N_("U.S. Virgin Islands") }, { "VNM", N_("Vietnam") }, { "VUT", N_("Vanuatu") },
	{ "WLF", N_("Wallis and Futuna") }, { "WSM", N_("Samoa") }, { "YEM", N_("Yemen") },
	{ "ZAF", N_("South Africa") }, { "ZMB", N_("Zambia") }, { "ZWE", N_("Zimbabwe") },
	{ "XXA", N_("Stateless") }, { "XXX", N_("Unknown") },
};
/* The frequent origins (up to PAN) stay on top; the rest sort by name. */
const struct catalog CAT_COUNTRY = { "country", country, sizeof(country) / sizeof(country[0]), 9 };

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

/* UNHCR's standardized specific-needs codes (proGres): each category
 * followed by its sub-codes. Disability uses the 2009 sub-codes (DS-BD,
 * DS-DF, DS-PM, ...); proGres v4 has newer disability codes, not listed. */
static const struct catalog_item need[] = {
	{ "CR", N_("Child at risk") }, { "CR-CP", N_("Child parent") },
	{ "CR-CS", N_("Child spouse") }, { "CR-CC", N_("Child carer") },
	{ "CR-TP", N_("Teenage pregnancy") },
	{ "CR-LW", N_("Child engaged in worst forms of child labour") },
	{ "CR-LO", N_("Child engaged in other forms of child labour") },
	{ "CR-NE", N_("Child at risk of not attending school") },
	{ "CR-SE", N_("Child with special education needs") },
	{ "CR-AF", N_("Child associated with armed forces or groups") },
	{ "CR-CL", N_("Child in conflict with the law") },
	{ "DS", N_("Disability") }, { "DS-BD", N_("Visual impairment (including blindness)") },
	{ "DS-DF", N_("Hearing impairment (including deafness)") },
	{ "DS-PM", N_("Physical disability, moderate") },
	{ "DS-PS", N_("Physical disability, severe") },
	{ "DS-MM", N_("Mental disability, moderate") },
	{ "DS-MS", N_("Mental disability, severe") }, { "DS-SD", N_("Speech impairment") },
	{ "ER", N_("Older person at risk") }, { "ER-NF", N_("Unaccompanied older person") },
	{ "ER-FR", N_("Older person unable to care for self") },
	{ "ER-MC", N_("Older person with children") },
	{ "FU", N_("Family unity") }, { "FU-TR", N_("Tracing required") },
	{ "FU-FR", N_("Family reunification required") },
	{ "LP", N_("Specific legal and physical protection needs") },
	{ "LP-ND", N_("No legal documentation") }, { "LP-BN", N_("Unmet basic needs") },
	{ "LP-NA", N_("No access to services") }, { "LP-MM", N_("Mixed marriage") },
	{ "LP-MD", N_("Multiple displacements") }, { "LP-AN", N_("Violence, abuse or neglect") },
	{ "LP-MS", N_("Marginalized from society or community") },
	{ "LP-CR", N_("Criminal record") }, { "LP-AP", N_("Alleged perpetrator") },
	{ "LP-AF", N_("Formerly associated with armed forces or groups") },
	{ "LP-DA", N_("Detained or held in country of asylum") },
	{ "LP-DO", N_("Detained or held in country of origin") },
	{ "LP-DT", N_("Detained or held elsewhere") }, { "LP-IH", N_("In hiding") },
	{ "LP-LS", N_("Lack of durable solutions prospects") },
	{ "LP-PV", N_("Durable solutions-related vulnerability") },
	{ "LP-RD", N_("At risk of removal") }, { "LP-RP", N_("At risk due to profile") },
	{ "LP-RR", N_("At risk of refoulement") },
	{ "LP-ST", N_("Security threat to UNHCR or partner staff or others") },
	{ "LP-WP", N_("Absence of witness protection") },
	{ "SC", N_("Unaccompanied or separated child") }, { "SC-SC", N_("Separated child") },
	{ "SC-UC", N_("Unaccompanied child") }, { "SC-CH", N_("Child-headed household") },
	{ "SC-IC", N_("Child in institutional care") }, { "SC-FC", N_("Child in foster care") },
	{ "SM", N_("Serious medical condition") }, { "SM-MI", N_("Mental illness") },
	{ "SM-MN", N_("Malnutrition") }, { "SM-CI", N_("Chronic illness") },
	{ "SM-CC", N_("Critical medical condition") }, { "SM-AD", N_("Addiction") },
	{ "SM-DP", N_("Difficult pregnancy") }, { "SM-OT", N_("Other medical condition") },
	{ "SP", N_("Single parent or caregiver") }, { "SP-PT", N_("Single parent") },
	{ "SP-GP", N_("Single grandparent") }, { "SP-CG", N_("Single caregiver") },
	{ "SV", N_("Sexual and gender-based violence") },
	{ "SV-VA", N_("Sexual or gender-based violence in country of asylum") },
	{ "SV-VF", N_("Sexual or gender-based violence during flight") },
	{ "SV-VO", N_("Sexual or gender-based violence in country of origin") },
	{ "SV-GM", N_("Female genital mutilation") },
	{ "SV-HP", N_("Harmful traditional practices") },
	{ "SV-HK", N_("Threat of honour killing or violence") },
	{ "SV-FM", N_("Threat of forced marriage") }, { "SV-SS", N_("Survival sex") },
	{ "TR", N_("Torture") },
	{ "TR-PI", N_("Psychological or physical impairment due to torture") },
	{ "TR-HO", N_("Forced to egregious acts") },
	{ "TR-WV", N_("Witness of violence to others") },
	{ "WR", N_("Woman at risk") }, { "WR-WR", N_("Woman at risk, other") },
	{ "WR-SF", N_("Single woman at risk") },
	{ "WR-HR", N_("Single female household representative") },
	{ "WR-LC", N_("Lactating woman at risk") },
	{ "WR-PY", N_("In polygamous marriage or relationship") },
	{ "WR-GM", N_("Threat of female genital mutilation") },
	{ "WR-UW", N_("Woman unaccompanied by adult male family member") },
	{ "WR-WF", N_("Woman associated with fighting forces") },
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

/* Districts as "PPDD": PP the province or comarca code, DD the district's
 * number within it, in the alphabetical order INEC numbers them, with
 * districts created later appended (Almirante, Omar Torrijos Herrera,
 * Tierras Altas, Jirondai, Santa Catalina o Calovébora, ...). Panamá Oeste
 * (13) took five districts from Panamá (8) in 2014; both are numbered
 * 01.. in alphabetical order. Guna Yala has no districts: 1001 stands for
 * the whole comarca. Two districts are called Santa Fe. */
static const struct catalog_item district[] = {
	{ "0101", N_("Bocas del Toro") }, { "0102", N_("Changuinola") },
	{ "0103", N_("Chiriquí Grande") }, { "0104", N_("Almirante") },
	{ "0201", N_("Aguadulce") }, { "0202", N_("Antón") }, { "0203", N_("La Pintada") },
	{ "0204", N_("Natá") }, { "0205", N_("Olá") }, { "0206", N_("Penonomé") },
	{ "0301", N_("Colón") }, { "0302", N_("Chagres") }, { "0303", N_("Donoso") },
	{ "0304", N_("Portobelo") }, { "0305", N_("Santa Isabel") },
	{ "0306", N_("Omar Torrijos Herrera") },
	{ "0401", N_("Alanje") }, { "0402", N_("Barú") }, { "0403", N_("Boquerón") },
	{ "0404", N_("Boquete") }, { "0405", N_("Bugaba") }, { "0406", N_("David") },
	{ "0407", N_("Dolega") }, { "0408", N_("Gualaca") }, { "0409", N_("Remedios") },
	{ "0410", N_("Renacimiento") }, { "0411", N_("San Félix") }, { "0412", N_("San Lorenzo") },
	{ "0413", N_("Tolé") }, { "0414", N_("Tierras Altas") },
	{ "0501", N_("Chepigana") }, { "0502", N_("Pinogana") },
	{ "0503", N_("Santa Fe (Darién)") },
	{ "0601", N_("Chitré") }, { "0602", N_("Las Minas") }, { "0603", N_("Los Pozos") },
	{ "0604", N_("Ocú") }, { "0605", N_("Parita") }, { "0606", N_("Pesé") },
	{ "0607", N_("Santa María") },
	{ "0701", N_("Guararé") }, { "0702", N_("Las Tablas") }, { "0703", N_("Los Santos") },
	{ "0704", N_("Macaracas") }, { "0705", N_("Pedasí") }, { "0706", N_("Pocrí") },
	{ "0707", N_("Tonosí") },
	{ "0801", N_("Balboa") }, { "0802", N_("Chepo") }, { "0803", N_("Chimán") },
	{ "0804", N_("Panamá") }, { "0805", N_("San Miguelito") }, { "0806", N_("Taboga") },
	{ "0901", N_("Atalaya") }, { "0902", N_("Calobre") }, { "0903", N_("Cañazas") },
	{ "0904", N_("La Mesa") }, { "0905", N_("Las Palmas") }, { "0906", N_("Montijo") },
	{ "0907", N_("Río de Jesús") }, { "0908", N_("San Francisco") },
	{ "0909", N_("Santa Fe (Veraguas)") }, { "0910", N_("Santiago") }, { "0911", N_("Soná") },
	{ "0912", N_("Mariato") },
	{ "1001", N_("Guna Yala (comarca)") },
	{ "1101", N_("Cémaco") }, { "1102", N_("Sambú") },
	{ "1201", N_("Besikó") }, { "1202", N_("Kankintú") }, { "1203", N_("Kusapín") },
	{ "1204", N_("Mironó") }, { "1205", N_("Müna") }, { "1206", N_("Nole Duima") },
	{ "1207", N_("Ñürüm") }, { "1208", N_("Jirondai") },
	{ "1209", N_("Santa Catalina o Calovébora") },
	{ "1301", N_("Arraiján") }, { "1302", N_("Capira") }, { "1303", N_("Chame") },
	{ "1304", N_("La Chorrera") }, { "1305", N_("San Carlos") },
};
CATALOG(CAT_DISTRICT, "district", district);

static const struct catalog_item role[] = {
	{ "admin", N_("Administrator") }, { "supervisor", N_("Supervisor") },
	{ "caseworker", N_("Caseworker") }, { "assistance", N_("Assistance officer") },
	{ "community", N_("Community and schools officer") }, { "me", N_("M&E officer") },
	{ "ethics", N_("Ethics officer") }, { "readonly", N_("Read-only") },
	{ "dpo", N_("Data protection officer") },
	{ "manager", N_("Manager (reduced view)") },
};
CATALOG(CAT_ROLE, "role", role);

/* Need-to-know grants, in the order of auth.h's enum grant. */
static const struct catalog_item grant[] = {
	{ "sgbv", N_("Sexual and gender-based violence") }, { "mental_health", N_("Mental health") },
	{ "torture", N_("Torture") }, { "asylum_narrative", N_("Asylum narratives") },
	{ "ethics", N_("Ethics channel") },
};
CATALOG(CAT_GRANT, "grant", grant);

static const struct catalog_item area[] = {
	{ "psychosocial", N_("Psychosocial") }, { "legal", N_("Legal") },
	{ "livelihoods", N_("Livelihoods") }, { "assistance", N_("Cash and material assistance") },
	{ "community", N_("Communities and schools") },
};
CATALOG(CAT_AREA, "area", area);

static const struct catalog_item partner_kind[] = {
	{ "un_agency", N_("United Nations agency") }, { "government", N_("Government institution") },
	{ "ngo", N_("Non-governmental organisation") }, { "shelter", N_("Shelter") },
	{ "clinic", N_("Clinic or health centre") }, { "school", N_("School") },
	{ "other", N_("Other") },
};
CATALOG(CAT_PARTNER_KIND, "partner_kind", partner_kind);

static const struct catalog_item case_status[] = {
	{ "open", N_("Open") }, { "active", N_("Active") }, { "on_hold", N_("On hold") },
	{ "closed", N_("Closed") },
};
CATALOG(CAT_CASE_STATUS, "case_status", case_status);

static const struct catalog_item risk[] = {
	{ "low", N_("Low") }, { "medium", N_("Medium") }, { "high", N_("High") },
	{ "critical", N_("Critical") },
};
CATALOG(CAT_RISK, "risk", risk);

static const struct catalog_item closure_reason[] = {
	{ "goals_met", N_("Goals met") },
	{ "referred", N_("Referred to another organisation") },
	{ "declined", N_("The person declined further services") },
	{ "lost_contact", N_("Lost contact") },
	{ "relocated", N_("Moved away or left the country") },
	{ "resettled", N_("Resettled in a third country") },
	{ "deceased", N_("Deceased") },
	{ "other", N_("Other reason") },
};
CATALOG(CAT_CLOSURE_REASON, "closure_reason", closure_reason);

static const struct catalog_item urgency[] = {
	{ "routine", N_("Routine") }, { "priority", N_("Priority") }, { "urgent", N_("Urgent") },
};
CATALOG(CAT_URGENCY, "urgency", urgency);

static const struct catalog_item referral_status[] = {
	{ "sent", NC_("referral", "Sent") }, { "accepted", NC_("referral", "Accepted") },
	{ "declined", NC_("referral", "Declined") }, { "completed", NC_("referral", "Completed") },
};
CATALOG(CAT_REFERRAL_STATUS, "referral_status", referral_status);

static const struct catalog_item referral_shared[] = {
	{ "identity", N_("Identity (names, date of birth, documents)") },
	{ "contact", N_("Contact details") },
	{ "case_summary", N_("Summary of the case") },
	{ "assessments", N_("Assessments") },
	{ "legal_documents", N_("Legal documents") },
};
CATALOG(CAT_REFERRAL_SHARED, "referral_shared", referral_shared);

static const struct catalog_item flag_type[] = {
	{ "safety_risk", N_("Safety risk") },
	{ "no_phone_contact", N_("Do not contact by phone") },
	{ "sgbv_survivor", N_("SGBV survivor") },
	{ "child_protection", N_("Child protection concern") },
	{ "torture_survivor", N_("Torture survivor") },
	{ "medical_urgent", N_("Urgent medical need") },
	{ "unaccompanied_minor", N_("Unaccompanied or separated child") },
	{ "legal_deadline", N_("Legal deadline close") },
	{ "other", N_("Other alert") },
};
CATALOG(CAT_FLAG_TYPE, "flag_type", flag_type);
static const struct catalog_item appointment_kind[] = {
	{ "follow_up", N_("Follow-up") }, { "appointment", N_("Appointment") },
	{ "home_visit", N_("Home visit") }, { "phone_call", N_("Phone call") },
};
CATALOG(CAT_APPOINTMENT_KIND, "appointment_kind", appointment_kind);

static const struct catalog_item appointment_status[] = {
	{ "planned", N_("Planned") }, { "done", N_("Done") }, { "missed", N_("Missed") },
	{ "cancelled", N_("Cancelled") },
};
CATALOG(CAT_APPOINTMENT_STATUS, "appointment_status", appointment_status);

/* Service types, one catalogue per area; codes are unique across areas. */
static const struct catalog_item service_psychosocial[] = {
	{ "pfa", N_("Psychological first aid") },
	{ "emotional_support", N_("Emotional support session") },
	{ "group_support", N_("Group support session") },
	{ "mh_referral", N_("Referral to specialised mental-health care") },
	{ "community_assessment", N_("Community needs assessment") },
};
CATALOG(CAT_SERVICE_PSYCHOSOCIAL, "service_psychosocial", service_psychosocial);

static const struct catalog_item service_legal[] = {
	{ "legal_information", N_("Legal information session") },
	{ "legal_counselling", N_("Individual legal counselling") },
	{ "accompaniment", N_("Accompaniment to an institution") },
	{ "detention_visit", N_("Detention visit") },
	{ "documentation_support", N_("Documentation support") },
};
CATALOG(CAT_SERVICE_LEGAL, "service_legal", service_legal);

static const struct catalog_item service_livelihoods[] = {
	{ "career_counselling", N_("Career counselling") },
	{ "employment_referral", N_("Referral to an employer or vacancy") },
	{ "skills_workshop", N_("Skills-building workshop") },
	{ "vocational_training", N_("Vocational training or online course") },
	{ "group_coaching", N_("Group coaching") },
	{ "internship_placement", N_("Internship placement") },
};
CATALOG(CAT_SERVICE_LIVELIHOODS, "service_livelihoods", service_livelihoods);

static const struct catalog_item service_assistance[] = {
	{ "needs_assessment", N_("Needs assessment for assistance") },
	{ "cash_transfer", N_("Cash assistance for basic needs") },
	{ "in_kind", N_("Material or in-kind assistance") },
	{ "post_distribution", N_("Post-distribution follow-up") },
};
CATALOG(CAT_SERVICE_ASSISTANCE, "service_assistance", service_assistance);

static const struct catalog_item service_community[] = {
	{ "community_activity", N_("Community integration activity") },
	{ "school_awareness", N_("School awareness session") },
	{ "community_project", N_("Community project support") },
	{ "official_training", N_("Training of public officials") },
};
CATALOG(CAT_SERVICE_COMMUNITY, "service_community", service_community);

const struct catalog *catalog_service_types(const char *code)
{
	static const struct {
		const char *area;
		const struct catalog *c;
	} by_area[] = {
		{ "psychosocial", &CAT_SERVICE_PSYCHOSOCIAL }, { "legal", &CAT_SERVICE_LEGAL },
		{ "livelihoods", &CAT_SERVICE_LIVELIHOODS }, { "assistance", &CAT_SERVICE_ASSISTANCE },
		{ "community", &CAT_SERVICE_COMMUNITY },
	};
	for (size_t i = 0; code && i < sizeof(by_area) / sizeof(by_area[0]); i++)
		if (strcmp(by_area[i].area, code) == 0)
			return by_area[i].c;
	return NULL;
}

/* Case plans and approvals (docs/plans.md). */
static const struct catalog_item goal_status[] = {
	{ "pending", N_("Pending") }, { "in_progress", N_("In progress") },
	{ "achieved", N_("Achieved") },	  { "not_achieved", N_("Not achieved") },
	{ "dropped", N_("Dropped") },
};
CATALOG(CAT_GOAL_STATUS, "goal_status", goal_status);

static const struct catalog_item approval_kind[] = {
	{ "plan", N_("Case plan") }, { "closure", N_("Closure") },
};
CATALOG(CAT_APPROVAL_KIND, "approval_kind", approval_kind);
/* The stages of the asylum procedure in their order (docs/asylum.md).
 * Codes are stable: donor reports count them. */
static const struct catalog_item asylum_stage[] = {
	{ "orientation", N_("Orientation") },
	{ "application_filed", N_("Application filed with the refugee office") },
	{ "admissibility", N_("Admissibility decision") },
	{ "interview", N_("Eligibility interview") },
	{ "eligibility_decision", N_("Eligibility decision") },
	{ "appeal", N_("Appeal") },
	{ "recognised", N_("Recognised as a refugee") },
	{ "rejected", N_("Rejected (final)") },
	{ "card_issued", N_("Refugee card issued") },
};
CATALOG(CAT_ASYLUM_STAGE, "asylum_stage", asylum_stage);

static const struct catalog_item stage_result[] = {
	{ "admitted", N_("Admitted") }, { "not_admitted", N_("Not admitted") },
	{ "granted", N_("Granted") }, { "denied", N_("Denied") },
};
CATALOG(CAT_STAGE_RESULT, "stage_result", stage_result);

/* Access to rights obtained through a legal service. */
static const struct catalog_item right[] = {
	{ "work", N_("Work") }, { "health", N_("Health") }, { "education", N_("Education") },
	{ "documentation", N_("Documentation") },
};
CATALOG(CAT_RIGHT, "right", right);

/* The documents a legal case records as obtained: CAT_DOCUMENT_TYPE codes,
 * written to the person's documents. */
static const struct catalog_item procedure_document[] = {
	{ "refugee_card", N_("Refugee card") }, { "work_permit", N_("Work permit") },
	{ "cedula_pa", N_("Panamanian cédula") }, { "national_id", N_("National identity card") },
};
CATALOG(CAT_PROCEDURE_DOCUMENT, "procedure_document", procedure_document);
/* The catalogues administrators may edit (docs/catalogues.md). Service
 * types are per area and share one name, so a code is unique across
 * areas; the records that use each catalogue's codes are named so that a
 * used entry cannot be removed. */
const struct catalog_editable CATALOG_EDITABLE[] = {
	{ "service_type", "psychosocial", &CAT_SERVICE_PSYCHOSOCIAL, { &ENT_SERVICE }, { "type" } },
	{ "service_type", "legal", &CAT_SERVICE_LEGAL, { &ENT_SERVICE }, { "type" } },
	{ "service_type", "livelihoods", &CAT_SERVICE_LIVELIHOODS, { &ENT_SERVICE }, { "type" } },
	{ "service_type", "assistance", &CAT_SERVICE_ASSISTANCE, { &ENT_SERVICE }, { "type" } },
	{ "service_type", "community", &CAT_SERVICE_COMMUNITY, { &ENT_SERVICE }, { "type" } },
	{ "closure_reason", NULL, &CAT_CLOSURE_REASON, { &ENT_CASE, &ENT_CASE_CHANGE }, { "closure_reason", "reason" } },
};
const size_t CATALOG_EDITABLE_N = sizeof(CATALOG_EDITABLE) / sizeof(CATALOG_EDITABLE[0]);

/* Cash and material assistance (docs/assistance.md). */
static const struct catalog_item programme_kind[] = {
	{ "multipurpose_cash", N_("Multipurpose cash") }, { "rent", N_("Rent") },
	{ "health", N_("Health") }, { "food_voucher", N_("Food voucher") },
	{ "hygiene_kit", N_("Hygiene kit") }, { "in_kind", N_("In-kind") },
};
CATALOG(CAT_PROGRAMME_KIND, "programme_kind", programme_kind);

static const struct catalog_item programme_period[] = {
	{ "month", N_("Per month") }, { "quarter", N_("Per quarter") },
	{ "year", N_("Per year") }, { "once", N_("Once") },
};
CATALOG(CAT_PROGRAMME_PERIOD, "programme_period", programme_period);

static const struct catalog_item assistance_status[] = {
	{ "requested", NC_("assistance", "Requested") }, { "approved", NC_("assistance", "Approved") },
	{ "rejected", NC_("assistance", "Rejected") }, { "disbursed", NC_("assistance", "Disbursed") },
};
CATALOG(CAT_ASSISTANCE_STATUS, "assistance_status", assistance_status);

static const struct catalog_item mechanism[] = {
	{ "bank_transfer", N_("Bank transfer") }, { "mobile_wallet", N_("Mobile wallet") },
	{ "prepaid_card", N_("Prepaid card") }, { "cash", N_("Cash") }, { "in_kind", N_("In-kind") },
};
CATALOG(CAT_MECHANISM, "mechanism", mechanism);
