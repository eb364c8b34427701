#!/bin/sh
# linkage.sh: amparo dedupe on data sets with a known truth, scored: the
# three FEBRL sets (records rec-N-org and rec-N-dup-K are one person) and,
# with --synth N, N synthetic Latin-American people of which a tenth are
# duplicates (bench/synth.c through match_bench --csv; records s-G-K of
# one G are one person).
#
#   sh bench/linkage.sh AMPARO [FEBRL_DIR] [--check] [--synth N]
#
# Prints a Markdown table: for each file, with every field and with names
# and date of birth alone, the pairs judged "likely" at the default
# threshold (precision, recall, F1) and the completeness of the blocking
# (the share of true pairs among every pair scored, from a run with
# --threshold -1000000). --check exits 1 when a FEBRL figure falls under
# the floors issue 4 sets (F1 0.995 with every field; 0.95 on dataset3
# with names and date of birth) or under 0.93 (names and date of birth on
# the other two) and 0.995 (completeness with every field): make test runs
# it.
set -eu
AMPARO=${1:?usage: linkage.sh AMPARO [FEBRL_DIR] [--check] [--synth N]}
shift
DIR=$(dirname "$0")/../../shared/benchmarks/febrl
check=0
synth=0
while [ $# -gt 0 ]; do
	case $1 in
	--check) check=1 ;;
	--synth) synth=${2:?--synth wants a number}; shift ;;
	*) DIR=$1 ;;
	esac
	shift
done
ALL="given_name=given_names,surname=family_names,street_number=address,address_1=address"
ALL="$ALL,address_2=address,suburb=locality,postcode=postcode,date_of_birth=date_of_birth"
ALL="$ALL,soc_sec_id=document_number"
NAMES_DOB="given_name=given_names,surname=family_names,date_of_birth=date_of_birth"
SYNTH_ALL="given_names=given_names,family_names=family_names,date_of_birth=date_of_birth,sex=sex"
SYNTH_ALL="$SYNTH_ALL,nationality=nationality,document=document_number,phone=phone,address=address"
SYNTH_ALL="$SYNTH_ALL,locality=locality"
SYNTH_NAMES_DOB="given_names=given_names,family_names=family_names,date_of_birth=date_of_birth"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# true pairs, pairs of one person, other pairs: of the file $1 and pairs $2
score() {
	awk -F', *' 'NR == FNR { if (FNR > 1) { split($1, a, "-"); n[a[2]]++ } next }
		FNR == 1 { next }
		{ split($1, a, "-"); split($2, b, "-"); if (a[2] == b[2]) tp++; else fp++ }
		END { for (k in n) t += n[k] * (n[k] - 1) / 2; print t, tp + 0, fp + 0 }' "$1" "$2"
}

# One file, one mapping: a line of the table (and the floor's verdict).
measure() { # name csv id-column fields map floor
	t0=$(date +%s.%N)
	"$AMPARO" dedupe "$2" --id-column "$3" --map "$5" --output "$tmp/likely.csv" 2>/dev/null
	t1=$(date +%s.%N)
	"$AMPARO" dedupe "$2" --id-column "$3" --map "$5" --threshold -1000000 \
		--output "$tmp/all.csv" 2>/dev/null
	records=$(($(wc -l < "$2") - 1))
	line=$( { score "$2" "$tmp/likely.csv"; score "$2" "$tmp/all.csv"; } | tr '\n' ' ')
	# shellcheck disable=SC2086
	set -- "$1" "$4" "$6" $line
	echo "$1 $2 $records $4 $5 $6 $8 $9 $t0 $t1 $3" | awk -v check=$check '{
		truth = $4; tp = $5; fp = $6; cand = $7 + $8
		p = tp + fp ? tp / (tp + fp) : 0; r = truth ? tp / truth : 0
		f1 = p + r ? 2 * p * r / (p + r) : 0; c = truth ? $7 / truth : 0
		printf "| %s | %s | %d | %d | %d | %.4f | %.4f | %.4f | %.4f | %.2f |\n",
			$1, $2, $3, truth, cand, c, p, r, f1, $10 - $9
		floor = $11
		if (check && floor > 0 && (f1 < floor || ($2 == "all" && c < 0.995))) {
			printf "linkage.sh: %s %s: F1 %.4f (floor %.3f), completeness %.4f\n",
				$1, $2, f1, floor, c > "/dev/stderr"
			exit 1
		}
	}'
}

echo "| file | fields | records | true pairs | pairs scored | completeness | precision | recall | F1 | seconds |"
echo "|---|---|---|---|---|---|---|---|---|---|"
status=0
for fields in all names+dob; do
	for f in dataset1 dataset2 dataset3; do
		csv=$DIR/$f.csv
		[ -f "$csv" ] || { echo "linkage.sh: no $csv" >&2; exit 2; }
		if [ $fields = all ]; then
			map=$ALL floor=0.995
		else
			map=$NAMES_DOB floor=0.93
			[ $f = dataset3 ] && floor=0.95
		fi
		measure "$f.csv" "$csv" rec_id $fields "$map" $floor || status=1
	done
done
if [ "$synth" -gt 0 ]; then
	bench=$(dirname "$AMPARO")/../bench/match_bench
	"$bench" --csv "$tmp/synth.csv" --people "$synth"
	measure "synthetic-$synth" "$tmp/synth.csv" id all "$SYNTH_ALL" 0
	measure "synthetic-$synth" "$tmp/synth.csv" id names+dob "$SYNTH_NAMES_DOB" 0
fi
exit $status
