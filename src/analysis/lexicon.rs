//! Word lists the rules use. Data, not logic: extend them freely.

use rustc_hash::FxHashSet as HashSet;
use std::borrow::Cow;
use std::sync::LazyLock;

use crate::text::calendar;

/// A word in lower case without a heap allocation for ordinary words:
/// ASCII words up to 32 bytes are lowered on the stack.
pub struct Lower<'a> {
    buf: [u8; 32],
    len: usize,
    other: Option<Cow<'a, str>>,
}

impl<'a> Lower<'a> {
    pub fn of(word: &'a str) -> Self {
        let mut buf = [0u8; 32];
        // Most words are already lower case: borrow them.
        if !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
            return Lower {
                buf,
                len: 0,
                other: Some(Cow::Borrowed(word)),
            };
        }
        if word.len() <= buf.len() && word.is_ascii() {
            for (b, c) in buf.iter_mut().zip(word.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            return Lower {
                buf,
                len: word.len(),
                other: None,
            };
        }
        let other = if word.chars().any(char::is_uppercase) {
            Cow::Owned(word.to_lowercase())
        } else {
            Cow::Borrowed(word)
        };
        Lower {
            buf,
            len: 0,
            other: Some(other),
        }
    }

    pub fn as_str(&self) -> &str {
        match &self.other {
            Some(s) => s,
            // ASCII bytes lowered in place are valid UTF-8.
            None => std::str::from_utf8(&self.buf[..self.len]).unwrap_or_default(),
        }
    }
}

fn lower(word: &str) -> Lower<'_> {
    Lower::of(word)
}

/// A word list (all lower case) looked up in any case. An ASCII word is not
/// lowered first: its lower-case bytes are hashed and compared ignoring
/// ASCII case in an open-addressed table. Other words are lowered
/// ([`Lower`]) and looked up as they are.
pub struct WordSet {
    /// Power-of-two slots; an empty string is a free slot.
    slots: Box<[Box<str>]>,
    all: HashSet<Box<str>>,
}

fn caseless_hash(word: &str) -> usize {
    let mut h: u64 = 0;
    for b in word.bytes() {
        h = (h.rotate_left(5) ^ u64::from(b.to_ascii_lowercase()))
            .wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    (h ^ (h >> 29)) as usize
}

impl WordSet {
    pub fn new<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Self {
        let all: HashSet<Box<str>> = words.into_iter().map(|w| w.as_ref().into()).collect();
        let size = (all.len() * 2).next_power_of_two().max(8);
        let mut slots: Vec<Box<str>> = vec![Box::from(""); size];
        for w in all.iter().filter(|w| !w.is_empty()) {
            let mut i = caseless_hash(w) & (size - 1);
            while !slots[i].is_empty() {
                i = (i + 1) & (size - 1);
            }
            slots[i] = w.clone();
        }
        Self {
            slots: slots.into_boxed_slice(),
            all,
        }
    }

    /// Is `word`, lowered, in the list?
    pub fn contains(&self, word: &str) -> bool {
        if !word.is_ascii() {
            return self.all.contains(lower(word).as_str());
        }
        if word.is_empty() {
            return self.all.contains("");
        }
        let mask = self.slots.len() - 1;
        let mut i = caseless_hash(word) & mask;
        loop {
            let slot = &self.slots[i];
            if slot.is_empty() {
                return false;
            }
            if slot.len() == word.len() && slot.eq_ignore_ascii_case(word) {
                // Entries are lower case: the word lowered is this entry
                // only if the entry is.
                return slot.bytes().all(|b| !b.is_ascii_uppercase());
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word list as a set, built on first use.
macro_rules! word_set {
    ($name:ident, $list:ident) => {
        static $name: LazyLock<WordSet> = LazyLock::new(|| WordSet::new($list.iter().copied()));
    };
}

word_set!(TERM_CUE_SET, TERM_CUES);
word_set!(TITLE_CUE_SET, TITLE_CUES);
word_set!(ROLE_NOUN_SET, ROLE_NOUNS);
word_set!(FUNCTION_WORD_SET, FUNCTION_WORDS);
word_set!(GIVEN_NAME_SET, GIVEN_NAMES);

/// Not-a-person words with the weekdays and months (May aside).
static NOT_PERSON_SET: LazyLock<WordSet> = LazyLock::new(|| {
    WordSet::new(
        NOT_PERSON_WORDS
            .iter()
            .chain(calendar::WEEKDAYS.iter())
            .chain(calendar::MONTHS.iter().filter(|&&m| m != "may"))
            .copied(),
    )
});

static STOP_WORD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

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

static SPEECH_VERB_FORMS: LazyLock<WordSet> = LazyLock::new(|| {
    let mut set = HashSet::default();
    for v in SPEECH_VERBS {
        inflect(v, &mut set);
    }
    set.extend(IRREGULAR_FORMS.iter().map(|s| s.to_string()));
    WordSet::new(set)
});

/// Is `word` (any case) a form of a speech verb?
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_FORMS.contains(word)
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
    TERM_CUE_SET.contains(word)
}

pub fn is_title_cue(word: &str) -> bool {
    TITLE_CUE_SET.contains(word)
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
    ROLE_NOUN_SET.contains(word.trim_end_matches('.'))
}

/// Honorifics dropped from names (`Dr. Jane Roe` is Jane Roe).
pub fn is_honorific(word: &str) -> bool {
    matches!(
        Lower::of(word.trim_end_matches('.')).as_str(),
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
    if word.is_ascii() {
        return NOT_PERSON_SET.contains(word);
    }
    let w = lower(word);
    NOT_PERSON_SET.contains(w.as_str()) || is_calendar_word(w.as_str())
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
    FUNCTION_WORD_SET.contains(word)
}

/// Personal pronouns that can refer back to a named speaker.
pub fn is_person_pronoun(word: &str) -> bool {
    matches!(Lower::of(word).as_str(), "he" | "she" | "they")
}

/// Words that start an anonymous speaker's description (`one user`, `a resident`).
pub fn is_descriptor_start(word: &str) -> bool {
    matches!(
        Lower::of(word).as_str(),
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
    GIVEN_NAME_SET.contains(word)
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
    fn word_sets_find_any_case_as_a_lowered_lookup_would() {
        let lists: [&[&str]; 6] = [
            TERM_CUES,
            TITLE_CUES,
            ROLE_NOUNS,
            NOT_PERSON_WORDS,
            FUNCTION_WORDS,
            GIVEN_NAMES,
        ];
        for list in lists {
            let set = WordSet::new(list.iter().copied());
            let plain: HashSet<&str> = list.iter().copied().collect();
            for w in list {
                assert_eq!(*w, w.to_lowercase(), "lists are lower case");
                for probe in [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("{w}x"),
                    w.chars().take(w.chars().count() / 2).collect(),
                ] {
                    assert_eq!(
                        set.contains(&probe),
                        plain.contains(Lower::of(&probe).as_str()),
                        "{probe}"
                    );
                }
            }
        }
        for w in ["Émile", "ÉMILE", "\u{212a}ing", "", "x"] {
            assert_eq!(
                GIVEN_NAME_SET.contains(w),
                GIVEN_NAMES.contains(&Lower::of(w).as_str()),
                "{w}"
            );
        }
        for w in ["Monday", "MAY", "may", "March", "marches", "Ünion"] {
            let l = Lower::of(w);
            assert_eq!(
                is_not_person_word(w),
                NOT_PERSON_WORDS.contains(&l.as_str()) || is_calendar_word(l.as_str()),
                "{w}"
            );
        }
    }

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
