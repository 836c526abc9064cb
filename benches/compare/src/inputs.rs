//! The five benchmark inputs, generated deterministically (a fixed-seed
//! PRNG), so every run and every decoder sees the same bytes.

use std::io::Write;

/// A generated input: the bytes a server would send, and how many responses
/// they hold.
pub struct Input {
    /// The response stream.
    pub bytes: Vec<u8>,
    /// Number of responses in `bytes`.
    pub responses: usize,
}

/// xorshift64*: small, fast and good enough to vary test data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    /// One element of `items`.
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// (a) `count` small FETCH responses:
/// `* n FETCH (UID u FLAGS (\Seen \Answered) MODSEQ (m))`.
pub fn small_fetches(count: usize) -> Input {
    let mut rng = Rng::new(0xA);
    let mut out = Vec::with_capacity(count * 72);
    let mut uid = 1000u64;
    for n in 1..=count {
        uid += 1 + rng.below(3);
        let modseq = 1_000_000 + rng.below(9_000_000);
        write!(out, "* {n} FETCH (UID {uid} FLAGS (\\Seen \\Answered) MODSEQ ({modseq}))\r\n").unwrap();
    }
    Input { bytes: out, responses: count }
}

/// (b) `count` FETCH responses with UID, FLAGS, a realistic ENVELOPE and a
/// nested BODYSTRUCTURE: multipart/mixed of multipart/alternative
/// (text/plain, text/html), a PDF attachment with disposition and
/// parameters, and a message/rfc822 part with its own envelope and body.
pub fn envelope_fetches(count: usize) -> Input {
    let mut rng = Rng::new(0xB);
    let mut out = Vec::with_capacity(count * 2200);
    let mut uid = 50_000u64;
    for n in 1..=count {
        uid += 1 + rng.below(5);
        let flags = rng.pick(&["\\Seen", "\\Seen \\Answered", "", "\\Seen \\Flagged $Forwarded", "$Junk NonJunk"]);
        write!(out, "* {n} FETCH (UID {uid} FLAGS ({flags}) ENVELOPE ").unwrap();
        envelope(&mut out, &mut rng, n);
        out.extend_from_slice(b" BODYSTRUCTURE (");
        // multipart/alternative
        out.extend_from_slice(b"(");
        let (plain, html) = (800 + rng.below(20_000), 3000 + rng.below(60_000));
        write!(
            out,
            "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\" \"FORMAT\" \"flowed\") NIL NIL \"QUOTED-PRINTABLE\" {plain} {} NIL NIL NIL NIL)",
            plain / 60
        )
        .unwrap();
        write!(
            out,
            "(\"TEXT\" \"HTML\" (\"CHARSET\" \"utf-8\") NIL NIL \"QUOTED-PRINTABLE\" {html} {} NIL NIL NIL NIL)",
            html / 70
        )
        .unwrap();
        write!(out, " \"ALTERNATIVE\" (\"BOUNDARY\" \"=_alt_{n:08x}\") NIL NIL NIL)").unwrap();
        // the attachment
        let file = format!("{}-{n}.pdf", rng.pick(&["report", "invoice", "minutes", "Q3 figures", "scan"]));
        let size = 10_000 + rng.below(2_000_000);
        write!(
            out,
            "(\"APPLICATION\" \"PDF\" (\"NAME\" \"{file}\") NIL \"{} attachment\" \"BASE64\" {size} NIL \
             (\"ATTACHMENT\" (\"FILENAME\" \"{file}\" \"SIZE\" \"{}\")) NIL NIL)",
            rng.pick(&["PDF", "Scanned", "Signed"]),
            size * 3 / 4
        )
        .unwrap();
        // the forwarded message
        let inner = 400 + rng.below(8000);
        write!(out, "(\"MESSAGE\" \"RFC822\" NIL NIL \"Forwarded message\" \"7BIT\" {} ", inner + 900).unwrap();
        envelope(&mut out, &mut rng, n + 1_000_000);
        write!(
            out,
            " (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" {inner} {} NIL NIL NIL NIL) {} NIL (\"INLINE\" NIL) NIL NIL)",
            inner / 64,
            inner / 64 + 20
        )
        .unwrap();
        write!(out, " \"MIXED\" (\"BOUNDARY\" \"=_mixed_{n:08x}\") NIL (\"EN\") NIL))\r\n").unwrap();
    }
    Input { bytes: out, responses: count }
}

const FIRST: &[&str] = &["Alice", "Bob", "Chloe", "Dmitri", "Erin", "Farah", "Gustavo", "Hiroshi", "Ines", "Jamal"];
const LAST: &[&str] = &["Smith", "O'Brien", "Nakamura", "van der Berg", "Okafor", "Garcia", "Nguyen", "Kowalski"];
const DOMAINS: &[&str] = &["example.com", "mail.example.org", "corp.example.net", "lists.example.edu"];
const WORDS: &[&str] = &[
    "quarterly",
    "report",
    "meeting",
    "notes",
    "re:",
    "fwd:",
    "budget",
    "draft",
    "review",
    "the",
    "plan",
    "update",
    "\"urgent\"",
    "invoice",
    "#4711",
    "schedule",
    "for",
    "next",
    "week",
];

/// An ENVELOPE: date, subject, from, sender, reply-to, to, cc, bcc,
/// in-reply-to, message-id.
fn envelope(out: &mut Vec<u8>, rng: &mut Rng, n: usize) {
    let day = rng.pick(&["Mon", "Tue", "Wed", "Thu", "Fri"]);
    write!(
        out,
        "(\"{day}, {} Mar 2024 {:02}:{:02}:{:02} +0100\" ",
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60)
    )
    .unwrap();
    let words = 3 + rng.below(8);
    let subject: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
    quoted(out, &subject.join(" "));
    out.push(b' ');
    let from = address_list(rng, 1);
    out.extend_from_slice(&from);
    out.push(b' ');
    out.extend_from_slice(&from); // sender
    out.push(b' ');
    out.extend_from_slice(&from); // reply-to
    out.push(b' ');
    let to = 1 + rng.below(4) as usize;
    out.extend_from_slice(&address_list(rng, to));
    out.push(b' ');
    let cc = rng.below(4) as usize;
    out.extend_from_slice(&address_list(rng, cc));
    out.extend_from_slice(b" NIL ");
    if rng.below(2) == 0 {
        write!(out, "\"<{:x}.{}@{}>\"", rng.next(), n - 1, rng.pick(DOMAINS)).unwrap();
    } else {
        out.extend_from_slice(b"NIL");
    }
    write!(out, " \"<{:x}.{n}@{}>\")", rng.next(), rng.pick(DOMAINS)).unwrap();
}

/// A parenthesised list of `count` addresses, or NIL for none.
fn address_list(rng: &mut Rng, count: usize) -> Vec<u8> {
    if count == 0 {
        return b"NIL".to_vec();
    }
    let mut out = b"(".to_vec();
    for _ in 0..count {
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        out.push(b'(');
        match rng.below(4) {
            0 => out.extend_from_slice(b"NIL"),
            1 => quoted(&mut out, &format!("{last}, {first} \"{}\"", &first[..1])),
            _ => quoted(&mut out, &format!("{first} {last}")),
        }
        let mailbox: String = format!("{first}.{last}").chars().filter(char::is_ascii_alphanumeric).collect();
        out.extend_from_slice(b" NIL ");
        quoted(&mut out, &mailbox.to_ascii_lowercase());
        out.push(b' ');
        quoted(&mut out, rng.pick(DOMAINS));
        out.push(b')');
    }
    out.push(b')');
    out
}

/// A quoted string, with `"` and `\` escaped (ASCII only: strict IMAP4rev1
/// parsers reject 8-bit quoted strings).
fn quoted(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    for b in s.bytes() {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// (c) One `* SEARCH` response with `count` ascending UIDs.
pub fn search(count: usize) -> Input {
    let mut rng = Rng::new(0xC);
    let mut out = Vec::with_capacity(count * 8 + 16);
    out.extend_from_slice(b"* SEARCH");
    let mut uid = 0u64;
    for _ in 0..count {
        uid += 1 + rng.below(19);
        write!(out, " {uid}").unwrap();
    }
    out.extend_from_slice(b"\r\n");
    Input { bytes: out, responses: 1 }
}

/// (e) `count` FETCH responses as a mail client's list view asks for them:
/// `* n FETCH (UID u BODY[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)]
/// {k}` and a literal of a few hundred bytes holding those header lines.
pub fn header_fetches(count: usize) -> Input {
    let mut rng = Rng::new(0xE);
    let mut out = Vec::with_capacity(count * 400);
    let mut uid = 7_000u64;
    let mut header = Vec::with_capacity(512);
    for n in 1..=count {
        uid += 1 + rng.below(4);
        header.clear();
        let (first, last) = (rng.pick(FIRST), rng.pick(LAST));
        let domain = rng.pick(DOMAINS);
        write!(header, "From: {first} {last} <{}.{}@{domain}>\r\n", first.to_lowercase(), last.to_lowercase()).unwrap();
        write!(header, "To: {} <{}@{}>\r\n", rng.pick(FIRST), rng.pick(FIRST).to_lowercase(), rng.pick(DOMAINS)).unwrap();
        let words = 3 + rng.below(10);
        let subject: Vec<&str> = (0..words).map(|_| rng.pick(WORDS)).collect();
        write!(header, "Subject: {}\r\n", subject.join(" ")).unwrap();
        write!(header, "Date: Tue, {} Mar 2026 {:02}:{:02}:{:02} +0100\r\n", 1 + rng.below(28), rng.below(24), rng.below(60), rng.below(60)).unwrap();
        write!(header, "Message-ID: <{:x}.{n}@{domain}>\r\n\r\n", rng.next()).unwrap();
        write!(out, "* {n} FETCH (UID {uid} BODY[HEADER.FIELDS (FROM TO SUBJECT DATE MESSAGE-ID)] {{{}}}\r\n", header.len()).unwrap();
        out.extend_from_slice(&header);
        out.extend_from_slice(b")\r\n");
    }
    Input { bytes: out, responses: count }
}

/// (d) One FETCH response carrying a `size`-byte `BODY[]` literal: a
/// message of 76-character text lines.
pub fn literal(size: usize) -> Input {
    let mut rng = Rng::new(0xD);
    let mut out = Vec::with_capacity(size + 64);
    write!(out, "* 1 FETCH (UID 4242 BODY[] {{{size}}}\r\n").unwrap();
    let body_start = out.len();
    out.extend_from_slice(b"From: Alice <alice@example.com>\r\nSubject: big\r\n\r\n");
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut column = 0;
    while out.len() - body_start < size {
        let word = rng.next();
        for i in 0..10 {
            out.push(ALPHABET[(word >> (i * 6)) as usize & 63]);
            column += 1;
            if column == 76 {
                out.extend_from_slice(b"\r\n");
                column = 0;
            }
        }
    }
    out.truncate(body_start + size);
    out.extend_from_slice(b")\r\n");
    Input { bytes: out, responses: 1 }
}
