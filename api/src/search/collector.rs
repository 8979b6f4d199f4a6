//! One pass over the documents matching the text query computes the total, the top hits in
//! the requested order, and disjunctive facet counts: each facet counted with every filter
//! applied except its own, so an officer sees the alternatives.

use super::fields::Fields;
use std::cmp::{Ordering, Reverse};
use std::collections::{BTreeMap, BinaryHeap};
use std::sync::Arc;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// The facets, in response order. The first five are text; `year` is a number.
pub const FACETS: [&str; 6] = ["theme", "origin", "kind", "intervention", "language", "year"];
const TEXT_FACETS: usize = 5;
const YEAR: usize = 5;

/// Allowed values per facet (empty: no filter), and the year range.
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub values: [Vec<String>; TEXT_FACETS],
    pub year_from: Option<u64>,
    pub year_to: Option<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sort {
    Relevance,
    Updated,
    /// By how many actions of action plans cite the record.
    Inspired,
}

/// Better ranks compare greater: higher primary key, then smaller id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rank {
    primary: i64,
    id: u128,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        self.primary.cmp(&other.primary).then_with(|| other.id.cmp(&self.id))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub struct Collected {
    pub total: u64,
    /// Best first: (rank, score, address).
    pub top: Vec<(Rank, Score, DocAddress)>,
    pub facets: [BTreeMap<String, u64>; 6],
}

pub struct SearchCollector {
    pub filters: Arc<Filters>,
    /// How many of the best hits to keep (offset + limit).
    pub keep: usize,
    pub sort: Sort,
    pub fields: Fields,
    /// Citing actions per record id, for `Sort::Inspired`.
    pub inspired: Arc<std::collections::HashMap<u128, u64>>,
}

pub struct Segment {
    segment: SegmentOrdinal,
    keep: usize,
    sort: Sort,
    inspired: Arc<std::collections::HashMap<u128, u64>>,
    text: [Option<StrColumn>; TEXT_FACETS],
    /// Ordinals (in this segment's dictionaries) of the allowed values; `None`: no filter.
    allowed: [Option<Vec<u64>>; TEXT_FACETS],
    year: Option<Column<u64>>,
    year_range: Option<(u64, u64)>,
    updated: Column<i64>,
    id_hi: Column<u64>,
    id_lo: Column<u64>,
    counts: [Vec<u64>; TEXT_FACETS],
    years: BTreeMap<u64, u64>,
    total: u64,
    top: BinaryHeap<Reverse<(Rank, u32, DocId)>>,
}

pub struct SegmentFruit {
    total: u64,
    top: Vec<(Rank, Score, DocAddress)>,
    facets: [BTreeMap<String, u64>; 6],
}

impl Collector for SearchCollector {
    type Fruit = Collected;
    type Child = Segment;

    fn for_segment(&self, segment: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<Segment> {
        let ff = reader.fast_fields();
        let names = ["theme", "origin", "kind", "intervention", "language"];
        let mut text: [Option<StrColumn>; TEXT_FACETS] = Default::default();
        let mut allowed: [Option<Vec<u64>>; TEXT_FACETS] = Default::default();
        let mut counts: [Vec<u64>; TEXT_FACETS] = Default::default();
        for (i, name) in names.iter().enumerate() {
            let column = ff.str(name)?;
            if !self.filters.values[i].is_empty() {
                let mut ords = Vec::new();
                if let Some(c) = &column {
                    for v in &self.filters.values[i] {
                        if let Some(ord) = c.dictionary().term_ord(v.as_bytes())? {
                            ords.push(ord);
                        }
                    }
                }
                allowed[i] = Some(ords);
            }
            counts[i] = vec![0; column.as_ref().map_or(0, |c| c.num_terms())];
            text[i] = column;
        }
        let year_range = match (self.filters.year_from, self.filters.year_to) {
            (None, None) => None,
            (from, to) => Some((from.unwrap_or(0), to.unwrap_or(u64::MAX))),
        };
        Ok(Segment {
            segment,
            keep: self.keep,
            sort: self.sort,
            inspired: self.inspired.clone(),
            text,
            allowed,
            // A segment none of whose records has a start year has no year column at all.
            year: ff.u64("year").ok(),
            year_range,
            updated: ff.i64("updated")?,
            id_hi: ff.u64("id_hi")?,
            id_lo: ff.u64("id_lo")?,
            counts,
            years: BTreeMap::new(),
            total: 0,
            top: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.sort == Sort::Relevance
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFruit>) -> tantivy::Result<Collected> {
        let mut total = 0;
        let mut top = Vec::new();
        let mut facets: [BTreeMap<String, u64>; 6] = Default::default();
        for fruit in fruits {
            total += fruit.total;
            top.extend(fruit.top);
            for (i, counts) in fruit.facets.into_iter().enumerate() {
                for (value, n) in counts {
                    *facets[i].entry(value).or_default() += n;
                }
            }
        }
        top.sort_by_key(|entry| Reverse(entry.0));
        top.truncate(self.keep);
        Ok(Collected { total, top, facets })
    }
}

impl SegmentCollector for Segment {
    type Fruit = SegmentFruit;

    fn collect(&mut self, doc: DocId, score: Score) {
        let mut fail = [false; 6];
        let mut single = [None; TEXT_FACETS];
        for (i, ord) in single.iter_mut().enumerate().skip(1) {
            *ord = self.text[i].as_ref().and_then(|c| c.term_ords(doc).next());
            if let Some(allowed) = &self.allowed[i] {
                fail[i] = !ord.is_some_and(|o| allowed.contains(&o));
            }
        }
        let mut themes = [0u64; 4];
        let mut n_themes = 0;
        if let Some(c) = &self.text[0] {
            for ord in c.term_ords(doc).take(4) {
                themes[n_themes] = ord;
                n_themes += 1;
            }
        }
        if let Some(allowed) = &self.allowed[0] {
            fail[0] = !themes[..n_themes].iter().any(|o| allowed.contains(o));
        }
        let year = self.year.as_ref().and_then(|c| c.first(doc));
        if let Some((from, to)) = self.year_range {
            fail[YEAR] = !year.is_some_and(|y| y >= from && y <= to);
        }
        let failed = fail.iter().filter(|f| **f).count();
        if failed > 1 {
            return;
        }
        // Facet f counts this document when every other filter passes.
        let counts_for = |f: usize| failed == 0 || fail[f];
        if counts_for(0) {
            for ord in &themes[..n_themes] {
                self.counts[0][*ord as usize] += 1;
            }
        }
        for (i, ord) in single.iter().enumerate().skip(1) {
            if let (true, Some(ord)) = (counts_for(i), ord) {
                self.counts[i][*ord as usize] += 1;
            }
        }
        if let (true, Some(y)) = (counts_for(YEAR), year) {
            *self.years.entry(y).or_default() += 1;
        }
        if failed == 0 {
            self.total += 1;
            self.offer(doc, score);
        }
    }

    fn harvest(self) -> SegmentFruit {
        let mut facets: [BTreeMap<String, u64>; 6] = Default::default();
        for (i, counts) in self.counts.iter().enumerate() {
            let Some(column) = &self.text[i] else { continue };
            let mut value = String::new();
            for (ord, n) in counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                if column.ord_to_str(ord as u64, &mut value).unwrap_or(false) {
                    facets[i].insert(value.clone(), *n);
                }
            }
        }
        facets[YEAR] = self.years.into_iter().map(|(y, n)| (y.to_string(), n)).collect();
        let segment = self.segment;
        let top = self
            .top
            .into_iter()
            .map(|Reverse((rank, score_bits, doc))| (rank, f32::from_bits(score_bits), DocAddress::new(segment, doc)))
            .collect();
        SegmentFruit { total: self.total, top, facets }
    }
}

impl Segment {
    fn offer(&mut self, doc: DocId, score: Score) {
        if self.keep == 0 {
            return;
        }
        let id =
            (u128::from(self.id_hi.first(doc).unwrap_or(0)) << 64) | u128::from(self.id_lo.first(doc).unwrap_or(0));
        let primary = match self.sort {
            // Non-negative floats order like their bit patterns.
            Sort::Relevance => i64::from(score.max(0.0).to_bits()),
            Sort::Updated => self.updated.first(doc).unwrap_or(0),
            Sort::Inspired => self.inspired.get(&id).copied().unwrap_or(0) as i64,
        };
        let entry = Reverse((Rank { primary, id }, score.to_bits(), doc));
        if self.top.len() < self.keep {
            self.top.push(entry);
        } else if self.top.peek().is_some_and(|worst| entry < *worst) {
            self.top.pop();
            self.top.push(entry);
        }
    }
}
