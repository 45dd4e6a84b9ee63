//! `lub serve` started as a user starts it, on a free port of loopback,
//! and stopped with Ctrl+C (SIGINT) when the test is done with it.
#![allow(clippy::panic, clippy::expect_used, clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

pub(crate) struct Served {
    child: Option<Child>,
    /// `http://127.0.0.1:PORT/`, as the server printed it.
    pub url: String,
    agent: ureq::Agent,
}

/// What the server answered.
pub(crate) struct Answer {
    pub status: u16,
    pub content_type: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Served {
    /// Starts `lub serve --addr 127.0.0.1:0` in `dir` and waits for the URL
    /// it prints.
    pub(crate) fn start(dir: &std::path::Path) -> Served {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("lub"))
            .args(["serve", "--addr", "127.0.0.1:0"])
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("lub serve starts");
        let mut first = String::new();
        BufReader::new(child.stdout.take().expect("piped stdout"))
            .read_line(&mut first)
            .expect("lub serve says where it listens");
        let url = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in «{first}»"))
            .to_string();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Served {
            child: Some(child),
            url,
            agent,
        }
    }

    fn answer(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
        let mut response = response.expect("the server answers");
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_string()))
            .collect::<Vec<_>>();
        let content_type = headers
            .iter()
            .find(|(n, _)| n == "content-type")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let mut body = String::new();
        response
            .body_mut()
            .as_reader()
            .read_to_string(&mut body)
            .expect("a text answer");
        Answer {
            status: response.status().as_u16(),
            content_type,
            headers,
            body,
        }
    }

    pub(crate) fn get(&self, path: &str) -> Answer {
        Self::answer(
            self.agent
                .get(format!("{}{}", self.url, path.trim_start_matches('/')))
                .call(),
        )
    }

    pub(crate) fn post_json(&self, path: &str, body: &serde_json::Value) -> Answer {
        self.post_raw(path, "application/json", body.to_string().as_bytes())
    }

    pub(crate) fn post_raw(&self, path: &str, content_type: &str, body: &[u8]) -> Answer {
        Self::answer(
            self.agent
                .post(format!("{}{}", self.url, path.trim_start_matches('/')))
                .header("Content-Type", content_type)
                .send(body),
        )
    }

    pub(crate) fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Answer {
        Self::answer(
            self.agent
                .post(format!("{}{}", self.url, path.trim_start_matches('/')))
                .send_form(fields.iter().copied()),
        )
    }

    /// Ctrl+C, then what the server said on standard error and its exit
    /// status.
    pub(crate) fn interrupt(mut self) -> (Option<i32>, String) {
        let mut child = self.child.take().expect("still running");
        let _ = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status();
        let status = child.wait().expect("lub serve stops");
        let mut stderr = String::new();
        if let Some(mut err) = child.stderr.take() {
            let _ = err.read_to_string(&mut stderr);
        }
        (status.code(), stderr)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// `text` for a URL's query.
pub(crate) fn query_escape(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}
