/**
 * Clauses in an MSP's policy text that UK law overrides, found so the tenant check can warn the
 * operator (the centre applies the law either way, but the published text then promises or
 * claims something it cannot). Plain patterns over sentences: a warning is a prompt to read the
 * clause, not a legal finding.
 */
export interface LawWarning {
  /** Where the text came from (a policy.json path, or a file and line). */
  where: string;
  rule: 'request-fee' | 'consent-by-use' | 'period-over-a-month' | 'privacy-shield';
  /** The sentence that matched, trimmed to 200 characters. */
  clause: string;
  /** What the law says instead, in a line. */
  why: string;
}

const why: Record<LawWarning['rule'], string> = {
  'request-fee':
    'UK GDPR Art. 12(5): requests are free; a reasonable fee only for manifestly unfounded or excessive requests or further copies.',
  'consent-by-use':
    'UK GDPR Art. 4(11) and 7, PECR reg. 6: consent is a clear affirmative act; using a site or sending data is not consent.',
  'period-over-a-month':
    'UK GDPR Art. 12(3): reply within one month of receipt (extendable by two further months only for complex or numerous requests, telling the person within the first month).',
  'privacy-shield':
    'The EU-US Privacy Shield was invalidated in July 2020 (Schrems II): US transfers need the UK Extension to the Data Privacy Framework, the IDTA or the Addendum, with a risk assessment.',
};

const words: Record<string, number> = {
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  sixty: 60,
  ninety: 90,
  two: 2,
  three: 3,
  six: 6,
  eight: 8,
};
const number = (n: string) => Number(n) || words[n.toLowerCase()] || 0;

/** A period to reply that is longer than the legal month (plainly, without counting an extension). */
function overAMonth(sentence: string): boolean {
  // A reply to a request, not how long data is kept ("calls are kept for 3 months").
  if (!/\brequests?\b/i.test(sentence) || /\b(kept|keep|retain(ed)?|stored|destroyed|deleted)\b/i.test(sentence)) return false;
  for (const m of sentence.matchAll(
    /\b(\d+|thirty|forty|forty-five|sixty|ninety|two|three|six|eight)\s+(working\s+|business\s+|calendar\s+)?(days?|weeks?|months?)\b/gi,
  )) {
    const n = number(m[1] as string);
    const unit = (m[3] as string).toLowerCase();
    const working = Boolean(m[2] && /working|business/i.test(m[2]));
    if (unit.startsWith('day') && n > (working ? 20 : 31)) return true;
    if (unit.startsWith('week') && n > 4) return true;
    // "extend by two further months" is the law's own extension, not a longer period.
    if (unit.startsWith('month') && n > 1 && !/\b(extend|further|additional)\b/i.test(sentence)) return true;
  }
  return false;
}

const rules: { rule: LawWarning['rule']; test: (s: string) => boolean }[] = [
  {
    rule: 'request-fee',
    // "Administrative fees may apply" needs no word for a request: it is said of requests.
    test: (s) =>
      ((/\b(fees?|charges?)\b/i.test(s) && /\b(request|access|copy|copies|subject access)\b/i.test(s)) ||
        /\badministrative (fees?|charges?)\b/i.test(s)) &&
      !/\b(free of charge|no (fee|charge)|without (a )?(fee|charge)|not charge)\b/i.test(s) &&
      !/manifestly unfounded|excessive/i.test(s),
  },
  {
    rule: 'consent-by-use',
    test: (s) =>
      /\bby (using|continuing to (use|browse)|browsing|visiting|accessing|submitting|providing)\b/i.test(s) &&
      /\b(consent|agree|agreeing|accept)\b/i.test(s),
  },
  { rule: 'period-over-a-month', test: overAMonth },
  // A sentence that itself says the Shield is gone is the operator's own note, not a claim.
  { rule: 'privacy-shield', test: (s) => /privacy\s+shield/i.test(s) && !/invalidated|no longer valid/i.test(s) },
];

/** Splits text into sentences (a full stop, question or exclamation mark and a space, or a line break). */
const sentences = (text: string) =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The warnings for one piece of text. */
export function lawWarnings(where: string, text: string): LawWarning[] {
  const found: LawWarning[] = [];
  for (const sentence of sentences(text)) {
    for (const { rule, test } of rules) {
      if (test(sentence)) found.push({ where, rule, clause: sentence.slice(0, 200), why: why[rule] });
    }
  }
  return found;
}

/** Every string in a policy.json (its wording, summaries, purposes), each named by its path. */
export function policyStrings(value: unknown, path = ''): { where: string; text: string }[] {
  if (typeof value === 'string') return [{ where: path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => policyStrings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => policyStrings(v, path ? `${path}.${k}` : k));
  }
  return [];
}

/** A whole policy text (the MSP's published policy), line by line so a warning names its line. */
export function textWarnings(file: string, text: string): LawWarning[] {
  return text.split('\n').flatMap((line, i) => lawWarnings(`${file}:${i + 1}`, line));
}
