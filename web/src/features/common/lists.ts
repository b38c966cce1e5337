/** A page of a list as the API answers it ({ data, page: { nextCursor } }), or a plain array (older routes). */
export interface ListPage<T> {
  data: T[];
  page?: { nextCursor?: string | null; limit?: number };
}

export function itemsOf<T>(body: ListPage<T> | T[] | { items: T[]; nextCursor?: string | null }): {
  items: T[];
  nextCursor: string | null;
} {
  if (Array.isArray(body)) return { items: body, nextCursor: null };
  if ('items' in body) return { items: body.items, nextCursor: body.nextCursor ?? null };
  return { items: body.data, nextCursor: body.page?.nextCursor ?? null };
}
