import { display } from '../../../lib/fields.ts';
import { formatDate } from '../../lib/words.ts';

/** A record's values, a row each: label, then the value as words. */
export function KvTable(props: { rows: readonly (readonly [string, Parameters<typeof display>[0]])[]; caption?: string }) {
  return (
    <table class="kv">
      {props.caption && <caption>{props.caption}</caption>}
      <tbody>
        {props.rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{display(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A person's relationship with the organisation, in words: "Since 1 March 2020, still current". */
export const relationshipWords = (r: { startedOn: string; endedOn?: string | null }, kind?: string) =>
  `${kind ? `${kind}, since` : 'Since'} ${formatDate(r.startedOn)}${r.endedOn ? `, ended ${formatDate(r.endedOn)}` : ', still current'}`;
