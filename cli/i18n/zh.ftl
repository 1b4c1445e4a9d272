# guifan 命令行的中文文本（默认语言）。
# 每条消息在 en.ftl 中有同名条目，占位符相同（cli/src/i18n/tests.rs 检查）。
# 命令：cmd-路径-about（简介）、cmd-路径-after（帮助末尾，以“示例：”结尾）；
# 参数：arg-路径-参数名，或各命令共用的 arg-参数名；小标题：heading-*。
# 库的错误：error-*（错误框架）、what-*（找不到的对象）、reason-*（原因；英文条目与库的原文一致，用于识别）。

## 通用

error-line = 错误：{ $message }
cause-separator = ：
list-separator = ；

heading-usage = 用法:
heading-commands = 命令
heading-arguments = 参数
heading-options = 选项
heading-fields = 文件字段
heading-revision = 新版本
heading-filing = 备案
heading-review = 审核
heading-decision = 决定
heading-relation = 关系

## 库的错误

error-invalid = 字段 { $field } 有误：{ $reason }
error-invalid-value = 字段 { $field } 的值「{ $value }」有误：{ $reason }
error-invalid-line = 第 { $line } 行：字段 { $field } 有误：{ $reason }
error-invalid-line-value = 第 { $line } 行：字段 { $field } 的值「{ $value }」有误：{ $reason }
error-not-found = 未找到{ $what }「{ $reference }」
error-ambiguous = 「{ $reference }」对应 { $count } 件文件：{ $candidates }
error-conflict = 冲突：{ $reason }
error-status-change = 不能变更效力状态：{ $reason }
error-integrity = 数据不一致：{ $reason }
error-store = 存储出错
error-busy = 登记库正忙：另一个写入方占用{ $waited }；未作任何更改，请稍后重试
error-busy-waited = 超过 { $seconds } 秒
error-read-only = 登记库「{ $path }」只读（文件夹或文件不可写）：{ $action }需要一份可写的副本
error-damaged = 「{ $path }」已损坏：{ $problem }；未作任何更改（请从备份恢复，见 guifan backup）
error-disk-full = 磁盘已满：更改已回滚，未写入任何内容
error-xml = XML：{ $reason }
error-xml-line = XML 第 { $line } 行：{ $reason }
error-index = 索引出错：{ $reason }
error-write = 无法写出{ $what }
error-document = 无法读取「{ $file }」：{ $reason }
error-document-at = 无法读取「{ $file }」（{ $at }）：{ $reason }
error-io = 无法访问「{ $path }」
error-io-not-found = 未找到文件「{ $path }」
error-io-denied = 无权访问「{ $path }」
io-not-found = 没有这个文件或文件夹
io-denied = 没有权限
io-exists = 已经存在

what-document = 文件
what-work = 文件
what-version = 版本
what-version-in-force = 施行中的版本
what-campaign = 清理
what-registry = 登记库
what-article = 条文
what-file = 文件
what-the-Word-document = Word 文档

## 命令行参数错误

clap-bad-value = { $arg } 的值「{ $value }」有误：{ $reason }
clap-invalid-value = 「{ $value }」不是 { $arg } 可用的值；可用的值：{ $valid }
clap-unknown-argument = 无法识别的参数「{ $arg }」
clap-unknown-command = 没有「{ $command }」这个命令
clap-missing-argument = 缺少参数：{ $arg }
clap-missing-command = 缺少命令
clap-conflict = { $arg } 不能与 { $other } 同时使用
clap-other = 命令行参数有误：{ $detail }
clap-suggest = 提示：是否要用 { $suggestion }？
clap-usage = 用法: { $usage }
clap-more = 详见 --help。

## 命令

cmd-guifan-about = 规范性文件登记库：效力状态、备案、审查、版本、检索。
cmd-guifan-after =
    语言：默认中文；GUIFAN_LANG=en 或 LANG=en_US.UTF-8 时为英文。

    示例：
      guifan import fixtures/qianjiang-2024
      guifan search 行政裁量权基准
      guifan show 潜政规〔2024〕3号
      guifan import --help
cmd-import-about = 导入文件或文件夹：JSON Lines、Akoma Ntoso，以及 Word、网页、PDF、纯文本公文。
cmd-import-after =
    每个文件一个事务：某条记录有误，报告其行号和字段，该文件不写入任何内容。原件按哈希保存。

    示例：
      guifan import fixtures/qianjiang-2024
      guifan import 通知.docx --kind 行政规范性文件
      guifan import 修订稿.pdf --as-version
cmd-extract-about = 显示 Word、网页、PDF、纯文本公文会登记成什么（不写入）。
cmd-extract-after =
    逐字段列出识别结果、来源和置信度。

    示例：
      guifan extract 通知.docx
      guifan extract 通知.html --json
cmd-search-about = 检索标题和正文。
cmd-search-after =
    检索式：词语（同时出现）、"精确短语"、OR、-排除，以及 title:、issuer:、kind:、number: 限定字段。默认只查有效和待修订的文件。

    示例：
      guifan search 行政裁量权基准
      guifan search '"行政裁量权基准" -试行' --status any
      guifan search 哪些文件规定了备案期限 --unit article
      guifan search 备案 --kind 行政规范性文件 --limit 5 --offset 5
cmd-reindex-about = 由存储重建检索索引。
cmd-reindex-after =
    索引由存储导出，随时可以重建。

    示例：
      guifan reindex
cmd-show-about = 显示一个文件：版本、效力状态、历史、备案、审查、关系。
cmd-show-after =
    示例：
      guifan show 潜政规〔2024〕3号
      guifan show 潜政规〔2024〕3号 --article 第十二条 --as-of 2023-01-01
      guifan show 潜政规〔2024〕3号 --text
cmd-link-about = 重新扫描正文中的引用，存为关系。
cmd-link-after =
    登记新版本时会自动扫描其正文；本命令用于重新扫描一个或全部文件。

    示例：
      guifan link
      guifan link 潜政规〔2024〕3号 --json
cmd-impact-about = 现行文件中直接或间接引用、依据某文件的有哪些。
cmd-impact-after =
    示例：
      guifan impact 潜政规〔2020〕1号
      guifan impact 潜政规〔2020〕1号 --depth 1 --kind 依据
cmd-list-about = 列出文件。
cmd-list-after =
    示例：
      guifan list
      guifan list --status 废止,宣布失效 --year 2020
      guifan list --kind 行政规范性文件 --issuer 司法局
cmd-stats-about = 按效力状态、类型、机关、年份计数；清理、备案、审查报告。
cmd-stats-after =
    示例：
      guifan stats --by kind,status
      guifan stats --campaign qj-2024
      guifan stats --filings
      guifan stats --expiring 180 --csv
cmd-campaign-about = 开展清理：新建（--name）、提出建议（--suggest）、查看已记录的建议（--recorded）。
cmd-campaign-after =
    示例：
      guifan campaign qj-2025 --name 2025年行政规范性文件清理 --scope 市政府
      guifan campaign qj-2025 --suggest --record
      guifan campaign qj-2025 --recorded
cmd-decide-about = 记录清理中对一个文件的决定：继续有效、待修订、废止、宣布失效。
cmd-decide-after =
    示例：
      guifan decide --campaign qj-2025 潜政规〔2020〕1号 废止 --reason 上位法已废止
cmd-announce-about = 公布清理结果：各项决定自公布之日起成为效力状态变更。
cmd-announce-after =
    示例：
      guifan announce qj-2025 --date 2025-07-10
cmd-status-about = 变更文件的效力状态，自某日起。
cmd-status-after =
    示例：
      guifan status 潜政规〔2020〕1号 废止 --date 2025-01-01 --reason 被新文件替代
cmd-file-about = 登记备案。
cmd-file-after =
    同一备案（同一文件、报送机关和报送日期）再次登记时不重复记录。

    示例：
      guifan file 潜政规〔2024〕2号 --with 湖北省人民政府 --submitted 2024-05-30
      guifan file 潜政规〔2024〕2号 --with 市人大常委会 --outcome 备案登记
cmd-review-about = 登记审查：合法性审核、备案审查、公平竞争审查、评估。
cmd-review-after =
    示例：
      guifan review 潜政规〔2024〕2号 --kind 合法性审核 --reviewer 市司法局 --date 2024-05-10 --conclusion 合法
cmd-relate-about = 登记两个文件之间的关系：依据、修改、废止、替代、实施、引用。
cmd-relate-after =
    示例：
      guifan relate 潜政规〔2024〕3号 依据 国办发〔2018〕37号
      guifan relate 潜政规〔2024〕3号 替代 潜政规〔2019〕5号
cmd-withdraw-about = 撤回误登记的备案、审核、清理决定或关系（保留原记录，附原因）。
cmd-withdraw-after =
    示例：
      guifan withdraw 备案 12 --reason 重复登记
      guifan withdraw 审核 5 --reason 登记到了另一文件 --on 2024-06-01
cmd-amend-about = 更正误登记的备案、审核、清理决定或关系：以更正后的记录替代原记录。
cmd-amend-after =
    给出的字段须属于该类记录，否则拒绝；空字符串清除可选字段。原记录和审计日志保留。

    示例：
      guifan amend 备案 12 --submitted 2024-05-20 --reason 报送日期录错
      guifan amend 审核 5 --conclusion 合法 --reason 结论录错
      guifan amend 决定 7 --outcome 待修订 --reason 清理结论更正
      guifan amend 关系 9 --to 潜政规〔2023〕3号 --reason 引用对象录错
cmd-diff-about = 两个版本（或两个文件）的修改前后对照表：文本、JSON、HTML 或 Word。
cmd-diff-after =
    示例：
      guifan diff 潜政规〔2024〕3号
      guifan diff 潜政规〔2024〕3号 --from 1 --to 2021-01-01
      guifan diff 潜政规〔2019〕5号 --with 潜政规〔2024〕3号 --docx 对照表.docx
cmd-review-draft-about = 为合法性审核检查草案：引用、依据、编号、文号和日期、有效期、需斟酌的用语。
cmd-review-draft-after =
    退出状态：没有“错误”时为 0（“警告”和“提示”不计），有“错误”时为 3，无法检查时为 1 或 2。

    示例：
      guifan review-draft 草案.docx
      guifan review-draft 草案.txt --as-of 2025-01-01 --json
      cat 草案.txt | guifan review-draft -
cmd-export-about = 导出整个登记库或一个文件（JSON Lines），或一个版本（Akoma Ntoso XML）。
cmd-export-after =
    示例：
      guifan export > 登记库.jsonl
      guifan export 潜政规〔2024〕3号 --format akn --as-of 2024-07-01
cmd-backup-about = 把登记库复制到一个新文件夹：其他进程写入时也一致，原件一并复制，索引恢复后重建。
cmd-backup-after =
    复制件打开为只读并检查；末端哈希请另行保存。恢复：把复制的文件夹作为登记库（--registry），首次检索时重建索引，再用 check --expect-head 核对。

    示例：
      guifan backup /备份/登记库-2026-12-01
      guifan --registry /备份/登记库-2026-12-01 check --expect-head 98f9ab5a…
cmd-check-about = 检查存储、外键、审计哈希链，以及每项记录是否仍是最后一次写入时封印的样子。
cmd-check-after =
    发现问题时退出状态为 1。

    示例：
      guifan check
      guifan check --json
      guifan check --expect-head 98f9ab5a…（之前保存的哈希）
cmd-serve-about = 在登记库上运行网页应用和 HTTP 接口（/api/v1）。
cmd-serve-after =
    示例：
      guifan serve
      guifan serve --listen 0.0.0.0:8080 --behind-proxy
      guifan serve --public
cmd-user-about = 管理网页应用的账号。
cmd-user-after =
    示例：
      guifan user add 张三 --role reviewer
      guifan user list
cmd-user-add-about = 新建账号；密码在终端上询问（或从标准输入读取）。
cmd-user-add-after =
    示例：
      guifan user add 张三 --role reviewer
      echo 密码 | guifan user add 李四 --role viewer --password-stdin
cmd-user-passwd-about = 设置账号的密码（其登录会话结束）。
cmd-user-passwd-after =
    示例：
      guifan user passwd 张三
cmd-user-role-about = 变更账号的角色（其登录会话结束）。
cmd-user-role-after =
    示例：
      guifan user role 张三 admin
cmd-user-remove-about = 删除账号。
cmd-user-remove-after =
    示例：
      guifan user remove 张三
cmd-user-list-about = 列出账号。
cmd-user-list-after =
    示例：
      guifan user list
      guifan user list --json
cmd-token-about = 管理供其他工具使用的接口令牌。
cmd-token-after =
    示例：
      guifan token add 统计工具 --scope read
      guifan token list
cmd-token-add-about = 生成令牌；密钥只显示这一次（登记库只保存其哈希）。
cmd-token-add-after =
    示例：
      guifan token add 统计工具 --scope read
cmd-token-revoke-about = 吊销令牌。
cmd-token-revoke-after =
    示例：
      guifan token revoke 统计工具
cmd-token-list-about = 列出令牌。
cmd-token-list-after =
    示例：
      guifan token list
      guifan token list --json
cmd-demo-about = 在临时登记库中用自带的样例数据演示主要工作。
cmd-demo-after =
    示例：
      guifan demo

## 参数和选项

arg-help = 显示帮助
arg-version = 显示版本
arg-registry = 登记库文件夹（环境变量 GUIFAN_REGISTRY；默认 guifan-registry）
arg-wait = 另一进程正在写入时，写操作最多等待的秒数（环境变量 GUIFAN_WAIT；默认 10），超时则以退出状态 75（忙）结束
arg-check-expect_head = 之前 check 或 backup 打印、另行保存的审计链末端哈希：审计日志中已无该条目时报错（日志可以增长，不能被改写）
arg-backup-dest = 复制到的文件夹：须为新建或空文件夹（备份从不覆盖）
arg-actor = 审计日志中记录的操作人（环境变量 GUIFAN_ACTOR；默认当前用户）
arg-json = 以 JSON 输出
arg-reference = 文件：id、key、作品 key、文号（任何写法）或完整标题
arg-status = 效力状态（代码或中文名称，逗号分隔），或 any
arg-kind = 文件类型（效力级别），须完全一致
arg-issuer = 制定机关（写出名称的一部分即可）
arg-year = 首次公布的年份
arg-as_of = 计算效力状态所依据的日期（默认今天）
arg-reason = 原因
arg-name = 账号名称
arg-files = 要导入的文件或文件夹：.jsonl、.xml、.akn，以及公文 .docx、.html、.htm、.pdf、.txt、.md（旁注 文件名.json 一并读取）
arg-extract-files = 要识别的公文：.docx、.html、.htm、.pdf、.txt、.md
arg-import-kind = 文件类型（效力级别），如 行政规范性文件；识别不出且未给出则留空
arg-extract-kind = 文件类型（效力级别），如 行政规范性文件
arg-import-issuer = 发文机关
arg-extract-issuer = 发文机关
arg-import-status = 效力状态：有效、待修订、废止、宣布失效……
arg-extract-status = 效力状态：有效、待修订、废止、宣布失效……
arg-title = 标题（识别不出标题的文件必须给出）
arg-doc_number = 发文字号，如 潜政规〔2024〕3号
arg-work = 所属作品的 key：作为该作品的新版本登记
arg-as_version = 疑似已登记文件的新版本时，存为其新版本
arg-as_new_work = 疑似已登记文件的新版本时，仍登记为新文件
arg-import-json = 以 JSON 输出导入报告
arg-query = 检索式：像平常那样提问（按相关度排序），或关键词："精确短语"、OR、-排除、title:、issuer:、kind:、number:
arg-search-status = 效力状态（代码或中文名称，逗号分隔），或 any；默认有效和待修订
arg-search-as_of = 计算效力状态和施行版本所依据的日期（默认今天）
arg-all_versions = 检索所有版本，包括已修改的旧版本
arg-limit = 显示多少条结果（默认 20）
arg-offset = 跳过多少条结果（翻页用；默认 0）
arg-unit = 结果单位：document（文件，默认）或 article（条，每个文件可有多条）
arg-mode = 检索式的读法：auto（像问题时按问题处理，默认）、keywords 或 question
arg-show-as_of = 计算效力状态和施行版本所依据的日期（默认今天）
arg-article = 打印某一条在该日的文本：12、第十二条、10之1、第十条之一
arg-text = 打印全文（该日施行的版本，尚未施行时为最新版本）；在终端上用分页程序（$PAGER，默认 less）
arg-no_pager = 不用分页程序，直接打印
arg-link-reference = 要扫描其正文的文件（默认全部文件）
arg-impact-as_of = 文件须在该日现行（默认今天）
arg-depth = 最多追溯几层（1：直接引用或依据它的文件）；默认不限
arg-impact-kind = 只沿这些关系追溯：依据、实施、引用（逗号分隔）；默认三种都追溯
arg-by = 计数的字段：status、kind、issuer、year（逗号分隔）
arg-stats-campaign = 某次清理的清理报告（清理的 key）
arg-filings = 备案及时性报告
arg-reviews = 按审查类别和文件类型统计审查
arg-expiring = 有效期在多少天内届满的现行文件
arg-stats-json = 以 JSON 输出报告
arg-csv = 以 CSV 输出报告
arg-campaign-key = 清理的简短 key，如 qj-2025
arg-campaign-name = 以此名称新建清理，如 2025年行政规范性文件清理
arg-scope = 清理范围（哪些机关的文件），如 市政府、各地各部门
arg-opened = 清理开始的日期
arg-suggest = 对清理范围内每个文件提出清理建议，附触发的规则和依据
arg-campaign-record = 与 --suggest 同用：记录这些建议，之后的决定会记下是否采纳
arg-campaign-as_of = 与 --suggest 同用：按该日适用规则（默认公布前一日，未公布的为今天）
arg-recorded = 列出已记录的建议，及每个文件其后的决定和是否采纳
arg-campaign-json = 与 --suggest 或 --recorded 同用：以 JSON 输出
arg-campaign = 清理的 key
arg-decide-outcome = 清理结论：继续有效、待修订、废止、宣布失效（或 valid、pending_revision、repealed、invalidated）
arg-decide-reason = 理由
arg-announce-key = 清理的 key
arg-announce-date = 各项决定生效的日期
arg-status-status = 新的效力状态：有效、待修订、废止、宣布失效（或代码）
arg-status-date = 自哪一天起
arg-filed_with = 报送备案的机关
arg-submitted = 报送日期
arg-file-outcome = 备案结果：备案登记、暂缓办理、限期补正、不予备案、审查中
arg-deadline_days = 公布后多少天内报备为按时（默认 30）
arg-number = 备案号
arg-review-kind = 审查类别：合法性审核、备案审查、公平竞争审查、评估
arg-reviewer = 审查机关
arg-review-date = 审查日期
arg-conclusion = 结论（合法、予以备案……）
arg-opinion = 审查意见全文
arg-relate-from = 关系的起点文件
arg-relate-kind = 关系类别：依据、修改、废止、替代、实施、引用
arg-relate-to = 关系指向的文件；登记库中没有的，按所写保留
arg-note = 备注
arg-record = 记录类别：备案、审核、决定（清理决定）或关系（或 filing、review、decision、relation）
arg-id = 记录编号（show 的历史和关系中 # 后的数字）
arg-withdraw-reason = 撤回的原因（必填，记入审计日志）
arg-amend-reason = 更正的原因（必填，记入审计日志）
arg-on = 自何日起生效（默认今天）；此前日期的查询仍看到原记录
arg-amend-filed_with = 备案：报送备案的机关
arg-amend-submitted = 备案：报送日期
arg-amend-number = 备案：备案号
arg-amend-deadline_days = 备案：报备期限（公布后的天数）
arg-amend-outcome = 备案结果（备案登记、暂缓办理……）或清理结论（继续有效、待修订、废止、宣布失效）
arg-amend-kind = 审核类别（合法性审核……）或关系类别（依据、修改……）
arg-amend-note = 备案或关系的备注
arg-amend-reviewer = 审核：审核机关
arg-amend-date = 审核：审核日期
arg-amend-conclusion = 审核：结论
arg-amend-opinion = 审核：审核意见全文
arg-decision_reason = 决定：清理意见（理由）
arg-amend-to = 关系：指向的文件（登记库中没有的，按所写保留）
arg-diff-reference = 文件（旧的一方）；与 --with 同用时，另一个文件为新的一方
arg-from = 旧的一方的版本：版本号（1）或日期（当日施行的版本）；默认为新的一方的前一版本
arg-to = 新的一方的版本：版本号或日期；默认最新版本
arg-with = 与另一个文件（新的一方）对照，如替代它的文件
arg-all = 也显示没有变化的行（文本、HTML、Word）
arg-width = 文本表格的宽度（列数，至少 40；默认终端宽度或 80）
arg-diff-json = 以 JSON 输出对照（每行及其逐字差异）
arg-html = 以 HTML 片段输出表格（A4 横向）
arg-docx = 把表格写成 Word 文件（.docx）
arg-file = 草案：Word（.docx）、网页（.html）、有文字层的 PDF、文本（.txt、.md），或 - 表示从标准输入读 UTF-8 文本
arg-review-draft-as_of = 检查引用和期限所依据的日期（默认今天）
arg-export-reference = 文件（默认整个登记库，仅限 JSON Lines）
arg-format = 格式：json（JSON Lines，默认）或 akn（Akoma Ntoso 3.0 XML）
arg-export-as_of = Akoma Ntoso：该日施行的版本（默认最新版本）
arg-export-version = Akoma Ntoso：这一版本
arg-listen = 监听的地址和端口（默认 127.0.0.1:8080）
arg-public = 运行只读的公众查询平台：无需登录，只有今天现行的文件
arg-secure_cookies = 会话 Cookie 标记为 Secure（经 HTTPS 访问时）
arg-behind_proxy = 在反向代理之后：客户端地址取自 X-Forwarded-For，X-Forwarded-Proto 为 https 时 Cookie 标记为 Secure
arg-readers = 同时处理读请求的连接数（1–64，默认 4）
arg-max_upload_mib = 上传文件的大小上限（MiB，默认 64）
arg-user-add-name = 登录名，审计日志记录此名
arg-role = 角色：viewer（只读）、reviewer（还可登记决定、备案、审查、状态变更和导入）或 admin（还可管理账号、令牌、清理）
arg-user-role-role = 新的角色：viewer、reviewer 或 admin
arg-password_stdin = 从标准输入的第一行读取密码，不在终端上询问
arg-user-list-json = 以 JSON 输出列表
arg-token-add-name = 令牌名称（使用它的工具）；审计日志记为 token:名称
arg-token-revoke-name = 令牌名称
arg-token-add-scope = 权限：read（如 viewer）或 write（如 reviewer）
arg-token-list-json = 以 JSON 输出列表
arg-fixtures = 样例数据文件夹（默认项目的 fixtures/qianjiang-2024）

## 库的错误原因（英文条目为库的原文，用来识别）

reason-store-empty = 文件为空（0 字节）
reason-store-not-sqlite = 不是 SQLite 数据库
reason-store-corrupt = SQLite 报告文件已损坏
reason-store-foreign = 是一个 SQLite 数据库，但其中没有登记库
reason-store-not-file = 不是文件
reason-store-short = 新建的存储读回时不完整（{ $verdict }）
reason-action-change = 更改
reason-action-upgrade = 将存储升级到本版 guifan
reason-seal-table = 表 { $table } 自{ $message }之后被 guifan 以外的程序改动：{ $reason }
reason-seal-at = 审计日志第 { $seq } 条
reason-seal-empty = 空登记库
reason-seal-deleted = 少了 { $n } 行（现存 { $have } 行，封印时 { $want } 行）
reason-seal-added = 多了 { $n } 行（现存 { $have } 行，封印时 { $want } 行）
reason-seal-changed = 有行被修改（共 { $n } 行）
reason-head-missing = 审计日志中没有预期的末端「{ $expected }」：自记下该哈希以来，日志被改写或截短
reason-backup-dest = 备份文件夹须为新建或空文件夹：备份从不覆盖
reason-index-problem = 索引：{ $reason }；下次检索或 guifan reindex 时重建
reason-index-other-store = 索引是按另一个存储建立的：它对应登记库变更 { $seq }，而本存储{ $message }
reason-index-records-differently = 对该变更的记录不同
reason-index-does-not-have = 没有该变更
reason-index-unreadable = 索引无法读取：{ $message }
reason-index-files = 索引文件{ $reason }
reason-index-missing-files = 缺失 { $files }
reason-index-damaged-files = 损坏 { $files }
reason-index-locked = 无法锁定「{ $path }」中的索引：{ $e }
reason-limit-title = 标题最多 2000 个字符
reason-limit-doc-number = 文号最多 500 个字符
reason-limit-issuer = 制定机关最多 2000 个字符
reason-limit-field = 单行字段最多 2000 个字符
reason-limit-body = 正文最多 16 MiB（UTF-8）
reason-limit-articles = 一份正文最多 50000 条
reason-limit-record = 一条记录最多 40 MiB
reason-limit-date = 日期须在 1900-01-01 至 2199-12-31 之间
reason-limit-expires-issued = 失效日期早于印发日期
reason-limit-expires-effective = 失效日期早于施行日期
reason-limit-control = 单行字段中不得含控制字符（NUL、ESC、换行等）
reason-number-as-string = 应为 JSON 数字，而不是字符串
reason-line-not-utf8 = 该行不是有效的 UTF-8
reason-audit-entry-missing = 刚写入的审计条目不见了
reason-inner-failure-dropped = 这次写入中有一处更改失败且未撤销：什么也没有写入
reason-wait-range = 应为 0 到 86400 之间的秒数
reason-seal-unreadable = 审计日志第 { $seq } 条所带的封印无法读取
reason-docnum-empty = 文号为空
reason-docnum-form = 应为“机关代字〔年份〕序号号”，如 国办发〔2023〕27号，年份四位
reason-docnum-form2 = 应为“机关代字〔年份〕序号号”（国办发〔2023〕27号）或“第N号”（国务院令第699号）
reason-status-superseded = “已修改”标记被替代的版本，不是文件的效力状态
reason-status-unknown = 未知的效力状态；应为代码（valid、pending_revision、repealed、invalidated、expired、not_yet_effective、unknown）或“有效”等名称
reason-outcome-unknown = 未知的清理结论；应为继续有效、待修订、废止或宣布失效（或 valid、pending_revision、repealed、invalidated）
reason-outcome-clearance = 清理结论只能是继续有效、待修订、废止或宣布失效
reason-status-none = 至少写一个效力状态，或写 any
reason-one-of = 应为以下之一：{ $list }
reason-by-field = 应为 status、kind、issuer 或 year
reason-by-twice = { $field } 写了两次
reason-by-none = 至少写一个字段
reason-by-once = status、kind、issuer、year 每个最多写一次
reason-report-status = { $report }统计各种效力状态的记录：请去掉 --status
reason-date-form = 应为日期，如 2024-07-18 或 2024年7月18日
reason-date-year-digits = 年份须为四位数字
reason-date-month = 没有这个月份
reason-date-year = 没有这个年份
reason-date-day = 没有这一天
reason-date-day-month = 该月没有这一天
reason-text-not-loaded = 正文未载入
reason-version-from-1 = 版本号从 1 开始
reason-version-or-date = 应为版本号（2）或日期（2021-01-01）
reason-no-earlier-version = 该文件没有更早的版本；请指明要对照的版本
reason-width-min = 应为列数，至少 { $min }
reason-in-file = { $message }（文件「{ $file }」）
reason-extract-not-document = 这是 { $ext } 文件，不是公文：extract 读取 .docx、.html、.htm、.pdf、.txt 和 .md
reason-folder-empty = 文件夹中没有可导入的文件（.jsonl、.json、.ndjson、.xml、.akn、.docx、.html、.htm、.pdf、.txt）
reason-sidecar = 这是「{ $file }」的旁注文件，随它一并读取；请导入公文本身
reason-campaign-announced = 清理「{ $campaign }」已于 { $date } 公布，其决定不能再改
reason-rules-json = 规则无法写成 JSON：{ $error }
reason-suggestion-proposal = 建议 { $id } 的结论「{ $proposal }」无法识别
reason-suggestion-date = 建议 { $id } 的日期「{ $date }」无法识别
reason-suggestion-rules = 建议 { $id } 的规则：{ $error }
reason-suggestion-work = 建议 { $id } 所指的文件 { $work } 不存在
reason-empty-reference = 引用为空
reason-work-no-version = 文件 { $id } 没有任何版本
reason-review-no-date = 审查 { $id } 没有日期
reason-audit-version = 审计日志记录了文件 { $work } 的第 { $seq } 版，但存储中没有
reason-size-mismatch = 记录的大小与所给内容的大小不符
reason-empty-work-key = 作品 key 为空
reason-title-required = 须有标题
reason-empty-key = key 为空
reason-history-json = 无法写成 JSON
reason-filed-with-required = 须写明报送备案的机关
reason-reviewer-required = 须写明审核机关
reason-relation-self = 文件不能与自身建立关系
reason-relation-target = 关系须指向登记库中的文件，或写明所引文件的名称或文号
reason-campaign-key-required = 须有清理的 key
reason-campaign-name-required = 须有清理的名称
reason-campaign-opened-after = 该清理于 { $opened } 开始，晚于此日
reason-work-key-taken = 作品 key「{ $key }」已被占用
reason-key-taken = key「{ $key }」已被{ $name }占用
reason-version-exists = { $name }已有第 { $seq } 版
reason-filing-differs = { $name } 已有报{ $body }备案（#{ $id }，报送日期 { $date }），内容不同：要改正它，请用 `guifan amend filing { $id2 }`
reason-review-differs = { $name } 已有{ $reviewer }于 { $date } 的{ $kind }（#{ $id }），结论或意见不同：要改正它，请用 `guifan amend review { $id2 }`
reason-relation-same = 更正后的关系与 #{ $id } 相同：请撤回原关系
reason-campaign-exists = 清理「{ $key }」已经存在
reason-decision-exists = { $name }在清理「{ $campaign }」中已有决定：{ $label }
reason-derived-status = “{ $status }”由日期推算，不能登记
reason-derived-status-change = “{ $status }”由文件的日期推算：请登记其施行日期或有效期
reason-not-yet-in-force = { $name }在 { $date } 尚未施行
reason-already-status = { $name }在 { $date } 已是“{ $status }”
reason-decision-noop = { $name }在 { $date } 已是“{ $status }”：决定“{ $outcome }”不会改变什么
reason-schema-newer = 登记库的结构版本为 { $current }，比本程序支持的 { $supported } 新：请升级 guifan
reason-status-change-no-version = 一项效力状态变更指向没有任何版本的文件 { $id }
reason-sha256 = 应为 64 位小写十六进制数字
reason-transaction-open = 已有打开的事务
reason-no-transaction = 没有打开的事务
reason-impact-kinds = 影响分析只沿依据、实施、引用三种关系追溯
reason-depth-min = 层数至少为 1
reason-article-path-json = 条文路径无法写成 JSON：{ $error }
reason-article-path-stored = 存储的条文路径有误：{ $error }
reason-article-range = 文件 { $id } 第 { $seq } 版：存储的{ $article }范围超出正文
reason-required = 不能为空
reason-days = 须为天数（非负整数）
reason-no-field-known = { $kind }没有这一字段；可更正的字段：{ $known }
reason-no-field = { $kind }没有这一字段
reason-amend-needs-new = 更正{ $kind }须给出新的{ $kind2 }
reason-reason-required = 更正或撤回须说明原因
reason-correction-future = 更正日期不能晚于今天（{ $today }）
reason-correction-before-record = { $kind } #{ $id } 自 { $from } 起才生效，更正日期不能早于此日
reason-correction-before-announcement = 该清理于 { $date } 公布，更正日期不能早于公布日期
reason-record-state = { $kind } #{ $id } { $what }
reason-relation-from-text = 关系 #{ $id } 是从正文中识别的，随正文更新：它不能撤回或更正；如识别有误，请人工登记正确的关系并报告这一识别错误
reason-correction-same = 更正后的{ $kind } 与 #{ $other } 相同：请撤回 #{ $id }
reason-mode = 应为 auto、keywords 或 question
reason-unit = 应为 document 或 article
reason-nothing-to-search = 其中没有可检索的内容
reason-nothing-at-column = 第 { $column } 列：「{ $part }」中没有可检索的内容
reason-at-column = 第 { $column } 列：{ $message }
reason-empty-query = 检索式为空
reason-index-uncommitted = 索引由已提交的数据重建：请先提交或回滚
reason-index-busy = 「{ $dir }」中的索引正由另一进程写入
reason-nul-odd = 文件含 NUL 字节且字节数为奇数：不是文本
reason-utf16-both = 文件按两种字节序都能读作 UTF-16：请加字节序标记或另存为 UTF-8
reason-nul-not-utf16 = 文件含 NUL 字节但不是 UTF-16 文本：不是文本文件
reason-bom-mismatch = 内容不是字节序标记所说的有效 { $encoding }
reason-html-nodes = 网页超过 { $max } 个节点
reason-html-depth = 网页元素嵌套超过 { $max } 层
reason-docx-no-part = 压缩包中没有「{ $part }」：不是 Word 文档
reason-docx-entries = 压缩包有 { $count } 个条目，超过上限 { $max }
reason-entry-encrypted = 该条目已加密
reason-xml-elements = 元素超过 { $max } 个
reason-xml-depth = 元素嵌套超过 { $max } 层
reason-xml-entity = 实体「&{ $entity };」未定义；只读取五个 XML 预定义实体和字符引用
reason-xml-charref = 字符引用「&{ $entity };」有误：{ $error }
reason-xml-doctype = 该部分含 DOCTYPE；Word 从不写入它，DTD 和实体声明一律拒绝
reason-xml-encoding = 编码「{ $encoding }」：只读取 UTF-8 的部分
reason-xml-unclosed = XML 在元素闭合之前结束
reason-entry-damaged = 该条目已损坏：{ $error }
reason-archive-encrypted = 压缩包已加密：请不设密码另存文档
reason-zip-unsupported = 不支持的 zip 压缩包：{ $detail }
reason-zip-method = 不支持压缩方法 { $method }
reason-entry-missing = 缺少该条目
reason-zip-unreadable = 不是可读的 zip 压缩包：{ $detail }
reason-file-size = 文件有 { $size } 字节，超过上限 { $max } 字节
reason-text-lines = 正文有 { $count } 行，超过上限 { $max }
reason-text-size = 正文有 { $size } 字节，超过上限 { $max } 字节
reason-sidecar-invalid = 旁注文件无效：{ $error }
reason-no-title = 文件中找不到标题：请用 --title 或在旁注文件中给出
reason-pdf-unreadable = 不是可读的 PDF：{ $detail }
reason-pdf-pages = PDF 有 { $count } 页，超过上限 { $max }
reason-pdf-content = 页面内容：{ $detail }
reason-pdf-no-unicode = PDF 的文字层无法解码（字体没有 Unicode 映射）；不做文字识别（OCR）
reason-json-invalid = 不是有效的 JSON：{ $error }
reason-record-object = 每条记录须是 JSON 对象
reason-record-type = 应为 document、campaign、decision、filing、review、relation 或 status
reason-history-entry = 应为 { $fields }
reason-expected-date = 应为日期
reason-expected-string = 应为字符串
reason-unknown-field = 未知字段
reason-frbr-stored = 存储的 FRBR 标识有误：{ $error }
reason-frbr-json = FRBR 标识无法写成 JSON：{ $error }
reason-akn-no-document = 写出的内容中没有文件
reason-akn-version-held = { $what }：作品「{ $work }」已有第 { $seq } 版（登记库每个版本只保存一种语言的一个表达）
reason-akn-no-work = 没有 work
reason-akn-no-version = 没有 version 版本号
reason-article-number = 应为条号：12、第十二条、10之1、第十条之一
reason-frame-not-found = 未找到{ $what }「{ $reference }」
reason-frame-conflict = 冲突：{ $reason }
reason-frame-status-change = 不能变更效力状态：{ $reason }
reason-frame-ambiguous = 「{ $reference }」对应 { $count } 件文件：{ $candidates }

## 命令的输出

no-registry = 「{ $path }」处没有登记库（先运行 guifan import，或用 --registry 指定）
check-summary = 结构版本 { $schema }，文件 { $works } 件，版本 { $versions } 个，审计日志 { $entries } 条
check-head = 审计链末端 { $hash }
check-problem = 问题：{ $problem }
check-ok = 完整
check-index = 索引：版本 { $versions } 个，登记库变更 { $seq }
check-index-behind = 索引：版本 { $versions } 个，登记库变更 { $seq }，下次检索时补入 { $behind } 个
check-index-unreadable = 索引：无法读取
check-index-none = 索引：尚无（下次检索时建立）
index-rebuilt = 警告：检索索引已按存储重建：{ $damage }
backup-done = 已备份到 { $dest }：文件 { $works } 件，版本 { $versions } 个，审计日志 { $entries } 条，原件 { $files } 个
backup-restore = 恢复时把 { $dest } 作为登记库文件夹，再运行 guifan check --expect-head { $hash }
check-failed = 发现 { $count } 个问题
announce-done = 已公布清理 { $campaign }（{ $date }）：效力状态变更 { $count } 项
announce-unchanged = {"  "}未变更：{ $name }已是所决定的效力状态
status-done = { $name }：自 { $date } 起{ $status }
decide-done = { $campaign }：{ $name } { $outcome }
link-done = 扫描 { $versions } 个版本：引用 { $citations } 处，关系 { $relations } 项（已对应 { $resolved }，有歧义 { $ambiguous }，不在登记库中 { $unresolved }）
reindex-done = 已索引 { $versions } 个版本（登记库变更序号 { $seq }）
campaign-opened = 已新建清理 { $campaign }
diff-wrote = 已写出 { $file }（{ $rows } 行）
user-passwords-differ = 两次输入的密码不一致
file-missing = 找不到刚登记的备案
record-repeat = （已登记过，未重复记录）
file-done = { $title }: 报{ $body }备案 #{ $id }，{ $timeliness }{ $repeat }
review-done = { $title }: { $kind } #{ $id }（{ $reviewer }）{ $conclusion }{ $repeat }
relate-done = { $from } { $kind } { $to }
withdraw-done = 已撤回{ $kind } #{ $id }（{ $name }，自 { $date } 起）：{ $reason }
amend-done = 已更正{ $kind } #{ $id } 为 #{ $new }（{ $name }，自 { $date } 起）：{ $reason }
import-index-deferred = 索引：未更新（{ $reason }）；下次检索时补上
import-index = 索引：{ $versions } 个版本
import-total = 合计：{ $counts }
import-documents = 文件：新登记 { $registered }，新版本 { $versions }，已登记未写入 { $duplicates }，疑似新版本未写入 { $probable }
count-records = 记录 { $n } 条
count-versions = 版本 { $n } 个
count-new-works = 新文件 { $n } 件
count-campaigns = 清理 { $n } 次
count-decisions = 清理决定 { $n } 项
count-announced = 公布的状态变更 { $n } 项
count-filings = 备案 { $n } 项
count-reviews = 审查 { $n } 项
count-relations = 关系 { $n } 项
count-status-changes = 状态变更 { $n } 项
count-repeats = 已登记过 { $n } 项
reason-file-not-imported = 「{ $file }」：该文件未导入任何内容
reason-akn-one-document = --format akn 只导出一个文件：请指明文件
reason-query-dash = “-”后面须紧跟检索词
reason-query-not-dash = NOT 与 - 不能同时使用
reason-query-quote = 引号没有闭合
reason-query-empty-phrase = 短语为空
reason-query-not = NOT 后面须有检索词
reason-query-or-twice = 连续两个 OR
reason-query-or-excluded = OR 不能跟在排除的检索词之后
reason-query-or-before = OR 前面须有检索词
reason-query-or-after = OR 后面须有检索词
reason-zip-bomb = 该条目解压后超过压缩大小 { $size } 字节的 { $ratio } 倍（疑似压缩炸弹）
reason-old-word = 这是旧版二进制 Word 文档（.doc）：请另存为 .docx
reason-pdf-scan = PDF 没有文字层，只有图像：可能是扫描件，不做文字识别（OCR）
reason-no-kind = 没有文件是这一类型
reason-no-issuer = 没有文件的制定机关是这个名称
reason-did-you-mean = { $reason }；是否要找 { $names }？
reason-pdf-encrypted = PDF 已加密，读不出文字
reason-pdf-no-text = PDF 中没有文字
reason-xml-not-well-formed = XML 格式不正确：{ $error }
reason-draft-folder = 这是文件夹，不是文本文件
reason-draft-not-utf8 = 不是 UTF-8 文本（第 { $byte } 字节）：请将草案另存为 UTF-8 纯文本
reason-docx-stdout = Word 文件不写到标准输出：请指明要写出的 .docx 文件
reason-docx-terminal = 这是终端：请指明要写出的 .docx 文件

## 报告：标题、标签和库写的文字

# 报告的标签在中文里就是库的标签（status-*、outcome-* …，测试核对）；lib-* 的中文是库写的原文，用来识别。


# The library's labels (its tokens in the ids)
status-valid = 有效
status-pending_revision = 待修订
status-repealed = 废止
status-invalidated = 宣布失效
status-expired = 有效期届满
status-not_yet_effective = 尚未生效
status-unknown = 未知
outcome-valid = 继续有效
outcome-pending_revision = 待修订
outcome-repealed = 废止
outcome-invalidated = 宣布失效
proposal-valid = 继续有效
proposal-evaluate = 需评估
proposal-pending_revision = 待修订
proposal-invalidated = 宣布失效
proposal-repealed = 废止
filing-outcome-registered = 备案登记
filing-outcome-deferred = 暂缓办理
filing-outcome-correction_required = 限期补正
filing-outcome-refused = 不予备案
filing-outcome-under_review = 审查中
timeliness-on_time = 按时报备
timeliness-late = 逾期报备
timeliness-pending = 待报备
timeliness-overdue = 逾期未报备
timeliness-undetermined = 无法判断
review-kind-legality = 合法性审核
review-kind-filing_review = 备案审查
review-kind-fair_competition = 公平竞争审查
review-kind-evaluation = 评估
relation-kind-basis = 依据
relation-kind-amends = 修改
relation-kind-repeals = 废止
relation-kind-supersedes = 替代
relation-kind-implements = 实施
relation-kind-cites = 引用
relation-source-manual = 人工
relation-source-text = 文本
record-kind-filing = 备案
record-kind-review = 审核
record-kind-decision = 决定
record-kind-relation = 关系
version-state-in_force = 现行
version-state-superseded = 已修改
version-state-not_yet_effective = 尚未生效
version-state-repealed = 已废止
version-state-invalidated = 已宣布失效
version-state-expired = 已失效
version-label-original = 原文
version-label-revised = 修订
version-label-corrected = 修正
version-label-amended = 修改
field-status = 效力状态
field-kind = 文件类型
field-issuer = 制定机关
field-year = 年份
severity-error = 错误
severity-warning = 警告
severity-info = 提示
value-blank = （未填）
value-unknown = （未知）
article-opening = 文首
article-part = 第{ $number }部分
article-number = 第{ $number }条
article-number-suffix = 第{ $number }条之{ $suffix }

# The rules of the reviewer's tools
rule-basis-repealed = 制定依据已废止或失效
rule-basis-amended = 制定依据已修改
rule-cited-repealed = 引用的文件已废止或失效
rule-cited-amended = 引用的文件已修改
rule-expired = 有效期已届满
rule-expires-soon = 有效期即将届满
rule-trial-overdue = 暂行、试行超过期限
rule-period-too-long = 有效期超过规定期限
rule-no-period = 未规定有效期
rule-basis-unresolved = 制定依据无法核对
rule-citation-repealed = 引用已废止或失效的文件
rule-citation-superseded = 引用文件的旧版本
rule-citation-not-yet-effective = 引用尚未施行的文件
rule-citation-unresolved = 引用的文件无法核对
rule-basis-missing = 缺少制定依据
rule-article-gap = 条文序号不连续
rule-article-duplicate = 条文序号重复
rule-article-suffix = “之一”条文
rule-heading-gap = 章节序号不连续
rule-item-gap = 项的序号不连续
rule-doc-number-format = 发文字号格式
rule-date-format = 日期格式
rule-validity-missing = 缺少有效期
rule-validity-too-long = 有效期超过规定期限
rule-signal-penalty = 涉及行政处罚
rule-signal-license = 涉及行政许可、审批
rule-signal-compulsion = 涉及行政强制
rule-signal-fee = 涉及收费
rule-signal-restriction = 限制权利或增加义务
rule-signal-competition = 可能限制公平竞争

# Common to the reports
report-separator = ，
in-parens = （{ $text }）
no-date = （无日期）
not-submitted = 未报送
no-outcome = （无结果）

# show
show-doc-number = 文号
show-kind = 类型
show-issuer = 制定机关
show-status = 效力状态
show-status-on = { $status }（{ $date }）
show-signed = 成文日期
show-issued = 公布日期
show-effective = 施行日期
show-expires = 有效期至
show-versions = 版本
show-in-force = 施行 { $date }
show-version = 第{ $seq }版（{ $label }）
show-history = 历史
show-filings = 备案
show-filing = 报{ $body }  报送 { $submitted }  { $outcome }  { $timeliness }
show-reviews = 审查
show-review = { $date }  { $kind }  { $reviewer }：{ $conclusion }
show-outgoing = 引用和依据（本文件 →）
show-incoming = 被引用和被依据（→ 本文件）
show-registered = 《{ $title }》（id { $id }）
show-unregistered = { $cited }（不在登记库中）
show-by-hand = 人工 #{ $id }
article-in-force-until = 施行 { $from } 至 { $until }
article-in-force-since = 施行 { $from } 起
article-version = 第{ $seq }版（{ $label }）{ $from }；{ $date }的效力状态：{ $status }

# Texts the library writes (the Chinese is the library's wording: it is how a text is recognised)
lib-history-version = 第{ $seq }版（{ $label }）《{ $title }》
lib-history-status-reason = 效力状态：{ $status }（{ $from }）：{ $reason }
lib-history-status = 效力状态：{ $status }（{ $from }）
lib-change-from-record = 据第{ $seq }版记录
lib-change-by-hand = 人工变更
lib-change-announced = 清理 { $campaign } 公布
lib-change-superseded = 已修改：被后续版本取代
lib-change-decision = 清理决定（{ $campaign }）
lib-change-decision-corrected = 更正清理决定：{ $reason }
lib-change-decision-withdrawn = 撤回清理决定：{ $reason }
lib-history-decision = { $campaign }：{ $outcome }（决定 #{ $id }）
lib-history-filing-outcome = 报{ $body }备案，{ $filing }（备案 #{ $id }）
lib-history-filing = 报{ $body }备案（备案 #{ $id }）
lib-history-review = { $review }（{ $reviewer }）：{ $conclusion }（审核 #{ $id }）
lib-history-withdrawn = 撤回{ $record } #{ $id }：{ $reason }
lib-history-corrected = 更正{ $record } #{ $id }（改为 #{ $new }）：{ $reason }

# Table columns
col-status = 效力状态
col-doc-number = 文号
col-title = 标题
col-issuer = 制定机关
col-count = 件数
col-depth = 层级
col-relation = 关系
col-via = 经由
col-article = 条
col-proposal = 建议
col-decision = 其后决定
col-followed = 采纳
col-outcome = 清理结论
col-filing = 备案
col-review-kind = 审查类型
col-document-kind = 文件类型
col-reviews = 次数
col-expires = 有效期至
col-days-left = 剩余天数
col-evaluate-by = 评估期限
col-kind = 文件类型
yes = 是
no = 否
row-total = 合计

# list, impact, campaign --recorded
list-total = 共{ $count }件
impact-heading = 《{ $title }》：截至{ $date }，{ $count }件现行文件直接或间接引用或依据它
recorded-heading = { $campaign }：已记录的清理建议{ $count }件

# stats
stats-total = 合计{ $count }件（截至{ $date }）
clearance-gone = 废止和宣布失效
clearance-sentence = 共清理出{ $total }件行政规范性文件，其中{ $parts }
clearance-sentence-scope = 共清理出{ $total }件{ $scope }行政规范性文件，其中{ $parts }
clearance-part-valid = 继续有效{ $count }件
clearance-part-pending = 待修订{ $count }件
clearance-part-gone = 废止和宣布失效{ $count }件
filings-overdue = 其中逾期未报备
filings-documents = 报备文件{ $count }件
filings-by-body = 报{ $body }备案 { $count }件
filings-late = 逾期：《{ $title }》报{ $body }，期限 { $deadline }，{ $days } 天
expiring-overdue = { $date }（已逾期）
expiring-total = { $days }天内到期{ $count }件（截至{ $date }）

# campaign --suggest (in English; the Chinese is the library's own text)
suggest-heading = { $name }（{ $campaign }）清理建议：截至{ $date }，范围{ $scope }（{ $scope_date }）
suggest-scope-all = 全部
suggest-decided = 已决定：{ $outcome }
suggest-decided-followed = 已决定：{ $outcome }，与建议一致
suggest-decided-other = 已决定：{ $outcome }，与建议不同
suggest-see = （见{ $articles }）
suggest-total = 共{ $total }件：{ $parts }
suggest-recorded = 建议已记录。

# review-draft (in English; the Chinese is the library's own text)
draft-heading = 合法性审核辅助检查：{ $title }（截至{ $date }，{ $articles }条，引用{ $citations }处）
draft-no-title = （无标题）
draft-place-article = { $article }，第{ $line }行
draft-place-line = 第{ $line }行
draft-counts = 错误{ $errors }，警告{ $warnings }，提示{ $notes }。提示项由审核人员判断，不是结论。

# The findings of the draft check and of the clearance assistant (lib-NAME-… with a fixed text: the values placeholder NAME takes)
lib-what-basis = 制定依据
lib-what-cited = 引用的文件
lib-what-cited-short = 引用的
lib-gone-repealed = 已废止
lib-gone-invalidated = 已宣布失效
lib-gone-expired = 有效期已届满
lib-why-ambiguous = 指向登记库中的多件文件
lib-why-unresolved = 不在登记库中
lib-why-date-form = 日期应写作“X年X月X日”
lib-why-date-zero = 月、日不编虚位
lib-why-date-numerals = 成文日期用阿拉伯数字标注
lib-level-book = 编
lib-level-subbook = 分编
lib-level-chapter = 章
lib-level-section = 节
lib-level-item = 项
lib-kind-trial = 暂行、试行文件
lib-kind-normative = 行政规范性文件
lib-problem-brackets = 年份应用六角括号〔〕括入
lib-problem-year = 年份应用阿拉伯数字标全
lib-problem-ordinal = 发文顺序号不加“第”字
lib-problem-zero = 发文顺序号不编虚位
lib-advice-penalty = 行政规范性文件不得设定行政处罚，请核对是否有法律、法规、规章依据。
lib-advice-license = 不得设定行政许可或增加许可条件，请核对依据。
lib-advice-compulsion = 法律、法规以外的规范性文件不得设定行政强制措施。
lib-advice-fee = 收费项目须有法律、法规依据或经有权机关批准，请核对。
lib-advice-restriction = 请核对是否违法减损其权益或增加其义务。
lib-advice-competition = 须经公平竞争审查。
lib-draft-gone-instead-number = { $what }{ $text }在{ $cdate }{ $gone }；现行：《{ $title }》（{ $number }）
lib-draft-gone-instead = { $what }{ $text }在{ $cdate }{ $gone }；现行：《{ $title }》
lib-draft-gone = { $what }{ $text }在{ $cdate }{ $gone }
lib-draft-not-yet = { $what }{ $text }在{ $cdate }尚未施行
lib-draft-superseded-number = { $what }{ $text }：{ $number }是已被修改的旧版本的文号；现行版本：《{ $title }》（{ $current }）
lib-draft-superseded = { $what }{ $text }：{ $number }是已被修改的旧版本的文号；现行版本：《{ $title }》
lib-draft-unresolved = { $what }{ $text }{ $why }，请人工核对其效力
lib-draft-basis-missing = 未见“根据《……》……制定本……”式的制定依据条款
lib-draft-suffix-new = { $article }：新制定的文件不用“之一”条文，条文应连续编号
lib-draft-suffix-order = { $article }前没有第{ $number }条或其前一个“之”条文
lib-draft-starts = 条文从{ $article }开始，而非第一条
lib-draft-duplicate = { $article }重复
lib-draft-backwards = { $article }排在{ $article2 }之后：序号倒序
lib-draft-gap = { $article }之后是{ $article2 }：缺{ $missing }
lib-draft-range = { $article }至{ $article2 }
lib-draft-heading-backwards = { $heading }：{ $level }的序号重复或倒序
lib-draft-heading-gap = { $heading }：{ $level }的序号不连续，前面缺{ $count }个
lib-draft-doc-number = 文号“{ $raw }”：{ $problems }；应写作{ $canonical }
lib-draft-date = 日期“{ $written }”：{ $why }
lib-draft-validity-missing = 未规定有效期（“有效期X年”或“有效期至X年X月X日”）
lib-draft-validity-too-long = 有效期自{ $cdate }至{ $cdate2 }，超过{ $kind }的{ $max }年
lib-draft-signal = 出现{ $words }：{ $advice }
lib-suggest-gone-dated-alone = { $what }《{ $title }》于{ $cdate }{ $status }，且没有其他现行有效的制定依据
lib-suggest-gone-alone = { $what }《{ $title }》{ $status }，且没有其他现行有效的制定依据
lib-suggest-gone-dated = { $what }《{ $title }》于{ $cdate }{ $status }
lib-suggest-gone = { $what }《{ $title }》{ $status }
lib-suggest-amended = { $what }《{ $title }》于{ $cdate }修改，晚于本文件印发（{ $cdate2 }）
lib-suggest-trial = 标题含“暂行”或“试行”，自{ $cdate }施行已超过{ $years }年
lib-suggest-too-long = 有效期自{ $cdate }至{ $cdate2 }，超过{ $max }年
lib-suggest-no-period = 未规定有效期
lib-suggest-basis-unresolved = 制定依据{ $text }不在登记库中（或指向多件文件），其效力须人工核对
lib-suggest-expired = 有效期已于{ $cdate }届满
lib-suggest-expires-soon = 有效期将于{ $cdate }届满，须在届满前评估

# search
search-total-documents = 共{ $count }件（截至{ $date }）
search-total-articles = 共{ $count }条（截至{ $date }）
search-question = 按问题排序，检索词：{ $words }
search-word-from = { $word }（{ $from }）
search-word-separator = 、
search-facet = { $heading }：{ $counts }
search-facet-status = 效力状态
search-facet-kind = 文件类型
search-facet-issuer = 制定机关
search-superseded = 已修改（非现行版本）
search-page-documents = 显示第{ $from }–{ $to }件，共{ $total }件；下一页：--offset { $next }
search-page-articles = 显示第{ $from }–{ $to }条，共{ $total }条；下一页：--offset { $next }
search-elsewhere-documents = 现行（有效、待修订）文件中没有结果；其他效力状态中有{ $count }件：{ $statuses }。加 --status any 查看
search-elsewhere-articles = 现行（有效、待修订）文件中没有结果；其他效力状态中有{ $count }条：{ $statuses }。加 --status any 查看

# import and extract: documents as they arrive
match-by-text = 文本相同
match-by-doc-number = 发文字号相同
match-by-title = 标题去掉修订标记后相同
match-by-citation = 正文说明修改该文件
document-registered = 登记为新文件 #{ $work }《{ $title }》{ $number }
document-new-version = 存为 #{ $work }《{ $title }》的第{ $seq }版{ $number }
document-duplicate = 已登记（{ $by }：#{ $work } 第{ $seq }版《{ $title }》），未写入
document-probable-version = 疑似 #{ $work }《{ $title }》的新版本（{ $by }），未写入；用 --as-version 存为新版本，或 --as-new-work 登记为新文件
document-warning = 提示：{ $warning }
match-new = 新文件：导入时登记
match-duplicate = 已登记（{ $by }：#{ $work } 第{ $seq }版）：导入时不会重复写入
match-new-version = 疑似 #{ $work }《{ $title }》的新版本（{ $by }）：导入时加 --as-version 存为新版本
source-line = 第{ $line }行
source-lines = 第{ $first }–{ $last }行
source-cell = 页面表格「{ $label }」
source-element = 页面元素 <{ $name }>
source-rule = 推算：{ $rule }
source-given = 给定
extract-heading = { $file }（{ $format }，{ $lines } 行）
extract-heading-encoding = { $file }（{ $format }，{ $encoding }，{ $lines } 行）
extract-not-stored = 以下字段供核对，不入库：
extract-no-fields = （未识别出字段）
extract-registry = 登记簿：{ $what }
extract-field-title = 标题
extract-field-doc-number = 发文字号
extract-field-issuer = 发文机关
extract-field-signed = 成文日期
extract-field-issued = 印发日期
extract-field-effective = 施行日期
extract-field-expires = 有效期至
extract-field-index-no = 索引号
extract-field-issuer-mark = 发文机关标志
extract-field-signer = 签发人
extract-field-addressee = 主送机关
extract-field-validity = 有效期条款
extract-field-cc = 抄送机关
extract-field-attachments = 附件说明
extract-field-signers = 发文机关署名
extract-field-seals = 印章
extract-field-notes = 附注
extract-field-printed = 印发机关和印发日期
extract-field-kind = 类别
extract-field-status = 状态
extract-field-work = 作品键
extract-field-key = 版本键
extract-field-registration-no = 登记号
extract-field-label = 版本说明
extract-field-amended-by = 修改文件
extract-field-note = 备注

# demo
demo-import = == 导入 { $dir }
demo-clearance = == 行政规范性文件清理
demo-not-announced = 未公布
demo-campaign = { $name }（{ $campaign }，公布 { $announced }）
demo-reviews = == 2024年合法性审查与备案审查
demo-legality-part = { $count }件{ $kind }
demo-legality-separator = 、
demo-legality = 共对{ $parts }进行合法性审核
demo-filed-with = 向{ $body }报备{ $count }件
demo-filing-reviews = 对{ $count }件行政规范性文件进行备案审查
demo-filings = 备案{ $total }次：按时{ $on_time }，逾期{ $late }，待报备{ $pending }
demo-late = 逾期：《{ $title }》报{ $body }，期限 { $deadline }，晚 { $days } 天
demo-status = == 效力状态（截至 { $date }）
demo-expiring = == 180天内到期、应当评估的文件（截至 { $date }）
demo-expires = { $expires } 到期（评估期限 { $due }）《{ $title }》{ $number }
demo-history = == 一个文件的全部历史：《{ $title }》
demo-version = v{ $seq } { $label } { $number } 施行 { $from }（当时：{ $status }）
demo-in-force = == 截至 { $date } 现行的文件 { $count } 件（有效 { $valid } 件，待修订 { $pending } 件）
demo-check = == 检查：{ $works } 件文件，{ $versions } 个版本，审计日志 { $entries } 条，{ $verdict }
demo-check-ok = 完整
demo-check-problems = 有问题
demo-head = 审计链末端 { $hash }

# serve (its lines on the terminal; the web application itself is in Chinese)
serve-listening = guifan serve：http://{ $addr }/ ，登记库 { $registry }（{ $site }；{ $ms } 毫秒就绪）
serve-public = 公众查询平台，只读
serve-staff = 工作人员版，需登录
serve-warm-failed = 警告：预热失败：{ $detail }
serve-stopped = guifan serve：已停止
serve-stopping = guifan serve：正在停止，先处理完进行中的请求
