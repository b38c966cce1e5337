/**
 * The API counts quote offsets in code points (as PostgreSQL's substr does); JavaScript strings index
 * UTF-16 units. These convert between the two for one text (identical unless it has astral characters).
 */
export function offsetConverters(text: string) {
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      astral = true;
      break;
    }
  }
  if (!astral) return { toUtf16: (cp: number) => cp, toCodePoints: (utf16: number) => utf16 };
  const cpToUnit: number[] = [];
  const unitToCp: number[] = [];
  let cp = 0;
  for (let i = 0; i < text.length; cp++) {
    cpToUnit[cp] = i;
    const width = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    for (let k = 0; k < width; k++) unitToCp[i + k] = cp;
    i += width;
  }
  cpToUnit[cp] = text.length;
  unitToCp[text.length] = cp;
  return { toUtf16: (c: number) => cpToUnit[c] ?? text.length, toCodePoints: (u: number) => unitToCp[u] ?? cp };
}
