//! Shared by the benchmarks: realistic synthetic records and node plumbing.

#![allow(dead_code)]

pub mod raw_sqlite;
pub mod raw_tantivy;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use smarty_schema::CaseStudy;
use std::path::Path;
use std::process::{Child, Command, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_smarty");

/// Vocabulary per language: Industry 4.0 terms and everyday words, so stemming and ranking
/// see realistic text.
const WORDS: [(&str, &str); 7] = [
    (
        "en",
        "manufacturing sensors maintenance predictive textile mills factory digital twin simulation logistics supply chain warehouse robots training workers small enterprises cluster university programme funding pilot data platform monitoring machines energy efficiency quality production line retrofit network suppliers automation skills regional council investment dashboard analytics cloud scheduling forecasting inventory transport port freight vocational apprentices innovation voucher partnership outcome improved reduced downtime",
    ),
    (
        "it",
        "manifattura sensori manutenzione predittiva tessile distretto fabbrica gemello digitale simulazione logistica filiera magazzino robot formazione lavoratori piccole imprese università programma finanziamento progetto pilota dati piattaforma monitoraggio macchinari energia efficienza qualità produzione linea rete fornitori automazione competenze regione investimento cruscotto analisi previsione trasporto innovazione voucher risultati riduzione fermi macchina Prato Firenze",
    ),
    (
        "es",
        "fabricación sensores mantenimiento predictivo automoción planta fábrica gemelo digital simulación logística cadena suministro almacén robots formación trabajadores pequeñas empresas universidad programa financiación proyecto piloto datos plataforma monitorización máquinas energía eficiencia calidad producción línea red proveedores automatización competencias junta inversión panel análisis previsión transporte innovación resultados reducción paradas Valladolid León",
    ),
    (
        "pl",
        "produkcja czujniki utrzymanie ruchu predykcyjne obróbka metali zakład fabryka cyfrowy bliźniak symulacja logistyka łańcuch dostaw magazyn roboty szkolenia pracownicy małe przedsiębiorstwa uczelnia program finansowanie pilotaż dane platforma monitorowanie maszyny energia wydajność jakość linia sieć dostawcy automatyzacja kompetencje województwo inwestycja analiza prognozowanie transport innowacje wyniki przestoje Radom Płock",
    ),
    (
        "fi",
        "valmistus anturit kunnossapito ennakoiva kaivos tehdas digitaalinen kaksonen simulointi logistiikka toimitusketju varasto robotit koulutus työntekijät pienyritykset yliopisto ohjelma rahoitus pilotti data alusta seuranta koneet energia tehokkuus laatu tuotanto linja verkosto toimittajat automaatio osaaminen maakunta investointi analytiikka ennustaminen kuljetus arktinen innovaatio tulokset seisokit Rovaniemi Kemi",
    ),
    (
        "sl",
        "proizvodnja senzorji vzdrževanje napovedno avtomobilska tovarna digitalni dvojček simulacija logistika dobavna veriga skladišče roboti usposabljanje delavci mala podjetja univerza program financiranje pilotni podatki platforma spremljanje stroji energija učinkovitost kakovost linija mreža dobavitelji avtomatizacija kompetence regija naložba analitika napovedovanje prevoz inovacije rezultati zastoji Maribor Celje",
    ),
    (
        "ca",
        "fabricació sensors manteniment predictiu automoció planta fàbrica bessó digital simulació logística cadena subministrament magatzem robots formació treballadors petites empreses universitat programa finançament projecte pilot dades plataforma monitoratge màquines energia eficiència qualitat producció línia xarxa proveïdors automatització competències generalitat inversió quadre anàlisi previsió transport innovació resultats reducció aturades Martorell Girona",
    ),
];

const THEMES: [&str; 4] = ["production-monitoring", "predictive-maintenance", "vr-simulation", "smart-logistics"];
const NUTS: [&str; 7] = ["UKE42", "ITI15", "ES418", "PL921", "FI1D7", "SI032", "ES511"];
/// The region whose language each vocabulary is.
pub const ORIGINS: [&str; 7] = ["leeds", "tuscany", "castilla-leon", "mazovia", "lapland", "slovenia", "catalonia"];
const SYLLABLES: [&str; 7] = [
    "ing ter pro con ment ly ex tion ab dis for man port sen vi er ac cor",
    "ma ni fa tu ra co ne to pre di ti va lo gi ca zio men tes",
    "pa ci mi en to ra de la co ne sa pro ri go ver cion lo",
    "prz sz cz wy ra no ko wa ni ie sk to ma la rz go dz",
    "ka ta ja li va ri hu to ne ke mi su pa lo tu ne ko",
    "pre vo da ni je ko ra lo ti ma nje sk tr dr ve po",
    "ment pro ci ra ble sa ter co nia ve ga mi fer tat",
];
/// Words per language beyond the domain list: a long tail, as in real text.
const TAIL: usize = 4000;

/// A language's vocabulary in frequency rank order: domain words first, then a long tail.
struct Vocabulary {
    words: Vec<String>,
    /// Zipf cumulative distribution over ranks.
    cdf: Vec<f64>,
}

impl Vocabulary {
    fn new(lang: usize, rng: &mut StdRng) -> Vocabulary {
        let mut words: Vec<String> = WORDS[lang].1.split(' ').map(str::to_string).collect();
        let syllables: Vec<&str> = SYLLABLES[lang].split(' ').collect();
        while words.len() < WORDS[lang].1.split(' ').count() + TAIL {
            let n = rng.random_range(2..=4);
            let w: String = (0..n).map(|_| syllables[rng.random_range(0..syllables.len())]).collect();
            if !words.contains(&w) {
                words.push(w);
            }
        }
        let mut total = 0.0;
        let mut cdf: Vec<f64> = (1..=words.len())
            .map(|r| {
                total += 1.0 / (r as f64).powf(1.05);
                total
            })
            .collect();
        cdf.iter_mut().for_each(|c| *c /= total);
        Vocabulary { words, cdf }
    }

    fn pick(&self, rng: &mut StdRng) -> &str {
        let u: f64 = rng.random();
        let rank = self.cdf.partition_point(|c| *c < u).min(self.words.len() - 1);
        &self.words[rank]
    }
}

/// Synthetic, multilingual, Zipf-distributed records and queries.
pub struct Generator {
    rng: StdRng,
    vocabularies: Vec<Vocabulary>,
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed);
        let vocabularies = (0..WORDS.len()).map(|l| Vocabulary::new(l, &mut rng)).collect();
        Generator { rng, vocabularies }
    }

    fn words(&mut self, lang: usize, n: usize) -> String {
        let mut out = String::new();
        for i in 0..n {
            let w = self.vocabularies[lang].pick(&mut self.rng);
            if i == 0 {
                out.push_str(&capitalise(w));
            } else {
                out.push(' ');
                out.push_str(w);
            }
        }
        out
    }

    /// The language (index) of record `i`.
    pub fn language_of(i: usize) -> usize {
        i % WORDS.len()
    }

    /// A case study of 1 to 3 KB of text in one of the seven languages.
    pub fn case_study(&mut self, i: usize) -> CaseStudy {
        let lang = Self::language_of(i);
        let n_themes = self.rng.random_range(1..=3);
        let first = self.rng.random_range(0..4);
        let themes: Vec<String> = (0..n_themes).map(|k| THEMES[(first + k) % 4].to_string()).collect();
        let description_words = self.rng.random_range(110..330);
        let year = 2012 + (i * 7 + 3) % 14;
        let (title_words, summary_words) = (self.rng.random_range(4..9), self.rng.random_range(15..35));
        serde_json::from_value(json!({
            "title": self.words(lang, title_words),
            "summary": self.words(lang, summary_words),
            "description": self.words(lang, description_words),
            "intervention": if i.is_multiple_of(3) { "policy" } else { "direct" },
            "themes": themes,
            "language": WORDS[lang].0,
            "main_institution": self.words(lang, 3),
            "location": {"nuts": NUTS[lang], "name": self.words(lang, 1)},
            "period": {"start": format!("{year}-0{}-01", 1 + i % 9)},
            "keywords": [self.words(lang, 1), self.words(lang, 1)],
            "evidence_of_success": self.words(lang, 25),
        }))
        .expect("generated content is valid")
    }

    /// A query string for the catalogue: one to three content words (not the most common),
    /// half of them with one or two facet filters.
    pub fn query(&mut self) -> String {
        let lang = self.rng.random_range(0..WORDS.len());
        let n = self.rng.random_range(1..=3);
        let vocabulary = &self.vocabularies[lang];
        let words: Vec<String> = (0..n)
            .map(|_| vocabulary.words[self.rng.random_range(8..400).min(vocabulary.words.len() - 1)].clone())
            .collect();
        let mut q = format!("q={}", words.join("+"));
        if self.rng.random_bool(0.5) {
            match self.rng.random_range(0..4) {
                0 => q.push_str(&format!("&theme={}", THEMES[self.rng.random_range(0..4)])),
                1 => q.push_str(&format!("&origin={}", ORIGINS[self.rng.random_range(0..7)])),
                2 => q.push_str(&format!("&theme={}&year_from=2018", THEMES[self.rng.random_range(0..4)])),
                _ => q.push_str(&format!("&intervention=policy&language={}", WORDS[lang].0)),
            }
        }
        q
    }
}

fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

/// Runs `smarty ARGS`; panics with its stderr on failure.
pub fn smarty(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().expect("run smarty");
    assert!(out.status.success(), "smarty {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

pub fn init(dir: &Path, region: &str) -> String {
    let config = dir.join(region);
    smarty(&["init", "--region", region, "--data-dir", config.to_str().unwrap(), "--listen", "127.0.0.1:0"]);
    let path = config.join("smarty.toml");
    // The benchmarks measure the engines, not the request budgets: lift them.
    let mut table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let limits = table.entry("limits").or_insert_with(|| toml::Table::new().into()).as_table_mut().unwrap();
    for budget in ["search", "export", "federation", "authenticated"] {
        let unlimited: toml::Table = toml::from_str("per_minute = 100000000\nburst = 10000000").unwrap();
        limits.insert(budget.into(), unlimited.into());
    }
    std::fs::write(&path, toml::to_string(&table).unwrap()).unwrap();
    path.to_str().unwrap().to_string()
}

/// A running `smarty serve`; killed on drop.
pub struct Server {
    pub url: String,
    child: Child,
}

impl Server {
    pub fn start(config: &str) -> Server {
        let mut command = Command::new(BIN);
        command.args(["serve", "--config", config]);
        Server::spawn(command)
    }

    /// `smarty serve` confined to one core (`taskset`), as a server measured against a
    /// baseline on the same core.
    pub fn start_on_core(config: &str, core: usize) -> Server {
        let mut command = Command::new("taskset");
        command.args(["-c", &core.to_string(), BIN, "serve", "--config", config]);
        Server::spawn(command)
    }

    /// Runs `command`, a server that prints `smarty: listening on URL` once it listens.
    pub fn spawn(mut command: Command) -> Server {
        use std::io::BufRead;
        let mut child = command.env("RUST_LOG", "error").stdout(Stdio::piped()).spawn().expect("spawn the server");
        let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("smarty serve printed its address").unwrap();
            if let Some(url) = line.strip_prefix("smarty: listening on ") {
                break url.to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Server { url, child }
    }
}

impl Server {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits until the node answers ready: its search index has caught up with its store, so
    /// that indexing its own records does not compete with what is measured next.
    pub async fn ready(&self) {
        let client = reqwest::Client::builder().pool_max_idle_per_host(1).build().unwrap();
        while client.get(format!("{}/readyz", self.url)).send().await.unwrap().status() != 200 {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// [`Server::ready`], from outside a runtime.
    pub fn wait_ready(&self) {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(self.ready());
    }
}

/// A process's peak resident memory (`VmHWM`) in MiB.
pub fn peak_mib_of(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Pins `peer`'s keys on the node of `config` (pulling from `url` if given).
pub fn pin(config: &str, peer_config: &str, peer_region: &str, url: Option<&str>) {
    let jwks = smarty(&["keys", "show", "--config", peer_config]);
    let file = Path::new(config).with_file_name(format!("{peer_region}.jwks"));
    std::fs::write(&file, jwks).unwrap();
    let mut args = vec!["peers", "add", "--config", config, "--region", peer_region, "--jwks", file.to_str().unwrap()];
    if let Some(u) = url {
        args.extend(["--url", u]);
    }
    smarty(&args);
}

/// A process's resident memory now, in MiB: (anonymous, file-backed). The file-backed part
/// is mostly the search index's memory-mapped files, which the kernel reclaims under pressure.
pub fn resident_mib_of(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> f64 {
        let kib: f64 = status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0.0);
        kib / 1024.0
    };
    (field("RssAnon:"), field("RssFile:"))
}

/// Runs a command to completion; returns (wall seconds, peak RSS in MiB, stdout).
///
/// The peak is the child's own `VmHWM`, sampled while it runs: `wait4`'s `ru_maxrss` would
/// also count the pre-exec copy of this (large) benchmark process.
pub fn measure(args: &[&str]) -> (f64, f64, String) {
    let start = std::time::Instant::now();
    let mut child = Command::new(BIN).args(args).env("RUST_LOG", "error").stdout(Stdio::piped()).spawn().unwrap();
    let status_file = format!("/proc/{}/status", child.id());
    let mut stdout = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut stdout, &mut text).unwrap();
        text
    });
    let mut peak_kib = 0u64;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        let hwm = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:"))?.split_whitespace().nth(1)?.parse().ok());
        peak_kib = peak_kib.max(hwm.unwrap_or(0));
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let text = reader.join().unwrap();
    assert!(status.success(), "smarty {args:?} failed: {text}");
    (start.elapsed().as_secs_f64(), peak_kib as f64 / 1024.0, text)
}

/// Latency percentiles of a run, in milliseconds.
#[derive(Debug, Clone, Copy)]
pub struct Latency {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Latency {
    /// Of these times (milliseconds), by the nearest-rank method.
    pub fn of(times: &mut [f64]) -> Latency {
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
        Latency { p50: at(0.50), p95: at(0.95), p99: at(0.99), max: times[times.len() - 1] }
    }
}

impl std::fmt::Display for Latency {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms", self.p50, self.p95, self.p99, self.max)
    }
}

/// Fills `store` with `size` published case studies from the generator, of the origin
/// `origin(i)` each, sealed with `keys`, 50,000 to a transaction; returns the mean size of
/// a record's content JSON in bytes.
pub fn fill(
    store: &smarty_schema::store::Store,
    keys: &smarty_api::keys::Active,
    size: usize,
    origin: impl Fn(usize) -> &'static str,
) -> f64 {
    use smarty_schema::{Kind, Record, Status, store::Write, timestamp};
    const BATCH: usize = 50_000;
    let mut generator = Generator::new(11);
    let now = timestamp::now();
    let mut bytes = 0usize;
    for batch in (0..size).step_by(BATCH) {
        let rows: Vec<Write> = (batch..(batch + BATCH).min(size))
            .map(|i| {
                let content = generator.case_study(i);
                bytes += serde_json::to_string(&content).unwrap().len();
                let record = Record {
                    id: uuid::Uuid::now_v7().to_string(),
                    kind: Kind::CaseStudy,
                    origin: origin(i).into(),
                    version: 1,
                    status: Status::Published,
                    created_at: now.clone(),
                    updated_at: now.clone(),
                    content,
                };
                Write::local(&record, false, &keys.signing, &keys.jwk.kid)
            })
            .collect();
        store.insert_records(&rows).unwrap();
    }
    bytes as f64 / size as f64
}
