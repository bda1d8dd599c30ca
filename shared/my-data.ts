import { ukDate } from './deadlines.ts';
import type { ConsentEvent, DataRecord, RightsRequest, Subject } from './entities.ts';
import { describeConsentEvent } from './marketing/history.ts';
import { CONSENT_CATEGORY } from './marketing/preferences.ts';
import { deletionDate, undeterminedReason } from './policy/retention.ts';
import type { Category, LawfulBasis, Said, TenantConfig } from './policy/schema.ts';
import { type RequestView, requestView } from './requests/view.ts';

/** Whose words a statement is, for the subject: nothing where it is the MSP's own policy. */
export function saidWords(said: Said | undefined): string {
  if (!said || said.by === 'msp') return '';
  return said.by === 'operator'
    ? 'Set by the operator of this centre: the policy does not say.'
    : 'The centre’s default: the policy does not say.';
}

/** Contact details that are not the policy's own (an operator's placeholder), as the person is told. */
export function contactSaid(said: Said | undefined): string | undefined {
  if (!said || said.by === 'msp') return undefined;
  return `${said.by === 'operator' ? 'Given by the operator of this centre' : 'The centre’s default'}, not the organisation’s policy: ${said.why}`;
}

export const lawfulBasisLabels: Record<LawfulBasis, string> = {
  consent: 'Consent',
  contract: 'Contract',
  'legal-obligation': 'Legal obligation',
  'vital-interests': 'Vital interests',
  'public-task': 'Public task',
  'legitimate-interests': 'Legitimate interests',
};

/** What UK GDPR Art. 15 says the person is told of a category of their data: the same on their page and in their export. */
export function categoryFacts(category: Category) {
  return {
    id: category.id,
    name: category.name,
    description: category.description,
    purpose: category.purpose,
    lawfulBasis: {
      code: category.lawfulBasis,
      label: lawfulBasisLabels[category.lawfulBasis],
      detail: category.lawfulBasisDetail,
    },
    source: category.source,
    recipients: category.recipients,
  };
}

export interface MyCategory {
  id: string;
  name: string;
  description: string;
  purpose: string;
  lawfulBasis: { code: LawfulBasis; label: string; detail: string; said: string };
  source: string;
  recipients: string[];
  /** In scope for a portability request. */
  providedBySubject: boolean;
  /** `said`: empty where the words are the MSP's own; otherwise whose they are. */
  retention: { summary: string; nextDeletionOn: string | null; note: string; said: string };
  fields: {
    id: string;
    label: string;
    kind: Category['fields'][number]['kind'];
    editable: boolean;
    required: boolean;
    ownedBy?: string;
  }[];
  records: { id: string; recordedOn: string; deleteOn: string | null; overdue: boolean; data: DataRecord['data'] }[];
}

export interface MyData {
  subject: { id: string; email: string; name: string };
  version: number;
  requests: RequestView[];
  categories: MyCategory[];
  /** Where the data goes outside the UK (the policy's transfer statement). */
  transfers: string;
  /** The policy's own words on automated decisions and profiling, where it has any. */
  automatedDecisions?: string;
}

/**
 * Everything held about a subject, grouped by the tenant's categories, with the UK GDPR
 * Art. 15 information next to each category. `today` is the UK date.
 */
export function buildMyData(
  config: TenantConfig,
  subject: Subject,
  stored: DataRecord[],
  today: string,
  requests: RightsRequest[] = [],
  consents: ConsentEvent[] = [],
): MyData {
  const records = [...stored, ...consentRecords(config, consents)];
  const identity = records.find((r) => r.category === 'identity');
  const name = [identity?.data.firstName, identity?.data.lastName].filter(Boolean).join(' ');
  const categories = config.categories.map((category): MyCategory => {
    const mine = records
      .filter((r) => r.category === category.id)
      .sort((a, b) => b.recordedOn.localeCompare(a.recordedOn))
      .map((r) => {
        const deleteOn = deletionDate(category.retention.rule, r.recordedOn, subject);
        return { id: r.id, recordedOn: r.recordedOn, deleteOn, overdue: deleteOn !== null && deleteOn <= today, data: r.data };
      });
    const dates = mine
      .map((r) => r.deleteOn)
      .filter((d): d is string => d !== null)
      .sort();
    const facts = categoryFacts(category);
    return {
      ...facts,
      lawfulBasis: { ...facts.lawfulBasis, said: saidWords(category.said?.lawfulBasis) },
      providedBySubject: category.providedBySubject,
      retention: {
        summary: category.retention.summary,
        said: saidWords(category.said?.retention),
        nextDeletionOn: dates[0] ?? null,
        note: dates.length === 0 && mine.length > 0 ? undeterminedReason(category.retention.rule) : '',
      },
      fields: category.fields.map((f) => ({
        id: f.id,
        label: f.label,
        kind: f.kind,
        editable: f.editable && f.kind !== 'email',
        required: f.required,
        ...(f.ownedBy ? { ownedBy: f.ownedBy } : {}),
      })),
      records: mine,
    };
  });
  return {
    subject: { id: subject.id, email: subject.email, name: name || subject.email },
    version: subject.version,
    requests: [...requests].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).map((r) => requestView(config, r, today)),
    categories,
    transfers: config.transfers,
    ...(config.automatedDecisions ? { automatedDecisions: config.automatedDecisions } : {}),
  };
}

/** The category that holds marketing choices shows the live consent ledger, not a copy of it. */
export { CONSENT_CATEGORY };

export function consentRecords(config: TenantConfig, consents: ConsentEvent[]): DataRecord[] {
  if (!config.categories.some((c) => c.id === CONSENT_CATEGORY)) return [];
  return consents.map((e) => ({
    id: e.id,
    category: CONSENT_CATEGORY,
    recordedOn: ukDate(e.at),
    data: {
      topic: e.topic === '*' ? 'All marketing' : (config.marketing.topics.find((t) => t.id === e.topic)?.name ?? e.topic),
      channel: e.channel === '*' ? 'All channels' : e.channel,
      choice: e.granted ? 'Yes' : 'No',
      method: describeConsentEvent(config, e),
      wording: e.wording,
    },
  }));
}
