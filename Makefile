# amparo: the two commands a user needs are `make run` and `make test`.
BUILD      ?= build
ASAN_BUILD ?= build-asan
DB         ?= ./amparo.db
LISTEN     ?= 127.0.0.1:8080
AMPARO      = $(BUILD)/src/amparo

.PHONY: all deps build run test test-unit test-asan test-integration test-browser test-fuzz-smoke lint bench bench-match fuzz security clean

all: build

deps:
	@sh scripts/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD) --buildtype=debugoptimized

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

# Creates ./amparo.db with an administrator and demo data the first time,
# then serves it. The administrator's password is kept next to the database
# (mode 600) so it can be shown again on later runs; so is the encryption
# key of the sensitive fields, $(DB).key (docs/encryption.md).
run: build
	@if [ ! -f $(DB) ]; then \
		pw=$${AMPARO_ADMIN_PASSWORD:-$$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | head -c 14)}; \
		AMPARO_ADMIN_PASSWORD=$$pw $(AMPARO) init --db $(DB) --admin admin >/dev/null && \
		umask 077 && echo "$$pw" > $(DB).password && \
		AMPARO_DEMO_PASSWORD=$$pw $(AMPARO) demo --db $(DB) --people 500; \
	fi
	@# The encryption key (init makes it; a database made before keys had none).
	@[ -f $(DB).key ] || $(AMPARO) key generate --out $(DB).key
	@echo ""
	@echo "  amparo is starting at http://$(LISTEN)"
	@echo "  Log in as: admin (or as the demo staff: psicologa, abogado, abogada, empleo,"
	@echo "             asistencia, comunidad, supervisora; same password)"
	@if [ -f $(DB).password ]; then echo "  Password:  $$(cat $(DB).password)   (kept in $(DB).password)"; \
	else echo "  Password:  the one given when $(DB) was created"; fi
	@echo "  Encryption key of the sensitive fields: $(DB).key (keep a copy apart from backups)"
	@echo "  Two-step login: the administrator, supervisors, psychosocial and legal staff"
	@echo "             set up an authenticator app at their first login (docs/login.md)."
	@echo "  Stop with Ctrl-C."
	@echo ""
	$(AMPARO) serve --db $(DB) --listen $(LISTEN)

test: build lint test-unit test-integration test-browser test-asan test-fuzz-smoke
	@echo "make test: all suites passed"

test-unit: build
	meson test -C $(BUILD) --suite unit --print-errorlogs

# The integration suite runs once per engine: SQLite, then PostgreSQL on a
# throw-away cluster; then the store's bulk-load tests on PostgreSQL (the
# unit suite runs them on SQLite) and what PostgreSQL's engine does when
# the server cuts its connection; then amparo transfer from SQLite to
# PostgreSQL and back; then a primary and a streaming replica prove that
# --db-read reads from the replica (and a user reads their own writes);
# then the crash-durability test kills the server with SIGKILL ten times
# while a client writes, on SQLite and on PostgreSQL (docs/security.md).
test-integration: build
	sh tests/integration/run.sh $(AMPARO)
	sh tests/pg/with-cluster.sh sh tests/integration/run.sh $(AMPARO)
	sh tests/pg/with-cluster.sh $(BUILD)/tests/test_store_bulk
	sh tests/pg/with-cluster.sh $(BUILD)/tests/test_store_pg
	sh tests/pg/with-cluster.sh sh tests/pg/transfer.sh $(AMPARO)
	sh tests/pg/with-replica.sh sh tests/pg/replica.sh $(AMPARO)
	sh tests/durability/run.sh $(AMPARO)
	sh tests/pg/with-cluster.sh sh tests/durability/run.sh $(AMPARO)

test-browser: build
	sh tests/browser/run.sh $(AMPARO)

# The unit and integration tests again, under AddressSanitizer and
# UndefinedBehaviorSanitizer (which run them two to three times slower: the
# unit tests' time limits are tripled); and the bulk-load and lost-connection tests
# on PostgreSQL (its loads send their rows from a thread of their own).
test-asan: deps
	[ -f $(ASAN_BUILD)/build.ninja ] || meson setup $(ASAN_BUILD) --buildtype=debug \
		-Db_sanitize=address,undefined -Db_lundef=false
	ninja -C $(ASAN_BUILD)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		meson test -C $(ASAN_BUILD) --suite unit --print-errorlogs --timeout-multiplier 3
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		sh tests/integration/run.sh $(ASAN_BUILD)/src/amparo
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
		sh tests/pg/with-cluster.sh sh -c '$(ASAN_BUILD)/tests/test_store_bulk && $(ASAN_BUILD)/tests/test_store_pg'

lint: deps
	sh scripts/lint.sh

bench: build
	sh bench/run.sh $(AMPARO)

# The matching engine: FEBRL (every field, then names and date of birth)
# and a million synthetic people (docs/match.md).
FEBRL ?= ../shared/benchmarks/febrl
bench-match: build
	sh bench/linkage.sh $(AMPARO) $(FEBRL) --synth $${LINKAGE_SYNTH:-100000}
	$(BUILD)/bench/match_bench --people $${MATCH_PEOPLE:-1000000} --scan

# Ten minutes per parser (FUZZ_SECONDS); the figures go to
# build-fuzz/results.tsv for docs/security.md.
fuzz: deps
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} sh fuzz/run.sh

# Attacks (docs/security.md): sqlmap at level 3, risk 2 against the main
# forms and API endpoints, logged in, on SQLite then PostgreSQL; then the
# long fuzz pass. sqlmap (Debian package) is installed here when missing:
# only this target needs it.
security: build
	@command -v sqlmap >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sqlmap >/dev/null; \
		else echo "security: run as root: apt-get install -y sqlmap"; exit 1; fi; }
	sh tests/security/sqlmap.sh $(AMPARO)
	sh tests/pg/with-cluster.sh sh tests/security/sqlmap.sh $(AMPARO)
	$(MAKE) fuzz

# Ten seconds per parser: catches a regression; `make fuzz` searches longer.
test-fuzz-smoke: deps
	sh fuzz/run.sh --smoke

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
