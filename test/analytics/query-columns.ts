/**
 * Extracts the column references of a query text, so that tests can check them against the CloudTrail schema.
 * Deliberately simple: the saved queries are written in a small subset of SQL and of the Logs Insights language.
 */

const SQL_KEYWORDS = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'in', 'is', 'null', 'as', 'group', 'by', 'order', 'desc', 'asc',
  'limit', 'between', 'like',
]);

const INSIGHTS_KEYWORDS = new Set([
  'fields', 'filter', 'stats', 'sort', 'limit', 'display', 'by', 'as', 'and', 'or', 'not', 'in', 'like', 'desc', 'asc',
]);

/** Dotted identifiers that are neither keywords, function names, aliases nor literals. */
function identifiers(text: string, keywords: Set<string>, caseInsensitive: boolean): string[] {
  const aliases = new Set([...text.matchAll(/\bas\s+([A-Za-z_][A-Za-z0-9_]*)/gi)].map((m) => m[1]));
  const found: string[] = [];
  for (const m of text.matchAll(/@?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*(\s*\()?/g)) {
    const [token, call] = [m[0].replace(/\s*\($/, ''), m[1]];
    const word = caseInsensitive ? token.toLowerCase() : token;
    if (call || keywords.has(token.toLowerCase()) || aliases.has(token) || token.startsWith('@')) continue;
    if (/^\d/.test(token)) continue;
    found.push(word);
  }
  return [...new Set(found)];
}

/** Column paths an Athena query reads, without string literals and the quoted table name. */
export function athenaColumns(sql: string): string[] {
  const stripped = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"(\."[^"]*")?/g, ' ').replace(/\?/g, ' ');
  return identifiers(stripped, SQL_KEYWORDS, false);
}

/** Field paths a Logs Insights query reads, without string and regex literals. */
export function insightsFields(query: string): string[] {
  const stripped = query.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/(?:[^/\\\n]|\\.)+\//g, ' ').replace(/\d+/g, ' ');
  return identifiers(stripped, INSIGHTS_KEYWORDS, false);
}
