/** Words shared by the request form and the request page. */

export const DIRECT_MARKETING = 'direct-marketing';

/** Why a person asks us to stop using their data for now (Art. 18(1) a–d), in their words. */
export const restrictionReasons: Record<string, string> = {
  accuracy: 'I think the data is wrong, while you check it',
  unlawful: 'It is used unlawfully but I want it kept, not deleted',
  'legal-claims': 'You no longer need it but I need it for a legal claim',
  objection: 'I have objected and you are weighing it',
};

export const scopeLabels: Record<string, string> = { everything: 'Everything', some: 'Only some kinds of data' };
