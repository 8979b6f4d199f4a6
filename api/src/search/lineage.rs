//! How practices travel: which actions of which regions' action plans cite which practices.
//! Computed from the store (every action plan held, any origin); withdrawn practices still
//! count, since the transfer happened.

use serde::Serialize;
use smarty_schema::content::{Citation, CitationStatus, Cited};
use smarty_schema::store::{Store, StoreResult, StoredRecord};
use smarty_schema::vocab::ThemeCode;
use smarty_schema::{ActionPlan, AnyContent, Kind};
use std::collections::{BTreeMap, HashMap, HashSet};
use utoipa::ToSchema;

/// One action and the practices it cites.
pub struct CitingAction {
    pub plan_id: String,
    pub plan_title: String,
    pub plan_origin: String,
    pub number: u32,
    pub title: String,
    pub cites: Vec<Cited>,
}

/// Every action of every published action plan held.
pub fn citing_actions(store: &Store) -> StoreResult<Vec<CitingAction>> {
    let mut out = Vec::new();
    for record in store.public_records_of_kind(Kind::ActionPlan)? {
        let Some(AnyContent::ActionPlan(plan)) = &record.content else { continue };
        for action in &plan.actions {
            out.push(CitingAction {
                plan_id: record.id.clone(),
                plan_title: plan.title.to_string(),
                plan_origin: record.origin.clone(),
                number: action.number,
                title: action.title.to_string(),
                cites: action.inspired_by.to_vec(),
            });
        }
    }
    Ok(out)
}

/// An action that cites a practice.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"region": "mazovia", "action_plan_id": "01900002-0000-7000-8000-000000000902",
    "action_plan_title": "Plan działania Mazowsze 4.0", "action_number": 1, "action_title": "Bony na retrofit czujników"}))]
pub struct InfluenceItem {
    /// The region whose plan cites the practice.
    pub region: String,
    /// The id of the citing action plan (a catalogue record: `GET
    /// /api/v1/catalogue/records/{id}?origin={region}`).
    pub action_plan_id: String,
    /// The citing action plan's title, in its own language.
    pub action_plan_title: String,
    /// The citing action's `number` in its plan.
    #[schema(minimum = 1, maximum = 4_294_967_295_u64)]
    pub action_number: u32,
    /// The citing action's title, in the plan's language.
    pub action_title: String,
}

impl From<CitingAction> for InfluenceItem {
    fn from(a: CitingAction) -> InfluenceItem {
        InfluenceItem {
            region: a.plan_origin,
            action_plan_id: a.plan_id,
            action_plan_title: a.plan_title,
            action_number: a.number,
            action_title: a.title,
        }
    }
}

/// The actions a practice inspired.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"record_id": "01900001-0000-7000-8000-000000000005", "origin": "leeds", "items": [{"region": "mazovia",
    "action_plan_id": "01900002-0000-7000-8000-000000000902", "action_plan_title": "Plan działania Mazowsze 4.0",
    "action_number": 1, "action_title": "Bony na retrofit czujników"}]}))]
pub struct Influence {
    /// The id of the case study asked about.
    pub record_id: String,
    /// Its origin: the one the address named, or the one origin whose case study has the id;
    /// absent when no case study ever published here has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<smarty_schema::vocab::RegionCode>)]
    pub origin: Option<String>,
    /// Every action, of any region's published action plan held here, that cites the case
    /// study in its `inspired_by` (by its origin and id, or by its id alone when no other
    /// origin's case study has that id); empty when none does (or the id is unknown).
    pub items: Vec<InfluenceItem>,
}

/// The actions that cite `origin`'s case study `record_id`.
pub fn influence(store: &Store, origin: &str, record_id: &str) -> StoreResult<Influence> {
    let actions = citing_actions(store)?;
    let held = Holdings::of(store, actions.iter().flat_map(|a| a.cites.iter()))?;
    let items = actions
        .into_iter()
        .filter(|a| {
            a.cites
                .iter()
                .any(|c| matches!(held.resolve(c), Resolved::One(r) if r.origin == origin && r.id == record_id))
        })
        .map(InfluenceItem::from)
        .collect();
    Ok(Influence { record_id: record_id.to_string(), origin: Some(origin.to_string()), items })
}

/// Transfers between regions.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"regions": ["tuscany", "leeds"], "matrix": [[1, 2], [0, 1]],
    "by_theme": {"predictive-maintenance": [[1, 1], [0, 0]]}}))]
pub struct Transfers {
    /// The partner regions' codes, in the node's configured order: the rows and columns of
    /// `matrix`.
    pub regions: Vec<String>,
    /// `matrix[i][j]`: actions of `regions[j]` citing at least one practice of `regions[i]`.
    #[schema(maximum = 9_223_372_036_854_775_807_u64)]
    pub matrix: Vec<Vec<u64>>,
    /// The same, counting only practices of each theme.
    #[schema(schema_with = by_theme_schema)]
    pub by_theme: BTreeMap<String, Vec<Vec<u64>>>,
}

/// `by_theme`'s schema, with the bounds of `matrix` on its counts (as an attribute, a
/// `maximum` would land on the map's keys too).
fn by_theme_schema() -> utoipa::openapi::Object {
    use utoipa::openapi::schema::{ArrayBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type};
    let count = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
        .minimum(Some(0))
        .maximum(Some(i64::MAX));
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some("The same, counting only practices of each theme."))
        .property_names(Some(ObjectBuilder::new().schema_type(Type::String)))
        .additional_properties(Some(ArrayBuilder::new().items(ArrayBuilder::new().items(count))))
        .build()
}

pub fn transfers(store: &Store, regions: &[String]) -> StoreResult<Transfers> {
    let actions = citing_actions(store)?;
    // The cited practices, withdrawn ones included.
    let held = Holdings::of(store, actions.iter().flat_map(|a| a.cites.iter()))?;
    let index = |code: &str| regions.iter().position(|r| r == code);
    let n = regions.len();
    let mut matrix = vec![vec![0u64; n]; n];
    let mut by_theme: BTreeMap<String, Vec<Vec<u64>>> =
        smarty_schema::vocab::THEMES.iter().map(|t| (t.code.to_string(), vec![vec![0u64; n]; n])).collect();
    for action in &actions {
        let Some(j) = index(&action.plan_origin) else { continue };
        let mut from: HashSet<usize> = HashSet::new();
        let mut from_theme: HashSet<(usize, &str)> = HashSet::new();
        for cited in &action.cites {
            // Drafts never published do not count: they are nobody's business outside their node.
            if let Resolved::One(r) = held.resolve(cited)
                && r.published_ever
                && let Some(i) = index(&r.origin)
            {
                from.insert(i);
                let themes: &[ThemeCode] = r.content.as_ref().map_or(&[], AnyContent::themes);
                for t in themes {
                    from_theme.insert((i, t.as_str()));
                }
            }
        }
        for i in from {
            matrix[i][j] += 1;
        }
        for (i, t) in from_theme {
            if let Some(m) = by_theme.get_mut(t) {
                m[i][j] += 1;
            }
        }
    }
    Ok(Transfers { regions: regions.to_vec(), matrix, by_theme })
}

/// The actions behind one cell of the transfer matrix: those of `to`'s plans citing at least
/// one practice of `from` that was published (withdrawn ones count, as in [`transfers`]).
pub fn transfer_actions(store: &Store, from: &str, to: &str) -> StoreResult<Vec<InfluenceItem>> {
    let actions: Vec<CitingAction> = citing_actions(store)?.into_iter().filter(|a| a.plan_origin == to).collect();
    let held = Holdings::of(store, actions.iter().flat_map(|a| a.cites.iter()))?;
    let cites_from = |a: &CitingAction| {
        a.cites.iter().any(|c| matches!(held.resolve(c), Resolved::One(r) if r.published_ever && r.origin == from))
    };
    let mut items: Vec<InfluenceItem> =
        actions.into_iter().filter(|a| cites_from(a)).map(InfluenceItem::from).collect();
    items.sort_by(|a, b| (&a.action_plan_id, a.action_number).cmp(&(&b.action_plan_id, b.action_number)));
    Ok(items)
}

/// How many actions cite each practice, by the practice's id as a number (for sorting: the
/// index sorts by id, so records of two origins with one id share their count).
pub fn inspired_counts(store: &Store) -> StoreResult<HashMap<u128, u64>> {
    let mut counts = HashMap::new();
    for action in citing_actions(store)? {
        for id in action.cites.iter().map(Cited::id).collect::<HashSet<_>>() {
            if let Ok(u) = uuid::Uuid::parse_str(id) {
                *counts.entry(u.as_u128()).or_default() += 1;
            }
        }
    }
    Ok(counts)
}

/// The plan with `citations` on each action. A citation shows a title only when the practice
/// is published here, or is a peer's withdrawal (which keeps the title it had when published);
/// a practice of this region that is back to draft shows none.
pub fn with_citations(store: &Store, local_region: &str, mut plan: ActionPlan) -> StoreResult<ActionPlan> {
    let held = Holdings::of(store, plan.actions.iter().flat_map(|a| a.inspired_by.iter()))?;
    for action in plan.actions.iter_mut() {
        let citations = action.inspired_by.iter().map(|c| citation(held.resolve(c), c, local_region)).collect();
        action.citations = Some(citations);
    }
    Ok(plan)
}

fn citation(held: Resolved<'_>, cited: &Cited, local_region: &str) -> Citation {
    let named = cited.origin().unwrap_or_default().to_string();
    let (origin, title, status) = match held {
        Resolved::One(r) if r.is_public() => (r.origin.clone(), r.title().to_string(), CitationStatus::Available),
        Resolved::One(r) if r.is_withdrawal_tombstone(local_region) => {
            (r.origin.clone(), r.title().to_string(), CitationStatus::Withdrawn)
        }
        // Published once, not now: withdrawn, and nothing of its current text.
        Resolved::One(r) if r.published_ever => (r.origin.clone(), String::new(), CitationStatus::Withdrawn),
        Resolved::Several => (named, String::new(), CitationStatus::Ambiguous),
        _ => (named, String::new(), CitationStatus::Unknown),
    };
    Citation { id: cited.id().to_string(), origin, title, status }
}

/// The case studies held under the ids some citations name, every origin's.
struct Holdings(HashMap<String, Vec<StoredRecord>>);

/// Which record a citation means, seen from this node.
enum Resolved<'a> {
    One(&'a StoredRecord),
    /// An id alone, which case studies of several origins have.
    Several,
    None,
}

impl Holdings {
    fn of<'c>(store: &Store, cited: impl Iterator<Item = &'c Cited>) -> StoreResult<Holdings> {
        let ids: Vec<String> = cited.map(|c| c.id().to_string()).collect::<HashSet<_>>().into_iter().collect();
        let mut by_id: HashMap<String, Vec<StoredRecord>> = HashMap::new();
        // Only what was ever published counts, as `resolve` counts for addresses: a draft
        // or a retracted stub of the same id is nobody's business, and makes no citation
        // ambiguous.
        for r in store.records_by_id(&ids)?.into_iter().filter(|r| r.kind == Kind::CaseStudy && r.published_ever) {
            by_id.entry(r.id.clone()).or_default().push(r);
        }
        Ok(Holdings(by_id))
    }

    /// The record `cited` names: the one of its origin; for an id alone, the one record of
    /// that id (several origins' records of one id leave it unresolved rather than guessed:
    /// an origin cannot take over another's citations by publishing under its ids).
    fn resolve(&self, cited: &Cited) -> Resolved<'_> {
        let held = self.0.get(cited.id()).map_or(&[][..], Vec::as_slice);
        let mut named = held.iter().filter(|r| cited.origin().is_none_or(|o| o == r.origin));
        match (named.next(), named.next()) {
            (Some(r), None) => Resolved::One(r),
            (Some(_), Some(_)) => Resolved::Several,
            _ => Resolved::None,
        }
    }
}
