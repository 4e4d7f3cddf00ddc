//! The stepper: the seven steps of the flow as a bar that stays at the top of the page, each
//! with its state (done, reachable, not yet), the step in view marked, and a jump to any step
//! that has something to show.

use klaster_engine::i18n::{t, L10n};
use leptos::prelude::*;

use crate::state::AppState;

/// One step of the flow: the anchor of its section, its name, and what it waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The id of the section the step jumps to.
    pub anchor: &'static str,
    /// The name in each language (`.get()`: the page's).
    pub name: L10n<&'static str>,
    /// Why the step cannot be opened yet, in each language.
    pub waits_for: L10n<&'static str>,
}

/// Both languages' texts of a step.
const fn both(en: &'static str, id: &'static str) -> L10n<&'static str> {
    L10n { en, id }
}

/// The flow, in order. The page's sections carry these ids.
pub const STEPS: [Step; 7] = [
    Step {
        anchor: "load",
        name: both("Load", "Muat"),
        waits_for: both("", ""),
    },
    Step {
        anchor: "profile",
        name: both("Profile", "Profil"),
        waits_for: both("Load a file first.", "Muat berkas terlebih dahulu."),
    },
    Step {
        anchor: "prepare",
        name: both("Prepare", "Siapkan"),
        waits_for: both("Load a file first.", "Muat berkas terlebih dahulu."),
    },
    Step {
        anchor: "segment",
        name: both("Segment", "Segmen"),
        waits_for: both("Prepare the data first.", "Siapkan data terlebih dahulu."),
    },
    Step {
        anchor: "score",
        name: both("Score", "Skor"),
        waits_for: both("Prepare the data first.", "Siapkan data terlebih dahulu."),
    },
    Step {
        anchor: "plan",
        name: both("Plan", "Rencana"),
        waits_for: both("The plan needs scores.", "Rencana memerlukan skor."),
    },
    Step {
        anchor: "export",
        name: both("Export", "Ekspor"),
        waits_for: both(
            "Exports follow the plan.",
            "Ekspor tersedia setelah rencana.",
        ),
    },
];

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepState {
    /// Its results are on the page.
    Done,
    /// It can be opened (its section is on the page) but has no results yet.
    Open,
    /// It waits for an earlier step.
    Waiting,
}

/// The state of step `i` (an index into [`STEPS`]) for what the page holds now.
pub fn step_state(state: &AppState, i: usize) -> StepState {
    let loaded = state.report.with(Option::is_some);
    let done = match i {
        0 => loaded,
        1 => state.profile.with(Option::is_some),
        2 => state.prepared.with(Option::is_some),
        3 => state.segmentation.with(Option::is_some),
        4 => state.scoring.with(Option::is_some),
        5 | 6 => state.plan.with(Option::is_some),
        _ => false,
    };
    let open = match i {
        0 => true,
        1 | 2 => loaded,
        3 | 4 => state.prepared.with(Option::is_some),
        _ => state.plan.with(Option::is_some),
    };
    match (done, open) {
        (true, _) => StepState::Done,
        (false, true) => StepState::Open,
        (false, false) => StepState::Waiting,
    }
}

/// Moves to a step's section and puts the keyboard focus on its heading, so that a screen
/// reader announces where the user arrived and Tab continues from there.
fn go_to(anchor: &str) {
    let doc = document();
    let Some(section) = doc.get_element_by_id(anchor) else {
        return;
    };
    section.scroll_into_view();
    let heading = section.query_selector("h1, h2").ok().flatten();
    if let Some(h) = heading.and_then(|h| {
        use wasm_bindgen::JsCast;
        h.dyn_into::<web_sys::HtmlElement>().ok()
    }) {
        let _ = h.set_attribute("tabindex", "-1");
        let _ = h.focus();
    }
}

/// The index of the step whose section is at the top of the window: the last one whose top
/// has passed a third of the window's height.
fn step_in_view() -> usize {
    let doc = document();
    let line = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(800.0)
        / 3.0;
    let mut current = 0;
    for (i, s) in STEPS.iter().enumerate() {
        if let Some(el) = doc.get_element_by_id(s.anchor) {
            if el.get_bounding_client_rect().top() <= line {
                current = i;
            }
        }
    }
    current
}

/// The bar of steps. Each reachable step is a link to its section (Enter or a click moves
/// there and focuses its heading); a waiting step says what it waits for.
#[component]
pub fn Stepper(state: AppState) -> impl IntoView {
    let current = RwSignal::new(0usize);
    let pending = StoredValue::new(false);
    // Scrolling updates the step in view at most once per frame.
    let handle = window_event_listener(leptos::ev::scroll, move |_| {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            let _ = current.try_set(step_in_view());
        });
    });
    on_cleanup(move || handle.remove());
    let items = STEPS
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let st = move || step_state(&state, i);
            let class = move || {
                let s = match st() {
                    StepState::Done => "done",
                    StepState::Open => "open",
                    StepState::Waiting => "waiting",
                };
                if current.get() == i {
                    format!("step-item {s} current")
                } else {
                    format!("step-item {s}")
                }
            };
            let mark = move || match st() {
                StepState::Done => "✓".to_string(),
                _ => (i + 1).to_string(),
            };
            let status = move || match st() {
                StepState::Done => t(" (done)", " (selesai)"),
                StepState::Open => "",
                StepState::Waiting => t(" (not yet available)", " (belum tersedia)"),
            };
            let on_click = move |ev: leptos::ev::MouseEvent| {
                ev.prevent_default();
                if st() != StepState::Waiting {
                    current.set(i);
                    go_to(step.anchor);
                }
            };
            view! {
                <li class=class>
                    <a href=format!("#{}", step.anchor) data-step=step.anchor on:click=on_click
                        aria-current=move || (current.get() == i).then_some("step")
                        aria-disabled=move || (st() == StepState::Waiting).then_some("true")
                        title=move || (st() == StepState::Waiting).then_some(*step.waits_for.get())>
                        <span class="step-mark" aria-hidden="true">{mark}</span>
                        <span class="step-name">{*step.name.get()}</span>
                        <span class="visually-hidden">{status}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="stepper" aria-label=t("Steps of the analysis", "Langkah-langkah analisis")>
            <ol>{items}</ol>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use klaster_engine::ingest::{read_table, NoProgress, ReadOptions};
    use klaster_engine::InspectReport;

    #[test]
    fn steps_open_in_the_order_of_the_flow() {
        let state = AppState::new();
        let states = |s: &AppState| {
            (0..STEPS.len())
                .map(|i| step_state(s, i))
                .collect::<Vec<_>>()
        };
        use StepState::{Done, Open, Waiting};
        assert_eq!(
            states(&state),
            [Open, Waiting, Waiting, Waiting, Waiting, Waiting, Waiting]
        );
        let loaded = read_table(b"a,b\n1,x\n2,y\n", &ReadOptions::default(), &mut NoProgress)
            .expect("a small table");
        state
            .report
            .set(Some(InspectReport::new("t.csv", 12, &loaded, 5)));
        assert_eq!(
            states(&state),
            [Done, Open, Open, Waiting, Waiting, Waiting, Waiting]
        );
        state
            .profile
            .set(Some(klaster_engine::profile::profile(&loaded.table)));
        assert_eq!(states(&state)[..3], [Done, Done, Open]);
        assert_eq!(
            STEPS.iter().filter(|s| s.waits_for.en.is_empty()).count(),
            1
        );
    }

    #[test]
    fn the_steps_speak_indonesian() {
        use klaster_engine::i18n::{with_lang, Lang};
        let names: Vec<&str> =
            with_lang(Lang::Id, || STEPS.iter().map(|s| *s.name.get()).collect());
        assert_eq!(
            names,
            ["Muat", "Profil", "Siapkan", "Segmen", "Skor", "Rencana", "Ekspor"]
        );
        for s in &STEPS {
            assert_eq!(s.waits_for.en.is_empty(), s.waits_for.id.is_empty());
            assert!(!s.waits_for.id.contains(" the "), "{}", s.waits_for.id);
        }
    }
}
