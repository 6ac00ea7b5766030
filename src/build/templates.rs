//! Templates: the theme's Tera templates, loaded once per build; errors name the template file.

use crate::build::theme::Theme;
use crate::diagnostic::Diagnostic;
use std::collections::HashMap;

/// The theme's templates, ready to render.
pub(crate) struct Templates {
    tera: tera::Tera,
    /// Template name -> the file as shown in messages, for templates of the handbook's own theme.
    paths: HashMap<String, String>,
}

impl Templates {
    /// Loads every template of `theme`; `paths` names the handbook's own template files.
    pub(crate) fn new(
        theme: &Theme,
        paths: &HashMap<String, String>,
    ) -> Result<Templates, Vec<Diagnostic>> {
        Ok(Templates {
            tera: tera(theme, paths)?,
            paths: paths.clone(),
        })
    }

    /// Renders template `name` with `context`.
    pub(crate) fn render(
        &self,
        name: &str,
        context: &impl serde::Serialize,
    ) -> Result<Vec<u8>, Diagnostic> {
        let ctx = tera::Context::from_serialize(context)
            .map_err(|e| template_error(&self.paths, name, &e))?;
        self.tera
            .render(name, &ctx)
            .map(String::into_bytes)
            .map_err(|e| template_error(&self.paths, name, &e))
    }
}

fn template_error(
    theme_paths: &HashMap<String, String>,
    name: &str,
    e: &tera::Error,
) -> Diagnostic {
    let mut chain = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push(s.to_string());
        source = s.source();
    }
    let path = theme_paths
        .get(name)
        .cloned()
        .unwrap_or_else(|| format!("theme/templates/{name}"));
    Diagnostic::error(path, 0, 0, chain.join(": "))
        .with_hint("fix the template, or delete your copy in theme/ to use the built-in one")
}

/// The Tera instance of a theme; errors name the template file.
fn tera(
    theme: &Theme,
    theme_paths: &HashMap<String, String>,
) -> Result<tera::Tera, Vec<Diagnostic>> {
    let mut t = tera::Tera::default();
    let mut errors = Vec::new();
    let mut templates = Vec::new();
    for (name, bytes) in theme.templates() {
        match std::str::from_utf8(bytes) {
            Ok(s) => templates.push((name.to_string(), s.to_string())),
            Err(_) => errors.push(Diagnostic::error(
                theme_paths
                    .get(name)
                    .cloned()
                    .unwrap_or_else(|| format!("theme/templates/{name}")),
                0,
                0,
                "the template is not valid UTF-8",
            )),
        }
    }
    if let Err(e) = t.add_raw_templates(templates) {
        let name = match &e.kind {
            tera::ErrorKind::Msg(m) => m
                .split('\'')
                .nth(1)
                .filter(|n| theme_paths.contains_key(*n) || n.ends_with(".html"))
                .unwrap_or("")
                .to_string(),
            _ => String::new(),
        };
        errors.push(template_error(theme_paths, &name, &e));
    }
    t.autoescape_on(vec![".html", ".xml"]);
    // Only what HTML needs: Tera's default also escapes `/`, which bloats every URL.
    t.set_escape_fn(crate::model::markdown::escape);
    if errors.is_empty() {
        Ok(t)
    } else {
        Err(errors)
    }
}
