import { describe, expect, it } from 'vitest';
import { lawWarnings, policyStrings, textWarnings } from './law-check.ts';

const rules = (text: string) => lawWarnings('t', text).map((w) => w.rule);

describe('clauses UK law overrides', () => {
  it('flags an administrative fee for a request, but not a free one or the law’s own exception', () => {
    expect(rules('An administrative fee of £10 is payable for each subject access request.')).toEqual(['request-fee']);
    expect(rules('We may charge a fee to provide a copy of your data.')).toEqual(['request-fee']);
    // Inflection Point's policy: said of requests without the word (the sentence before names them).
    expect(rules('Administrative fees may apply.')).toEqual(['request-fee']);
    expect(rules('We will provide this information free of charge within 30 days.')).toEqual([]);
    expect(rules('We may charge a reasonable fee if a request is manifestly unfounded or excessive.')).toEqual([]);
    expect(rules('Our support fee is £40 an hour.')).toEqual([]);
  });

  it('flags consent by using the site or sending data', () => {
    expect(rules('By using our sites, submitting your personal information to us, you consent to the use of it.')).toEqual([
      'consent-by-use',
    ]);
    expect(rules('By submitting your personal data, you’re agreeing to this transfer.')).toEqual(['consent-by-use']);
    expect(rules('By continuing to browse you accept our cookies.')).toEqual(['consent-by-use']);
    expect(rules('By continuing to use this site you accept our cookies.')).toEqual(['consent-by-use']);
    expect(rules('We ask for your consent before sending newsletters.')).toEqual([]);
  });

  it('flags a fixed period to reply longer than the legal month, not the month or its extension', () => {
    expect(rules('We will respond to your request within 40 days.')).toEqual(['period-over-a-month']);
    expect(rules('Requests are processed within 30 working days.')).toEqual(['period-over-a-month']);
    expect(rules('We will reply to requests within six weeks.')).toEqual(['period-over-a-month']);
    expect(rules('We will provide all the data within one calendar month.')).toEqual([]);
    expect(rules('We will provide it within 30 days.')).toEqual([]);
    expect(rules('We may extend this by a further two months for complex requests.')).toEqual([]);
    expect(rules('Call recordings are kept for 3 months.')).toEqual([]);
    expect(rules('All data will be destroyed upon request or at the end of an agreement plus up to 6 months.')).toEqual([]);
  });

  it('flags transfers justified by Privacy Shield', () => {
    expect(rules('Our US provider is certified under the EU-US Privacy Shield.')).toEqual(['privacy-shield']);
    expect(rules('Transfers rely on the UK International Data Transfer Agreement.')).toEqual([]);
    expect(rules('Note: Privacy Shield was invalidated in July 2020, so that statement is out of date.')).toEqual([]);
  });

  it('names where each clause is: a policy.json path, or a file and line', () => {
    const found = policyStrings({
      categories: [{ purpose: 'ok' }, { retention: { summary: 'We are certified under Privacy Shield.' } }],
    }).flatMap((s) => lawWarnings(s.where, s.text));
    expect(found).toEqual([expect.objectContaining({ where: 'categories[1].retention.summary', rule: 'privacy-shield' })]);
    expect(textWarnings('p.txt', 'Hello.\nAn admin fee of £25 applies to each access request.').map((w) => w.where)).toEqual([
      'p.txt:2',
    ]);
  });
});
