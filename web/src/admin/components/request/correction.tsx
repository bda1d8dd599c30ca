import type { CorrectionView } from '../../../../../shared/admin-api/systems.ts';

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
  return (
    <div class="correction" data-testid="correction-preview">
      <h3>
        {preview ? 'What the correction will change where' : 'Where the correction was made'}: {correction.label} → “
        {correction.value}”
      </h3>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">System</th>
              <th scope="col">Record</th>
              <th scope="col">Field there</th>
              <th scope="col">Now</th>
              <th scope="col">Becomes</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {correction.lines.map((line, i) => (
              <tr key={`${line.systemId}-${line.ref ?? ''}-${line.field ?? ''}-${i}`}>
                <td>{line.systemName}</td>
                {line.field || line.ref ? (
                  <>
                    <td class="mono">{line.ref ?? ''}</td>
                    <td class="mono">{line.field ?? ''}</td>
                    <td>
                      {line.state === 'already-right'
                        ? shown(line.to ?? correction.value)
                        : 'from' in line
                          ? shown(line.from)
                          : ''}
                    </td>
                    <td>{line.to !== undefined ? shown(line.to) : ''}</td>
                  </>
                ) : (
                  <td colSpan={4}>{line.note}</td>
                )}
                <td>{stateWords[line.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {correction.notHolding.length > 0 && (
        <p class="hint">
          Not holding this field, as their declarations say: {correction.notHolding.map((s) => s.systemName).join(', ')}.
        </p>
      )}
    </div>
  );
}
