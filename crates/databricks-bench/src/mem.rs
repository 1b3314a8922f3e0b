//! Resident memory from `/proc/<pid>/status` and CPU time from `/proc/self/task/*/schedstat`
//! (Linux). Elsewhere every value reads as 0 and the table shows `n/a`.

/// `VmRSS` and `VmHWM` (peak RSS) of a process, in KiB.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    /// Current resident set size.
    pub rss_kib: u64,
    /// Peak resident set size ("high water mark").
    pub hwm_kib: u64,
}

/// This process's memory.
pub fn own() -> Memory {
    read("/proc/self/status")
}

/// Another process's memory (0 when it cannot be read).
pub fn of_pid(pid: u32) -> Memory {
    read(&format!("/proc/{pid}/status"))
}

/// CPU time used so far by every thread of this process, in seconds (0 when unknown).
pub fn own_cpu_secs() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    let nanos: u64 = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .sum();
    nanos as f64 / 1e9
}

fn read(path: &str) -> Memory {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Memory::default();
    };
    parse(&text)
}

fn parse(text: &str) -> Memory {
    let field = |name: &str| {
        text.lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    Memory {
        rss_kib: field("VmRSS:"),
        hwm_kib: field("VmHWM:"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_status() {
        let m = parse("Name:\tx\nVmHWM:\t   12345 kB\nVmRSS:\t    678 kB\n");
        assert_eq!(
            m,
            Memory {
                rss_kib: 678,
                hwm_kib: 12345
            }
        );
        assert_eq!(parse(""), Memory::default());
    }

    #[test]
    fn own_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            let m = own();
            assert!(m.rss_kib > 0 && m.hwm_kib >= m.rss_kib);
        }
    }
}
