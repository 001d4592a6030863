//! Structured logs: one JSON object per line on stderr. The engine's audit lines are JSON
//! objects already and are written as they are; other messages are wrapped.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

use log::{Level, LevelFilter, Log, Metadata, Record};

struct JsonLines {
    level: LevelFilter,
}

impl Log for JsonLines {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= self.level
    }

    fn log(&self, record: &Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let message = record.args().to_string();
        let line = if message.starts_with('{') && message.ends_with('}') {
            message
        } else {
            let ts = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_secs_f64())
                .unwrap_or_default();
            serde_json::json!({
                "ts": ts,
                "level": level_name(record.level()),
                "msg": message,
            })
            .to_string()
        };
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{line}");
    }

    fn flush(&self) {
        let _ = std::io::stderr().flush();
    }
}

fn level_name(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warn",
        Level::Info => "info",
        Level::Debug => "debug",
        Level::Trace => "trace",
    }
}

pub fn init(level: LevelFilter) {
    if log::set_boxed_logger(Box::new(JsonLines { level })).is_ok() {
        log::set_max_level(level);
    }
}
