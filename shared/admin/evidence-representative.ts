import { formatUkDate } from '../dates.ts';
import type { RightsRequest, StaffMember } from '../entities.ts';
import { actorName } from './detail.ts';

const capacityText: Record<string, string> = {
  parent: 'A parent, for their child',
  guardian: 'A guardian',
  solicitor: 'A solicitor',
  attorney: 'An attorney (power of attorney)',
  other: 'Someone else with authority',
};

/**
 * The evidence pack's section on someone acting for the person: who, in what capacity, what gave
 * them authority, and how (and when, by whom) staff checked it, or that no check is recorded.
 * Nothing when the person asked themselves.
 */
export function representativeEvidence(
  r: Pick<RightsRequest, 'onBehalf'>,
  staff: StaffMember[],
  esc: (value: string | undefined) => string,
): string {
  const rep = r.onBehalf;
  if (!rep) return '';
  const row = (label: string, html: string) => `<tr><th scope="row">${esc(label)}</th><td>${html}</td></tr>`;
  const checkedBy = rep.checkedBy ? actorName({ type: 'staff', id: rep.checkedBy }, staff) : undefined;
  return `<h2>Acting for the person</h2><table><tbody>${[
    row('Who', `${esc(rep.name)}${rep.email ? `, answers to ${esc(rep.email)}` : ''}`),
    row('Capacity', esc(capacityText[rep.capacity] ?? rep.capacity)),
    row('Authority', esc(rep.authority)),
    row(
      'How it was checked',
      rep.checked
        ? `${esc(rep.checked)}${checkedBy && rep.checkedOn ? ` (recorded by ${esc(checkedBy)} on ${esc(formatUkDate(rep.checkedOn))})` : ''}`
        : '<strong>No check of their authority was recorded.</strong>',
    ),
    row(
      'Recorded by',
      rep.recordedBy === 'staff' ? 'Staff, when logging the request' : 'The requester, on the privacy centre’s form',
    ),
  ].join('')}</tbody></table>`;
}
