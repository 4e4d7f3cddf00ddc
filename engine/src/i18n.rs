//! English and Bahasa Indonesia.
//!
//! Every sentence a person reads is written in both languages at the place that builds it, with
//! [`t`] (a fixed phrase) or [`tf!`](crate::tf) (a phrase with values): the two texts sit side by
//! side in the source, so a missing translation is a compile error, not a blank on the page.
//!
//! The language is *ambient*, like a gettext locale: [`lang`] is the language of the current
//! thread (English by default), [`with_lang`] runs a closure in another one. Builders therefore
//! keep their signatures, and [`crate::format`] writes numbers with the same language's
//! separators (`45,211.5` / `45.211,5`).
//!
//! Results that travel to the page hold their prose as [`L10n`]: the engine renders the text in
//! both languages once (it is cheap next to the analysis), so the page can switch language at
//! any time without asking the worker again. Machine output (CSV cells, SQL, model files'
//! numbers) never goes through the people formatting, so it does not depend on the language.

use std::cell::Cell;

use serde::{Deserialize, Serialize};

/// A language of the interface.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    /// Both languages, in the order the language picker lists them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Id];

    /// The BCP 47 code (`<html lang>`, `localStorage`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// The language of a BCP 47 tag such as `id-ID` or `en-GB` (`in` is the old code of
    /// Indonesian that some systems still report); `None` for any other language.
    pub fn from_code(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "id" | "in" => Some(Lang::Id),
            _ => None,
        }
    }

    /// The language's own name, as the picker shows it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Id => "Bahasa Indonesia",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::En) };
}

/// The language of this thread.
pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

/// Sets the language of this thread (the page does it when the user switches).
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// Runs `f` in `lang`, then restores the previous language (also when `f` panics).
pub fn with_lang<R>(lang: Lang, f: impl FnOnce() -> R) -> R {
    struct Restore(Lang);
    impl Drop for Restore {
        fn drop(&mut self) {
            set_lang(self.0);
        }
    }
    let _restore = Restore(self::lang());
    set_lang(lang);
    f()
}

/// A fixed phrase in the current language.
pub fn t(en: &'static str, id: &'static str) -> &'static str {
    match lang() {
        Lang::En => en,
        Lang::Id => id,
    }
}

/// A phrase with values in the current language: `tf!("{n} rows", "{n} baris")`, or with
/// arguments as in `format!`. Only the current language's text is formatted.
#[macro_export]
macro_rules! tf {
    ($en:literal, $id:literal $(,)?) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::En => format!($en),
            $crate::i18n::Lang::Id => format!($id),
        }
    };
    ($en:literal, $id:literal, $($arg:tt)+) => {
        match $crate::i18n::lang() {
            $crate::i18n::Lang::En => format!($en, $($arg)+),
            $crate::i18n::Lang::Id => format!($id, $($arg)+),
        }
    };
}

/// A text (or list of texts) in both languages, as results carry their prose to the page.
///
/// Serialised as `{"en": …, "id": …}`; a plain value is read as the same text in both (model
/// files written before the Indonesian interface, or a name the user typed).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct L10n<T> {
    pub en: T,
    pub id: T,
}

impl<T> L10n<T> {
    /// Renders `f` once in each language.
    pub fn build(mut f: impl FnMut() -> T) -> Self {
        L10n {
            en: with_lang(Lang::En, &mut f),
            id: with_lang(Lang::Id, &mut f),
        }
    }

    /// The same value in both languages (a name, a column, a number).
    pub fn same(value: T) -> Self
    where
        T: Clone,
    {
        L10n {
            en: value.clone(),
            id: value,
        }
    }

    /// The text in the current language.
    pub fn get(&self) -> &T {
        self.in_lang(lang())
    }

    /// The text in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &T {
        match lang {
            Lang::En => &self.en,
            Lang::Id => &self.id,
        }
    }

    /// Both texts changed alike.
    pub fn map<U>(&self, mut f: impl FnMut(&T) -> U) -> L10n<U> {
        L10n {
            en: f(&self.en),
            id: f(&self.id),
        }
    }
}

impl<T: std::fmt::Display> std::fmt::Display for L10n<T> {
    /// The current language's text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl<'de, T: Deserialize<'de> + Clone> Deserialize<'de> for L10n<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Either<T> {
            Both { en: T, id: T },
            One(T),
        }
        Ok(match Either::deserialize(d)? {
            Either::Both { en, id } => L10n { en, id },
            Either::One(v) => L10n::same(v),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_follow_the_ambient_language() {
        assert_eq!(lang(), Lang::En);
        assert_eq!(t("rows", "baris"), "rows");
        let n = 3;
        let both = L10n::build(|| tf!("{n} rows", "{n} baris"));
        assert_eq!(both.en, "3 rows");
        assert_eq!(both.id, "3 baris");
        assert_eq!(with_lang(Lang::Id, || both.get().clone()), "3 baris");
        assert_eq!(
            with_lang(Lang::Id, || tf!("{} of {}", "{} dari {}", 1, 2)),
            "1 dari 2"
        );
        assert_eq!(lang(), Lang::En, "with_lang restores the language");
    }

    #[test]
    fn codes() {
        assert_eq!(Lang::from_code("id-ID"), Some(Lang::Id));
        assert_eq!(Lang::from_code("in"), Some(Lang::Id));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
    }

    #[test]
    fn l10n_reads_both_forms() {
        let both: L10n<String> = serde_json::from_str(r#"{"en":"yes","id":"ya"}"#).unwrap();
        assert_eq!(both.id, "ya");
        let one: L10n<String> = serde_json::from_str(r#""name""#).unwrap();
        assert_eq!(one, L10n::same("name".to_string()));
        let list: L10n<Vec<String>> = serde_json::from_str(r#"["a","b"]"#).unwrap();
        assert_eq!(list.id, vec!["a", "b"]);
        let json = serde_json::to_string(&both).unwrap();
        assert_eq!(json, r#"{"en":"yes","id":"ya"}"#);
    }
}
