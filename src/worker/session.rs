//! The worker's session: the loaded file, the user's choices about it and the results of
//! each step; how a file is parsed (with progress messages), opened and changed, and the
//! answer the page shows for it.

use super::*;

/// The loaded file and the user's choices about it.
pub(super) struct Session {
    pub(super) name: String,
    pub(super) source: FileSource,
    pub(super) options: ReadOptions,
    pub(super) roles: Vec<(String, Role)>,
    /// The user's answer to "What is one row?" (`None`: the guess).
    pub(super) row: Option<RowKind>,
    pub(super) loaded: Loaded,
    pub(super) derive_params: DeriveParams,
    pub(super) clean_params: Option<CleanParams>,
    pub(super) prepared: Option<(Derived, Cleaned)>,
    pub(super) segmentation: Option<Segmentation>,
    /// The model the user picked (`None` = the one that fits).
    pub(super) model_id: Option<String>,
    /// The current model and every row's score (rows of the derived table).
    pub(super) scored: Option<(ModelFile, Vec<f64>)>,
    /// The user's cost and revenue (`None` = from the file, else the example).
    pub(super) plan_params: Option<PlanParams>,
}

impl Session {
    /// The loaded table's schema with the user's roles and answer applied.
    pub(super) fn schema(&self) -> Schema {
        let table = &self.loaded.table;
        recognise(table)
            .with_overrides(table, &self.roles)
            .with_row(self.row)
    }

    /// The file name without its extension, for the names of exported files.
    pub(super) fn stem(&self) -> &str {
        self.name
            .rsplit_once('.')
            .map_or(self.name.as_str(), |(a, _)| a)
    }
}

/// The load's progress messages to the page: at most one every 50 ms, with the rows parsed.
pub(super) struct PageProgress {
    last_post: f64,
    rows: u64,
}

impl klaster_engine::Progress for PageProgress {
    fn report(&mut self, stage: Stage, done: u64, total: u64) -> bool {
        let t = now();
        if t - self.last_post > 50.0 || done == total {
            self.last_post = t;
            post(&Response::Progress {
                stage,
                done,
                total,
                rows: self.rows,
            });
        }
        true
    }

    fn rows(&mut self, rows: u64) {
        self.rows = rows;
    }
}

/// Parses with progress messages.
pub(super) fn parse(source: &FileSource, options: &ReadOptions) -> Result<Loaded, Msg> {
    let mut progress = PageProgress {
        last_post: now(),
        rows: 0,
    };
    match source {
        FileSource::File(f) => read_table_from(FileStream::new(f)?, options, &mut progress),
        FileSource::Text(t) => read_table(t, options, &mut progress),
        FileSource::Sheet { text, .. } => workbook::read_sheet(text, options, &mut progress),
    }
    .map_err(err)
}

/// Loads a new file; on failure the previous session stays.
/// `started`: when the request began, so that the time shown includes a workbook's conversion.
pub(super) fn open(name: String, source: FileSource, started: f64) -> Result<Response, Msg> {
    let options = ReadOptions {
        max_cells: Some(BROWSER_MAX_CELLS),
        ..ReadOptions::default()
    };
    let loaded = parse(&source, &options)?;
    let session = Session {
        name,
        source,
        options,
        roles: Vec::new(),
        row: None,
        loaded,
        derive_params: DeriveParams::default(),
        clean_params: None,
        prepared: None,
        segmentation: None,
        model_id: None,
        scored: None,
        plan_params: None,
    };
    let response = answer(&session, started);
    SESSION.with_borrow_mut(|s| *s = Some(session));
    Ok(response)
}

/// Applies a change to the current session and answers with the new state. A failed change
/// leaves the session as it was.
pub(super) fn change(f: impl FnOnce(&mut Session) -> Result<(), Msg>) -> Result<Response, Msg> {
    let started = now();
    SESSION.with_borrow_mut(|s| {
        let s = s.as_mut().ok_or_else(no_file)?;
        let (options, roles) = (s.options.clone(), s.roles.clone());
        if let Err(e) = f(s) {
            s.options = options;
            s.roles = roles;
            return Err(e);
        }
        Ok(answer(s, started))
    })
}

/// Everything the page shows about a session: summary, profile and the default histogram.
pub(super) fn answer(s: &Session, started: f64) -> Response {
    let table = &s.loaded.table;
    let report = InspectReport::new(&s.name, s.source.size(), &s.loaded, PREVIEW_ROWS);
    let profile = profile_with(table, s.schema());
    let chartable = chartable_columns(table);
    let hist = chartable.first().and_then(|c| histogram(c));
    let chartable = chartable.iter().map(|c| c.name.clone()).collect();
    Response::Loaded {
        report: Box::new(report),
        profile: Box::new(profile),
        chartable,
        histogram: hist,
        millis: now() - started,
    }
}
