# guifan's command line in English (when the locale asks for it).
# Every message has an entry of the same id in zh.ftl, with the same placeholders
# (checked by cli/src/i18n/tests.rs).
# Commands: cmd-PATH-about, cmd-PATH-after (the end of the help, ending with examples);
# arguments: arg-PATH-ID, or arg-ID shared by several commands; headings: heading-*.
# The library's errors: error-* (frames), what-* (what was not found), reason-* (reasons; the
# English text is the library's own, and is how a reason is recognised).

## Common

error-line = error: { $message }
cause-separator = {": "}
list-separator = {"; "}

heading-usage = Usage:
heading-commands = Commands
heading-arguments = Arguments
heading-options = Options
heading-fields = Document fields
heading-revision = New version
heading-filing = Filing
heading-review = Review
heading-decision = Decision
heading-relation = Relation

## The library's errors

error-invalid = invalid input: `{ $field }`: { $reason }
error-invalid-value = invalid input: `{ $field }` = `{ $value }`: { $reason }
error-invalid-line = invalid input: line { $line }: `{ $field }`: { $reason }
error-invalid-line-value = invalid input: line { $line }: `{ $field }` = `{ $value }`: { $reason }
error-not-found = { $what } `{ $reference }` not found
error-ambiguous = `{ $reference }` names { $count } works: { $candidates }
error-conflict = conflict: { $reason }
error-status-change = status change refused: { $reason }
error-integrity = integrity: { $reason }
error-store = store error
error-busy = the registry is busy: another writer held it{ $waited }; nothing was written, try again
error-busy-waited = { " " }for more than { $seconds } s
error-read-only = the registry `{ $path }` is read-only (its folder or file cannot be written): { $action } needs a writable copy
error-damaged = `{ $path }` is damaged: { $problem }; nothing was changed (restore it from a backup, see `guifan backup`)
error-disk-full = the disk is full: the change was rolled back, nothing of it was written
error-xml = xml: { $reason }
error-xml-line = xml: line { $line }: { $reason }
error-index = index error: { $reason }
error-write = cannot write { $what }
error-document = cannot read `{ $file }`: { $reason }
error-document-at = cannot read `{ $file }`: { $at }: { $reason }
error-io = cannot access `{ $path }`
error-io-not-found = file `{ $path }` not found
error-io-denied = no permission to access `{ $path }`
io-not-found = no such file or folder
io-denied = permission denied
io-exists = already exists

what-document = document
what-work = document
what-version = version
what-version-in-force = version in force
what-campaign = campaign
what-registry = registry
what-article = article
what-file = file
what-the-Word-document = the Word document

## Argument errors

clap-bad-value = invalid value `{ $value }` for `{ $arg }`: { $reason }
clap-invalid-value = invalid value `{ $value }` for `{ $arg }`; possible values: { $valid }
clap-unknown-argument = unexpected argument `{ $arg }`
clap-unknown-command = unrecognized command `{ $command }`
clap-missing-argument = missing: { $arg }
clap-missing-command = a command is required
clap-conflict = `{ $arg }` cannot be used with `{ $other }`
clap-other = invalid arguments: { $detail }
clap-suggest = tip: did you mean { $suggestion }?
clap-usage = Usage: { $usage }
clap-more = For more information, try `--help`.

## Commands

cmd-guifan-about = A registry of normative documents: status, filings, reviews, versions, search.
cmd-guifan-after =
    Language: Chinese by default; English with GUIFAN_LANG=en or LANG=en_US.UTF-8.

    Examples:
      guifan import fixtures/qianjiang-2024
      guifan search 行政裁量权基准
      guifan show 潜政规〔2024〕3号
      guifan import --help
cmd-import-about = Import files or folders: JSON Lines, Akoma Ntoso, and Word, web, PDF or text documents.
cmd-import-after =
    Each file is one transaction: a bad record is reported with its line and field, and nothing of that file is written. Originals are kept by their hash.

    Examples:
      guifan import fixtures/qianjiang-2024
      guifan import notice.docx --kind 行政规范性文件
      guifan import revised.pdf --as-version
cmd-extract-about = Show what a Word, web, PDF or text document would be registered as (nothing written).
cmd-extract-after =
    Lists each field found, where it was found and how sure the reading is.

    Examples:
      guifan extract notice.docx
      guifan extract notice.html --json
cmd-search-about = Search titles and texts.
cmd-search-after =
    Queries: words (all of them), "exact phrases", OR, -exclude, and the fields title:, issuer:, kind:, number:. By default only documents valid or pending revision are searched.

    Examples:
      guifan search 行政裁量权基准
      guifan search '"行政裁量权基准" -试行' --status any
      guifan search 哪些文件规定了备案期限 --unit article
      guifan search 备案 --kind 行政规范性文件 --limit 5 --offset 5
cmd-reindex-about = Rebuild the search index from the store.
cmd-reindex-after =
    The index is derived from the store and can always be rebuilt.

    Examples:
      guifan reindex
cmd-show-about = Show a document: versions, status, history, filings, reviews, relations.
cmd-show-after =
    Examples:
      guifan show 潜政规〔2024〕3号
      guifan show 潜政规〔2024〕3号 --article 12 --as-of 2023-01-01
      guifan show 潜政规〔2024〕3号 --text
cmd-link-about = Scan texts again for citations and store them as relations.
cmd-link-after =
    Registering a version scans its own text; this scans one document, or all, again.

    Examples:
      guifan link
      guifan link 潜政规〔2024〕3号 --json
cmd-impact-about = The documents in force that cite or rest on a document, directly or not.
cmd-impact-after =
    Examples:
      guifan impact 潜政规〔2020〕1号
      guifan impact 潜政规〔2020〕1号 --depth 1 --kind 依据
cmd-list-about = List documents.
cmd-list-after =
    Examples:
      guifan list
      guifan list --status repealed,invalidated --year 2020
      guifan list --kind 行政规范性文件 --issuer 司法局
cmd-stats-about = Counts by status, kind, issuer, year; clearance, filing and review reports.
cmd-stats-after =
    Examples:
      guifan stats --by kind,status
      guifan stats --campaign qj-2024
      guifan stats --filings
      guifan stats --expiring 180 --csv
cmd-campaign-about = A clearance campaign: open it (--name), propose outcomes (--suggest), list proposals (--recorded).
cmd-campaign-after =
    Examples:
      guifan campaign qj-2025 --name 2025年行政规范性文件清理 --scope 市政府
      guifan campaign qj-2025 --suggest --record
      guifan campaign qj-2025 --recorded
cmd-decide-about = Record a campaign's decision on a document: 继续有效, 待修订, 废止, 宣布失效.
cmd-decide-after =
    Examples:
      guifan decide --campaign qj-2025 潜政规〔2020〕1号 repealed --reason "basis repealed"
cmd-announce-about = Announce a campaign: its decisions become status changes on the date.
cmd-announce-after =
    Examples:
      guifan announce qj-2025 --date 2025-07-10
cmd-status-about = Change a document's status from a date on.
cmd-status-after =
    Examples:
      guifan status 潜政规〔2020〕1号 repealed --date 2025-01-01 --reason "replaced"
cmd-file-about = Record a filing (备案).
cmd-file-after =
    The same filing (document, body and date) recorded again is not counted twice.

    Examples:
      guifan file 潜政规〔2024〕2号 --with 湖北省人民政府 --submitted 2024-05-30
      guifan file 潜政规〔2024〕2号 --with 市人大常委会 --outcome 备案登记
cmd-review-about = Record a review: 合法性审核, 备案审查, 公平竞争审查, 评估.
cmd-review-after =
    Examples:
      guifan review 潜政规〔2024〕2号 --kind 合法性审核 --reviewer 市司法局 --date 2024-05-10 --conclusion 合法
cmd-relate-about = Record a relation between documents: 依据, 修改, 废止, 替代, 实施, 引用.
cmd-relate-after =
    Examples:
      guifan relate 潜政规〔2024〕3号 依据 国办发〔2018〕37号
      guifan relate 潜政规〔2024〕3号 替代 潜政规〔2019〕5号
cmd-withdraw-about = Withdraw a filing, review, decision or relation recorded by mistake (kept, with a reason).
cmd-withdraw-after =
    Examples:
      guifan withdraw filing 12 --reason "recorded twice"
      guifan withdraw review 5 --reason "wrong document" --on 2024-06-01
cmd-amend-about = Correct a filing, review, decision or relation: a corrected record replaces it.
cmd-amend-after =
    The fields given must belong to the kind of record, or the correction is refused; an empty string clears an optional field. The old record stays, as does the audit log.

    Examples:
      guifan amend filing 12 --submitted 2024-05-20 --reason "wrong date"
      guifan amend review 5 --conclusion 合法 --reason "wrong conclusion"
      guifan amend decision 7 --outcome 待修订 --reason "corrected"
      guifan amend relation 9 --to 潜政规〔2023〕3号 --reason "wrong target"
cmd-diff-about = The before/after table (修改前后对照表) of two versions or two documents: text, JSON, HTML or Word.
cmd-diff-after =
    Examples:
      guifan diff 潜政规〔2024〕3号
      guifan diff 潜政规〔2024〕3号 --from 1 --to 2021-01-01
      guifan diff 潜政规〔2019〕5号 --with 潜政规〔2024〕3号 --docx table.docx
cmd-review-draft-about = Check a draft for the legality review: citations, basis, numbering, 文号 and dates, 有效期, wording.
cmd-review-draft-after =
    Exit status: 0 when no finding is an error (警告 and 提示 do not count), 3 when one is, 1 or 2 when the draft cannot be checked.

    Examples:
      guifan review-draft draft.docx
      guifan review-draft draft.txt --as-of 2025-01-01 --json
      cat draft.txt | guifan review-draft -
cmd-export-about = Export the registry or a document as JSON Lines, or a version as Akoma Ntoso XML.
cmd-export-after =
    Examples:
      guifan export > registry.jsonl
      guifan export 潜政规〔2024〕3号 --format akn --as-of 2024-07-01
cmd-backup-about = Copy the registry into a new folder: consistent while others write, originals included, the index rebuilt after a restore.
cmd-backup-after =
    The copy is opened read-only and checked; keep its head hash elsewhere. To restore, use the copied folder as the registry (--registry): the first search rebuilds the index; then check --expect-head.

    Examples:
      guifan backup /backups/registry-2026-12-01
      guifan --registry /backups/registry-2026-12-01 check --expect-head 98f9ab5a…
cmd-check-about = Check the store, its foreign keys, the audit hash chain, and that every record is as the last write sealed it.
cmd-check-after =
    Exits with status 1 when a problem is found.

    Examples:
      guifan check
      guifan check --json
      guifan check --expect-head 98f9ab5a… (a hash kept earlier)
cmd-serve-about = Serve the web application and the HTTP API (/api/v1) on the registry.
cmd-serve-after =
    Examples:
      guifan serve
      guifan serve --listen 0.0.0.0:8080 --behind-proxy
      guifan serve --public
cmd-user-about = Manage the web application's accounts.
cmd-user-after =
    Examples:
      guifan user add zhang --role reviewer
      guifan user list
cmd-user-add-about = Create an account; the password is asked for (or read from stdin).
cmd-user-add-after =
    Examples:
      guifan user add zhang --role reviewer
      echo secret | guifan user add li --role viewer --password-stdin
cmd-user-passwd-about = Set an account's password (its sessions end).
cmd-user-passwd-after =
    Examples:
      guifan user passwd zhang
cmd-user-role-about = Change an account's role (its sessions end).
cmd-user-role-after =
    Examples:
      guifan user role zhang admin
cmd-user-remove-about = Remove an account.
cmd-user-remove-after =
    Examples:
      guifan user remove zhang
cmd-user-list-about = List the accounts.
cmd-user-list-after =
    Examples:
      guifan user list
      guifan user list --json
cmd-token-about = Manage API tokens for other tools.
cmd-token-after =
    Examples:
      guifan token add stats-tool --scope read
      guifan token list
cmd-token-add-about = Make a token; its secret is printed once (the registry keeps only its hash).
cmd-token-add-after =
    Examples:
      guifan token add stats-tool --scope read
cmd-token-revoke-about = Revoke a token.
cmd-token-revoke-after =
    Examples:
      guifan token revoke stats-tool
cmd-token-list-about = List the tokens.
cmd-token-list-after =
    Examples:
      guifan token list
      guifan token list --json
cmd-demo-about = Run the main job on the bundled fixtures, in a temporary registry.
cmd-demo-after =
    Examples:
      guifan demo

## Arguments and options

arg-help = Print help
arg-version = Print the version
arg-registry = The registry folder (env GUIFAN_REGISTRY; default guifan-registry)
arg-wait = How many seconds a write waits while another process writes (env GUIFAN_WAIT; default 10), then exits with status 75 (busy)
arg-check-expect_head = A head hash printed by an earlier check or backup and kept elsewhere: fail unless the audit log still holds that entry (it may grow, not be rewritten)
arg-backup-dest = The folder to copy into: new or empty (a backup never overwrites)
arg-actor = Who the audit log names for changes (env GUIFAN_ACTOR; default the user)
arg-json = Print the answer as JSON
arg-reference = The document: id, key, work key, doc number (any spelling) or exact title
arg-status = Statuses (tokens or labels, comma-separated), or `any`
arg-kind = The kind (效力级别 / 文件类型), exactly
arg-issuer = Issuer (a part of the name is enough)
arg-year = Year first issued
arg-as_of = The date statuses are reckoned on (default: today)
arg-reason = Why
arg-name = The account
arg-files = Files or folders to import: .jsonl, .xml, .akn, and documents as .docx, .html, .htm, .pdf, .txt, .md (with their NAME.json sidecars)
arg-extract-files = Documents to read: .docx, .html, .htm, .pdf, .txt, .md
arg-import-kind = The kind (效力级别), e.g. 行政规范性文件; left empty when not found nor given
arg-extract-kind = The kind (效力级别), e.g. 行政规范性文件
arg-import-issuer = The issuing body
arg-extract-issuer = The issuing body
arg-import-status = Status: 有效, 待修订, 废止, 宣布失效…
arg-extract-status = Status: 有效, 待修订, 废止, 宣布失效…
arg-title = The title (required when none is found)
arg-doc_number = The doc number, e.g. 潜政规〔2024〕3号
arg-work = The work key: register as a new version of that work
arg-as_version = Store a probable new version of a registered document as its new version
arg-as_new_work = Register a probable new version as a new document all the same
arg-import-json = Print the import report as JSON
arg-query = The query: a question as people ask it (ranked), or keywords: "exact phrases", OR, -exclude, title:, issuer:, kind:, number:
arg-search-status = Statuses (tokens or labels, comma-separated) or `any`; default 有效 and 待修订
arg-search-as_of = The date statuses and versions in force are reckoned on (default: today)
arg-all_versions = Search every version, superseded ones included
arg-limit = How many hits to show (default 20)
arg-offset = How many hits to skip, for paging (default 0)
arg-unit = What the hits are: `document` (default) or `article` (several per document)
arg-mode = How the query is read: `auto` (a question when it reads as one; default), `keywords` or `question`
arg-show-as_of = The date the status and the version in force are reckoned on (default: today)
arg-article = Print one article as it stood on the date: 12, 第十二条, 10之1, 第十条之一
arg-text = Print the full text (the version in force on the date, else the newest); in a pager ($PAGER, default less) on a terminal
arg-no_pager = Print without a pager
arg-link-reference = The document whose text to scan (default: every document)
arg-impact-as_of = The date documents must be in force on (default: today)
arg-depth = How many levels to follow (1: the documents that cite it directly); default: all
arg-impact-kind = Follow only these relations: 依据, 实施, 引用 (comma-separated); default: all three
arg-by = Fields to count by: status, kind, issuer, year (comma-separated)
arg-stats-campaign = The clearance report of a campaign (its key)
arg-filings = Filing timeliness
arg-reviews = Reviews by kind and document kind
arg-expiring = Documents in force whose 有效期 ends within this many days
arg-stats-json = Print the report as JSON
arg-csv = Print the report as CSV
arg-campaign-key = A short key, e.g. qj-2025
arg-campaign-name = Open the campaign with this name, e.g. 2025年行政规范性文件清理
arg-scope = Whose documents are in scope, e.g. 市政府, 各地各部门
arg-opened = When the campaign was opened
arg-suggest = Propose an outcome for every document in scope, with the rules that fired and their evidence
arg-campaign-record = With --suggest: record the proposals, so that later decisions keep whether they followed them
arg-campaign-as_of = With --suggest: apply the rules as of this date (default: the day before the announcement, or today)
arg-recorded = List the proposals recorded, with the decision made on each and whether it followed the proposal
arg-campaign-json = With --suggest or --recorded: print the answer as JSON
arg-campaign = The campaign's key
arg-decide-outcome = The outcome: 继续有效, 待修订, 废止, 宣布失效 (or valid, pending_revision, repealed, invalidated)
arg-decide-reason = Why
arg-announce-key = The campaign's key
arg-announce-date = The day the decisions take effect
arg-status-status = The new status: 有效, 待修订, 废止, 宣布失效 (or a token)
arg-status-date = The day from which it holds
arg-filed_with = The body filed with
arg-submitted = When it was submitted
arg-file-outcome = The outcome: 备案登记, 暂缓办理, 限期补正, 不予备案, 审查中
arg-deadline_days = Days after the issued date within which filing is on time (default 30)
arg-number = The filing's own number (备案号)
arg-review-kind = The kind: 合法性审核, 备案审查, 公平竞争审查, 评估
arg-reviewer = Who reviewed
arg-review-date = When
arg-conclusion = The conclusion (合法, 予以备案 …)
arg-opinion = The opinion, in full
arg-relate-from = The document the relation is from
arg-relate-kind = The kind: 依据, 修改, 废止, 替代, 实施, 引用
arg-relate-to = The document it relates to; a reference that names no document is kept as written
arg-note = A note
arg-record = The kind of record: 备案, 审核, 决定, 关系 (or filing, review, decision, relation)
arg-id = The record's number (after # in `show`)
arg-withdraw-reason = Why it is withdrawn (required; the audit log keeps it)
arg-amend-reason = Why it is corrected (required; the audit log keeps it)
arg-on = From which day (default: today); questions about earlier days see the old record
arg-amend-filed_with = Filing: the body filed with
arg-amend-submitted = Filing: when it was submitted
arg-amend-number = Filing: its number (备案号)
arg-amend-deadline_days = Filing: the deadline in days after the issued date
arg-amend-outcome = A filing's outcome (备案登记, 暂缓办理 …) or a decision's (继续有效, 待修订, 废止, 宣布失效)
arg-amend-kind = A review's kind (合法性审核 …) or a relation's (依据, 修改 …)
arg-amend-note = A filing's or a relation's note
arg-amend-reviewer = Review: who reviewed
arg-amend-date = Review: when
arg-amend-conclusion = Review: the conclusion
arg-amend-opinion = Review: the opinion in full
arg-decision_reason = Decision: its reason
arg-amend-to = Relation: the document it points to (kept as written when not registered)
arg-diff-reference = The document (the old side); with --with, the other document is the new side
arg-from = The old side's version: a number (1) or a date (the version then in force); default: the one before the new side's
arg-to = The new side's version: a number or a date; default: the newest
arg-with = Compare with another document (the new side), such as the one that replaced it
arg-all = Also show the rows that did not change (text, HTML, Word)
arg-width = The text table's width in columns (at least 40; default: the terminal's, or 80)
arg-diff-json = Print the comparison as JSON (every row with its character diff)
arg-html = Print the table as an HTML fragment (A4 landscape)
arg-docx = Write the table as a Word file (.docx)
arg-file = The draft: Word (.docx), web page (.html), a PDF with text, text (.txt, .md), or - for UTF-8 text on stdin
arg-review-draft-as_of = The date citations and periods are checked as of (default: today)
arg-export-reference = The document (default: the whole registry, JSON Lines only)
arg-format = The format: json (JSON Lines, default) or akn (Akoma Ntoso 3.0 XML)
arg-export-as_of = Akoma Ntoso: the version in force on this date (default: the newest)
arg-export-version = Akoma Ntoso: this version
arg-listen = The address and port to listen on (default 127.0.0.1:8080)
arg-public = Serve the read-only public portal: no login, the documents in force today only
arg-secure_cookies = Mark the session cookie Secure (when the site is reached over HTTPS)
arg-behind_proxy = Behind a reverse proxy: the client's address from X-Forwarded-For; cookies Secure when X-Forwarded-Proto is https
arg-readers = How many read handles serve reads at once (1–64, default 4)
arg-max_upload_mib = The largest upload accepted, in MiB (default 64)
arg-user-add-name = The sign-in name, which the audit log records
arg-role = The role: viewer (reads), reviewer (also records decisions, filings, reviews, imports) or admin (also accounts, tokens, campaigns)
arg-user-role-role = The new role: viewer, reviewer or admin
arg-password_stdin = Read the password from the first line of stdin instead of asking
arg-user-list-json = Print the list as JSON
arg-token-add-name = The token's name (the tool that uses it); the audit log records token:NAME
arg-token-revoke-name = The token's name
arg-token-add-scope = read (as a viewer) or write (as a reviewer)
arg-token-list-json = Print the list as JSON
arg-fixtures = The fixture folder (default: the project's fixtures/qianjiang-2024)

## The reasons of the library's errors (as the library writes them: they are how a reason is recognised)

reason-store-empty = the file is empty (0 bytes)
reason-store-not-sqlite = it is not an SQLite database
reason-store-corrupt = SQLite reports it corrupt
reason-store-foreign = it is an SQLite database without a registry in it
reason-store-not-file = it is not a file
reason-store-short = the new store did not read back whole ({ $verdict })
reason-action-change = a change
reason-action-upgrade = bringing its store up to this version of guifan
reason-seal-table = table `{ $table }` was changed outside guifan since { $message }: { $reason }
reason-seal-at = audit entry { $seq }
reason-seal-empty = an empty registry
reason-seal-deleted = { $n } rows deleted ({ $have } stored, { $want } sealed)
reason-seal-added = { $n } rows added ({ $have } stored, { $want } sealed)
reason-seal-changed = rows changed ({ $n } rows)
reason-head-missing = audit: the head `{ $expected }` expected is not in the log: the log was rewritten or cut back since that hash was taken
reason-backup-dest = the backup folder must be new or empty: a backup never overwrites
reason-index-problem = index: { $reason }; rebuilt by the next search or `guifan reindex`
reason-index-other-store = the index was built from another store: it reflects registry change { $seq }, which this store { $message }
reason-index-records-differently = records differently
reason-index-does-not-have = does not have
reason-index-unreadable = the index cannot be read: { $message }
reason-index-files = index files { $reason }
reason-index-missing-files = missing { $files }
reason-index-damaged-files = damaged { $files }
reason-index-locked = the index in `{ $path }` cannot be locked: { $e }
reason-limit-title = a title is at most 2000 characters
reason-limit-doc-number = a document number is at most 500 characters
reason-limit-issuer = an issuer is at most 2000 characters
reason-limit-field = a one-line field is at most 2000 characters
reason-limit-body = a text is at most 16 MiB (UTF-8)
reason-limit-articles = a text holds at most 50000 articles
reason-limit-record = a record is at most 40 MiB
reason-limit-date = a date lies between 1900-01-01 and 2199-12-31
reason-limit-expires-issued = the expiry date is before the issued date
reason-limit-expires-effective = the expiry date is before the effective date
reason-limit-control = control characters (NUL, ESC, line breaks …) are not allowed in a one-line field
reason-number-as-string = expected a JSON number, not a string
reason-line-not-utf8 = a line is not valid UTF-8
reason-audit-entry-missing = the audit entry just written is missing
reason-inner-failure-dropped = a change inside this write failed and was not undone: nothing was written
reason-wait-range = must be a number of seconds from 0 to 86400
reason-seal-unreadable = audit entry { $seq } carries a seal that cannot be read
reason-docnum-empty = empty document number
reason-docnum-form = expected 机关代字〔year〕serial号, like 国办发〔2023〕27号, with a four-digit year
reason-docnum-form2 = expected 机关代字〔year〕serial号 (国办发〔2023〕27号) or 第N号 (国务院令第699号)
reason-status-superseded = 已修改 marks a superseded version, not the status of a work
reason-status-unknown = unknown status; expected a token (valid, pending_revision, repealed, invalidated, expired, not_yet_effective, unknown) or a label such as 有效
reason-outcome-unknown = unknown outcome; expected 继续有效, 待修订, 废止 or 宣布失效 (or valid, pending_revision, repealed, invalidated)
reason-outcome-clearance = a clearance decides 继续有效, 待修订, 废止 or 宣布失效
reason-status-none = name at least one status, or `any`
reason-one-of = expected one of { $list }
reason-by-field = expected status, kind, issuer or year
reason-by-twice = `{ $field }` given twice
reason-by-none = name at least one field
reason-by-once = name each of status, kind, issuer, year at most once
reason-report-status = { $report } counts records of every status: drop `status`
reason-date-form = expected a date like 2024-07-18 or 2024年7月18日
reason-date-year-digits = the year needs four digits
reason-date-month = no such month
reason-date-year = no such year
reason-date-day = no such day
reason-date-day-month = no such day in that month
reason-text-not-loaded = text not loaded
reason-version-from-1 = versions count from 1
reason-version-or-date = expected a version number (`2`) or a date (`2021-01-01`)
reason-no-earlier-version = the document has no version before this one; name the version to compare with
reason-width-min = expected a number of columns, at least { $min }
reason-in-file = { $message } (in `{ $file }`)
reason-extract-not-document = a { $ext } file, not a document: `extract` reads .docx, .html, .htm, .pdf, .txt and .md
reason-folder-empty = the folder holds no file to import (.jsonl, .json, .ndjson, .xml, .akn, .docx, .html, .htm, .pdf, .txt)
reason-sidecar = this is the sidecar of `{ $file }`, read with it; import the document itself
reason-campaign-announced = campaign `{ $campaign }` was announced on { $date }; its decisions are final
reason-rules-json = rules as JSON: { $error }
reason-suggestion-proposal = suggestion { $id } has proposal `{ $proposal }`
reason-suggestion-date = suggestion { $id } has date `{ $date }`
reason-suggestion-rules = suggestion { $id } rules: { $error }
reason-suggestion-work = suggestion { $id } is on missing work { $work }
reason-empty-reference = an empty reference
reason-work-no-version = work { $id } has no version
reason-review-no-date = review { $id } has no date
reason-audit-version = the audit log records version { $seq } of work { $work }, which the store lacks
reason-size-mismatch = the size recorded is not the size of the bytes given
reason-empty-work-key = an empty work key
reason-title-required = a title is required
reason-empty-key = an empty key
reason-history-json = cannot be written as JSON
reason-filed-with-required = the body filed with is required
reason-reviewer-required = the reviewer is required
reason-relation-self = a document cannot be related to itself
reason-relation-target = a relation points to a document of the registry, or names the document cited by title or number
reason-campaign-key-required = a campaign key is required
reason-campaign-name-required = a campaign name is required
reason-campaign-opened-after = the campaign was opened on { $opened }, after this date
reason-work-key-taken = work key `{ $key }` is already taken
reason-key-taken = key `{ $key }` is already taken by { $name }
reason-version-exists = { $name } already has a version { $seq }
reason-filing-differs = { $name } already has a filing with { $body } (#{ $id }, submitted { $date }) that differs: to correct it, use `guifan amend filing { $id2 }`
reason-review-differs = { $name } already has a { $kind } by { $reviewer } on { $date } (#{ $id }) with another conclusion or opinion: to correct it, use `guifan amend review { $id2 }`
reason-relation-same = the corrected relation is the same as #{ $id }: withdraw the old one
reason-campaign-exists = campaign `{ $key }` already exists
reason-decision-exists = { $name } already has a decision in campaign `{ $campaign }`: { $label }
reason-derived-status = { $status } is derived from the dates and cannot be recorded
reason-derived-status-change = { $status } is derived from the document's dates; record its effective or expiry date instead
reason-not-yet-in-force = { $name } is not yet in force on { $date }
reason-already-status = { $name } is already { $status } on { $date }
reason-decision-noop = { $name } is already { $status } on { $date }: a decision to { $outcome } changes nothing
reason-schema-newer = the registry has schema version { $current }, newer than this build's { $supported }; upgrade guifan
reason-status-change-no-version = a status change names work { $id }, which has no version
reason-sha256 = 64 lower-case hexadecimal digits
reason-transaction-open = a transaction is already open
reason-no-transaction = no transaction is open
reason-impact-kinds = impact analysis follows only 依据, 实施 and 引用
reason-depth-min = at least 1 level
reason-article-path-json = article path as JSON: { $error }
reason-article-path-stored = stored article path: { $error }
reason-article-range = work { $id } version { $seq }: the stored range of { $article } lies outside the text
reason-required = must not be empty
reason-days = must be a number of days (a whole number, not negative)
reason-no-field-known = { $kind } has no such field; the fields that can be corrected: { $known }
reason-no-field = { $kind } has no such field
reason-amend-needs-new = correcting a { $kind } needs the new { $kind2 }
reason-reason-required = a correction or withdrawal needs a reason
reason-correction-future = the date of a correction cannot be after today ({ $today })
reason-correction-before-record = { $kind } #{ $id } holds only from { $from }; the correction cannot be earlier
reason-correction-before-announcement = the campaign was announced on { $date }; a correction cannot be earlier
reason-record-state = { $kind } #{ $id } { $what }
reason-relation-from-text = relation #{ $id } was found in the text and follows it: it cannot be withdrawn or corrected; if it was read wrongly, record the right relation by hand and report the mistake
reason-correction-same = the corrected { $kind } is the same as #{ $other }: withdraw #{ $id }
reason-mode = expected `auto`, `keywords` or `question`
reason-unit = expected `document` or `article`
reason-nothing-to-search = nothing to search in it
reason-nothing-at-column = at column { $column }: nothing to search in `{ $part }`
reason-at-column = at column { $column }: { $message }
reason-empty-query = an empty query
reason-index-uncommitted = the index is rebuilt from committed data: commit or roll back first
reason-index-busy = the index in `{ $dir }` is being written by another process
reason-nul-odd = the file holds NUL bytes but has an odd number of bytes: it is no text
reason-utf16-both = the file reads as UTF-16 in both byte orders; add a byte order mark or save it as UTF-8
reason-nul-not-utf16 = the file holds NUL bytes but is not UTF-16 text: it is no text file
reason-bom-mismatch = the bytes are not valid { $encoding } as the byte order mark says
reason-html-nodes = the page has more than { $max } nodes
reason-html-depth = the page nests elements deeper than { $max } levels
reason-docx-no-part = the archive has no `{ $part }`: it is not a Word document
reason-docx-entries = the archive has { $count } entries, over the limit of { $max }
reason-entry-encrypted = the entry is encrypted
reason-xml-elements = more than { $max } elements
reason-xml-depth = elements nested deeper than { $max } levels
reason-xml-entity = the entity `&{ $entity };` is not defined; only the five XML entities and character references are read
reason-xml-charref = bad character reference `&{ $entity };`: { $error }
reason-xml-doctype = the part has a DOCTYPE; Word never writes one, and DTDs and entity declarations are refused
reason-xml-encoding = encoding `{ $encoding }`: only UTF-8 parts are read
reason-xml-unclosed = the XML ends before its elements are closed
reason-entry-damaged = the entry is damaged: { $error }
reason-archive-encrypted = the archive is encrypted; save the document without a password
reason-zip-unsupported = unsupported zip archive: { $detail }
reason-zip-method = compression method { $method } is not supported
reason-entry-missing = the entry is missing
reason-zip-unreadable = not a readable zip archive: { $detail }
reason-file-size = the file is { $size } bytes, over the limit of { $max } bytes
reason-text-lines = the text has { $count } lines, over the limit of { $max }
reason-text-size = the text is { $size } bytes, over the limit of { $max } bytes
reason-sidecar-invalid = not a valid sidecar: { $error }
reason-no-title = no title found in the document; give one with `--title` or in the sidecar
reason-pdf-unreadable = not a readable PDF: { $detail }
reason-pdf-pages = the PDF has { $count } pages, over the limit of { $max }
reason-pdf-content = page content: { $detail }
reason-pdf-no-unicode = the PDF's text layer cannot be decoded (fonts without a Unicode map); OCR is not done
reason-json-invalid = not valid JSON: { $error }
reason-record-object = a record is a JSON object
reason-record-type = expected document, campaign, decision, filing, review, relation or status
reason-history-entry = expected { $fields }
reason-expected-date = expected a date
reason-expected-string = expected a string
reason-unknown-field = unknown field
reason-frbr-stored = stored FRBR identifiers: { $error }
reason-frbr-json = FRBR identifiers as JSON: { $error }
reason-akn-no-document = the written body has no document
reason-akn-version-held = { $what }: the work `{ $work }` already holds version { $seq } (a registry keeps one expression per version, in one language)
reason-akn-no-work = has no `work`
reason-akn-no-version = has no `version` number
reason-article-number = expected an article number: 12, 第十二条, 10之1, 第十条之一
reason-frame-not-found = { $what } `{ $reference }` not found
reason-frame-conflict = conflict: { $reason }
reason-frame-status-change = status change refused: { $reason }
reason-frame-ambiguous = `{ $reference }` names { $count } works: { $candidates }

## The commands' output

no-registry = no registry at `{ $path }` (run `guifan import` first, or pass --registry)
check-summary = schema { $schema }, { $works } works, { $versions } versions, { $entries } audit entries
check-head = audit head { $hash }
check-problem = problem: { $problem }
check-ok = ok
check-index = index: { $versions } versions, registry change { $seq }
check-index-behind = index: { $versions } versions, registry change { $seq }, { $behind } to add on the next search
check-index-unreadable = index: cannot be read
check-index-none = index: none yet (made by the next search)
index-rebuilt = warning: search index rebuilt from the store: { $damage }
backup-done = backed up to { $dest }: { $works } works, { $versions } versions, { $entries } audit entries, { $files } original files
backup-restore = to restore, use { $dest } as the registry folder, then run guifan check --expect-head { $hash }
check-failed = { $count } problems found
announce-done = announced { $campaign } on { $date }: { $count } status changes
announce-unchanged = {"  "}unchanged: { $name } already had the decided status
status-done = { $name }: { $status } from { $date }
decide-done = { $campaign }: { $name } { $outcome }
link-done = scanned { $versions } versions: { $citations } citations, { $relations } relations ({ $resolved } resolved, { $ambiguous } ambiguous, { $unresolved } not in the registry)
reindex-done = indexed { $versions } versions (registry change { $seq })
campaign-opened = opened campaign { $campaign }
diff-wrote = wrote { $file } ({ $rows } rows)
user-passwords-differ = the passwords differ
file-missing = the filing just recorded is missing
record-repeat = {" "}(recorded already, not counted twice)
file-done = { $title }: filed with { $body } #{ $id }, { $timeliness }{ $repeat }
review-done = { $title }: { $kind } #{ $id } ({ $reviewer }) { $conclusion }{ $repeat }
relate-done = { $from } { $kind } { $to }
withdraw-done = withdrew { $kind } #{ $id } ({ $name }, from { $date }): { $reason }
amend-done = corrected { $kind } #{ $id } as #{ $new } ({ $name }, from { $date }): { $reason }
import-index-deferred = index: not updated ({ $reason }); it catches up on the next search
import-index = index: { $versions } versions
import-total = total: { $counts }
import-documents = documents: { $registered } registered, { $versions } new versions, { $duplicates } already registered, { $probable } probable versions not written
count-records = { $n } records
count-versions = { $n } versions
count-new-works = { $n } new works
count-campaigns = { $n } campaigns
count-decisions = { $n } decisions
count-announced = { $n } status changes announced
count-filings = { $n } filings
count-reviews = { $n } reviews
count-relations = { $n } relations
count-status-changes = { $n } status changes
count-repeats = { $n } already recorded
reason-file-not-imported = `{ $file }`: nothing of this file was imported
reason-akn-one-document = `--format akn` writes one document: name it
reason-query-dash = `-` needs a term right after it
reason-query-not-dash = `NOT` and `-` together
reason-query-quote = this quote is never closed
reason-query-empty-phrase = an empty phrase
reason-query-not = `NOT` needs a term after it
reason-query-or-twice = two `OR` in a row
reason-query-or-excluded = `OR` cannot follow an excluded term
reason-query-or-before = `OR` needs a term before it
reason-query-or-after = `OR` needs a term after it
reason-zip-bomb = the entry inflates more than { $ratio } times its compressed size of { $size } bytes (a zip bomb?)
reason-old-word = the file is an old binary Word document (`.doc`); save it as `.docx`
reason-pdf-scan = the PDF has no text layer, only images: it is probably a scan, and OCR is not done
reason-no-kind = no document has this kind
reason-no-issuer = no document has an issuer of this name
reason-did-you-mean = { $reason }; did you mean { $names }?
reason-pdf-encrypted = the PDF is encrypted and its text cannot be read
reason-pdf-no-text = the PDF has no text
reason-xml-not-well-formed = not well-formed XML: { $error }
reason-draft-folder = a folder, not a text file
reason-draft-not-utf8 = not UTF-8 text (byte { $byte }); save the draft as UTF-8 plain text
reason-docx-stdout = a Word file is not written to stdout: name the .docx file to write
reason-docx-terminal = that is a terminal: name the .docx file to write

## Reports: headings, labels and the texts the library writes

# A label's Chinese text is the library's own (status-*, outcome-* …, checked by a test); the Chinese text of lib-* is
# the library's wording and is how the text is recognised.


# The library's labels (its tokens in the ids)
status-valid = in force
status-pending_revision = to be revised
status-repealed = repealed
status-invalidated = declared invalid
status-expired = expired
status-not_yet_effective = not yet in force
status-unknown = unknown
outcome-valid = keep
outcome-pending_revision = revise
outcome-repealed = repeal
outcome-invalidated = invalidate
proposal-valid = keep
proposal-evaluate = evaluate
proposal-pending_revision = revise
proposal-invalidated = invalidate
proposal-repealed = repeal
filing-outcome-registered = registered
filing-outcome-deferred = deferred
filing-outcome-correction_required = correction required
filing-outcome-refused = refused
filing-outcome-under_review = under review
timeliness-on_time = on time
timeliness-late = late
timeliness-pending = pending
timeliness-overdue = overdue
timeliness-undetermined = undetermined
review-kind-legality = legality review
review-kind-filing_review = filing review
review-kind-fair_competition = fair competition review
review-kind-evaluation = evaluation
relation-kind-basis = basis
relation-kind-amends = amendment
relation-kind-repeals = repeal
relation-kind-supersedes = replacement
relation-kind-implements = implementation
relation-kind-cites = citation
relation-source-manual = by hand
relation-source-text = text
record-kind-filing = filing
record-kind-review = review
record-kind-decision = decision
record-kind-relation = relation
version-state-in_force = in force
version-state-superseded = superseded
version-state-not_yet_effective = not yet in force
version-state-repealed = repealed
version-state-invalidated = declared invalid
version-state-expired = expired
version-label-original = original
version-label-revised = revision
version-label-corrected = amendment
version-label-amended = amended
field-status = status
field-kind = kind
field-issuer = issuer
field-year = year
severity-error = error
severity-warning = warning
severity-info = note
value-blank = (blank)
value-unknown = (unknown)
article-opening = opening
article-part = Part { $number }
article-number = Article { $number }
article-number-suffix = Article { $number }-{ $suffix }

# The rules of the reviewer's tools
rule-basis-repealed = basis repealed or no longer in force
rule-basis-amended = basis amended
rule-cited-repealed = cited document repealed or no longer in force
rule-cited-amended = cited document amended
rule-expired = period of validity ended
rule-expires-soon = period of validity ending soon
rule-trial-overdue = interim or trial text past its term
rule-period-too-long = period of validity too long
rule-no-period = no period of validity
rule-basis-unresolved = basis cannot be checked
rule-citation-repealed = cites a document no longer in force
rule-citation-superseded = cites an old version
rule-citation-not-yet-effective = cites a document not yet in force
rule-citation-unresolved = cited document cannot be checked
rule-basis-missing = no basis clause
rule-article-gap = articles not numbered in sequence
rule-article-duplicate = article number repeated
rule-article-suffix = inserted article
rule-heading-gap = chapters or sections not numbered in sequence
rule-item-gap = items not numbered in sequence
rule-doc-number-format = doc number layout
rule-date-format = date layout
rule-validity-missing = no period of validity
rule-validity-too-long = period of validity too long
rule-signal-penalty = administrative penalty
rule-signal-license = licence or approval
rule-signal-compulsion = administrative compulsion
rule-signal-fee = fees
rule-signal-restriction = restricts rights or adds duties
rule-signal-competition = may restrict fair competition

# Common to the reports
report-separator = ,{" "}
in-parens = {" "}({ $text })
no-date = (no date)
not-submitted = not submitted
no-outcome = (no outcome)

# show
show-doc-number = doc number
show-kind = kind
show-issuer = issuer
show-status = status
show-status-on = { $status } ({ $date })
show-signed = signed
show-issued = issued
show-effective = effective
show-expires = expires
show-versions = Versions
show-in-force = in force { $date }
show-version = version { $seq } ({ $label })
show-history = History
show-filings = Filings
show-filing = filed with { $body }  submitted { $submitted }  { $outcome }  { $timeliness }
show-reviews = Reviews
show-review = { $date }  { $kind }  { $reviewer }: { $conclusion }
show-outgoing = Cites and rests on (this document →)
show-incoming = Cited by and basis of (→ this document)
show-registered = 《{ $title }》 (id { $id })
show-unregistered = { $cited } (not in the registry)
show-by-hand = by hand #{ $id }
article-in-force-until = {" "}in force { $from } to { $until }
article-in-force-since = {" "}in force from { $from }
article-version = version { $seq } ({ $label }){ $from }; status on { $date }: { $status }

# Texts the library writes (the Chinese is the library's wording: it is how a text is recognised)
lib-history-version = version { $seq } ({ $label }): 《{ $title }》
lib-history-status-reason = status: { $status } ({ $from }): { $reason }
lib-history-status = status: { $status } ({ $from })
lib-change-from-record = recorded with version { $seq }
lib-change-by-hand = changed by hand
lib-change-announced = announced by campaign { $campaign }
lib-change-superseded = superseded by a later version
lib-change-decision = clearance decision ({ $campaign })
lib-change-decision-corrected = clearance decision corrected: { $reason }
lib-change-decision-withdrawn = clearance decision withdrawn: { $reason }
lib-history-decision = { $campaign }: { $outcome } (decision #{ $id })
lib-history-filing-outcome = filed with { $body }, { $filing } (filing #{ $id })
lib-history-filing = filed with { $body } (filing #{ $id })
lib-history-review = { $review } ({ $reviewer }): { $conclusion } (review #{ $id })
lib-history-withdrawn = withdrew { $record } #{ $id }: { $reason }
lib-history-corrected = corrected { $record } #{ $id } as #{ $new }: { $reason }

# Table columns
col-status = status
col-doc-number = doc number
col-title = title
col-issuer = issuer
col-count = count
col-depth = depth
col-relation = relation
col-via = via
col-article = article
col-proposal = proposal
col-decision = decision
col-followed = followed
col-outcome = outcome
col-filing = filing
col-review-kind = review
col-document-kind = document kind
col-reviews = reviews
col-expires = expires
col-days-left = days left
col-evaluate-by = evaluate by
col-kind = kind
yes = yes
no = no
row-total = total

# list, impact, campaign --recorded
list-total = documents: { $count }
impact-heading = 《{ $title }》: documents in force on { $date } that cite it or rest on it, directly or not: { $count }
recorded-heading = { $campaign }: proposals recorded: { $count }

# stats
stats-total = total: { $count } (as of { $date })
clearance-gone = repealed or declared invalid
clearance-sentence = Normative documents cleared: { $total }; { $parts }
clearance-sentence-scope = Normative documents of { $scope } cleared: { $total }; { $parts }
clearance-part-valid = remaining in force { $count }
clearance-part-pending = to be revised { $count }
clearance-part-gone = repealed or declared invalid { $count }
filings-overdue = of which overdue
filings-documents = documents filed: { $count }
filings-by-body = filed with { $body }: { $count }
filings-late = late: 《{ $title }》 filed with { $body }, deadline { $deadline }, days late: { $days }
expiring-overdue = { $date } (overdue)
expiring-total = expiring within { $days } days: { $count } (as of { $date })

# campaign --suggest (in English; the Chinese is the library's own text)
suggest-heading = { $name } ({ $campaign }), proposals as of { $date }; scope { $scope } ({ $scope_date })
suggest-scope-all = all
suggest-decided = decided: { $outcome }
suggest-decided-followed = decided: { $outcome }, as proposed
suggest-decided-other = decided: { $outcome }, not as proposed
suggest-see = {" "}(see { $articles })
suggest-total = documents: { $total }; { $parts }
suggest-recorded = Proposals recorded.

# review-draft (in English; the Chinese is the library's own text)
draft-heading = Legality review check: { $title } (as of { $date }; articles: { $articles }, citations: { $citations })
draft-no-title = (no title)
draft-place-article = { $article }, line { $line }
draft-place-line = line { $line }
draft-counts = errors: { $errors }, warnings: { $warnings }, notes: { $notes }. Notes are for the reviewer to judge, not conclusions.

# The findings of the draft check and of the clearance assistant (lib-NAME-… with a fixed text: the values placeholder NAME takes)
lib-what-basis = the basis
lib-what-cited = the cited document
lib-what-cited-short = the cited document
lib-gone-repealed = is repealed
lib-gone-invalidated = is declared invalid
lib-gone-expired = has expired
lib-why-ambiguous = names several documents of the registry
lib-why-unresolved = is not in the registry
lib-why-date-form = write the date in full Chinese form, year, month and day
lib-why-date-zero = no leading zero in the month or day
lib-why-date-numerals = write the date of signing in Arabic digits
lib-level-book = book
lib-level-subbook = sub-book
lib-level-chapter = chapter
lib-level-section = section
lib-level-item = item
lib-kind-trial = an interim or trial text
lib-kind-normative = a normative document
lib-problem-brackets = the year goes in 〔〕
lib-problem-year = the year in four Arabic digits
lib-problem-ordinal = no ordinal mark before the serial number
lib-problem-zero = no leading zero in the serial number
lib-advice-penalty = a normative document may not set administrative penalties: check for a basis in a law, regulation or rule.
lib-advice-license = it may not set a licence or add conditions to one: check the basis.
lib-advice-compulsion = only laws and regulations may set coercive administrative measures.
lib-advice-fee = a fee needs a basis in a law or regulation, or the approval of a competent body: check it.
lib-advice-restriction = check that it does not unlawfully reduce their rights or add to their duties.
lib-advice-competition = it needs a fair competition review.
lib-draft-gone-instead-number = { $what } { $text } { $gone } as of { $cdate }; in force instead: 《{ $title }》 ({ $number })
lib-draft-gone-instead = { $what } { $text } { $gone } as of { $cdate }; in force instead: 《{ $title }》
lib-draft-gone = { $what } { $text } { $gone } as of { $cdate }
lib-draft-not-yet = { $what } { $text } is not yet in force as of { $cdate }
lib-draft-superseded-number = { $what } { $text }: { $number } is the doc number of an old, amended version; the version in force: 《{ $title }》 ({ $current })
lib-draft-superseded = { $what } { $text }: { $number } is the doc number of an old, amended version; the version in force: 《{ $title }》
lib-draft-unresolved = { $what } { $text } { $why }: check its force by hand
lib-draft-basis-missing = no basis clause (one that says under which documents this one is made)
lib-draft-suffix-new = { $article }: a new text has no inserted articles; number the articles in sequence
lib-draft-suffix-order = { $article } has no Article { $number } or inserted article before it
lib-draft-starts = the articles start at { $article }, not at Article 1
lib-draft-duplicate = { $article } is repeated
lib-draft-backwards = { $article } comes after { $article2 }: numbered backwards
lib-draft-gap = { $article2 } follows { $article }: { $missing } missing
lib-draft-range = { $article } to { $article2 }
lib-draft-heading-backwards = { $heading }: { $level } number repeated or backwards
lib-draft-heading-gap = { $heading }: { $level } numbers not in sequence, { $count } missing before it
lib-draft-doc-number = doc number “{ $raw }”: { $problems }; write { $canonical }
lib-draft-date = date “{ $written }”: { $why }
lib-draft-validity-missing = no period of validity (a clause giving the years it holds, or the date it holds until)
lib-draft-validity-too-long = valid from { $cdate } to { $cdate2 }: longer than the { $max } years for { $kind }
lib-draft-signal = found { $words }: { $advice }
lib-suggest-gone-dated-alone = { $what } 《{ $title }》: { $status } on { $cdate }, and no other basis is in force
lib-suggest-gone-alone = { $what } 《{ $title }》: { $status }, and no other basis is in force
lib-suggest-gone-dated = { $what } 《{ $title }》: { $status } on { $cdate }
lib-suggest-gone = { $what } 《{ $title }》: { $status }
lib-suggest-amended = { $what } 《{ $title }》 was amended on { $cdate }, after this document was issued ({ $cdate2 })
lib-suggest-trial = the title marks an interim or trial text, in force since { $cdate }: more than { $years } years
lib-suggest-too-long = valid from { $cdate } to { $cdate2 }: longer than { $max } years
lib-suggest-no-period = no period of validity
lib-suggest-basis-unresolved = the basis { $text } is not in the registry (or names several documents): check its force by hand
lib-suggest-expired = the period of validity ended on { $cdate }
lib-suggest-expires-soon = the period of validity ends on { $cdate }: evaluate the document before then

# search
search-total-documents = documents found: { $count } (as of { $date })
search-total-articles = articles found: { $count } (as of { $date })
search-question = ranked as a question, words: { $words }
search-word-from = { $word } ({ $from })
search-word-separator = ,{" "}
search-facet = { $heading }: { $counts }
search-facet-status = status
search-facet-kind = kind
search-facet-issuer = issuer
search-superseded = superseded (not the version in force)
search-page-documents = documents { $from }–{ $to } of { $total }; next page: --offset { $next }
search-page-articles = articles { $from }–{ $to } of { $total }; next page: --offset { $next }
search-elsewhere-documents = nothing among the documents in force (in force, to be revised); documents of other statuses that match: { $count } ({ $statuses }). Add --status any to see them
search-elsewhere-articles = nothing among the documents in force (in force, to be revised); articles of other statuses that match: { $count } ({ $statuses }). Add --status any to see them

# import and extract: documents as they arrive
match-by-text = same text
match-by-doc-number = same doc number
match-by-title = same title once revision marks are set aside
match-by-citation = the text says it amends it
document-registered = registered as new document #{ $work } 《{ $title }》{ $number }
document-new-version = stored as version { $seq } of #{ $work } 《{ $title }》{ $number }
document-duplicate = registered already ({ $by }: #{ $work } version { $seq } 《{ $title }》), not written
document-probable-version = probably a new version of #{ $work } 《{ $title }》 ({ $by }), not written; --as-version stores it as a new version, --as-new-work registers it as a new document
document-warning = note: { $warning }
match-new = new: an import registers it
match-duplicate = registered already ({ $by }: #{ $work } version { $seq }): an import does not write it again
match-new-version = probably a new version of #{ $work } 《{ $title }》 ({ $by }): import it with --as-version to store it as one
source-line = line { $line }
source-lines = lines { $first }–{ $last }
source-cell = page table “{ $label }”
source-element = page element <{ $name }>
source-rule = derived: { $rule }
source-given = given
extract-heading = { $file } ({ $format }; lines: { $lines })
extract-heading-encoding = { $file } ({ $format }, { $encoding }; lines: { $lines })
extract-not-stored = for checking only, not stored:
extract-no-fields = (no field found)
extract-registry = registry: { $what }
extract-field-title = title
extract-field-doc-number = doc number
extract-field-issuer = issuer
extract-field-signed = signed
extract-field-issued = issued
extract-field-effective = effective
extract-field-expires = expires
extract-field-index-no = index number
extract-field-issuer-mark = issuer's heading
extract-field-signer = signed off by
extract-field-addressee = addressed to
extract-field-validity = validity clause
extract-field-cc = copied to
extract-field-attachments = attachments
extract-field-signers = signed by
extract-field-seals = seals
extract-field-notes = notes
extract-field-printed = printed by, on
extract-field-kind = kind
extract-field-status = status
extract-field-work = work key
extract-field-key = version key
extract-field-registration-no = registration number
extract-field-label = version label
extract-field-amended-by = amended by
extract-field-note = note

# demo
demo-import = == Importing { $dir }
demo-clearance = == Clearance of normative documents
demo-not-announced = not announced
demo-campaign = { $name } ({ $campaign }, announced { $announced })
demo-reviews = == Legality and filing reviews in 2024
demo-legality-part = { $count } of kind { $kind }
demo-legality-separator = ,{" "}
demo-legality = legality reviews: { $parts }
demo-filed-with = filed with { $body }: { $count }
demo-filing-reviews = filing reviews of normative documents: { $count }
demo-filings = filings: { $total }; on time { $on_time }, late { $late }, pending { $pending }
demo-late = late: 《{ $title }》 filed with { $body }, deadline { $deadline }, days late: { $days }
demo-status = == Status (as of { $date })
demo-expiring = == Expiring within 180 days, to be evaluated (as of { $date })
demo-expires = expires { $expires } (evaluate by { $due }) 《{ $title }》{ $number }
demo-history = == The whole history of one document: 《{ $title }》
demo-version = v{ $seq } { $label } { $number } in force { $from } (then: { $status })
demo-in-force = == Documents in force on { $date }: { $count } (in force { $valid }, to be revised { $pending })
demo-check = == Check: documents { $works }, versions { $versions }, audit entries { $entries }; { $verdict }
demo-check-ok = whole
demo-check-problems = problems found
demo-head = audit head { $hash }

# serve (its lines on the terminal; the web application itself is in Chinese)
serve-listening = guifan serve: http://{ $addr }/ , registry { $registry } ({ $site }; ready in { $ms } ms)
serve-public = public portal, read-only
serve-staff = for staff, sign-in required
serve-warm-failed = warning: warming up failed: { $detail }
serve-stopped = guifan serve: stopped
serve-stopping = guifan serve: stopping once the requests in progress are done
