/**
 * Characters that change how text is shown without being seen: text-direction embeddings,
 * overrides, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C), zero-width
 * spaces and joiners (U+200B–U+200D, U+2060–U+2064) and the byte-order mark (U+FEFF). In a name
 * they make "Sam Taylor" display as something else, or two names look alike that are not, so
 * names refuse them. No dependencies: the page and the API share it.
 */
const HIDDEN = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

export const hasHiddenCharacters = (value: string): boolean => HIDDEN.test(value);

/** The message for a field that holds one. */
export const hiddenCharactersMessage = (label: string): string =>
  `${label} has hidden characters (text-direction or zero-width marks): type it afresh.`;
