import { describe, expect, it } from 'vitest';
import { NewRequest, RequestAnswer, RequestWithdrawal } from './portal-api.ts';

const messages = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('the words of a too-long text in a request form', () => {
  it('says a 3,000-character question about an automated decision is too long, not that it is missing', () => {
    const long = 'Why was my application turned down? '.repeat(84).slice(0, 3000);
    const result = NewRequest.safeParse({ kind: 'automated-decision', decision: long, question: long });
    expect(messages(result)).toEqual({
      decision: 'Keep the decision under 2,000 characters',
      question: 'Keep your question under 2,000 characters',
    });
  });

  it('still says an empty question is missing', () => {
    const result = NewRequest.safeParse({ kind: 'automated-decision', decision: 'x', question: '   ' });
    expect(messages(result)).toEqual({ question: 'Please tell us your question' });
  });

  it('names the field for the other required texts that are too long', () => {
    const long = 'x'.repeat(2001);
    expect(messages(NewRequest.safeParse({ kind: 'rectification', field: long, value: long }))).toEqual({
      field: 'Keep the description of what is wrong under 2,000 characters',
      value: 'Keep the correct value under 2,000 characters',
    });
    expect(messages(NewRequest.safeParse({ kind: 'objection', processing: long }))).toEqual({
      processing: 'Keep the use you object to under 2,000 characters',
    });
  });

  it('answers a too-long answer or withdrawal message in words, not zod defaults', () => {
    expect(messages(RequestAnswer.safeParse({ message: 'x'.repeat(5001) }))).toEqual({
      message: 'Keep your answer under 5,000 characters',
    });
    expect(messages(RequestWithdrawal.safeParse({ message: 'x'.repeat(2001) }))).toEqual({
      message: 'Keep it under 2,000 characters',
    });
  });
});
