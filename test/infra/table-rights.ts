import type { Template } from 'aws-cdk-lib/assertions';

/**
 * What a function's role may do on the table, as sorted `dynamodb:<Action> on table|index` lines,
 * from its Allow statements however IAM policy minimisation merged them (the stream's rights,
 * which the event source mapping adds, left out).
 */
export function tableRights(template: Template, fn: { properties: any }): string[] {
  const role = fn.properties.Role['Fn::GetAtt'][0];
  const [table] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
  const statements = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
  ).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
  const rights = new Set<string>();
  for (const statement of statements.filter((s: any) => s.Effect === 'Allow')) {
    for (const action of [statement.Action].flat() as string[]) {
      if (!action.startsWith('dynamodb:')) continue;
      for (const resource of [statement.Resource].flat()) {
        const text = JSON.stringify(resource);
        if (!text.includes(table!) || text.includes('StreamArn')) continue;
        rights.add(`${action} on ${text.includes('/index/*') ? 'index' : 'table'}`);
      }
    }
  }
  return [...rights].sort();
}
