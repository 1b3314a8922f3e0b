//! Notebooks and their formats: SOURCE, HTML, JUPYTER (ipynb), R_MARKDOWN and DBC entries.
//!
//! A notebook is a language and a list of cells (command texts). Markdown and other magic
//! cells start with `%` (`%md`); in SOURCE form their lines carry the `MAGIC` prefix, as
//! Databricks writes them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A notebook language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Lang {
    /// Python.
    Python,
    /// Scala.
    Scala,
    /// SQL.
    Sql,
    /// R.
    R,
}

impl Lang {
    /// Parses the API value (`PYTHON`, ...), case-sensitively.
    pub(crate) fn parse(value: &str) -> Option<Self> {
        Some(match value {
            "PYTHON" => Self::Python,
            "SCALA" => Self::Scala,
            "SQL" => Self::Sql,
            "R" => Self::R,
            _ => return None,
        })
    }

    /// Parses a lower-case name (ipynb metadata, DBC entries).
    fn parse_lower(value: &str) -> Option<Self> {
        Self::parse(&value.to_ascii_uppercase())
    }

    /// The API value.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Python => "PYTHON",
            Self::Scala => "SCALA",
            Self::Sql => "SQL",
            Self::R => "R",
        }
    }

    fn lower(self) -> &'static str {
        match self {
            Self::Python => "python",
            Self::Scala => "scala",
            Self::Sql => "sql",
            Self::R => "r",
        }
    }

    /// The line comment of the language.
    fn comment(self) -> &'static str {
        match self {
            Self::Python | Self::R => "#",
            Self::Scala => "//",
            Self::Sql => "--",
        }
    }

    /// The source file extension (`py`, `scala`, `sql`, `r`).
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Self::Python => "py",
            Self::Scala => "scala",
            Self::Sql => "sql",
            Self::R => "r",
        }
    }

    /// The language of a source file extension.
    pub(crate) fn from_extension(ext: &str) -> Option<Self> {
        Some(match ext {
            "py" => Self::Python,
            "scala" => Self::Scala,
            "sql" => Self::Sql,
            "r" | "R" => Self::R,
            _ => return None,
        })
    }

    /// The extension of a DBC entry (`python`, `scala`, `sql`, `r`).
    pub(crate) fn dbc_extension(self) -> &'static str {
        self.lower()
    }

    /// The language of a DBC entry extension.
    pub(crate) fn from_dbc_extension(ext: &str) -> Option<Self> {
        Self::parse_lower(ext)
    }
}

/// A notebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Notebook {
    /// The language.
    pub(crate) language: Lang,
    /// The cells' texts.
    pub(crate) cells: Vec<String>,
}

const HEADER: &str = "Databricks notebook source";

/// Whether `text` starts with a Databricks notebook source header (any comment style).
pub(crate) fn has_source_header(text: &[u8]) -> bool {
    let first = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let first = first.trim();
    ["#", "//", "--"]
        .iter()
        .any(|c| first == format!("{c} {HEADER}"))
}

fn utf8(data: &[u8], what: &str) -> Result<String, String> {
    String::from_utf8(data.to_vec()).map_err(|_| format!("The {what} content is not valid UTF-8."))
}

impl Notebook {
    /// SOURCE form: the header, then the cells separated by `COMMAND` lines.
    pub(crate) fn to_source(&self) -> String {
        let c = self.language.comment();
        let cells: Vec<String> = self
            .cells
            .iter()
            .map(|cell| {
                if cell.starts_with('%') {
                    cell.lines()
                        .map(|l| {
                            if l.is_empty() {
                                format!("{c} MAGIC")
                            } else {
                                format!("{c} MAGIC {l}")
                            }
                        })
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    cell.clone()
                }
            })
            .collect();
        format!(
            "{c} {HEADER}\n{}",
            cells.join(&format!("\n\n{c} COMMAND ----------\n\n"))
        )
    }

    /// Parses SOURCE text of `language` (the header is optional).
    pub(crate) fn from_source(data: &[u8], language: Lang) -> Result<Self, String> {
        let text = utf8(data, "source")?;
        let c = language.comment();
        let mut lines: Vec<&str> = text.lines().collect();
        if lines
            .first()
            .is_some_and(|l| l.trim() == format!("{c} {HEADER}"))
        {
            lines.remove(0);
        }
        let separator = format!("{c} COMMAND ----------");
        let magic = format!("{c} MAGIC");
        let mut cells = Vec::new();
        for chunk in lines.split(|l| l.trim_end() == separator) {
            let mut chunk: Vec<&str> = chunk.to_vec();
            while chunk.first().is_some_and(|l| l.trim().is_empty()) {
                chunk.remove(0);
            }
            while chunk.last().is_some_and(|l| l.trim().is_empty()) {
                chunk.pop();
            }
            let is_magic = !chunk.is_empty() && chunk.iter().all(|l| l.starts_with(magic.as_str()));
            let cell: Vec<&str> = if is_magic {
                chunk
                    .iter()
                    .map(|l| {
                        let rest = &l[magic.len()..];
                        rest.strip_prefix(' ').unwrap_or(rest)
                    })
                    .collect()
            } else {
                chunk
            };
            cells.push(cell.join("\n"));
        }
        if cells.is_empty() {
            cells.push(String::new());
        }
        Ok(Self { language, cells })
    }

    fn model(&self, name: &str) -> Value {
        json!({
            "name": name,
            "language": self.language.lower(),
            "commands": self.cells.iter().map(|c| json!({ "command": c })).collect::<Vec<_>>(),
        })
    }

    fn from_model(model: &Value) -> Result<Self, String> {
        let language = model
            .get("language")
            .and_then(Value::as_str)
            .and_then(Lang::parse_lower)
            .ok_or("The notebook has no known language.")?;
        let cells = model
            .get("commands")
            .and_then(Value::as_array)
            .ok_or("The notebook has no commands.")?
            .iter()
            .map(|c| {
                c.get("command")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect();
        Ok(Self { language, cells })
    }

    /// HTML form: a page with the source, and the notebook model embedded (base64 JSON) the
    /// way Databricks HTML exports carry it, so that it imports back.
    pub(crate) fn to_html(&self, name: &str) -> String {
        let model = STANDARD.encode(self.model(name).to_string());
        format!(
            "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n\
             </head>\n<body>\n<script>\nvar __DATABRICKS_NOTEBOOK_MODEL = '{model}';\n</script>\n\
             <pre class=\"notebook-source\">{}</pre>\n</body>\n</html>\n",
            escape_html(name),
            escape_html(&self.to_source())
        )
    }

    /// Parses an HTML export.
    pub(crate) fn from_html(data: &[u8]) -> Result<Self, String> {
        let text = utf8(data, "HTML")?;
        let marker = "__DATABRICKS_NOTEBOOK_MODEL = '";
        let start = text
            .find(marker)
            .ok_or("The HTML content is not a Databricks notebook export.")?
            + marker.len();
        let end = text[start..]
            .find('\'')
            .ok_or("The HTML notebook model is truncated.")?
            + start;
        let raw = STANDARD
            .decode(text[start..end].trim())
            .map_err(|_| "The HTML notebook model is not valid base64.")?;
        let model: Value =
            serde_json::from_slice(&raw).map_err(|_| "The HTML notebook model is not JSON.")?;
        Self::from_model(&model)
    }

    /// JUPYTER form: an nbformat 4 notebook.
    pub(crate) fn to_ipynb(&self, name: &str) -> Value {
        let cells: Vec<Value> = self
            .cells
            .iter()
            .map(|cell| match cell.strip_prefix("%md") {
                Some(rest) => json!({
                    "cell_type": "markdown",
                    "metadata": {},
                    "source": source_lines(rest.strip_prefix('\n').unwrap_or(rest.trim_start())),
                }),
                None => json!({
                    "cell_type": "code",
                    "execution_count": null,
                    "metadata": {},
                    "outputs": [],
                    "source": source_lines(cell),
                }),
            })
            .collect();
        json!({
            "cells": cells,
            "metadata": {
                "application/vnd.databricks.v1+notebook": {
                    "language": self.language.lower(),
                    "notebookName": name,
                },
                "language_info": { "name": self.language.lower() },
            },
            "nbformat": 4,
            "nbformat_minor": 0,
        })
    }

    /// Parses an ipynb document (the language from its metadata; Python by default).
    pub(crate) fn from_ipynb(data: &[u8]) -> Result<Self, String> {
        let doc: Value = serde_json::from_slice(data)
            .map_err(|e| format!("The content is not a valid Jupyter notebook: {e}"))?;
        let cells = doc
            .get("cells")
            .and_then(Value::as_array)
            .ok_or("The content is not a valid Jupyter notebook: no cells.")?;
        let meta = doc.get("metadata");
        let language = meta
            .and_then(|m| {
                m.pointer("/application~1vnd.databricks.v1+notebook/language")
                    .or_else(|| m.pointer("/language_info/name"))
                    .or_else(|| m.pointer("/kernelspec/language"))
            })
            .and_then(Value::as_str)
            .and_then(Lang::parse_lower)
            .unwrap_or(Lang::Python);
        let cells = cells
            .iter()
            .map(|cell| {
                let source = match cell.get("source") {
                    Some(Value::String(s)) => s.clone(),
                    Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
                    _ => String::new(),
                };
                let source = source.strip_suffix('\n').unwrap_or(&source).to_owned();
                match cell.get("cell_type").and_then(Value::as_str) {
                    Some("markdown") => format!("%md\n{source}"),
                    _ => source,
                }
            })
            .collect();
        Ok(Self { language, cells })
    }

    /// R_MARKDOWN form (R notebooks).
    pub(crate) fn to_rmd(&self, name: &str) -> String {
        let mut out = format!("---\ntitle: \"{name}\"\noutput: html_document\n---\n\n");
        for cell in &self.cells {
            match cell.strip_prefix("%md") {
                Some(rest) => {
                    out.push_str(rest.trim_start_matches('\n'));
                    out.push_str("\n\n");
                }
                None => {
                    out.push_str("```{r}\n");
                    out.push_str(cell);
                    out.push_str("\n```\n\n");
                }
            }
        }
        out
    }

    /// Parses R Markdown: code chunks become cells, the text between them `%md` cells.
    pub(crate) fn from_rmd(data: &[u8]) -> Result<Self, String> {
        let text = utf8(data, "R Markdown")?;
        let mut lines = text.lines().peekable();
        if lines.peek().is_some_and(|l| l.trim() == "---") {
            lines.next();
            for l in lines.by_ref() {
                if l.trim() == "---" {
                    break;
                }
            }
        }
        let mut cells = Vec::new();
        let mut markdown: Vec<&str> = Vec::new();
        let flush = |markdown: &mut Vec<&str>, cells: &mut Vec<String>| {
            let text = markdown.join("\n");
            let text = text.trim();
            if !text.is_empty() {
                cells.push(format!("%md\n{text}"));
            }
            markdown.clear();
        };
        while let Some(line) = lines.next() {
            if line.trim_start().starts_with("```{") {
                flush(&mut markdown, &mut cells);
                let mut code = Vec::new();
                for l in lines.by_ref() {
                    if l.trim() == "```" {
                        break;
                    }
                    code.push(l);
                }
                cells.push(code.join("\n"));
            } else {
                markdown.push(line);
            }
        }
        flush(&mut markdown, &mut cells);
        if cells.is_empty() {
            cells.push(String::new());
        }
        Ok(Self {
            language: Lang::R,
            cells,
        })
    }

    /// A DBC archive entry (JSON, `NotebookV1`).
    pub(crate) fn to_dbc_entry(&self, name: &str, id: i64) -> Vec<u8> {
        let commands: Vec<Value> = self
            .cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "version": "CommandV1", "origId": id + 1 + i as i64,
                    "subtype": "command", "commandType": "auto",
                    "position": (i + 1) as f64, "command": c,
                })
            })
            .collect();
        json!({
            "version": "NotebookV1", "origId": id, "name": name,
            "language": self.language.lower(), "commands": commands,
        })
        .to_string()
        .into_bytes()
    }

    /// Parses a DBC archive entry.
    pub(crate) fn from_dbc_entry(data: &[u8]) -> Result<Self, String> {
        let model: Value =
            serde_json::from_slice(data).map_err(|_| "A DBC entry is not a notebook.")?;
        Self::from_model(&model)
    }
}

/// ipynb `source`: lines with their newlines.
fn source_lines(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text.split_inclusive('\n').map(str::to_owned).collect();
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nb(language: Lang) -> Notebook {
        Notebook {
            language,
            cells: vec![
                "x = 1\nprint(x)".into(),
                "%md\n# Title\n\ntext".into(),
                "y".into(),
            ],
        }
    }

    #[test]
    fn every_format_round_trips() {
        for lang in [Lang::Python, Lang::Scala, Lang::Sql, Lang::R] {
            let n = nb(lang);
            let src = n.to_source();
            assert!(has_source_header(src.as_bytes()), "{src}");
            assert_eq!(Notebook::from_source(src.as_bytes(), lang).unwrap(), n);
            assert_eq!(Notebook::from_html(n.to_html("x").as_bytes()).unwrap(), n);
            let ipynb = serde_json::to_vec(&n.to_ipynb("x")).unwrap();
            assert_eq!(Notebook::from_ipynb(&ipynb).unwrap(), n);
            assert_eq!(
                Notebook::from_dbc_entry(&n.to_dbc_entry("x", 5)).unwrap(),
                n
            );
        }
        let r = nb(Lang::R);
        assert_eq!(Notebook::from_rmd(r.to_rmd("x").as_bytes()).unwrap(), r);
    }

    #[test]
    fn source_without_header_and_magic_lines() {
        let n = Notebook::from_source(b"print(1)", Lang::Python).unwrap();
        assert_eq!(n.cells, vec!["print(1)"]);
        assert!(!has_source_header(b"print(1)"));
        let src = "-- Databricks notebook source\nselect 1\n\n-- COMMAND ----------\n\n-- MAGIC %md\n-- MAGIC hi";
        let n = Notebook::from_source(src.as_bytes(), Lang::Sql).unwrap();
        assert_eq!(n.cells, vec!["select 1", "%md\nhi"]);
        assert!(Notebook::from_ipynb(b"{}").is_err());
        assert!(Notebook::from_html(b"<html></html>").is_err());
    }
}
