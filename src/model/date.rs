//! Calendar dates: parsed from `YYYY-MM-DD`, shown the German way ("25. November 2026").

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Form,
    /// Of the form, but a day no calendar has (`2026-02-30`).
    NotInCalendar,
}

/// A calendar date without time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

impl Date {
    /// Parses `YYYY-MM-DD`; `None` when it is not a real date.
    pub fn parse(s: &str) -> Option<Date> {
        Date::read(s).ok()
    }

    /// Parses `YYYY-MM-DD`, telling a wrong form from a day the calendar does not have.
    pub fn read(s: &str) -> Result<Date, DateError> {
        let mut parts = s.trim().splitn(3, '-');
        let mut part = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
                .ok_or(DateError::Form)
        };
        let (year, month, day) = (part(4)?, part(2)?, part(2)?);
        let date = Date {
            year: year as i32,
            month,
            day,
        };
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(date.year, month);
        if valid {
            Ok(date)
        } else {
            Err(DateError::NotInCalendar)
        }
    }

    /// "25. November 2026".
    pub fn german(&self) -> String {
        format!(
            "{}. {} {}",
            self.day,
            MONTHS[self.month as usize - 1],
            self.year
        )
    }

    /// Today (UTC) from the system clock.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((secs / 86_400) as i64)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(&self, later: &Date) -> i64 {
        let mut months =
            i64::from(later.year - self.year) * 12 + i64::from(later.month) - i64::from(self.month);
        if later.day < self.day {
            months -= 1;
        }
        months
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

/// A date as authors write it: `2026-11-25`.
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}$",
            "description": "Ein Datum als Jahr-Monat-Tag, z. B. `2026-11-25`.",
        })
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // The YAML explainer reads these markers and words them for authors.
        let s = String::deserialize(deserializer)?;
        Date::read(&s).map_err(|e| match e {
            DateError::Form => serde::de::Error::custom(format!("date-format:{s}")),
            DateError::NotInCalendar => serde::de::Error::custom(format!("date-impossible:{s}")),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_formats() {
        let d = Date::parse("2026-11-25").expect("valid");
        assert_eq!(d.german(), "25. November 2026");
        assert_eq!(d.to_string(), "2026-11-25");
        assert_eq!(Date::parse("2026-02-29"), None);
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("25.11.2026"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
    }

    #[test]
    fn days_since_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_417).to_string(), "2025-11-25");
    }

    #[test]
    fn month_differences() {
        let a = Date::parse("2025-11-25").expect("valid");
        let b = Date::parse("2026-11-24").expect("valid");
        assert_eq!(a.months_until(&b), 11);
        assert_eq!(
            a.months_until(&Date::parse("2026-11-25").expect("valid")),
            12
        );
    }
}
