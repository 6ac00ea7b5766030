//! Templates: the theme's Tera templates, loaded once per build; errors name the template file.

use crate::build::theme::Theme;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::i18n::Msg;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The theme's templates, ready to render.
pub(crate) struct Templates {
    tera: tera::Tera,
    /// Template name -> the file as messages name it.
    paths: BTreeMap<String, PathBuf>,
}

impl Templates {
    /// Loads every template of `theme`. Templates that include, extend or import each other in
    /// a loop, and macros that call themselves, are refused: Tera would recurse without end.
    /// `language` is the handbook's: the `hyphenate` filter puts soft hyphens into long German
    /// words of titles.
    pub(crate) fn new(theme: &Theme, language: &str) -> Result<Templates, Diagnostics> {
        let mut errors = Diagnostics::new();
        let mut sources = BTreeMap::new();
        let mut paths = BTreeMap::new();
        for (name, bytes) in theme.templates() {
            let path = theme.template_path(name);
            match std::str::from_utf8(bytes) {
                Ok(s) => {
                    sources.insert(name.to_string(), s.to_string());
                }
                Err(_) => errors.push(Diagnostic::error(&path, Msg::TemplateNotUtf8)),
            }
            paths.insert(name.to_string(), path);
        }
        if let Some(chain) = crate::build::template_graph::find_loop(&sources) {
            let first = chain[0].split("::").next().unwrap_or("").to_string();
            let path = paths
                .get(&first)
                .cloned()
                .unwrap_or_else(|| PathBuf::from("theme/templates").join(&first));
            errors.push(Diagnostic::error(path, Msg::TemplateCycle { chain }));
        }
        if errors.has_errors() {
            return Err(errors);
        }
        let mut tera = tera::Tera::default();
        if let Err(e) = tera.add_raw_templates(sources) {
            let name = match &e.kind {
                tera::ErrorKind::Msg(m) => m.split('\'').nth(1).unwrap_or("").to_string(),
                _ => String::new(),
            };
            errors.push(template_error(&paths, &name, &e));
            return Err(errors);
        }
        let lang = language.to_string();
        tera.register_filter(
            "hyphenate",
            move |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
                Ok(match value.as_str() {
                    Some(s) => crate::build::hyphenate::text(s, &lang).into(),
                    None => value.clone(),
                })
            },
        );
        tera.autoescape_on(vec![".html", ".xml"]);
        // Only what HTML needs: Tera's default also escapes `/`, which bloats every URL.
        tera.set_escape_fn(crate::model::markdown::escape);
        Ok(Templates { tera, paths })
    }

    /// Renders template `name` with `context`.
    pub(crate) fn render(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        self.render_text(name, context).map(String::into_bytes)
    }

    /// [`Templates::render`], as text.
    pub(crate) fn render_text(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<String, Diagnostic> {
        let ctx = tera::Context::from_serialize(context)
            .map_err(|e| template_error(&self.paths, name, &e))?;
        self.tera
            .render(name, &ctx)
            .map_err(|e| template_error(&self.paths, name, &e))
    }
}

/// Tera's error with every cause (Tera hides the useful part in `source()`), at the template.
fn template_error(paths: &BTreeMap<String, PathBuf>, name: &str, e: &tera::Error) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let path = paths
        .get(name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from("theme/templates").join(name));
    let chain = chain.join(": ");
    let pos = parse_position(&chain);
    Diagnostic::error(path, Msg::Template { chain }).at(pos)
}

/// The line and column Tera's parser names (`--> 1:56`), so editors can jump there.
fn parse_position(message: &str) -> Option<crate::diagnostic::Pos> {
    let after = message.split("--> ").nth(1)?;
    let (line, rest) = after.split_once(':')?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some(crate::diagnostic::Pos::new(
        line.trim().parse().ok()?,
        col.parse().ok()?,
    ))
}
