import { describe, expect, it } from 'vitest';
import { renderEvidencePack } from '../admin/evidence.ts';
import { chainOk, completedAccess, ctx, staff } from '../admin/evidence-fixtures.ts';
import { renderSummary } from '../exports/summary.tsx';
import { controllerName } from './controller-name.ts';

const sameNames = { ...ctx.tenant, name: 'Instant On IT', legalName: 'Instant On IT' };

describe('the data controller, named once', () => {
  it('gives the legal name and the trading name when they differ, one name when they are the same', () => {
    expect(controllerName({ legalName: 'Inflection Point MSP Ltd', name: 'Inflection Point' })).toBe(
      'Inflection Point MSP Ltd (Inflection Point)',
    );
    expect(controllerName({ legalName: 'Instant On IT', name: 'Instant On IT' })).toBe('Instant On IT');
  });

  it('never says "Instant On IT (Instant On IT)" in an evidence pack', () => {
    const html = renderEvidencePack({
      ctx: { ...ctx, tenant: sameNames },
      request: completedAccess,
      subject: { id: 'sub-1', email: 'sam@example.com', name: 'Sam' },
      events: [],
      staffNames: staff,
      chain: chainOk,
      generatedAt: '2026-06-01T10:00:00.000Z',
    });
    expect(html).toContain('Instant On IT, data controller.');
    expect(html).not.toContain('Instant On IT (Instant On IT)');
  });

  it('never says it in an export summary either', () => {
    const html = renderSummary({
      tenant: sameNames,
      request: completedAccess,
      subject: {
        id: 'sub-1',
        tenant: sameNames.slug,
        email: 'sam@example.com',
        relationship: { startedOn: '2025-01-01' },
        createdAt: '2025-01-01T00:00:00.000Z',
        version: 1,
      },
      kind: 'access',
      tally: { counts: new Map(), extraKeys: new Map(), unknown: [], name: 'Sam' },
      generatedAt: new Date('2026-06-01T10:00:00.000Z'),
    });
    expect(html).toContain('that Instant On IT, the data controller');
    expect(html).not.toContain('Instant On IT (Instant On IT)');
  });
});
