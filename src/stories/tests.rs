//! Story clustering on hand-written fixtures: three stories told by several
//! sources, an article no one else covers, and two stories that share a
//! person but not an event.

use super::*;

fn article(id: &str, source: &str, date: Option<&str>, title: &str, body: &[&str]) -> Article {
    Article {
        id: id.into(),
        label: id.into(),
        source: Some(source.into()),
        title: Some(title.into()),
        date: date.map(Into::into),
        paragraphs: body.iter().map(|p| p.to_string()).collect(),
        ..Article::default()
    }
}

/// Three events, three sources each, plus one single-source article.
fn fixture() -> Vec<Article> {
    vec![
        article(
            "flood-a",
            "Valley Herald",
            Some("2025-04-02"),
            "River Amsel floods Tarnow after record rain",
            &[
                "The River Amsel burst its banks in Tarnow on Tuesday after 140 millimetres of rain fell in two days.",
                "Mayor Lidia Orzel ordered the evacuation of 3,200 residents from the low-lying Wiklina district.",
                "Firefighters used boats to reach families trapped on upper floors.",
            ],
        ),
        article(
            "quake-a",
            "Coastal Times",
            Some("2025-04-03"),
            "Magnitude 6.1 earthquake shakes Port Selva",
            &[
                "A magnitude 6.1 earthquake struck near Port Selva early on Wednesday, cracking the harbour wall.",
                "The seismology institute said the epicentre lay 12 kilometres offshore at a depth of 20 kilometres.",
                "Governor Ramon Ituarte said two fishermen were injured and the old lighthouse partly collapsed.",
            ],
        ),
        article(
            "flood-b",
            "National Wire",
            Some("2025-04-02"),
            "Thousands evacuated as Amsel floods Tarnow",
            &[
                "Some 3,200 people were moved out of Wiklina as the Amsel rose above its banks in Tarnow.",
                "Mayor Orzel said the rainfall, 140 millimetres since Sunday, was the heaviest since records began.",
                "Rescue crews in boats evacuated residents of flooded apartment blocks.",
            ],
        ),
        article(
            "budget-a",
            "Capital Post",
            Some("2025-04-01"),
            "Parliament passes Fenwick budget with teachers' pay rise",
            &[
                "Parliament approved finance minister Celia Fenwick's budget by 212 votes to 190 on Monday.",
                "The plan raises teachers' salaries by 4 percent and cuts the fuel levy on heating oil.",
                "Opposition leader Marek Dunst called the fuel levy cut an election gimmick.",
            ],
        ),
        article(
            "quake-b",
            "National Wire",
            Some("2025-04-03"),
            "Port Selva earthquake damages harbour and lighthouse",
            &[
                "The 6.1 quake centred 12 kilometres off Port Selva damaged the harbour wall and the lighthouse.",
                "Governor Ituarte reported two injured fishermen and no deaths.",
                "Seismologists recorded more than thirty aftershocks during the morning.",
            ],
        ),
        article(
            "budget-b",
            "National Wire",
            Some("2025-04-01"),
            "Fenwick budget clears parliament, 212 to 190",
            &[
                "Celia Fenwick's first budget passed parliament 212 to 190 after a long debate.",
                "Teachers will get a 4 percent pay rise and households a lower fuel levy on heating oil.",
                "Marek Dunst, who leads the opposition, said the levy cut was timed for the election.",
            ],
        ),
        article(
            "zoo",
            "Valley Herald",
            Some("2025-04-02"),
            "Tarnow zoo welcomes twin snow leopard cubs",
            &[
                "Keepers at the city zoo announced the birth of twin snow leopard cubs named Brisk and Ember.",
                "The cubs will stay with their mother in a quiet enclosure until the summer.",
            ],
        ),
        article(
            "quake-c",
            "Harbour Radio",
            Some("2025-04-03"),
            "Aftershocks follow Port Selva quake",
            &[
                "Residents of Port Selva slept outdoors as aftershocks followed the magnitude 6.1 earthquake.",
                "The harbour wall cracked and the lighthouse lost its lantern room, Governor Ramon Ituarte said.",
            ],
        ),
        article(
            "flood-c",
            "Harbour Radio",
            Some("2025-04-03"),
            "Amsel flood: Wiklina residents wait to return",
            &[
                "Evacuated residents of Wiklina waited in school gyms as the Amsel slowly fell in Tarnow.",
                "Lidia Orzel, the mayor, said 3,200 people would return once engineers checked the flood walls.",
            ],
        ),
        article(
            "budget-c",
            "Harbour Radio",
            Some("2025-04-02"),
            "What the Fenwick budget means for teachers",
            &[
                "Teachers' unions welcomed the 4 percent pay rise in Celia Fenwick's budget, passed 212 to 190.",
                "The cut to the fuel levy on heating oil takes effect in October.",
            ],
        ),
    ]
}

fn ids(articles: &[Article], c: &Cluster) -> Vec<String> {
    let mut v: Vec<String> = c.articles.iter().map(|&i| articles[i].id.clone()).collect();
    v.sort();
    v
}

#[test]
fn three_stories_and_a_single_source_article() {
    let articles = fixture();
    let clusters = cluster(&articles, &Options::default());
    let got: Vec<Vec<String>> = clusters.iter().map(|c| ids(&articles, c)).collect();
    assert_eq!(
        got,
        vec![
            vec!["flood-a", "flood-b", "flood-c"],
            vec!["quake-a", "quake-b", "quake-c"],
            vec!["budget-a", "budget-b", "budget-c"],
            vec!["zoo"],
        ],
        "{clusters:#?}"
    );
    // Stories first (3 sources each, input order on ties), the lone article last.
    assert!(clusters[..3].iter().all(|c| c.sources == 3));
    assert!(clusters[3].single_source());
    assert_eq!(clusters[0].first.as_deref(), Some("2025-04-02"));
    assert_eq!(clusters[0].last.as_deref(), Some("2025-04-03"));
    assert_eq!(clusters[3].first, clusters[3].last);
    // The headline comes from a member of the story.
    assert!(
        clusters[1].title.contains("Port Selva") || clusters[1].title.contains("quake"),
        "{}",
        clusters[1].title
    );
}

#[test]
fn input_order_does_not_change_the_stories() {
    let articles = fixture();
    let mut reversed = articles.clone();
    reversed.reverse();
    let a: Vec<Vec<String>> = cluster(&articles, &Options::default())
        .iter()
        .map(|c| ids(&articles, c))
        .collect();
    let mut b: Vec<Vec<String>> = cluster(&reversed, &Options::default())
        .iter()
        .map(|c| ids(&reversed, c))
        .collect();
    let mut a_sorted = a.clone();
    a_sorted.sort();
    b.sort();
    assert_eq!(a_sorted, b);
}

/// One senator in two unrelated events: her name alone must not join them.
fn shared_person() -> Vec<Article> {
    vec![
        article(
            "bridge-a",
            "Morning Ledger",
            Some("2025-05-10"),
            "Senator Hala Brennan opens Kestrel Bridge",
            &[
                "Senator Hala Brennan cut the ribbon on the Kestrel Bridge, a 900-metre crossing over the Dorn estuary.",
                "The toll-free bridge cost 310 million and shortens the commute from Alder Point by forty minutes.",
            ],
        ),
        article(
            "bridge-b",
            "Evening Courier",
            Some("2025-05-10"),
            "Kestrel Bridge opens to traffic",
            &[
                "Traffic crossed the Dorn estuary on the new Kestrel Bridge on Saturday after Hala Brennan opened it.",
                "Commuters from Alder Point said the 310 million crossing would save them forty minutes a day.",
            ],
        ),
        article(
            "hearing-a",
            "Morning Ledger",
            Some("2025-05-21"),
            "Brennan grills drug makers over insulin prices",
            &[
                "At a Senate hearing, Hala Brennan pressed three pharmaceutical chief executives on insulin prices.",
                "She cited patients paying 300 a month and asked why list prices tripled in a decade.",
            ],
        ),
        article(
            "hearing-b",
            "Evening Courier",
            Some("2025-05-21"),
            "Insulin makers face Senate questions",
            &[
                "Pharmaceutical executives defended insulin list prices before a Senate panel on Wednesday.",
                "Senator Brennan said patients paying 300 a month were rationing doses.",
            ],
        ),
    ]
}

#[test]
fn a_shared_person_does_not_make_one_story() {
    let articles = shared_person();
    let clusters = cluster(&articles, &Options::default());
    let got: Vec<Vec<String>> = clusters.iter().map(|c| ids(&articles, c)).collect();
    assert_eq!(
        got,
        vec![vec!["bridge-a", "bridge-b"], vec!["hearing-a", "hearing-b"]],
        "{clusters:#?}"
    );
    // Without dates the words alone still tell the events apart.
    let undated: Vec<Article> = articles
        .into_iter()
        .map(|a| Article { date: None, ..a })
        .collect();
    assert_eq!(cluster(&undated, &Options::default()).len(), 2);
}

#[test]
fn dates_far_apart_weaken_a_pair() {
    // The same wording a month apart: without dates one story, with them two.
    let mut articles = vec![
        article(
            "march",
            "A",
            None,
            "Ferry Aldis strike halts Skerry crossings",
            &["Crews of the Aldis ferry line walked out, halting all Skerry island crossings."],
        ),
        article(
            "april",
            "B",
            None,
            "Aldis ferry crews strike, Skerry cut off",
            &["The Aldis ferry crews walked out again and Skerry island crossings stopped."],
        ),
    ];
    assert_eq!(cluster(&articles, &Options::default()).len(), 1);
    articles[0].date = Some("2025-03-01".into());
    articles[1].date = Some("2025-04-15".into());
    assert_eq!(cluster(&articles, &Options::default()).len(), 2);
}

#[test]
fn boilerplate_shared_by_many_articles_does_not_join_them() {
    // Four unrelated articles that share a site footer verbatim.
    let footer =
        "Sign up for our newsletter to get the best stories delivered to your inbox every morning.";
    let bodies = [
        "Orchard growers in Pellam picked a record apple harvest this autumn.",
        "The Varn city council voted to close the old tram depot next spring.",
        "A rare white heron was photographed on the Ossel marshes by birdwatchers.",
        "Chess club members in Dunmere raised money for new tournament clocks.",
    ];
    let articles: Vec<Article> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| article(&format!("a{i}"), &format!("S{i}"), None, "", &[b, footer]))
        .collect();
    let clusters = cluster(&articles, &Options::default());
    assert_eq!(clusters.len(), 4, "{clusters:#?}");
    // The footer is what would join them.
    let keep_footers = Options {
        boilerplate_articles: usize::MAX,
        ..Options::default()
    };
    assert!(cluster(&articles, &keep_footers).len() < 4);
}

#[test]
fn empty_and_degenerate_input() {
    assert!(cluster(&[], &Options::default()).is_empty());
    let blank = vec![
        article("x", "A", Some("not a date"), "", &[""]),
        article("y", "A", None, "", &["!!! ... ???"]),
    ];
    let clusters = cluster(&blank, &Options::default());
    assert_eq!(clusters.len(), 2);
    assert_eq!(clusters[0].first, None);
}

#[test]
fn sources_fall_back_to_url_host_then_id() {
    let mut a = article("one", "", None, "t", &["x"]);
    a.source = None;
    a.url = Some("https://www.example.org/news/1".into());
    assert_eq!(source_of(&a), "example.org");
    a.url = None;
    assert_ne!(
        source_of(&a),
        source_of(&article("two", "", None, "t", &["x"]))
    );
}

#[test]
fn civil_dates_round_trip() {
    for d in ["1970-01-01", "2000-02-29", "2024-12-31", "2025-03-01"] {
        assert_eq!(civil(parse_day(d).unwrap()), d);
    }
}

/// A wire report of over 150 words, for syndication tests.
const WIRE: &[&str] = &[
    "The Calder Valley water board voted on Thursday to raise the Morrow reservoir dam by four metres, a project it says will cost 86 million and take three years.",
    "Board chair Ines Halloway said the higher dam would store enough water for 40,000 more homes and protect the villages of Upper Fenn and Sallow from spring floods.",
    "Farmers below the dam objected that the work would close the old valley road for two summers, and a petition with 2,300 signatures was handed to the board before the vote.",
    "Engineers plan to start on the spillway in March, when the reservoir is lowest, and to finish the new crest before the autumn rains of the third year.",
    "The board will borrow half of the money from the regional development bank and raise the rest through a water charge of about nine a year per household.",
    "Walkers' groups asked that the footpath over the dam stay open during the work, and the board promised a temporary bridge below the spillway by next summer.",
];

#[test]
fn the_same_text_from_several_sources_is_one_story() {
    // Five outlets ran the wire report verbatim; before, every sentence of
    // it counted as site furniture (in four or more articles) and the five
    // copies ended up as five single-source stories.
    let mut articles: Vec<Article> = ["Post", "Gazette", "Courier", "Ledger", "Radio"]
        .iter()
        .enumerate()
        .map(|(i, s)| article(&format!("wire-{i}"), s, Some("2025-06-05"), "", WIRE))
        .collect();
    articles.extend(fixture());
    let clusters = cluster(&articles, &Options::default());
    assert_eq!(
        ids(&articles, &clusters[0]),
        ["wire-0", "wire-1", "wire-2", "wire-3", "wire-4"],
        "{clusters:#?}"
    );
    assert_eq!(clusters[0].sources, 5);
    assert_eq!(clusters.len(), 5, "{clusters:#?}");
}

#[test]
fn a_short_notice_on_many_pages_is_not_a_story() {
    // Scraped pages whose only text is the same short notice: furniture,
    // not one story (each stays on its own).
    let notice = "Sign in to see the whole of this page and everything else that is on it.";
    let articles: Vec<Article> = (0..5)
        .map(|i| article(&format!("p{i}"), &format!("S{i}"), None, "", &[notice]))
        .collect();
    let clusters = cluster(&articles, &Options::default());
    assert_eq!(clusters.len(), 5, "{clusters:#?}");
}

/// Two events told at length by two sources each.
fn two_long_stories() -> Vec<Article> {
    vec![
        article(
            "fire-a",
            "Velmont Courier",
            None,
            "Warehouse fire closes Velmont harbour",
            &[
                "A fire that started in a timber warehouse on the north quay of Velmont harbour burned through the night and closed the port to shipping.",
                "Fire chief Odile Brancart said forty firefighters and two fireboats fought the blaze, which spread to a row of fishing sheds before dawn.",
                "Nobody was hurt, but the harbour master expects the quay to stay shut for a week while engineers inspect the damaged pilings.",
            ],
        ),
        article(
            "fire-b",
            "Coast Radio",
            None,
            "Velmont quay shut after overnight warehouse blaze",
            &[
                "Velmont's north quay will stay closed for a week after a timber warehouse fire that fireboats fought until morning.",
                "Chief Odile Brancart said the flames jumped to the fishing sheds beside the warehouse but that every worker got out in time.",
                "Engineers are checking the pilings under the quay, and ferries are using the south berths in the meantime, the harbour master said.",
            ],
        ),
        article(
            "mine-a",
            "Kessing Post",
            None,
            "Eleven miners rescued at Kessing colliery",
            &[
                "Rescuers brought eleven miners to the surface at the Kessing colliery on Saturday after a roof collapse trapped them for thirty hours.",
                "Rescue leader Tomas Hradil said the crew drilled a narrow shaft to pass water and lamps down before widening it for a cage.",
                "The miners were taken to the regional hospital; the company has halted work in the seam until inspectors finish their report.",
            ],
        ),
        article(
            "mine-b",
            "National Wire",
            None,
            "Trapped Kessing miners freed after thirty hours",
            &[
                "All eleven miners trapped by a roof collapse at the Kessing colliery were lifted out in a rescue cage on Saturday.",
                "Tomas Hradil, who led the rescue, said drilling the narrow supply shaft to the trapped crew was the hardest part of the thirty hours.",
                "Inspectors are investigating the collapse, and the company has stopped work in the seam while they do.",
            ],
        ),
    ]
}

#[test]
fn a_short_roundup_of_two_stories_joins_neither() {
    // A feed item of a few words naming both events: before, it joined one
    // of them (whichever average came first) and could pull the two
    // together; a short article now joins only a story it clearly belongs to.
    let mut articles = two_long_stories();
    articles.push(article(
        "roundup",
        "Weekend Digest",
        None,
        "Velmont harbour fire, Kessing miners rescued",
        &["Odile Brancart on the Velmont warehouse fire; Tomas Hradil on the Kessing colliery rescue."],
    ));
    let clusters = cluster(&articles, &Options::default());
    let got: Vec<Vec<String>> = clusters.iter().map(|c| ids(&articles, c)).collect();
    assert_eq!(
        got,
        vec![
            vec!["fire-a", "fire-b"],
            vec!["mine-a", "mine-b"],
            vec!["roundup"]
        ],
        "{clusters:#?}"
    );
}

#[test]
fn a_short_article_joins_the_story_it_belongs_to() {
    let mut articles = two_long_stories();
    articles.push(article(
        "brief",
        "City Briefs",
        None,
        "Velmont harbour shut by warehouse fire",
        &["Fireboats fought the timber warehouse blaze on Velmont's north quay all night, chief Odile Brancart said."],
    ));
    let clusters = cluster(&articles, &Options::default());
    let got: Vec<Vec<String>> = clusters.iter().map(|c| ids(&articles, c)).collect();
    assert_eq!(
        got,
        vec![vec!["brief", "fire-a", "fire-b"], vec!["mine-a", "mine-b"]],
        "{clusters:#?}"
    );
}

#[test]
fn a_long_articles_vector_keeps_room_for_its_heaviest_features_only() {
    // 1,000 shared features, different weights: only max_features are kept,
    // and the vector holds no room for the ones cut (at 10,000 articles the
    // leftover room was 30 MB beside the reader's text).
    let opts = Options::default();
    let raw: features::RawFeatures = (0..1000u64)
        .map(|k| features::Raw::new(k << 18, 1.0 + (k % 7) as f32, Kind::Word))
        .collect();
    let mut work = Vec::new();
    let v = unit_vector(
        raw,
        &opts,
        |key| (Some(key as u32), 2.0),
        10_000.0,
        &mut work,
    );
    assert_eq!(v.len(), opts.max_features);
    assert_eq!(v.capacity(), opts.max_features);
    assert!(v.windows(2).all(|w| w[0].0 < w[1].0));
    let norm: f32 = v.iter().map(|x| x.1 * x.1).sum();
    assert!((norm - 1.0).abs() < 1e-4);
    // The working room, reused by the next article, leaves nothing behind.
    let short: features::RawFeatures = (0..3u64)
        .map(|k| features::Raw::new(k << 18, 1.0, Kind::Word))
        .collect();
    let fresh = unit_vector(
        short.clone(),
        &opts,
        |k| (Some(k as u32), 2.0),
        10_000.0,
        &mut Vec::new(),
    );
    let reused = unit_vector(short, &opts, |k| (Some(k as u32), 2.0), 10_000.0, &mut work);
    assert_eq!(reused, fresh);
    assert_eq!(reused.capacity(), 3);
}

#[test]
fn document_frequencies_are_counted_across_batches() {
    // Each article has a feature of its own, one shared with its
    // neighbour (articles 1023 and 1024 across a batch edge) and one
    // shared by all; only
    // the shared ones come back, each counted once per article.
    let n = COUNT_BATCH * 2 + 7;
    let articles: Vec<u64> = (0..n as u64).collect();
    let (mut shared, own) = shared_keys(&articles, |_, &i| {
        let keys = [1, 10 + i.div_ceil(2), 1_000_000 + i];
        let raw = keys
            .iter()
            .map(|&k| features::Raw::new(k << 18, 1.0, Kind::Word))
            .collect();
        (raw, i as u32)
    });
    shared.sort_unstable();
    let mut want: Vec<(u64, u32)> = (1..=n as u64 / 2).map(|p| (10 + p, 2)).collect();
    want.insert(0, (1, n as u32));
    assert_eq!(shared, want);
    assert_eq!(own, (0..n as u32).collect::<Vec<_>>());
}
