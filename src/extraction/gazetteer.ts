import { GAZETTEER, type EntityKind } from './gazetteer-data.js';

export interface EntityMention {
  name: string;
  kind: EntityKind;
  start: number;
  end: number;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One alternation, longest alias first, so "European Central Bank" wins over "European"… and "U.S." over "US".
const ALIASES = GAZETTEER.flatMap((entry) => entry.aliases.map((alias) => ({ alias, entry }))).sort(
  (a, b) => b.alias.length - a.alias.length,
);
const ENTRY_OF_ALIAS = new Map(ALIASES.map(({ alias, entry }) => [alias, entry]));
const PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${ALIASES.map(({ alias }) => escape(alias)).join('|')})(?![\\p{L}\\p{N}]|\\.\\p{L})`,
  'gu',
);

/** Entities named in the text between start and end, in order of appearance. */
export function findEntities(text: string, start = 0, end = text.length): EntityMention[] {
  const mentions: EntityMention[] = [];
  PATTERN.lastIndex = start;
  for (let match = PATTERN.exec(text); match && match.index < end; match = PATTERN.exec(text)) {
    const entry = ENTRY_OF_ALIAS.get(match[0]);
    if (!entry || match.index + match[0].length > end) continue;
    // "opposition" and "Union" are common words: only as named groups (lower-case "opposition" after "the").
    mentions.push({ name: entry.name, kind: entry.kind, start: match.index, end: match.index + match[0].length });
  }
  return mentions;
}

/** Actors (states, organisations, people, groups) and regions (states and regions) named in a span, each once. */
export function actorsAndRegions(text: string, start: number, end: number): { actors: string[]; regions: string[] } {
  const mentions = findEntities(text, start, end);
  const actors = [...new Set(mentions.filter((mention) => mention.kind !== 'region').map((mention) => mention.name))];
  const regions = [
    ...new Set(mentions.filter((mention) => mention.kind === 'state' || mention.kind === 'region').map((mention) => mention.name)),
  ];
  return { actors, regions };
}
