//! Words that often signal content a 行政规范性文件 may not create by itself: penalties,
//! licences, coercive measures, fees, restrictions of rights, limits on competition. A curated
//! list, each entry under the id of the rule it serves (`signal-…` in
//! [`super::rules::DRAFT_RULES`]). A match is a pointer for the reviewer, never a verdict: the
//! document may repeat what a law says, or rest on a law that allows it.
//!
//! A trigger is a word, or a word followed within a few characters by another
//! (`收取` … `费`, `须经` … `同意`). Restrictions (`不得`, `禁止` …) are left out when the same
//! clause names the administration as the one restricted (`工作人员不得…`): rules on the
//! administration's own conduct are not restrictions of citizens' rights.

/// A word, or a word and a second one that must follow within `within` characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    /// The word that starts a match.
    pub word: &'static str,
    /// A word that must follow within so many characters.
    pub then: Option<(&'static str, usize)>,
}

const fn w(word: &'static str) -> Trigger {
    Trigger { word, then: None }
}

const fn then(word: &'static str, next: &'static str, within: usize) -> Trigger {
    Trigger {
        word,
        then: Some((next, within)),
    }
}

/// The triggers of each signal rule.
pub const SIGNALS: &[(&str, &[Trigger])] = &[
    (
        "signal-penalty",
        &[
            w("罚款"),
            w("没收"),
            w("吊销"),
            w("暂扣"),
            w("责令停产停业"),
            w("责令关闭"),
            w("行政拘留"),
            w("降低资质等级"),
            w("通报批评"),
            w("限制开展生产经营活动"),
        ],
    ),
    (
        "signal-license",
        &[
            w("许可"),
            w("审批"),
            w("核准"),
            then("须经", "同意", 20),
            then("须经", "批准", 20),
            then("应当经", "同意", 20),
            then("应当经", "批准", 20),
            then("未经", "不得", 20),
        ],
    ),
    (
        "signal-compulsion",
        &[
            w("查封"),
            w("扣押"),
            w("冻结"),
            w("强制拆除"),
            w("强制执行"),
            w("强制措施"),
            w("代履行"),
        ],
    ),
    (
        "signal-fee",
        &[
            w("收费"),
            then("收取", "费", 12),
            then("缴纳", "费", 12),
            then("交纳", "费", 12),
            w("保证金"),
            w("押金"),
        ],
    ),
    (
        "signal-restriction",
        &[
            w("不得"),
            w("禁止"),
            w("严禁"),
            w("限制"),
            then("提供", "证明", 12),
        ],
    ),
    (
        "signal-competition",
        &[
            then("指定", "经营者", 12),
            then("指定", "产品", 12),
            then("指定", "服务", 12),
            then("限定", "购买", 12),
            then("限定", "使用", 12),
            w("外地企业"),
            w("外地经营者"),
            w("本地企业"),
            w("地方保护"),
        ],
    ),
];

/// Subjects that make a restriction one on the administration itself.
const ADMINISTRATION: &[&str] = &[
    "工作人员",
    "执法人员",
    "行政机关",
    "本机关",
    "有关部门",
    "各部门",
    "主管部门",
    "监督检查人员",
];

/// A match of a signal in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    /// The rule the trigger serves (`signal-fee`).
    pub rule: &'static str,
    /// Byte offset of the trigger word.
    pub offset: usize,
    /// The words matched (`收取…费`).
    pub words: String,
}

fn is_clause_end(c: char) -> bool {
    matches!(c, '。' | '；' | '，' | '：' | '\n' | ';' | ',' | ':')
}

/// The clause around a byte offset.
fn clause(text: &str, offset: usize) -> &str {
    let start = text[..offset]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_clause_end(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[offset..]
        .char_indices()
        .find(|&(_, c)| is_clause_end(c))
        .map_or(text.len(), |(i, _)| offset + i);
    &text[start..end]
}

/// Every match of every signal, in text order (one per rule and trigger position).
pub fn find_signals(text: &str) -> Vec<Signal> {
    let mut out = Vec::new();
    for (rule, triggers) in SIGNALS {
        for t in *triggers {
            let mut from = 0;
            while let Some(rel) = text[from..].find(t.word) {
                let at = from + rel;
                from = at + t.word.len();
                let words = match t.then {
                    None => t.word.to_owned(),
                    Some((next, within)) => {
                        let after: String = text[from..]
                            .chars()
                            .take_while(|&c| !is_clause_end(c) || c == '，')
                            .take(within + next.chars().count())
                            .collect();
                        if !after.contains(next) {
                            continue;
                        }
                        format!("{}…{next}", t.word)
                    }
                };
                if *rule == "signal-restriction"
                    && ADMINISTRATION.iter().any(|a| clause(text, at).contains(a))
                {
                    continue;
                }
                out.push(Signal {
                    rule,
                    offset: at,
                    words,
                });
            }
        }
    }
    out.sort_by(|a, b| a.offset.cmp(&b.offset).then(a.rule.cmp(b.rule)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(text: &str) -> Vec<(&'static str, String)> {
        find_signals(text)
            .into_iter()
            .map(|s| (s.rule, s.words))
            .collect()
    }

    #[test]
    fn words_and_pairs() {
        assert_eq!(
            rules("违反本办法的，处五百元罚款。"),
            vec![("signal-penalty", "罚款".to_owned())]
        );
        assert_eq!(
            rules("申请人应当向窗口缴纳工本费。"),
            vec![("signal-fee", "缴纳…费".to_owned())]
        );
        assert_eq!(
            rules("须经市城市管理执法局同意后方可设置。"),
            vec![("signal-license", "须经…同意".to_owned())]
        );
        assert!(rules("缴纳。另费").is_empty());
    }

    #[test]
    fn restrictions_on_the_administration_are_left_out() {
        assert!(rules("执法人员不得收受财物。").is_empty());
        assert_eq!(
            rules("经营者不得在城区主干道占道经营。"),
            vec![("signal-restriction", "不得".to_owned())]
        );
    }
}
