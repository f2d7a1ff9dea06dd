use jobmarket_francetravail::normalize::{contract, place, salary};
use jobmarket_francetravail::raw::RawOffer;
#[test]
fn timing() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../../../shared/data/francetravail/offers.jsonl"
    ))
    .unwrap();
    let raws: Vec<RawOffer> = text
        .lines()
        .map(|l| RawOffer::from_json(l).unwrap())
        .collect();
    for _ in 0..2 {
        let t = std::time::Instant::now();
        let mut n = 0;
        for r in &raws {
            let s = r.salary.as_ref();
            n += salary::salary_with_description(
                s.and_then(|s| s.label.as_deref()),
                s.and_then(|s| s.comment.as_deref()),
                r.description.as_deref(),
            )
            .flags
            .len();
        }
        let ts = t.elapsed();
        let t = std::time::Instant::now();
        for r in &raws {
            n += contract::description_says_internship(r.description.as_deref().unwrap_or(""))
                as usize;
            n += contract::title_says_internship(r.title.as_deref().unwrap_or("")) as usize;
        }
        let tc = t.elapsed();
        let t = std::time::Instant::now();
        for r in &raws {
            n += place::place_in_title(r.title.as_deref().unwrap_or("")).is_some() as usize;
        }
        let tp = t.elapsed();
        println!(
            "n={n} salary {:?} ({:.0}/s) contract {:?} place(all titles) {:?}",
            ts,
            raws.len() as f64 / ts.as_secs_f64(),
            tc,
            tp
        );
    }
}
