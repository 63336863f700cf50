/** A pattern where each `*` stands for any run of characters, and everything else for itself, case-sensitive. */
export function wildcardRegex(pattern: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${pattern.split('*').map(literal).join('.*')}$`, 's');
}
