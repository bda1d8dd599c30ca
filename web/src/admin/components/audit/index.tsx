import type { Ctx } from '../../lib/admin-client.ts';
import { ChainCheck } from './chain-check.tsx';
import { Trail } from './trail.tsx';

/** The audit trail: the chain check for every role; reading and exporting the events for admins. */
export function Audit(props: { ctx: Ctx }) {
  return (
    <>
      <ChainCheck ctx={props.ctx} />
      {props.ctx.me.can.readAudit ? (
        <Trail ctx={props.ctx} />
      ) : (
        <p class="hint">Only an admin of this centre can read and export the events themselves.</p>
      )}
    </>
  );
}
