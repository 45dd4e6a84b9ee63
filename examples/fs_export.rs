#![allow(clippy::print_stderr)] // a developer's tool: it says what it wrote
//! Writes a synthetic FS studieinfo export of about SIZE megabytes, for
//! timing `lub import`: `cargo run --release --example fs_export -- SIZE
//! FILE`. Used by `bench/import`. Deterministic: the same size gives the
//! same file. Records are in the normalised shape, each with the fields a
//! real `emne` carries (content, teaching, staff, exam arrangements) beside
//! its learning outcomes, and one in ten as raw FS markup.

use std::io::Write;

const TOPICS: &[&str] = &[
    "hydrodynamikk",
    "relasjonsdatabaser",
    "sedimenttransport",
    "klinisk farmakologi",
    "kontraktsrett",
    "fjellvegetasjon",
    "maskinlæring",
    "barnelitteratur",
];

fn record(i: usize) -> String {
    let topic = TOPICS[i % TOPICS.len()];
    let code = format!("GEN{i:06}");
    let outcomes = if i % 10 == 9 {
        format!(
            "<læringsutbytte><p><bold>Kunnskap</bold></p><list listType=\"bulleted\"><listItem>kan forklare sentrale modeller i {topic}&nbsp;og vurdere når de gjelder</listItem><listItem>kan gjøre rede for metoder for datainnsamling i {topic}</listItem></list><p><bold>Ferdigheter</bold></p><list listType=\"numbered\"><listItem>kan planlegge og gjennomføre en undersøkelse i {topic} & rapportere den</listItem></list><p><bold>Generell kompetanse</bold></p><list listType=\"bulleted\"><listItem>kan formidle resultater i {topic} til fagfolk og allmennhet</listItem></list></læringsutbytte>"
        )
    } else {
        format!(
            "<laringsutbytte><![CDATA[<p>Etter fullført emne skal studenten: </p><p>Kunnskap </p><ul><li>kan forklare sentrale modeller i {topic} og vurdere når de gjelder </li><li>kan gjøre rede for metoder for datainnsamling i {topic} og kildene til usikkerhet i dem </li><li>kan drøfte hvordan {topic} har utviklet seg som fagfelt</li></ul><p>&nbsp;</p><p>Ferdigheter </p><ul><li>kan planlegge og gjennomføre en undersøkelse i {topic} og rapportere den </li><li>kan bearbeide egne data og presentere dem som tabeller og figurer </li><li>kan sammenligne egne resultater med publiserte og forklare avvikene </li></ul><p> </p><p>Generell kompetanse </p><ul><li>kan vurdere egne resultater kritisk og drøfte dem skriftlig med kildehenvisninger </li><li>kan samarbeide i en gruppe om sikker gjennomføring av feltarbeid</li></ul>]]></laringsutbytte>"
        )
    };
    let staff: String = (0..6)
        .map(|n| {
            format!(
                "<fagperson><personid>{}</personid><fornavn>Kari</fornavn><etternavn>Nordmann {n}</etternavn><rolle>Emneansvarlig</rolle><dato_fra>2025-08-01</dato_fra></fagperson>",
                100_000 + i * 7 + n
            )
        })
        .collect();
    format!(
        "   <emne sprak=\"BOKMÅL\">\n      <emneid><institusjonsnr>999</institusjonsnr><emnekode>{code}</emnekode><versjonskode>1</versjonskode></emneid>\n      <emnenavn>Innføring i {topic} {i}</emnenavn>\n      <emnenavn_en>Introduction {i}</emnenavn_en>\n      <studiepoeng>{}</studiepoeng>\n      <studieniva>{}</studieniva>\n      <nuskode>{}</nuskode>\n      <undervisningssemester>Høst</undervisningssemester>\n      <fagansvarlig><institusjonsnr>999</institusjonsnr><fakultetsnr>{}</fakultetsnr><instituttnr>2</instituttnr><gruppenr>0</gruppenr><navn>Institutt for {topic}</navn><avdnavn>Fakultet {}</avdnavn></fagansvarlig>\n      <adminansvarlig xsi:nil=\"true\"/>\n      <fagperson-liste>{staff}</fagperson-liste>\n      <eksamensordning-liste><eksamensordning><eksamensordningid>SK</eksamensordningid><eksamensdel><eksamensdelnr>1</eksamensdelnr><vurderingsform>Skriftlig eksamen</vurderingsform><varighet>4 timer</varighet><hjelpemidler><![CDATA[<p>Ingen hjelpemidler tillatt.</p>]]></hjelpemidler></eksamensdel></eksamensordning></eksamensordning-liste>\n      <innhold><![CDATA[<p>Emnet gir en innføring i {topic}: begreper, metoder og anvendelser, med vekt på eksempler fra norsk forskning og praksis. {}</p>]]></innhold>\n      <arbeidsformer><![CDATA[<p>Forelesninger, seminarer og obligatoriske øvinger.</p>]]></arbeidsformer>\n      <litteratur><![CDATA[<p>Pensumliste publiseres ved semesterstart.</p>]]></litteratur>\n      {outcomes}\n   </emne>\n",
        if i.is_multiple_of(4) { "7.5" } else { "10" },
        if i.is_multiple_of(3) { "HN" } else { "LN" },
        if i.is_multiple_of(3) {
            754_199
        } else {
            654_199
        },
        i % 9,
        i % 9,
        "Innholdet omfatter teori, metode og praksis. ".repeat(20),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: fs_export SIZE_MB FILE";
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args.next().ok_or(usage)?.parse()?;
    let path = std::path::PathBuf::from(args.next().ok_or(usage)?);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
    let head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<fs-studieinfo xmlns=\"http://fsws.usit.no/schemas/studinfo\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n";
    out.write_all(head.as_bytes())?;
    let (mut written, mut records) = (head.len(), 0);
    while written < megabytes * 1024 * 1024 {
        let record = record(records);
        out.write_all(record.as_bytes())?;
        written += record.len();
        records += 1;
    }
    out.write_all(b"</fs-studieinfo>\n")?;
    out.flush()?;
    eprintln!(
        "{records} records, {written} bytes, written to {}",
        path.display()
    );
    Ok(())
}
