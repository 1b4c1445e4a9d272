//! `GET /search`: the library's search, with every option of `guifan search`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use guifan::index::SearchResults;
use guifan::model::StatusScope;

use super::{ApiQuery, ApiResult, ReadProblems};
use crate::auth::{Caller, Via};
use crate::forms::SearchQuery;
use crate::state::App;

/// Searches titles and texts: "exact phrases", words (ANDed), OR, -exclude, title:, issuer:,
/// kind:, number:. Facets count every match, not only the page. On the public portal the
/// scope is the documents in force today, whatever the options say.
#[utoipa::path(
    get,
    path = "/search",
    tag = "search",
    params(SearchQuery),
    responses(
        (status = 200, description = "The library's `SearchResults`: total, hits (documents or articles, with snippets marked by <mark>), facets, as_of, unit, mode, terms", body = SearchResults),
        ReadProblems,
    )
)]
pub async fn search(
    State(app): State<Arc<App>>,
    caller: Caller,
    ApiQuery(q): ApiQuery<SearchQuery>,
) -> ApiResult<Json<SearchResults>> {
    let text = q.text().to_owned();
    let mut opts = q.options()?;
    if caller.via == Via::Public {
        current_rules_only(&mut opts)?;
    }
    let results = app
        .read(move |reg, index| index.search(reg, &text, &opts))
        .await?;
    Ok(Json(results))
}

/// The public portal's scope: the versions in force today of documents 有效 or 待修订.
pub fn current_rules_only(opts: &mut guifan::index::SearchOptions) -> guifan::Result<()> {
    opts.status = StatusScope::InForce;
    opts.as_of = Some(guifan::date::today()?);
    opts.all_versions = false;
    Ok(())
}
