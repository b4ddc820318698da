//! Word lists the rules use. Data, not logic: extend them freely.

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

use crate::text::calendar;

/// Lowercase without allocating when the word already is.
fn lower(word: &str) -> Cow<'_, str> {
    if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// A word list as a set, built on first use.
macro_rules! word_set {
    ($name:ident, $list:ident) => {
        static $name: LazyLock<HashSet<&'static str>> =
            LazyLock::new(|| $list.iter().copied().collect());
    };
}

word_set!(TERM_CUE_SET, TERM_CUES);
word_set!(TITLE_CUE_SET, TITLE_CUES);
word_set!(ROLE_NOUN_SET, ROLE_NOUNS);
word_set!(NOT_PERSON_SET, NOT_PERSON_WORDS);
word_set!(FUNCTION_WORD_SET, FUNCTION_WORDS);
word_set!(GIVEN_NAME_SET, GIVEN_NAMES);
word_set!(STOP_WORD_SET, STOP_WORDS);

/// Speech verbs as base forms; regular inflections are generated.
const SPEECH_VERBS: &[&str] = &[
    "say",
    "add",
    "note",
    "write",
    "post",
    "comment",
    "tell",
    "explain",
    "state",
    "ask",
    "argue",
    "warn",
    "caution",
    "insist",
    "respond",
    "reply",
    "continue",
    "interject",
    "counter",
    "quip",
    "joke",
    "tweet",
    "recall",
    "acknowledge",
    "concede",
    "predict",
    "declare",
    "claim",
    "announce",
    "complain",
    "admit",
    "observe",
    "remark",
    "suggest",
    "exclaim",
    "shout",
    "whisper",
    "stress",
    "emphasise",
    "emphasize",
    "share",
    "answer",
    "confirm",
    "deny",
    "mention",
    "agree",
    "reveal",
    "muse",
    "laugh",
    "sigh",
    "scoff",
    "boast",
    "plead",
    "urge",
    "vow",
    "promise",
    "assert",
    "maintain",
    "lament",
    "recount",
    "report",
    "testify",
    "yell",
    "cry",
    "murmur",
    "mutter",
    "conclude",
    "pledge",
    "affirm",
    "retort",
    "elaborate",
    "reiterate",
    "specify",
    "put",
];

/// Irregular or doubled forms the generator does not produce.
const IRREGULAR_FORMS: &[&str] = &[
    "reads",
    "said",
    "told",
    "wrote",
    "written",
    "spoke",
    "spoken",
    "speaks",
    "speak",
    "speaking",
    "quipped",
    "quipping",
    "replied",
    "replies",
    "cried",
    "cries",
    "denied",
    "denies",
    "specified",
    "specifies",
    "began",
    "begun",
    "according",
    "put",
    "putting",
];

fn inflect(base: &str, out: &mut HashSet<String>) {
    out.insert(base.to_string());
    let stem = base.strip_suffix('e').unwrap_or(base);
    out.insert(format!("{base}s"));
    out.insert(format!("{stem}ed"));
    out.insert(format!("{stem}ing"));
    if base.ends_with(['s', 'h', 'x']) {
        out.insert(format!("{base}es"));
    }
}

static SPEECH_VERB_FORMS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for v in SPEECH_VERBS {
        inflect(v, &mut set);
    }
    set.extend(IRREGULAR_FORMS.iter().map(|s| s.to_string()));
    set
});

/// Is `word` (any case) a form of a speech verb?
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_FORMS.contains(lower(word).as_ref())
}

/// Participles that attach a quote to the sentence's subject (`..., saying "..."`).
pub fn is_participle(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing") && is_speech_verb(word)
}

/// Words before a quote that mark it as a term, not speech.
const TERM_CUES: &[&str] = &[
    "call",
    "calls",
    "hashtag",
    "hashtags",
    "so-called",
    "called",
    "dubbed",
    "named",
    "term",
    "terms",
    "phrase",
    "phrases",
    "word",
    "words",
    "slogan",
    "slogans",
    "label",
    "labelled",
    "labeled",
    "nickname",
    "nicknamed",
    "known",
    "topic",
    "titled",
    "entitled",
    "tag",
    "tagged",
    "meaning",
    "means",
    "translates",
    "translated",
    "translation",
    "literally",
    "brand",
    "branded",
    "motto",
    "headline",
    "caption",
    "captioned",
    "keyword",
    "keywords",
    "trend",
    "trending",
    "dub",
    "coined",
    "buzzword",
    "moniker",
];

/// Nouns for works whose titles are quoted.
const TITLE_CUES: &[&str] = &[
    "show",
    "series",
    "film",
    "movie",
    "book",
    "novel",
    "song",
    "album",
    "podcast",
    "episode",
    "documentary",
    "play",
    "poem",
    "essay",
    "report",
    "article",
    "column",
    "single",
    "game",
    "programme",
    "program",
    "exhibition",
    "campaign",
];

pub fn is_term_cue(word: &str) -> bool {
    TERM_CUE_SET.contains(lower(word).as_ref())
}

pub fn is_title_cue(word: &str) -> bool {
    TITLE_CUE_SET.contains(lower(word).as_ref())
}

/// Nouns that describe a person: a name after them (`analyst Ivy Yang`) or an
/// appositive of them (`Jacob Hui, a translator`) is a person.
const ROLE_NOUNS: &[&str] = &[
    "analyst",
    "user",
    "users",
    "designer",
    "resident",
    "worker",
    "founder",
    "co-founder",
    "translator",
    "ceo",
    "cfo",
    "cto",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "president",
    "minister",
    "director",
    "professor",
    "researcher",
    "expert",
    "official",
    "senator",
    "representative",
    "rep",
    "governor",
    "mayor",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "executive",
    "manager",
    "student",
    "teacher",
    "lawyer",
    "attorney",
    "economist",
    "journalist",
    "reporter",
    "editor",
    "author",
    "writer",
    "artist",
    "singer",
    "actor",
    "actress",
    "influencer",
    "creator",
    "blogger",
    "engineer",
    "scientist",
    "doctor",
    "dr",
    "nurse",
    "officer",
    "leader",
    "commentator",
    "strategist",
    "consultant",
    "owner",
    "employee",
    "investor",
    "trader",
    "farmer",
    "mother",
    "father",
    "son",
    "daughter",
    "wife",
    "husband",
    "fan",
    "player",
    "coach",
    "member",
    "chief",
    "head",
    "advocate",
    "activist",
    "organiser",
    "organizer",
    "voter",
    "customer",
    "named",
    "called",
    "refugee",
    "streamer",
    "youtuber",
    "tiktoker",
    "vlogger",
    "entrepreneur",
    "developer",
    "programmer",
    "historian",
    "scholar",
    "lecturer",
    "diplomat",
    "ambassador",
    "judge",
    "justice",
    "prosecutor",
    "sheriff",
    "chef",
    "owner",
    "partner",
    "host",
    "anchor",
    "correspondent",
    "producer",
    "photographer",
    "musician",
    "comedian",
    "poet",
    "novelist",
    "candidate",
    "lawmaker",
    "congressman",
    "congresswoman",
    "mp",
    "premier",
    "pastor",
    "priest",
    "rabbi",
    "imam",
    "bishop",
    "pope",
    "king",
    "queen",
    "prince",
    "princess",
    "general",
    "colonel",
    "captain",
    "sergeant",
    "lieutenant",
    "commissioner",
    "inspector",
    "detective",
    "constable",
    "superintendent",
    "det",
    "supt",
    "insp",
    "dc",
    "ds",
    "pc",
    "witness",
    "eyewitness",
    "administrator",
    "vice",
    "deputy",
    "adviser",
    "advisor",
    "aide",
    "staffer",
    "volunteer",
    "landlord",
    "tenant",
    "protester",
    "fisherman",
    "baker",
    "firefighter",
    "shopkeeper",
    "nationalist",
    "commenter",
    "poster",
    "viewer",
    "reader",
    "mom",
    "dad",
    "grandmother",
    "grandfather",
    "neighbour",
    "neighbor",
    "friend",
    "colleague",
    "citizen",
    "native",
    "worker,",
    "mr",
    "mrs",
    "ms",
    "miss",
    "sir",
    "dame",
    "lord",
    "lady",
];

pub fn is_role_noun(word: &str) -> bool {
    ROLE_NOUN_SET.contains(lower(word).trim_end_matches('.'))
}

/// Honorifics dropped from names (`Dr. Jane Roe` is Jane Roe).
pub fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_lowercase().as_str(),
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sir"
            | "dame"
            | "rev"
            | "sen"
            | "rep"
            | "gov"
            | "gen"
            | "lt"
            | "col"
            | "capt"
            | "sgt"
            | "st"
    )
}

/// Words that make a capitalised run an organisation, place or thing.
const NOT_PERSON_WORDS: &[&str] = &[
    "app",
    "apps",
    "store",
    "court",
    "strategy",
    "inc",
    "corp",
    "corporation",
    "company",
    "co",
    "ltd",
    "llc",
    "plc",
    "group",
    "university",
    "college",
    "school",
    "institute",
    "news",
    "times",
    "post",
    "journal",
    "street",
    "avenue",
    "road",
    "house",
    "party",
    "department",
    "ministry",
    "government",
    "bank",
    "association",
    "council",
    "committee",
    "agency",
    "commission",
    "foundation",
    "fund",
    "states",
    "state",
    "republic",
    "union",
    "kingdom",
    "city",
    "county",
    "province",
    "kong",
    "york",
    "island",
    "islands",
    "river",
    "mountain",
    "lake",
    "ocean",
    "sea",
    "airport",
    "hospital",
    "church",
    "museum",
    "library",
    "center",
    "centre",
    "office",
    "court",
    "congress",
    "senate",
    "parliament",
    "assembly",
    "army",
    "navy",
    "force",
    "police",
    "media",
    "network",
    "studio",
    "studios",
    "records",
    "press",
    "tv",
    "radio",
    "channel",
    "magazine",
    "policy",
    "disclaimer",
    "book",
    "tiktok",
    "rednote",
    "meta",
    "instagram",
    "youtube",
    "facebook",
    "twitter",
    "google",
    "apple",
    "amazon",
    "microsoft",
    "bytedance",
    "xiaohongshu",
    "wechat",
    "douyin",
    "alibaba",
    "tencent",
    "pinterest",
    "lemon8",
    "appstore",
    "reuters",
    "associated",
    "international",
    "global",
    "national",
    "federal",
    "china",
    "america",
    "chinese",
    "american",
    "english",
    "mandarin",
    "christmas",
    "easter",
    "fact-checking",
    "systems",
    "technologies",
    "labs",
    "holdings",
    "partners",
    "capital",
    "ventures",
    "motors",
    "airlines",
    "club",
    "team",
    "league",
    "cup",
    "festival",
    "awards",
    "prize",
    "act",
    "bill",
    "law",
    "treaty",
    "war",
    "day",
    "week",
    "year",
    "x",
];

pub fn is_not_person_word(word: &str) -> bool {
    let w = lower(word);
    NOT_PERSON_SET.contains(w.as_ref()) || is_calendar_word(&w)
}

/// Weekday and month names ([`calendar`]), except "may" (a verb and a name).
fn is_calendar_word(w: &str) -> bool {
    calendar::is_weekday(w) || (w != "may" && calendar::MONTHS.contains(&w))
}

/// Capitalised words that begin sentences or clauses but never names.
const FUNCTION_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "and",
    "but",
    "or",
    "so",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "from",
    "with",
    "by",
    "to",
    "into",
    "however",
    "meanwhile",
    "whilst",
    "while",
    "when",
    "where",
    "whether",
    "despite",
    "although",
    "though",
    "after",
    "before",
    "since",
    "until",
    "unlike",
    "like",
    "if",
    "because",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "it’s",
    "it's",
    "there",
    "their",
    "they",
    "he",
    "she",
    "we",
    "i",
    "you",
    "his",
    "her",
    "our",
    "my",
    "your",
    "one",
    "another",
    "some",
    "many",
    "most",
    "all",
    "each",
    "every",
    "other",
    "others",
    "for",
    "yet",
    "still",
    "also",
    "even",
    "then",
    "now",
    "here",
    "recent",
    "initially",
    "originally",
    "founded",
    "launched",
    "following",
    "according",
    "why",
    "what",
    "who",
    "how",
    "which",
    "chinese",
    "american",
    "americans",
    "u.s",
    "us",
    "uk",
    "eu",
    "un",
    "no",
    "not",
    "only",
    "just",
    "have",
    "has",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "do",
    "does",
    "did",
    "can",
    "could",
    "would",
    "should",
    "will",
    "may",
    "might",
    "must",
    "posts",
    "videos",
    "critics",
    "observers",
    "users",
    "everyone",
    "please",
    "said",
    "says",
];

pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORD_SET.contains(lower(word).as_ref())
}

/// Personal pronouns that can refer back to a named speaker.
pub fn is_person_pronoun(word: &str) -> bool {
    matches!(word.to_lowercase().as_str(), "he" | "she" | "they")
}

/// Words that start an anonymous speaker's description (`one user`, `a resident`).
pub fn is_descriptor_start(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "one"
            | "another"
            | "a"
            | "an"
            | "the"
            | "some"
            | "many"
            | "several"
            | "other"
            | "others"
            | "two"
            | "three"
            | "few"
            | "most"
            | "critics"
            | "observers"
            | "experts"
            | "officials"
            | "analysts"
            | "users"
            | "residents"
            | "people"
            | "supporters"
            | "opponents"
    )
}

/// Common given names: a capitalised pair starting with one is a person.
/// (Month names that are also given names are left out on purpose.)
const GIVEN_NAMES: &[&str] = &[
    "james",
    "john",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "mark",
    "donald",
    "steven",
    "paul",
    "andrew",
    "joshua",
    "kenneth",
    "kevin",
    "brian",
    "george",
    "timothy",
    "ronald",
    "edward",
    "jason",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "gregory",
    "alexander",
    "frank",
    "patrick",
    "raymond",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "jose",
    "adam",
    "nathan",
    "henry",
    "peter",
    "zachary",
    "kyle",
    "noah",
    "ethan",
    "jeremy",
    "walter",
    "christian",
    "keith",
    "roger",
    "terry",
    "austin",
    "sean",
    "gerald",
    "carl",
    "harold",
    "dylan",
    "arthur",
    "lawrence",
    "jordan",
    "jesse",
    "bryan",
    "billy",
    "bruce",
    "gabriel",
    "joe",
    "logan",
    "alan",
    "juan",
    "albert",
    "willie",
    "elijah",
    "wayne",
    "randy",
    "vincent",
    "liam",
    "lucas",
    "marcus",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "lisa",
    "nancy",
    "betty",
    "sandra",
    "margaret",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "dorothy",
    "rebecca",
    "sharon",
    "laura",
    "cynthia",
    "amy",
    "kathleen",
    "angela",
    "shirley",
    "brenda",
    "emma",
    "anna",
    "pamela",
    "nicole",
    "samantha",
    "katherine",
    "christine",
    "helen",
    "debra",
    "rachel",
    "carolyn",
    "janet",
    "maria",
    "catherine",
    "heather",
    "diane",
    "olivia",
    "julie",
    "joyce",
    "victoria",
    "ruth",
    "virginia",
    "lauren",
    "kelly",
    "christina",
    "joan",
    "evelyn",
    "judith",
    "andrea",
    "hannah",
    "megan",
    "cheryl",
    "jacqueline",
    "martha",
    "madison",
    "teresa",
    "gloria",
    "sara",
    "janice",
    "ann",
    "kathryn",
    "abigail",
    "sophia",
    "frances",
    "jean",
    "alice",
    "judy",
    "isabella",
    "julia",
    "grace",
    "amber",
    "denise",
    "danielle",
    "marilyn",
    "beverly",
    "charlotte",
    "natalie",
    "theresa",
    "diana",
    "brittany",
    "doris",
    "kayla",
    "alexis",
    "lori",
    "ivy",
    "sydney",
    "chloe",
    "zoe",
    "mia",
    "ava",
    "ella",
    "lily",
    "claire",
    "sophie",
    "lucy",
    "alex",
    "sam",
    "chris",
    "pat",
    "jamie",
    "taylor",
    "morgan",
    "casey",
    "riley",
    "avery",
    "quinn",
    "elon",
    "jeff",
    "bill",
    "tim",
    "satya",
    "sundar",
    "xi",
    "li",
    "wang",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "xu",
    "sun",
    "ma",
    "zhu",
    "hu",
    "guo",
    "he",
    "lin",
    "luo",
    "gao",
    "ren",
    "muhammad",
    "mohammed",
    "ahmed",
    "ali",
    "fatima",
    "omar",
    "hassan",
    "ibrahim",
    "yusuf",
    "priya",
    "raj",
    "amit",
    "anil",
    "sanjay",
    "hiroshi",
    "yuki",
    "kenji",
    "min",
    "ji",
    "jin",
    "hyun",
    "carlos",
    "luis",
    "miguel",
    "pedro",
    "sofia",
    "lucia",
    "elena",
    "ana",
    "marco",
    "giulia",
    "hans",
    "anna",
    "ingrid",
    "olga",
    "ivan",
    "dmitri",
    "sergei",
    "natasha",
    "pierre",
    "marie",
    "jean",
    "louis",
    "emile",
    "émile",
];

pub fn is_given_name(word: &str) -> bool {
    GIVEN_NAME_SET.contains(lower(word).as_ref())
}

/// Words ignored when comparing quotes across sources.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "if", "of", "to", "in", "on", "at", "for", "from",
    "with", "by", "as", "is", "are", "was", "were", "be", "been", "being", "am", "it", "its",
    "this", "that", "these", "those", "i", "me", "my", "we", "us", "our", "you", "your", "he",
    "she", "they", "them", "their", "his", "her", "do", "does", "did", "have", "has", "had",
    "will", "would", "can", "could", "should", "just", "very", "really", "so", "too", "there",
    "here", "what", "which", "who", "about", "up", "out", "into", "than", "then", "also", "all",
    "some", "any", "more", "most", "such", "because", "since", "over", "one",
];

pub fn is_stop_word(word: &str) -> bool {
    STOP_WORD_SET.contains(word)
}

/// Lower-case prepositions that end a speaker phrase after the name.
pub fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "at" | "outside"
            | "inside"
            | "in"
            | "on"
            | "during"
            | "after"
            | "before"
            | "from"
            | "with"
            | "for"
            | "near"
            | "via"
            | "while"
            | "when"
            | "to"
    )
}

/// Words that end a capitalised run that can never be a speaker: dates,
/// weekdays, months, places and sentence adverbs (`City Hall`, `Tuesday`).
pub fn never_speaks(word: &str) -> bool {
    let w = word.trim_end_matches('.').to_lowercase();
    let w = w
        .strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(&w);
    if is_calendar_word(w) {
        return true;
    }
    matches!(
        w,
        "today"
            | "yesterday"
            | "tomorrow"
            | "hall"
            | "street"
            | "avenue"
            | "road"
            | "square"
            | "building"
            | "station"
            | "airport"
            | "bridge"
            | "river"
            | "mountain"
            | "lake"
            | "beach"
            | "however"
            | "meanwhile"
            | "instead"
            | "indeed"
            | "overall"
            | "ultimately"
            | "honestly"
            | "frankly"
            | "still"
            | "yet"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_verbs_in_any_tense() {
        for w in [
            "said",
            "says",
            "saying",
            "noted",
            "noting",
            "added",
            "adding",
            "wrote",
            "told",
            "stating",
            "replied",
            "quipped",
            "cautioned",
            "tweeted",
            "posted",
            "Says",
        ] {
            assert!(is_speech_verb(w), "{w}");
        }
        for w in ["described", "garnered", "called", "flocking"] {
            assert!(!is_speech_verb(w), "{w}");
        }
        assert!(is_participle("saying") && !is_participle("said"));
    }
}
