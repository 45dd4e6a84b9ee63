//! An error in a file lub reads for itself (a rule file, a data file,
//! `lub.yaml`), with where it is. Such an error stops the run with exit
//! status 2: a configuration that is half understood is worse than none.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file, as the user would find it (`rules/vague-verb.yaml` for an
    /// embedded one).
    pub file: String,
    /// 1-based; 0 when the problem is the file as a whole.
    pub line: u64,
    pub column: u64,
    /// What is wrong, in English.
    pub message: String,
    /// The message in each language, where lub wrote it itself (boxed:
    /// errors travel in `Result`s).
    pub text: Option<Box<Text>>,
}

use crate::lang::Lang;
use crate::messages::Text;

impl FileError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            text: None,
        }
    }

    /// An error in lub's own words, in each language.
    pub fn said(file: impl Into<String>, text: Text) -> Self {
        FileError::said_at(file, 0, 0, text)
    }

    /// An error in lub's own words at a line and column.
    pub fn said_at(file: impl Into<String>, line: u64, column: u64, text: Text) -> Self {
        FileError {
            file: file.into(),
            line,
            column,
            message: text.en.clone(),
            text: Some(Box::new(text)),
        }
    }

    /// What went wrong, without the file, in `lang` where lub has it in
    /// that language.
    pub fn message_in(&self, lang: Lang) -> &str {
        self.text.as_ref().map_or(&*self.message, |t| t.get(lang))
    }

    /// The error as `Display` writes it, in `lang` where lub has it in
    /// that language.
    pub fn in_lang(&self, lang: Lang) -> String {
        let message = self.message_in(lang);
        if self.line > 0 {
            format!("{}:{}:{}: {message}", self.file, self.line, self.column)
        } else {
            format!("{}: {message}", self.file)
        }
    }

    pub fn at(file: impl Into<String>, line: u64, column: u64, message: impl Into<String>) -> Self {
        FileError {
            file: file.into(),
            line,
            column,
            message: message.into(),
            text: None,
        }
    }

    pub fn from_yaml(file: &str, error: &crate::yaml::YamlError) -> Self {
        FileError::said_at(file, error.line, error.column, yaml_text(error))
    }
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, self.line, self.column, self.message
            )
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for FileError {}

/// What is wrong, in each language: lub's own limits in its words; the
/// parser's own message, which lub cannot translate, after a sentence
/// of lub's (in English the parser's words alone).
pub fn yaml_text(error: &crate::yaml::YamlError) -> Text {
    use crate::messages::Msg;
    let message = match &error.problem {
        None => {
            return Msg::YamlNotValid.text(|_| vec![("detail", error.message.clone())]);
        }
        Some(crate::yaml::YamlProblem::DuplicateKey(Some(key))) => {
            return Msg::YamlKeyTwice.text(|_| vec![("key", key.clone())]);
        }
        Some(crate::yaml::YamlProblem::TooDeep) => Msg::YamlTooDeep,
        Some(crate::yaml::YamlProblem::TooManyAliases) => Msg::YamlAliases,
        Some(crate::yaml::YamlProblem::DuplicateKey(None)) => Msg::YamlSomeKeyTwice,
        Some(crate::yaml::YamlProblem::TooManyValues) => Msg::YamlTooMany,
        Some(crate::yaml::YamlProblem::SeveralDocuments) => Msg::YamlDocuments,
        Some(crate::yaml::YamlProblem::TooLarge) => Msg::YamlTooLarge,
    };
    message.text(|_| {
        vec![
            ("depth", crate::yaml::MAX_DEPTH.to_string()),
            ("values", crate::yaml::MAX_NODES.to_string()),
        ]
    })
}
