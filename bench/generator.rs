//! A deterministic synthetic catalogue for benchmarks: programmes and
//! courses in bokmål, nynorsk and English, most of them clean and some with
//! the faults lub exists to find, each the size of a real description. The
//! same seed gives the same catalogue on every machine.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

struct Language {
    code: &'static str,
    headings: [&'static str; 3],
    lead_ins: [&'static str; 3],
    /// Outcome openings per category.
    verbs: [&'static [&'static str]; 3],
    subjects: &'static [&'static str],
    /// Faults: a vague verb, an NKR descriptor, course content.
    vague: &'static str,
    copied: &'static str,
    content: &'static str,
    programme: &'static str,
    course: &'static str,
}

const NB: Language = Language {
    code: "nb",
    headings: ["Kunnskap", "Ferdigheter", "Generell kompetanse"],
    lead_ins: ["Kandidaten", "Kandidaten kan", "Kandidaten kan"],
    verbs: [
        &[
            "har inngående kunnskap om",
            "kan gjøre rede for",
            "kan forklare",
            "har bred kunnskap om",
            "kan drøfte",
        ],
        &[
            "analysere",
            "beregne",
            "modellere og teste",
            "gjennomføre målinger av",
            "bruke programvare for",
        ],
        &[
            "vurdere etiske sider ved",
            "formidle resultater om",
            "samarbeide i team om",
            "lede prosjekter innen",
            "bidra til nyskaping innen",
        ],
    ],
    subjects: &[
        "relasjonsdatabaser og transaksjoner",
        "kildekritikk i norsk historie",
        "regnskap for små bedrifter",
        "pasientsikkerhet i sykehus",
        "bærekraftig betongkonstruksjon",
        "maskinlæring for bildeanalyse",
        "offentlig forvaltning i kommunene",
        "kjemisk binding og molekylstruktur",
        "barns språkutvikling",
        "strømningsmekanikk i rør",
        "nordisk litteratur etter 1900",
        "klimamodeller og nedbør",
    ],
    vague: "skal forstå grunnleggende begreper i",
    copied: "kan anvende faglig kunnskap på praktiske og teoretiske problemstillinger",
    content: "Emnet gir en innføring i",
    programme: "Bachelor i",
    course: "Emne i",
};

const NN: Language = Language {
    code: "nn",
    headings: ["Kunnskap", "Ferdigheiter", "Generell kompetanse"],
    lead_ins: ["Kandidaten", "Kandidaten kan", "Kandidaten kan"],
    verbs: [
        &[
            "har inngåande kunnskap om",
            "kan gjere greie for",
            "kan forklare",
            "har brei kunnskap om",
            "kan drøfte",
        ],
        &[
            "analysere",
            "rekne ut",
            "modellere og teste",
            "gjennomføre målingar av",
            "bruke programvare for",
        ],
        &[
            "vurdere etiske sider ved",
            "formidle resultat om",
            "samarbeide i team om",
            "leie prosjekt innan",
            "bidra til nyskaping innan",
        ],
    ],
    subjects: &[
        "relasjonsdatabasar og transaksjonar",
        "kjeldekritikk i norsk historie",
        "rekneskap for små bedrifter",
        "pasienttryggleik i sjukehus",
        "berekraftig betongkonstruksjon",
        "maskinlæring for biletanalyse",
        "offentleg forvaltning i kommunane",
        "kjemisk binding og molekylstruktur",
        "språkutviklinga til born",
    ],
    vague: "skal ha god forståing av",
    copied: "kan nytte fagleg kunnskap på praktiske og teoretiske problemstillingar",
    content: "Emnet gir ei innføring i",
    programme: "Bachelor i",
    course: "Emne i",
};

const EN: Language = Language {
    code: "en",
    headings: ["Knowledge", "Skills", "General competence"],
    lead_ins: ["The candidate", "The candidate can", "The candidate can"],
    verbs: [
        &[
            "has thorough knowledge of",
            "can explain",
            "can describe",
            "has broad knowledge of",
            "can discuss",
        ],
        &[
            "analyse",
            "calculate",
            "model and test",
            "carry out measurements of",
            "use software for",
        ],
        &[
            "assess the ethics of",
            "communicate results on",
            "collaborate in teams on",
            "lead projects in",
            "contribute to innovation in",
        ],
    ],
    subjects: &[
        "relational databases and transactions",
        "source criticism in Norwegian history",
        "accounting for small firms",
        "patient safety in hospitals",
        "sustainable concrete structures",
        "machine learning for image analysis",
        "public administration in municipalities",
        "chemical bonding and molecular structure",
        "language development in children",
        "fluid mechanics in pipes",
        "Nordic literature after 1900",
        "climate models and precipitation",
    ],
    vague: "understand the basic concepts of",
    copied: "can apply academic knowledge to practical and theoretical problems",
    content: "The course covers",
    programme: "Bachelor's programme in",
    course: "Course in",
};

/// The faculty and department of each subject, by the subject's place in
/// the languages' lists.
const UNITS: [(&str, &str); 12] = [
    (
        "Fakultet for informasjonsteknologi og elektroteknikk",
        "Institutt for datateknologi og informatikk",
    ),
    (
        "Det humanistiske fakultet",
        "Institutt for historiske studier",
    ),
    ("Handelshøyskolen", "Institutt for regnskap og revisjon"),
    (
        "Det medisinske fakultet",
        "Institutt for helse og sykepleie",
    ),
    (
        "Fakultet for ingeniørvitenskap",
        "Institutt for konstruksjonsteknikk",
    ),
    (
        "Fakultet for informasjonsteknologi og elektroteknikk",
        "Institutt for matematiske fag",
    ),
    (
        "Det samfunnsvitenskapelige fakultet",
        "Institutt for statsvitenskap",
    ),
    ("Fakultet for naturvitenskap", "Institutt for kjemi"),
    ("Fakultet for lærerutdanning", "Institutt for pedagogikk"),
    (
        "Fakultet for ingeniørvitenskap",
        "Institutt for energi- og prosessteknikk",
    ),
    (
        "Det humanistiske fakultet",
        "Institutt for språk og litteratur",
    ),
    ("Fakultet for naturvitenskap", "Institutt for geovitenskap"),
];

/// The `index`-th document of the catalogue of `seed`.
pub(crate) fn document(seed: u64, index: usize) -> (String, String) {
    let mut rng =
        fastrand::Rng::with_seed(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let language = match rng.u8(0..10) {
        0..=5 => &NB,
        6 => &NN,
        _ => &EN,
    };
    let programme = rng.u8(0..5) == 0;
    let level = if programme {
        rng.u8(5..=8)
    } else {
        rng.u8(6..=7)
    };
    let subject_index = rng.usize(..language.subjects.len());
    let subject = language.subjects[subject_index];
    // The unit follows the subject, as FS exports name it (in bokmål
    // whatever the document's language), so that a report of the
    // catalogue has faculties and departments to compare.
    let (faculty, department) = UNITS[subject_index % UNITS.len()];
    let code = format!("{}{:05}", if programme { "P" } else { "C" }, index);
    let kind = if programme { "programme" } else { "course" };
    let credits = if programme {
        [120, 180, 120, 180][rng.usize(0..4)].to_string()
    } else {
        "7.5".into()
    };
    let title = format!(
        "{} {subject}",
        if programme {
            language.programme
        } else {
            language.course
        }
    );
    // One document in four has a fault; one in twenty lacks general competence.
    let fault = rng.u8(0..4) == 0;
    let missing_gc = rng.u8(0..20) == 0;

    let mut text = format!(
        "---\ncode: {code}\nkind: {kind}\nlevel: {level}\ncredits: {credits}\nlang: {}\ntitle: {title}\nfaculty: {faculty}\ndepartment: {department}\n---\n# {title}\n",
        language.code
    );
    let per_category = if programme { 4 } else { 2 };
    for category in 0..3 {
        if category == 2 && missing_gc {
            continue;
        }
        let _ = write!(
            text,
            "\n## {}\n{}\n\n",
            language.headings[category], language.lead_ins[category]
        );
        for i in 0..per_category + rng.usize(0..2) {
            let verbs = language.verbs[category];
            let verb = verbs[rng.usize(..verbs.len())];
            let other = language.subjects[rng.usize(..language.subjects.len())];
            let line = if fault && i == 0 {
                match category {
                    0 => format!("{} {subject}", language.vague),
                    1 => language.copied.to_string(),
                    _ => format!("{} {other}", language.content),
                }
            } else {
                format!("{verb} {subject}, med vekt på {other}").replace(
                    ", med vekt på",
                    if language.code == "en" {
                        ", with emphasis on"
                    } else {
                        ", med vekt på"
                    },
                )
            };
            let _ = writeln!(text, "- {line}");
        }
    }
    let name = format!(
        "{}/{}.{}.lub.md",
        &code[..3],
        code.to_lowercase(),
        language.code
    );
    (name, text)
}

/// Writes a catalogue of `size` documents under `dir` (creating it), and
/// returns the paths written.
pub(crate) fn write(dir: &Path, seed: u64, size: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut paths = Vec::with_capacity(size);
    for index in 0..size {
        let (name, text) = document(seed, index);
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        paths.push(path);
    }
    Ok(paths)
}
