import type { SystemDeclaration } from './declaration.ts';

/**
 * Cross-checks against the rest of the policy: every category a system names must exist, and
 * (when `topicIds` are given) every marketing topic a list carries, and every centre field an
 * object maps (`fields`) must be a field of its category (when the categories' fields are given).
 */
export function systemCategoryIssues(
  systems: readonly SystemDeclaration[],
  categoryIds: readonly string[],
  topicIds?: readonly string[],
  fieldsOf?: (category: string) => readonly string[] | undefined,
): string[] {
  const issues: string[] = [];
  systems.forEach((system, i) => {
    system.lists?.forEach((list, j) => {
      if (topicIds && !topicIds.includes(list.topic))
        issues.push(`field "systems.${i}.lists.${j}.topic": unknown marketing topic "${list.topic}"`);
    });
    system.objects.forEach((mapping, j) => {
      const at = `systems.${i}.objects.${j}`;
      if (!categoryIds.includes(mapping.category)) issues.push(`field "${at}.category": unknown category "${mapping.category}"`);
      for (const key of Object.keys(mapping.fields ?? {})) {
        const { category, field } = centreField(key, mapping.category);
        const known = fieldsOf?.(category);
        if (categoryIds.includes(category) && known && !known.includes(field))
          issues.push(`field "${at}.fields.${key}": the category "${category}" has no field "${field}"`);
        else if (!categoryIds.includes(category)) issues.push(`field "${at}.fields.${key}": unknown category "${category}"`);
      }
      const named = [
        mapping.erasure?.retention,
        ...Object.values(mapping.erasure?.fields ?? {}).map((f) => (f.action === 'keep' ? f.retention : undefined)),
      ];
      for (const retention of named) {
        if (retention && !categoryIds.includes(retention))
          issues.push(`field "${at}.erasure": unknown retention category "${retention}"`);
      }
    });
  });
  return issues;
}

/** A mapped centre field's key (`jobTitle` or `employment.jobTitle`) as category and field. */
export function centreField(key: string, category: string): { category: string; field: string } {
  const dot = key.indexOf('.');
  return dot < 0 ? { category, field: key } : { category: key.slice(0, dot), field: key.slice(dot + 1) };
}
