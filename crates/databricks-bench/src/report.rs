//! The results table.

use crate::child::Sample;

/// What a row's throughput counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Requests per second.
    Requests,
    /// Listed items per second.
    Items,
    /// Payload MiB per second.
    Bytes,
}

/// A target a row is checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Check {
    /// SDK median time / baseline median time at most this.
    TimeRatioAtMost(f64),
    /// SDK throughput / baseline throughput at least this.
    ThroughputRatioAtLeast(f64),
    /// Peak RSS above idle at most this many MiB.
    PeakAboveIdleAtMost(f64),
    /// Peak above idle within this many MiB of the reference row's.
    PeakWithinOf(f64),
    /// A plain value at most this (e.g. bytes of memory per stored byte).
    ValueAtMost(f64),
}

/// One line of the table.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// Scenario name.
    pub scenario: String,
    /// Variant (`sdk`, `bare`, ...).
    pub variant: String,
    /// The measured samples.
    pub samples: Vec<Sample>,
    /// Throughput unit.
    pub unit: Option<Unit>,
    /// The checks: `(index of the reference row in the table, check)`.
    pub checks: Vec<(usize, Check)>,
    /// A value to show in the "vs bare" column instead (emulator rows).
    pub value: Option<(String, f64)>,
    /// Free text (why a row is not available, what a number means).
    pub note: String,
}

impl Row {
    /// A row saying the scenario could not run, and why.
    pub fn unavailable(scenario: &str, variant: &str, why: impl Into<String>) -> Self {
        Self {
            scenario: scenario.to_owned(),
            variant: variant.to_owned(),
            note: why.into(),
            ..Self::default()
        }
    }

    /// Median wall time.
    pub fn median_secs(&self) -> Option<f64> {
        median(self.samples.iter().map(|s| s.secs).collect())
    }

    /// Units per second at the median time (ops or bytes of the median sample).
    pub fn throughput(&self) -> Option<f64> {
        let secs = self.median_secs()?;
        let first = self.samples.first()?;
        let amount = match self.unit? {
            Unit::Requests | Unit::Items => first.ops as f64,
            Unit::Bytes => first.bytes as f64 / (1024.0 * 1024.0),
        };
        (secs > 0.0).then(|| amount / secs)
    }

    /// Median client CPU time per op (request or item), or per MiB for byte rows.
    pub fn cpu_per_unit(&self) -> Option<f64> {
        let cpu = median(self.samples.iter().map(|s| s.cpu_secs).collect())?;
        let first = self.samples.first()?;
        let units = match self.unit? {
            Unit::Requests | Unit::Items => first.ops as f64,
            Unit::Bytes => first.bytes as f64 / (1024.0 * 1024.0),
        };
        (cpu > 0.0 && units > 0.0).then(|| cpu / units)
    }

    /// Largest peak RSS over the samples, KiB.
    pub fn peak_kib(&self) -> Option<u64> {
        self.samples.iter().map(|s| s.peak_rss_kib).max()
    }

    /// Largest peak-above-idle over the samples, MiB.
    pub fn above_idle_mib(&self) -> Option<f64> {
        self.samples
            .iter()
            .map(|s| s.peak_rss_kib.saturating_sub(s.idle_rss_kib) as f64 / 1024.0)
            .reduce(f64::max)
    }
}

fn median(mut v: Vec<f64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mid = v.len() / 2;
    Some(if v.len() % 2 == 0 {
        (v[mid - 1] + v[mid]) / 2.0
    } else {
        v[mid]
    })
}

fn fmt_secs(s: f64) -> String {
    if s >= 1.0 {
        format!("{s:.2} s")
    } else {
        format!("{:.1} ms", s * 1000.0)
    }
}

fn fmt_cpu(per: f64, unit: Unit) -> String {
    match unit {
        Unit::Requests => format!("{:.1} us/req", per * 1e6),
        Unit::Items => format!("{:.2} us/item", per * 1e6),
        Unit::Bytes => format!("{:.1} ms/MiB", per * 1e3),
    }
}

fn fmt_rate(r: f64, unit: Unit) -> String {
    match unit {
        Unit::Requests => format!("{r:.0} req/s"),
        Unit::Items => format!("{r:.0} items/s"),
        Unit::Bytes => format!("{r:.1} MiB/s"),
    }
}

/// The comparison cells of row `i`: (value, target, verdict), one per check, joined.
fn comparison(rows: &[Row], i: usize) -> (String, String, String) {
    let row = &rows[i];
    let mut cells: Vec<(String, String, String)> = Vec::new();
    if let Some((label, v)) = &row.value {
        let check = row.checks.iter().find_map(|(_, c)| match c {
            Check::ValueAtMost(max) => Some(*max),
            _ => None,
        });
        cells.push(match check {
            Some(max) => (
                format!("{label} {v:.3}"),
                format!("<= {max:.2}"),
                verdict(Some(*v <= max)),
            ),
            None => (format!("{label} {v:.3}"), String::new(), String::new()),
        });
    }
    for (j, check) in &row.checks {
        if let Some(reference) = rows.get(*j) {
            if let Some(cell) = check_cells(row, reference, *check) {
                cells.push(cell);
            }
            let ratio_check = matches!(
                check,
                Check::TimeRatioAtMost(_) | Check::ThroughputRatioAtLeast(_)
            );
            if let (true, Some(a), Some(b)) =
                (ratio_check, row.cpu_per_unit(), reference.cpu_per_unit())
            {
                cells.push((format!("cpu x{:.2}", a / b), String::new(), String::new()));
            }
        }
    }
    let join = |f: fn(&(String, String, String)) -> &String| {
        cells
            .iter()
            .map(f)
            .filter(|c| !c.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join("; ")
    };
    (join(|c| &c.0), join(|c| &c.1), join(|c| &c.2))
}

fn check_cells(row: &Row, reference: &Row, check: Check) -> Option<(String, String, String)> {
    Some(match check {
        Check::TimeRatioAtMost(max) => {
            let (a, b) = (row.median_secs()?, reference.median_secs()?);
            let r = (b > 0.0).then(|| a / b)?;
            (
                format!("time x{r:.3}"),
                format!("<= {max:.2}"),
                verdict(Some(r <= max)),
            )
        }
        Check::ThroughputRatioAtLeast(min) => {
            let (a, b) = (row.throughput()?, reference.throughput()?);
            let r = (b > 0.0).then(|| a / b)?;
            (
                format!("tput x{r:.3}"),
                format!(">= {min:.2}"),
                verdict(Some(r >= min)),
            )
        }
        Check::PeakAboveIdleAtMost(max) => {
            let a = row.above_idle_mib()?;
            (
                format!("+{a:.1} MiB over idle"),
                format!("<= +{max:.0} MiB"),
                verdict(Some(a <= max)),
            )
        }
        Check::PeakWithinOf(within) => {
            let (a, b) = (row.above_idle_mib()?, reference.above_idle_mib()?);
            (
                format!("{:+.1} MiB vs {}", a - b, reference.variant),
                format!("+-{within:.0} MiB"),
                verdict(Some((a - b).abs() <= within)),
            )
        }
        Check::ValueAtMost(_) => return None,
    })
}

fn verdict(ok: Option<bool>) -> String {
    match ok {
        Some(true) => "ok".into(),
        Some(false) => "MISS".into(),
        None => String::new(),
    }
}

/// Renders the table (Markdown-compatible, so it pastes into BENCHMARKS.md as is).
pub fn render(rows: &[Row]) -> String {
    let header = [
        "scenario",
        "variant",
        "runs",
        "median",
        "throughput",
        "client CPU",
        "peak RSS (above idle)",
        "vs bare",
        "target",
        "",
        "note",
    ];
    let mut cells: Vec<Vec<String>> = vec![header.iter().map(|s| (*s).to_owned()).collect()];
    for (i, row) in rows.iter().enumerate() {
        let (vs, target, ok) = comparison(rows, i);
        let peak = match (row.peak_kib(), row.above_idle_mib()) {
            (Some(p), Some(a)) if p > 0 => format!("{:.1} MiB (+{a:.1})", p as f64 / 1024.0),
            (Some(_), _) => "n/a".into(),
            (None, _) => String::new(),
        };
        cells.push(vec![
            row.scenario.clone(),
            row.variant.clone(),
            if row.samples.is_empty() {
                String::new()
            } else {
                row.samples.len().to_string()
            },
            row.median_secs().map(fmt_secs).unwrap_or_default(),
            match (row.throughput(), row.unit) {
                (Some(r), Some(u)) => fmt_rate(r, u),
                _ => String::new(),
            },
            match (row.cpu_per_unit(), row.unit) {
                (Some(c), Some(u)) => fmt_cpu(c, u),
                _ => String::new(),
            },
            peak,
            vs,
            target,
            ok,
            row.note.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |r: &[String]| {
        let padded: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("| {} |", padded.join(" | ")).trim_end().to_owned()
    };
    let mut out = String::new();
    out.push_str(&line(&cells[0]));
    out.push('\n');
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&format!("|-{}-|", rule.join("-|-")));
    out.push('\n');
    for r in &cells[1..] {
        out.push_str(&line(r));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(secs: f64, ops: u64) -> Sample {
        Sample {
            secs,
            ops,
            bytes: 0,
            idle_rss_kib: 1024,
            peak_rss_kib: 2048,
            cpu_secs: 0.5,
        }
    }

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), Some(2.5));
        assert_eq!(median(vec![]), None);
    }

    #[test]
    fn renders_ratios() {
        let bare = Row {
            scenario: "small-calls".into(),
            variant: "bare".into(),
            samples: vec![sample(1.0, 100)],
            unit: Some(Unit::Requests),
            ..Row::default()
        };
        let sdk = Row {
            variant: "sdk".into(),
            samples: vec![sample(1.05, 100)],
            checks: vec![(0, Check::TimeRatioAtMost(1.10))],
            ..bare.clone()
        };
        let table = render(&[
            bare,
            sdk,
            Row::unavailable("paginate", "sdk", "not available"),
        ]);
        assert!(table.contains("time x1.050"), "{table}");
        assert!(
            table.contains("cpu x1.00") && table.contains("5000.0 us/req"),
            "{table}"
        );
        assert!(table.contains("100 req/s"));
        assert!(table.contains("2.0 MiB (+1.0)"));
        assert!(table.contains("not available"));
        assert!(table.lines().all(|l| l.starts_with('|')));
    }
}
