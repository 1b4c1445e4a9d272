//! Building the tree of numbered parts from the lines of the body.

use super::closing::is_part_title;
use super::lines::normalize_title;
use super::lines::{Kind, Line};
use super::parser::{Mode, Parser};
use super::*;

impl Parser<'_> {
    /// The tree of numbered parts in lines `[from, to)`, read as `mode` says.
    pub(super) fn build(&self, from: usize, to: usize, mode: Mode) -> Vec<Node> {
        let mut tree = Tree::default();
        for line in &self.lines[from..to] {
            match line.kind {
                Kind::Blank => {}
                Kind::Container {
                    level,
                    number,
                    suffix,
                    label_len,
                } => tree.container(line, level, number, suffix, label_len),
                Kind::Fuze if mode == Mode::Articles => {
                    tree.close_unit();
                    tree.close_all();
                }
                Kind::Article {
                    number,
                    suffix,
                    label_len,
                    rest,
                } if mode == Mode::Articles => tree.article(line, number, suffix, label_len, rest),
                Kind::Bufen {
                    number,
                    label_len,
                    rest,
                } if mode == Mode::Parts => tree.part(line, number, label_len, rest),
                ref kind => match tree.unit.as_mut() {
                    Some(unit) => unit.line(line, kind),
                    None => {
                        if let Some(top) = tree.stack.last_mut() {
                            top.end = top.end.max(line.end);
                        }
                    }
                },
            }
        }
        tree.close_unit();
        tree.close_all();
        tree.roots
    }
}

#[derive(Default)]
pub(super) struct Tree {
    roots: Vec<Node>,
    stack: Vec<Node>,
    unit: Option<Unit>,
}

impl Tree {
    /// A 编/分编/章/节 heading: closes the open parts of its level or below and opens it.
    fn container(
        &mut self,
        line: &Line<'_>,
        level: Level,
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
    ) {
        self.close_unit();
        while self
            .stack
            .last()
            .is_some_and(|top| top.level.rank() >= level.rank())
        {
            self.pop();
        }
        let parent = self.stack.last().map_or("", |n| n.eid.as_str());
        let mut node = Node::new(level, number, suffix, parent, line.start);
        node.end = line.end;
        let label = &line.text[..label_len];
        let title = normalize_title(&line.text[label_len..]);
        node.heading = if title.is_empty() {
            label.to_owned()
        } else {
            format!("{label} {title}")
        };
        node.title = (!title.is_empty()).then_some(title);
        self.stack.push(node);
    }

    /// A 条 heading: opens an article, its first paragraph the text after the label.
    fn article(
        &mut self,
        line: &Line<'_>,
        number: u32,
        suffix: Option<u32>,
        label_len: usize,
        rest: usize,
    ) {
        self.close_unit();
        let parent = self.stack.last().map_or("", |n| n.eid.as_str());
        let mut node = Node::new(Level::Tiao, number, suffix, parent, line.start);
        node.end = line.end;
        node.heading = line.text[..label_len].to_owned();
        let mut unit = Unit::new(node);
        if rest < line.text.len() {
            unit.paragraph(line.start + rest, line.end);
        }
        self.unit = Some(unit);
    }

    /// A `一、` line: opens a numbered part, titled when what follows reads as a title, else
    /// with that text as its first paragraph.
    fn part(&mut self, line: &Line<'_>, number: u32, label_len: usize, rest: usize) {
        self.close_unit();
        let parent = self.stack.last().map_or("", |n| n.eid.as_str());
        let mut node = Node::new(Level::Bufen, number, None, parent, line.start);
        node.end = line.end;
        let after = &line.text[rest..];
        let mut unit = if is_part_title(after) {
            let title = normalize_title(after);
            node.heading = format!("{}{}", &line.text[..label_len], title);
            node.title = Some(title);
            Unit::new(node)
        } else {
            node.heading = line.text[..label_len].to_owned();
            let mut unit = Unit::new(node);
            if !after.is_empty() {
                unit.paragraph(line.start + rest, line.end);
            }
            unit
        };
        unit.node.end = line.end;
        self.unit = Some(unit);
    }

    /// Closes every open container.
    fn close_all(&mut self) {
        while !self.stack.is_empty() {
            self.pop();
        }
    }

    pub(super) fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(parent) => {
                parent.end = parent.end.max(node.end);
                parent.children.push(node);
            }
            None => self.roots.push(node),
        }
    }

    pub(super) fn close_unit(&mut self) {
        if let Some(unit) = self.unit.take() {
            let node = unit.finish();
            self.attach(node);
        }
    }

    pub(super) fn pop(&mut self) {
        if let Some(node) = self.stack.pop() {
            self.attach(node);
        }
    }
}

/// An article (or numbered part) being read, with its open paragraph, item and sub-item.
pub(super) struct Unit {
    node: Node,
    /// In numbered parts, a paragraph after an item belongs to the item (`（一）加强组织领导` and
    /// the paragraphs under it); in articles it starts a new 款.
    items_hold_paragraphs: bool,
    paragraphs: u32,
    kuan: Option<Node>,
    xiang: Option<Node>,
    mu: Option<Node>,
}

impl Unit {
    pub(super) fn new(node: Node) -> Unit {
        Unit {
            items_hold_paragraphs: node.level == Level::Bufen,
            node,
            paragraphs: 0,
            kuan: None,
            xiang: None,
            mu: None,
        }
    }

    pub(super) fn line(&mut self, line: &Line<'_>, kind: &Kind) {
        match *kind {
            Kind::Xiang { number, label_len } => {
                self.close_xiang();
                let parent = self.kuan.as_ref().unwrap_or(&self.node);
                let mut node = Node::new(Level::Xiang, number, None, &parent.eid, line.start);
                node.heading = line.text[..label_len].to_owned();
                node.end = line.end;
                self.xiang = Some(node);
            }
            Kind::Mu { number, label_len } => {
                self.close_mu();
                let parent = self
                    .xiang
                    .as_ref()
                    .or(self.kuan.as_ref())
                    .unwrap_or(&self.node);
                let mut node = Node::new(Level::Mu, number, None, &parent.eid, line.start);
                node.heading = line.text[..label_len].to_owned();
                node.end = line.end;
                self.mu = Some(node);
            }
            Kind::Plain
                if self.items_hold_paragraphs && (self.mu.is_some() || self.xiang.is_some()) =>
            {
                self.extend_deepest(line.end);
            }
            Kind::SubItem | Kind::Note | Kind::Date(_) => self.extend_deepest(line.end),
            Kind::Blank => {}
            _ => self.paragraph(line.start, line.end),
        }
    }

    pub(super) fn extend_deepest(&mut self, end: usize) {
        let deepest = self
            .mu
            .as_mut()
            .or(self.xiang.as_mut())
            .or(self.kuan.as_mut())
            .unwrap_or(&mut self.node);
        deepest.end = deepest.end.max(end);
    }

    pub(super) fn paragraph(&mut self, start: usize, end: usize) {
        self.close_kuan();
        self.paragraphs += 1;
        let mut node = Node::new(Level::Kuan, self.paragraphs, None, &self.node.eid, start);
        node.end = end;
        self.kuan = Some(node);
    }

    pub(super) fn close_mu(&mut self) {
        if let Some(mu) = self.mu.take() {
            let parent = self
                .xiang
                .as_mut()
                .or(self.kuan.as_mut())
                .unwrap_or(&mut self.node);
            parent.end = parent.end.max(mu.end);
            parent.children.push(mu);
        }
    }

    pub(super) fn close_xiang(&mut self) {
        self.close_mu();
        if let Some(xiang) = self.xiang.take() {
            let parent = self.kuan.as_mut().unwrap_or(&mut self.node);
            parent.end = parent.end.max(xiang.end);
            parent.children.push(xiang);
        }
    }

    pub(super) fn close_kuan(&mut self) {
        self.close_xiang();
        if let Some(kuan) = self.kuan.take() {
            self.node.end = self.node.end.max(kuan.end);
            self.node.children.push(kuan);
        }
    }

    pub(super) fn finish(mut self) -> Node {
        self.close_kuan();
        self.node
    }
}
