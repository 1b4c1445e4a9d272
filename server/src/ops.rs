//! The writes the API and the pages make, each one library call (as the command line's
//! commands are), answering with the library's record of what was stored.

use guifan::model::{
    Campaign, Decision, Filing, FilingOutcome, NewCampaign, NewFiling, NewRelation, NewReview,
    Outcome, RelationKind, Review, ReviewKind, Status, StatusChange, filing::DEFAULT_DEADLINE_DAYS,
};
use guifan::store::RelationView;
use guifan::{Error, Registry, Result};
use serde::Serialize;

use crate::forms::{
    AnnounceInput, CampaignInput, DecisionInput, FilingInput, RelationInput, ReviewInput,
    StatusInput, date, given, number,
};

/// Records a campaign's decision (`guifan decide`).
pub fn decide(reg: &mut Registry, campaign: &str, input: &DecisionInput) -> Result<Decision> {
    let outcome = Outcome::parse(&input.outcome)?;
    let id = reg.resolve(&input.document)?;
    let reason = given(&input.reason);
    reg.decide(campaign, id, outcome, reason)?;
    reg.decisions(campaign)?
        .into_iter()
        .rfind(|d| d.work == id)
        .ok_or_else(|| Error::Integrity("the decision just recorded is missing".into()))
}

/// Records a filing (`guifan file`).
pub fn record_filing(reg: &mut Registry, input: &FilingInput) -> Result<Filing> {
    let filed_with = input.filed_with.trim();
    if filed_with.is_empty() {
        return Err(Error::invalid("filed_with", "", "name the body filed with"));
    }
    let filing = NewFiling {
        filed_with: filed_with.to_owned(),
        submitted: date("submitted", &input.submitted)?,
        number: given(&input.number).map(str::to_owned),
        outcome: given(&input.outcome)
            .map(FilingOutcome::parse)
            .transpose()?,
        deadline_days: number("deadline_days", &input.deadline_days)?
            .unwrap_or(DEFAULT_DEADLINE_DAYS),
        note: given(&input.note).map(str::to_owned),
    };
    let id = reg.resolve(&input.document)?;
    let filing_id = reg.record_filing(id, &filing)?;
    reg.filings(id)?
        .into_iter()
        .find(|f| f.id == filing_id.id)
        .ok_or_else(|| Error::Integrity("the filing just recorded is missing".into()))
}

/// Records a review (`guifan review`).
pub fn record_review(reg: &mut Registry, input: &ReviewInput) -> Result<Review> {
    let review = NewReview {
        kind: ReviewKind::parse(&input.kind)?,
        reviewer: required("reviewer", &input.reviewer)?,
        date: guifan::date::parse_date("date", &input.date)?,
        conclusion: required("conclusion", &input.conclusion)?,
        opinion: given(&input.opinion).map(str::to_owned),
    };
    let id = reg.resolve(&input.document)?;
    let review_id = reg.record_review(id, &review)?;
    reg.reviews(id)?
        .into_iter()
        .find(|r| r.id == review_id.id)
        .ok_or_else(|| Error::Integrity("the review just recorded is missing".into()))
}

fn required(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, value, "required"));
    }
    Ok(v.to_owned())
}

/// Changes a document's status by hand (`guifan status`); answers with its status changes.
pub fn change_status(
    reg: &mut Registry,
    reference: &str,
    input: &StatusInput,
) -> Result<Vec<StatusChange>> {
    let status = Status::parse(&input.status)?;
    let on = guifan::date::parse_date("date", &input.date)?;
    let id = reg.resolve(reference)?;
    reg.change_status(id, status, on, given(&input.reason))?;
    reg.status_changes(id)
}

/// Records a relation by hand (`guifan relate`).
pub fn relate(reg: &mut Registry, input: &RelationInput) -> Result<RelationView> {
    let kind = RelationKind::parse(&input.kind)?;
    let from = reg.resolve(&input.from)?;
    let target = reg.relation_target(&input.to)?;
    let relation_id = reg.record_relation(
        from,
        &NewRelation::manual(kind, target, given(&input.note).map(str::to_owned)),
    )?;
    reg.relations(from)?
        .into_iter()
        .find(|r| r.id == relation_id && r.direction == "outgoing")
        .ok_or_else(|| Error::Integrity("the relation just recorded is missing".into()))
}

/// Opens a campaign (`guifan campaign KEY --name`).
pub fn open_campaign(reg: &mut Registry, input: &CampaignInput) -> Result<Campaign> {
    let key = required("key", &input.key)?;
    reg.open_campaign(&NewCampaign {
        key: key.clone(),
        name: required("name", &input.name)?,
        scope: given(&input.scope).map(str::to_owned),
        opened: date("opened", &input.opened)?,
    })?;
    reg.campaign(&key)
}

/// What an announcement did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Announced {
    /// The campaign, now announced.
    pub campaign: Campaign,
    /// The status changes its decisions made.
    pub status_changes: usize,
    /// Documents decided to be repealed or invalidated that already were on the date: no
    /// change was made for them.
    pub unchanged: Vec<guifan::model::WorkId>,
}

/// Announces a campaign (`guifan announce`).
pub fn announce(reg: &mut Registry, key: &str, input: &AnnounceInput) -> Result<Announced> {
    let on = guifan::date::parse_date("date", &input.date)?;
    let done = reg.announce(key, on)?;
    Ok(Announced {
        campaign: reg.campaign(key)?,
        status_changes: done.status_changes,
        unchanged: done.unchanged,
    })
}
