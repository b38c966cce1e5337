// pg ships no types for its internal Result class, which prisma.config.ts patches (see there).
declare module 'pg/lib/result.js' {
  const Result: { prototype: object };
  export default Result;
}
