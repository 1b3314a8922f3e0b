//! Quartz cron expressions (`schedule.quartz_cron_expression`) and Java time-zone ids
//! (`schedule.timezone_id`): parsing with Quartz's rules, and fire times in a zone.
//!
//! An expression has 6 or 7 fields: seconds, minutes, hours, day-of-month, month,
//! day-of-week and an optional year. Each field is `*`, a value, a range `a-b` (ranges may
//! wrap, `FRI-MON`), a step `a/n`, `*/n` or `a-b/n`, or a comma list of those. Months take
//! `JAN`..`DEC`, days of the week `SUN`..`SAT` (or 1..7, Sunday first). Exactly one of
//! day-of-month and day-of-week is `?`. Day-of-month also takes `L` (last day), `L-n`
//! (n days before it), `LW` (last weekday) and `nW` (the weekday nearest day n, within the
//! month); day-of-week `L` (Saturday), `nL` (last day n of the month) and `n#k` (the k-th day n
//! of the month); these stand alone in their field, as Quartz requires.
//!
//! Fire times are computed on the civil clock of the zone and mapped to instants the way
//! `java.util.Calendar` does: a civil time in a gap (spring forward) fires when the clocks
//! show the first time after the gap, a civil time in a fold (fall back) fires once, at its
//! first occurrence. So an hourly schedule in a zone with daylight saving time skips an hour
//! in spring and waits two hours in autumn, as the Databricks documentation warns.

use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};

/// Smallest year of the year field.
const MIN_YEAR: i16 = 1970;
/// Largest year of the year field (Quartz documents 1970-2099).
const MAX_YEAR: i16 = 2099;
/// Fire times are searched up to the end of this year.
const SEARCH_END_YEAR: i16 = 2199;
/// Bound on the candidates tried when zone transitions map civil times onto instants outside
/// the wanted side of a bound (at most one hour of per-second candidates in practice).
const MAX_CANDIDATES: usize = 10_000;

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// One field of an expression: its name, its range and its names (for `min..`).
struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const SECONDS: Field = Field {
    name: "seconds",
    min: 0,
    max: 59,
    names: &[],
};
const MINUTES: Field = Field {
    name: "minutes",
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Field = Field {
    name: "hours",
    min: 0,
    max: 23,
    names: &[],
};
const DAY_OF_MONTH: Field = Field {
    name: "day-of-month",
    min: 1,
    max: 31,
    names: &[],
};
const MONTH: Field = Field {
    name: "month",
    min: 1,
    max: 12,
    names: &MONTHS,
};
const DAY_OF_WEEK: Field = Field {
    name: "day-of-week",
    min: 1,
    max: 7,
    names: &DAYS,
};
const YEAR: Field = Field {
    name: "year",
    min: MIN_YEAR as u32,
    max: MAX_YEAR as u32,
    names: &[],
};

/// The day-of-month field.
#[derive(Debug, Clone, PartialEq)]
enum DayOfMonth {
    /// `?`: the day-of-week field decides.
    NoSpec,
    /// The days (index 1..=31).
    Days(Vec<bool>),
    /// `L` or `L-n`: the last day of the month, minus `n`.
    Last(u32),
    /// `LW`: the last weekday (Monday..Friday) of the month.
    LastWeekday,
    /// `nW`: the weekday nearest day `n`, within the month.
    NearestWeekday(u32),
}

/// The day-of-week field (1 = Sunday .. 7 = Saturday).
#[derive(Debug, Clone, PartialEq)]
enum DayOfWeek {
    /// `?`: the day-of-month field decides.
    NoSpec,
    /// The days (index 1..=7).
    Days(Vec<bool>),
    /// `nL`: the last day `n` of the month.
    Last(u32),
    /// `n#k`: the k-th day `n` of the month.
    Nth(u32, u32),
}

/// A parsed Quartz cron expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Cron {
    seconds: Vec<bool>,
    minutes: Vec<bool>,
    hours: Vec<bool>,
    dom: DayOfMonth,
    months: Vec<bool>,
    dow: DayOfWeek,
    /// Index = year; `None`: every year.
    years: Option<Vec<bool>>,
}

/// Parses an expression; the error says what is wrong with it.
pub(crate) fn parse(expr: &str) -> Result<Cron, String> {
    let upper = expr.to_ascii_uppercase();
    let fields: Vec<&str> = upper.split_whitespace().collect();
    if !(6..=7).contains(&fields.len()) {
        return Err(format!(
            "Expected 6 or 7 fields (seconds, minutes, hours, day-of-month, month, \
             day-of-week and an optional year), got {}",
            fields.len()
        ));
    }
    for (i, text) in fields.iter().enumerate() {
        match i {
            // Day-of-week: names, `L` and `#` are all its own.
            5 => {}
            3 if text.contains('#') => {
                return Err("'#' can only be used in the day-of-week field".into());
            }
            3 => {}
            _ => {
                // Month names (`JUL`) are not the special characters.
                let rest = if i == 4 {
                    without_names(text, &MONTHS)
                } else {
                    (*text).to_owned()
                };
                for (c, fields) in [
                    ('?', "day-of-month and day-of-week fields"),
                    ('L', "day-of-month and day-of-week fields"),
                    ('W', "day-of-month field"),
                    ('#', "day-of-week field"),
                ] {
                    if rest.contains(c) {
                        return Err(format!("'{c}' can only be used in the {fields}"));
                    }
                }
            }
        }
    }
    let cron = Cron {
        seconds: parse_list(fields[0], &SECONDS)?,
        minutes: parse_list(fields[1], &MINUTES)?,
        hours: parse_list(fields[2], &HOURS)?,
        dom: parse_dom(fields[3])?,
        months: parse_list(fields[4], &MONTH)?,
        dow: parse_dow(fields[5])?,
        years: fields.get(6).map(|y| parse_list(y, &YEAR)).transpose()?,
    };
    match (&cron.dom, &cron.dow) {
        (DayOfMonth::NoSpec, DayOfWeek::NoSpec) => {
            Err("'?' can only be specified for day-of-month -OR- day-of-week, not both".into())
        }
        (DayOfMonth::NoSpec, _) | (_, DayOfWeek::NoSpec) => Ok(cron),
        _ => Err(
            "Specifying both a day-of-month and a day-of-week is not supported: \
             use '?' in one of them"
                .into(),
        ),
    }
}

/// `text` without the names of `names` (`JUL-AUG` -> `-`).
fn without_names(text: &str, names: &[&str]) -> String {
    let mut out = text.to_owned();
    for name in names {
        out = out.replace(name, "");
    }
    out
}

/// A value of a field: a number or (for months and days of the week) a name.
fn value(text: &str, field: &Field) -> Result<u32, String> {
    let v = if let Ok(n) = text.parse::<u32>() {
        n
    } else if let Some(i) = field.names.iter().position(|n| *n == text) {
        field.min + i as u32
    } else {
        return Err(format!(
            "Invalid value '{text}' in the {} field",
            field.name
        ));
    };
    if !(field.min..=field.max).contains(&v) {
        return Err(format!(
            "{} values must be between {} and {}, got {v}",
            capitalized(field.name),
            field.min,
            field.max
        ));
    }
    Ok(v)
}

fn capitalized(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// A comma list of `*`, values, ranges and steps, as a table indexed by value.
fn parse_list(text: &str, field: &Field) -> Result<Vec<bool>, String> {
    let mut set = vec![false; field.max as usize + 1];
    for item in text.split(',') {
        if item.is_empty() {
            return Err(format!("Empty list element in the {} field", field.name));
        }
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => {
                let size = field.max - field.min + 1;
                let step: u32 = step.parse().map_err(|_| {
                    format!(
                        "'/' must be followed by an increment in the {} field, got '{item}'",
                        field.name
                    )
                })?;
                if !(1..=size).contains(&step) {
                    return Err(format!(
                        "The increment in the {} field must be between 1 and {size}, got {step}",
                        field.name
                    ));
                }
                (base, Some(step))
            }
            None => (item, None),
        };
        let (start, end) = if base == "*" {
            (field.min, field.max)
        } else if let Some((a, b)) = base.split_once('-') {
            (value(a, field)?, value(b, field)?)
        } else {
            let v = value(base, field)?;
            // `a/n` runs from a to the end of the range.
            (v, if step.is_some() { field.max } else { v })
        };
        let size = field.max - field.min + 1;
        // Ranges may wrap (`FRI-MON`, `22-2`).
        let span = (end + size - start) % size;
        let step = step.unwrap_or(1);
        let mut offset = 0;
        while offset <= span {
            let v = field.min + (start - field.min + offset) % size;
            set[v as usize] = true;
            offset += step;
        }
    }
    Ok(set)
}

fn parse_dom(text: &str) -> Result<DayOfMonth, String> {
    if text == "?" {
        return Ok(DayOfMonth::NoSpec);
    }
    if text.contains('?') {
        return Err("'?' must stand alone in the day-of-month field".into());
    }
    if !text.contains(['L', 'W']) {
        return parse_list(text, &DAY_OF_MONTH).map(DayOfMonth::Days);
    }
    if text.contains([',', '/', '*']) || (text.contains('-') && !text.starts_with("L-")) {
        return Err(
            "'L' and 'W' cannot be combined with other values, ranges or steps in the \
             day-of-month field"
                .into(),
        );
    }
    if text == "L" {
        return Ok(DayOfMonth::Last(0));
    }
    if text == "LW" {
        return Ok(DayOfMonth::LastWeekday);
    }
    if let Some(offset) = text.strip_prefix("L-") {
        return match offset.parse::<u32>() {
            Ok(n) if n <= 30 => Ok(DayOfMonth::Last(n)),
            _ => Err(format!(
                "The offset from the last day of the month must be between 0 and 30, got '{offset}'"
            )),
        };
    }
    if let Some(day) = text.strip_suffix('W') {
        if let Ok(day) = day.parse::<u32>() {
            return value(&day.to_string(), &DAY_OF_MONTH).map(DayOfMonth::NearestWeekday);
        }
    }
    Err(format!(
        "Invalid day-of-month '{text}': 'L', 'L-n', 'LW' and 'nW' are the special forms"
    ))
}

fn parse_dow(text: &str) -> Result<DayOfWeek, String> {
    if text == "?" {
        return Ok(DayOfWeek::NoSpec);
    }
    if text.contains('?') {
        return Err("'?' must stand alone in the day-of-week field".into());
    }
    // No day name has an `L`.
    if !text.contains(['#', 'L']) {
        return parse_list(text, &DAY_OF_WEEK).map(DayOfWeek::Days);
    }
    if text.contains([',', '/', '*', '-']) {
        return Err(
            "'L' and '#' cannot be combined with other values, ranges or steps in the \
             day-of-week field"
                .into(),
        );
    }
    if text == "L" {
        // `L` alone is the last day of the week: Saturday.
        let mut days = vec![false; 8];
        days[7] = true;
        return Ok(DayOfWeek::Days(days));
    }
    if let Some((day, nth)) = text.split_once('#') {
        let day = value(day, &DAY_OF_WEEK)?;
        return match nth.parse::<u32>() {
            Ok(n) if (1..=5).contains(&n) => Ok(DayOfWeek::Nth(day, n)),
            _ => Err(format!(
                "The value after '#' must be between 1 and 5, got '{nth}'"
            )),
        };
    }
    let day = text.strip_suffix('L').unwrap_or(text);
    value(day, &DAY_OF_WEEK).map(DayOfWeek::Last)
}

/// Sunday = 1 .. Saturday = 7.
fn weekday(d: Date) -> u32 {
    u32::try_from(d.weekday().to_sunday_one_offset()).unwrap_or(1)
}

fn day(d: Date) -> u32 {
    u32::try_from(d.day()).unwrap_or(0)
}

fn days_in_month(d: Date) -> u32 {
    u32::try_from(d.days_in_month()).unwrap_or(31)
}

fn index(set: &[bool], v: impl TryInto<usize>) -> bool {
    v.try_into()
        .ok()
        .and_then(|i| set.get(i).copied())
        .unwrap_or(false)
}

/// The weekday (Monday..Friday) nearest day `n` of `d`'s month, within the month.
fn nearest_weekday(d: Date, n: u32) -> Option<u32> {
    let last = days_in_month(d);
    if n > last {
        return None;
    }
    let target = Date::new(d.year(), d.month(), i8::try_from(n).ok()?).ok()?;
    Some(match weekday(target) {
        7 if n == 1 => 3,
        7 => n - 1,
        1 if n == last => n - 2,
        1 => n + 1,
        _ => n,
    })
}

fn last_weekday(d: Date) -> u32 {
    let last = days_in_month(d);
    match weekday(d.last_of_month()) {
        7 => last - 1,
        1 => last - 2,
        _ => last,
    }
}

impl Cron {
    fn date_matches(&self, d: Date) -> bool {
        if !index(&self.months, d.month()) {
            return false;
        }
        if let Some(years) = &self.years {
            if !index(years, d.year()) {
                return false;
            }
        }
        let day = day(d);
        let dom = match &self.dom {
            DayOfMonth::NoSpec => true,
            DayOfMonth::Days(days) => index(days, day),
            DayOfMonth::Last(offset) => days_in_month(d).checked_sub(*offset) == Some(day),
            DayOfMonth::LastWeekday => last_weekday(d) == day,
            DayOfMonth::NearestWeekday(n) => nearest_weekday(d, *n) == Some(day),
        };
        let dow = match &self.dow {
            DayOfWeek::NoSpec => true,
            DayOfWeek::Days(days) => index(days, weekday(d)),
            DayOfWeek::Last(w) => weekday(d) == *w && day + 7 > days_in_month(d),
            DayOfWeek::Nth(w, n) => weekday(d) == *w && (day - 1) / 7 + 1 == *n,
        };
        dom && dow
    }

    /// The first time of day strictly after `h:m:s` (inclusive when `inclusive`).
    fn time_after(&self, h: i8, m: i8, s: i8, inclusive: bool) -> Option<(i8, i8, i8)> {
        for hh in h..24 {
            if !index(&self.hours, hh) {
                continue;
            }
            let m0 = if hh == h { m } else { 0 };
            for mm in m0..60 {
                if !index(&self.minutes, mm) {
                    continue;
                }
                let s0 = match (hh == h && mm == m, inclusive) {
                    (true, true) => s,
                    (true, false) => s + 1,
                    (false, _) => 0,
                };
                if let Some(ss) = (s0..60).find(|ss| index(&self.seconds, *ss)) {
                    return Some((hh, mm, ss));
                }
            }
        }
        None
    }

    /// The last time of day at or before `h:m:s`.
    fn time_before(&self, h: i8, m: i8, s: i8) -> Option<(i8, i8, i8)> {
        for hh in (0..=h).rev() {
            if !index(&self.hours, hh) {
                continue;
            }
            let m0 = if hh == h { m } else { 59 };
            for mm in (0..=m0).rev() {
                if !index(&self.minutes, mm) {
                    continue;
                }
                let s0 = if hh == h && mm == m { s } else { 59 };
                if let Some(ss) = (0..=s0).rev().find(|ss| index(&self.seconds, *ss)) {
                    return Some((hh, mm, ss));
                }
            }
        }
        None
    }

    fn years_allow(&self, year: i16) -> bool {
        self.years.as_ref().is_none_or(|y| index(y, year))
    }

    /// The first matching civil time strictly after `after`.
    fn next_civil(&self, after: DateTime) -> Option<DateTime> {
        let date = after.date();
        if self.date_matches(date) {
            if let Some((h, m, s)) =
                self.time_after(after.hour(), after.minute(), after.second(), false)
            {
                return Some(date.at(h, m, s, 0));
            }
        }
        let (h, m, s) = self.time_after(0, 0, 0, true)?;
        let mut d = date.tomorrow().ok()?;
        while d.year() <= SEARCH_END_YEAR {
            if !self.years_allow(d.year()) {
                d = Date::new(d.year() + 1, 1, 1).ok()?;
            } else if !index(&self.months, d.month()) {
                d = d.last_of_month().tomorrow().ok()?;
            } else if self.date_matches(d) {
                return Some(d.at(h, m, s, 0));
            } else {
                d = d.tomorrow().ok()?;
            }
        }
        None
    }

    /// The last matching civil time at or before `at`.
    fn prev_civil(&self, at: DateTime) -> Option<DateTime> {
        let date = at.date();
        if self.date_matches(date) {
            if let Some((h, m, s)) = self.time_before(at.hour(), at.minute(), at.second()) {
                return Some(date.at(h, m, s, 0));
            }
        }
        let (h, m, s) = self.time_before(23, 59, 59)?;
        let mut d = date.yesterday().ok()?;
        while d.year() >= MIN_YEAR {
            if !self.years_allow(d.year()) {
                d = Date::new(d.year() - 1, 12, 31).ok()?;
            } else if !index(&self.months, d.month()) {
                d = d.first_of_month().yesterday().ok()?;
            } else if self.date_matches(d) {
                return Some(d.at(h, m, s, 0));
            } else {
                d = d.yesterday().ok()?;
            }
        }
        None
    }

    /// The first fire time strictly after `after_ms` (epoch ms) in `tz`.
    pub(crate) fn next_after(&self, tz: &TimeZone, after_ms: i64) -> Option<i64> {
        let mut civil = civil_second(tz, after_ms)?;
        for _ in 0..MAX_CANDIDATES {
            let next = self.next_civil(civil)?;
            let at = instant(tz, next)?;
            if at > after_ms {
                return Some(at);
            }
            // A fold mapped it before the bound: look further.
            civil = next;
        }
        None
    }

    /// The last fire time at or before `at_ms` (epoch ms) in `tz`.
    pub(crate) fn last_at_or_before(&self, tz: &TimeZone, at_ms: i64) -> Option<i64> {
        let mut civil = civil_second(tz, at_ms)?;
        for _ in 0..MAX_CANDIDATES {
            let prev = self.prev_civil(civil)?;
            let at = instant(tz, prev)?;
            if at <= at_ms {
                return Some(at);
            }
            // A gap moved it after the bound: look earlier.
            civil = prev.checked_sub(SignedDuration::from_secs(1)).ok()?;
        }
        None
    }
}

/// The civil time of `ms` in `tz`, to the second.
fn civil_second(tz: &TimeZone, ms: i64) -> Option<DateTime> {
    let dt = tz.to_datetime(Timestamp::from_millisecond(ms).ok()?);
    Some(dt.date().at(dt.hour(), dt.minute(), dt.second(), 0))
}

/// The instant (epoch ms) of a civil time in `tz`: a time in a gap moves forward by the gap,
/// a time in a fold takes its first occurrence.
fn instant(tz: &TimeZone, dt: DateTime) -> Option<i64> {
    tz.to_timestamp(dt).ok().map(Timestamp::as_millisecond)
}

/// Java's three-letter time-zone ids (`ZoneId.SHORT_IDS`) that are not tz database names.
const JAVA_SHORT_IDS: [(&str, &str); 25] = [
    ("ACT", "Australia/Darwin"),
    ("AET", "Australia/Sydney"),
    ("AGT", "America/Argentina/Buenos_Aires"),
    ("ART", "Africa/Cairo"),
    ("AST", "America/Anchorage"),
    ("BET", "America/Sao_Paulo"),
    ("BST", "Asia/Dhaka"),
    ("CAT", "Africa/Harare"),
    ("CNT", "America/St_Johns"),
    ("CST", "America/Chicago"),
    ("CTT", "Asia/Shanghai"),
    ("EAT", "Africa/Addis_Ababa"),
    ("ECT", "Europe/Paris"),
    ("IET", "America/Indiana/Indianapolis"),
    ("IST", "Asia/Kolkata"),
    ("JST", "Asia/Tokyo"),
    ("MIT", "Pacific/Apia"),
    ("NET", "Asia/Yerevan"),
    ("NST", "Pacific/Auckland"),
    ("PLT", "Asia/Karachi"),
    ("PNT", "America/Phoenix"),
    ("PRT", "America/Puerto_Rico"),
    ("PST", "America/Los_Angeles"),
    ("SST", "Pacific/Guadalcanal"),
    ("VST", "Asia/Ho_Chi_Minh"),
];

/// A Java custom time-zone id: `GMT` then a sign, hours (1-2 digits) and optional minutes
/// (`:mm` or `mm` after two hour digits): `GMT+5`, `GMT-08:00`, `GMT+0530`.
fn custom_offset(id: &str) -> Option<Offset> {
    let rest = id.strip_prefix("GMT")?;
    let sign = match rest.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits = &rest[1..];
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) if (1..=2).contains(&h.len()) && m.len() == 2 => (h, m),
        Some(_) => return None,
        None if (1..=2).contains(&digits.len()) => (digits, "0"),
        None if digits.len() == 4 => digits.split_at(2),
        None => return None,
    };
    if !hours
        .bytes()
        .chain(minutes.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

/// The zone of a Java time-zone id: a tz database name (exact case), one of Java's
/// three-letter ids, or a custom `GMT+hh:mm` offset. `None` when Java would not know it.
pub(crate) fn zone(id: &str) -> Option<TimeZone> {
    if let Some(offset) = custom_offset(id) {
        return Some(TimeZone::fixed(offset));
    }
    let name = JAVA_SHORT_IDS
        .iter()
        .find(|(short, _)| *short == id)
        .map_or(id, |(_, name)| name);
    let tz = TimeZone::get(name).ok()?;
    // The database matches names regardless of case; Java ids are case-sensitive.
    (tz.iana_name() == Some(name)).then_some(tz)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Epoch ms of a civil time in a zone.
    fn ms(zone_id: &str, y: i16, mo: i8, d: i8, h: i8, mi: i8, s: i8) -> i64 {
        let tz = zone(zone_id).unwrap();
        tz.to_timestamp(jiff::civil::date(y, mo, d).at(h, mi, s, 0))
            .unwrap()
            .as_millisecond()
    }

    /// The next `n` fire times after a civil time, as civil times in the zone (ISO strings).
    fn fires(expr: &str, zone_id: &str, from: (i16, i8, i8, i8, i8, i8), n: usize) -> Vec<String> {
        let cron = parse(expr).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let tz = zone(zone_id).unwrap();
        let (y, mo, d, h, mi, s) = from;
        let mut t = ms(zone_id, y, mo, d, h, mi, s);
        let mut out = Vec::new();
        for _ in 0..n {
            let Some(next) = cron.next_after(&tz, t) else {
                break;
            };
            let zoned = Timestamp::from_millisecond(next)
                .unwrap()
                .to_zoned_datetime(tz.clone());
            out.push(zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
            t = next;
        }
        out
    }

    #[test]
    fn next_fire_times() {
        let start = (2024, 1, 1, 0, 0, 0); // a Monday
        let cases: &[(&str, usize, &[&str])] = &[
            (
                "0 15 10 ? * *",
                2,
                &["2024-01-01T10:15:00+00:00", "2024-01-02T10:15:00+00:00"],
            ),
            (
                "0/20 * * * * ?",
                4,
                &[
                    "2024-01-01T00:00:20+00:00",
                    "2024-01-01T00:00:40+00:00",
                    "2024-01-01T00:01:00+00:00",
                    "2024-01-01T00:01:20+00:00",
                ],
            ),
            (
                "0 0 22-2 * * ?",
                4,
                &[
                    "2024-01-01T01:00:00+00:00",
                    "2024-01-01T02:00:00+00:00",
                    "2024-01-01T22:00:00+00:00",
                    "2024-01-01T23:00:00+00:00",
                ],
            ),
            (
                "0 0 12 ? * MON-WED/2",
                3,
                &[
                    "2024-01-01T12:00:00+00:00",
                    "2024-01-03T12:00:00+00:00",
                    "2024-01-08T12:00:00+00:00",
                ],
            ),
            (
                "0 0 12 ? * FRI-MON",
                3,
                &[
                    "2024-01-01T12:00:00+00:00",
                    "2024-01-05T12:00:00+00:00",
                    "2024-01-06T12:00:00+00:00",
                ],
            ),
            (
                "0 30 9 1,15 JAN,mar ?",
                3,
                &[
                    "2024-01-01T09:30:00+00:00",
                    "2024-01-15T09:30:00+00:00",
                    "2024-03-01T09:30:00+00:00",
                ],
            ),
            (
                "0 0 0 L * ?",
                3,
                &[
                    "2024-01-31T00:00:00+00:00",
                    "2024-02-29T00:00:00+00:00",
                    "2024-03-31T00:00:00+00:00",
                ],
            ),
            (
                "0 0 0 L-2 * ?",
                2,
                &["2024-01-29T00:00:00+00:00", "2024-02-27T00:00:00+00:00"],
            ),
            // Last weekday: 2024-03-31 is a Sunday, 2024-08-31 a Saturday.
            (
                "0 0 0 LW 3,6,8 ?",
                3,
                &[
                    "2024-03-29T00:00:00+00:00",
                    "2024-06-28T00:00:00+00:00",
                    "2024-08-30T00:00:00+00:00",
                ],
            ),
            // Nearest weekday: 2024-06-15 is a Saturday, 2024-06-01 a Saturday (-> Mon 3rd),
            // 2024-03-31 a Sunday (-> Fri 29th, staying in March).
            ("0 0 0 15W 6 ?", 1, &["2024-06-14T00:00:00+00:00"]),
            ("0 0 0 1W 6 ?", 1, &["2024-06-03T00:00:00+00:00"]),
            ("0 0 0 31W 3 ?", 1, &["2024-03-29T00:00:00+00:00"]),
            // 31W only fires in months with 31 days.
            (
                "0 0 0 31W * ?",
                2,
                &["2024-01-31T00:00:00+00:00", "2024-03-29T00:00:00+00:00"],
            ),
            // Last Friday; the third Monday; `L` alone is Saturday.
            (
                "0 0 8 ? * 6L",
                2,
                &["2024-01-26T08:00:00+00:00", "2024-02-23T08:00:00+00:00"],
            ),
            (
                "0 0 8 ? * MON#3",
                2,
                &["2024-01-15T08:00:00+00:00", "2024-02-19T08:00:00+00:00"],
            ),
            ("0 0 8 ? * 2#5", 1, &["2024-01-29T08:00:00+00:00"]),
            ("0 0 8 ? * L", 1, &["2024-01-06T08:00:00+00:00"]),
            // Leap days only; a year list; a date that never comes.
            (
                "0 0 0 29 2 ?",
                2,
                &["2024-02-29T00:00:00+00:00", "2028-02-29T00:00:00+00:00"],
            ),
            (
                "0 0 0 1 1 ? 2030/5",
                2,
                &["2030-01-01T00:00:00+00:00", "2035-01-01T00:00:00+00:00"],
            ),
            ("0 0 0 30 2 ?", 1, &[]),
            ("0 0 0 1 1 ? 2020", 1, &[]),
        ];
        for (expr, n, want) in cases {
            assert_eq!(fires(expr, "UTC", start, *n), *want, "{expr}");
        }
    }

    #[test]
    fn zones_and_daylight_saving_time() {
        // A fixed offset.
        assert_eq!(
            fires("0 0 9 * * ?", "GMT+05:30", (2024, 1, 1, 0, 0, 0), 1),
            ["2024-01-01T09:00:00+05:30"]
        );
        // Spring forward in New York (2024-03-10 02:00 -> 03:00): 02:00 does not exist and
        // fires at 03:00 together with it, 02:30 moves to 03:30.
        assert_eq!(
            fires(
                "0 0 * * * ?",
                "America/New_York",
                (2024, 3, 10, 0, 30, 0),
                3
            ),
            [
                "2024-03-10T01:00:00-05:00",
                "2024-03-10T03:00:00-04:00",
                "2024-03-10T04:00:00-04:00"
            ]
        );
        assert_eq!(
            fires(
                "0 30 2 * * ?",
                "America/New_York",
                (2024, 3, 9, 12, 0, 0),
                2
            ),
            ["2024-03-10T03:30:00-04:00", "2024-03-11T02:30:00-04:00"]
        );
        // Fall back (2024-11-03 02:00 -> 01:00): 01:00 fires once, the next is two hours on.
        assert_eq!(
            fires(
                "0 0 * * * ?",
                "America/New_York",
                (2024, 11, 3, 0, 30, 0),
                3
            ),
            [
                "2024-11-03T01:00:00-04:00",
                "2024-11-03T02:00:00-05:00",
                "2024-11-03T03:00:00-05:00"
            ]
        );
        // Berlin keeps 09:00 local across the change.
        assert_eq!(
            fires("0 0 9 ? * SUN", "Europe/Berlin", (2024, 3, 20, 0, 0, 0), 2),
            ["2024-03-24T09:00:00+01:00", "2024-03-31T09:00:00+02:00"]
        );
    }

    #[test]
    fn last_fire_at_or_before() {
        let cron = parse("0 0 * * * ?").unwrap();
        let utc = zone("UTC").unwrap();
        let at = ms("UTC", 2024, 5, 1, 10, 59, 59);
        assert_eq!(
            cron.last_at_or_before(&utc, at),
            Some(ms("UTC", 2024, 5, 1, 10, 0, 0))
        );
        let exact = ms("UTC", 2024, 5, 1, 11, 0, 0);
        assert_eq!(cron.last_at_or_before(&utc, exact), Some(exact));
        // In New York just after the spring gap, the last fire is 03:00 EDT.
        let ny = zone("America/New_York").unwrap();
        let at = ms("America/New_York", 2024, 3, 10, 3, 30, 0);
        assert_eq!(
            cron.last_at_or_before(&ny, at),
            Some(ms("America/New_York", 2024, 3, 10, 3, 0, 0))
        );
        // 02:30 daily: on the day of the gap it fired at 03:30, not before.
        let daily = parse("0 30 2 * * ?").unwrap();
        let at = ms("America/New_York", 2024, 3, 10, 3, 10, 0);
        assert_eq!(
            daily.last_at_or_before(&ny, at),
            Some(ms("America/New_York", 2024, 3, 9, 2, 30, 0))
        );
        let never = parse("0 0 0 1 1 ? 2090").unwrap();
        assert_eq!(never.last_at_or_before(&utc, at), None);
    }

    #[test]
    fn invalid_expressions_say_why() {
        let cases = [
            ("0 0 12 * *", "Expected 6 or 7 fields"),
            ("0 0 12 * * ? 2020 1", "Expected 6 or 7 fields"),
            (
                "0 30 2,7,11,15 * * *",
                "Specifying both a day-of-month and a day-of-week",
            ),
            ("0 0 12 1 * MON", "Specifying both"),
            ("0 0 12 ? * ?", "not both"),
            (
                "60 0 12 * * ?",
                "Seconds values must be between 0 and 59, got 60",
            ),
            ("0 60 12 * * ?", "Minutes values must be between 0 and 59"),
            ("0 0 24 * * ?", "Hours values must be between 0 and 23"),
            (
                "0 0 0 32 * ?",
                "Day-of-month values must be between 1 and 31",
            ),
            (
                "0 0 0 0 * ?",
                "Day-of-month values must be between 1 and 31",
            ),
            ("0 0 0 * 13 ?", "Month values must be between 1 and 12"),
            ("0 0 0 ? * 8", "Day-of-week values must be between 1 and 7"),
            (
                "0 0 0 * * ? 1969",
                "Year values must be between 1970 and 2099",
            ),
            ("0 0 0 * FOO ?", "Invalid value 'FOO' in the month field"),
            (
                "0 0 0 ? * MONDAY",
                "Invalid value 'MONDAY' in the day-of-week field",
            ),
            ("0 0 0 * MON ?", "Invalid value 'MON' in the month field"),
            (
                "0/0 * * * * ?",
                "increment in the seconds field must be between 1 and 60",
            ),
            ("0/61 * * * * ?", "between 1 and 60, got 61"),
            (
                "0 0 */25 * * ?",
                "increment in the hours field must be between 1 and 24",
            ),
            ("0 0/x * * * ?", "'/' must be followed by an increment"),
            (
                "0 0 ? * * ?",
                "'?' can only be used in the day-of-month and day-of-week",
            ),
            ("0 0 0 1,? * ?", "'?' must stand alone"),
            ("0 0 L * * ?", "'L' can only be used"),
            ("0 0 0 * * ? L", "'L' can only be used"),
            ("0 0 0 5W,6 * ?", "'L' and 'W' cannot be combined"),
            ("0 0 0 L,15 * ?", "'L' and 'W' cannot be combined"),
            ("0 0 0 L-31 * ?", "between 0 and 30"),
            (
                "0 0 0 32W * ?",
                "Day-of-month values must be between 1 and 31",
            ),
            ("0 0 0 XW * ?", "Invalid day-of-month 'XW'"),
            ("0 0 0 ? * 2#6", "after '#' must be between 1 and 5"),
            ("0 0 0 ? * 2#1,3#1", "'L' and '#' cannot be combined"),
            ("0 0 0 ? * 6L,2", "'L' and '#' cannot be combined"),
            ("0 0 0 # * ?", "'#' can only be used"),
            (
                "0 0 0 * JUL# ?",
                "'#' can only be used in the day-of-week field",
            ),
            (
                "0 0 W * * ?",
                "'W' can only be used in the day-of-month field",
            ),
            ("0 0 0 1,,2 * ?", "Empty list element"),
        ];
        for (expr, want) in cases {
            let err = parse(expr).expect_err(expr);
            assert!(err.contains(want), "{expr}: {err}");
        }
        for ok in [
            "0 15 22 ? * *",
            "0 0 12 ? * WED",
            "0 0 12 ? * wed",
            "0 0/5 14,18 * * ?",
            "0 10,44 14 ? 3 WED",
            "0 11 11 11 11 ?",
            "* * * * * ? *",
            "0 0 0 ? * SUN-SAT",
            "0 0 0 ? JAN-DEC/3 FRIL",
        ] {
            parse(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        }
    }

    #[test]
    fn java_time_zone_ids() {
        for id in [
            "UTC",
            "GMT",
            "America/Los_Angeles",
            "Europe/Berlin",
            "Asia/Kolkata",
            "US/Pacific",
            "Etc/GMT+5",
            "PST",
            "EST",
            "GMT+05:30",
            "GMT-8",
            "GMT+0530",
            "GMT+00:00",
        ] {
            assert!(zone(id).is_some(), "{id}");
        }
        for id in [
            "",
            "Mars/Olympus",
            "america/los_angeles",
            "utc",
            "UTC+05:30",
            "+05:30",
            "GMT+24",
            "GMT+05:60",
            "GMT+5:3",
            "GMT+123",
            "GMT05",
        ] {
            assert!(zone(id).is_none(), "{id}");
        }
        let offset = zone("GMT-08:00")
            .unwrap()
            .to_offset(Timestamp::UNIX_EPOCH)
            .seconds();
        assert_eq!(offset, -8 * 3600);
    }
}
