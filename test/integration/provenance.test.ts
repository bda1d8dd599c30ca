import { describe, expect, it } from 'vitest';
import { useTestCentre } from '../support/centre.ts';
import { signedIn } from '../support/sign-in.ts';

/**
 * Issue 15, "say only what the policy says": what the person reads tells the MSP's words from the
 * centre's. Northgate IT's policy names no company or contact, so its contact details are the
 * operator's placeholders and the page says so; IT-MK's are its own. "Your data" shows the
 * policy's transfer statement (The One Point: nothing leaves the UK), not only the export.
 */
const s = useTestCentre({}, 60_000);

const tenantOf = async (slug: string) => (await s.centre.app.request(`/api/t/${slug}`)).json();

describe('whose words the person reads', () => {
  it('marks placeholder contact details as the operator’s, in words, and leaves an MSP’s own unmarked', async () => {
    const northgate = await tenantOf('northgate-it');
    expect(northgate.contact.said).toMatch(
      /^Given by the operator of this centre, not the organisation’s policy: The policy names no company/,
    );
    const itMk = await tenantOf('it-mk');
    expect(itMk.contact).not.toHaveProperty('said');
    expect(itMk.contact.email).toBeDefined();
  });

  it('shows the transfer statement on "your data", and whose words each retention period and basis are', async () => {
    const http = await signedIn(s.centre, 'the-one-point', 'alex.morgan@example.com');
    const me = await (await http.get('/api/t/the-one-point/me')).json();
    expect(me.transfers).toMatch(/^None\. The One Point does not transfer data outside the UK/);
    const enquiries = me.categories.find((c: { id: string }) => c.id === 'enquiries');
    expect(enquiries.retention.said).toBe('The centre’s default: the policy does not say.');
    // The One Point's policy names the basis for its services (contract), not for handling enquiries.
    expect(enquiries.lawfulBasis.said).toBe('Set by the operator of this centre: the policy does not say.');
    const identity = me.categories.find((c: { id: string }) => c.id === 'identity');
    expect(identity.lawfulBasis).toMatchObject({ code: 'contract', said: '' });
  });

  it('says for every category of every tenant whose words its lawful basis is', () => {
    for (const tenant of s.centre.deps.tenants.list()) {
      for (const category of tenant.categories) {
        const said = category.said?.lawfulBasis;
        expect(said, `${tenant.slug}/${category.id}`).toBeDefined();
        if (said?.by === 'msp') expect(said.quote.length, `${tenant.slug}/${category.id}`).toBeGreaterThan(20);
      }
    }
  });
});
