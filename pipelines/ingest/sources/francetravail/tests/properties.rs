//! Property tests of the salary and place parsers: whatever the input, they never panic,
//! bounds are ordered, annual figures are plausible or flagged, and places are consistent.

use jobmarket_francetravail::normalize::place::{PlaceInput, location, place_in_title};
use jobmarket_francetravail::normalize::salary::{salary, salary_with_description};
use jobmarket_schema::geo;
use proptest::prelude::*;

/// Salary labels shaped like the API's, with the variations seen in real data.
fn salary_label() -> impl Strategy<Value = String> {
    let unit = prop::sample::select(vec![
        "Horaire",
        "Mensuel",
        "Annuel",
        "Autre",
        "Cachet",
        "De",
        "Journalier",
        "",
    ]);
    let amount = (
        0u32..1_000_000,
        prop::bool::ANY,
        prop::sample::select(vec![0u8, 1, 2]),
    )
        .prop_map(|(n, comma, decimals)| {
            let (int, frac) = (n / 100, n % 100);
            match (decimals, comma) {
                (0, _) => format!("{int}"),
                (1, false) => format!("{int}.{}", frac % 10),
                (1, true) => format!("{int},{}", frac % 10),
                (_, false) => format!("{int}.{frac:02}"),
                (_, true) => format!("{int},{frac:02}"),
            }
        });
    let months = prop::option::of(prop::sample::select(vec![
        "12", "12.0", "13", "13.0", "13.5", "0.0", "1.0", "14",
    ]));
    let suffix = prop::option::of(prop::sample::select(vec![
        " - Panier repas",
        " - 13 ème mois",
        " -",
    ]));
    (
        unit,
        amount.clone(),
        prop::option::of(amount),
        months,
        suffix,
    )
        .prop_map(|(unit, min, max, months, suffix)| {
            let mut text = if unit == "De" {
                format!("De {min} Euros")
            } else {
                format!("{unit} de {min} Euros")
            };
            if let Some(max) = max {
                text.push_str(&format!(" à {max} Euros"));
            }
            if let Some(months) = months {
                text.push_str(&format!(" sur {months} mois"));
            }
            text.push_str(suffix.unwrap_or(""));
            text
        })
}

fn check_salary(s: &jobmarket_schema::Salary) -> Result<(), TestCaseError> {
    if let (Some(min), Some(max)) = (s.min_annual_eur, s.max_annual_eur) {
        prop_assert!(min <= max, "min {min} > max {max} for {:?}", s.raw);
    }
    for value in [s.min_annual_eur, s.max_annual_eur].into_iter().flatten() {
        prop_assert!(value.is_finite());
        prop_assert!(
            (5_000.0..=500_000.0).contains(&value) || !s.flags.is_empty(),
            "annual {value} neither plausible nor flagged for {:?}",
            s.raw
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn salary_labels_give_ordered_plausible_or_flagged_figures(label in salary_label()) {
        check_salary(&salary(Some(&label), None))?;
    }

    #[test]
    fn any_text_is_safe_as_a_salary_label_or_comment(label in ".{0,80}", comment in ".{0,120}") {
        check_salary(&salary(Some(&label), Some(&comment)))?;
        check_salary(&salary(None, Some(&comment)))?;
    }

    #[test]
    fn any_text_is_safe_as_a_description(
        description in ".{0,300}",
        words in prop::collection::vec(
            prop::sample::select(vec![
                "Salaire", "rémunération", ":", "entre", "et", "à", "-", "/", "35", "45", "2 000",
                "12,50", "1 700,00", "k€", "K", "€", "euros", "brut", "net", "annuel", "par mois",
                "de l'heure", "prime", "M€", "%", "\n", ".", "sur 13 mois", "/semaine", "jusqu'à",
            ]),
            0..24,
        ),
    ) {
        check_salary(&salary_with_description(None, Some("Selon profil"), Some(&description)))?;
        let built = words.join(" ");
        let s = salary_with_description(None, None, Some(&built));
        check_salary(&s)?;
        if s.min_annual_eur.is_some() {
            prop_assert!(s.flags.iter().any(|f| f == "from_description"), "{built:?}");
        }
    }

    #[test]
    fn any_title_is_safe_for_places(title in ".{0,80}") {
        if let Some(found) = place_in_title(&title) {
            let region = found.region_code.expect("a place has a region");
            if let Some(dept) = found.dept {
                prop_assert_eq!(dept.region_code, region);
            }
        }
        let place = location(&PlaceInput { label: Some("France"), title: Some(&title), ..PlaceInput::default() });
        if let Some(code) = &place.department_code {
            prop_assert_eq!(
                place.region_code.as_deref(),
                Some(geo::department(code).unwrap().region_code)
            );
        }
    }

    #[test]
    fn k_euro_comments_are_read_as_annual(low in 20u32..90, width in 0u32..30) {
        let high = low + width;
        let s = salary(None, Some(&format!("{low} - {high} k€ brut annuel")));
        prop_assert_eq!(s.min_annual_eur, Some(f64::from(low) * 1000.0));
        prop_assert_eq!(s.max_annual_eur, Some(f64::from(high) * 1000.0));
    }

    #[test]
    fn monthly_comments_are_read_times_twelve(low in 1_500u32..6_000, width in 0u32..1_000) {
        let high = low + width;
        let s = salary(None, Some(&format!("{low} à {high} € brut par mois")));
        prop_assert_eq!(s.min_annual_eur, Some(f64::from(low) * 12.0));
        prop_assert_eq!(s.max_annual_eur, Some(f64::from(high) * 12.0));
        let s = salary(None, Some(&format!("{low} € net")));
        prop_assert_eq!(s.min_annual_eur, s.max_annual_eur);
        prop_assert!(s.flags.iter().any(|f| f == "net_amount"));
    }

    #[test]
    fn places_are_consistent_whatever_the_input(
        label in prop::option::of(".{0,40}"),
        dept in prop::sample::select(geo::DEPARTMENTS.iter().map(|d| d.code).collect::<Vec<_>>()),
        commune_suffix in "[0-9]{3}",
        use_commune in prop::bool::ANY,
        lat in prop::option::of(-90.0f64..90.0),
        lon in prop::option::of(-180.0f64..180.0),
    ) {
        let commune = format!("{dept}{}", &commune_suffix[dept.len() - 2..]);
        let label = label.unwrap_or_else(|| format!("{dept} - Quelque Part"));
        let place = location(&PlaceInput {
            label: Some(&label),
            commune: use_commune.then_some(commune.as_str()),
            postal_code: None,
            latitude: lat,
            longitude: lon,
            title: None,
            description: None,
        });
        if let Some(code) = &place.department_code {
            let known = geo::department(code);
            prop_assert!(known.is_some(), "unknown department {code}");
            prop_assert_eq!(place.region_code.as_deref(), Some(known.unwrap().region_code));
        }
        if use_commune && commune.len() == 5 {
            prop_assert_eq!(place.department_code.as_deref(), Some(dept));
        }
        if let (Some(lat), Some(lon)) = (place.lat, place.lon) {
            // Kept coordinates lie in France (metropolitan or overseas boxes), never elsewhere.
            let metropolitan = (41.0..=51.5).contains(&lat) && (-5.5..=10.0).contains(&lon);
            let overseas = lat < 20.0 || !(-40.0..=40.0).contains(&lon);
            prop_assert!(metropolitan || overseas, "kept {lat},{lon} for {label:?}");
        }
        prop_assert_eq!(place.lat.is_some(), place.lon.is_some());
    }
}
