/** A one-line excerpt of a body or frame for a failure message: whitespace folded, cut at `max`. */
export function excerpt(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
