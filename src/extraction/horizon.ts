import { utcDate } from '../common/dates/utc-date.js';
import type { Span } from './text-spans.js';

/** A time phrase that bounds a prediction, and the deadline it suggests from the document's date. */
export interface Horizon extends Span {
  phrase: string;
  /** YYYY-MM-DD, or null when the phrase names an event, not a time ("before the elections"). */
  deadline: string | null;
  basis: string;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  eighteen: 18,
  twenty: 20,
};
const SEASON_END: Record<string, number> = { spring: 5, summer: 8, autumn: 11, fall: 11, winter: 2 };

const endOfMonth = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0));
const addMonths = (from: Date, months: number) => {
  const target = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + months, 1));
  const day = Math.min(from.getUTCDate(), endOfMonth(target.getUTCFullYear(), target.getUTCMonth()).getUTCDate());
  return new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day));
};

interface Rule {
  pattern: RegExp;
  deadline: (match: RegExpExecArray, from: Date) => { date: Date | null; basis: string };
}

const yearOf = (text: string) => Number(text.replace(/^(?:end-|mid-)/, ''));
const after = (months: number, basis: string) => (_: RegExpExecArray, from: Date) => ({ date: addMonths(from, months), basis });

/** Most specific first: the first rule to match a stretch of text wins it. */
const RULES: Rule[] = [
  {
    pattern:
      /\b(?:by|before|until|till|in|during|at) (?:the )?(first|second|third|fourth|final|last) quarter of (?:(?:the|this) year|(\d{4}))\b/gi,
    deadline: (match, from) => {
      const quarter = { first: 1, second: 2, third: 3, fourth: 4, final: 4, last: 4 }[match[1].toLowerCase()] ?? 4;
      const year = match[2] ? Number(match[2]) : from.getUTCFullYear();
      return { date: endOfMonth(year, quarter * 3 - 1), basis: `end of Q${quarter} ${year}` };
    },
  },
  {
    pattern:
      /\b(?:by|before|until|till|in|during|for) (?:the )?(?:end of |end-|close of )?(january|february|march|april|may|june|july|august|september|october|november|december) (\d{4})\b/gi,
    deadline: (match) => {
      const month = MONTHS.indexOf(match[1].toLowerCase());
      const year = Number(match[2]);
      return { date: endOfMonth(year, month), basis: `end of ${match[1]} ${year}` };
    },
  },
  {
    pattern:
      /\b(?:by|before|until|till|through|in|during|within|over|for) (?:the )?(?:(end|close|middle|beginning|start) of |end-|mid-)?(?:the )?(?:year )?(\d{4})\b/gi,
    deadline: (match) => {
      const year = yearOf(match[2]);
      const word = match[0].toLowerCase();
      if (/\bbefore\b/.test(word) && !/end|close|middle|mid-|beginning|start/.test(word))
        return { date: endOfMonth(year - 1, 11), basis: `before ${year}` };
      if (/middle|mid-/.test(word)) return { date: endOfMonth(year, 5), basis: `mid-${year}` };
      if (/beginning|start/.test(word)) return { date: endOfMonth(year, 2), basis: `start of ${year}` };
      return { date: endOfMonth(year, 11), basis: `end of ${year}` };
    },
  },
  {
    pattern: /\b(?:by|before|until|till) (?:the )?(?:end|close) of (?:the|this) (year|month|decade)\b/gi,
    deadline: (match, from) => {
      const unit = match[1].toLowerCase();
      if (unit === 'month')
        return { date: endOfMonth(from.getUTCFullYear(), from.getUTCMonth()), basis: 'end of the month of publication' };
      if (unit === 'decade') return { date: endOfMonth(Math.floor(from.getUTCFullYear() / 10) * 10 + 9, 11), basis: 'end of the decade' };
      return { date: endOfMonth(from.getUTCFullYear(), 11), basis: 'end of the year of publication' };
    },
  },
  {
    pattern: /\b(?:by|before|until|till|in|during) (?:the )?(spring|summer|autumn|fall|winter)\b/gi,
    deadline: (match, from) => {
      const endMonth = SEASON_END[match[1].toLowerCase()] - 1;
      const year = from.getUTCFullYear() + (endMonth < from.getUTCMonth() ? 1 : 0);
      return { date: endOfMonth(year, endMonth), basis: `end of the ${match[1].toLowerCase()} after publication` };
    },
  },
  {
    pattern:
      /\b(?:within|in|over|during|for) (?:the )?(?:next |coming |following )?(a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen|twenty|\d{1,2}) (day|week|month|year|decade)s?\b/gi,
    deadline: (match, from) => {
      const count = NUMBERS[match[1].toLowerCase()] ?? Number(match[1]);
      const unit = match[2].toLowerCase();
      const months =
        unit === 'year'
          ? count * 12
          : unit === 'decade'
            ? count * 120
            : unit === 'month'
              ? count
              : unit === 'week'
                ? Math.max(1, Math.round(count / 4))
                : 1;
      return { date: addMonths(from, months), basis: `${count} ${unit}${count === 1 ? '' : 's'} after publication` };
    },
  },
  {
    pattern: /\bnext year\b/gi,
    deadline: (_, from) => ({ date: endOfMonth(from.getUTCFullYear() + 1, 11), basis: 'end of the year after publication' }),
  },
  {
    pattern: /\bnext (month|quarter|decade)\b/gi,
    deadline: (match, from) => {
      const unit = match[1].toLowerCase();
      if (unit === 'month')
        return { date: endOfMonth(from.getUTCFullYear(), from.getUTCMonth() + 1), basis: 'end of the month after publication' };
      if (unit === 'quarter') {
        const nextQuarterEnd = Math.floor(from.getUTCMonth() / 3) * 3 + 5;
        return { date: endOfMonth(from.getUTCFullYear(), nextQuarterEnd), basis: 'end of the quarter after publication' };
      }
      return { date: endOfMonth(Math.floor(from.getUTCFullYear() / 10) * 10 + 19, 11), basis: 'end of the decade after publication' };
    },
  },
  {
    pattern: /\b(?:this|the current) year\b/gi,
    deadline: (_, from) => ({ date: endOfMonth(from.getUTCFullYear(), 11), basis: 'end of the year of publication' }),
  },
  {
    pattern: /\b(?:in|over|during) the (?:coming|next|following) (?:few )?weeks\b|\bin the weeks ahead\b|\bshortly\b|\bimminent(?:ly)?\b/gi,
    deadline: after(3, 'three months after publication'),
  },
  {
    pattern:
      /\b(?:in|over|during) the (?:coming|next|following) (?:few )?months\b|\bin the months ahead\b|\bin the months to come\b|\bsoon\b/gi,
    deadline: after(6, 'six months after publication'),
  },
  {
    // "faces a tougher year ahead": the year ahead as an object (round 11).
    pattern:
      /\b(?:in|over|during) the (?:coming|next) year\b|\bin the year ahead\b|\b(?:a|the)\s+(?:[\w-]+\s+)?year\s+ahead\b|\bwithin the year\b/gi,
    deadline: after(12, 'a year after publication'),
  },
  {
    pattern: /\b(?:in|over) the (?:short|near) (?:term|run)\b|\bnear-term\b|\bshort-term\b/gi,
    deadline: after(12, 'near term: a year after publication'),
  },
  {
    pattern: /\b(?:in|over) the medium (?:term|run)\b|\bmedium-term\b/gi,
    deadline: after(36, 'medium term: three years after publication'),
  },
  {
    pattern: /\b(?:in|over|during) the (?:coming|next|following) (?:few )?years\b|\bin the years ahead\b|\bin the years to come\b/gi,
    deadline: after(36, 'three years after publication'),
  },
  {
    pattern: /\b(?:in|over) the long (?:term|run)\b|\blong-term\b|\beventually\b|\bin the future\b/gi,
    deadline: after(60, 'long term: five years after publication'),
  },
  { pattern: /\b(?:in|over|during) the (?:coming|next) (?:few )?decades?\b/gi, deadline: after(120, 'ten years after publication') },
  {
    pattern:
      /\b(?:before|after|until|by) (?:the )?(?:next |upcoming |coming |presidential |parliamentary |general |local )*(?:elections?|vote|referendum|summit)\b/gi,
    deadline: () => ({ date: null, basis: 'tied to an event: set the deadline from its date' }),
  },
];

/**
 * Time phrases in a span with the deadline each suggests, counted from the document's date. With
 * several, the last deadline is the horizon of the whole claim ("peak in Q1 and settle below 2%
 * next year" → end of next year).
 */
export function findHorizons(text: string, span: Span, publishedOn: Date): Horizon[] {
  const found: Horizon[] = [];
  const taken: Span[] = [];
  const slice = text.slice(span.start, span.end);
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (let match = rule.pattern.exec(slice); match; match = rule.pattern.exec(slice)) {
      const start = span.start + match.index;
      const end = start + match[0].length;
      if (taken.some((other) => start < other.end && other.start < end)) continue;
      const { date, basis } = rule.deadline(match, publishedOn);
      taken.push({ start, end });
      found.push({
        start,
        end,
        phrase: match[0],
        deadline: date && date > publishedOn ? utcDate(date) : null,
        basis: date && date <= publishedOn ? 'already past at publication' : basis,
      });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The horizon of a claim: its latest dated phrase, else its first undated one. */
export function horizonOf(horizons: readonly Horizon[]): Horizon | null {
  const dated = horizons.filter((horizon) => horizon.deadline);
  if (dated.length) return dated.reduce((latest, horizon) => (horizon.deadline! > latest.deadline! ? horizon : latest));
  return horizons[0] ?? null;
}
