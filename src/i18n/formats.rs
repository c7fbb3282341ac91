//! Dates and numbers as each language writes them: "2026-11-23" and
//! "23.11.2026", "November 2026" and "Ноябрь 2026", "3.5" and "3,5".
//!
//! The month and weekday names live in the catalog rather than in chrono's
//! `unstable-locales`, whose Russian `%B` is the genitive "ноября": right in
//! "23 ноября", wrong as a calendar heading.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone};

use super::catalog;

catalog! {
    /// Patterns are chrono's (`%Y`, `%d`, `%H`...), except that `%B` and
    /// `%a` take the names below.
    pub struct Formats in "formats" {
        /// Month names as a heading would show them, January first.
        months: [String; 12],
        /// Short weekday names, Monday first.
        weekdays: [String; 7],
        /// Two-letter weekday names for a calendar's header, Monday first.
        weekdays_min: [String; 7],
        date: String,
        day_month: String,
        date_time: String,
        month_year: String,
        weekday_date: String,
        decimal_point: String,
        /// `{n}` is the whole percentage.
        percent: String,
    }
}

impl Formats {
    /// `pattern` with `%B` and `%a` replaced by this language's names for
    /// `d`, ready for chrono's `format`.
    fn pattern(&self, pattern: &str, d: &impl Datelike) -> String {
        // A `%` in a name would read as a specifier; none has one, but
        // escaping keeps that a property of the code, not of the files.
        let name = |s: &str| s.replace('%', "%%");
        pattern
            .replace("%B", &name(&self.months[d.month0() as usize]))
            .replace(
                "%a",
                &name(&self.weekdays[d.weekday().num_days_from_monday() as usize]),
            )
    }

    fn naive(&self, pattern: &str, d: NaiveDate) -> String {
        d.format(&self.pattern(pattern, &d)).to_string()
    }

    /// "2026-11-23" / "23.11.2026".
    pub fn date(&self, d: NaiveDate) -> String {
        self.naive(&self.date, d)
    }

    /// "11-23" / "23.11".
    pub fn day_month(&self, d: NaiveDate) -> String {
        self.naive(&self.day_month, d)
    }

    /// "November 2026" / "Ноябрь 2026".
    pub fn month_year(&self, d: NaiveDate) -> String {
        self.naive(&self.month_year, d)
    }

    /// "Mon 2026-11-23" / "пн 23.11.2026".
    pub fn weekday_date(&self, d: NaiveDate) -> String {
        self.naive(&self.weekday_date, d)
    }

    /// "2026-11-23 07:05" / "23.11.2026 07:05", in the time's own zone.
    pub fn date_time<Tz: TimeZone>(&self, t: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        t.format(&self.pattern(&self.date_time, t)).to_string()
    }

    /// `x` with `places` decimals: "3.5" / "3,5".
    pub fn decimal(&self, x: f64, places: usize) -> String {
        format!("{x:.places$}").replace('.', &self.decimal_point)
    }

    /// A ratio (0.0–1.0) as a whole percentage: "85%" / "85 %".
    pub fn percent(&self, ratio: f64) -> String {
        let n = format!("{:.0}", ratio * 100.0);
        super::fill(&self.percent, &[("n", &n)])
    }
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, NaiveDate};

    use super::*;
    use crate::i18n::Lang;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn english_dates_are_iso() {
        let f = Formats::load(Lang::En);
        assert_eq!(f.date(day()), "2026-11-23");
        assert_eq!(f.day_month(day()), "11-23");
        assert_eq!(f.month_year(day()), "November 2026");
        assert_eq!(f.weekday_date(day()), "Mon 2026-11-23");
    }

    #[test]
    fn russian_dates_put_the_day_first() {
        let f = Formats::load(Lang::Ru);
        assert_eq!(f.date(day()), "23.11.2026");
        assert_eq!(f.day_month(day()), "23.11");
        assert_eq!(f.month_year(day()), "Ноябрь 2026");
        assert_eq!(f.weekday_date(day()), "пн 23.11.2026");
        let may = NaiveDate::from_ymd_opt(2026, 5, 3).unwrap();
        assert_eq!(f.month_year(may), "Май 2026");
        assert_eq!(f.weekday_date(may), "вс 03.05.2026");
    }

    #[test]
    fn times_keep_their_own_offset() {
        let moscow = FixedOffset::east_opt(3 * 3600).unwrap();
        let t = day()
            .and_hms_opt(7, 5, 0)
            .unwrap()
            .and_local_timezone(moscow)
            .unwrap();
        assert_eq!(Formats::load(Lang::En).date_time(&t), "2026-11-23 07:05");
        assert_eq!(Formats::load(Lang::Ru).date_time(&t), "23.11.2026 07:05");
    }

    #[test]
    fn numbers_use_each_languages_separator() {
        let (en, ru) = (Formats::load(Lang::En), Formats::load(Lang::Ru));
        assert_eq!(en.decimal(3.25, 1), "3.2");
        assert_eq!(ru.decimal(3.5, 1), "3,5");
        assert_eq!(en.percent(0.857), "86%");
        assert_eq!(ru.percent(0.857), "86\u{a0}%");
    }

    #[test]
    fn every_month_and_weekday_has_a_name() {
        for lang in [Lang::En, Lang::Ru] {
            let f = Formats::load(lang);
            let names = f.months.iter().chain(&f.weekdays).chain(&f.weekdays_min);
            for name in names {
                assert!(!name.trim().is_empty(), "{lang:?}: an empty name");
            }
        }
    }
}
