import type { CorrectionView } from '../../../../../shared/admin-api/systems.ts';
import { Cell } from '../data-table/index.tsx';

/*
 * A rectification's correction across the connected systems: before it is applied there, what
 * will change where (system, record, field, old → new); after, what changed where and what did not.
 */

const stateWords: Record<CorrectionView['lines'][number]['state'], string> = {
  'will-change': 'Will change',
  'already-right': 'Already right',
  changed: 'Changed',
  absent: 'Record gone',
  'not-found': 'Not found there',
  'by-hand': 'By hand',
  unknown: 'Not known yet',
  failed: 'Failed',
  resolved: 'Recorded by hand',
};

const shown = (value: unknown) => (value === null || value === undefined || value === '' ? '(empty)' : `“${String(value)}”`);

export function CorrectionTable(props: { correction: CorrectionView }) {
  const { correction } = props;
  const preview = correction.stage === 'preview';
  // Before it is made the old value is what the field says now; after, it is what it said.
  const before = preview ? 'Now' : 'Was';
  const after = preview ? 'Becomes' : 'Became';
  return (
    <div class="correction" data-testid="correction-preview">
      <table class="data">
        <caption>
          {preview ? 'What the correction will change where' : 'Where the correction was made'}: {correction.label} → “
          {correction.value}”
        </caption>
        <thead>
          <tr>
            <th scope="col">System</th>
            <th scope="col">Record</th>
            <th scope="col">Field there</th>
            <th scope="col">{before}</th>
            <th scope="col">{after}</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {correction.lines.map((line, i) => (
            <tr key={`${line.systemId}-${line.ref ?? ''}-${line.field ?? ''}-${i}`}>
              <th scope="row">{line.systemName}</th>
              {line.field || line.ref ? (
                <>
                  <Cell label="Record" class="mono">
                    {line.ref ?? ''}
                  </Cell>
                  <Cell label="Field there" class="mono">
                    {line.field ?? ''}
                  </Cell>
                  <Cell label={before}>
                    {line.state === 'already-right' ? shown(line.to ?? correction.value) : 'from' in line ? shown(line.from) : ''}
                  </Cell>
                  <Cell label={after}>{line.to !== undefined ? shown(line.to) : ''}</Cell>
                </>
              ) : (
                <Cell label="What is known" colSpan={4}>
                  {line.note}
                </Cell>
              )}
              <Cell label="State">{stateWords[line.state]}</Cell>
            </tr>
          ))}
        </tbody>
      </table>
      {correction.notHolding.length > 0 && (
        <p class="hint">
          Not holding this field, as their declarations say: {correction.notHolding.map((s) => s.systemName).join(', ')}.
        </p>
      )}
    </div>
  );
}
