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
    pub message: String,
}

impl FileError {
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> Self {
        FileError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    pub fn at(file: impl Into<String>, line: u64, column: u64, message: impl Into<String>) -> Self {
        FileError {
            file: file.into(),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn from_yaml(file: &str, error: &crate::yaml::YamlError) -> Self {
        FileError::at(file, error.line, error.column, error.message.clone())
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
